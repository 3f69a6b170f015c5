"""How long the advice team's records are kept: advice deletes its own old data.

docs/privacy.md promises residents their conversations are kept for 90 days; a handoff
request holds their words too (the summary, a callback's contact details, the advisers'
messages), so it goes with them. Which rows hang off a request is advice's knowledge, so
the purge lives here; ops/retention.py only decides when it runs.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from advice.models import CaseMessage, ConsoleSession, Delivery, HandoffRequest
from core.clock import now as clock_now


def purge_handoffs(engine: Engine, days: int, now: datetime | None = None) -> int:
    """Delete handoff requests (with a callback's contact details, the advisers' messages
    and forwarding records) created more than `days` ago, and expired console sessions;
    returns how many requests were deleted."""
    moment = now or clock_now()
    cutoff = moment - timedelta(days=days)
    old = select(HandoffRequest.id).where(HandoffRequest.created_at < cutoff)
    with engine.begin() as conn:
        conn.execute(delete(CaseMessage).where(CaseMessage.handoff_id.in_(old)))
        conn.execute(delete(Delivery).where(Delivery.handoff_id.in_(old)))
        deleted = conn.execute(delete(HandoffRequest).where(HandoffRequest.created_at < cutoff)
                               ).rowcount
        conn.execute(delete(ConsoleSession).where(ConsoleSession.expires_at < moment))
    return int(deleted)
