"""The housing team studio's domain: content versions, reviews, publishing, live checks
and the translators' queue (issue 18). No web code here: web/studio/ is one way in,
`python -m studio` another.

Everything is kept in the navigator's database beside the knowledge base, so every web
replica sees the same drafts, and publishing loads the knowledge base with the same
all-or-nothing load as `make content-load` (knowledge/loading.py).
"""
from __future__ import annotations

import threading
from datetime import date

from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine

from knowledge.database import database_url, shared_engine

if TYPE_CHECKING:
    from core.settings import Settings

_ready: set[str] = set()
_lock = threading.Lock()


def studio_engine(url: str | None = None, settings: "Settings | None" = None) -> Engine:
    """The shared database (`url`, else the settings' database, else the process's), with
    the studio's tables created on first use."""
    engine = shared_engine(url or database_url(settings))
    key = str(engine.url)
    if key not in _ready:
        with _lock:
            if key not in _ready:
                from studio.models import create_schema

                create_schema(engine)
                _ready.add(key)
    return engine


def today(settings: "Settings | None" = None) -> date:
    """The day the studio checks content as of: NAVIGATOR_TODAY (the settings' today
    override) when set, as the assistant does, so a staging studio and its assistant agree."""
    from core.settings import current

    return (settings or current()).today_override or date.today()
