"""An edition of the content: every file's text, checked by the content tool's own
validator and loaded with its own all-or-nothing load.

The studio gives `knowledge.validation.validate` the edition's files as the content tool
reads them from a folder (the same paths in the layout of knowledge/content, the same
data), so an officer in the studio reads exactly the messages a developer at a terminal
would, naming the same files and fields. Each version's text is parsed once (with
libyaml, the same rules as the content tool's loader) and kept: checking a save reads
one new file, not six hundred.
"""
from __future__ import annotations

import copy
import tempfile
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml
from sqlalchemy.engine import Engine

from knowledge.content_files import RawContent, RawFile, _read_yaml

from knowledge.entities import ContentSet
from knowledge.intents import known_intents
from knowledge.loading import LoadReport, load
from knowledge.validation import Problem, ValidationResult, validate
from studio.documents import FastContentLoader, kind_of, knowledge_file
from studio.models import ARTICLE, CONTACTS, COUNCILS, DISTRICTS, LAW, TRANSLATION


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


EDITION_ROOT = Path("/content")  # where the files seem to be; messages name paths below it


@lru_cache(maxsize=4096)
def _parsed(text: str) -> RawFile | None:
    """A file's data, or None when it does not parse (then the content tool reads it from
    a file itself, so its message is word for word the one `make content-check` gives)."""
    try:
        return RawFile(EDITION_ROOT, data=yaml.load(text, Loader=FastContentLoader))  # noqa: S506
    except yaml.YAMLError:
        return None


def _raw_file(path: str, text: str) -> RawFile:
    parsed = _parsed(text)
    if parsed is not None:  # a copy: the cached data must never change under another check
        return RawFile(EDITION_ROOT / path, data=copy.deepcopy(parsed.data))
    with tempfile.TemporaryDirectory(prefix="studio-file-") as folder:
        target = Path(folder) / "file.yml"
        target.write_text(text, encoding="utf-8")
        read = _read_yaml(target)
    return RawFile(EDITION_ROOT / path, data=read.data, error=read.error)


def raw_content(files: dict[str, str]) -> RawContent:
    """The edition as `knowledge.content_files.read_content` would read it from a folder."""
    raw = RawContent(root=EDITION_ROOT)
    by_kind: dict[str, list[RawFile]] = {}
    for path in sorted(files, key=Path):
        kind = kind_of(path)
        if kind is None or not knowledge_file(path):  # crisis, bot phrases, page words
            continue
        read = _raw_file(path, files[path])
        if kind in (COUNCILS, LAW, DISTRICTS):
            setattr(raw, {COUNCILS: "councils", LAW: "law", DISTRICTS: "postcode_districts"}[kind],
                    read)
        else:
            by_kind.setdefault(kind, []).append(read)
    raw.articles = by_kind.get(ARTICLE, [])
    raw.translations = by_kind.get(TRANSLATION, [])
    raw.contacts = by_kind.get(CONTACTS, [])
    return raw


def check(files: dict[str, str], day: date) -> ValidationResult:
    """Validate an edition as `make content-check` would on `day`."""
    intents = _intents()
    return validate(EDITION_ROOT, today=day, raw=raw_content(files),
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
