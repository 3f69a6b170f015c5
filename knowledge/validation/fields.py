"""Reading single fields: the checks every kind of content shares."""
from __future__ import annotations

import dataclasses
import difflib
import re
from datetime import date
from pathlib import Path
from typing import Any

from knowledge.content_files import RawContent
from knowledge.validation.problems import Report

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
INTENT_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


def fields_of(cls: type, *, renamed: dict[str, str] | None = None,
              leave_out: tuple[str, ...] = ()) -> dict[str, bool]:
    """A content file's fields, read from the dataclass it becomes: a field without a
    default must be written, one with a default may be left out. One list, not two."""
    renamed = renamed or {}
    spec = {}
    for f in dataclasses.fields(cls):
        if f.name in leave_out:
            continue
        optional = (f.default is not dataclasses.MISSING
                    or f.default_factory is not dataclasses.MISSING)
        spec[renamed.get(f.name, f.name)] = not optional
    return spec


class Reader(Report):
    """Reads fields for one edition, as of one day, reporting what is wrong."""

    def __init__(self, raw: RawContent, today: date, known_intents: set[str] | None):
        super().__init__(raw)
        self.today = today
        self.known_intents = known_intents

    def fields(self, path: Path, data: Any, spec: dict[str, bool], prefix: str = "") -> bool:
        """Required fields are there and no field is unknown (with a 'did you mean')."""
        if not isinstance(data, dict):
            self.error(path, prefix.rstrip("."), "should be a set of 'name: value' fields",
                       "compare the layout with knowledge/CONTENT.md")
            return False
        ok = True
        for name, required in spec.items():
            if required and data.get(name) in (None, "", []):
                self.error(path, prefix + name, "is missing",
                           f"add '{name}:' (see knowledge/CONTENT.md)")
                ok = False
        for name in data:
            if name not in spec:
                close = difflib.get_close_matches(str(name), spec, n=1)
                hint = f"did you mean '{close[0]}'?" if close else \
                    "remove it or check knowledge/CONTENT.md"
                self.error(path, prefix + str(name), "is not a field we know", hint)
                ok = False
        return ok

    def a_date(self, path: Path, field: str, value: Any) -> date | None:
        if isinstance(value, date):
            return value
        self.error(path, field, f"'{value}' is not a date",
                   "write it as YYYY-MM-DD, for example 2026-11-29, without quotes")
        return None

    def text_list(self, path: Path, field: str, value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.error(path, field, "should be a list of text items",
                       "write one item per line, each starting with '- '")
            return ()
        return tuple(v.strip() for v in value)

    def an_id(self, path: Path, field: str, value: Any, example: str) -> str | None:
        if not ID_PATTERN.match(str(value)):
            self.error(path, field, f"'{value}' is not a valid identifier",
                       f"use lowercase letters, digits and hyphens, e.g. {example}")
            return None
        return str(value)

    def one_of(self, path: Path, field: str, value: Any, allowed: set[str] | tuple[str, ...],
               what: str, extra: str = "") -> bool:
        """The value is in `allowed`; otherwise suggest the closest one."""
        if value in allowed:
            return True
        close = difflib.get_close_matches(str(value), list(allowed), n=1)
        self.error(path, field, f"unknown {what} '{value}'",
                   f"did you mean '{close[0]}'?" if close else
                   f"use one of: {', '.join(sorted(allowed))}{extra}")
        return False

    def yaml_ok(self, raw) -> bool:
        if raw.error:
            self.error(raw.path, "", raw.error, "correct the YAML layout at that line")
            return False
        return True
