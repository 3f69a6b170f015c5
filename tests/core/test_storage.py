"""One engine factory: every part of the navigator reads DATABASE_URL the same way."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import text

from core import storage
from core.clock import aware, now
from core.settings import Settings
from core.storage import (
    DEFAULT_CONVERSATIONS_DB,
    DEFAULT_SQLITE_PATH,
    StorageError,
    conversations_url,
    database_url,
    make_engine,
    tracker_store_settings,
)


def test_with_nothing_configured_two_private_sqlite_files_in_var():
    assert database_url(None) == f"sqlite:///{DEFAULT_SQLITE_PATH}"
    assert conversations_url(None) == f"sqlite:///{DEFAULT_CONVERSATIONS_DB}"
    assert tracker_store_settings(None) == {"dialect": "sqlite", "db": str(DEFAULT_CONVERSATIONS_DB)}


@pytest.mark.parametrize("configured", ["postgres://nav:s%40cret@db.example:5433/navigator",
                                        "postgresql://nav:s%40cret@db.example:5433/navigator"])
def test_knowledge_advice_and_conversations_read_one_postgresql_url_alike(configured):
    expected = "postgresql://nav:s%40cret@db.example:5433/navigator"
    assert database_url(configured) == conversations_url(configured) == expected
    assert tracker_store_settings(configured) == {
        "dialect": "postgresql", "host": "db.example", "port": 5433, "db": "navigator",
        "username": "nav", "password": "s@cret"}


def test_connection_options_reach_the_conversations_too():
    configured = "postgresql://u@h/d?sslmode=require&options=-csearch_path%3Dhn"
    assert tracker_store_settings(configured)["query"] == {"sslmode": "require",
                                                          "options": "-csearch_path=hn"}


def test_a_sqlite_url_puts_everything_in_that_one_file(tmp_path):
    configured = f"sqlite:///{tmp_path / 'all.db'}"
    assert database_url(configured) == conversations_url(configured) == configured
    assert tracker_store_settings(configured) == {"dialect": "sqlite",
                                                  "db": str(tmp_path / "all.db")}


@pytest.mark.parametrize("configured", ["mysql://somewhere/db", "not a url"])
def test_an_unsupported_database_is_refused_with_what_to_use(configured):
    with pytest.raises(StorageError, match="postgresql://"):
        database_url(configured)
    with pytest.raises(ValueError):  # what the tracker store raised before
        tracker_store_settings(configured)


def test_postgresql_connections_are_pooled_checked_and_recycled():
    engine = make_engine("postgresql://nav@db.example/navigator")
    assert engine.pool.size() == storage.POOL_SIZE
    assert engine.pool._pre_ping and engine.pool._recycle == storage.POSTGRES_RECYCLE_SECONDS


def test_one_engine_per_database_per_process(tmp_path):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'nav.db'}")
    assert storage.navigator_engine(settings) is storage.navigator_engine(settings)
    with storage.navigator_engine(settings).connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        # NORMAL (1): the log is synced at checkpoints, not on every commit (core/storage.py)
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 1


def test_a_naive_moment_from_sqlite_is_read_as_utc():
    assert aware(datetime(2026, 12, 6, 9, 30)) == datetime(2026, 12, 6, 9, 30, tzinfo=timezone.utc)
    assert aware(None) is None
    assert now().tzinfo is timezone.utc
