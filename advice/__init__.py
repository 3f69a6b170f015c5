"""The advice team's side of the navigator: handoff requests, the adviser queue,
adviser accounts and forwarding to a council's helpdesk. Shared by the action
server (which opens requests) and the web server (the adviser console and the
resident's relay), through the database only.

The advice tables are made and changed by the migrations (migrations/, `make migrate`),
never by a process on its first use: two replicas starting together must not race to
alter the same table.
"""
from __future__ import annotations

from sqlalchemy.engine import Engine

from core.settings import Settings, current
from core.storage import database_url, shared_engine


def advice_engine(url: str | None = None, settings: Settings | None = None) -> Engine:
    """The shared database of the advice records: `url` when given (tests, tools), else
    the settings' (the process's own when none are passed)."""
    return shared_engine(url or database_url((settings or current()).database_url))
