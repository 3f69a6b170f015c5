"""A quick, exact check of an action server's answer against Rasa's response schema.

Rasa's schema (`RemoteAction.action_response_format_spec`) checks each returned event
against a `oneOf` of about twenty event shapes, so jsonschema tries every shape on every
event: with the validator built once (bot/rasa_caches.py) it was still about 1.4 ms for the
answer to each message's first action call (py-spy, docs/adr/0023 addendum 3). Each shape
pins `event` to its own constant, so an event whose `event` names a shape passes the
`oneOf` exactly when it passes that one shape: every other shape fails on the constant.
Here each event is checked against its own shape only, and the rest of the answer against
the rest of the schema. `passes` says True only when Rasa's full check would pass; on False
the caller runs the full check, which accepts or rejects with Rasa's own error.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jsonschema import validators
from rasa.core.actions.action import RemoteAction


@dataclass(frozen=True)
class _Checks:
    rest: Any  # the response schema with any event allowed
    by_event: dict[str, Any]  # event name -> the event schema with only its own shape


@lru_cache(maxsize=1)
def _checks() -> _Checks | None:
    """Built once from Rasa's schema; None when the schema is not the shape this relies
    on (then every answer gets the full check)."""
    schema = RemoteAction.action_response_format_spec()
    try:
        items = schema["properties"]["events"]["items"]
        shapes = items["oneOf"]
        names = [shape["properties"]["event"]["const"] for shape in shapes]
    except (KeyError, TypeError):
        return None
    if len(set(names)) != len(names):
        return None
    cls = validators.validator_for(schema)
    rest = copy.deepcopy(schema)
    rest["properties"]["events"]["items"] = {}
    base = {k: v for k, v in items.items() if k != "oneOf"}
    by_event = {name: cls({**base, "allOf": [shape]}) for name, shape in zip(names, shapes)}
    return _Checks(cls(rest), by_event)


def passes(result: Any) -> bool:
    """True when the answer certainly passes Rasa's schema; False when only the full check
    can tell."""
    checks = _checks()
    if checks is None or not checks.rest.is_valid(result):
        return False
    events = result.get("events", []) if isinstance(result, dict) else []
    for event in events if isinstance(events, list) else ():
        name = event.get("event") if isinstance(event, dict) else None
        check = checks.by_event.get(name) if isinstance(name, str) else None
        if check is None or not check.is_valid(event):
            return False
    return True
