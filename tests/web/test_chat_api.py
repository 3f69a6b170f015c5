"""The chat API over HTTP, in this process: what reaches Rasa, what the page gets back,
and a clear 4xx/5xx JSON answer for everything that cannot be served."""
from __future__ import annotations

import asyncio
import json

import pytest

from ops.stack import free_port
from tests.web.conftest import new_conversation


def test_a_message_reaches_rasa_and_the_replies_come_back_marked(client, rasa):
    rasa.body = [{"recipient_id": "x", "text": "آپ کی کونسل", "english": "Your council"}]
    conversation_id, headers = new_conversation(client)
    answer = client.post("/api/chat", json={"message": "hello\x00"}, headers=headers)
    assert answer.status == 200
    assert answer.json == {"messages": [{"recipient_id": "x", "text": "آپ کی کونسل",
                                         "dir": "rtl"}]}
    assert rasa.received == [{"sender": conversation_id, "message": "hello"}]


def test_worker_mode_sends_the_organisation_and_gets_the_english(client, rasa):
    rasa.body = [{"text": "Ja", "english": "Yes"}]
    _, headers = new_conversation(client)
    answer = client.post("/api/chat", headers=headers, json={
        "message": "tak", "english": True, "worker": {"organisation": "Saheli Hub"}})
    assert answer.json["messages"] == [{"text": "Ja", "english": "Yes", "dir": "ltr"}]
    assert rasa.received[0]["metadata"] == {"worker_organisation": "Saheli Hub"}


@pytest.mark.parametrize("raw, status, words", [
    (b"{not json", 400, "Send a JSON object"),
    (b'{"message": "\xff\xfe\xfa"}', 400, "not valid UTF-8"),
    (b'{"message": "\\udc80"}', 400, "no readable text"),
    (b'{"message": "' + b"a" * 2001 + b'"}', 413, "too long"),
    (b'{"message": 7}', 400, "must be text"),
])
def test_a_bad_body_is_a_clear_json_error_and_nothing_reaches_rasa(client, rasa, raw, status,
                                                                  words):
    _, headers = new_conversation(client)
    answer = client.post("/api/chat", content=raw, headers=headers)
    assert answer.status == status
    assert answer.headers["content-type"] == "application/json"
    assert words in answer.json["error"]
    assert rasa.received == []


def _post_too_much(client, headers) -> tuple[int, bytes]:
    """POST a body past the 64 KB limit as a browser would announce it (Content-Length)
    and read what the server answers. Sanic refuses from the header, before reading the
    body, and closes the connection; an HTTP client still writing the body then sees the
    connection closed instead of the answer (CI saw that twice). So this speaks HTTP on a
    plain connection, on the app's own event loop: headers and the first bytes of the body,
    then it reads the answer to the end."""
    async def ask() -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", client.reusable.port)
        head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        writer.write((f"POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\n{head}"
                      f"Content-Type: application/json\r\nContent-Length: {65 * 1024}\r\n"
                      "\r\n").encode() + b"x" * 1024)
        await writer.drain()
        answer = await asyncio.wait_for(reader.read(-1), timeout=20)
        writer.close()
        return answer

    answer = client.loop.run_until_complete(ask())
    status = int(answer.split(b" ", 2)[1])
    return status, answer.partition(b"\r\n\r\n")[2]


def test_a_body_past_the_request_limit_is_refused(client, rasa):
    _, headers = new_conversation(client)
    status, body = _post_too_much(client, headers)
    assert status == 413, body[:200]
    assert json.loads(body)["error"] == "Request body exceeds the size limit"
    assert rasa.received == []


@pytest.mark.parametrize("authorization", [None, "Bearer nonsense", "Basic abc"])
def test_without_the_conversation_token_it_is_403(client, rasa, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    answer = client.post("/api/chat", json={"message": "hi"}, headers=headers)
    assert answer.status == 403
    assert "Authorization: Bearer" in answer.json["error"]
    assert rasa.received == []


@pytest.mark.parametrize("status, body", [(500, {"message": "boom"}), (200, b"<html>"),
                                          (200, {"not": "a list"})])
def test_when_rasa_fails_the_page_gets_502_in_plain_words(client, rasa, status, body):
    rasa.status, rasa.body = status, body
    _, headers = new_conversation(client)
    answer = client.post("/api/chat", json={"message": "hi"}, headers=headers)
    assert answer.status == 502
    assert answer.json == {"error": "The assistant could not answer just now. Please try again."}


def test_when_rasa_is_down_the_page_gets_503(settings_for_tests):
    from tests.web.conftest import Client
    from web.server import create_app

    app = create_app(settings_for_tests.but(rasa_url=f"http://127.0.0.1:{free_port()}"),
                     name="web_rasa_down")
    client = Client(app)
    try:
        _, headers = new_conversation(client)
        answer = client.post("/api/chat", json={"message": "hi"}, headers=headers)
    finally:
        client.close()
    assert answer.status == 503
    assert "not reachable" in answer.json["error"]


def test_the_language_menu_names_each_language_in_itself(client):
    menu = {entry["code"]: entry for entry in client.get("/api/languages").json}
    assert sorted(menu) == ["ar", "bn", "en", "pa", "pl", "ro", "so", "ur"]
    assert menu["ur"] == {"code": "ur", "name": "اردو", "dir": "rtl"}
