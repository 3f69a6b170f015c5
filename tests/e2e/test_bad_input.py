"""Bad input gets a kind reply (200) or a clear error (4xx), never a 5xx, and the
servers keep answering afterwards."""
from __future__ import annotations

import uuid

import pytest
import requests

from tests.e2e.web_client import WebConversation

pytestmark = pytest.mark.e2e

BAD_BODIES = [
    # (name, body, expected status): 200 means a kind reply, 4xx a clear error.
    ("empty text", {"message": ""}, 200),
    ("only spaces", {"message": "   \n\t "}, 200),
    ("20,000 characters", {"message": "help " * 4000}, 413),
    ("html and script", {"message": "<script>alert('x')</script><b>hi</b>"}, 200),
    ("sql-looking", {"message": "'; DROP TABLE events; --"}, 200),
    ("emoji and control characters", {"message": "🙂\u0000\u202e\ufeff"}, 200),
    ("not text", {"message": 12345}, 400),
    ("no message", {}, 400),
]


def post_raw(url: str, data: bytes, headers: dict[str, str] | None = None) -> requests.Response:
    return requests.post(url, data=data, headers={"Content-Type": "application/json",
                                                  **(headers or {})}, timeout=60)


@pytest.mark.parametrize("name, body, status", BAD_BODIES, ids=[b[0] for b in BAD_BODIES])
def test_rest_channel_bad_input(stack, name, body, status):
    url = f"http://127.0.0.1:{stack.ports.rasa}/webhooks/rest/webhook"
    response = requests.post(url, json={"sender": uuid.uuid4().hex, **body}, timeout=60)
    assert response.status_code == status, (name, response.status_code, response.text[:300])
    if status == 200:
        replies = response.json()
        assert replies and all(m.get("text") or m.get("buttons") for m in replies)
        assert not any("<script>" in m.get("text", "") for m in replies)
    else:
        assert response.json()["message"]  # says what is wrong


@pytest.mark.parametrize("raw", [b"{not json", b"", b"[1,2,3]", b"null", b"\xff\xfe",
                                 b'{"sender": ["a"], "message": "hi"}'])
def test_rest_channel_malformed_json(stack, raw):
    url = f"http://127.0.0.1:{stack.ports.rasa}/webhooks/rest/webhook"
    response = post_raw(url, raw)
    assert response.status_code == 400, (raw, response.status_code, response.text[:300])
    assert response.json()["message"]


@pytest.mark.parametrize("body, status", [
    (b"{not json", 400),
    (b'{"message": ""}', 400),
    (b'{"message": 42}', 400),
    (b'{"message": "' + b"x" * 3000 + b'"}', 413),
])
def test_web_api_bad_input_gets_a_clear_error(stack, body, status):
    web = f"http://127.0.0.1:{stack.ports.web}"
    response = post_raw(f"{web}/api/chat", body, headers=WebConversation(web).headers)
    assert response.status_code == status
    assert response.json()["error"]


@pytest.mark.parametrize("body", [b'{"sender": "abcdefgh12", "message": "hi"}',
                                  b'{"sender": "../../etc", "message": "hi"}'])
def test_web_api_refuses_a_conversation_it_did_not_issue(stack, body):
    response = post_raw(f"http://127.0.0.1:{stack.ports.web}/api/chat", body)
    assert response.status_code == 403
    assert response.json()["error"]


def test_servers_keep_answering_after_bad_input(stack):
    url = f"http://127.0.0.1:{stack.ports.rasa}/webhooks/rest/webhook"
    response = requests.post(url, json={"sender": uuid.uuid4().hex, "message": "hello"},
                             timeout=60)
    assert response.status_code == 200
    assert response.json()[0]["text"].startswith("Hello, I'm Home Navigator.")
