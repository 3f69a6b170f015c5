"""The page words as published in the housing team studio (issue 18): once a change to
web/interface/<language>.yml is approved there, every web replica serves it from the
database within a few seconds, without a restart; before anything was published, the
files are the words (they are the studio's version 1)."""
from __future__ import annotations

from sqlalchemy.engine import Engine

from knowledge.database import shared_engine
from studio.published import Watch

PREFIX = "web/interface/"


def _engine() -> Engine:
    """The navigator's database, as the process's settings name it."""
    return shared_engine()


WATCH = Watch(PREFIX, _engine)


def stamp() -> int:
    """Changes whenever page words are published: part of the page bundle's cache key."""
    return WATCH.texts()[0] or 0


def published(code: str) -> str | None:
    """One language's file as published, or None (then the repository's file is used)."""
    texts = WATCH.texts()[1]
    return texts.get(f"{PREFIX}{code}.yml") if texts else None
