"""A whole conversation through POST /webhooks/rest/webhook, across real processes."""
from __future__ import annotations

import uuid

import pytest
import requests

from tests.e2e.conftest import Resident
from tests.e2e.web_client import WebConversation

pytestmark = pytest.mark.e2e


@pytest.fixture
def resident(stack) -> Resident:
    return Resident(stack, f"e2e-{uuid.uuid4().hex}")


def test_greeting_offers_what_we_can_help_with(resident):
    replies = resident.say("hello")
    assert replies[0]["text"].startswith("Hello, I'm Home Navigator.")
    assert any(b["title"] == "Apply for council housing" for b in replies[0]["buttons"])


def test_apply_asks_council_then_answers_from_the_knowledge_base(resident, kb):
    replies = resident.say("how do I apply for social housing")
    assert "Which council area do you live in?" in replies[0]["text"]
    assert [b["title"] for b in replies[0]["buttons"]][:2] == ["Birmingham", "Coventry"]
    answer, detail = resident.reply_and_detail('/inform_council{"council":"birmingham"}')
    article = kb.article("apply-birmingham")
    assert answer.startswith(f"**{article.title}**\n\n{article.summary}")
    # The short answer names its sources; "More detail" gives their addresses. Read from a
    # stored copy (not a live check): publisher and year, never "checked on".
    assert f"Where this comes from: {article.sources[0].publisher}" in answer
    assert "How to get in touch" in detail
    more = resident.reply("/more_detail")  # the full sources, with their addresses
    assert article.sources[0].url in more and "checked on" not in more
    assert answer.endswith("This answer is for Birmingham City Council.")


def test_typed_place_name_picks_the_council(resident, kb):
    resident.say("how do i apply for a council house")
    answer = resident.texts("I live in Tipton")
    assert answer[0].startswith(f"**{kb.article('apply-sandwell').title}**")


def test_postcode_picks_the_council_through_postcodes_io(resident, kb):
    resident.say("how do i get on the housing register")
    answer = resident.texts("B21 9ZZ")
    assert answer[0].startswith(f"**{kb.article('apply-birmingham').title}**")


def test_homelessness_question(resident, kb):
    answer = resident.texts("my landlord gave me a section 21 notice, what can i do")
    assert answer[0].startswith(f"**{kb.article('homeless-threatened').title}**")


def test_fallback_says_what_we_can_help_with(resident):
    resident.say('/inform_council{"council":"dudley"}')
    answer = resident.texts("qwzx plorb vrrk")
    assert answer[0].startswith("Sorry, I don't have an answer to that yet.")
    assert answer[1].startswith("Here is how to contact Dudley")


def test_conversation_survives_a_rasa_restart(stack, resident, kb):
    resident.say('/inform_council{"council":"wolverhampton"}')
    stack.restart("Rasa server")
    answer = resident.texts("how does bidding work")
    # The council chosen before the restart is still known: no question asked again.
    assert answer[0].startswith(f"**{kb.article('bidding-wolverhampton').title}**")


def test_web_page_and_its_chat_api(stack):
    base = f"http://127.0.0.1:{stack.ports.web}"
    page = requests.get(base + "/", timeout=10)
    assert page.status_code == 200 and "Home Navigator" in page.text
    reply = WebConversation(base).post("hello")
    assert reply.status_code == 200
    assert reply.json()["messages"][0]["text"].startswith("Hello, I'm Home Navigator.")


def test_crisis_is_answered_first_in_the_same_turn(resident):
    replies = resident.texts("my partner hits me and i'm scared to go home tonight")
    assert replies[0].startswith("You do not have to deal with this alone.")
    assert "999" in replies[0] and "0808 2000 247" in replies[0]
