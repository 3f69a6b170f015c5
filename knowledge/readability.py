"""Readability of resident-facing text: Flesch reading ease and sentence length.

Plain English is a content rule (knowledge/CONTENT.md). This measures it so the
team can see which articles need simplifying: `python -m knowledge readability`.
Scores: 60–70 is plain English; above 70 is easy; below 50 is hard going.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.entities import Article

_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)|\n+")
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    """Estimated syllables in an English word (good enough for averages over a text)."""
    word = word.lower()
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:es|ed|e)$", "", word) or word
    return max(1, len(_VOWEL_GROUPS.findall(word)))


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    flesch: float

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0


def measure(text: str) -> Readability:
    sentences = [s for s in _SENTENCE_END.split(text) if _WORD.search(s)]
    words = _WORD.findall(text)
    if not words or not sentences:
        return Readability(0, 0, 0.0)
    n_words, n_sentences = len(words), len(sentences)
    n_syllables = sum(syllables(w) for w in words)
    flesch = 206.835 - 1.015 * (n_words / n_sentences) - 84.6 * (n_syllables / n_words)
    return Readability(n_words, n_sentences, round(flesch, 1))


def article_text(article: Article) -> str:
    return "\n".join([article.summary, article.body, *article.next_steps])
