"""The words of a message as the crisis content is written: lower case, accents folded.

Residents type "Nie mogę" and "nie moge", "Ți-a" and "ti-a", "can't" and "cant";
the phrase lists are written once, folded, and match every way of typing them.
We split words ourselves rather than with spaCy's per-language tokenizers, because
one message often mixes languages and scripts (Roman Urdu with English housing
words) and the phrase lists' conventions ("can't" reads as "can t") must hold
whatever the language.
"""
from __future__ import annotations

import re

from bot.message_text import clean
from knowledge.text import fold_accents

_SEPARATORS = re.compile(r"[\s.,!?;:()\[\]{}\"'’‘“”«»،؟۔।/\\\-_*+=<>|~`^]+")
# Arabic writes "and" joined to the next word: "والمفتاح" is "and the key". A phrase
# about "the key" (المفتاح) must find it, so the joined "و" before "ال" is dropped.
_ARABIC_AND_THE = re.compile(r"^و(?=ال.)")


def words_of(text: str) -> list[str]:
    """Lower-cased, accent-folded words: 'Nie mogę' and 'nie moge' read the same.
    Invalid characters (a lone surrogate) are dropped first, so they never hide a word."""
    return [_ARABIC_AND_THE.sub("", w)
            for w in _SEPARATORS.split(fold_accents(clean(text or "")).lower()) if w]
