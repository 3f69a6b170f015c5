"""Council and place names, from the knowledge base the council router uses.

Not a copy: the names come from knowledge's own code. With a live KnowledgeBase (the
action server's), its place table is used as it is; without one (training, tests, the
Rasa server before content is loaded) the shipped knowledge/content/councils.yml is read
by knowledge's validator and loaded by knowledge's loader into an in-memory SQLite
database, so the names and the councils they belong to are exactly those
knowledge/routing.py matches.
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache

from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool

from knowledge.content_files import read_content
from knowledge.entities import ContentSet
from knowledge.library import KnowledgeBase
from knowledge.loading import load
from knowledge.validation.councils import read_councils
from knowledge.validation.fields import Reader

PlaceTable = tuple[tuple[str, tuple[str, ...]], ...]  # (normalised name, council ids)


def place_table(kb: KnowledgeBase) -> PlaceTable:
    """Every place name with the councils it belongs to (several when it crosses a boundary)."""
    councils: dict[str, set[str]] = {}
    for name, council in kb.place_names():
        councils.setdefault(name, set()).add(council)
    return tuple((name, tuple(sorted(ids))) for name, ids in councils.items())


@lru_cache(maxsize=1)
def shipped_place_table() -> PlaceTable:
    """The place table of the content shipped in this repository."""
    raw = read_content()
    councils, ambiguous = read_councils(Reader(raw, date.today(), None))
    engine = create_engine("sqlite://", poolclass=StaticPool,
                           connect_args={"check_same_thread": False})
    load(ContentSet(councils=tuple(councils), contacts=(), articles=(),
                    ambiguous_places=ambiguous), engine)
    return place_table(KnowledgeBase(engine))
