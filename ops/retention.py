"""Delete conversations and handoff records older than the retention period (90 days by
default, CONVERSATION_RETENTION_DAYS).

docs/privacy.md promises residents that conversations are kept for 90 days;
this is what keeps the promise. The stack runs it at start-up and every hour;
`python -m ops.retention` runs it once. Rasa's `events` table is Rasa's, so the
conversation purge is here; the advice records are purged by advice itself
(advice/retention.py).
"""
from __future__ import annotations

import sys
import time

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from advice.retention import purge_handoffs
from core.settings import Settings
from core.clock import now
from core.storage import conversations_engine, navigator_engine
from inbox.store import purge as purge_inbox
from insights.rollup import roll_up_before_purge

DEFAULT_RETENTION_DAYS = Settings().retention_days


def purge(engine: Engine, days: int = DEFAULT_RETENTION_DAYS, now: float | None = None) -> int:
    """Delete conversation events older than `days`; returns how many were deleted."""
    if not inspect(engine).has_table("events"):
        return 0
    cutoff = (now if now is not None else time.time()) - days * 86400
    with engine.begin() as conn:
        return int(conn.execute(text("DELETE FROM events WHERE timestamp < :cutoff"),
                                {"cutoff": cutoff}).rowcount)


def purge_everything(settings: Settings) -> tuple[int, int]:
    """(conversation events, handoff requests) deleted, both older than the settings'
    retention period."""
    days = settings.retention_days
    # Count every finished day first, so the purge deletes no evidence (issue 19).
    roll_up_before_purge(settings)
    # The inbox's redacted questions go with the conversations (docs/privacy.md).
    purge_inbox(navigator_engine(settings), days, now().date())
    return (purge(conversations_engine(settings), days),
            purge_handoffs(navigator_engine(settings), days))


def main() -> int:
    settings = Settings.from_environment()
    events, handoffs = purge_everything(settings)
    print(f"Deleted {events} conversation events older than {settings.retention_days} days.")
    print(f"Deleted {handoffs} handoff requests older than {settings.retention_days} days.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
