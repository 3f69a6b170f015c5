"""Writing and reading the inbox: what residents asked that we could not answer, stored
redacted (bot/redaction.py), and the training examples queued from it.

Both processes write here through `record`: the action server when it falls back or its
search is unsure, the web server when a resident presses "Did this help? No". A failure to
record never reaches the resident: callers log it and answer as usual.
"""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import delete, inspect, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.redaction import redact
from core.clock import now
from inbox.models import MAX_TEXT, REASONS, UNKNOWN, TrainingExample, UnansweredQuestion

FINGERPRINT_CHARS = 16


@dataclass(frozen=True)
class Question:
    """One stored question as the inbox reads it (already redacted)."""

    id: int
    day: date
    language: str
    topic: str
    council: str
    reason: str
    text: str
    conversation: str


def fingerprint(secret: bytes, conversation_id: str) -> str:
    """A keyed hash of the conversation id: the same conversation always gives the same
    value (so five messages from one person count as one), and the id cannot be read back."""
    digest = hmac.new(secret, b"inbox:" + conversation_id.encode(), hashlib.sha256)
    return digest.hexdigest()[:FINGERPRINT_CHARS]


def record(engine: Engine, *, text: str, language: str | None, topic: str | None,
           council: str | None, reason: str, conversation: str, day: date) -> bool:
    """Store one question, redacted and cut to MAX_TEXT; False when there is nothing to
    keep (an empty message, a button's /payload) or the reason is unknown."""
    cleaned = " ".join(redact(text or "").split())[:MAX_TEXT]
    if not cleaned or cleaned.startswith("/") or reason not in REASONS:
        return False
    with Session(engine) as session, session.begin():
        session.add(UnansweredQuestion(
            day=day, language=(language or "en")[:8], topic=(topic or UNKNOWN)[:40],
            council=(council or UNKNOWN)[:40], reason=reason, text=cleaned,
            conversation=conversation[:FINGERPRINT_CHARS]))
    return True


def waiting(engine: Engine, since: date | None = None) -> list[Question]:
    """Questions nobody has acted on yet, oldest first (from `since` when given)."""
    query = select(UnansweredQuestion).where(UnansweredQuestion.handled_as.is_(None))
    if since is not None:
        query = query.where(UnansweredQuestion.day >= since)
    with Session(engine) as session:
        rows = session.scalars(query.order_by(UnansweredQuestion.id)).all()
        return [Question(r.id, r.day, r.language, r.topic, r.council, r.reason, r.text,
                         r.conversation) for r in rows]


def mark_handled(engine: Engine, ids: list[int], how: str) -> int:
    """Take a group's questions out of the waiting list ("draft" or "training")."""
    with Session(engine) as session, session.begin():
        return int(session.execute(update(UnansweredQuestion)
                                   .where(UnansweredQuestion.id.in_(ids),
                                          UnansweredQuestion.handled_as.is_(None))
                                   .values(handled_as=how)).rowcount)


def queue_training(engine: Engine, texts: list[str], language: str, intent: str,
                   username: str) -> int:
    """Queue texts as training examples of `intent` for the next `make train`."""
    at = now()
    with Session(engine) as session, session.begin():
        for text in dict.fromkeys(texts):
            session.add(TrainingExample(text=text[:MAX_TEXT], language=language, intent=intent,
                                        added_by=username[:80], added_at=at))
    return len(dict.fromkeys(texts))


def queued_training(engine: Engine, *, written: bool = False) -> list[TrainingExample]:
    """Examples not yet written into data/nlu (or, with written=True, every example)."""
    query = select(TrainingExample).order_by(TrainingExample.id)
    if not written:
        query = query.where(TrainingExample.written_at.is_(None))
    with Session(engine, expire_on_commit=False) as session:
        return list(session.scalars(query).all())


def mark_written(engine: Engine, ids: list[int]) -> None:
    with Session(engine) as session, session.begin():
        session.execute(update(TrainingExample).where(TrainingExample.id.in_(ids))
                        .values(written_at=now()))


def purge(engine: Engine, days: int, today: date) -> int:
    """Delete questions older than `days` (with the conversations, docs/privacy.md)."""
    if not inspect(engine).has_table(UnansweredQuestion.__tablename__):
        return 0
    with Session(engine) as session, session.begin():
        return int(session.execute(delete(UnansweredQuestion).where(
            UnansweredQuestion.day < today - timedelta(days=days))).rowcount)
