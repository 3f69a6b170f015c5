"""Finding 13 (database files): var/*.db were world-readable.

Every SQLite file the navigator opens (knowledge base and advice cases through
knowledge.database.make_engine, conversations through Rasa's tracker store) is
created 0600 in a folder created 0700, and an existing file is tightened, under the
usual umask 022 that would otherwise leave them 0644.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from sqlalchemy import text

from advice import advice_engine
from bot.stores import NavigatorTrackerStore
from knowledge.database import make_engine


@pytest.fixture(autouse=True)
def usual_umask():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _use(engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS t (x INTEGER)"))
        connection.execute(text("INSERT INTO t VALUES (1)"))
    engine.dispose()


def test_finding_13_a_new_database_file_is_private(tmp_path):
    """Finding 13: a fresh engine creates its folder 0700 and its file (and WAL) 0600."""
    database = tmp_path / "var" / "navigator.db"
    _use(make_engine(f"sqlite:///{database}"))
    assert mode(database.parent) == 0o700
    written = [p for p in database.parent.iterdir() if p.name.startswith("navigator.db")]
    assert written and {p.name: mode(p) for p in written} == {p.name: 0o600 for p in written}


def test_finding_13_an_existing_world_readable_file_is_tightened(tmp_path):
    """Finding 13: a database file left 0644 by an older version becomes 0600."""
    database = tmp_path / "navigator.db"
    _use(make_engine(f"sqlite:///{database}"))
    database.chmod(0o644)
    _use(make_engine(f"sqlite:///{database}"))
    assert mode(database) == 0o600


def test_finding_13_advice_cases_file_is_private(tmp_path):
    """Finding 13: the advice cases (same engine factory) are stored 0600."""
    database = tmp_path / "advice" / "navigator.db"
    advice_engine(f"sqlite:///{database}")
    assert mode(database) == 0o600 and mode(database.parent) == 0o700


def test_finding_13_conversations_file_is_private(tmp_path, monkeypatch):
    """Finding 13: Rasa's tracker store (its own engine) keeps conversations 0600."""
    database = tmp_path / "conversations" / "conversations.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")
    NavigatorTrackerStore(domain=Domain.empty())
    assert mode(database) == 0o600 and mode(database.parent) == 0o700
