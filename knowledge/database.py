"""The knowledge base's tables: one SQL schema for SQLite and PostgreSQL.

Where they are stored (the SQLite file in `var/`, or DATABASE_URL) and the engines that
reach them are core/storage.py's, shared with advice and the conversations; this module
keeps `make_engine`, `shared_engine` and `database_url` as names for them.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import declarative_base, relationship

from core import storage
from core.settings import Settings, current
from core.storage import DEFAULT_SQLITE_PATH

__all__ = ["DEFAULT_SQLITE_PATH", "make_engine", "shared_engine", "database_url", "Base"]

# Typed as Any: SQLAlchemy 1.4's declarative_base() returns a class mypy cannot see
# through without the sqlalchemy2-stubs plugin (ADR 0025).
Base: Any = declarative_base()


def database_url(settings: Settings | None = None) -> str:
    """The configured database, or the embedded SQLite file (core/storage.py decides)."""
    return storage.database_url((settings or current()).database_url)


def make_engine(url: str | None = None) -> Engine:
    """A new engine for `url`, or for the configured database."""
    return storage.make_engine(url or database_url())


def shared_engine(url: str | None = None) -> Engine:
    """The process's engine for `url`, or for the configured database."""
    return storage.shared_engine(url or database_url())


class CouncilRow(Base):
    __tablename__ = "kb_councils"
    id = Column(String(40), primary_key=True)
    name = Column(String(200), nullable=False)
    website = Column(String(500), nullable=False)
    scheme_name = Column(String(200), nullable=False)
    scheme_website = Column(String(500))


class PlaceRow(Base):
    """A place name residents use instead of the council (Handsworth, Tipton)."""

    __tablename__ = "kb_places"
    id = Column(Integer, primary_key=True, autoincrement=True)
    name = Column(String(200), nullable=False, index=True)  # normalised, lower case
    display_name = Column(String(200), nullable=False)
    council_id = Column(String(40), ForeignKey("kb_councils.id"), nullable=False)


class PostcodeDistrictRow(Base):
    __tablename__ = "kb_postcode_districts"
    id = Column(Integer, primary_key=True, autoincrement=True)
    district = Column(String(8), nullable=False, index=True)
    council_id = Column(String(40), ForeignKey("kb_councils.id"), nullable=False)


class ContactRow(Base):
    __tablename__ = "kb_contacts"
    id = Column(String(100), primary_key=True)
    council = Column(String(40), nullable=False, index=True)  # council id or "national"
    service = Column(String(40), nullable=False)
    name = Column(String(300), nullable=False)
    phone = Column(String(40))
    hours = Column(String(300))
    website = Column(String(500))
    verified = Column(Boolean, nullable=False)
    note = Column(Text)
    source_url = Column(String(1000), nullable=False)
    source_title = Column(String(500))
    source_ref = Column(String(20))
    source_how = Column(String(20), nullable=False)
    source_checked_on = Column(Date)
    source_checked_by = Column(String(200))
    source_copy_date = Column(String(10))
    source_kind = Column(String(20), nullable=False)
    source_publisher = Column(String(200))
    source_note = Column(Text)


class ArticleRow(Base):
    __tablename__ = "kb_articles"
    id = Column(String(100), primary_key=True)
    topic = Column(String(40), nullable=False, index=True)
    intent = Column(String(80), index=True)
    title = Column(String(300), nullable=False)
    summary = Column(Text, nullable=False)
    body = Column(Text, nullable=False)
    next_steps = Column(Text, nullable=False, default="")  # one step per line
    valid_from = Column(Date, nullable=False)
    valid_until = Column(Date)
    successor_id = Column(String(100))
    review_due = Column(Date, nullable=False)
    owner = Column(String(200), nullable=False)
    needs_adviser = Column(Boolean, nullable=False, default=False)
    unverified_note = Column(Text)
    questions = Column(Text, nullable=False, default="")  # one question per line
    version = Column(String(16), nullable=False)
    name = Column(String(200))
    search_text = Column(Text, nullable=False, default="")

    councils = relationship("ArticleCouncilRow", cascade="all, delete-orphan", lazy="selectin")
    sources = relationship("ArticleSourceRow", cascade="all, delete-orphan", lazy="selectin",
                           order_by="ArticleSourceRow.position")
    contact_links = relationship("ArticleContactRow", cascade="all, delete-orphan",
                                 lazy="selectin", order_by="ArticleContactRow.position")
    law_links = relationship("ArticleLawRow", cascade="all, delete-orphan", lazy="selectin",
                             order_by="ArticleLawRow.position")
    related_links = relationship("ArticleRelatedRow", cascade="all, delete-orphan",
                                 lazy="selectin", order_by="ArticleRelatedRow.position",
                                 foreign_keys="ArticleRelatedRow.article_id")


