"""The housing team studio's domain: content versions, reviews, publishing, live checks
and the translators' queue (issue 18). No web code here: web/studio/ is one way in,
`python -m studio` another.

Everything is kept in the navigator's database beside the knowledge base, so every web
replica sees the same drafts, and publishing loads the knowledge base with the same
all-or-nothing load as `make content-load` (knowledge/loading.py).
"""
from __future__ import annotations

from datetime import date

from core.settings import Settings, current

# The studio's tables are in the navigator's database (core.storage.navigator_engine), made
# by the migrations (`make migrate`, revision 0003), never on first use.


def today(settings: Settings | None = None) -> date:
    """The day the studio checks content as of: NAVIGATOR_TODAY (the settings' today
    override) when set, as the assistant does, so a staging studio and its assistant agree."""
    return (settings or current()).today_override or date.today()
