"""The housing team studio's domain: content versions, reviews, publishing, live checks
and the translators' queue (issue 18). No web code here: web/studio/ is one way in,
`python -m studio` another.

Everything is kept in the navigator's database beside the knowledge base, so every web
replica sees the same drafts, and publishing loads the knowledge base with the same
all-or-nothing load as `make content-load` (knowledge/loading.py).
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine

from knowledge.database import database_url, shared_engine

if TYPE_CHECKING:
    from core.settings import Settings


def studio_engine(url: str | None = None, settings: "Settings | None" = None) -> Engine:
    """The shared database (`url`, else the settings' database, else the process's). The
    studio's tables are made by the migrations (`make migrate`, revision 0003), never here."""
    return shared_engine(url or database_url(settings))


def today(settings: "Settings | None" = None) -> date:
    """The day the studio checks content as of: NAVIGATOR_TODAY (the settings' today
    override) when set, as the assistant does, so a staging studio and its assistant agree."""
    from core.settings import current

    return (settings or current()).today_override or date.today()
