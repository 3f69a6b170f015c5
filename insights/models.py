"""The evidence tables: counts only, one row per combination that happened on a day.

Nothing here names a conversation, a case, a resident or an adviser, and nothing holds a
word anybody typed: a row says "on 3 March, in Dudley, in Polish, 4 questions about
overcrowding were answered". That is why these rows may outlive the 90-day deletion of
conversations (docs/privacy.md): they are the evidence the Taskforce asked for, kept
without the conversations it came from.

The ethnic-group answers (issue 19 item 4) are stored by month and language only, as a
count, and never from a conversation: see insights/ethnicity.py.

The tables are made and changed by the migrations (revision 0002, docs/adr/0015).
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Integer, String, UniqueConstraint
from sqlalchemy.orm import declarative_base

from core.clock import now

# Typed as Any: SQLAlchemy 1.4's declarative_base() returns a class mypy cannot see
# through without the sqlalchemy2-stubs plugin (ADR 0025).
InsightsBase: Any = declarative_base()

# Values used where the conversation never said (no council named yet, no topic).
UNKNOWN = "unknown"


class DemandCount(InsightsBase):
    """Questions asked on a day, by council, language, topic and what became of them."""

    __tablename__ = "insights_demand"
    __table_args__ = (UniqueConstraint("day", "council", "language", "topic", "outcome",
                                       "worker_mode", "closed_scheme"),)
    id = Column(Integer, primary_key=True, autoincrement=True)
    day = Column(Date, nullable=False, index=True)
    council = Column(String(40), nullable=False)
    language = Column(String(8), nullable=False)
    topic = Column(String(40), nullable=False)
    outcome = Column(String(16), nullable=False)  # answered, fell_back, handed_over
    worker_mode = Column(Boolean, nullable=False)
    closed_scheme = Column(Boolean, nullable=False)
    questions = Column(Integer, nullable=False)


class ConversationCount(InsightsBase):
    """Conversations with at least one message on a day (one conversation, one council)."""

    __tablename__ = "insights_conversations"
    __table_args__ = (UniqueConstraint("day", "council", "language", "worker_mode"),)
    id = Column(Integer, primary_key=True, autoincrement=True)
    day = Column(Date, nullable=False, index=True)
    council = Column(String(40), nullable=False)
    language = Column(String(8), nullable=False)
    worker_mode = Column(Boolean, nullable=False)
    conversations = Column(Integer, nullable=False)


class HandoffCount(InsightsBase):
    """Requests for a person made on a day, and where they had got to at the last roll-up."""

    __tablename__ = "insights_handoffs"
    __table_args__ = (UniqueConstraint("day", "council", "language", "channel",
                                       "interpreter_needed", "adviser_gender"),)
    id = Column(Integer, primary_key=True, autoincrement=True)
    day = Column(Date, nullable=False, index=True)
    council = Column(String(40), nullable=False)
    language = Column(String(8), nullable=False)
    channel = Column(String(16), nullable=False)  # live_chat or callback
    interpreter_needed = Column(Boolean, nullable=False)
    adviser_gender = Column(String(8), nullable=False)  # woman, man, any, or unknown
    requested = Column(Integer, nullable=False)
    claimed = Column(Integer, nullable=False)
    resolved = Column(Integer, nullable=False)
    returned = Column(Integer, nullable=False)


class ClaimTimeCount(InsightsBase):
    """How long requests waited to be claimed, as counts in fixed bands (insights/
    rollup.py CLAIM_BANDS): the median and 90th percentile are read from the bands, so no
    single case's waiting time is kept."""

    __tablename__ = "insights_claim_times"
    __table_args__ = (UniqueConstraint("day", "council", "language", "within_minutes"),)
    id = Column(Integer, primary_key=True, autoincrement=True)
    day = Column(Date, nullable=False, index=True)
    council = Column(String(40), nullable=False)
    language = Column(String(8), nullable=False)
    within_minutes = Column(Integer, nullable=False)  # the band's upper edge
    claims = Column(Integer, nullable=False)


class SafetyCount(InsightsBase):
    """Crisis replies (tier danger) and safety checks (tier concern) by kind; no text."""

    __tablename__ = "insights_safety"
    __table_args__ = (UniqueConstraint("day", "council", "language", "kind", "tier"),)
    id = Column(Integer, primary_key=True, autoincrement=True)
    day = Column(Date, nullable=False, index=True)
    council = Column(String(40), nullable=False)
    language = Column(String(8), nullable=False)
    kind = Column(String(24), nullable=False)
    tier = Column(String(8), nullable=False)  # danger or concern
    messages = Column(Integer, nullable=False)


class EthnicGroupCount(InsightsBase):
    """Answers to the optional ethnic-group question: a month, the page's language, the
    answer, a count. Added to when a resident answers; never rebuilt from anything."""

    __tablename__ = "insights_ethnic_groups"
    __table_args__ = (UniqueConstraint("month", "language", "answer"),)
    id = Column(Integer, primary_key=True, autoincrement=True)
    month = Column(Date, nullable=False)  # the first day of the month
    language = Column(String(8), nullable=False)
    answer = Column(String(40), nullable=False)  # a code from insights/ethnicity.py
    answers = Column(Integer, nullable=False)


class RolledUpDay(InsightsBase):
    """A day the roll-up has counted, and when: the next run skips it unless it is recent
    enough that late events (a case claimed tomorrow) may still change its counts."""

    __tablename__ = "insights_rolled_up_days"
    day = Column(Date, primary_key=True)
    rolled_at = Column(DateTime(timezone=True), nullable=False, default=now)
    conversations = Column(Integer, nullable=False, default=0)


# The tables one day's roll-up replaces (the ethnic-group counts are not among them).
DAILY_TABLES = (DemandCount, ConversationCount, HandoffCount, ClaimTimeCount, SafetyCount)

