"""Problems with the content, phrased for the housing officer who will fix them.

Every problem names the file, the field, what is wrong and how to fix it,
because the people reading these messages are housing officers, not
developers. Errors stop a load (the previous content stays live); warnings,
such as an article past its review date, are reported but do not.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from knowledge.content_files import RawContent
from knowledge.entities import ContentSet


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, phrased for the person who will fix it."""

    file: str
    field: str
    message: str
    fix: str
    severity: str = "error"  # "error" stops a load; "warning" does not

    def __str__(self) -> str:
        where = f"{self.file}" + (f" [{self.field}]" if self.field else "")
        return f"{self.severity.upper()}: {where}: {self.message}. Fix: {self.fix}"


@dataclass
class ValidationResult:
    content: ContentSet | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors and self.content is not None


class Report:
    """Collects the problems found while reading one edition of the content."""

    def __init__(self, raw: RawContent):
        self.raw = raw
        self.problems: list[Problem] = []

    def error(self, path: Path, field: str, message: str, fix: str) -> None:
        self.problems.append(Problem(self.raw.relative(path), field, message, fix))

    def warn(self, path: Path, field: str, message: str, fix: str) -> None:
        self.problems.append(Problem(self.raw.relative(path), field, message, fix, "warning"))

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)
