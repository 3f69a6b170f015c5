"""What Rasa rebuilds on every call and we build once: the one place we change Rasa's code.

Profiling the Rasa server under `make bench` (docs/adr/0011-benchmarks.md) found that
`RemoteAction._validate_action_result` checks each answer of the action server with
`jsonschema.validate(result, schema)`, which on EVERY call first validates Rasa's own
(constant) response schema against the JSON-schema meta-schema and builds a new
validator: about 97% of the cost of the check, three to four times per message. Here the
validator is built once and reused; the answer is checked exactly as before (same schema,
same validator class, the same best-matching error, with Rasa's own hint appended).

Safe because the schema is a constant of Rasa's code (`action_response_format_spec`,
a static method) and a jsonschema validator keeps no state between `iter_errors` calls.

`Event.resolve_by_type`, called for every event Rasa reads back (each stored event of a
conversation on every message, each event an action returns), walks every subclass of
`Event` (with `inspect.isabstract` on each) to find the class of a type name: about 2 ms
of a message's 22 ms in the Rasa process (py-spy, 7 December 2026). Here the class found
for a name is remembered; a name never seen is looked up Rasa's way, so unknown names,
the old "topic" event and defaults behave exactly as before.

`RulePolicy._get_possible_keys` filters every rule against every state of the conversation
for each prediction (two to three a message): about 2.7 ms of a message in py-spy. It is a
pure function of the rules (fixed once the model is loaded) and the conversation's states,
so the rules found are remembered per policy, rules table and states (at most 4,096 sets a
table; a copy is handed out, so a caller changing it changes nothing kept).

The same module holds the one other change to Rasa's behaviour, because it is pinned the
same way: Rasa's Agent wraps the tracker store in a FailSafeTrackerStore which, when a
read fails, answers "no such conversation" (Rasa then starts it afresh) and, when a save
fails, keeps the turn in a memory store of this process alone: a PostgreSQL fail-over
lost residents' history that way. `Agent._create_tracker_store` is replaced so the wrapper
raises instead (Rasa's own `on_tracker_store_error` hook): the turn fails, the REST channel
answers with the assistant-unavailable reply, and the stored history stays whole. The
navigator's store retries for about 8 s first (bot/stores.py).

Installed only on the Rasa version it was checked against (CHECKED_RASA_VERSION): on any
other version Rasa is left as it is and a warning says so, and
tests/bot/test_rasa_caches.py fails, so an upgrade forces a re-check of this module
(docs/adr/0023-rasa-caches.md).
"""
from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

import rasa
from jsonschema import ValidationError, validators
from jsonschema.exceptions import best_match
from rasa.core.actions.action import RemoteAction
from rasa.core.agent import Agent
from rasa.core.policies.rule_policy import RulePolicy
from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore, TrackerStore
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event

from bot import answer_schema

CHECKED_RASA_VERSION = "3.6.21"

log = logging.getLogger(__name__)
_RASA_VALIDATE = RemoteAction._validate_action_result
_RASA_CREATE_STORE = Agent.__dict__["_create_tracker_store"]  # a staticmethod
_RASA_RESOLVE = Event.__dict__["resolve_by_type"]  # a staticmethod
_EVENT_CLASSES: dict[str, type[Event]] = {}
_RASA_POSSIBLE_KEYS = RulePolicy._get_possible_keys
POSSIBLE_KEYS_KEPT = 4096


@lru_cache(maxsize=1)
def action_response_validator() -> Any:
    """Rasa's response schema, checked against its meta-schema once, as a validator."""
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """`RemoteAction._validate_action_result` (Rasa 3.6.21) with the validator built once,
    after a quick exact check of each event against its own shape (bot/answer_schema.py)."""
    if answer_schema.passes(result):
        return True
    error = best_match(action_response_validator().iter_errors(result))
    if error is not None:
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def resolve_by_type(type_name: str, default: type[Event] | None = None
                    ) -> type[Event] | None:
    """`Event.resolve_by_type` (Rasa 3.6.21), remembering the class found for each name.

    Only a class whose own `type_name` is the name asked for is remembered (never a
    default or the None of the old "topic" event), so every other call goes Rasa's way."""
    found = _EVENT_CLASSES.get(type_name)
    if found is None:
        found = _RASA_RESOLVE.__func__(type_name, default)
        if found is not None and getattr(found, "type_name", None) == type_name:
            _EVENT_CLASSES[type_name] = found
    return found


def _frozen(value: Any) -> Any:
    """A hashable copy of a conversation state (dicts of dicts of strings and tuples)."""
    if isinstance(value, dict):
        return tuple(sorted((key, _frozen(item)) for key, item in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(item) for item in value)
    return value


def possible_keys(self: RulePolicy, lookup: dict[str, str], states: list[Any]) -> set[str]:
    """`RulePolicy._get_possible_keys` (Rasa 3.6.21), remembered for each rules table and
    conversation states."""
    kept: dict[int, dict[Any, frozenset[str]]] = self.__dict__.setdefault(
        "_navigator_possible_keys", {})
    table = kept.setdefault(id(lookup), {})
    key = _frozen(states)
    found = table.get(key)
    if found is None:
        found = frozenset(_RASA_POSSIBLE_KEYS(self, lookup, states))
        if len(table) >= POSSIBLE_KEYS_KEPT:
            table.clear()
        table[key] = found
    return set(found)


def fail_the_turn(error: Exception) -> None:
    """FailSafeTrackerStore's error hook: raise the store's error rather than carry on
    with an empty conversation or a memory copy of the turn."""
    raise error


def create_tracker_store(store: TrackerStore | None, domain: Domain) -> TrackerStore:
    """`Agent._create_tracker_store` (Rasa 3.6.21) with the wrapper told to fail the turn
    when the store fails."""
    if store is not None:
        store.domain = domain
    else:
        store = InMemoryTrackerStore(domain)
    return FailSafeTrackerStore(store, on_tracker_store_error=fail_the_turn)


def install() -> bool:
    """Put the caches in place (once per process); False, with a warning, when the Rasa
    installed is not the one they were checked against."""
    if rasa.__version__ != CHECKED_RASA_VERSION:
        log.warning("bot/rasa_caches.py was checked against Rasa %s, not %s: Rasa's own "
                    "code is used; re-check the module and update CHECKED_RASA_VERSION",
                    CHECKED_RASA_VERSION, rasa.__version__)
        return False
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[assignment]
    Agent._create_tracker_store = staticmethod(create_tracker_store)  # type: ignore[assignment]
    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[assignment]
    RulePolicy._get_possible_keys = possible_keys  # type: ignore[method-assign]
    return True


def uninstall() -> None:
    """Rasa's own code again (tests compare the two)."""
    RemoteAction._validate_action_result = _RASA_VALIDATE  # type: ignore[assignment]
    Agent._create_tracker_store = _RASA_CREATE_STORE  # type: ignore[method-assign]
    Event.resolve_by_type = _RASA_RESOLVE  # type: ignore[method-assign]
    RulePolicy._get_possible_keys = _RASA_POSSIBLE_KEYS  # type: ignore[method-assign]


__all__ = ["CHECKED_RASA_VERSION", "ValidationError", "install", "uninstall",
           "validate_action_result", "action_response_validator", "create_tracker_store",
           "fail_the_turn", "resolve_by_type", "possible_keys"]
