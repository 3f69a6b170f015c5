"""Read the live knowledge base: the questions the assistant asks of its content.

Every question reads the database afresh, so a new edition loaded by the content
tool is used from the next message on: no restart, no retraining. Articles are read
all at once (six queries) once per edition and kept, so an article costs one query
(the edition's number) instead of six; a load moves the number, and the next
question reads them again (ADR 0027).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from core.settings import current
from knowledge import search as fts
from knowledge.database import (
    ArticleRow,
    ArticleTranslationRow,
    ContactRow,
    CouncilRow,
    EditionRow,
    PlaceRow,
    PostcodeDistrictRow,
    ProvisionRow,
    shared_engine,
)
from knowledge.entities import (
    ALL_COUNCILS,
    NATIONAL,
    Article,
    ArticleTranslation,
    Check,
    Contact,
    Council,
    Scheme,
    Source,
)
from knowledge.languages import SOURCE_LANGUAGE
from knowledge.text import content_terms, normalise_place

# Scheme and legal answers this many days past their review are held back (the resident
# is sent to the council and an adviser instead); NAVIGATOR_HOLD_BACK_DAYS changes it.
HOLD_BACK_DAYS = 90
CONFIDENT_COVERAGE = 0.75
MIN_TERMS_FOR_DIRECT_ANSWER = 2


@dataclass(frozen=True)
class Answer:
    """What to tell a resident for one question family."""

    article: Article | None
    needs_council: bool = False  # the answer differs by council and we don't know theirs


@dataclass(frozen=True)
class SearchResult:
    matches: tuple[Article, ...]
    confident: Article | None


@dataclass(frozen=True)
class LocalisedArticle:
    """An article as a resident should read it in their language.

    `translation` says how: "source" (English asked for), "current" (an up-to-date
    translation), "outdated" (the English changed since it was translated: English
    shown) or "missing" (no translation yet: English shown). `status` is the
    translation's review status ("draft" until a speaker has checked it, or "reviewed").
    """

    article: Article
    language: str
    translation: str
    status: str | None = None


def hold_back_days() -> int:
    """Days past review after which scheme and legal answers are held back."""
    configured = current().hold_back_days  # NAVIGATOR_HOLD_BACK_DAYS, core/settings.py
    return HOLD_BACK_DAYS if configured is None else configured


def _translation(row: ArticleTranslationRow) -> ArticleTranslation:
    return ArticleTranslation(
        article_id=row.article_id, language=row.language, translates=row.translates,
        status=row.status, title=row.title, summary=row.summary, body=row.body,
        next_steps=tuple(s for s in row.next_steps.split("\n") if s),
        questions=tuple(q for q in row.questions.split("\n") if q),
    )


def _article(row: ArticleRow) -> Article:
    return Article(
        id=row.id, topic=row.topic, title=row.title, summary=row.summary, body=row.body,
        councils=tuple(c.council for c in row.councils),
        sources=tuple(_source(s, "") for s in row.sources),
        valid_from=row.valid_from, review_due=row.review_due, owner=row.owner,
        questions=tuple(q for q in row.questions.split("\n") if q), intent=row.intent,
        valid_until=row.valid_until, successor=row.successor_id,
        next_steps=tuple(s for s in row.next_steps.split("\n") if s),
        contacts=tuple(link.contact_id for link in row.contact_links),
        related=tuple(link.related_id for link in row.related_links),
        needs_adviser=row.needs_adviser, unverified_note=row.unverified_note,
        law=tuple(link.provision_id for link in row.law_links), name=row.name,
    )


def _source(row, prefix: str) -> Source:
    """A stored source (an article's own row, or a contact's `source_` columns)."""
    def col(name: str):
        return getattr(row, prefix + name)
    return Source(
        url=col("url"), title=col("title"), ref=col("ref"), kind=col("kind"),
        publisher=col("publisher"), note=col("note"),
        check=Check(how=col("how"), on=col("checked_on"), by=col("checked_by"),
                    copy_date=col("copy_date")),
    )


def _contact(row: ContactRow) -> Contact:
    return Contact(
        id=row.id, council=row.council, service=row.service, name=row.name,
        verified=row.verified, phone=row.phone, hours=row.hours, website=row.website,
        note=row.note, source=_source(row, "source_"),
    )


def _council(row: CouncilRow) -> Council:
    return Council(id=row.id, name=row.name, website=row.website,
                   scheme=Scheme(row.scheme_name, row.scheme_website))


class KnowledgeBase:
    """The assistant's window on the curated content."""

    def __init__(self, engine: Engine | None = None):
        self.engine = engine or shared_engine()
        self._lock = threading.Lock()
        self._indexed: tuple[int, dict[str, Article]] | None = None

    def _session(self) -> Session:
        return Session(self.engine, future=True)

    def edition(self) -> int | None:
        """The live content edition: the newest load's number. Every load that changes the
        content (`make content-load`, the studio's publish) adds one, in the same transaction
        as the new rows, so anything built from an edition is stale once this moves. None
        when nothing was ever loaded (or the table is unreadable): then build afresh."""
        try:
            with self._session() as s:
                return s.execute(select(func.max(EditionRow.id))).scalar()
        except SQLAlchemyError:
            return None

    def _article_index(self) -> dict[str, Article] | None:
        """Every article of the live edition by id (in id order), read once per edition;
        None when no edition was ever loaded (then each article is read on its own). The
        edition is read first, so the articles kept are never older than its number."""
        edition = self.edition()
        if edition is None:
            return None
        with self._lock:
            if self._indexed is not None and self._indexed[0] == edition:
                return self._indexed[1]
        with self._session() as s:
            index = {r.id: _article(r) for r in s.execute(
                select(ArticleRow).order_by(ArticleRow.id)).scalars()}
        with self._lock:
            self._indexed = (edition, index)
        return index

    # -- councils ---------------------------------------------------------------
    def councils(self) -> list[Council]:
        with self._session() as s:
            return [_council(r) for r in s.execute(select(CouncilRow).order_by(CouncilRow.name))
                    .scalars()]

    def council(self, council_id: str | None) -> Council | None:
        if not council_id:
            return None
        with self._session() as s:
            row = s.get(CouncilRow, council_id)
            return _council(row) if row else None

    def councils_for_place(self, name: str) -> list[str]:
        """Council ids a place name belongs to (several when it crosses a boundary)."""
        with self._session() as s:
            rows = s.execute(select(PlaceRow.council_id).where(
                PlaceRow.name == normalise_place(name)).distinct()).scalars()
            return sorted(rows)

    def place_names(self) -> list[tuple[str, str]]:
        """(normalised name, council id) for every known place, longest first."""
        with self._session() as s:
            rows = s.execute(select(PlaceRow.name, PlaceRow.council_id)).all()
        return sorted(((r[0], r[1]) for r in rows), key=lambda r: (-len(r[0]), r))

    def councils_for_district(self, district: str) -> list[str]:
        with self._session() as s:
            rows = s.execute(select(PostcodeDistrictRow.council_id).where(
                PostcodeDistrictRow.district == district.upper())).scalars()
            return sorted(set(rows))

    # -- articles ------------------------------------------------------------------
    def article(self, article_id: str) -> Article | None:
        index = self._article_index()
        if index is not None:
            return index.get(article_id)
        with self._session() as s:
            row = s.get(ArticleRow, article_id)
            return _article(row) if row else None

    def translation(self, article_id: str, language: str) -> ArticleTranslation | None:
        with self._session() as s:
            row = s.get(ArticleTranslationRow, (article_id, language))
            return _translation(row) if row else None

    def localise(self, article: Article, language: str | None) -> LocalisedArticle:
        """The article in the resident's language when a current translation exists."""
        if not language or language == SOURCE_LANGUAGE:
            return LocalisedArticle(article, SOURCE_LANGUAGE, "source")
        translated = self.translation(article.id, language)
        if translated is None:
            return LocalisedArticle(article, SOURCE_LANGUAGE, "missing")
        if not translated.is_current_for(article):
            return LocalisedArticle(article, SOURCE_LANGUAGE, "outdated")
        return LocalisedArticle(translated.applied_to(article), language, "current",
                                translated.status)

    def repealed_law(self, article: Article, today: date) -> list[str]:
        """Titles of provisions the article relies on that are repealed as of `today`:
        the content was loaded before the repeal, so the answer is out of date."""
        if not article.law:
            return []
        with self._session() as s:
            rows = s.execute(select(ProvisionRow).where(ProvisionRow.id.in_(article.law))
                             ).scalars().all()
        return [r.title for r in rows if r.repealed is not None and r.repealed <= today]

    def articles(self) -> list[Article]:
        index = self._article_index()
        if index is not None:
            return list(index.values())
        with self._session() as s:
            return [_article(r) for r in s.execute(select(ArticleRow).order_by(ArticleRow.id))
                    .scalars()]

    def answer_for(self, intent: str, council_id: str | None, today: date) -> Answer:
        """The article answering `intent` for this council, as of `today`.

        A council's own article wins over the general one. When only
        council-specific articles exist and we don't know the council, we ask.
        """
        candidates = self._answering(intent)
        if not candidates:
            return Answer(None)
        general = [a for a in candidates if a.applies_everywhere]
        specific = [a for a in candidates if not a.applies_everywhere]
        if council_id:
            own = [a for a in specific if council_id in a.councils]
            chosen = _prefer_current(own, today) or _prefer_current(general, today)
            return Answer(chosen or _prefer_current(candidates, today))
        if specific:
            return Answer(_prefer_current(general, today), needs_council=True)
        return Answer(_prefer_current(general, today))

    def _answering(self, intent: str) -> list[Article]:
        """The articles for a question family, in id order."""
        index = self._article_index()
        if index is not None:
            return [a for a in index.values() if a.intent == intent]
        with self._session() as s:
            rows = s.execute(select(ArticleRow).where(ArticleRow.intent == intent)
                             .order_by(ArticleRow.id)).scalars().all()
            return [_article(r) for r in rows]

    def _articles_by_id(self, ids: list[str]) -> dict[str, Article]:
        index = self._article_index()
        if index is not None:
            return {i: index[i] for i in ids if i in index}
        with self._session() as s:
            return {r.id: _article(r) for r in s.execute(
                select(ArticleRow).where(ArticleRow.id.in_(ids))).scalars()}

    def search(self, question: str, council_id: str | None, limit: int = 3,
               language: str = SOURCE_LANGUAGE) -> SearchResult:
        """Articles matching a free-text question (in English or the resident's language),
        limited to the resident's council. Matches are returned in English; localise them."""
        with self._session() as s:
            hits = fts.search(s.connection(), question, limit=limit * 4, language=language)
        found = self._articles_by_id([h.article_id for h in hits])
        ranked = [(found[h.article_id], h.language) for h in hits if h.article_id in found]
        if council_id:
            ranked = [(a, lang) for a, lang in ranked
                      if a.applies_everywhere or council_id in a.councils]
        else:
            # Without a council, show each question family once (its general article).
            seen: set[str] = set()
            unique = []
            for a, lang in ranked:
                key = a.intent or a.id
                if key in seen:
                    continue
                seen.add(key)
                unique.append((a, lang))
            ranked = unique
        top = ranked[:limit]
        matches = tuple(a for a, _ in top)
        confident = None
        # One word ("grant") is never enough to answer directly: offer choices instead.
        if top and len(content_terms(question, language == SOURCE_LANGUAGE)) \
                >= MIN_TERMS_FOR_DIRECT_ANSWER:
            scores = [self._coverage(question, a, lang) for a, lang in top[:2]]
            best = top[0][0]
            if scores[0] >= CONFIDENT_COVERAGE:
                runner_up = scores[1] if len(scores) > 1 else 0.0
                same_question = (best.intent is not None and len(top) > 1
                                 and best.intent == top[1][0].intent)
                if scores[0] > runner_up or same_question:
                    confident = best
        return SearchResult(matches, confident)

    def _coverage(self, question: str, article: Article, language: str) -> float:
        if language == SOURCE_LANGUAGE:
            return fts.coverage(question, list(article.questions), article.title)
        translated = self.translation(article.id, language)
        if translated is None:
            return 0.0
        return fts.coverage(question, list(translated.questions), translated.title,
                            english=False)

    # -- contacts ----------------------------------------------------------------
    def contacts(self, ids: list[str] | tuple[str, ...]) -> list[Contact]:
        if not ids:
            return []
        with self._session() as s:
            rows = {r.id: r for r in s.execute(select(ContactRow).where(ContactRow.id.in_(ids)))
                    .scalars()}
        return [_contact(rows[i]) for i in ids if i in rows]

    def contacts_for(self, council_id: str | None, services: tuple[str, ...] = ()) -> list[Contact]:
        """A council's contacts (and national ones), optionally only some services."""
        owners = [NATIONAL] + ([council_id] if council_id else [])
        with self._session() as s:
            query = select(ContactRow).where(ContactRow.council.in_(owners))
            if services:
                query = query.where(ContactRow.service.in_(services))
            rows = s.execute(query.order_by(ContactRow.id)).scalars().all()
        order = {svc: i for i, svc in enumerate(services)}
        found = [_contact(r) for r in rows]
        return sorted(found, key=lambda c: (c.council == NATIONAL, order.get(c.service, 99), c.id))


def _prefer_current(articles: list[Article], today: date) -> Article | None:
    """A current article if there is one; otherwise the most recently closed one."""
    if not articles:
        return None
    current = [a for a in articles if a.is_current(today)]
    if current:
        return current[0]
    return sorted(articles, key=lambda a: a.valid_until or date.max, reverse=True)[0]


__all__ = ["ALL_COUNCILS", "Answer", "KnowledgeBase", "SearchResult"]
