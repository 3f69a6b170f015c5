"""Read the human-edited content files into plain Python structures.

Kept separate from validation so that the validator can report on *every*
file, including ones that fail to parse, and so that tests can build content
in a temporary folder with exactly the same layout as `knowledge/content/`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_CONTENT_DIR = Path(__file__).resolve().parent / "content"


class ContentLoader(yaml.SafeLoader):
    """YAML as housing officers write it: only `true` and `false` are yes/no values.

    Plain YAML 1.1 also reads `on`, `off`, `yes` and `no` as true/false, which would
    turn the key `on:` of a source's check (the day it was checked) into `True:`.
    """


ContentLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
ContentLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))


@dataclass
class RawFile:
    """One YAML file as read from disk, or the reason it could not be read."""

    path: Path
    data: Any = None
    error: str | None = None


@dataclass
class RawContent:
    """Everything under a content folder, before validation."""

    root: Path
    councils: RawFile | None = None
    postcode_districts: RawFile | None = None
    law: RawFile | None = None
    contacts: list[RawFile] = field(default_factory=list)
    articles: list[RawFile] = field(default_factory=list)
    translations: list[RawFile] = field(default_factory=list)

    def relative(self, path: Path) -> str:
        """A path as a housing team member would type it, relative to the content folder."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)


def _read_yaml(path: Path) -> RawFile:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return RawFile(path, error=f"cannot be read: {exc}")
    try:
        return RawFile(path, data=yaml.load(text, Loader=ContentLoader))  # noqa: S506 - safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        return RawFile(path, error=f"is not valid YAML{where}: {problem}")


def read_content(root: Path | str = DEFAULT_CONTENT_DIR) -> RawContent:
    """Read every content file below `root` without judging it."""
    root = Path(root)
    raw = RawContent(root=root)
    councils = root / "councils.yml"
    if councils.exists():
        raw.councils = _read_yaml(councils)
    districts = root / "postcode_districts.yml"
    if districts.exists():
        raw.postcode_districts = _read_yaml(districts)
    law = root / "law.yml"
    if law.exists():
        raw.law = _read_yaml(law)
    raw.contacts = [_read_yaml(p) for p in sorted((root / "contacts").glob("*.yml"))]
    raw.articles = [_read_yaml(p) for p in sorted((root / "articles").rglob("*.yml"))]
    raw.translations = [_read_yaml(p) for p in sorted((root / "translations").rglob("*.yml"))]
    return raw
