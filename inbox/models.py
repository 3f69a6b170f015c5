"""The inbox's records: one row per question the assistant could not answer, and the
training examples editors queued from them.

Minimum data (docs/privacy.md): the redacted text, its language, topic, council, reason and
day, and a keyed fingerprint of the conversation (never its id) so a group counts people,
not one person typing five times. Rows are deleted with the conversations after 90 days
(ops/retention.py). Tables are made by the migrations (revision 0004, docs/adr/0015).
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Date, DateTime, Integer, String
from sqlalchemy.orm import declarative_base

# Typed as Any: SQLAlchemy 1.4's declarative_base() returns a class mypy cannot see
# through without the sqlalchemy2-stubs plugin (ADR 0025).
InboxBase: Any = declarative_base()

# Why a question is in the inbox.
NOT_UNDERSTOOD, LOW_CONFIDENCE, NO_ARTICLE, NOT_HELPFUL = (
    "not_understood", "low_confidence", "no_article", "not_helpful")
REASONS = (NOT_UNDERSTOOD, LOW_CONFIDENCE, NO_ARTICLE, NOT_HELPFUL)
UNKNOWN = "unknown"  # no council named yet, no topic guessed
MAX_TEXT = 500


class UnansweredQuestion(InboxBase):
    """One message the assistant could not answer well, as stored: redacted."""

    __tablename__ = "inbox_questions"
    id = Column(Integer, primary_key=True, autoincrement=True)
    day = Column(Date, nullable=False, index=True)
    language = Column(String(8), nullable=False)
    topic = Column(String(40), nullable=False)
    council = Column(String(40), nullable=False)
    reason = Column(String(16), nullable=False)
    text = Column(String(MAX_TEXT), nullable=False)
    # A keyed hash of the conversation (HMAC, truncated): counts people, names nobody.
    conversation = Column(String(16), nullable=False)
    # "draft" or "training" once an editor acted on its group; None while waiting.
    handled_as = Column(String(16), nullable=True)


class TrainingExample(InboxBase):
    """A message an editor chose as a training example, waiting for the next `make train`
    (written into data/nlu/<language>/inbox.yml by `python -m inbox training`)."""

    __tablename__ = "inbox_training"
    id = Column(Integer, primary_key=True, autoincrement=True)
    text = Column(String(MAX_TEXT), nullable=False)
    language = Column(String(8), nullable=False)
    intent = Column(String(80), nullable=False)
    added_by = Column(String(80), nullable=False)
    added_at = Column(DateTime(timezone=True), nullable=False)
    written_at = Column(DateTime(timezone=True), nullable=True)
