"""One exception handler for the whole app: JSON for the APIs, a small HTML page for
browsers, and never a traceback or a word of the code's own in the answer."""
from __future__ import annotations

import logging

import pytest
from sanic import Sanic
from sanic.exceptions import NotFound

from tests.web.conftest import Client

SECRET = "connection string postgresql://navigator:hunter2@db"


@pytest.fixture
def failing_client(app: Sanic):
    """The app with routes that fail as a bug would, under each kind of path."""

    async def broken(_request):
        raise RuntimeError(SECRET)

    async def not_here(_request):
        raise NotFound("No <script>alert(1)</script> here.")

    for path in ("/api/broken", "/console/api/broken", "/broken"):
        app.get(path, name=path.replace("/", "_"))(broken)
    app.get("/not-here")(not_here)
    running = Client(app)
    yield running
    running.close()


@pytest.mark.parametrize("path", ["/api/broken", "/console/api/broken"])
def test_an_api_bug_is_a_500_in_json_without_the_details(failing_client, caplog, path):
    with caplog.at_level(logging.ERROR):
        answer = failing_client.get(path)
    assert answer.status == 500
    assert answer.json == {"error": "Something went wrong on our side. Please try again "
                                    "in a moment."}
    assert "hunter2" not in answer.text and "Traceback" not in answer.text
    logged = [r for r in caplog.records if r.name == "web.errors"]
    assert logged and logged[0].exc_info[1].args == (SECRET,)  # the log has it all


def test_a_page_bug_is_a_500_page_without_the_details(failing_client):
    answer = failing_client.get("/broken")
    assert answer.status == 500
    assert answer.headers["content-type"].startswith("text/html")
    assert "<h1>Internal Server Error</h1>" in answer.text
    assert "Something went wrong on our side" in answer.text
    assert "hunter2" not in answer.text and "RuntimeError" not in answer.text


@pytest.mark.parametrize("path, kind", [
    ("/api/nothing-here", "application/json"), ("/console/api/nothing", "application/json"),
    ("/nothing-here", "text/html"), ("/console/nothing", "text/html"),
    ("/static/js", "text/html"), ("/api/interface/xx", "application/json")])
def test_not_found_is_json_for_apis_and_html_elsewhere(client, path, kind):
    answer = client.get(path)
    assert answer.status == 404
    assert answer.headers["content-type"].startswith(kind)
    if kind == "application/json":
        assert answer.json["error"]
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_a_script_asking_for_json_gets_json_anywhere(client):
    answer = client.get("/nothing-here", headers={"Accept": "application/json"})
    assert answer.status == 404 and "error" in answer.json


def test_the_error_page_escapes_what_it_shows(failing_client):
    answer = failing_client.get("/not-here")
    assert answer.status == 404
    assert "<p>No &lt;script&gt;alert(1)&lt;/script&gt; here.</p>" in answer.text


def test_a_control_character_in_the_address_is_400(client):
    answer = client.get("/api/chat%00")
    assert answer.status == 400
    assert answer.json == {"error": "The address contains a control character."}
