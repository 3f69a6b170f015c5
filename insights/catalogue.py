"""What a question was about, read from the content files: each article's topic (its
folder: allocations, homelessness, retrofit...), the intent that reaches it, and the day a
scheme closed.

Read from knowledge/content/ rather than the database, so the roll-up runs where only the
files are (a rebuild on an analyst's copy) and a test can hand it a catalogue of its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from knowledge.content_files import DEFAULT_CONTENT_DIR
from knowledge.entities import SCHEME_TOPICS

# A message the assistant did not understand: counted as a question with this topic.
NOT_UNDERSTOOD = "not_understood"


@dataclass(frozen=True)
class ArticleFacts:
    id: str
    topic: str
    intent: str | None
    valid_until: date | None


@dataclass(frozen=True)
class Catalogue:
    articles: dict[str, ArticleFacts] = field(default_factory=dict)

    @property
    def intents(self) -> dict[str, str]:
        """Intent -> topic, for every intent an article answers."""
        return {a.intent: a.topic for a in self.articles.values() if a.intent}

    def topic_of(self, intent: str | None, article_id: str | None = None) -> str | None:
        """The topic a question is about, or None when the message is not a question."""
        if article_id and article_id in self.articles:
            return self.articles[article_id].topic
        if intent == "nlu_fallback":
            return NOT_UNDERSTOOD
        return self.intents.get(intent or "")

    def about_closed_scheme(self, intent: str | None, article_id: str | None, day: date) -> bool:
        """True when the question is about a scheme that had closed on `day`: the article
        chosen had closed, or every scheme article the intent reaches had."""
        if article_id and article_id in self.articles:
            chosen = [self.articles[article_id]]
        else:
            chosen = [a for a in self.articles.values() if intent and a.intent == intent]
        schemes = [a for a in chosen if a.topic in SCHEME_TOPICS]
        return bool(schemes) and all(a.valid_until is not None and day > a.valid_until
                                     for a in schemes)


def read_catalogue(content_dir: Path) -> Catalogue:
    articles = {}
    for path in sorted((content_dir / "articles").glob("*/*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not data.get("id"):
            continue
        until = data.get("valid_until")
        articles[data["id"]] = ArticleFacts(
            id=data["id"], topic=str(data.get("topic") or path.parent.name),
            intent=data.get("intent"),
            valid_until=until if isinstance(until, date) else None)
    return Catalogue(articles)


@lru_cache(maxsize=1)
def shipped_catalogue() -> Catalogue:
    return read_catalogue(DEFAULT_CONTENT_DIR)
