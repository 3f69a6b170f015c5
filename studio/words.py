"""Crisis phrases, bot phrases and page words as studio documents (issue 18, item 1).

They are files outside the knowledge base's load, each with its own reader:
- crisis phrases, `crisis/<language>.yml` in knowledge/content (safety/content.py, ADR 9):
  published, they reach the action server's crisis check without a restart
  (actions/crisis_content.py reads the studio's live versions);
- page words, `web/interface/<language>.yml` (web/interface): published, the chat page
  reads them from the studio's live versions at once (web/interface/published.py);
- bot phrases, `bot/phrases/<language>.yml`: built into Rasa's domain
  (`python -m bot.translations build`), which the trained model carries, so they are live
  after the next training. Publishing records them; `python -m studio export-phrases`
  writes them back to bot/phrases/ for `make phrases` and `make train`.

Their checks are those of their own tools, in the same words: placeholders kept
(bot/translations.py, web/interface), statuses, button counts; a crisis file must still
build the detector, and a phrase added to it must not fire on the ordinary questions of the
crisis tuning sets (the sets behind the false-alarm targets of ADR 9), which is said beside
the phrase's field.
"""
from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.translations import phrase_version
from knowledge.languages import LANGUAGES, SOURCE_LANGUAGE, TRANSLATION_STATUSES
from knowledge.validation import Problem
from studio.documents import kind_of, parse
from studio.models import CRISIS, PHRASES, WORDS

ROOT = Path(__file__).resolve().parent.parent
# Where each kind's files are in the repository (crisis files are in knowledge/content).
FOLDERS = {PHRASES: ("bot/phrases", ROOT / "bot" / "phrases"),
           WORDS: ("web/interface", ROOT / "web" / "interface")}
KIND_NAMES = {CRISIS: "Crisis phrases", PHRASES: "Bot phrases", WORDS: "Page words"}
# What a kind's entries are called in its file.
ENTRIES = {PHRASES: "responses", WORDS: "texts"}


def language_of(path: str) -> str:
    return Path(path).stem


def title(path: str) -> str:
    kind, language = kind_of(path), LANGUAGES.get(language_of(path))
    return f"{KIND_NAMES.get(kind or '', path)} ({language.english_name if language else path})"


def repository_files() -> dict[str, str]:
    """The bot phrases and page words as the repository has them (the studio's version 1)."""
    found = {}
    for _kind, (prefix, folder) in FOLDERS.items():
        for file in sorted(folder.glob("*.yml")):
            if file.stem in LANGUAGES:
                found[f"{prefix}/{file.name}"] = file.read_text(encoding="utf-8")
    return found


@dataclass
class WordsCheck:
    """The checks of one crisis, phrase or words file, shaped like the content tool's
    ValidationResult (problems, errors, ok) so the same form shows them."""

    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors


def placeholders(text: Any) -> set[str]:
    try:
        return {f for _, f, _, _ in string.Formatter().parse(str(text or "")) if f}
    except ValueError:  # an unmatched brace: reported as a placeholder problem
        return {"{"}


def english_entries(kind: str, files: dict[str, str]) -> dict[str, Any]:
    """The English entries of a kind: name -> text (page words) or first variation."""
    prefix = FOLDERS[kind][0]
    data = parse(files.get(f"{prefix}/{SOURCE_LANGUAGE}.yml", "")) or {}
    entries = data.get(ENTRIES[kind]) or {}
    if kind == PHRASES:
        return {name: (variations or [{}])[0] for name, variations in entries.items()}
    return dict(entries)


def english_text(kind: str, entry: Any) -> str:
    return str(entry.get("text", "") if isinstance(entry, dict) else entry or "")


def english_buttons(kind: str, entry: Any) -> list[str]:
    if kind != PHRASES or not isinstance(entry, dict):
        return []
    return [str(b.get("title", "")) for b in entry.get("buttons") or []]


