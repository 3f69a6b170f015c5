"""First-message language: is a short first message answered in its own language?

tests/data/language_id/first_messages_eighth/<language>.yml (written blind on 8 December
2026, the thirteenth session; the set `make eval` reports) holds greetings, thanks, yes/no,
'help' and 'I need housing help' as residents type them (1-6 words, every script). The
sets before it were spent: first_messages/ (its misses read for the word lists,
actions/language_words.yml), first_messages_second/ (round 9), first_messages_third/
(round 10), first_messages_fourth/ (round 11), first_messages_fifth/ (round 12),
first_messages_sixth/ (round 13) and first_messages_seventh/ (round 14); they are asked
only with `--set spent`, `--set second_blind` ... `--set seventh_blind`.
Each is sent as the FIRST message of a fresh conversation through the REST channel,
and the reply's language is judged by ops.evaluation.replies.reply_language. The
`messages` are scored (target: at least 0.98 per language); the `ambiguous` ones
("salaam", "ok") are scored apart, a reply in any of their `could_be` languages being
right, because a resident who writes them has not told us their language.
"""
from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
import yaml
from lingua import Language, LanguageDetectorBuilder

from ops.evaluation.common import ROOT, share
from ops.evaluation.replies import reply_language, reply_length

LANGUAGE_ID_DIR = ROOT / "tests" / "data" / "language_id"
FIRST_MESSAGE_SETS = {"eighth_blind": LANGUAGE_ID_DIR / "first_messages_eighth",
                      "seventh_blind": LANGUAGE_ID_DIR / "first_messages_seventh",
                      "sixth_blind": LANGUAGE_ID_DIR / "first_messages_sixth",
                      "fifth_blind": LANGUAGE_ID_DIR / "first_messages_fifth",
                      "fourth_blind": LANGUAGE_ID_DIR / "first_messages_fourth",
                      "third_blind": LANGUAGE_ID_DIR / "first_messages_third",
                      "second_blind": LANGUAGE_ID_DIR / "first_messages_second",
                      "spent": LANGUAGE_ID_DIR / "first_messages"}
FIRST_MESSAGES_DIR = FIRST_MESSAGE_SETS["eighth_blind"]


@dataclass(frozen=True)
class FirstMessage:
    language: str
    text: str
    script: str
    accepted: tuple[str, ...]  # languages a right reply may be in
    ambiguous: bool


def load_first_messages(folder: Path = FIRST_MESSAGES_DIR) -> dict[str, list[FirstMessage]]:
    """language -> its first messages, the ambiguous ones last."""
    sets: dict[str, list[FirstMessage]] = {}
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        language = data["language"]
        if language != path.stem:
            raise ValueError(f"{path.name} says language '{language}'")
        items = [FirstMessage(language, str(m["text"]), m.get("script", "native"),
                              (language,), False) for m in data["messages"]]
        items += [FirstMessage(language, str(m["text"]), m.get("script", "native"),
                               tuple(m["could_be"]), True) for m in data.get("ambiguous") or []]
        sets[language] = items
    return sets


class LinguaReader:
    """Identifies the language of the assistant's own replies (whole sentences in one of
    eight languages, never Roman Urdu: the assistant writes each in its own script)."""

    def __init__(self) -> None:
        self.codes = {Language.ENGLISH: "en", Language.URDU: "ur", Language.PUNJABI: "pa",
                      Language.BENGALI: "bn", Language.POLISH: "pl", Language.ARABIC: "ar",
                      Language.SOMALI: "so", Language.ROMANIAN: "ro"}
        self.detector = LanguageDetectorBuilder.from_languages(*self.codes).build()

    def __call__(self, text: str) -> str | None:
        found = self.detector.detect_language_of(text)
        return self.codes.get(found) if found else None


def judge(item: FirstMessage, said_in: str | None) -> bool:
    return said_in in item.accepted


def evaluate_first_messages(assistant: Any, reader: Any, phrases: dict[str, str],
                            identify: Any, languages: list[str] | None = None,
                            folder: Path = FIRST_MESSAGES_DIR) -> dict:
    """Send each first message in a fresh conversation; judge the reply's language."""
    rows = []
    for language, items in load_first_messages(folder).items():
        if languages and language not in languages:
            continue
        for item in items:
            sender = f"eval-first-{language}-{uuid.uuid4().hex[:10]}"
            try:
                messages, error = assistant.say(sender, item.text), None
            except (requests.RequestException, ValueError) as exc:
                messages, error = [], f"{type(exc).__name__}: {exc}"[:200]
            said_in = reply_language(messages, reader.kinds, phrases, identify)
            rows.append({"language": language, "text": item.text, "script": item.script,
                         "ambiguous": item.ambiguous, "accepted": list(item.accepted),
                         "reply_language": said_in, "right": judge(item, said_in) and not error,
                         "characters": reply_length(messages), "error": error,
                         "reply_start": " ".join((messages[0].get("text") or "").split())[:80]
                         if messages else ""})
    return summarise_first_messages(rows, assistant.how)


def summarise_first_messages(rows: list[dict], how: str) -> dict:
    clear: dict[str, list[dict]] = defaultdict(list)
    ambiguous: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        (ambiguous if r["ambiguous"] else clear)[r["language"]].append(r)
    languages = {}
    for lang in dict.fromkeys(r["language"] for r in rows):
        scored, amb = clear[lang], ambiguous[lang]
        by_script: dict[str, list[bool]] = defaultdict(list)
        for r in scored:
            by_script[r["script"]].append(r["right"])
        languages[lang] = {
            "messages": len(scored), "right": sum(r["right"] for r in scored),
            "share": share(sum(r["right"] for r in scored), len(scored)),
            "by_script": {s: share(sum(v), len(v)) for s, v in by_script.items()},
            "ambiguous": len(amb), "ambiguous_right": sum(r["right"] for r in amb),
            "replied_in": dict(sorted(_count(r["reply_language"] for r in scored).items())),
            "misses": [f"{r['text']!r} -> {r['reply_language']}"
                       + (" (ambiguous)" if r["ambiguous"] else "")
                       for r in scored + amb if not r["right"]],
        }
    return {"assistant": how, "target": 0.98, "languages": languages, "results": rows}


def _count(values: Any) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for v in values:
        counts[str(v)] += 1
    return counts
