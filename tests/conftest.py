"""Shared fixtures: content folders, databases (SQLite always, PostgreSQL when reachable)."""
from __future__ import annotations

import os
import shutil
import uuid
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from knowledge.cli import known_intents
from knowledge.database import make_engine
from knowledge.library import KnowledgeBase
from knowledge.loading import load
from knowledge.validation import validate
from tests.assistant import stack  # noqa: F401 - one whole assistant for the session, every folder

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "knowledge" / "content"
# The date the shipped content was last checked (the facts pack's law corrections of
# 6 December 2026); tests that depend on "today" use it
# so that they do not start failing when a review date passes.
CONTENT_DATE = date(2026, 12, 6)
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def shipped_content():
    result = validate(CONTENT, today=CONTENT_DATE, known_intents=known_intents())
    assert result.ok, "\n".join(str(p) for p in result.errors)
    return result.content


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped content, for tests that break it on purpose."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture(scope="session")
def _migrated_template(tmp_path_factory) -> Path:
    """One SQLite file at this code's schema (core/migrate.py), copied for each test."""
    from core.migrate import upgrade

    path = tmp_path_factory.mktemp("migrated") / "navigator.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture
def migrated_sqlite_url(_migrated_template: Path, tmp_path: Path) -> str:
    """A fresh SQLite database with the project's tables, as `make migrate` leaves it."""
    target = tmp_path / "navigator.db"
    shutil.copyfile(_migrated_template, target)
    target.chmod(0o600)
    return f"sqlite:///{target}"


@pytest.fixture
def sqlite_engine(migrated_sqlite_url: str) -> Engine:
    """A fresh SQLite database with the project's tables (as `make migrate` leaves it)."""
    return make_engine(migrated_sqlite_url)


@pytest.fixture
def bare_sqlite_engine(tmp_path: Path) -> Engine:
    """A fresh SQLite database with no tables at all (migration tests)."""
    return make_engine(f"sqlite:///{tmp_path / 'bare.db'}")


def _postgres_reachable() -> str | None:
    try:
        engine = create_engine(POSTGRES_URL, future=True, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable here"
        return f"PostgreSQL not reachable at {POSTGRES_URL}: {type(exc).__name__}"


@pytest.fixture
def postgres_engine(bare_postgres_engine: Engine) -> Engine:
    """A private schema in the test database with the project's tables (core/migrate.py)."""
    from core.migrate import upgrade

    upgrade(bare_postgres_engine)
    return bare_postgres_engine


@pytest.fixture
def bare_postgres_engine():
    """An engine on a private, empty schema in the test database, dropped afterwards."""
    reason = _postgres_reachable()
    if reason:
        pytest.skip(reason)
    schema = f"hn_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL, future=True)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(f"{POSTGRES_URL}?options=-csearch_path%3D{schema}")
    yield engine
    engine.dispose()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def bare_any_engine(request) -> Engine:
    """Both backends, with no tables at all (migration tests)."""
    return request.getfixturevalue(f"bare_{request.param}_engine")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_engine(request) -> Engine:
    """Run a test against both backends."""
    return request.getfixturevalue(f"{request.param}_engine")


@pytest.fixture
def kb(sqlite_engine, shipped_content) -> KnowledgeBase:
    load(shipped_content, sqlite_engine)
    return KnowledgeBase(sqlite_engine)
