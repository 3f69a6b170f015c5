"""Finding 8: the conversation id is issued by the server, signed, and checked on every
chat and relay call."""
from __future__ import annotations

import os
import stat
import uuid

import pytest

from tests.security.web_app import web  # noqa: F401 - fixture


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def new_conversation(web) -> tuple[str, str]:
    """POST /api/chat/session, as the page does before its first message."""
    response = web.post("/api/chat/session")
    assert response.status == 200, response.text[:300]
    assert response.headers.get("cache-control") == "no-store"
    return response.json["conversation_id"], response.json["token"]


def tampered(token: str) -> list[str]:
    conversation_id, signature = token.split(".")
    flip = lambda s, i: s[:i] + ("A" if s[i] != "A" else "B") + s[i + 1:]  # noqa: E731
    other_id = uuid.uuid4().hex
    return [flip(token, len(token) - 1), flip(token, 0).lower(), f"{other_id}.{signature}",
            conversation_id, f"{conversation_id}.", token + "A", f"{token}.{signature}"]


def test_another_residents_id_reads_nothing_of_their_adviser_chat(web):
    """Finding 8: with another resident's id, GET /api/chat/updates returned the
    adviser's messages to them."""
    victim = uuid.uuid4().hex  # a resident's id, however the attacker learnt it
    web.adviser_says(victim, "Your case reference is HN-ABC123.")
    response = web.get("/api/chat/updates", params={"sender": victim, "after": 0})
    assert response.status == 403
    assert "HN-ABC123" not in response.text

    # Another resident's own valid token does not open the victim's conversation either.
    _, attacker_token = new_conversation(web)
    response = web.get("/api/chat/updates", params={"sender": victim, "after": 0},
                       headers=bearer(attacker_token))
    assert response.status == 200 and response.json["messages"] == []
    assert "HN-ABC123" not in response.text


def test_a_chosen_id_cannot_post_into_someone_elses_conversation(web):
    """Finding 8: posting with another resident's id put lines into the adviser's transcript."""
    victim = uuid.uuid4().hex
    response = web.post("/api/chat", json={"sender": victim, "message": "I withdraw my case"})
    assert response.status == 403
    assert web.rasa.received == []

    _, attacker_token = new_conversation(web)
    response = web.post("/api/chat", json={"sender": victim, "message": "I withdraw my case"},
                        headers=bearer(attacker_token))
    assert response.status == 200
    assert [r["sender"] for r in web.rasa.received] != [victim]


def test_a_valid_token_chats_and_reads_its_own_adviser_messages(web):
    """Finding 8: the control keeps the chat working: the id inside the token is the one
    Rasa and the adviser relay see."""
    conversation_id, token = new_conversation(web)
    response = web.post("/api/chat", json={"message": "hello"}, headers=bearer(token))
    assert response.status == 200, response.text[:300]
    assert response.json["messages"][0]["text"].startswith("Hello")
    assert web.rasa.received[-1]["sender"] == conversation_id

    web.adviser_says(conversation_id, "I'm Hafsa, an adviser.")
    update = web.get("/api/chat/updates", params={"after": 0}, headers=bearer(token))
    assert update.status == 200
    assert [m["text"] for m in update.json["messages"]] == ["I'm Hafsa, an adviser."]


def test_each_session_is_a_new_conversation(web):
    """Finding 8: ids come from the server, unguessable, never twice."""
    ids = {new_conversation(web)[0] for _ in range(3)}
    assert len(ids) == 3 and all(len(i) == 32 for i in ids)


def test_a_tampered_or_missing_token_is_refused(web):
    """Finding 8: a token changed in any way, or none at all, gets 403 on chat and updates."""
    conversation_id, token = new_conversation(web)
    web.adviser_says(conversation_id, "Private words.")
    for bad in [*tampered(token), "null", "undefined"]:
        chat = web.post("/api/chat", json={"message": "hello"}, headers=bearer(bad))
        updates = web.get("/api/chat/updates", params={"after": 0}, headers=bearer(bad))
        assert (chat.status, updates.status) == (403, 403), bad
        assert "Private words" not in updates.text
    for header in [token, f"Basic {token}", "Bearer"]:
        assert web.post("/api/chat", json={"message": "hi"},
                        headers={"Authorization": header}).status == 403
    assert web.rasa.received == []


def test_a_token_from_another_secret_is_refused(web, monkeypatch):
    """Finding 8: the signature is the server's: a token made with another key is refused."""
    _, token = new_conversation(web)
    monkeypatch.setenv("WEB_SECRET_KEY", "another secret, at least thirty-two characters")
    from web.server import create_app
    other = create_app(None, name=f"web_other_{uuid.uuid4().hex[:8]}")
    _request, response = other.test_client.post("/api/chat", json={"message": "hi"},
                                                 headers=bearer(token))
    assert response.status == 403


def test_without_a_configured_key_one_is_made_once_and_kept_private(tmp_path, monkeypatch):
    """Finding 8: the key is shared by web processes (made once in a 0600 file when
    WEB_SECRET_KEY is unset), so a reload on another replica keeps the conversation."""
    from web.conversation_token import conversation_of, issue, load_secret

    monkeypatch.delenv("WEB_SECRET_KEY", raising=False)
    monkeypatch.setenv("WEB_SECRET_KEY_FILE", str(tmp_path / "var" / "web-secret.key"))
    first = load_secret()
    assert stat.S_IMODE(os.stat(tmp_path / "var" / "web-secret.key").st_mode) == 0o600
    conversation_id, token = issue(first)
    assert conversation_of(load_secret(), token) == conversation_id
    assert list((tmp_path / "var").iterdir()) == [tmp_path / "var" / "web-secret.key"]


def test_a_short_configured_key_stops_the_server(monkeypatch):
    """Finding 8: a guessable key would let anyone sign ids; refuse to start with one."""
    from web.conversation_token import load_secret

    monkeypatch.setenv("WEB_SECRET_KEY", "secret")
    with pytest.raises(SystemExit, match="too short"):
        load_secret()
