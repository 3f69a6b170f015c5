"""Studio fixtures: a studio seeded from the shipped content on SQLite (always) and
PostgreSQL (when reachable), with the knowledge base loaded beside it."""
from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from core.migrate import upgrade
from knowledge.loading import load
from studio import store
from tests.conftest import CONTENT_DATE


@pytest.fixture
def studio_db(any_engine, shipped_content, monkeypatch) -> Engine:
    """A seeded studio whose live edition is also the loaded knowledge base."""
    monkeypatch.setenv("NAVIGATOR_TODAY", CONTENT_DATE.isoformat())
    upgrade(any_engine)
    load(shipped_content, any_engine)
    store.seed_if_empty(any_engine)
    return any_engine
