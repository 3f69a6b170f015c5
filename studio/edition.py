"""An edition of the content: every file's text, checked by the content tool's own
validator and loaded with its own all-or-nothing load.

The studio writes the edition to a temporary folder in the layout of knowledge/content and
runs `knowledge.validation.validate` on it: the same code as `make content-check`, so an
officer in the studio reads exactly the messages a developer at a terminal would, naming
the same files and fields.
"""
from __future__ import annotations

import tempfile
from datetime import date
from functools import lru_cache
from pathlib import Path

from sqlalchemy.engine import Engine

from knowledge.cli import known_intents
from knowledge.entities import ContentSet
from knowledge.loading import LoadReport, load
from knowledge.validation import Problem, ValidationResult, validate


@lru_cache(maxsize=1)
def _intents() -> frozenset[str] | None:
    found = known_intents()
    return frozenset(found) if found is not None else None


def write_files(files: dict[str, str], root: Path) -> None:
    """The edition as files under `root` (what `python -m knowledge export` leaves)."""
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def check(files: dict[str, str], day: date) -> ValidationResult:
    """Validate an edition as `make content-check` would on `day`."""
    intents = _intents()
    with tempfile.TemporaryDirectory(prefix="studio-edition-") as folder:
        write_files(files, Path(folder))
        return validate(Path(folder), today=day,
                        known_intents=set(intents) if intents is not None else None)


class NotPublishable(Exception):
    """The edition has errors: nothing was loaded and the live content stays live."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} error(s)")
        self.problems = problems


def publish(files: dict[str, str], engine: Engine, day: date) -> LoadReport:
    """Check the edition and make it the live knowledge base in one transaction (the
    assistant reads it from the next message on: no restart), or raise NotPublishable."""
    result = check(files, day)
    if not result.ok or result.content is None:
        raise NotPublishable(result.errors)
    return load(result.content, engine)


def content_of(files: dict[str, str], day: date) -> ContentSet:
    result = check(files, day)
    if result.content is None:
        raise NotPublishable(result.errors)
    return result.content
