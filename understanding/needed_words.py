"""Which messages one language's household patterns can find nothing in (issue 17).

Every language's patterns run on every message (understanding/household.py), but most
messages hold no number at all, and a Doc with its Matcher costs about 0.2 ms a language.
What a pattern needs is read from the patterns themselves as they are added: a phrase a
Found or a couple comes from needs its words; a word with its noun glued on ("সাতজন") is
a Found by itself; and every Matcher pattern needs a number (digits, a number word) and
at least one of its own words ("people", "bedroom*"). A message whose tokens give none of
that cannot give the reader anything in that language, so its Doc is not built.
tests/understanding/test_skip_languages.py reads every training example and crisis-set
message both ways and compares the Households.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable

# What one word of a message is, for a language's patterns (bit flags).
FOUND_BY_ITSELF, NUMBER, PATTERN_WORD = 1, 2, 4
# Words already judged; emptied when this many (a message of random words should not
# grow a server's memory for ever).
CACHE_SIZE = 50_000


class NeededWords:
    """The words one language's patterns need, and the test of a message's tokens."""

    def __init__(self, fold: Callable[[str], str], number: Callable[[str], bool],
                 glued: Callable[[str], bool]):
        """fold, number and glued: the tests LanguagePatterns.doc makes of each token."""
        self._fold, self._number, self._glued = fold, number, glued
        self.phrase_words: set[str] = set()
        self.pattern_words: set[str] = set()
        self.pattern_regexes: list[re.Pattern[str]] = []
        self.any_number_will_do = False  # a Matcher pattern with no word of its own
        self._judged: dict[str, int] = {}

    def add_pattern(self, pattern: list[dict]) -> None:
        """A Matcher pattern: its words that must be there (not optional, "OP")."""
        required = [t["NORM"] for t in pattern if "OP" not in t and "NORM" in t]
        if not required:
            self.any_number_will_do = True
        for norm in required:
            if isinstance(norm, str):
                self.pattern_words.add(norm)
            elif set(norm) == {"REGEX"}:
                self.pattern_regexes.append(re.compile(norm["REGEX"]))
            elif set(norm) == {"IN"}:
                self.pattern_words.update(norm["IN"])
            else:
                self.any_number_will_do = True  # a kind of test not read here

    def may_find(self, words: Iterable[str]) -> bool:
        """Whether patterns could be found in a message of these tokens (as written)."""
        seen = 0
        for word in words:
            seen |= self._judge(word)
            if seen & FOUND_BY_ITSELF:
                return True
        return bool(seen & NUMBER) and (self.any_number_will_do or bool(seen & PATTERN_WORD))

    def _judge(self, word: str) -> int:
        flags = self._judged.get(word)
        if flags is None:
            norm = self._fold(word)
            flags = (FOUND_BY_ITSELF if norm in self.phrase_words or self._glued(norm) else 0) \
                | (NUMBER if self._number(norm) else 0) \
                | (PATTERN_WORD if norm in self.pattern_words or
                   any(r.search(norm) for r in self.pattern_regexes) else 0)
            if len(self._judged) >= CACHE_SIZE:
                self._judged.clear()
            self._judged[word] = flags
        return flags
