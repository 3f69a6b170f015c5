"""The advice team's side of the navigator: handoff requests, the adviser queue,
adviser accounts and forwarding to a council's helpdesk. Shared by the action
server (which opens requests) and the web server (the adviser console and the
resident's relay), through the database only."""
from __future__ import annotations

import threading

from sqlalchemy.engine import Engine

from knowledge.database import database_url, shared_engine

_ready: set[str] = set()
_lock = threading.Lock()


def advice_engine(url: str | None = None) -> Engine:
    """The shared database, with the advice tables created on first use."""
    engine = shared_engine(url or database_url())
    key = str(engine.url)
    if key not in _ready:
        with _lock:
            if key not in _ready:
                from advice.models import create_schema

                create_schema(engine)
                _ready.add(key)
    return engine
