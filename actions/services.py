"""The action server's shared services: the knowledge base, council routing, the date.

One instance of each per process, created on first use, so that every action
reads the same live database and shares the postcode cache. Tests swap in
their own with `configure()`.
"""
from __future__ import annotations

from datetime import date

from core.settings import current
from knowledge.library import KnowledgeBase
from knowledge.routing import CouncilRouter

_kb: KnowledgeBase | None = None
_router: CouncilRouter | None = None


def configure(kb: KnowledgeBase | None = None, router: CouncilRouter | None = None) -> None:
    """Use these services instead of the defaults (None resets to the default)."""
    global _kb, _router
    _kb, _router = kb, router


def knowledge_base() -> KnowledgeBase:
    global _kb
    if _kb is None:
        _kb = KnowledgeBase()
    return _kb


def council_router() -> CouncilRouter:
    global _router
    if _router is None:
        _router = CouncilRouter(knowledge_base())
    return _router


def today() -> date:
    """Today's date, or NAVIGATOR_TODAY (YYYY-MM-DD) to preview how answers will read then.

    Housing teams use the override on a staging assistant to check what residents
    will be told when a scheme closes; tests use it to exercise the time rules.
    """
    return current().today_override or date.today()

