"""Content files as the studio keeps them: a path in knowledge/content and its YAML text.

The text is the record (what `make content-check` reads and what `python -m knowledge
export` writes back), so a file nobody edited in the studio is exported byte for byte,
comments included, and git shows no difference. A file saved from a form is written out
again by `dump()`, in the layout knowledge/CONTENT.md shows.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from knowledge.content_files import ContentLoader
from studio.models import (ARTICLE, CONTACTS, COUNCILS, CRISIS, DISTRICTS, LAW, PHRASES,
                           TRANSLATION, WORD_KINDS, WORDS)

# The files of an edition, by the content folder's layout (knowledge/CONTENT.md, "Layout").
SINGLE_FILES = {"councils.yml": COUNCILS, "law.yml": LAW, "postcode_districts.yml": DISTRICTS}
ARTICLE_PATH = re.compile(r"articles/([a-z_]+)/([a-z0-9-]+)\.yml")
TRANSLATION_PATH = re.compile(r"translations/([a-z]{2})/([a-z0-9-]+)\.yml")
CONTACTS_PATH = re.compile(r"contacts/([a-z0-9_-]+)\.yml")
# Files with readers of their own (studio/words.py): crisis phrases sit in knowledge/content,
# bot phrases and page words elsewhere in the repository (their keys are repository paths).
CRISIS_PATH = re.compile(r"crisis/([a-z]{2})\.yml")
PHRASES_PATH = re.compile(r"bot/phrases/([a-z]{2})\.yml")
WORDS_PATH = re.compile(r"web/interface/([a-z]{2})\.yml")

# An article's fields in the order CONTENT.md lists them: a saved form writes them so.
ARTICLE_ORDER = ("id", "topic", "intent", "councils", "title", "summary", "body", "next_steps",
                 "contacts", "related", "law", "name", "sources", "valid_from", "valid_until",
                 "successor", "review_due", "owner", "needs_adviser", "unverified_note",
                 "questions")
TRANSLATION_ORDER = ("article", "language", "translates", "status", "title", "summary", "body",
                     "next_steps", "questions")


def kind_of(path: str) -> str | None:
    """What a content file holds, from where it sits; None for files outside the layout."""
    if path in SINGLE_FILES:
        return SINGLE_FILES[path]
    if ARTICLE_PATH.fullmatch(path):
        return ARTICLE
    if TRANSLATION_PATH.fullmatch(path):
        return TRANSLATION
    if CONTACTS_PATH.fullmatch(path):
        return CONTACTS
    for kind, pattern in ((CRISIS, CRISIS_PATH), (PHRASES, PHRASES_PATH), (WORDS, WORDS_PATH)):
        if pattern.fullmatch(path):
            return kind
    return None


def in_content_folder(path: str) -> bool:
    """A file of the knowledge/content layout (what export writes and import reads):
    everything but the bot phrases and page words, which live elsewhere in the repository."""
    return kind_of(path) not in (None, PHRASES, WORDS)


def knowledge_file(path: str) -> bool:
    """A file the knowledge base's validator and load read (not the crisis phrases)."""
    return kind_of(path) not in (None, *WORD_KINDS)


def article_path(topic: str, article_id: str) -> str:
    return f"articles/{topic}/{article_id}.yml"


def translation_path(language: str, article_id: str) -> str:
    return f"translations/{language}/{article_id}.yml"


def content_files(root: Path) -> dict[str, str]:
    """Every content file under a folder, as path -> text (what export writes, import reads)."""
    found = {}
    for file in sorted(root.rglob("*.yml")):
        relative = file.relative_to(root).as_posix()
        if in_content_folder(relative):
            found[relative] = file.read_text(encoding="utf-8")
    return found


class FastContentLoader(yaml.CSafeLoader):
    """The content tool's loader rules (only true/false are yes/no values, see
    knowledge/content_files.py) on libyaml's parser: ten times faster, the same data."""


FastContentLoader.yaml_implicit_resolvers = ContentLoader.yaml_implicit_resolvers


def parse(text: str) -> Any:
    """A file's data, read exactly as the validator reads it (only true/false are yes/no).
    None when it is not valid YAML: the validator says why, in its own words."""
    try:
        return yaml.load(text, Loader=FastContentLoader)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        return None


class ContentDumper(yaml.SafeDumper):
    """YAML as housing officers write it: lists indented under their key, paragraphs as
    literal blocks, keys in the order given, any language's letters as they are."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):  # noqa: D102
        return super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _day(dumper: yaml.SafeDumper, value: date):
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


def _list(dumper: yaml.SafeDumper, value: list):
    """Short lists of ids on one line, as the files write them: `councils: [walsall]`."""
    short_ids = value and all(isinstance(v, str) and v and not any(c.isspace() for c in v)
                              and ":" not in v for v in value) and sum(map(len, value)) < 80
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value,
                                     flow_style=bool(short_ids))


def comparable(text: str) -> str:
    """A file's text in one layout, so a difference shows what changed, not how it was
    laid out (a folded summary saved from the form as a block says the same)."""
    data = parse(text)
    return dump(data) if data is not None else text


ContentDumper.add_representer(str, _text)
ContentDumper.add_representer(list, _list)
ContentDumper.add_representer(date, _day)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=ContentDumper, sort_keys=False, allow_unicode=True,
                     width=100_000, default_flow_style=False)


def ordered(data: dict, order: tuple[str, ...]) -> dict:
    """The fields in the documented order, any others after them as they were."""
    first = {k: data[k] for k in order if k in data}
    return first | {k: v for k, v in data.items() if k not in first}