class ArticleCouncilRow(Base):
    __tablename__ = "kb_article_councils"
    article_id = Column(String(100), ForeignKey("kb_articles.id", ondelete="CASCADE"),
                        primary_key=True)
    council = Column(String(40), primary_key=True)  # council id or "all"


class ArticleSourceRow(Base):
    __tablename__ = "kb_article_sources"
    id = Column(Integer, primary_key=True, autoincrement=True)
    article_id = Column(String(100), ForeignKey("kb_articles.id", ondelete="CASCADE"),
                        nullable=False, index=True)
    position = Column(Integer, nullable=False)
    url = Column(String(1000), nullable=False)
    title = Column(String(500))
    ref = Column(String(20))
    how = Column(String(20), nullable=False)  # live | stored-copy | unverified
    checked_on = Column(Date)
    checked_by = Column(String(200))
    copy_date = Column(String(10))
    kind = Column(String(20), nullable=False)
    publisher = Column(String(200))
    note = Column(Text)


class ArticleLawRow(Base):
    """A provision in the law register that an article relies on."""

    __tablename__ = "kb_article_law"
    article_id = Column(String(100), ForeignKey("kb_articles.id", ondelete="CASCADE"),
                        primary_key=True)
    provision_id = Column(String(100), ForeignKey("kb_provisions.id"), primary_key=True)
    position = Column(Integer, nullable=False)


class ProvisionRow(Base):
    """One entry of the law register (knowledge/content/law.yml): when it applies."""

    __tablename__ = "kb_provisions"
    id = Column(String(100), primary_key=True)
    title = Column(String(500), nullable=False)
    in_force = Column(Date)
    repealed = Column(Date)


class ArticleContactRow(Base):
    __tablename__ = "kb_article_contacts"
    article_id = Column(String(100), ForeignKey("kb_articles.id", ondelete="CASCADE"),
                        primary_key=True)
    contact_id = Column(String(100), ForeignKey("kb_contacts.id"), primary_key=True)
    position = Column(Integer, nullable=False)


class ArticleRelatedRow(Base):
    __tablename__ = "kb_article_related"
    article_id = Column(String(100), ForeignKey("kb_articles.id", ondelete="CASCADE"),
                        primary_key=True)
    related_id = Column(String(100), primary_key=True)
    position = Column(Integer, nullable=False)


class ArticleTranslationRow(Base):
    """An article in another language, and which English version it translates."""

    __tablename__ = "kb_article_translations"
    article_id = Column(String(100), ForeignKey("kb_articles.id", ondelete="CASCADE"),
                        primary_key=True)
    language = Column(String(8), primary_key=True)
    translates = Column(String(16), nullable=False)
    status = Column(String(16), nullable=False)
    title = Column(String(300), nullable=False)
    summary = Column(Text, nullable=False)
    body = Column(Text, nullable=False)
    next_steps = Column(Text, nullable=False, default="")
    questions = Column(Text, nullable=False, default="")


class EditionRow(Base):
    """A record of each content load: what was loaded, when, and by whom."""

    __tablename__ = "kb_editions"
    id = Column(Integer, primary_key=True, autoincrement=True)
    fingerprint = Column(String(32), nullable=False)
    loaded_at = Column(DateTime(timezone=True), nullable=False)
    articles = Column(Integer, nullable=False)
    contacts = Column(Integer, nullable=False)
    loaded_by = Column(String(200))


def create_schema(engine: Engine) -> None:
    """Bring the database to the schema this code expects, by the migrations (core/migrate.py).

    Loading content is a deployment step (`make content-load`, the deployment's Job), so it
    may migrate; `make migrate` before it normally has already. A fresh database (tests,
    `make eval`, `make bench`) is ready after one load.
    """
    from core.migrate import upgrade  # Alembic is only needed by the content tool

    upgrade(engine)
