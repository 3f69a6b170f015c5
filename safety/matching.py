"""Token patterns, matched with spaCy's rule-based Matcher.

Every phrase and context pattern of the crisis content becomes a spaCy Matcher
pattern with a label ("danger:suicidal", "concern:domestic_abuse",
"context:negation", "place"). The Matcher allows what a plain phrase list cannot:
words in between ("landlord ... changed ... locks"), word endings ("beat*"),
alternatives ("hurt*|harm*", and of several words: "alone|on_his_own"), and
wider gaps where a risk indicator's parts are far apart ("pregnant ...6 pushed"). Words come from safety.words (our own folding split,
see there), so one Matcher on spaCy's multi-language blank pipeline ("xx") serves
every language, as residents mix them.
Most patterns (about 5,600 of 9,800) are plain word sequences, or a few of them
("hurt|harm me"): those go to a PhraseMatcher, a hash lookup per position, and only the
rest to the Matcher, which tries every pattern at every word. Same matches, about half
the cost (ADR 0027, crisis check; tests/safety/test_phrase_split.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import spacy
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from safety.words import words_of

GAP = "..."
MAX_GAP = 3  # words allowed where a pattern says "..."
# "...6": up to six words, for the risk indicators whose parts a resident puts far apart
# ("pregnant ... he pushed me down the stairs"); more would join unrelated clauses.
WIDEST_GAP = 8
LATIN_END = 0x24F  # the last Latin letter (Latin Extended-B)
# A pattern of exact words with alternatives ("hurt|harm me") becomes this many plain
# phrases at most; more and it stays a Matcher pattern (the phrase list would balloon).
MAX_PHRASES_PER_PATTERN = 32


@dataclass(frozen=True)
class Found:
    """One pattern found in a message: its label ("danger:suicidal"), the words it covers,
    and the language whose content it comes from."""

    label: str
    start: int
    end: int
    language: str = ""

    @property
    def kind(self) -> str:
        return self.label.split(":", 1)[-1]

    def counts_in(self, language: str, words: list[str]) -> bool:
        """A one-word pattern in Latin letters counts only in its own language and English
        (which every language mixes in): Banglish "mare" (hits) is Romanian "mare" (big).
        Longer patterns, and words in other scripts, count whatever the language (the
        language of a first message is not known yet when it is checked)."""
        return self.end - self.start > 1 or self.language in ("", "en", language) or \
            any(ord(ch) > LATIN_END for ch in words[self.start])


def token_patterns(raw: str) -> list[list[dict]]:
    """'landlord ... lock*' -> spaCy Matcher token patterns (several when an alternative
    is more than one word: "didnt|didn't" or "alone|on_his_own")."""
    patterns: list[list[dict]] = [[]]
    for part in raw.split():
        if part.startswith(GAP) and part[len(GAP):] in ("", *map(str, range(1, WIDEST_GAP + 1))):
            gap = int(part[len(GAP):] or MAX_GAP)
            patterns = [p + [{"OP": "?"}] * gap for p in patterns]
            continue
        single: list[tuple[str, bool]] = []
        multi: list[tuple[list[str], tuple[str, bool]]] = []  # leading words, last word
        for piece in part.split("|"):
            words = words_of(piece.rstrip("*"))
            if len(words) == 1:
                single.append((words[0], piece.endswith("*")))
            elif words:
                multi.append((words[:-1], (words[-1], piece.endswith("*"))))
        options = ([[_token(single)]] if single else []) + [
            [{"ORTH": w} for w in leading] + [_token([last])] for leading, last in multi]
        if options:
            patterns = [p + option for p in patterns for option in options]
    return [_trimmed(p) for p in patterns if _trimmed(p)]


def _trimmed(pattern: list[dict]) -> list[dict]:
    start, end = 0, len(pattern)
    while start < end and pattern[start] == {"OP": "?"}:
        start += 1
    while end > start and pattern[end - 1] == {"OP": "?"}:
        end -= 1
    return pattern[start:end]


def _token(choices: list[tuple[str, bool]]) -> dict:
    """One token: a word, one of several, or a word ending (open-ended)."""
    if not any(open_ended for _, open_ended in choices):
        words = [w for w, _ in choices]
        return {"ORTH": words[0]} if len(words) == 1 else {"ORTH": {"IN": words}}
    alternatives = [re.escape(w) + ("" if open_ended else "$") for w, open_ended in choices]
    return {"ORTH": {"REGEX": "^(?:" + "|".join(alternatives) + ")"}}


class Patterns:
    """Every labelled pattern, and the search for them in a message."""

    def __init__(self, labelled: dict[tuple[str, str], list[str]], places: Sequence[str] = (),
                 phrases: bool = True):
        """labelled: (label, language) -> patterns. phrases=False puts every pattern in
        the Matcher (as before the split): the tests compare the two."""
        self.nlp = spacy.blank("xx")
        # The patterns are built by token_patterns (tested), not written by hand: checking
        # each of the ~8,000 against spaCy's schema would add a second to every start.
        self.matcher = Matcher(self.nlp.vocab, validate=False)
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        for (label, language), raws in labelled.items():
            patterns = [p for raw in raws for p in token_patterns(raw)]
            plain = [words for p in patterns for words in
                     (plain_phrases(p) if phrases else None) or ()]
            rest = [p for p in patterns if not phrases or plain_phrases(p) is None]
            if rest:
                self.matcher.add(f"{label}@{language}", rest)
            if plain:
                self.phrases.add(f"{label}@{language}", [self.doc(w) for w in plain])
        self.places = PhraseMatcher(self.nlp.vocab, attr="ORTH")  # spaCy's default
        self.places.add("place", [self.doc(words_of(name)) for name in places
                                  if words_of(name)])

    def doc(self, words: list[str]) -> Doc:
        return Doc(self.nlp.vocab, words=words)

    def find(self, words: list[str]) -> list[Found]:
        """Every pattern found in these words, longest first where they overlap."""
        doc = self.doc(words)
        strings = self.nlp.vocab.strings
        found = {Found(_label(strings[key]), start, end, _language(strings[key]))
                 for key, start, end in [*self.matcher(doc), *self.phrases(doc)]}
        found |= {Found("place", start, end) for _, start, end in self.places(doc)}
        return sorted(found, key=lambda f: (f.start, -(f.end - f.start), f.label))


def plain_phrases(pattern: list[dict]) -> list[list[str]] | None:
    """The word sequences a pattern of exact words stands for ([{"ORTH": {"IN": ["hurt",
    "harm"]}}, {"ORTH": "me"}] -> hurt me, harm me), or None when it has a gap or a word
    ending, or would stand for more than MAX_PHRASES_PER_PATTERN sequences."""
    sequences: list[list[str]] = [[]]
    for token in pattern:
        orth = token.get("ORTH")
        if set(token) != {"ORTH"} or not isinstance(orth, (str, dict)) or \
                (isinstance(orth, dict) and set(orth) != {"IN"}):
            return None
        choices = [orth] if isinstance(orth, str) else list(orth["IN"])
        if len(sequences) * len(choices) > MAX_PHRASES_PER_PATTERN:
            return None
        sequences = [s + [w] for s in sequences for w in choices]
    return sequences


def _label(key: str) -> str:
    """'danger:suicidal@ur' -> 'danger:suicidal'."""
    return key.rsplit("@", 1)[0]


def _language(key: str) -> str:
    """'danger:suicidal@ur' -> 'ur'."""
    return key.rsplit("@", 1)[1]
