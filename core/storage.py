"""Where the navigator keeps its data: the ONE place that reads a database URL and makes
engines, for the knowledge base, the advice records and the conversations.

With no DATABASE_URL, everything runs on one machine with two private SQLite files:
`var/navigator.db` (knowledge base and advice) and `var/conversations.db` (Rasa's tracker
store). With DATABASE_URL set, all three share that database. The URL is parsed once,
here, with SQLAlchemy's own parser: before, the knowledge side and the tracker store each
parsed it their own way (one with urllib), and could disagree about the same URL.

Engines own connection pools, so a process keeps one engine per database
(`shared_engine`). SQLite files are made readable by this account only before SQLite
opens them (core/private_files.py); PostgreSQL connections are pooled, checked before
use (a database restart or a dropped connection costs a reconnect, not a failed message)
and recycled after half an hour.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import QueuePool

from core.settings import PROJECT_ROOT, Settings, current
from core.private_files import private_folder, private_sqlite_database

DEFAULT_SQLITE_PATH = PROJECT_ROOT / "var" / "navigator.db"
DEFAULT_CONVERSATIONS_DB = PROJECT_ROOT / "var" / "conversations.db"
POOL_SIZE, POOL_OVERFLOW = 5, 10
POSTGRES_RECYCLE_SECONDS = 1800


class StorageError(ValueError):
    """A DATABASE_URL the navigator cannot use (said at start-up, with what to use)."""


def parse(database_url: str) -> URL:
    """A configured URL as SQLAlchemy reads it. `postgres://` (Heroku's and libpq's spelling)
    means PostgreSQL with psycopg2; only PostgreSQL and SQLite are supported."""
    text = database_url.strip()
    if text.startswith("postgres://"):
        text = "postgresql://" + text[len("postgres://"):]
    try:
        url = make_url(text)
    except ArgumentError:
        raise StorageError("DATABASE_URL is not a database URL; use postgresql://user@host/db "
                           "or sqlite:///path") from None
    if url.get_backend_name() not in ("postgresql", "sqlite"):
        raise StorageError(f"DATABASE_URL uses '{url.get_backend_name()}'; "
                           "use postgresql:// or sqlite:///")
    return url


def database_url(configured: str | None) -> str:
    """The knowledge base's and advice's database: the configured one, or the private
    SQLite file `var/navigator.db`."""
    if configured:
        return str(parse(configured).render_as_string(hide_password=False))
    private_folder(DEFAULT_SQLITE_PATH.parent)
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def conversations_url(configured: str | None) -> str:
    """The conversations' database: the configured one (the same database), or the private
    SQLite file `var/conversations.db`."""
    if not configured:
        return f"sqlite:///{DEFAULT_CONVERSATIONS_DB}"
    url = parse(configured)
    if url.get_backend_name() == "sqlite" and not url.database:
        return f"sqlite:///{DEFAULT_CONVERSATIONS_DB}"
    return str(url.render_as_string(hide_password=False))


def tracker_store_settings(configured: str | None) -> dict[str, Any]:
    """The conversations' database as arguments for Rasa's SQLTrackerStore, which builds its
    own URL from parts."""
    url = make_url(conversations_url(configured))
    if url.get_backend_name() == "sqlite":
        return {"dialect": "sqlite", "db": url.database}
    settings: dict[str, Any] = {
        "dialect": "postgresql",
        "host": url.host or "localhost",
        "port": url.port,
        "db": url.database or "navigator",
        "username": url.username,
        "password": url.password,
    }
    if url.query:
        # Connection options such as sslmode=require or a search_path apply to the
        # conversations too, not only to the tables SQLAlchemy opens from the URL.
        settings["query"] = dict(url.query)
    return settings


def make_engine(url: str) -> Engine:
    """A new engine for `url` (from `database_url` or `conversations_url`), set up for
    several processes sharing one database."""
    if make_url(url).get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return create_engine(url, future=True, poolclass=QueuePool, pool_size=POOL_SIZE,
                         max_overflow=POOL_OVERFLOW, pool_pre_ping=True,
                         pool_recycle=POSTGRES_RECYCLE_SECONDS)


def _sqlite_engine(url: str) -> Engine:
    # Residents' conversations and cases: the file is the navigator's alone (0600).
    private_sqlite_database(url)
    # A pool of open connections (SQLAlchemy 1.4 opens a new one per use for SQLite
    # files): every message reads the database, and each new connection costs the
    # PRAGMAs below. The pool hands one connection to one thread at a time.
    engine = create_engine(url, future=True, poolclass=QueuePool, pool_size=POOL_SIZE,
                           max_overflow=POOL_OVERFLOW,
                           connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:  # pragma: no cover
        # WAL lets the action server read while the content tool writes a new edition.
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # In WAL mode, NORMAL syncs the log at checkpoints, not at every commit: a commit
        # still survives the process crashing (the log is written before it returns), and
        # the file cannot be corrupted; only an operating-system crash or power cut may undo
        # the last commits. FULL's sync on every commit held Rasa's event loop, and so
        # every other resident, about 2 ms per message (docs/adr/0023, addendum 2).
        # Councils that need every commit on disk run PostgreSQL (docs/deploy.md).
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


@lru_cache(maxsize=8)
def shared_engine(url: str) -> Engine:
    """One engine per database per process (engines own connection pools)."""
    return make_engine(url)


def navigator_engine(settings: Settings | None = None) -> Engine:
    """The navigator's database (knowledge base, advice, studio, insights), shared within
    the process: the settings' database, or the process's own when none are passed. A
    caller holding a URL (a test, a tool) uses `shared_engine(url)`."""
    return shared_engine(database_url((settings or current()).database_url))


def conversations_engine(settings: Settings) -> Engine:
    """The conversations' database (retention purge, transcripts for the console)."""
    return shared_engine(conversations_url(settings.database_url))

