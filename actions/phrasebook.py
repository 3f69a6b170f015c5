"""Resident-facing phrases, read from the domain's responses.

The actions assemble answers from knowledge-base articles and fixed phrases
("Where this comes from:", "not confirmed"). Those phrases are domain
responses, so they are edited and translated in `bot/domain/`, never in Python.
A response may have variations for several languages (a `condition` on the
`language` slot); the phrasebook picks the one for the resident's language
and falls back to the unconditioned (English) one.

Every phrase also carries its English (`Phrase.english`), and `say()` sends it
along with the message: the adviser console shows what the assistant said in
English, and a community worker sees the answer in both languages.
"""
from __future__ import annotations

import logging
import string
from typing import Any

log = logging.getLogger(__name__)


class _Blank(dict):
    """Missing placeholders become empty, so a resident never sees '{name}'."""

    def __missing__(self, key: str) -> str:
        log.warning("phrase placeholder '%s' has no value", key)
        return ""


class Phrase(str):
    """Text in the resident's language that remembers its English."""

    english: str

    def __new__(cls, text: str, english: str | None = None) -> "Phrase":
        phrase = super().__new__(cls, text)
        phrase.english = english if english is not None else str(text)
        return phrase


def english_of(text: str) -> str:
    return getattr(text, "english", text)


def joined(separator: str, parts: list[str]) -> Phrase:
    """Parts joined, in the resident's language and in English alike."""
    return Phrase(separator.join(parts), separator.join(english_of(p) for p in parts))


def say(dispatcher: Any, text: str, **kwargs: Any) -> None:
    """Send a message; when it is not English, its English goes with it."""
    english = english_of(text)
    if english != text:
        kwargs["english"] = english
    dispatcher.utter_message(text=str(text), **kwargs)


class Phrasebook:
    def __init__(self, domain: dict[str, Any], language: str | None = None):
        self.responses: dict[str, list[dict[str, Any]]] = domain.get("responses", {})
        self.language = language

    def _variation(self, name: str) -> dict[str, Any]:
        variations = self.responses.get(name)
        if not variations:
            raise KeyError(f"the domain has no response '{name}'")
        fallback = None
        for variation in variations:
            conditions = variation.get("condition") or []
            if not conditions:
                fallback = fallback or variation
                continue
            if self.language and all(
                c.get("name") == "language" and c.get("value") == self.language
                for c in conditions
            ):
                return variation
        return fallback or variations[0]

    def _english_variation(self, name: str) -> dict[str, Any]:
        variations = self.responses[name]
        return next((v for v in variations if not v.get("condition")), variations[0])

    def text(self, response: str, /, **values: Any) -> Phrase:
        template = self._variation(response).get("text", "")
        local = string.Formatter().vformat(template, (), _Blank(values))
        english_template = self._english_variation(response).get("text", "")
        if english_template == template and not any(hasattr(v, "english") for v in values.values()):
            return Phrase(local)
        english = string.Formatter().vformat(
            english_template, (), _Blank({k: english_of(v) for k, v in values.items()}))
        return Phrase(local, english)

    def buttons(self, response: str, /) -> list[dict[str, str]]:
        return list(self._variation(response).get("buttons") or [])
