"""Resident-facing phrases, read from the content (bot/domain/*.yml), not from the request.

The actions assemble answers from knowledge-base articles and fixed phrases
("Where this comes from:", "not confirmed"). Those phrases are domain
responses, edited and translated in `bot/phrases/` and generated into
`bot/domain/responses.yml` (`make phrases`), never in Python.

The action server reads them itself, once at start and again when a domain file
changes (a content update: `make phrases` rewrites responses.yml), rather than
from the 150 kB domain Rasa would otherwise send with every call. That lets
endpoints.yml turn on `enable_selective_domain`, so Rasa sends the domain only to
the actions that need it (docs/adr/0023-rasa-caches.md). A caller that passes a
domain with its own `responses` (tests, the studio's preview of draft phrases)
is answered from those.
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
import threading
import time
from pathlib import Path
from typing import Any, Sequence

import yaml

log = logging.getLogger(__name__)

DOMAIN_DIR = Path(__file__).resolve().parent.parent / "bot" / "domain"
# How often (seconds) the action server looks whether the phrase files changed: a
# content update reaches residents within this, and a turn costs no file reads.
RELOAD_CHECK_SECONDS = 2.0
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 190 kB in 0.1 s, not 1 s


class ContentPhrases:
    """The responses of every domain file, read at start and re-read when one changes."""

    def __init__(self, folder: Path = DOMAIN_DIR) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._stamp: tuple[tuple[str, float, int], ...] | None = None
        self._checked = 0.0
        self._responses: dict[str, list[dict[str, Any]]] = {}

    def _current_stamp(self) -> tuple[tuple[str, float, int], ...]:
        return tuple((p.name, p.stat().st_mtime, p.stat().st_size)
                     for p in sorted(self.folder.glob("*.yml")))

    def responses(self) -> dict[str, list[dict[str, Any]]]:
        now = time.monotonic()
        if self._stamp is not None and now - self._checked < RELOAD_CHECK_SECONDS:
            return self._responses
        with self._lock:
            self._checked = now
            stamp = self._current_stamp()
            if stamp != self._stamp:
                self._responses = self._read()
                if self._stamp is not None:
                    log.info("phrases reloaded from %s (%d responses)", self.folder,
                             len(self._responses))
                self._stamp = stamp
        return self._responses

    def _read(self) -> dict[str, list[dict[str, Any]]]:
        responses: dict[str, list[dict[str, Any]]] = {}
        for path in sorted(self.folder.glob("*.yml")):
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
            responses.update(data.get("responses") or {})
        if not responses:
            raise RuntimeError(f"no responses in {self.folder}: run `make phrases`")
        return responses


CONTENT = ContentPhrases()


def content_responses() -> dict[str, list[dict[str, Any]]]:
    """The assistant's phrases as the content has them now."""
    return CONTENT.responses()


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


def joined(separator: str, parts: Sequence[str]) -> Phrase:
    """Parts joined, in the resident's language and in English alike."""
    return Phrase(separator.join(parts), separator.join(english_of(p) for p in parts))


def say(dispatcher: Any, text: str, **kwargs: Any) -> None:
    """Send a message; when it is not English, its English goes with it."""
    english = english_of(text)
    if english != text:
        kwargs["english"] = english
    dispatcher.utter_message(text=str(text), **kwargs)


class Phrasebook:
    def __init__(self, domain: dict[str, Any] | None = None, language: str | None = None):
        # With selective domain Rasa sends actions no domain: the content's phrases. A
        # domain that carries responses (a test's, the studio's drafts) is used as given.
        given = (domain or {}).get("responses")
        self.responses: dict[str, list[dict[str, Any]]] = given or content_responses()
        self.language = language

    @classmethod
    def of_content(cls, language: str | None = None) -> "Phrasebook":
        """The phrases as the content has them, in a language: what every action says."""
        return cls(None, language)

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
