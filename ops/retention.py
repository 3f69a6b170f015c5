"""Delete conversations and handoff records older than the retention period (90 days).

docs/privacy.md promises residents that conversations are kept for 90 days;
this is what keeps the promise. The stack runs it at start-up and every hour;
`python -m ops.retention` runs it once.
"""
from __future__ import annotations

import os
import sys
import time

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from bot.conversation_db import conversations_engine
from knowledge.database import make_engine

RETENTION_DAYS = int(os.environ.get("CONVERSATION_RETENTION_DAYS", "90"))


def purge(engine: Engine, days: int = RETENTION_DAYS, now: float | None = None) -> int:
    """Delete conversation events older than `days`; returns how many were deleted."""
    if not inspect(engine).has_table("events"):
        return 0
    cutoff = (now if now is not None else time.time()) - days * 86400
    with engine.begin() as conn:
        return conn.execute(text("DELETE FROM events WHERE timestamp < :cutoff"),
                            {"cutoff": cutoff}).rowcount


def purge_handoffs(engine: Engine, days: int = RETENTION_DAYS, now: float | None = None) -> int:
    """Delete handoff requests (with a callback's contact details, the advisers' messages
    and forwarding records) created more than `days` ago, and expired console sessions."""
    from datetime import datetime, timezone

    from sqlalchemy import delete, select

    from advice.models import CaseMessage, ConsoleSession, Delivery, HandoffRequest, create_schema

    create_schema(engine)
    moment = datetime.fromtimestamp(now if now is not None else time.time(), tz=timezone.utc)
    cutoff = datetime.fromtimestamp(moment.timestamp() - days * 86400, tz=timezone.utc)
    old = select(HandoffRequest.id).where(HandoffRequest.created_at < cutoff)
    with engine.begin() as conn:
        conn.execute(delete(CaseMessage).where(CaseMessage.handoff_id.in_(old)))
        conn.execute(delete(Delivery).where(Delivery.handoff_id.in_(old)))
        deleted = conn.execute(delete(HandoffRequest).where(HandoffRequest.created_at < cutoff)
                               ).rowcount
        conn.execute(delete(ConsoleSession).where(ConsoleSession.expires_at < moment))
    return deleted


def main() -> int:
    deleted = purge(conversations_engine())
    print(f"Deleted {deleted} conversation events older than {RETENTION_DAYS} days.")
    handoffs = purge_handoffs(make_engine())
    print(f"Deleted {handoffs} handoff requests older than {RETENTION_DAYS} days.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
