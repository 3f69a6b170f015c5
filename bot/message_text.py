"""Make a resident's message safe to handle before anything reads it.

A message can arrive with characters that are not valid text: a lone UTF-16
surrogate (`\\ud800`) left by a broken keyboard or a hostile client, a NUL, or
invisible bidirectional controls that make text display differently from what
it says. Any of them could make a later check (language identification, the
crisis check) raise or misread the message. The REST channel and the web API
both call `clean()` first, so every check downstream sees the same valid text.

Kept: line breaks and tabs, and the zero-width joiners (U+200C, U+200D) that
Urdu, Punjabi, Bengali and Arabic typing need.
"""
from __future__ import annotations

import re
import unicodedata

# Lone surrogates (a valid pair is already one code point in a Python str), C0 and C1
# control characters other than tab and line breaks, bidi embeddings, overrides and
# isolates (the "Trojan Source" characters), and non-characters.
_INVALID = re.compile(
    "[\ud800-\udfff"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\u202a-\u202e\u2066-\u2069"
    "\ufdd0-\ufdef\ufffe\uffff]"
)


def clean(text: str) -> str:
    """The message with invalid and invisible control characters removed, in NFC form
    (so the same word typed with combining accents or precomposed letters matches)."""
    return unicodedata.normalize("NFC", _INVALID.sub("", text))


def is_clean(text: str) -> bool:
    """True when `clean()` would change nothing."""
    return clean(text) == text
