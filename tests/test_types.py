"""The project's type check (issue 12 §4): mypy over the files and strictness in mypy.ini.

Run in-process from the repository root so the configuration, the package layout and the
cache (var/cache/mypy) are the same as `.venv/bin/mypy` at a developer's prompt; a failure
prints mypy's own report, which names each file, line and error code.
"""
import os
from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parent.parent


def test_the_project_type_checks_cleanly() -> None:
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        report, errors, status = api.run([])
    finally:
        os.chdir(here)
    assert status == 0, f"mypy found type errors:\n{report}{errors}"
    assert "Success: no issues found" in report
