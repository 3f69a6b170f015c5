"""spaCy blank pipelines, one per language, with Matcher patterns built from word lists.

Each language's patterns pair a number with a word of the same language ("7 people",
"saat log", "সাতজন", "dwa pokoje"), so a number word that is also an everyday word in
another language ("do", "no", "at", "o") is only read as a number beside its own
language's nouns. Digits are numbers in every language. The tokenizer also splits
digits from letters ("2bed", "১২বছর", "و6") and lists of digits ("3,6,9"), which
residents type without spaces.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import spacy
import yaml
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token
from spacy.util import compile_infix_regex, compile_suffix_regex

from knowledge.text import FULL_STOPS
from understanding.needed_words import NeededWords
from understanding.numbers import NumberWords, number_words
from understanding.text import fold

VOCABULARY_DIR = Path(__file__).resolve().parent / "vocabulary"
# spaCy has no language class for Punjabi or Somali: its multi-language one serves them.
SPACY_LANGUAGE = {"en": "en", "ar": "ar", "bn": "bn", "pl": "pl", "ro": "ro", "ur": "ur",
                  "pa": "xx", "so": "xx"}
EXTRA_INFIXES = [r"(?<=\d)(?=[^\W\d_])", r"(?<=[^\W\d_])(?=\d)", r"(?<=\d)[,/&+،](?=\d)",
                 r"(?<=\w)[(),:](?=\w)"]
# A sentence end glued to a number ("we are 7." "ہم ۷۔") is cut off it.
EXTRA_SUFFIXES = [rf"(?<=\d)[{re.escape(FULL_STOPS)}]"]
# One token of a Matcher pattern, in spaCy's own dictionary form.
TokenPattern = dict[str, Any]
HYPHEN: TokenPattern = {"NORM": {"IN": ["-", "–", "‑"]}, "OP": "?"}
NUM: TokenPattern = {"_": {"hh_kind": "num"}}
# A number with "people" glued on, before a word for children or adults: "তিনজন বাচ্চা".
NUM_OR_PEOPLE: TokenPattern = {"_": {"hh_kind": {"IN": ["num", "person"]}}}
LIST: list[TokenPattern] = [NUM, {"_": {"hh_kind": {"IN": ["num", "sep"]}}, "OP": "*"}]
# How sure a pattern is of what a number means: a number right before its noun ("7
# people", "2 bedrooms") beats an age or a list, which beats a number after "we are".
NOUN_AFTER, AGE, CUE_BEFORE = 3, 2, 1
WANTED_WINDOW = 4  # words between a "need" word and the number it is about

# The Matcher compares extension values as strings, so "no kind" is "", not None.
if not Token.has_extension("hh_kind"):
    Token.set_extension("hh_kind", default="")
if not Token.has_extension("hh_value"):
    Token.set_extension("hh_value", default=None)


@dataclass(frozen=True)
class Found:
    """One pattern found: what (size, adults, children, bedrooms, ages, child_age), the
    sex it names (female/male or ''), how sure it is, and the words it covers."""

    kind: str
    sex: str
    priority: int
    start: int
    end: int
    language: str
    counted: int | None = None  # a word that is a count by itself (Arabic duals)


@lru_cache(maxsize=None)
def vocabulary(language: str) -> dict[str, Any]:
    words: dict[str, Any] = yaml.safe_load(
        (VOCABULARY_DIR / f"{language}.yml").read_text(encoding="utf-8"))
    return words


class LanguagePatterns:
    """One language's blank pipeline, number words and patterns."""

    def __init__(self, language: str, validate: bool = False):
        """validate: check every pattern against spaCy's schema (the tests do; at start
        it would add two seconds for patterns that are built, not hand-written)."""
        self.language = language
        self.nlp = spacy.blank(SPACY_LANGUAGE[language])
        infixes = list(self.nlp.Defaults.infixes or []) + EXTRA_INFIXES
        # A blank pipeline's tokenizer is always spaCy's Tokenizer (typed as any callable).
        cast(Tokenizer, self.nlp.tokenizer).infix_finditer = compile_infix_regex(infixes).finditer
        # A sentence's full stop after a number is its own token in every language: the
        # Arabic and Bengali defaults kept "5." whole, and the last child's age was lost
        # ("ولد 8 وبنت 5. كم غرفة").
        suffixes = list(self.nlp.Defaults.suffixes or []) + EXTRA_SUFFIXES
        cast(Tokenizer, self.nlp.tokenizer).suffix_search = \
            compile_suffix_regex(suffixes).search
        self.numbers: NumberWords = number_words(language)
        self.words = vocabulary(language)
        self.glued = {fold(k): v for k, v in (self.words.get("glued") or {}).items()}
        self.separators = {fold(s) for s in self.words.get("separators") or []}
        self.matcher = Matcher(self.nlp.vocab, validate=validate)
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self.counted: dict[str, dict[str, int]] = {}
        self.needed = NeededWords(
            fold, lambda norm: self.numbers.value(norm) is not None,
            lambda norm: bool(self.glued and self.numbers.glued(norm, self.glued)))
        self._add_numbers_and_phrases()
        self._add_patterns()

    # -- reading a message -------------------------------------------------------------
    def doc(self, text: str) -> Doc:
        """Tokens with folded NORMs, several-word numbers merged, and each token's kind:
        num, sep, person or room (a number with its noun glued on)."""
        return self._read(self.nlp.make_doc(text))

    def doc_if_any(self, text: str) -> Doc | None:
        """doc(text), or None when find() could find nothing in it (needed_words.py):
        most messages need neither the Doc's work nor the Matcher."""
        tokens = self.nlp.make_doc(text)
        if not self.needed.may_find(token.text for token in tokens):
            return None
        return self._read(tokens)

    def _read(self, doc: Doc) -> Doc:
        for token in doc:
            token.norm_ = fold(token.text)
        spans = [doc[s:e] for key, s, e in self.phrases(doc)
                 if self.nlp.vocab.strings[key] == "number"]
        if spans:
            with doc.retokenize() as retokenizer:
                for span in spacy.util.filter_spans(spans):
                    retokenizer.merge(span, attrs={"NORM": fold(span.text)})
        for token in doc:
            value = self.numbers.value(token.norm_)
            if value is not None:
                token._.hh_kind, token._.hh_value = "num", value
            elif token.norm_ in self.separators:
                token._.hh_kind = "sep"
            elif self.glued and (glued := self.numbers.glued(token.norm_, self.glued)):
                token._.hh_value = glued[0]
                token._.hh_kind = "num" if glued[1] == "count" else glued[1]
        return doc

    def find(self, doc: Doc) -> tuple[list[Found], set[int], bool]:
        """Patterns found; the token positions of 'need' words; whether a couple is named."""
        strings = self.nlp.vocab.strings
        found = []
        for key, start, end in self.matcher(doc):
            kind, sex, priority = strings[key].split("|")
            found.append(Found(kind, sex, int(priority), start, end, self.language))
        wanted: set[int] = set()
        couple = False
        counted: list[Span] = []
        for key, start, end in self.phrases(doc):
            label = strings[key]
            if label == "wanted":
                wanted.update(range(start, end))
            elif label == "couple":
                couple = True
            elif label.startswith("counted:"):
                counted.append(Span(doc, start, end, label=label.split(":", 1)[1]))
        # The longest of overlapping counts: "my mother in law" is one relative, not two
        for span in spacy.util.filter_spans(counted):
            value = self.counted[span.label_].get(fold(span.text))
            if value is not None:
                found.append(Found(span.label_, "", NOUN_AFTER, span.start, span.end,
                                   self.language, value))
        for token in doc:
            if token._.hh_kind in ("person", "room"):
                kind = "size" if token._.hh_kind == "person" else "bedrooms"
                found.append(Found(kind, "", NOUN_AFTER, token.i, token.i + 1, self.language))
        return found, wanted, couple

    def is_wanted(self, found: Found, wanted: set[int]) -> bool:
        """A number of bedrooms that is a need ("we need 4 bedrooms"), not the home they have."""
        side = self.words.get("wanted_side", "before")
        before = set(range(found.start - WANTED_WINDOW, found.start))
        after = set(range(found.end, found.end + WANTED_WINDOW))
        near = (before if side in ("before", "both") else set()) | \
            (after if side in ("after", "both") else set())
        return bool(near & wanted)

    # -- building the patterns --------------------------------------------------------------
    def _phrase(self, text: str) -> list[dict]:
        """'years old' -> two NORM tokens; 'bedroom*' -> a NORM starting with 'bedroom'."""
        open_ended = text.endswith("*")
        tokens = [fold(t.text) for t in self.nlp.make_doc(text.rstrip("*"))]
        pattern: list[dict] = [{"NORM": t} for t in tokens]
        if open_ended and pattern:
            pattern[-1] = {"NORM": {"REGEX": "^" + re.escape(tokens[-1])}}
        return pattern

    def _phrases(self, key: str) -> list[list[dict]]:
        return [self._phrase(str(p)) for p in self.words.get(key) or [] if str(p).strip()]

    def _pattern_doc(self, text: str, needed: bool = True) -> Doc:
        """needed: a message without this phrase's words has no Found of it (not so of
        "need" words: they only qualify a number of bedrooms, which is found apart)."""
        doc = self.nlp.make_doc(text)
        for token in doc:
            token.norm_ = fold(token.text)
            if needed:
                self.needed.phrase_words.add(token.norm_)
        return doc

    def _add_numbers_and_phrases(self) -> None:
        several = [self._pattern_doc(w) for w in self.numbers.several_words]
        if several:
            self.phrases.add("number", several)
        for label in ("wanted", "couple"):
            # with "and" joined on too, where the language writes it so: "ونحتاج"
            docs = [self._pattern_doc(w, label != "wanted")
                    for w in self._with_and(self.words.get(label) or [])]
            if docs:
                self.phrases.add(label, docs)
        for kind, table in (self.words.get("counted") or {}).items():
            # "وولدين" (and two boys) counts as "ولدين": the joined "and" is not part of it
            self.counted[kind] = {fold(joined): int(n) for w, n in table.items()
                                  for joined in self._with_and([w])}
            self.phrases.add(f"counted:{kind}", [self._pattern_doc(w) for w in self.counted[kind]])

    def _with_and(self, words: list, plain: bool = True) -> list[str]:
        """Each word, and each with this language's joined "and" before it ("و" + word);
        `plain`: the words as written too."""
        return [f"{joined}{w}" for w in words
                for joined in (("",) if plain else ()) + tuple(self.numbers.joined)]

    def _add(self, kind: str, sex: str, priority: int, patterns: list[list[dict]]) -> None:
        for pattern in patterns:
            self.needed.add_pattern(pattern)
        if patterns:
            self.matcher.add(f"{kind}|{sex}|{priority}", patterns, greedy="LONGEST")

    def _add_patterns(self) -> None:
        # A counting word may sit between a number and its noun (Bengali "২টা রুম").
        counter: TokenPattern = {"NORM": {"IN": sorted(fold(c) for c in self.words.get("counters") or ["-"])},
                   "OP": "?"}
        after = lambda key: [[NUM, HYPHEN, counter] + p for p in self._phrases(key)]  # noqa: E731
        self._add("size", "", CUE_BEFORE, [p + [NUM] for p in self._phrases("size_before")])
        self._add("size", "", NOUN_AFTER, after("size_after"))
        self._add("adults", "", NOUN_AFTER,
                  [[NUM_OR_PEOPLE, HYPHEN, counter] + p for p in self._phrases("adults")])
        self._add("bedrooms", "", NOUN_AFTER, after("bedrooms"))
        self._add("ages", "", AGE, [LIST + [HYPHEN] + p for p in self._phrases("age_after")])
        self._add("months", "", AGE, [LIST + [HYPHEN] + p for p in self._phrases("months_after")])
        links = {fold(t.text) for w in self.words.get("age_link") or []
                 for t in self.nlp.make_doc(str(w))}
        link: TokenPattern = {"NORM": {"IN": sorted(links)}, "OP": "?"}
        # "aged 3, 6 and 9", "da'doodu waa 3, 6 iyo 9": a cue, perhaps a linking word, a list
        self._add("ages", "", CUE_BEFORE, [p + [link] + LIST for p in self._phrases("age_before")])
        units = self._phrases("age_after")
        months = self._phrases("months_after")
        for sex, nouns in (self.words.get("children") or {}).items():
            sex = "" if sex == "any" else sex
            phrases = [self._phrase(str(n)) for n in nouns]
            # "وابني 22 سنة" (and my son, 22): a child's word with "and" joined on still
            # takes the age after it; a number before it is not its count ("17 وولدين":
            # "17, and two boys").
            joined = [self._phrase(w) for w in self._with_and(nouns, plain=False)]
            self._add("children", sex, NOUN_AFTER,
                      [[NUM_OR_PEOPLE, HYPHEN, counter] + p for p in phrases])
            # "my son is 12", "beti ki umar 15 saal", "12 year old son", "a 6 month old baby"
            self._add("child_age", sex, AGE,
                      [p + [link, link] + LIST for p in phrases + joined])
            self._add("child_age", sex, AGE,
                      [[NUM, HYPHEN] + u + [HYPHEN] + p for u in units for p in phrases])
            self._add("child_months", sex, AGE,
                      [[NUM, HYPHEN] + m + [HYPHEN] + p for m in months for p in phrases])


@lru_cache(maxsize=None)
def patterns_for(language: str) -> LanguagePatterns:
    return LanguagePatterns(language)
