"""What the studio has published of the files that other processes read themselves:
crisis phrases (the action server's crisis check) and page words (the web server's chat
page). Every process on the database sees the same, so a change approved on one web
replica reaches every replica and every action server without a restart.

Readers ask for a prefix ("crisis/", "web/interface/") through a `Watch`: it looks at the
database at most every few seconds (one small query: the newest publication under that
prefix) and reads the texts only when that changed. Until anything under the prefix has
been published in the studio, the answer is None and the reader keeps its files (which
are the studio's version 1 anyway).
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from studio.models import Document, Publication, Version

log = logging.getLogger(__name__)
CHECK_SECONDS = 2.0


def newest(engine: Engine, prefix: str) -> int | None:
    """The newest publication of any file under `prefix` (None: none yet)."""
    with Session(engine) as session:
        return session.scalar(select(func.max(Publication.id)).join(
            Document, Document.id == Publication.document_id).where(
            Document.key.startswith(prefix)))


def live_texts(engine: Engine, prefix: str) -> dict[str, str]:
    """Each file under `prefix` as it is live now, by its path."""
    with Session(engine) as session:
        rows = session.execute(select(Document.key, Version.text).join(
            Version, (Version.document_id == Document.id) & (Version.number == Document.live))
            .where(Document.key.startswith(prefix))).all()
    return {key: text for key, text in rows}


class Watch:
    """The live texts under a prefix, refreshed when something new is published there."""

    def __init__(self, prefix: str, engine: Callable[[], Engine],
                 every: float = CHECK_SECONDS) -> None:
        self.prefix, self.engine, self.every = prefix, engine, every
        self._lock = threading.Lock()
        self._checked = float("-inf")
        self._stamp: int | None = None
        self._texts: dict[str, str] | None = None

    def texts(self) -> tuple[int | None, dict[str, str] | None]:
        """(the newest publication's id, the live texts), or (None, None) before anything
        under the prefix was published or when the studio's tables cannot be read."""
        now = time.monotonic()
        if now - self._checked < self.every:
            return self._stamp, self._texts
        with self._lock:
            if now - self._checked < self.every:
                return self._stamp, self._texts
            self._checked = now
            try:
                engine = self.engine()
                stamp = newest(engine, self.prefix)
                if stamp != self._stamp:
                    self._texts = live_texts(engine, self.prefix) if stamp else None
                    self._stamp = stamp
            except SQLAlchemyError as problem:  # no studio tables here: the files stand
                log.debug("published %s unavailable: %s", self.prefix, problem)
                self._stamp, self._texts = None, None
        return self._stamp, self._texts
