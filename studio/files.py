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

from core.storage import navigator_engine
from studio import store
from studio.documents import content_files, in_content_folder
from studio.edition import write_files
from studio.words import FOLDERS

ROOT = Path(__file__).resolve().parent.parent  # the repository


def export_edition(engine: Engine, folder: Path) -> int:
    """Write the live edition under `folder`; returns how many files."""
    store.seed_if_empty(engine)
    files = {path: text for path, text in store.live_files(engine).items()
             if in_content_folder(path)}
    write_files(files, Path(folder))
    return len(files)


def export_phrases(engine: Engine, root: Path) -> list[str]:
    """The published bot phrases and page words written back to the repository under
    `root` (bot/phrases/, web/interface/): for `make phrases` and `make train`, which is
    when bot phrases reach residents. Returns the files whose text changed."""
    store.seed_if_empty(engine)
    prefixes = tuple(prefix + "/" for prefix, _ in FOLDERS.values())
    changed = []
    for path, text in store.live_files(engine).items():
        target = Path(root) / path
        if path.startswith(prefixes) and (not target.exists()
                                          or target.read_text(encoding="utf-8") != text):
            write_files({path: text}, Path(root))
            changed.append(path)
    return changed


def import_folder(engine: Engine, folder: Path, author: str = store.FILES_AUTHOR) -> list[str]:
    """Read a folder in as a draft edition: a draft for each file that differs from the
    studio's newest version. Returns the paths that got one."""
    store.seed_if_empty(engine)
    return store.import_files(engine, content_files(Path(folder)), author=author)


def main_export(folder: str | None) -> int:
    """`python -m knowledge export --format files --output DIR`."""
    if not folder:
        print("Say where to write the files: --output DIR")
        return 2
    print(f"Wrote {export_edition(navigator_engine(), Path(folder))} files of the published "
          f"edition to {folder}.")
    return 0


def main_import(folder: Path) -> int:
    """`python -m knowledge import DIR`: the files as drafts in the studio, for review."""
    changed = import_folder(navigator_engine(), Path(folder))
    print(f"{len(changed)} file(s) read in as drafts for review"
          + (": " + ", ".join(changed) if changed else "; nothing changed."))
    return 0
