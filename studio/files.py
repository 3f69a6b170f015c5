"""Files stay the record: the published edition out to a folder in the layout of
knowledge/content, and a folder read back in as drafts.

    python -m knowledge export --format files --output DIR   (or: python -m studio export DIR)
    python -m knowledge import DIR                           (or: python -m studio import DIR)

A file that was never edited in the studio is written back byte for byte (comments and
all), so a developer reconciles the studio and the repository with ordinary git.
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from studio import store
from studio.documents import content_files
from studio.edition import write_files


def export_edition(engine: Engine, folder: Path) -> int:
    """Write the live edition under `folder`; returns how many files."""
    store.seed_if_empty(engine)
    files = store.live_files(engine)
    write_files(files, Path(folder))
    return len(files)


def import_folder(engine: Engine, folder: Path, author: str = store.FILES_AUTHOR) -> list[str]:
    """Read a folder in as a draft edition: a draft for each file that differs from the
    studio's newest version. Returns the paths that got one."""
    store.seed_if_empty(engine)
    return store.import_files(engine, content_files(Path(folder)), author=author)
