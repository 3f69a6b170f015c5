"""Answers built once per content edition, then reused (issue 17; ADR 0027).

Rendering an answer costs about 19 database queries and 10 ms of CPU, and its result
depends only on the question family, the council, the language, the day, the crisis
reply sent just before it (if any) and the content: the knowledge base's edition (a number every load or studio publish moves,
`KnowledgeBase.edition`), the phrases (a new object each time the phrase files are
re-read, actions/phrasebook.py) and the hold-back setting. So the rendered messages are
kept under (family, council, language, day) for one edition; when the edition changes,
the whole cache is dropped before the next lookup, and a publish changes the very next
answer. Not cached: the overcrowding answer (it repeats the household the resident
described), answers with phrases passed in by the caller (tests, the studio's drafts),
and anything on a database that never had content loaded.

One cache per knowledge base (tests and the studio's preview use their own), bounded
(least recently used answers go first), shared by the server's threads under a lock.
"""
from __future__ import annotations

import copy
import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import Any

from actions.crisis_replies import crisis_categories
from actions.phrasebook import content_responses
from actions.rendering import Message
from actions.turn import Turn
from knowledge.entities import Article
from knowledge.library import KnowledgeBase, hold_back_days

# 45 families x 8 councils (and none) x 8 languages would be about 3,000; residents ask a
# few dozen families most, so 1,024 answers (a few kB each) hold what is asked.
MOST_ANSWERS = 1024
# Families whose answer reads the conversation, not only the content.
READS_CONVERSATION = frozenset({"overcrowding"})

# (family, council, language, day, the crisis replies sent before the answer this turn:
# the answer leaves out what they said, actions/answer_shape.not_said_already)
Key = tuple[str, str | None, str | None, date, tuple[str, ...]]


@dataclass(frozen=True)
class Rendered:
    """An answer as sent: its messages, and the article "More detail" refers to."""

    messages: tuple[Message, ...]
    shown: Article | None


@dataclass(frozen=True)
class Edition:
    """What an answer was built from; a cache holds answers of one edition only."""

    content: int
    phrases: Any  # the phrasebook's responses object: compared by identity
    hold_back_days: int

    def same_as(self, other: Edition | None) -> bool:
        return (other is not None and self.content == other.content
                and self.phrases is other.phrases
                and self.hold_back_days == other.hold_back_days)


class AnswerCache:
    def __init__(self, most: int = MOST_ANSWERS) -> None:
        self.most = most
        self._lock = threading.Lock()
        self._edition: Edition | None = None
        self._answers: OrderedDict[Key, Rendered] = OrderedDict()

    def get(self, edition: Edition, key: Key) -> Rendered | None:
        with self._lock:
            if not edition.same_as(self._edition):
                self._edition = edition
                self._answers.clear()
                return None
            found = self._answers.get(key)
            if found is not None:
                self._answers.move_to_end(key)
            return found

    def put(self, edition: Edition, key: Key, rendered: Rendered) -> None:
        with self._lock:
            if not edition.same_as(self._edition):
                return  # built from an edition that is no longer live
            self._answers[key] = rendered
            while len(self._answers) > self.most:
                self._answers.popitem(last=False)

    def __len__(self) -> int:
        return len(self._answers)


_caches: weakref.WeakKeyDictionary[KnowledgeBase, AnswerCache] = weakref.WeakKeyDictionary()
_caches_lock = threading.Lock()


def cache_for(kb: KnowledgeBase) -> AnswerCache:
    with _caches_lock:
        if kb not in _caches:
            _caches[kb] = AnswerCache()
        return _caches[kb]


def edition_of(turn: Turn, family: str) -> Edition | None:
    """The edition this turn answers from, or None when its answer must be built afresh.
    One query (the edition number), instead of the answer's twenty."""
    if family in READS_CONVERSATION or turn.phrases.responses is not content_responses():
        return None
    content = turn.kb.edition()
    if content is None:
        return None
    return Edition(content, turn.phrases.responses, hold_back_days())


def key_of(turn: Turn, family: str, council_id: str | None) -> Key:
    return (family, council_id, turn.language, turn.today,
            tuple(crisis_categories(turn.tracker)))


def kept(messages: list[Message], shown: Article | None) -> Rendered:
    """An answer to keep: a copy, so what is sent now and what is sent later never share
    a dict."""
    return Rendered(tuple(copy.deepcopy(messages)), shown)


def sent_copy(rendered: Rendered) -> list[Message]:
    """The cached messages as new objects: whatever a caller does to what it sends
    (rasa-sdk keeps the buttons and custom dicts) never reaches the cache."""
    return copy.deepcopy(list(rendered.messages))
