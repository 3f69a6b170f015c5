"""Issue 14 through real processes (Rasa, the action server, the knowledge base): the
crisis check's three outcomes as a resident meets them on the REST channel."""
from __future__ import annotations

import uuid

import pytest

from tests.e2e.conftest import Resident

pytestmark = pytest.mark.e2e


@pytest.fixture
def resident(stack) -> Resident:
    return Resident(stack, f"e2e-crisis-{uuid.uuid4().hex}")


@pytest.mark.parametrize("text", [
    "I own my home, can I get a grant for a new heating system",
    "I live in Coventry",
    "how do I challenge an intentionally homeless decision",
    "this tiny flat is killing me, how do I get a bigger one",
])
def test_ordinary_questions_get_no_numbers_and_no_check(resident, text):
    replies = resident.texts(text)
    assert replies, text
    assert not any("999" in r or "Are you safe right now?" in r for r in replies), replies


def test_someone_sleeping_rough_nearby_gets_streetlink_not_999(resident, kb):
    """The StreetLink article itself (which says when 999 is right), not the crisis reply."""
    replies = resident.texts("there's a man sleeping rough near our shop, who do I tell")
    assert replies[0].startswith(f"**{kb.article('report-rough-sleeper').title}**"), replies
    assert not any(r.startswith("If you have nowhere safe to sleep tonight") for r in replies)


def test_a_possible_sign_gets_one_check_then_the_answer(resident):
    replies = resident.say("I'm scared, what should I do about my tenancy")
    assert replies[0]["text"] == "I want to check you are OK. Are you safe right now?"
    assert [b["title"] for b in replies[0]["buttons"]] == ["Yes, I'm safe", "No",
                                                           "Talk to a person"]
    assert len(replies) > 1 and "999" not in " ".join(r.get("text", "") for r in replies)
    # "Yes, I'm safe": a short thank-you, no numbers.
    assert resident.texts("/safety_check_safe") == [
        "Thank you for letting me know. I'm here if you need anything else."]


def test_no_to_the_check_gets_the_numbers(resident):
    resident.say("I'm scared, what should I do about my tenancy")
    replies = resident.texts("/safety_check_not_safe")
    assert "999" in replies[0], replies


def test_clear_danger_still_gets_the_numbers_first(resident):
    replies = resident.texts("my husband hits me and I'm scared to go home")
    assert "999" in replies[0] and "0808 2000 247" in replies[0]
