"""Which sentence of an article answers the detail a resident asked about.

An article's summary is its general answer, but residents often ask one detail of it
("how many bids a week", "how long do I have to ask for a review", "we earn 55k, can we
still register"). The sentence of the body or next steps that shares the most informative
words with the question is shown first (actions/answer_shape.py) when it shares enough
(FOCUS_MIN_SCORE). Informative means rare among the sentences of every article in that
language (inverse document frequency), so "council" or "housing" weigh little and "bid",
"days" or "review" a lot. Words are compared by their first STEM letters, which forgives
inflection ("licytacja", "licytacji") and a slip at the end of a word. Place names never
count: they say where the resident lives, not what they asked.

Built from the content alone, once per content edition and language; no model, nothing
downloaded, and the same question always picks the same sentence.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, NamedTuple

from knowledge.entities import Article
from knowledge.text import FULL_STOPS, STOPWORDS, WORD_WITH_MARKS, fold_accents

STEM = 5
MIN_LETTERS = 3
# A sentence is shown when the question's words in it weigh at least this much in all,
# and at least two of them (or one number and one word) are in it: one shared rare word
# is too often a coincidence.
FOCUS_MIN_SCORE = 8.0
MIN_SHARED = 2
# Longer "sentences" are lists or paragraphs run together: not a direct answer.
MAX_CHARACTERS = 280
# A sentence whose words are mostly the summary's says it again in other words (a
# translation often words the body and the summary differently): shown above the
# summary it would make the resident read the same rule twice.
MOST_SAID_IN_SUMMARY = 0.6
# "How many bands", "kitne band", "ile dni", "كم": a question about a number. A sentence
# giving a number the summary does not, beside a word asked about ("Dudley uses a banding
# scheme with 5 bands"), then shares the number with it, worth QUANTITY_WEIGHT: with one
# rare word asked ("band") it is enough to be shown, and it goes before any sentence with
# no such number. Question words, not answers: nothing here is shown to a resident.
QUANTITY_WORDS = re.compile(
    r"\b(?:how\s+(?:many|much|long|often)|ile|ilu|ilo[sś]ć|c[aâ]t[eăi]?|c[aâ]ț[ia]|"
    r"immisa|imisa|meeqa|kitn(?:[eai]|iy?[aā]n)|kinn(?:[eai]|iy?[aā]n)|koto|koyta|koyti|kotodin|"
    r"kotogula|intee)\b"
    r"|كم|قديش|قدّيش|بكام|کتن[ےای]|ਕਿੰਨ[ੇਾੀ]|کنّ?[ےای]|কত|কয়টা|কয়টি|কতগুলো|কতদিন",
    re.IGNORECASE | re.UNICODE)
QUANTITY_WEIGHT = 6.0
# Words between a number and what it counts: "5 bands", "2 homes a week", "£5,000 for a
# biomass boiler" (round 14: at 2, "biomass" was out of reach).
NUMBER_NEAR = 3
QUANTITY = "#"  # the shared "stem" a quantity question and a sentence's new number make
_DIGITS = re.compile(r"\d+")
# How a list item that goes on ends: ";" and "," and their Arabic-script forms "؛" and "،"
# (an Urdu item "...ہو؛" was shown as a sentence of its own, ending "؛.", round 14).
_ITEM_ENDS = ";,؛،"
# A thousands mark inside a number: "£2,500" is one number, 2500, not "2" and "500" (the
# "500" of the summary's "£7,500" made "£2,500 for an air-to-air heat pump" no news).
_THOUSANDS = re.compile(r"(?<=\d)[,.\u066c\u00a0](?=\d{3}(?!\d))")
_YEAR = re.compile(r"(?:19|20)\d\d")  # "how many" is not answered by "in October 2023"
_SENTENCE_END = re.compile(rf"(?<=[{re.escape(FULL_STOPS)}])\s+")
# Abbreviations in the content whose full stop ends no sentence ("ds." do spraw, "np."
# na przykład, "tzw.", "e.g.").
_ABBREVIATIONS = ("ds.", "np.", "tzw.", "tj.", "e.g.", "i.e.", "ul.", "nr.")
_ARABIC_ARTICLE = re.compile(r"^(?:و?ال|ل?ل)(?=\w{3})")


def stems(text: str, places: frozenset[str] = frozenset()) -> set[str]:
    """The stems of a text's words: lower case, accents folded, Arabic's "al-" dropped,
    place names and words under MIN_LETTERS left out (numbers kept whole)."""
    found = set()
    for word in WORD_WITH_MARKS.findall(whole_numbers(fold_accents(text).casefold())):
        if word in places:
            continue
        if word.isdigit():
            if len(word) >= 2:  # "21 days", "£7,500"; a lone "2" is as often a child's age
                found.add(word)
            continue
        word = _ARABIC_ARTICLE.sub("", word)
        if len(word) >= MIN_LETTERS:
            found.add(word[:STEM])
    return found


# English words of linking and asking ("for", "from", "could", "how"): in any language's
# question they say nothing about which sentence answers it, and "for" was the second word
# "£725,000 for community groups" shared with "how much for a large project" (round 14).
_STOP_STEMS = frozenset(w[:STEM] for w in STOPWORDS if len(w) >= MIN_LETTERS)


def whole_numbers(text: str) -> str:
    """The text with each number's thousands marks taken out ("£7,500" -> "£7500")."""
    return _THOUSANDS.sub("", text)


