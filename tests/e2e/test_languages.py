"""A whole conversation in every language, through the REST channel: choosing the
language, the council, a question, a follow-up and the offer of a person."""
from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
import yaml
from rasa.shared.core.domain import Domain

from actions.language import language_named
from actions.phrasebook import Phrasebook
from knowledge.languages import LANGUAGES, TRANSLATED
from tests.conftest import ROOT
from tests.e2e.conftest import Resident
from tests.e2e.web_client import WebConversation

pytestmark = pytest.mark.e2e
_ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]+\)")


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "bot" / "domain")).as_dict()


def example(language: str, intent: str, skip: int = 0) -> str:
    """A training example of `intent` in `language`, written in its main script."""
    for path in sorted((ROOT / "data" / "nlu" / language).glob("*.yml")):
        if path.stem in ("roman", "shahmukhi"):
            continue
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            if block.get("intent") == intent:
                lines = [l.strip()[2:] for l in block["examples"].splitlines() if l.strip()]
                long_enough = [l for l in lines if len(l.split()) >= 3]
                return _ANNOTATION.sub(r"\1", long_enough[skip])
    raise AssertionError(f"no {intent} example in {language}")


@pytest.mark.parametrize("language", TRANSLATED)
def test_whole_conversation(stack, kb, domain, language):
    phrases = Phrasebook(domain, language)
    resident = Resident(stack, f"e2e-{language}-{uuid.uuid4().hex}")

    chosen = resident.reply('/choose_language{"language":"%s"}' % language)
    assert chosen == phrases.text("utter_language_chosen", language=language_named(language))

    council = resident.reply('/inform_council{"council":"birmingham"}')
    assert council.startswith(phrases.text("utter_council_set",
                                           council_name="Birmingham City Council"))

    answer = resident.reply(example(language, "apply_for_housing"))
    translated = kb.translation("apply-birmingham", language)
    assert answer.startswith(f"**{translated.title}**"), answer[:300]
    assert "https://www.birminghamchoice.co.uk/" in answer  # sources stay verbatim

    follow_up = resident.reply(example(language, "how_bidding_works"))
    bidding = kb.translation("bidding-birmingham", language)
    assert follow_up.startswith(f"**{bidding.title}**"), follow_up[:300]

    person = resident.reply(example(language, "request_human"))
    # Live chat is offered only while an adviser has the console open (other tests log in).
    offers = (phrases.text("utter_connect_to_person"),
              phrases.text("utter_connect_to_person_offline"))
    assert person.startswith(offers), person[:300]


@pytest.mark.parametrize("language", TRANSLATED)
def test_language_is_picked_up_without_choosing(stack, domain, language):
    """Writing in a language is enough: the reply to that very message is in it."""
    resident = Resident(stack, f"e2e-auto-{language}-{uuid.uuid4().hex}")
    reply = resident.say(example(language, "apply_for_housing", skip=1))
    first = reply[0]["text"]
    asked = Phrasebook(domain, language).text("utter_ask_council")
    checked = Phrasebook(domain, language).text("utter_language_check")
    # Either switched outright, or (when unsure) asked in that language first.
    assert first in (asked.split("\n\n")[0], checked.split("\n\n")[0]), first


def test_rtl_languages_are_marked_for_the_web_page(stack):
    base = f"http://127.0.0.1:{stack.ports.web}"
    reply = WebConversation(base).post('/choose_language{"language":"ur"}').json()
    assert {m["dir"] for m in reply["messages"]} == {"rtl"}
    assert LANGUAGES["ur"].direction == "rtl"


def test_crisis_in_urdu_is_answered_first_in_urdu(stack, domain):
    resident = Resident(stack, f"e2e-crisis-ur-{uuid.uuid4().hex}")
    replies = resident.texts("میرا شوہر مجھے مارتا ہے اور مجھے گھر سے نکلنے نہیں دیتا")
    expected = Phrasebook(domain, "ur").text(
        "utter_crisis_domestic_abuse", emergency="999", helpline="0808 2000 247",
        streetlink="0300 500 0914", samaritans="116 123")
    assert replies[0] == expected.split("\n\n")[0]
