"""Finding 14: clear error messages, nosniff and a Content-Security-Policy on every
response, and quiet logs for a missing static file."""
from __future__ import annotations

import logging

import pytest

from tests.security.web_app import web  # noqa: F401 - fixture


@pytest.mark.parametrize("message, expected", [
    (42, "'message' must be text"),
    (["hi"], "'message' must be text"),
    (None, "'message' must be text"),
    ("   ", "'message' is empty"),
])
def test_a_bad_message_is_named_for_what_is_wrong(web, message, expected):
    """Finding 14: {"message": 42} got "The message is empty."; say what is wrong."""
    response = web.resident().chat(message=message)
    assert response.status == 400
    assert expected in response.json["error"]


def test_a_missing_message_is_named(web):
    """Finding 14: no 'message' at all says so."""
    response = web.resident().chat()
    assert response.status == 400 and "'message' is missing" in response.json["error"]


@pytest.mark.parametrize("path", ["/api/languages", "/healthz", "/api/interface/en",
                                  "/api/interface/xx", "/static/chat.css",
                                  "/static/js/chat.js", "/static/missing.js", "/no-such-page",
                                  "/embed.js", "/", "/api/chat/updates?after=x"])
def test_every_response_says_nosniff_and_has_a_policy(web, path):
    """Finding 14: the JSON API and static files lacked X-Content-Type-Options: nosniff
    and a Content-Security-Policy."""
    response = web.get(path)
    assert response.headers.get("x-content-type-options") == "nosniff", path
    policy = response.headers.get("content-security-policy") or ""
    assert "default-src" in policy and "frame-ancestors" in policy, (path, policy)


def test_json_answers_may_load_nothing(web):
    """Finding 14: a JSON answer opened as a page runs and loads nothing."""
    policy = web.get("/api/languages").headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy


def test_a_chat_error_also_says_nosniff(web):
    """Finding 14: error answers of the chat API carry the same headers."""
    response = web.post("/api/chat", data=b"{not json")
    assert response.status in (400, 403)
    assert response.headers.get("x-content-type-options") == "nosniff"
    assert "default-src 'none'" in response.headers.get("content-security-policy", "")


@pytest.mark.parametrize("path", ["/static/missing.js", "/static/%2e%2e/server.py",
                                  "/static/js", "/static/"])
def test_a_missing_static_file_is_not_an_error_in_the_log(web, caplog, path):
    """Finding 14: every static 404 was logged at ERROR, burying real errors."""
    with caplog.at_level(logging.DEBUG):
        response = web.get(path)
    assert response.status == 404
    errors = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert errors == [], [(r.name, r.getMessage()[:120]) for r in errors]
