"""Load a validated edition of the content into the database as one transaction.

Readers (the action server) never see half an edition: the old rows are
replaced and the search index rebuilt inside a single transaction, so until
it commits they keep reading the previous content, and if anything fails it
rolls back and the previous content stays live.
"""
from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import delete, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from knowledge.database import (
    ArticleContactRow,
    ArticleLawRow,
    ArticleTranslationRow,
    ArticleCouncilRow,
    ArticleRelatedRow,
    ArticleRow,
    ArticleSourceRow,
    ContactRow,
    CouncilRow,
    EditionRow,
    PlaceRow,
    PostcodeDistrictRow,
    ProvisionRow,
    create_schema,
)
from knowledge.entities import Article, ContentSet, Source
from knowledge.search import rebuild_search_index
from knowledge.text import normalise_place


@dataclass(frozen=True)
class LoadReport:
    fingerprint: str
    articles: int
    contacts: int
    changed: bool


def current_fingerprint(conn: Connection) -> str | None:
    row = conn.execute(
        select(EditionRow.fingerprint).order_by(EditionRow.id.desc()).limit(1)
    ).first()
    return row[0] if row else None


def load(content: ContentSet, engine: Engine, *, force: bool = False) -> LoadReport:
    """Replace the live content with `content`. Loading the same edition twice changes nothing."""
    create_schema(engine)
    with Session(engine, future=True) as session, session.begin():
        if not force and current_fingerprint(session.connection()) == content.fingerprint:
            return LoadReport(content.fingerprint, len(content.articles), len(content.contacts),
                              changed=False)
        _clear(session)
        _insert(session, content)
        session.flush()
        rebuild_search_index(session.connection())
        session.add(EditionRow(
            fingerprint=content.fingerprint, loaded_at=datetime.now(timezone.utc),
            articles=len(content.articles), contacts=len(content.contacts),
            loaded_by=_who(),
        ))
    return LoadReport(content.fingerprint, len(content.articles), len(content.contacts), True)


def _who() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - a missing user name must not stop a load
        return "unknown"


def _clear(session: Session) -> None:
    for table in (ArticleTranslationRow, ArticleRelatedRow, ArticleContactRow, ArticleSourceRow,
                  ArticleLawRow, ArticleCouncilRow, ArticleRow, ProvisionRow, ContactRow,
                  PlaceRow, PostcodeDistrictRow, CouncilRow):
        session.execute(delete(table))


def _insert(session: Session, content: ContentSet) -> None:
    """Every row of an edition, parents first (councils, contacts, law, then articles)."""
    _insert_places(session, content)
    for c in content.contacts:
        session.add(ContactRow(
            id=c.id, council=c.council, service=c.service, name=c.name, phone=c.phone,
            hours=c.hours, website=c.website, verified=c.verified, note=c.note,
            **{f"source_{name}": value for name, value in _source_columns(c.source).items()},
        ))
    for p in content.provisions:
        session.add(ProvisionRow(id=p.id, title=p.title, in_force=p.in_force,
                                 repealed=p.repealed))
    session.flush()
    for a in content.articles:
        session.add(_article_row(a))
    session.flush()
    for t in content.translations:
        session.add(ArticleTranslationRow(
            article_id=t.article_id, language=t.language, translates=t.translates,
            status=t.status, title=t.title, summary=t.summary, body=t.body,
            next_steps="\n".join(t.next_steps), questions="\n".join(t.questions),
        ))


def _insert_places(session: Session, content: ContentSet) -> None:
    """Councils, then every name a resident may use for one: places, postcode districts."""
    for council in content.councils:
        session.add(CouncilRow(id=council.id, name=council.name, website=council.website,
                               scheme_name=council.scheme.name,
                               scheme_website=council.scheme.website))
    session.flush()
    for council in content.councils:
        names = {council.name, council.id, council.scheme.name, *council.places}
        for name in sorted(names):
            session.add(PlaceRow(name=normalise_place(name), display_name=name,
                                 council_id=council.id))
    for place, councils in content.ambiguous_places.items():
        for council_id in councils:
            session.add(PlaceRow(name=normalise_place(place), display_name=place,
                                 council_id=council_id))
    for district, councils in content.postcode_districts.items():
        for council_id in councils:
            session.add(PostcodeDistrictRow(district=district, council_id=council_id))


def _article_row(a: Article) -> ArticleRow:
    """One article with its councils, sources, law, contacts and related articles."""
    row = ArticleRow(
        id=a.id, topic=a.topic, intent=a.intent, title=a.title, summary=a.summary,
        body=a.body, next_steps="\n".join(a.next_steps), valid_from=a.valid_from,
        valid_until=a.valid_until, successor_id=a.successor, review_due=a.review_due,
        owner=a.owner, needs_adviser=a.needs_adviser, unverified_note=a.unverified_note,
        questions="\n".join(a.questions), version=a.version, name=a.name,
        search_text=" ".join([a.title, *a.questions, a.summary, a.body]),
    )
    row.councils = [ArticleCouncilRow(council=c) for c in a.councils]
    row.sources = [ArticleSourceRow(position=i, **_source_columns(s))
                   for i, s in enumerate(a.sources)]
    row.law_links = [ArticleLawRow(provision_id=p, position=i) for i, p in enumerate(a.law)]
    row.contact_links = [ArticleContactRow(contact_id=c, position=i)
                         for i, c in enumerate(a.contacts)]
    row.related_links = [ArticleRelatedRow(related_id=r, position=i)
                         for i, r in enumerate(a.related)]
    return row

def _source_columns(source: Source) -> dict:
    """A source as stored: where it is, what kind of page, and how it was checked."""
    return dict(url=source.url, title=source.title, ref=source.ref, how=source.check.how,
                checked_on=source.check.on, checked_by=source.check.by,
                copy_date=source.check.copy_date, kind=source.kind,
                publisher=source.publisher, note=source.note)


def database_is_empty(engine: Engine) -> bool:
    create_schema(engine)
    with engine.connect() as conn:
        return conn.execute(text("SELECT COUNT(*) FROM kb_articles")).scalar_one() == 0
