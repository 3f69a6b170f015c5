"""The languages the navigator speaks: codes, names in themselves, writing direction.

English is the source language of all content; the others are the languages
West Midlands communities asked for. Official names, websites and phone numbers
are never translated.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    english_name: str
    own_name: str  # how the language names itself, for menus
    direction: str = "ltr"


LANGUAGES: dict[str, Language] = {lang.code: lang for lang in (
    Language("en", "English", "English"),
    Language("ur", "Urdu", "اردو", "rtl"),
    Language("pa", "Punjabi", "ਪੰਜਾਬੀ"),
    Language("bn", "Bengali", "বাংলা"),
    Language("pl", "Polish", "Polski"),
    Language("ar", "Arabic", "العربية", "rtl"),
    Language("so", "Somali", "Soomaali"),
    Language("ro", "Romanian", "Română"),
)}
SOURCE_LANGUAGE = "en"
TRANSLATED = tuple(code for code in LANGUAGES if code != SOURCE_LANGUAGE)
TRANSLATION_STATUSES = ("draft", "reviewed")


def script_of(text: str) -> str | None:
    """The script a message is written in: latin, arabic, gurmukhi or bengali."""
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        for script, marker in (("latin", "LATIN"), ("arabic", "ARABIC"),
                               ("gurmukhi", "GURMUKHI"), ("bengali", "BENGALI")):
            if name.startswith(marker):
                counts[script] = counts.get(script, 0) + 1
                break
    if not counts:
        return None
    # Residents often put Latin words (place names, "council") into Urdu, Arabic,
    # Punjabi or Bengali sentences, and hardly ever the other way round: a message with
    # a fair share of another script is written in that script.
    total = sum(counts.values())
    others = {k: v for k, v in counts.items() if k != "latin"}
    if others and max(others.values()) >= 0.25 * total:
        return max(others, key=lambda script: others[script])
    return "latin"


def direction_of(text: str) -> str:
    """'rtl' for text written in Perso-Arabic script (Urdu, Arabic), else 'ltr'."""
    return "rtl" if script_of(text) == "arabic" else "ltr"
