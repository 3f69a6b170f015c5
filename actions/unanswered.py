"""Noting a question the assistant could not answer, for the housing team's inbox
(inbox/, issue 18 item 7): here, because only the action server knows the search's
confidence. A leaf: imports no action module.

Nothing about the resident is kept beyond the redacted text, its language, topic, council,
reason and day, and a keyed fingerprint of the conversation (inbox/store.py). A message
with a sign of crisis is never noted. Recording never stands in the way of the answer: a
database error is logged and the resident is answered as usual.
"""
from __future__ import annotations

import logging
from functools import lru_cache

from actions.turn import Turn
from core.settings import current
from inbox import store
from web.conversation_token import load_secret

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _secret() -> bytes:
    """The web server's key (WEB_SECRET_KEY or its key file), so both processes give one
    conversation the same fingerprint."""
    return load_secret(current())


def note_unanswered(turn: Turn, reason: str, topic: str | None = None,
                    council: str | None = None) -> None:
    """Keep this message, redacted, in the inbox under `reason`."""
    tracker = turn.tracker
    if tracker.get_slot("crisis") or tracker.get_slot("safety_check"):
        return
    try:
        store.record(turn.kb.engine, text=turn.text, language=turn.language, topic=topic,
                     council=council or turn.council, reason=reason,
                     conversation=store.fingerprint(_secret(), tracker.sender_id),
                     day=turn.today)
    except Exception:  # noqa: BLE001 - the inbox must never cost the resident an answer
        log.exception("could not note an unanswered question")
