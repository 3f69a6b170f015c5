"""Small text helpers shared by search and council routing.

Deliberately simple and dependency-free: the knowledge base is small, and
what matters is that a resident's informal, misspelt question still finds the
right article.
"""
from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# A word keeps its vowel signs: in Gurmukhi and Bengali (and the other Indic scripts,
# U+0900-U+0DFF) a vowel sign is a combining mark, not a letter, so `_WORD` cut
# "ਸੋਲੀਹਲ" (Solihull) into "ਸ ਲ ਹਲ", and short names then matched ordinary phrases
# ("ਸਮੇਂ ਦੀ" for Smethwick) (round 12). Place names and the focus sentence's words
# (knowledge.focus) are read with it.
WORD_WITH_MARKS = re.compile(r"(?:[^\W_]|[\u0900-\u0DFF])+", re.UNICODE)
# The scripts' sentence ends (Latin, Arabic "؟", Urdu "۔", Bengali and Gurmukhi "।"):
# the focus sentence splits on them (knowledge.focus) and the tokenizer cuts them off a
# number (understanding.patterns), so both read the same list.
FULL_STOPS = ".!?؟۔।"

# Words that carry no meaning for matching a housing question.
STOPWORDS = frozenset("""
a about am an and any are as at be been but by can could do does for from get got have
how i if im in into is it its me my of on or our please so that the their them there
they this to us was we what when where which who why will with would you your yours
hi hello hey thanks thank ok okay tell know need want help u ur pls plz
""".split())

_SUFFIXES = ("ing", "edly", "ed", "ies", "es", "s", "ly")


def words(text: str) -> list[str]:
    """Lower-case words, accents kept (Polish and Romanian are typed both ways)."""
    return [w.lower() for w in _WORD.findall(text or "")]


def stem(word: str) -> str:
    """A light English stemmer: 'bids', 'bidding', 'bid' all become 'bid'."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    return word


def content_terms(text: str, english: bool = True) -> list[str]:
    """The meaningful words of a question, in order, without repeats.

    English words are stemmed and English stopwords dropped; other languages'
    words are kept as typed (search matches them by prefix).
    """
    seen: dict[str, None] = {}
    for w in words(text):
        if english and w in STOPWORDS:
            continue
        if len(w) > 1 or w.isdigit():
            seen.setdefault(stem(w) if english else w, None)
    return list(seen)


def fold_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return folded.replace("ł", "l").replace("Ł", "L")


def normalise_place(name: str) -> str:
    """'Smith's Wood' and 'smiths  wood' are the same place to a resident."""
    folded = fold_accents(name).lower().replace("'", "").replace("’", "")
    return " ".join(WORD_WITH_MARKS.findall(folded))


# Bengali writes a case ending onto a place name: "বার্মিংহামে" (in Birmingham),
# "ওয়ালসলের" (Walsall's), "টিপটনে", "স্মল হিথে". Longest first; folded once, as the text
# they are matched in is.
_BENGALI_ENDINGS = tuple(normalise_place(e) for e in
                         ("য়ের", "য়ে", "েরে", "ের", "তে", "কে", "ে", "র"))
_BENGALI = re.compile(r"[\u0980-\u09FF]")


def without_case_endings(normalised: str) -> str:
    """A normalised place text with each Bengali word's case ending taken off ("টিপটনে"
    -> "টিপটন"), so a place name is found where Bengali always writes it: with "in" or
    "of" glued on. Other scripts write such words apart and are left as they are."""
    words = []
    for word in normalised.split():
        if _BENGALI.search(word):
            for ending in _BENGALI_ENDINGS:
                if ending and word.endswith(ending) and len(word) - len(ending) >= 3:
                    word = word[: -len(ending)]
                    break
        words.append(word)
    return " ".join(words)
