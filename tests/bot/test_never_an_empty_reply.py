"""Issue 17 item 3: when the action server fails or hangs, ANY message (not only one in
crisis) gets a short apology, 999 and the national helplines, and the council's contacts
when the conversation knows the council, in the resident's language. Through Rasa's REST
channel, with a stand-in action server that answers 500 or hangs."""
from __future__ import annotations

import time

import pytest

from bot.assistant_unavailable import reply_in, text_in
from tests.assistant import Resident
from tests.fakes.action_server import rasa_with_fake_actions
from tests.security.test_crisis_cannot_be_skipped import has_crisis_numbers

NOT_A_CRISIS = "How do I join the housing register?"


def test_known_council_adds_only_its_confirmed_numbers():
    dudley = reply_in("en", "dudley")
    assert dudley.startswith(text_in("en"))
    assert "Here is how to contact Dudley Council about housing:" in dudley
    assert "0300 555 2345" in dudley          # verified
    assert "0300 555 0030" not in dudley      # not confirmed: needs a caveat this reply lacks
    birmingham = reply_in("en", "birmingham")  # no confirmed number: the website
    assert "0121 303" not in birmingham and "https://www.birmingham.gov.uk/" in birmingham
    assert reply_in("pl", None) == text_in("pl")
    assert reply_in("pl", "dudley").startswith(text_in("pl"))
    assert "Dudley Council" in reply_in("pl", "dudley")


@pytest.fixture(scope="module")
def rasa_and_stand_in(tmp_path_factory):
    yield from rasa_with_fake_actions(tmp_path_factory.mktemp("never-empty"))


@pytest.mark.e2e
@pytest.mark.parametrize("mode", ["error", "hang"])
def test_failing_action_server_never_leaves_a_question_unanswered(rasa_and_stand_in, mode):
    rasa, fake = rasa_and_stand_in
    fake.set(mode)
    started = time.monotonic()
    reply = Resident(rasa, f"never-empty-{mode}").reply(NOT_A_CRISIS)
    assert reply.strip(), "empty reply"
    assert has_crisis_numbers(reply), reply
    assert text_in("en") in reply
    assert time.monotonic() - started < fake.hang_seconds + 5


@pytest.mark.e2e
def test_failing_action_server_gives_the_known_councils_contacts_in_polish(rasa_and_stand_in):
    rasa, fake = rasa_and_stand_in
    resident = Resident(rasa, "never-empty-dudley")
    fake.set("ok", language="pl", council="dudley")
    resident.say("Dzień dobry, mieszkam w Dudley")
    fake.set("error")
    reply = resident.reply(NOT_A_CRISIS)
    assert reply_in("pl", "dudley") in reply, reply
    assert "0300 555 2345" in reply
