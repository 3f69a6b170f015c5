"""Find anything: every content file with what an officer filters on (topic, council,
language, status) and what needs attention (a translation whose English changed, a review
date passed, a source or contact nobody has checked)."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from knowledge.entities import ContentSet
from studio import edition
from studio.documents import parse
from studio import words as word_files
from studio.models import (ARTICLE, CONTACTS, LAW, PHRASES, TRANSLATION, WORD_KINDS, WORDS,
                           Document, Version)
from studio.store import live_files

# What the status filter offers (the words on the page live in the template).
STATUS_FILTERS = ("live", "draft", "in_review", "stale", "review_due", "unverified")


@dataclass(frozen=True)
class Item:
    path: str
    kind: str
    title: str
    status: str  # live | draft | in_review | returned | new
    head: int
    live: int | None
    topic: str = ""
    councils: tuple[str, ...] = ()
    language: str = "en"
    article_id: str = ""
    review_due: date | None = None
    stale: bool = False  # a translation of an older English version
    unverified: bool = False  # a source or contact nobody has checked

    def review_overdue(self, day: date) -> bool:
        return self.review_due is not None and self.review_due < day


_parsed: dict[tuple[int, int], dict] = {}
_live: dict[tuple, ContentSet | None] = {}
_lock = threading.Lock()


def _facts(doc_id: int, number: int, text: str) -> dict:
    """What the list needs from one version's text (cached: versions never change)."""
    key = (doc_id, number)
    if key not in _parsed:
        data = parse(text)
        _parsed[key] = data if isinstance(data, dict) else {}
    return _parsed[key]


def english_versions(engine: Engine, day: date) -> dict[str, str]:
    """Each live English article's version (what translations record as `translates`)."""
    with Session(engine) as session:
        key = tuple(session.execute(select(Document.id, Document.live)
                                    .order_by(Document.id)).all())
    with _lock:
        if key not in _live:
            try:
                _live.clear()
                _live[key] = edition.content_of(live_files(engine), day)
            except edition.NotPublishable:
                _live[key] = None
        content = _live[key]
    return {a.id: a.version for a in content.articles} if content else {}


def _unverified(kind: str, data: dict) -> bool:
    if kind == CONTACTS:
        return any(c.get("verified") is False or
                   ((c.get("source") or {}).get("check") or {}).get("how") == "unverified"
                   for c in data.get("contacts") or [] if isinstance(c, dict))
    if kind == LAW:
        return any(((p.get("source") or {}).get("check") or {}).get("how") == "unverified"
                   for p in data.get("provisions") or [] if isinstance(p, dict))
    return any(isinstance(s, dict) and (s.get("check") or {}).get("how") == "unverified"
               for s in data.get("sources") or [])


def items(engine: Engine, day: date) -> list[Item]:
    """Every document, described from its newest version."""
    versions = english_versions(engine, day)
    with Session(engine) as session:
        rows = session.execute(
            select(Document, Version).join(
                Version, (Version.document_id == Document.id) & (Version.number == Document.head))
            .order_by(Document.key)).all()
    found = []
    english = _english_words(rows)
    for doc, head in rows:
        data = _facts(doc.id, head.number, head.text)
        status = "live" if doc.head == doc.live else (head.status if doc.live else "new")
        if doc.kind in WORD_KINDS:
            found.append(_word_item(doc, data, status, english))
            continue
        councils = data.get("councils") or []
        councils = tuple(councils) if isinstance(councils, list) else (str(councils),)
        if doc.kind == CONTACTS:
            councils = (str(data.get("council") or ""),)
        article_id = str(data.get("article") or data.get("id") or "")
        review_due = data.get("review_due") if isinstance(data.get("review_due"), date) else None
        found.append(Item(
            path=doc.key, kind=doc.kind, title=str(data.get("title") or doc.key),
            status=status, head=doc.head, live=doc.live, topic=str(data.get("topic") or ""),
            councils=councils, language=str(data.get("language") or "en"),
            article_id=article_id, review_due=review_due,
            stale=doc.kind == TRANSLATION and article_id in versions
            and data.get("translates") != versions[article_id],
            unverified=_unverified(doc.kind, data)))
    return found


def _english_words(rows) -> dict[str, dict]:
    """The English bot phrases and page words (their newest versions), by kind: what a
    translation's entries are stale against."""
    english = {}
    for doc, head in rows:
        if doc.kind in (PHRASES, WORDS) and word_files.language_of(doc.key) == "en":
            english[doc.kind] = word_files.english_entries(doc.kind, {doc.key: head.text})
    return english


def _word_item(doc: Document, data: dict, status: str, english: dict[str, dict]) -> Item:
    """A crisis, phrase or words file in the list: by language; a translation of bot
    phrases or page words is stale when any entry's English changed since."""
    language = word_files.language_of(doc.key)
    stale = doc.kind in english and language != "en" and \
        bool(word_files.stale_entries(doc.kind, data, english[doc.kind]))
    return Item(path=doc.key, kind=doc.kind, title=word_files.title(doc.key), status=status,
                head=doc.head, live=doc.live, language=language, stale=stale)


def find(engine: Engine, day: date, *, words: str = "", topic: str = "", council: str = "",
         language: str = "", status: str = "", kind: str = "") -> list[Item]:
    """The documents matching every filter given (empty filters match everything)."""
    words = words.strip().lower()
    chosen = []
    for item in items(engine, day):
        if words and words not in item.title.lower() and words not in item.path:
            continue
        if topic and item.topic != topic:
            continue
        if council and council not in item.councils and "all" not in item.councils:
            continue
        if language and item.language != language:
            continue
        if kind and item.kind != kind:
            continue
        if status in ("live", "draft", "in_review") and item.status != status:
            continue
        if status == "stale" and not item.stale:
            continue
        if status == "review_due" and not item.review_overdue(day):
            continue
        if status == "unverified" and not item.unverified:
            continue
        chosen.append(item)
    return chosen


@dataclass(frozen=True)
class QueueEntry:
    """A translation waiting for a speaker: a draft, or one whose English changed."""

    item: Item
    english_path: str
    reason: str  # "draft" or "english_changed"


def translator_queue(engine: Engine, language: str, day: date) -> list[QueueEntry]:
    everything = items(engine, day)
    english = {i.article_id: i.path for i in everything if i.kind == ARTICLE}
    queue = []
    for item in everything:
        if item.kind != TRANSLATION or item.language != language:
            continue
        data = _facts_for(engine, item)
        if item.stale:
            queue.append(QueueEntry(item, english.get(item.article_id, ""), "english_changed"))
        elif data.get("status") != "reviewed":
            queue.append(QueueEntry(item, english.get(item.article_id, ""), "draft"))
    return sorted(queue, key=lambda e: (e.reason != "english_changed", e.item.path))


def _facts_for(engine: Engine, item: Item) -> dict:
    with Session(engine) as session:
        doc = session.scalar(select(Document).where(Document.key == item.path))
        head = session.scalar(select(Version).where(Version.document_id == doc.id,
                                                    Version.number == doc.head))
        return _facts(doc.id, head.number, head.text)
