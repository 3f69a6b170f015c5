"""Contact names, opening hours and notes in the resident's language (issue 15 item 7).

Contacts (knowledge/content/contacts/<council>.yml) are written in English. Their
translations live beside them in knowledge/content/contacts/translations/<language>.yml,
one entry per contact id with the same fields (`name`, `hours`, `note`), a `status`
(draft until a speaker has checked it, as for article translations) and `translates`:
the version of the English they translate. When the English changes, the version no
longer matches and the English is used until the translation is updated, so a resident
is never shown a translated note that has gone out of date (the same rule as articles).

Kept apart from the database loader on purpose: this is content only, read from the
content folder; the answers read it through `localised_contact`.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "content" / "contacts" / "translations"
FIELDS = ("name", "hours", "note")


@dataclass(frozen=True)
class ContactWords:
    """What a resident reads about one contact, in one language."""

    name: str
    hours: str | None
    note: str | None
    language: str  # the language these words are in ("en" when no current translation)
    status: str | None = None  # "draft" or "reviewed" for a translation


def english_version(name: str | None, hours: str | None, note: str | None) -> str:
    """A short fingerprint of a contact's English words; a translation records the one it
    translates, so a change to the English is noticed."""
    words = "\n".join(" ".join((w or "").split()) for w in (name, hours, note))
    return hashlib.sha1(words.encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=16)
def translations(language: str, folder: Path = TRANSLATIONS_DIR) -> dict[str, dict]:
    """contact id -> its translated fields for one language ({} when none)."""
    path = folder / f"{language}.yml"
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return dict(data.get("contacts") or {})


def localised_contact(contact: Any, language: str | None,
                      folder: Path = TRANSLATIONS_DIR) -> ContactWords:
    """The contact's words in `language` when a current translation exists, else English."""
    english = ContactWords(contact.name, contact.hours, contact.note, "en")
    if not language or language == "en":
        return english
    entry = translations(language, folder).get(contact.id)
    if not entry or entry.get("translates") != english_version(
            contact.name, contact.hours, contact.note):
        return english
    return ContactWords(entry.get("name") or contact.name,
                        entry.get("hours") if contact.hours else None,
                        entry.get("note") if contact.note else None,
                        language, entry.get("status"))
