"""bot/rasa_caches.py: Rasa's check of the action server's answers, with the validator built
once, must accept and reject exactly what Rasa's own code does, on the Rasa it was read
against."""
from __future__ import annotations

import json

import pytest
import rasa
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from bot import rasa_caches

GOOD = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "language", "value": "pl", "timestamp": None}],
     "responses": [{"text": "Dzień dobry", "buttons": [{"title": "a", "payload": "/b"}]}]},
    {"events": [{"event": "action", "name": "action_listen"}]},
    {},
    # as our actions answer: slots, a bot message with buttons, a follow-up action
    {"events": [{"event": "slot", "name": "council", "value": "dudley", "timestamp": None},
                {"event": "slot", "name": "crisis", "value": None, "timestamp": None},
                {"event": "bot", "text": "Dudley Council: 0300 555 2345",
                 "data": {"buttons": [{"title": "More detail", "payload": "/more"}]},
                 "metadata": {}, "timestamp": None},
                {"event": "followup", "name": "action_listen", "timestamp": None}],
     "responses": [{"text": "Are you safe right now?",
                    "buttons": [{"title": "Yes", "payload": "/affirm"}]}]},
    {"events": [{"event": "active_loop", "name": None},
                {"event": "reset_slots", "timestamp": None}]},
]
BAD = [
    {"events": [{"event": "no_such_event"}]},
    {"events": [{"event": "slot"}]},  # a slot event without a name
    {"events": "not a list"},
    {"responses": [1, 2]},
    {"events": [{"event": "slot", "name": "council", "timestamp": "yesterday"}]},
    {"events": [{"name": "no event field"}]},
    {"events": [{"event": "slot", "name": "council", "value": "x"}, "not an event"]},
]


def test_rasa_is_the_version_the_caches_were_checked_against():
    """An upgrade of Rasa fails here on purpose: re-read RemoteAction._validate_action_result
    and action_response_format_spec in the new version, then update CHECKED_RASA_VERSION."""
    assert rasa.__version__ == "3.6.21"
    assert rasa_caches.CHECKED_RASA_VERSION == rasa.__version__


def _outcome(result: dict) -> str:
    try:
        return f"ok {RemoteAction('action_x', None)._validate_action_result(dict(result))}"
    except ValidationError as error:
        return f"rejected: {error.message}"


@pytest.mark.parametrize("result", GOOD + BAD)
def test_cached_check_answers_as_rasa_does(result):
    rasa_caches.uninstall()
    rasas = _outcome(result)
    assert rasa_caches.install()
    try:
        assert _outcome(result) == rasas
    finally:
        rasa_caches.uninstall()
    assert rasas.startswith("ok" if result in GOOD else "rejected: ")
    if result in BAD:
        assert rasas.endswith("/custom-actions")


@pytest.mark.parametrize("result", GOOD + BAD)
def test_the_quick_check_passes_only_what_rasa_passes(result):
    """bot/answer_schema.py: every good answer here passes it (so the quick path is the
    one taken), every bad one goes to the full check."""
    from bot import answer_schema
    assert answer_schema.passes(result) is (result in GOOD)


def test_the_schema_is_checked_and_the_validator_built_once():
    """Good answers pass the quick check; the full validator, for the others, is built once."""
    rasa_caches.action_response_validator.cache_clear()
    rasa_caches.install()
    try:
        for result in GOOD * 3:
            RemoteAction("action_x", None)._validate_action_result(result)
        assert rasa_caches.action_response_validator.cache_info().misses == 0
        for result in BAD * 3:
            with pytest.raises(ValidationError):
                RemoteAction("action_x", None)._validate_action_result(result)
    finally:
        rasa_caches.uninstall()
    info = rasa_caches.action_response_validator.cache_info()
    assert (info.misses, info.hits) == (1, len(BAD) * 3 - 1)


def test_other_rasa_versions_keep_rasas_own_code(monkeypatch):
    rasa_caches.uninstall()
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    assert rasa_caches.install() is False
    assert RemoteAction._validate_action_result is rasa_caches._RASA_VALIDATE


def _every_event_type_name() -> list[str]:
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses
    return sorted({cls.type_name for cls in all_subclasses(Event)
                   if isinstance(getattr(cls, "type_name", None), str)})


def _resolved(name: str, default=None) -> str:
    from rasa.shared.core.events import Event
    try:
        found = Event.resolve_by_type(name, default)
    except ValueError as error:
        return f"error: {error}"
    return "None" if found is None else f"{found.__module__}.{found.__qualname__}"


@pytest.mark.parametrize("name, default", [(n, None) for n in _every_event_type_name()]
                         + [("topic", None), ("no_such_event", None)])
def test_event_classes_are_found_as_rasa_finds_them(name, default):
    """Every event type name, asked twice (the second time from what was remembered), the
    old "topic" event and an unknown name: the same answer as Rasa's own walk."""
    rasa_caches.uninstall()
    rasas = _resolved(name, default)
    assert rasa_caches.install()
    try:
        assert [_resolved(name, default), _resolved(name, default)] == [rasas, rasas]
    finally:
        rasa_caches.uninstall()
    assert rasas != "None" or name == "topic"


def test_a_default_is_given_back_and_never_remembered():
    from rasa.shared.core.events import ActionExecuted, UserUttered
    assert rasa_caches.install()
    try:
        assert UserUttered.resolve_by_type("not_an_event", ActionExecuted) is ActionExecuted
        assert "not_an_event" not in rasa_caches._EVENT_CLASSES
        assert rasa_caches.resolve_by_type("user") is UserUttered
    finally:
        rasa_caches.uninstall()


def _rule(*states: dict) -> str:
    return json.dumps(list(states), sort_keys=True)


LISTEN = {"prev_action": {"action_name": "action_listen"}}
RULES = {
    _rule({}, {**LISTEN, "user": {"intent": "greet"}}): "utter_greet",
    _rule({**LISTEN, "user": {"intent": "apply_for_housing"}, "slots": {"council": (1.0,)}}):
        "action_answer",
    _rule({**LISTEN, "user": {"intent": "apply_for_housing"}}): "utter_ask_council",
    _rule({"prev_action": {"action_name": "action_answer"}}): "action_listen",
}
CONVERSATIONS = [
    [{}, {**LISTEN, "user": {"intent": "greet"}}],
    [{**LISTEN, "user": {"intent": "apply_for_housing"}, "slots": {"council": (1.0,)}}],
    [{**LISTEN, "user": {"intent": "apply_for_housing"}}],
    [{**LISTEN, "user": {"intent": "apply_for_housing"}, "slots": {"council": (0.0,)}}],
    [{"prev_action": {"action_name": "action_answer"}, "slots": {"council": (1.0,)}}],
    [{**LISTEN, "user": {"intent": "unknown"}}],
    [],
]


@pytest.mark.parametrize("states", CONVERSATIONS)
def test_the_rules_found_are_the_ones_rasa_finds(states):
    """Asked three times (the later times from what was remembered): Rasa's own answer; and
    a caller changing the set it was given changes nothing remembered."""
    from rasa.core.policies.rule_policy import RulePolicy

    policy = object.__new__(RulePolicy)  # the lookup is all the method reads of it
    rasas = RulePolicy._get_possible_keys(policy, RULES, states)
    assert rasa_caches.install()
    try:
        first = RulePolicy._get_possible_keys(policy, RULES, states)
        first.add("changed by a caller")
        assert [RulePolicy._get_possible_keys(policy, RULES, states) for _ in range(2)] == [
            rasas, rasas]
        assert first - {"changed by a caller"} == rasas
    finally:
        rasa_caches.uninstall()
