"""Issue 11, finding 7: one malformed character switched the crisis check off, and an
action server that fails, errors or hangs left a resident in crisis with no numbers.

A resident in crisis must always get 999 and the national helplines: whatever they
type, whichever other check fails, and when the action server cannot answer at all
(then Rasa's REST channel itself sends them, in the resident's language).
"""
from __future__ import annotations

import time

import pytest

from tests.assistant import Resident
from tests.fakes.action_server import rasa_with_fake_actions

SUICIDAL = "I want to kill myself"
LONE_SURROGATE = "\ud800"


def has_crisis_numbers(reply: str) -> bool:
    return "999" in reply and "116 123" in reply


# --- Without processes: the order of the checks, and text nothing can read -----------

class FakeTracker:
    def __init__(self, text: str):
        self.sender_id = "fake-resident"
        self.latest_message = {"text": text, "intent": {"name": "nlu_fallback"}}
        self.slots: dict = {"language": "en"}

    def get_slot(self, name: str):
        return self.slots.get(name)


def test_no_other_check_can_skip_the_crisis_check(monkeypatch):
    """Finding 7: the crisis check runs first, and an exception in the language check or
    the adviser check is logged and skipped: the crisis reply is still sent."""
    import actions.every_message as every_message

    def broken(_tracker):
        raise UnicodeEncodeError("utf-8", LONE_SURROGATE, 0, 1, "surrogates not allowed")

    ran: list[str] = []

    def crisis_check(tracker):
        ran.append("crisis")
        return [{"event": "slot", "name": "crisis", "value": "suicidal"}]

    sent: list[str] = []
    monkeypatch.setattr(every_message, "understand_language", broken)
    monkeypatch.setattr(every_message, "check_adviser", broken)
    monkeypatch.setattr(every_message, "check_safety", crisis_check)
    monkeypatch.setattr(every_message, "send_safety_reply",
                        lambda dispatcher, tracker, phrases: sent.append("crisis reply") or [])
    monkeypatch.setattr(every_message, "Phrasebook", lambda domain, language: None)
    import asyncio

    events = asyncio.run(every_message.ActionValidateSlotMappings().run(
        None, FakeTracker(SUICIDAL), {"responses": {}}))
    assert ran == ["crisis"]
    assert {"event": "slot", "name": "crisis", "value": "suicidal"} in events
    assert sent == ["crisis reply"]


def test_language_identification_never_raises_on_invalid_text():
    """Finding 7: a lone surrogate made lingua raise UnicodeEncodeError in
    actions/language_id.py, which failed the whole every-message action."""
    from actions.language_id import LanguageIdentifier

    identifier = LanguageIdentifier({"en": ["I need a house", "hello there"],
                                     "pl": ["potrzebuję mieszkania", "dzień dobry"]})
    assert identifier.identify(SUICIDAL + LONE_SURROGATE).language == "en"
    assert identifier.identify(LONE_SURROGATE).language is None


def test_the_assistant_unavailable_reply_names_999_in_every_language():
    """Finding 7: the reply Rasa sends when the action server cannot answer carries 999
    and the Samaritans number in all eight languages (numbers from the shipped contacts)."""
    from bot.assistant_unavailable import text_in
    from knowledge.languages import LANGUAGES

    for code in LANGUAGES:
        assert has_crisis_numbers(text_in(code)), code
        assert "{" not in text_in(code), code


# --- The whole assistant: invalid text through the REST channel and the web API -------

@pytest.mark.e2e
def test_lone_surrogate_through_the_rest_channel_still_gets_the_numbers(stack):
    """Finding 7: a suicidal message ending in a lone surrogate got "I'm not completely
    sure what you mean"; it must get the crisis numbers."""
    reply = Resident(stack, "lone-surrogate-rest").reply(SUICIDAL + LONE_SURROGATE)
    assert has_crisis_numbers(reply), reply
    assert "not completely sure" not in reply


@pytest.mark.e2e
def test_lone_surrogate_through_the_web_api_still_gets_the_numbers(stack):
    """Finding 7: the same message sent to the chat page's API."""
    from tests.e2e.web_client import WebConversation

    answer = WebConversation(f"http://127.0.0.1:{stack.ports.web}").post(SUICIDAL + LONE_SURROGATE)
    assert answer.status_code == 200, answer.text[:300]
    reply = "\n".join(m.get("text", "") for m in answer.json()["messages"])
    assert has_crisis_numbers(reply), reply


# --- Rasa with an action server that fails ---------------------------------------------

@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    yield from rasa_with_fake_actions(tmp_path_factory.mktemp("faulty-actions"))


def expected(language: str) -> str:
    from bot.assistant_unavailable import text_in

    return text_in(language)


@pytest.mark.e2e
@pytest.mark.parametrize("mode", ["error", "drop"])
def test_failing_action_server_still_gives_the_numbers(broken, mode):
    """Finding 7: when the action server answers 500 or drops the connection, Rasa used
    to answer [] (or an unrelated reply): the resident gets 999 and the helplines."""
    rasa, fake = broken
    fake.set(mode)
    reply = Resident(rasa, f"failing-{mode}").reply(SUICIDAL)
    assert has_crisis_numbers(reply), reply
    assert expected("en") in reply


@pytest.mark.e2e
def test_failing_action_server_answers_in_the_language_of_the_message(broken):
    """Finding 7: a message in Urdu script gets the reply in Urdu."""
    rasa, fake = broken
    fake.set("error")
    reply = Resident(rasa, "failing-urdu").reply("میں خودکشی کرنا چاہتا ہوں، میری مدد کریں")
    assert expected("ur") in reply, reply


@pytest.mark.e2e
def test_failing_action_server_answers_in_the_conversation_language(broken):
    """Finding 7: a conversation already recognised as Polish gets the reply in Polish,
    whatever the words of the failing message."""
    rasa, fake = broken
    resident = Resident(rasa, "failing-polish")
    fake.set("ok", language="pl")
    resident.say("Dzień dobry, potrzebuję pomocy z mieszkaniem")
    fake.set("error")
    assert expected("pl") in resident.reply(SUICIDAL)


@pytest.mark.e2e
def test_hanging_action_server_still_gives_the_numbers_in_time(broken):
    """Finding 7: an action server that never answers (Rasa waited five minutes) gives
    way after ACTION_SERVER_TIMEOUT_SECONDS, and the resident gets the numbers."""
    rasa, fake = broken
    fake.set("hang")
    started = time.monotonic()
    reply = Resident(rasa, "hanging").reply(SUICIDAL)
    assert has_crisis_numbers(reply), reply
    assert time.monotonic() - started < fake.hang_seconds