def sentences(article: Article) -> list[str]:
    """The body's sentences and list items, then the next steps, as written; a list item
    that is no sentence on its own is shown after its lead-in ("To qualify:")."""
    return [shown for shown, _ in _parts(article)]


def _parts(article: Article) -> list[tuple[str, str]]:
    """Each sentence as shown, and the words a question is matched against. A list item
    is matched on its own words, since its lead-in is usually what the summary says
    already ("£5,000 for a biomass boiler;" under "The Boiler Upgrade Scheme gives
    grants towards low-carbon heating:"). It is shown as a sentence: on its own when it
    reads as one ("£5,000 for a biomass boiler."), after its lead-in when it does not
    ("To qualify: you must own the property."), within MAX_CHARACTERS."""
    found: list[tuple[str, str]] = []
    lead = ""
    for raw in article.body.splitlines():
        stripped = raw.strip()
        item = stripped[:1] in ("-", "*", "•")
        line = stripped.lstrip("-*• ").strip()
        if not line or line.startswith("#"):
            lead = ""
            continue
        if item and lead:
            # One full stop, in the item's own script: "2 ਬਿਡਾਂ ਕਰ ਸਕਦੇ ਹੋ।" had ". "
            # added after its "।" (round 13).
            bare = line.rstrip(_ITEM_ENDS + ".")
            own = bare if bare.endswith(tuple(FULL_STOPS)) else f"{bare}."
            whole = f"{lead} {own}"
            # "£5,000 for a biomass boiler." reads on its own under the summary; "you must
            # own the property" needs its "To qualify:".
            shown = own if not line[0].islower() else whole
            found.append((shown if len(shown) <= MAX_CHARACTERS else line, line))
            continue
        found += [(s, s) for s in sentences_of(line)]
        lead = line if not item and line.endswith(":") else ""
    return found + [(s.strip(), s.strip()) for s in article.next_steps if s.strip()]


class Pick(NamedTuple):
    """The sentence chosen for a question, with its score, and whether it gives the
    number a "how many" asks for."""

    gives_number: bool
    score: float
    sentence: int