def entry_version(kind: str, entry: Any) -> str:
    """The fingerprint a translation records as `translates` (bot.translations')."""
    if kind == PHRASES:
        return phrase_version(entry if isinstance(entry, dict) else {"text": str(entry)})
    return phrase_version({"text": english_text(kind, entry)})


def stale_entries(kind: str, data: dict, english: dict[str, Any]) -> list[str]:
    """A translation's entries whose English changed since they were translated."""
    entries = data.get(ENTRIES[kind]) or {}
    return [name for name, entry in entries.items()
            if name in english and isinstance(entry, dict)
            and entry.get("translates") != entry_version(kind, english[name])]


def check(path: str, text: str, files: dict[str, str], live_text: str | None) -> WordsCheck:
    """Everything wrong with one crisis, phrase or words file, beside its fields."""
    kind = kind_of(path)
    data = parse(text)
    if not isinstance(data, dict):
        return WordsCheck([Problem(path, "", "This is not a YAML mapping the tool can read",
                                   "put back the structure of the live version")])
    if kind == CRISIS:
        # The crisis check loads spaCy and the detector: only when a crisis file is checked.
        from studio.crisis_check import check_crisis

        return WordsCheck(check_crisis(path, data, parse(live_text or "") or {}))
    assert kind in (PHRASES, WORDS)
    english = english_entries(kind, files | {path: text})
    if language_of(path) == SOURCE_LANGUAGE:
        before = english_entries(kind, files)
        return WordsCheck(_english_problems(kind, path, english, before))
    return WordsCheck(_translation_problems(kind, path, data, english))


def _english_problems(kind: str, path: str, english: dict[str, Any],
                      before: dict[str, Any]) -> list[Problem]:
    """English changes keep each entry's placeholders (the code fills them) and buttons."""
    found = []
    for name, entry in english.items():
        old = before.get(name)
        if not english_text(kind, entry).strip():
            found.append(Problem(path, f"{name}.text", "The text is empty", "write the words"))
        if old is not None and placeholders(english_text(kind, entry)) != \
                placeholders(english_text(kind, old)):
            keep = " ".join("{" + p + "}" for p in sorted(placeholders(english_text(kind, old))))
            found.append(Problem(path, f"{name}.text", "The placeholders must stay as they are "
                                 f"({keep or 'none'}): the assistant fills them in",
                                 "put back each {placeholder} exactly as it was"))
        if old is not None and len(english_buttons(kind, entry)) != \
                len(english_buttons(kind, old)):
            found.append(Problem(path, f"{name}.buttons", "The number of buttons changed",
                                 "keep one title per button"))
    return found


def _translation_problems(kind: str, path: str, data: dict,
                          english: dict[str, Any]) -> list[Problem]:
    """The words of bot.translations.problems and web.interface.problems, by field."""
    found = []
    for name, entry in (data.get(ENTRIES[kind]) or {}).items():
        if name not in english:
            found.append(Problem(path, f"{name}.text", f"'{name}' is not an English "
                                 "text any more", "remove it", "warning"))
            continue
        if not isinstance(entry, dict) or not str(entry.get("text") or "").strip():
            found.append(Problem(path, f"{name}.text", f"'{name}' has no text", "translate it",
                                 "warning"))
            continue
        if entry.get("status") not in TRANSLATION_STATUSES:
            found.append(Problem(path, f"{name}.status", f"'{name}' needs status: draft or "
                                 "reviewed", "choose one"))
        source = english_text(kind, english[name])
        if placeholders(entry.get("text")) != placeholders(source):
            keep = " ".join("{" + p + "}" for p in sorted(placeholders(source)))
            found.append(Problem(path, f"{name}.text", f"'{name}' must keep the placeholders "
                                 f"{keep or '(none)'}", "copy each {placeholder} from the "
                                 "English exactly, untranslated"))
        if kind == PHRASES and len(entry.get("buttons") or []) != \
                len(english_buttons(kind, english[name])):
            found.append(Problem(path, f"{name}.buttons", f"'{name}' needs "
                                 f"{len(english_buttons(kind, english[name]))} button titles, "
                                 "in the English order", "one title per English button"))
    return found
