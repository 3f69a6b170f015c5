"""The advice tables on a fresh database (SQLite, and PostgreSQL when reachable)."""
from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from advice.accounts import create_adviser
from advice.cases import NewRequest
from advice.models import SUPERVISOR
from core.migrate import upgrade

PASSWORD = "correct horse battery"


@pytest.fixture
def advice_db(any_engine) -> Engine:
    """A fresh database brought to this code's schema by the migrations, as `make migrate`
    does (no process makes tables on first use any more)."""
    upgrade(any_engine)
    return any_engine


@pytest.fixture
def amina(advice_db):
    """An adviser who speaks English and Urdu, on Birmingham's cases."""
    return create_adviser(advice_db, "amina", PASSWORD, display_name="Amina",
                          languages=["en", "ur"], councils=["birmingham"])


@pytest.fixture
def piotr(advice_db):
    return create_adviser(advice_db, "piotr", PASSWORD, display_name="Piotr",
                          languages=["en", "pl"], role=SUPERVISOR)


def request(conversation: str, language: str = "en", urgency: str = "normal",
            council: str | None = "birmingham", **extra) -> NewRequest:
    return NewRequest(conversation_id=conversation, channel="live_chat", language=language,
                      urgency=urgency, summary="Asked about: bidding.", council=council,
                      **extra)
