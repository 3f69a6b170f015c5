"""The languages the navigator speaks: codes, names in themselves, writing direction.

English is the source language of all content; the others are the languages
West Midlands communities asked for. Official names, websites and phone numbers
are never translated.
"""
from __future__ import annotations

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
