"""Numbers as residents write them: digits in any script, and number words.

Digits: ASCII, Arabic-Indic (٠-٩), Extended Arabic-Indic for Urdu and Shahmukhi (۰-۹),
Bengali (০-৯) and Gurmukhi (੦-੯) - any Unicode decimal digit. Words: one data file per
language (numbers/<lang>.yml), so a spelling residents use can be added as content.
Some words carry their noun with them ("pięcioosobowa", five-person; "সাতজন", seven
people): those are read with the glued endings of vocabulary/<lang>.yml.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

from understanding.text import fold

NUMBERS_DIR = Path(__file__).resolve().parent / "numbers"
LANGUAGES = ("en", "ar", "bn", "pa", "pl", "ro", "so", "ur")
LARGEST = 150  # no household, age or home is bigger; longer digit strings are not counts


def digits_value(text: str) -> int | None:
    """'7', '٧', '۷', '৭', '੭', '12' -> the number; anything else -> None."""
    if not text or len(text) > 3 or not all(unicodedata.decimal(ch, None) is not None
                                            for ch in text):
        return None
    value = int("".join(str(unicodedata.decimal(ch)) for ch in text))
    return value if value <= LARGEST else None


@dataclass(frozen=True)
class NumberWords:
    """A language's number words (folded spelling -> value), including several-word ones."""

    language: str
    words: dict[str, int] = field(default_factory=dict)
    prefixes: dict[str, int] = field(default_factory=dict)
    joined: tuple[str, ...] = ()  # "and" written joined to the next word (Arabic "وخمسة")

    @cached_property
    def _glued_starts(self) -> list[tuple[str, int]]:
        """Words and prefixes of one word, longest first (sorted once, not per word read)."""
        starts = {**self.words, **self.prefixes}
        longest_first = sorted(starts.items(), key=lambda kv: -len(kv[0]))
        return [(start, value) for start, value in longest_first if " " not in start]

    @property
    def several_words(self) -> list[str]:
        return [w for w in self.words if " " in w]

    def value(self, text: str) -> int | None:
        """The number a word or digits stand for (already-folded or raw text)."""
        digits = digits_value(text)
        if digits is not None:
            return digits
        folded = fold(text)
        if folded in self.words:
            return self.words[folded]
        for joined in self.joined:
            if folded.startswith(joined) and folded[len(joined):] in self.words:
                return self.words[folded[len(joined):]]
        return None

    def glued(self, text: str, endings: dict[str, str]) -> tuple[int, str] | None:
        """'pięcioosobowa' -> (5, 'person'); 'সাতজন' -> (7, 'person'); else None."""
        folded = fold(text)
        for start, value in self._glued_starts:
            if not folded.startswith(start):
                continue
            rest = folded[len(start):]
            for ending, kind in endings.items():
                if rest.startswith(fold(ending)):
                    return value, kind
        return None


@lru_cache(maxsize=None)
def number_words(language: str) -> NumberWords:
    data = yaml.safe_load((NUMBERS_DIR / f"{language}.yml").read_text(encoding="utf-8"))
    words = {fold(str(w)): int(n) for n, spellings in (data.get("words") or {}).items()
             for w in spellings}
    prefixes = {fold(str(p)): int(n) for n, spellings in (data.get("prefixes") or {}).items()
                for p in spellings}
    joined = tuple(fold(str(j)) for j in data.get("joined_and") or [])
    return NumberWords(language, words, prefixes, joined)