@dataclass(frozen=True)
class SentenceIndex:
    """How rare each stem is among the sentences of one language's articles."""

    weights: dict[str, float]
    articles: dict[str, Article]  # by id, in the index's language: no query per answer
    # Each article's sentences with their stems, split once per edition, not per question.
    readings: dict[str, tuple[tuple[str, frozenset[str]], ...]]
    # Every place name's words, folded and space-joined: when a question names the place,
    # its words are never counted as asked ("Small Heath" says where, not "small").
    places: tuple[str, ...]
    one_word_places: frozenset[str]  # "dudley", "walsall", "برمنگھم": a sentence naming one

    @classmethod
    def of(cls, articles: Iterable[Article], places: Iterable[str] = (),
           questions: Iterable[str] = ()) -> SentenceIndex:
        """`questions`: the articles' example questions in the same language. Counted
        beside the sentences, they make the words of asking ("how many", "can I", "jak",
        "kitne") common, so only what a question is about weighs."""
        articles = list(articles)
        readings = {a.id: _readings(a) for a in articles}
        # Each sentence's stems as split once for the readings, then the summaries' and
        # the questions'.
        documents: list[set[str] | frozenset[str]] = [
            said for reading in readings.values() for _, said in reading]
        documents += [stems(text) for text in [a.summary for a in articles] + list(questions)]
        counts: Counter[str] = Counter()
        for said in documents:
            counts.update(said)
        total = len(documents)
        weights = {stem: math.log((1 + total) / (1 + n)) for stem, n in counts.items()}
        places = list(places)
        folded = tuple(sorted({" ".join(WORD_WITH_MARKS.findall(fold_accents(place).casefold()))
                               for place in places} - {""}))
        names = frozenset(fold_accents(p).casefold() for p in places
                          if " " not in p and len(p) >= 5)
        return cls(weights, {a.id: a for a in articles}, readings, folded, names)

    def places_named(self, question: str) -> frozenset[str]:
        """The words of the place names this question names, as whole names: "Small
        Heath" in it sets aside "small" and "heath"; "a small flat" sets aside nothing.
        (Before round 12 every word of every place name was set aside, and the districts
        written in Urdu and Arabic script brought common words with them: "بار", "الم".)"""
        said = " " + " ".join(WORD_WITH_MARKS.findall(fold_accents(question).casefold())) + " "
        return frozenset(w for place in self.places if f" {place} " in said
                         for w in place.split())

    def _names_a_place(self, sentence: str) -> bool:
        """A general article's sentence about one council ("In Dudley, households short
        of 2 bedrooms...") is that council's rule: actions/council_route.py gives it to
        that council's residents, and it is no answer for the rest."""
        return any(w in self.one_word_places
                   for w in WORD_WITH_MARKS.findall(fold_accents(sentence).casefold()))

    def weight(self, stem: str) -> float:
        return self.weights.get(stem, 0.0)

    def readings_of(self, article: Article) -> tuple[tuple[str, frozenset[str]], ...]:
        """The article's sentences with their stems: split once when the index was built
        from this very article, split now for any other."""
        readings = self.readings.get(article.id) if article is self.articles.get(article.id) \
            else None
        return readings or _readings(article)

    def best(self, question: str, article: Article) -> int | None:
        """Which of `sentences(article)` answers `question`, or None when none shares
        enough with it or the summary already says it."""
        found = self.ranked(question, article)
        return found.sentence if found else None

    def ranked(self, question: str, article: Article) -> Pick | None:
        """best(), with its score and whether it gives the number a "how many" asks for."""
        asked = stems(question, self.places_named(question)) - _STOP_STEMS
        if not asked:
            return None
        summary = stems(article.summary)
        in_summary = _shared(asked, summary)
        quantity = bool(QUANTITY_WORDS.search(question))
        summary_numbers = set(_DIGITS.findall(whole_numbers(article.summary)))
        best: Pick | None = None
        for number, (sentence, said) in enumerate(self.readings_of(article)):
            if len(sentence) > MAX_CHARACTERS or _fragment(sentence) or \
                    (article.applies_everywhere and self._names_a_place(sentence)):
                continue
            shared = _shared(asked, said)
            # A number the summary does not give is news, whatever words it shares:
            # "how much for a biomass boiler" is answered by "£5,000", not by the
            # summary's "biomass boiler".
            news = any(stem.isdigit() for stem in said - summary)
            if quantity and _counts(sentence, summary_numbers, shared):
                news, shared = True, shared | {QUANTITY}  # "how many bands": "5 bands"
            if len(shared) < MIN_SHARED or \
                    (not news and (shared <= in_summary or _mostly_in(set(said), summary))):
                continue
            score = sum(self.weight(s) for s in shared) + \
                (QUANTITY_WEIGHT if QUANTITY in shared else 0.0)
            pick = Pick(QUANTITY in shared, score, number)
            # A sentence giving the number asked for goes before any that gives none,
            # whatever they score ("immisa lacag": "£5,000 biomass boiler", not "check the
            # amounts on GOV.UK", which shares "amounts") (round 13).
            if score >= FOCUS_MIN_SCORE and (best is None or pick[:2] > best[:2]):
                best = pick
        return best


