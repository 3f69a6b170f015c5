"""Contact names, hours and notes in every language (issue 15 item 7), and never a
number or date the English does not have."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from knowledge.contact_translations import (TRANSLATIONS_DIR, english_version,
                                            localised_contact, translations)

CONTACTS_DIR = TRANSLATIONS_DIR.parent
LANGUAGES = ("ar", "bn", "pa", "pl", "ro", "so", "ur")
_NUMBER = re.compile(r"\d[\d ]*\d|\d")


def english_contacts() -> dict[str, dict]:
    found = {}
    for path in sorted(CONTACTS_DIR.glob("*.yml")):
        for contact in yaml.safe_load(path.read_text(encoding="utf-8"))["contacts"]:
            found[contact["id"]] = contact
    return found


@dataclass(frozen=True)
class Contact:
    id: str
    name: str
    hours: str | None = None
    note: str | None = None


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_contact_is_translated_from_the_current_english(language):
    english = english_contacts()
    translated = translations(language)
    assert set(translated) == set(english)
    for contact_id, entry in translated.items():
        source = english[contact_id]
        assert entry["status"] in ("draft", "reviewed")
        assert entry["translates"] == english_version(source["name"], source.get("hours"),
                                                      source.get("note")), contact_id
        assert entry["name"].strip()
        assert bool(entry.get("hours")) == bool(source.get("hours")), contact_id
        assert bool(entry.get("note")) == bool((source.get("note") or "").strip()), contact_id


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_translated_note_has_only_the_numbers_and_years_of_the_english(language):
    english = english_contacts()
    for contact_id, entry in translations(language).items():
        source = " ".join(str(english[contact_id].get(f) or "") for f in ("name", "hours", "note"))
        said = " ".join(str(entry.get(f) or "") for f in ("name", "hours", "note"))
        assert set(_NUMBER.findall(said)) <= set(_NUMBER.findall(source)), contact_id


def test_the_resident_reads_the_translation_only_while_it_is_current(tmp_path: Path):
    contact = Contact("x-line", "Housing line", "Any time", "Check it first.")
    (tmp_path / "ur.yml").write_text(yaml.safe_dump({"language": "ur", "contacts": {
        "x-line": {"status": "draft", "name": "ہاؤسنگ لائن", "hours": "کسی بھی وقت",
                   "note": "پہلے چیک کریں۔",
                   "translates": english_version("Housing line", "Any time", "Check it first.")},
    }}, allow_unicode=True), encoding="utf-8")
    words = localised_contact(contact, "ur", tmp_path)
    assert (words.name, words.hours, words.note, words.language, words.status) == (
        "ہاؤسنگ لائن", "کسی بھی وقت", "پہلے چیک کریں۔", "ur", "draft")
    changed = Contact("x-line", "Housing line", "Any time", "Check it before you rely on it.")
    assert localised_contact(changed, "ur", tmp_path).note == "Check it before you rely on it."
    assert localised_contact(contact, "pl", tmp_path).language == "en"
    assert localised_contact(contact, "en", tmp_path).name == "Housing line"
