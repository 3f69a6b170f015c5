"""The web page's own words (labels, buttons, notices) in every language, as content.

Why content and not code: housing teams and translators change these words without a
developer, and each translation records its status (draft / reviewed by a speaker) and
the version of the English it translates, exactly like the bot's fixed phrases
(bot/phrases/, same fingerprint from `bot.translations.phrase_version`). A translation
whose English has changed is not shown: the page uses the current English for that
entry until the translator catches up, and `make phrases` lists it.

    python -m web.interface stale          interface texts missing or behind their English
    python -m web.interface template ur    a skeleton for a new or updated translation
"""
from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.translations import PHRASES_DIR
from bot.translations import english as bot_english
from bot.translations import phrase_version, translator_command
from bot.translations import translation as bot_translation
from knowledge.languages import LANGUAGES, SOURCE_LANGUAGE, TRANSLATION_STATUSES
from web.interface.published import published, stamp

INTERFACE_DIR = Path(__file__).resolve().parent

# Bot phrases that open a section of an answer: the page uses their opening words to
# sort a conversation into "next steps", "contacts" and "sources" for the client summary.
SECTION_PHRASES = {
    "next_steps": ("utter_article_next_steps", "utter_next_step_for_council"),
    "contacts": ("utter_contacts_intro", "utter_council_contacts_intro",
                 "utter_crisis_offer_person"),
    "sources": ("utter_article_sources",),
}


def _load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _file(code: str) -> dict[str, Any]:
    """One language's file: as published in the housing team studio when anything has been
    (every web replica reads the same, no restart: web/interface/published.py), else as
    the repository has it."""
    text = published(code)
    if text is not None:
        return yaml.safe_load(text) or {}
    path = INTERFACE_DIR / f"{code}.yml"
    return _load(path) if path.exists() else {}


def english() -> dict[str, str]:
    return _file(SOURCE_LANGUAGE)["texts"]


def version(text: str) -> str:
    """Fingerprint of an English text, the same function the bot's phrases use."""
    return phrase_version({"text": text})


def translation(code: str) -> dict[str, dict[str, Any]]:
    return _file(code).get("texts") or {}


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def _usable(entry: Any, source: str) -> bool:
    return (isinstance(entry, dict) and isinstance(entry.get("text"), str)
            and bool(entry["text"].strip())
            and entry.get("translates") == version(source)
            and entry.get("status") in TRANSLATION_STATUSES
            and _placeholders(entry["text"]) == _placeholders(source))


def problems(code: str) -> list[str]:
    """What is missing, wrong or out of date in one language's interface texts."""
    source, entries, found = english(), translation(code), []
    where = f"web/interface/{code}.yml"
    for name, entry in entries.items():
        if name not in source:
            found.append(f"{where}: '{name}' is not an English interface text any more; remove it")
            continue
        if not isinstance(entry, dict) or not str(entry.get("text") or "").strip():
            found.append(f"{where}: '{name}' has no text")
            continue
        if entry.get("status") not in TRANSLATION_STATUSES:
            found.append(f"{where}: '{name}' needs status: draft or reviewed")
        if entry.get("translates") != version(source[name]):
            found.append(f"{where}: '{name}' is STALE: the English changed since it was translated")
        if _placeholders(entry["text"]) != _placeholders(source[name]):
            found.append(f"{where}: '{name}' must keep the placeholders "
                          f"{sorted(_placeholders(source[name]))}")
    found += [f"{where}: '{name}' is not translated yet" for name in source if name not in entries]
    return found


def texts(code: str) -> dict[str, str]:
    """Every interface text in one language; English wherever a translation is unusable."""
    source = english()
    if code == SOURCE_LANGUAGE:
        return dict(source)
    entries = translation(code)
    return {name: entries[name]["text"] if _usable(entries.get(name), text) else text
            for name, text in source.items()}


def _opening(template: str) -> str:
    """The fixed words a phrase starts with, up to its first placeholder or line break;
    where the phrase starts with a placeholder ("{council_name} میں اگلا قدم:"), the fixed
    words after it (the page looks for those inside the first line)."""
    if template.startswith("{") and "}" in template:
        template = template[template.index("}") + 1:]
    cut = min([i for i in (template.find("{"), template.find("\n")) if i >= 0] or [len(template)])
    return template[:cut].strip()


def sections(code: str) -> dict[str, list[str]]:
    """Opening words of the section phrases in this language and in English (the bot
    answers in English where a phrase translation is out of date)."""
    source = bot_english()
    translated = bot_translation(code) if code != SOURCE_LANGUAGE else {}
    out: dict[str, list[str]] = {}
    for section, names in SECTION_PHRASES.items():
        openings = []
        for name in names:
            candidates = [source[name][0].get("text", "")] if name in source else []
            entry = translated.get(name)
            if isinstance(entry, dict) and isinstance(entry.get("text"), str):
                candidates.insert(0, entry["text"])
            openings += [o for o in map(_opening, candidates) if o and o not in openings]
        out[section] = openings
    return out


def bundle(code: str) -> dict[str, Any]:
    """What the page needs to switch its whole interface to one language.

    Cached until one of its files changes, so an edited text shows without a restart."""
    files = (INTERFACE_DIR / f"{SOURCE_LANGUAGE}.yml", INTERFACE_DIR / f"{code}.yml",
             PHRASES_DIR / f"{SOURCE_LANGUAGE}.yml", PHRASES_DIR / f"{code}.yml")
    stamps = tuple(f.stat().st_mtime_ns if f.exists() else 0 for f in files) + (stamp(),)
    return _bundle(code, stamps)


@lru_cache(maxsize=64)
def _bundle(code: str, _stamps: tuple[int, ...]) -> dict[str, Any]:
    language = LANGUAGES[code]
    return {"lang": code, "dir": language.direction, "name": language.own_name,
            "texts": texts(code), "sections": sections(code),
            "english_names": {c: lang.english_name for c, lang in LANGUAGES.items()}}


def template(code: str) -> str:
    """A translation skeleton: current translations kept, new or changed texts marked."""
    existing = translation(code)
    entries = {}
    for name, text in english().items():
        found = existing.get(name)
        old: dict[str, Any] = found if isinstance(found, dict) else {}
        current = old.get("translates") == version(text)
        entries[name] = {"translates": version(text),
                         "status": old.get("status", "draft") if current else "draft",
                         "english": text, "text": old.get("text", "")}
    return yaml.safe_dump({"language": code, "texts": entries}, allow_unicode=True,
                          sort_keys=False, width=1000)


def main(argv: list[str]) -> int:
    return translator_command(argv, problems, template, __doc__ or "",
                              "Every interface text is translated and current.")
