"""The advice team's records: handoff requests, what advisers said, accounts, audit.

They live in the same database as the knowledge base (SQLite by default,
PostgreSQL with DATABASE_URL), so every web-server and action-server replica
sees the same queue: nothing about a handoff is kept in one process's memory.
The tables are made and changed by the migrations (migrations/versions/, `make migrate`):
a change here needs a new revision there (docs/adr/0015).
"""
from __future__ import annotations

from typing import Any

import secrets

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import declarative_base

from core.clock import now

# Typed as Any: SQLAlchemy 1.4's declarative_base() returns a class mypy cannot see
# through without the sqlalchemy2-stubs plugin (ADR 0025).
AdviceBase: Any = declarative_base()

# A handoff's life: the resident waits, an adviser claims it, they talk, then the
# adviser resolves it or hands the conversation back to the assistant.
WAITING, CLAIMED, IN_CONVERSATION = "waiting", "claimed", "in_conversation"
RESOLVED, RETURNED = "resolved", "returned"
STATUSES = (WAITING, CLAIMED, IN_CONVERSATION, RESOLVED, RETURNED)
OPEN_STATUSES = (WAITING, CLAIMED, IN_CONVERSATION)
# While an adviser holds the conversation the assistant stays quiet.
ADVISER_HOLDS = (CLAIMED, IN_CONVERSATION)

# Urgency, most urgent first: the queue sorts on the rank.
URGENCY_RANK = {"crisis": 0, "high": 1, "normal": 2}

# Ways a resident can be helped by a person.
LIVE_CHAT, CALLBACK = "live_chat", "callback"

ADVISER, SUPERVISOR = "adviser", "supervisor"


def new_public_id() -> str:
    """A case's id in console URLs and JSON: 22 random URL-safe characters (128 bits), so
    nobody can reach a case by counting; the row number never leaves the database."""
    return secrets.token_urlsafe(16)


class HandoffRequest(AdviceBase):
    """A resident's request to talk to a person, and what the assistant knows for them."""

    __tablename__ = "advice_handoffs"
    id = Column(Integer, primary_key=True, autoincrement=True)
    public_id = Column(String(32), nullable=False, unique=True, default=new_public_id)
    reference = Column(String(16), nullable=False, unique=True)  # told to the resident
    conversation_id = Column(String(128), nullable=False, index=True)
    channel = Column(String(16), nullable=False)  # live_chat or callback
    council = Column(String(40))
    language = Column(String(8), nullable=False)
    urgency = Column(String(8), nullable=False)
    urgency_rank = Column(Integer, nullable=False)
    topic = Column(String(80))
    summary = Column(Text, nullable=False)  # written by the assistant, in English
    status = Column(String(20), nullable=False, index=True)
    # A callback's details, taken only with the resident's consent.
    contact_method = Column(String(8))  # phone or email
    contact_value = Column(String(200))
    best_time = Column(String(20))
    interpreter_needed = Column(Boolean)
    adviser_gender = Column(String(20))
    worker_organisation = Column(String(200))  # a community worker asking for a client
    created_at = Column(DateTime(timezone=True), nullable=False, default=now)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=now)
    claimed_by = Column(Integer, ForeignKey("advice_advisers.id"))
    claimed_at = Column(DateTime(timezone=True))
    closed_at = Column(DateTime(timezone=True))


class CaseMessage(AdviceBase):
    """Something an adviser said to a resident (the resident's side is in the
    conversation store; the console shows both in order)."""

    __tablename__ = "advice_messages"
    id = Column(Integer, primary_key=True, autoincrement=True)
    handoff_id = Column(Integer, ForeignKey("advice_handoffs.id", ondelete="CASCADE"),
                        nullable=False, index=True)
    conversation_id = Column(String(128), nullable=False, index=True)
    adviser_id = Column(Integer, ForeignKey("advice_advisers.id"))
    kind = Column(String(16), nullable=False, default="adviser")  # adviser or status
    text = Column(Text, nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=now)


class Adviser(AdviceBase):
    """A person on the advice team who can log in to the console."""

    __tablename__ = "advice_advisers"
    id = Column(Integer, primary_key=True, autoincrement=True)
    username = Column(String(80), nullable=False, unique=True)
    display_name = Column(String(120), nullable=False)
    # The one name residents see beside an adviser's messages, chosen by the adviser; empty
    # when they chose none (residents then see the word "Adviser"). Never the surname or
    # username: see advice.accounts.set_first_name.
    first_name = Column(String(30), nullable=False, default="")
    password_hash = Column(String(300), nullable=False)
    role = Column(String(16), nullable=False, default=ADVISER)
    languages = Column(String(100), nullable=False, default="en")  # codes, comma-separated
    # The councils whose cases this adviser works on (ids from councils.yml, comma-separated).
    councils = Column(String(400), nullable=False, default="")
    active = Column(Boolean, nullable=False, default=True)
    # No longer used (log-ins are slowed down per address and username, see LoginFailure);
    # kept because databases made before have them as NOT NULL columns without a default.
    failed_logins = Column(Integer, nullable=False, default=0)
    locked_until = Column(DateTime(timezone=True))
    created_at = Column(DateTime(timezone=True), nullable=False, default=now)

    @property
    def language_codes(self) -> list[str]:
        return [c for c in (self.languages or "").split(",") if c]

    @property
    def council_ids(self) -> list[str]:
        return [c for c in (self.councils or "").split(",") if c]


class ConsoleSession(AdviceBase):
    """A logged-in console session, kept server-side; the browser holds only its token."""

    __tablename__ = "advice_sessions"
    token_hash = Column(String(64), primary_key=True)
    adviser_id = Column(Integer, ForeignKey("advice_advisers.id", ondelete="CASCADE"),
                        nullable=False)
    csrf_token = Column(String(64), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=now)
    last_seen = Column(DateTime(timezone=True), nullable=False, default=now)
    expires_at = Column(DateTime(timezone=True), nullable=False)


class LoginFailure(AdviceBase):
    """One failed console log-in: who was tried and from which address. Kept in the
    database so that every web replica slows down the same attackers; forgotten after an
    hour. A successful log-in clears the username (the row still counts for the address)."""

    __tablename__ = "advice_login_failures"
    id = Column(Integer, primary_key=True, autoincrement=True)
    at = Column(DateTime(timezone=True), nullable=False, default=now, index=True)
    username = Column(String(80), index=True)
    address = Column(String(64), nullable=False, index=True)


class AuditEntry(AdviceBase):
    """Who looked at or did what, and when: residents' cases are sensitive."""

    __tablename__ = "advice_audit"
    id = Column(Integer, primary_key=True, autoincrement=True)
    at = Column(DateTime(timezone=True), nullable=False, default=now, index=True)
    adviser_id = Column(Integer, ForeignKey("advice_advisers.id"))
    username = Column(String(80))
    action = Column(String(40), nullable=False)
    handoff_id = Column(Integer)
    detail = Column(String(500))


class Delivery(AdviceBase):
    """Forwarding a new request to the council's helpdesk or CRM by webhook."""

    __tablename__ = "advice_deliveries"
    __table_args__ = (UniqueConstraint("idempotency_key"),)
    id = Column(Integer, primary_key=True, autoincrement=True)
    handoff_id = Column(Integer, ForeignKey("advice_handoffs.id", ondelete="CASCADE"),
                        nullable=False)
    idempotency_key = Column(String(64), nullable=False)
    status = Column(String(16), nullable=False)  # delivered or dead_letter
    attempts = Column(Integer, nullable=False, default=0)
    last_error = Column(String(500))
    updated_at = Column(DateTime(timezone=True), nullable=False, default=now)
