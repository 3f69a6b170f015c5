"""Question families that answer the same question (knowledge/content/sibling_questions.yml).

A leaf module: the housing team owns the groups as content, the decision layer
(bot/suggestions.py, actions/answers.py) reads them, and a test checks every family
named is one the assistant knows. Groups may overlap: two families are siblings when
any one group holds both.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from knowledge.content_files import DEFAULT_CONTENT_DIR

SIBLINGS_FILE = DEFAULT_CONTENT_DIR / "sibling_questions.yml"
Groups = tuple[frozenset[str], ...]


def read_groups(path: Path = SIBLINGS_FILE) -> Groups:
    """Each group's question families; none when the file is missing."""
    if not path.exists():
        return ()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple(frozenset(str(i) for i in group.get("intents") or [])
                 for group in data.get("groups") or [])


@lru_cache(maxsize=1)
def sibling_groups() -> Groups:
    """The shipped groups, read once per process."""
    return read_groups()


def are_siblings(first: str, second: str, groups: Groups) -> bool:
    """Whether one group holds both families (a family is not its own sibling)."""
    return first != second and any(first in g and second in g for g in groups)
