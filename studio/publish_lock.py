"""One publication at a time across every process that shares the database, not only
within one web process.

Publishing builds the whole edition from what is live and loads it; two publications at
the same moment (two web replicas, or the web server and `python -m studio`) could each
build an edition missing the other's change, and the later load would drop the earlier
one from what residents read. So publishing holds a lock that the database's users share:

- PostgreSQL: a session-level advisory lock (`pg_try_advisory_lock`), keyed by the schema,
  held on one connection for the whole publication. The server releases it if the process
  dies, so a crash never leaves the studio locked.
- SQLite: an exclusive `flock` on a file beside the database file. Only processes on the
  same machine can share an SQLite file, and they all see that lock file; the kernel
  releases it when the process dies. (A database transaction cannot be the lock here:
  SQLite allows one writer, and the publication's own load must write while it is held.)

A thread lock comes first, so threads of one process queue cheaply. Waiting is bounded:
after `timeout` seconds a StudioBusy says so in words for the officer (try again).
"""
from __future__ import annotations

import fcntl
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import text
from sqlalchemy.engine import Engine

_threads = threading.Lock()
POLL_SECONDS = 0.1
LOCK_SQL = "SELECT pg_try_advisory_lock(hashtext('studio-publish:' || current_schema()))"
UNLOCK_SQL = "SELECT pg_advisory_unlock(hashtext('studio-publish:' || current_schema()))"


class StudioBusy(Exception):
    """Another publication held the lock for longer than we wait."""


def lock_file(engine: Engine) -> Path | None:
    """The file beside an SQLite database that its publishers lock; None for an in-memory
    database (one process only: the thread lock is enough)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    return Path(database).with_name(Path(database).name + ".publish-lock")


@contextmanager
def publishing(engine: Engine, timeout: float = 120.0) -> Iterator[None]:
    """Hold the database's publishing lock for the `with` block."""
    deadline = time.monotonic() + timeout
    if not _threads.acquire(timeout=timeout):
        raise StudioBusy(_busy(timeout))
    try:
        if engine.dialect.name == "postgresql":
            with _advisory(engine, deadline, timeout):
                yield
        else:
            with _flocked(lock_file(engine), deadline, timeout):
                yield
    finally:
        _threads.release()


def _busy(timeout: float) -> str:
    return (f"Another change was being published for more than {timeout:.0f} seconds. "
            "Nothing was changed; please try again in a minute.")


@contextmanager
def _advisory(engine: Engine, deadline: float, timeout: float) -> Iterator[None]:
    with engine.connect() as conn:
        while not conn.execute(text(LOCK_SQL)).scalar():
            conn.commit()  # not idle in a transaction while we wait
            if time.monotonic() > deadline:
                raise StudioBusy(_busy(timeout))
            time.sleep(POLL_SECONDS)
        conn.commit()  # a session-level lock outlives the transaction that took it
        try:
            yield
        finally:
            conn.execute(text(UNLOCK_SQL))
            conn.commit()


@contextmanager
def _flocked(path: Path | None, deadline: float, timeout: float) -> Iterator[None]:
    if path is None:
        yield
        return
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StudioBusy(_busy(timeout)) from None
                time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)
