"""Files that hold residents' words are readable by the navigator's own user only.

The SQLite databases keep conversations, advice cases and contact details for a
callback. Under the usual umask (022) SQLite creates them world-readable (0644), so
any other account on the machine could copy them. Each database file is created
0600 before SQLite opens it (SQLite gives its -wal, -shm and -journal files the
database file's mode), a file an older version left open is tightened, and a folder
created for it is 0700. A folder that already exists keeps its mode: it may be
shared (/tmp) or the operator's choice.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from sqlalchemy.engine import make_url

logger = logging.getLogger(__name__)

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
# Files SQLite keeps beside a database while it is open.
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def private_folder(folder: Path) -> None:
    """The folder, with any missing parents created 0700."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for created in reversed(missing):
        created.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
        created.chmod(PRIVATE_FOLDER)  # mkdir's mode is reduced by the umask, never raised


def private_file(path: Path) -> None:
    """The file created 0600 when missing (empty, never truncated), tightened to 0600
    when it exists, with its folder created 0700 when missing."""
    private_folder(path.parent)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    except FileExistsError:
        pass  # made by an older version, or by another process just now: tightened below
    _tighten(path)


def _tighten(path: Path) -> None:
    try:
        path.chmod(PRIVATE_FILE)
    except PermissionError:
        # Someone else's file (an operator's deployment choice): say so, and carry on.
        logger.warning("%s is not ours to make private (mode %o)", path,
                       path.stat().st_mode & 0o777)


def private_sqlite_database(url: str) -> Path | None:
    """Make the SQLite file a database URL names private (and the files SQLite keeps
    beside it); None for PostgreSQL and in-memory databases."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:" \
            or database.startswith("file:"):
        return None
    path = Path(database)
    private_file(path)
    for suffix in SQLITE_COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            _tighten(companion)
    return path
