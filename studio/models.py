"""The studio's records: every version of every content file, reviews, publications,
live checks and who may do what.

One row per content file (`Document`: an article, a translation, a council's contacts,
councils.yml, law.yml, postcode_districts.yml) and one row per saved version of it
(`Version`), holding the file's YAML text exactly as it will be exported. Nothing is ever
deleted or overwritten: a new save is a new version, a conflicting save is kept aside, and
publishing or restoring only moves the document's pointers (`head`: the newest version an
editor works on; `live`: the published one residents read).

SQLAlchemy 1.4 (Rasa 3.6 pins it below 2.0), written in the 2.0 style: `select()` and
`Session.execute()`, future engines. The tables live in the navigator's one database
(SQLite by default, PostgreSQL with DATABASE_URL), beside the knowledge base they publish to.
"""
from __future__ import annotations

from typing import Any

from datetime import datetime, timezone

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import declarative_base

# Typed as Any: SQLAlchemy 1.4's declarative_base() returns a class mypy cannot see
# through without the sqlalchemy2-stubs plugin (ADR 0025).
StudioBase: Any = declarative_base()

# A version's life. Only the document's head can be sent for review, and only the head in
# review can be approved (so nobody approves text that changed under them).
DRAFT, IN_REVIEW, PUBLISHED = "draft", "in_review", "published"
REPLACED = "replaced"      # was live, then a later version was published
SUPERSEDED = "superseded"  # a draft or review that a newer save replaced before publishing
SET_ASIDE = "set_aside"    # a save that clashed with someone else's: kept, never lost
RETURNED = "returned"      # a reviewer sent it back to the author with a reason
STATUSES = (DRAFT, IN_REVIEW, PUBLISHED, REPLACED, SUPERSEDED, SET_ASIDE, RETURNED)

# What a document holds; the kind decides its form and its file's place.
ARTICLE, TRANSLATION, CONTACTS = "article", "translation", "contacts"
COUNCILS, LAW, DISTRICTS = "councils", "law", "postcode_districts"
# Files outside the knowledge base's load, with readers of their own (studio/words.py).
CRISIS, PHRASES, WORDS = "crisis", "bot_phrases", "page_words"
WORD_KINDS = (CRISIS, PHRASES, WORDS)
KINDS = (ARTICLE, TRANSLATION, CONTACTS, COUNCILS, LAW, DISTRICTS) + WORD_KINDS


def now() -> datetime:
    return datetime.now(timezone.utc)


class Document(StudioBase):
    """One content file: where it goes in knowledge/content, and which versions matter."""

    __tablename__ = "studio_documents"
    id = Column(Integer, primary_key=True, autoincrement=True)
    key = Column(String(160), nullable=False, unique=True)  # "article:apply-walsall"
    kind = Column(String(20), nullable=False, index=True)
    path = Column(String(300), nullable=False)  # relative to the content folder
    head = Column(Integer, nullable=False, default=0)  # newest version editors build on
    live = Column(Integer)  # the published version's number; None before first publishing
    created_at = Column(DateTime(timezone=True), nullable=False, default=now)


class Version(StudioBase):
    """One saved state of a document: its whole YAML text, who wrote it and why."""

    __tablename__ = "studio_versions"
    __table_args__ = (UniqueConstraint("document_id", "number"),)
    id = Column(Integer, primary_key=True, autoincrement=True)
    document_id = Column(Integer, ForeignKey("studio_documents.id", ondelete="CASCADE"),
                         nullable=False, index=True)
    number = Column(Integer, nullable=False)
    based_on = Column(Integer)  # the version the author started from
    text = Column(Text, nullable=False)
    status = Column(String(16), nullable=False, default=DRAFT)
    author = Column(String(80), nullable=False)  # a username, or "files" for an import
    note = Column(String(500), nullable=False, default="")  # why, in the author's words
    created_at = Column(DateTime(timezone=True), nullable=False, default=now)
    restores = Column(Integer)  # the earlier version this one puts back, if any
    submitted_by = Column(String(80))
    submitted_at = Column(DateTime(timezone=True))
    reviewed_by = Column(String(80))
    reviewed_at = Column(DateTime(timezone=True))
    review_note = Column(String(500))


class Publication(StudioBase):
    """The record of a change going live: who wrote it, who approved it, when, why, and
    the difference from what was live before."""

    __tablename__ = "studio_publications"
    id = Column(Integer, primary_key=True, autoincrement=True)
    at = Column(DateTime(timezone=True), nullable=False, default=now, index=True)
    document_id = Column(Integer, ForeignKey("studio_documents.id", ondelete="CASCADE"),
                         nullable=False, index=True)
    number = Column(Integer, nullable=False)
    replaced = Column(Integer)  # the version that was live before
    author = Column(String(80), nullable=False)
    approved_by = Column(String(80), nullable=False)
    why = Column(String(500), nullable=False, default="")
    diff = Column(Text, nullable=False, default="")
    edition = Column(String(32))  # the knowledge base's edition fingerprint after loading


class LiveCheck(StudioBase):
    """A housing officer opened the live page of a source or contact on a day and it said
    what we say: the only thing that lets residents read "checked on <date>"."""

    __tablename__ = "studio_live_checks"
    id = Column(Integer, primary_key=True, autoincrement=True)
    document_id = Column(Integer, ForeignKey("studio_documents.id", ondelete="CASCADE"),
                         nullable=False, index=True)
    what = Column(String(1000), nullable=False)  # the source's address or the contact's id
    checked_on = Column(Date, nullable=False)
    checked_by = Column(String(120), nullable=False)  # the officer's name as residents see it
    username = Column(String(80), nullable=False)
    at = Column(DateTime(timezone=True), nullable=False, default=now)


class RoleGrant(StudioBase):
    """A studio role held by an account (advice_advisers): editor, reviewer, translator
    (for one language) or supervisor. An account can hold several."""

    __tablename__ = "studio_roles"
    # The account's id in advice_advisers. No foreign key: the advice tables are another
    # package's (and may move), and a grant for a deleted account simply never matches.
    adviser_id = Column(Integer, primary_key=True)
    role = Column(String(16), primary_key=True)
    language = Column(String(8), primary_key=True, default="")  # translators only

