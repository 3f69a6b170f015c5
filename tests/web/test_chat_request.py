"""The chat API's pure parts, without a server: what a request says, how replies are shown."""
from __future__ import annotations

import json

import pytest
from sanic.exceptions import InvalidUsage

from web.chat import MAX_MESSAGE_CHARS, ChatRequest, parse_chat_request, present
from web.errors import Refused


def body(**fields: object) -> bytes:
    return json.dumps(fields).encode()


def test_a_message_is_cleaned_and_the_worker_fields_read():
    asked = parse_chat_request(body(message="cafe\u0301 \u202eopen\x00", english=True,
                                    worker={"organisation": "Saheli\n Hub"}))
    assert asked == ChatRequest("caf\u00e9 open", "Saheli Hub", True)
    assert asked.for_rasa("abc") == {"sender": "abc", "message": "caf\u00e9 open",
                                     "metadata": {"worker_organisation": "Saheli Hub"}}


def test_without_worker_mode_nothing_extra_goes_to_rasa():
    asked = parse_chat_request(body(message="hello", english="yes"))
    assert asked == ChatRequest("hello", None, False)  # only `true` asks for the English
    assert asked.for_rasa("abc") == {"sender": "abc", "message": "hello"}


@pytest.mark.parametrize("raw, words", [
    (b"", "Send a JSON object"),
    (b"{not json", "Send a JSON object"),
    (b'["hello"]', "Send a JSON object"),
    (b'"hello"', "Send a JSON object"),
    (b'{"message": "caf\xe9"}', "not valid UTF-8"),
    (b"{}", "'message' is missing"),
    (b'{"message": 42}', "'message' must be text, not a number"),
    (b'{"message": null}', "'message' must be text, not null"),
    (b'{"message": "  \\n "}', "'message' is empty"),
    (b'{"message": "\\ud800\\u202e\\u0000"}', "'message' has no readable text"),
])
def test_a_bad_request_says_what_is_wrong(raw, words):
    with pytest.raises(InvalidUsage) as refused:
        parse_chat_request(raw)
    assert refused.value.status_code == 400
    assert words in str(refused.value)


def test_a_message_past_the_limit_is_413_and_at_the_limit_is_fine():
    assert parse_chat_request(body(message="a" * MAX_MESSAGE_CHARS)).message == "a" * 2000
    with pytest.raises(Refused) as refused:
        parse_chat_request(body(message="a" * (MAX_MESSAGE_CHARS + 1)))
    assert refused.value.status_code == 413
    assert str(refused.value) == "'message' is too long: keep it under 2000 characters."


def test_a_utf16_body_is_still_read():
    """json.loads reads UTF-16 with a byte-order mark, as the API always has."""
    assert parse_chat_request('{"message": "سلام"}'.encode("utf-16")).message == "سلام"


def test_replies_get_their_direction_and_lose_the_english_outside_worker_mode():
    sent = [{"text": "آپ کی کونسل", "english": "Your council"}, {"text": "Hello"},
            {"image": "x.png"}, "not a dict"]
    assert present(sent, wants_english=False) == [
        {"text": "آپ کی کونسل", "dir": "rtl"}, {"text": "Hello", "dir": "ltr"},
        {"image": "x.png"}, "not a dict"]
    assert present(sent, wants_english=True)[0] == {
        "text": "آپ کی کونسل", "english": "Your council", "dir": "rtl"}
    assert sent[0] == {"text": "آپ کی کونسل", "english": "Your council"}  # left as sent
