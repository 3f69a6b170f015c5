"""Resident-facing phrases, read from the domain's responses.

The actions assemble answers from knowledge-base articles and fixed phrases
("Where this comes from:", "not confirmed"). Those phrases are domain
responses, so they are edited and translated in `bot/domain/`, never in Python.
A response may have variations for several languages (a `condition` on the
`language` slot); the phrasebook picks the one for the resident's language
and falls back to the unconditioned (English) one.
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

    def text(self, response: str, /, **values: Any) -> str:
        template = self._variation(response).get("text", "")
        return string.Formatter().vformat(template, (), _Blank(values))

    def buttons(self, response: str, /) -> list[dict[str, str]]:
        return list(self._variation(response).get("buttons") or [])