def best_in_either(question: str, localised: Article, index: SentenceIndex,
                   original: Article | None, english: SentenceIndex | None) -> int | None:
    """The sentence of `localised` that answers `question`, read in its own language, else
    through the English words of the question ("warm homes grant ke liye income limit kya
    hai", "BRP", "housing association") in the English article: residents write housing
    terms in English whatever their language, and a translation words them in its own
    script, where no stem matches. The English reading counts only when the translation
    keeps the English sentences in the same order, so its number is the same sentence.
    A "how many" answered by a number in English but not in the translation's reading
    ("band কয়টা": "5টি ব্যান্ডের" shares no stem with "band") is answered from English."""
    mine = index.ranked(question, localised)
    if (mine is None or not mine.gives_number) and english is not None and \
            original is not None and original is not localised and \
            len(english.readings_of(original)) == len(index.readings_of(localised)):
        theirs = english.ranked(question, original)
        if theirs is not None and (mine is None or theirs.gives_number):
            return theirs.sentence
    return mine.sentence if mine else None


def gives_number(question: str, sentence: str) -> bool:
    """Whether the question asks "how much" or "how many" and the sentence gives a number
    that is not a year: what a closed scheme's notice may add (actions/focused_answer.py),
    since the notice already says when it closed."""
    return bool(QUANTITY_WORDS.search(question)) and any(
        not _YEAR.fullmatch(n) for n in _DIGITS.findall(whole_numbers(sentence)))


def sentences_of(text: str) -> list[str]:
    """A paragraph's sentences, as the articles' sentences are split. The full stop of an
    abbreviation ends none: "zespół ds. bezdomności" is one sentence, and split at "ds."
    its first half was left out under a crisis reply as said already, leaving
    "bezdomności Birmingham City Council." (round 13)."""
    found: list[str] = []
    for piece in (s.strip() for s in _SENTENCE_END.split(text.strip())):
        if not piece:
            continue
        if found and found[-1].rsplit(None, 1)[-1].lstrip("(").casefold() in _ABBREVIATIONS:
            found[-1] = f"{found[-1]} {piece}"
        else:
            found.append(piece)
    return found


def restates(sentence: str, said: str) -> bool:
    """Whether most of a sentence's words (MOST_SAID_IN_SUMMARY of its stems) are in what
    was said already, so that showing it again would make the resident read it twice."""
    own = stems(sentence)
    return bool(own) and _mostly_in(own, stems(said))


def _mostly_in(own: set[str], said: set[str] | frozenset[str]) -> bool:
    """Whether MOST_SAID_IN_SUMMARY of these stems are among those already said."""
    return len(_shared(own, said)) >= MOST_SAID_IN_SUMMARY * len(own)


def _readings(article: Article) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each sentence of the article as shown, with the stems of its own words: what `best`
    compares a question to."""
    return tuple((shown, frozenset(stems(matched))) for shown, matched in _parts(article))


def _shared(asked: set[str], said: set[str] | frozenset[str]) -> set[str]:
    """The asked stems the sentence has, one being the start of the other ("bid" and
    "bids", "week" and "weeks"): a short word is its own stem, so plurals meet here. A
    three-letter word meets only a word one letter longer: "let" (homes are let) is no
    "lette(r)", the letter a resident got (round 13)."""
    return {a for a in asked if a in said or
            any((b.startswith(a) or a.startswith(b)) and _close_in_length(a, b)
                for b in said)}


def _close_in_length(a: str, b: str) -> bool:
    """Whether one stem starting the other can be the same word (see `_shared`)."""
    shorter = min(len(a), len(b))
    return shorter >= 4 or (shorter == 3 and abs(len(a) - len(b)) <= 1)


def _counts(sentence: str, known: set[str], asked: set[str]) -> bool:
    """Whether the sentence gives a number the summary does not, within NUMBER_NEAR words
    of a word the question asks about, and not a year: "5 bands" for "how many bands",
    not "October 2023 Community Environment Fund" for "how much did community grants
    start from"."""
    words = WORD_WITH_MARKS.findall(whole_numbers(fold_accents(sentence).casefold()))
    for i, word in enumerate(words):
        if word.isdigit() and word not in known and not _YEAR.fullmatch(word):
            near = words[max(0, i - NUMBER_NEAR):i] + words[i + 1:i + 1 + NUMBER_NEAR]
            if _shared(stems(" ".join(near)), asked):
                return True
    return False


def _fragment(sentence: str) -> bool:
    """A list item that only makes sense under its lead-in ("your daughters, aged 15 and
    12: 1 bedroom to share;") or a lead-in itself ("Coventry has its own rules:")."""
    return sentence[0].islower() or sentence.rstrip().endswith((":", *_ITEM_ENDS))
