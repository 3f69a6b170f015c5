"""Grouping the inbox's questions by similar wording, simply enough to explain on the page.

1. Each question's words: the redaction masks ("[phone]") taken out, then the search's own
   content words (knowledge/text.py: lower case, accents kept, English stopwords dropped
   and English words stemmed, so "applying" and "apply" agree; other languages as typed).
2. Within one language, questions are taken oldest first; each joins the group whose
   shared words it overlaps most, when the overlap (Jaccard: shared / all words of the two)
   is at least SIMILAR; otherwise it starts a group. A group's shared words are the words
   every question in it has: that is what the page shows as "why these are together".

Counts are of conversations (a keyed fingerprint), not messages: five messages from one
person are one. Counts of 1 to 4 are shown as "fewer than 5", and a group's texts only
once 5 or more conversations share it (docs/adr/0026-unanswered-questions.md).
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from inbox.store import Question
from insights.disclosure import FEWER_THAN_5
from knowledge.text import content_terms

SIMILAR = 0.5
SMALLEST_SHOWN = 5
MASK = re.compile(r"\[[a-z ]+\]")


def signature(text: str, language: str) -> frozenset[str]:
    """The question's content words, without the redaction masks."""
    return frozenset(content_terms(MASK.sub(" ", text), english=language == "en"))


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard: shared words over all words; two questions with no words at all match."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def shown(count: int) -> str:
    """A count as the inbox shows it: 1 to 4 as "fewer than 5" (docs/privacy.md)."""
    return FEWER_THAN_5 if 0 < count < SMALLEST_SHOWN else str(count)


@dataclass
class Group:
    """Questions with similar wording in one language."""

    language: str
    words: frozenset[str]
    questions: list[Question] = field(default_factory=list)

    @property
    def key(self) -> str:
        """A short name for the group, the same while its words and first question are."""
        first = self.questions[0].id if self.questions else 0
        seed = f"{self.language}:{first}:{' '.join(sorted(self.words))}"
        return hashlib.sha256(seed.encode()).hexdigest()[:12]

    @property
    def conversations(self) -> int:
        return len({q.conversation for q in self.questions})

    @property
    def count(self) -> str:
        return shown(self.conversations)

    @property
    def texts_shown(self) -> bool:
        """Whether the page may show what was typed: only once 5 or more conversations
        asked it, so the wording is a common question, not one person's story."""
        return self.conversations >= SMALLEST_SHOWN

    def tally(self, attribute: str) -> list[tuple[str, str]]:
        """(value, count as shown) for topic, council or reason, most conversations first."""
        people: dict[str, set[str]] = {}
        for q in self.questions:
            people.setdefault(getattr(q, attribute), set()).add(q.conversation)
        counted = Counter({value: len(who) for value, who in people.items()})
        return [(value, shown(n)) for value, n in counted.most_common()]

    def examples(self, limit: int = 5) -> list[str]:
        """Distinct texts, most often typed first; none for a small group."""
        if not self.texts_shown:
            return []
        return [text for text, _ in Counter(q.text for q in self.questions).most_common(limit)]


def group(questions: list[Question]) -> list[Group]:
    """Questions grouped by language and similar wording, largest groups first."""
    groups: list[Group] = []
    for question in sorted(questions, key=lambda q: q.id):
        words = signature(question.text, question.language)
        candidates = [(overlap(words, g.words), i) for i, g in enumerate(groups)
                      if g.language == question.language]
        best = max(candidates, default=(0.0, -1))
        if best[0] >= SIMILAR:
            chosen = groups[best[1]]
            chosen.words = chosen.words & words
        else:
            chosen = Group(question.language, words)
            groups.append(chosen)
        chosen.questions.append(question)
    return sorted(groups, key=lambda g: (-g.conversations, g.language, sorted(g.words)))
