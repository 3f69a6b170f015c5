"""Finding 11: odd addresses and numbers get a 4xx, never a 500."""
from __future__ import annotations

import pytest

from tests.security.web_app import web, web_on_any_database  # noqa: F401 - fixtures


@pytest.mark.parametrize("path", ["/static/", "/static/js", "/static/js/", "/static/a%00b",
                                  "/static/js/%00", "/static/%2e%2e/server.py",
                                  "/static/..%2fserver.py", "/static/chat.css%00.js"])
def test_static_directories_and_nul_bytes_are_not_found(web, path):
    """Finding 11: GET /static/, /static/js (IsADirectoryError) and a NUL in a static
    path (ValueError) were 500s."""
    response = web.get(path)
    assert response.status in (400, 404), (path, response.status)


def test_a_real_static_file_is_still_served(web):
    """Finding 11: the guard must not stop the page's own files."""
    response = web.get("/static/js/chat.js")
    assert response.status == 200
    assert "javascript" in response.headers["content-type"]


@pytest.mark.parametrize("after", ["9" * 30, str(2 ** 63), "-1", "1e9", " 12", "0x10"])
def test_a_huge_or_malformed_cursor_is_a_clear_400(web_on_any_database, after):
    """Finding 11: a huge integer in after= (OverflowError on SQLite, out of range on
    PostgreSQL) was a 500 once the resident had a case."""
    web = web_on_any_database
    resident = web.resident()
    assert resident.chat(message="hello").status == 200
    web.adviser_says(resident.conversation_id, "Hello, I'm Hafsa.")
    response = resident.updates(after=after)
    assert response.status == 400, (after, response.status, response.text[:200])
    assert "'after'" in response.json["error"]


def test_the_largest_cursor_still_works(web_on_any_database):
    """Finding 11: the bound is the database's, not lower: a cursor at the limit is fine."""
    web = web_on_any_database
    resident = web.resident()
    assert resident.chat(message="hello").status == 200
    web.adviser_says(resident.conversation_id, "Hello, I'm Hafsa.")
    assert resident.updates(after=0).json["messages"][0]["text"] == "Hello, I'm Hafsa."
    response = resident.updates(after=str(2 ** 63 - 1))
    assert response.status == 200 and response.json["messages"] == []
