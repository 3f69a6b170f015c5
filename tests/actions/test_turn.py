"""The Turn (what this turn knows, built once per run) and the continuations (what happens
once the council is known): real trackers, the real knowledge base and domain, exact
events and messages."""
from __future__ import annotations

import ast
import asyncio

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import services
from actions.answers import ActionSearchKnowledge
from actions.continuations import CONTINUATIONS, council_told, resume
from actions.councils import ActionChooseCouncil
from actions.pending import CONTACT_COUNCIL, ask_council_for, nothing_waiting, wait_for_council
from actions.phrasebook import Phrasebook
from actions.turn import Turn
from knowledge.routing import CouncilRouter, PostcodeLookup, Routing
from tests.actions.conftest import make_tracker, said
from tests.conftest import CONTENT_DATE, ROOT


class CountingRouter(CouncilRouter):
    """The real router, remembering each message it was asked to place."""

    def __init__(self, kb):
        super().__init__(kb, PostcodeLookup(base_url="http://127.0.0.1:9", timeout=0.5))
        self.routed: list[str] = []

    def route(self, message: str) -> Routing:
        self.routed.append(message)
        return super().route(message)


@pytest.fixture
def router(kb) -> CountingRouter:
    counting = CountingRouter(kb)
    services.configure(kb, counting)
    return counting


def test_a_turn_knows_language_phrases_day_and_knowledge_base(dispatcher, domain, kb):
    tracker = make_tracker("apply_for_housing", "jak złożyć wniosek", language="pl",
                           council="dudley")
    turn = Turn.start(dispatcher, tracker, domain)
    assert turn.language == "pl"
    assert turn.phrases.text("utter_ask_council") == \
        Phrasebook(domain, "pl").text("utter_ask_council")
    assert turn.phrases.text("utter_ask_council") != Phrasebook(domain).text("utter_ask_council")
    assert turn.today == CONTENT_DATE
    assert turn.kb is kb
    assert (turn.intent, turn.text, turn.council) == \
        ("apply_for_housing", "jak złożyć wniosek", "dudley")


def test_routing_is_looked_up_once_and_only_when_asked(dispatcher, domain, router):
    turn = Turn.start(dispatcher, make_tracker("inform_council", "i live in tipton"), domain)
    assert router.routed == []
    assert turn.routing.council == "sandwell"
    assert turn.council_to_answer_for() == ("sandwell", [SlotSet("council", "sandwell")])
    assert turn.routing.council == "sandwell"
    assert router.routed == ["i live in tipton"]


def test_an_entity_is_placed_before_the_words(dispatcher, domain, router):
    tracker = make_tracker("inform_council", "my council is coventry",
                           entities=[{"entity": "council", "value": "coventry"}])
    assert Turn.start(dispatcher, tracker, domain).routing.council == "coventry"
    assert router.routed == ["coventry"]


@pytest.mark.parametrize("text, remembered, expected", [
    ("i live in tipton", None, ("sandwell", [SlotSet("council", "sandwell")])),
    ("i live in tipton", "sandwell", ("sandwell", [])),
    ("i live in tipton", "dudley", ("sandwell", [SlotSet("council", "sandwell")])),
    ("how do i apply", "dudley", ("dudley", [])),
    ("how do i apply", None, (None, [])),
])
def test_the_council_named_wins_over_the_remembered_one(dispatcher, domain, text, remembered,
                                                         expected):
    tracker = make_tracker("apply_for_housing", text, council=remembered)
    assert Turn.start(dispatcher, tracker, domain).council_to_answer_for() == expected


def test_a_place_alone_in_the_search_fallback_chooses_the_council_routing_once(
        dispatcher, domain, router):
    """The search fallback and action_choose_council share `council_told`: same events,
    same messages, and the place is looked up once (it was twice)."""
    events = asyncio.run(ActionSearchKnowledge().run(
        dispatcher, make_tracker("nlu_fallback", "tipton"), domain))
    assert events == [SlotSet("council", "sandwell")]
    assert router.routed == ["tipton"]
    choosing = CollectingDispatcher()
    assert asyncio.run(ActionChooseCouncil().run(
        choosing, make_tracker("inform_council", "tipton"), domain)) == events
    chosen = said(choosing)
    phrases = Phrasebook(domain)
    assert said(dispatcher) == chosen == [
        (phrases.text("utter_council_set", council_name="Sandwell Metropolitan Borough Council"),
         []),
        (phrases.text("utter_how_can_i_help"), []),
    ]


def test_waiting_for_the_council_is_one_slot(dispatcher, domain):
    assert wait_for_council("apply_for_housing") == [
        SlotSet("pending_question", "apply_for_housing")]
    assert nothing_waiting() == [SlotSet("pending_question", None)]
    turn = Turn.start(dispatcher, make_tracker("contact_council", "phone number"), domain)
    assert ask_council_for(turn, CONTACT_COUNCIL) == [
        SlotSet("pending_question", "contact_council")]
    phrases = Phrasebook(domain)
    assert said(dispatcher) == [(phrases.text("utter_ask_council"),
                                 [b["title"] for b in phrases.buttons("utter_ask_council")])]


def test_contacts_waiting_for_the_council_are_shown_once_it_is_known(dispatcher, domain, kb):
    turn = Turn.start(dispatcher, make_tracker("inform_council", "walsall"), domain)
    assert resume(turn, CONTACT_COUNCIL, "walsall") == [SlotSet("pending_question", None)]
    (text, _), = said(dispatcher)
    assert text.startswith("Here is how to contact Walsall Council about housing:")


def test_a_question_waiting_for_the_council_is_answered_for_it(dispatcher, domain, kb):
    turn = Turn.start(dispatcher, make_tracker("inform_council", "coventry"), domain)
    assert resume(turn, "apply_for_housing", "coventry") == [
        SlotSet("pending_question", None), SlotSet("last_answer", "apply-coventry|coventry")]
    assert said(dispatcher)[0][0].startswith(f"**{kb.article('apply-coventry').title}**")


def test_council_told_carries_on_with_what_was_waiting(dispatcher, domain):
    tracker = make_tracker("inform_council", '/inform_council{"council":"walsall"}',
                           entities=[{"entity": "council", "value": "walsall"}],
                           pending_question=CONTACT_COUNCIL)
    events = council_told(Turn.start(dispatcher, tracker, domain))
    assert events == [SlotSet("council", "walsall"), SlotSet("pending_question", None)]
    assert said(dispatcher)[0][0].startswith("Here is how to contact Walsall Council")


def test_continuations_are_not_question_families(kb):
    """A name in the table would hide the question family of the same name."""
    families = {a.intent for a in kb.articles() if a.intent}
    assert set(CONTINUATIONS) == {CONTACT_COUNCIL}
    assert not families & set(CONTINUATIONS)


def test_only_pending_py_sets_the_pending_question():
    setters = []
    for path in sorted((ROOT / "actions").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("SlotSet") \
                    and node.args and ast.unparse(node.args[0]) in (
                        "'pending_question'", "PENDING_QUESTION"):
                setters.append(path.name)
    assert setters == ["pending.py"]
