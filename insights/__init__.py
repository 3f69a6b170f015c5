"""Evidence for councils and the Taskforce (issue 19): demand, handoff outcomes and safety
counts by topic, language, council and week, kept as aggregate counts that outlive the
90-day deletion of conversations, and published only through disclosure control.

No web code here: web/insights/ shows it, `python -m insights` rolls it up. Pieces:
models (the count tables), catalogue (what a question is about), conversations (one day of
events counted, pure), rollup (reads events and cases, writes counts, idempotently),
disclosure (what may be published), reports (the tables people read), charts (SVG, pure),
ethnicity (the optional question's answers), sample (a generated month for tests).
"""
from __future__ import annotations

from sqlalchemy.engine import Engine

from core.settings import Settings, current
from core.storage import database_url, shared_engine



def insights_engine(url: str | None = None, settings: Settings | None = None) -> Engine:
    """The navigator's database (where the advice records are). Its insights tables are
    made by the migrations (`make migrate`, revision 0002; docs/adr/0015), never here."""
    return shared_engine(url or database_url((settings or current()).database_url))
