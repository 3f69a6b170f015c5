"""The Rasa project itself: data validation and conversation test stories on the trained model."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
RASA = str(Path(sys.executable).parent / "rasa")
MODEL = ROOT / "models" / "navigator.tar.gz"


def rasa(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([RASA, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"})


def test_data_validates_without_warnings():
    result = rasa("data", "validate", "--domain", "bot/domain", "--data", "data",
                  "--config", "config.yml", "--fail-on-warnings")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    # Rasa does not fail on responses that no story uses; ours are used by the actions,
    # so check that every one of them really is, instead of ignoring the warning.
    output = result.stdout + result.stderr
    unused = set(re.findall(r"The utterance '(\w+)' is not used in any story or rule", output))
    # Our code that sends responses: the actions, and the REST channel's own replies
    # (bot/assistant_unavailable.py, when the action server cannot answer).
    action_code = "\n".join(p.read_text() for folder in ("actions", "bot")
                             for p in (ROOT / folder).glob("*.py"))
    # A form asks for each of its slots with the response utter_ask_<slot>.
    domain = yaml.safe_load((ROOT / "bot" / "domain" / "conversation.yml").read_text())
    asked_by_forms = {f"utter_ask_{slot}" for form in (domain.get("forms") or {}).values()
                      for slot in form.get("required_slots") or []}
    unreferenced = {u for u in unused if f'"{u}"' not in action_code} - asked_by_forms
    assert not unreferenced, f"responses nothing uses: {sorted(unreferenced)}"
    other = [line for line in output.splitlines()
             if "UserWarning" in line and "is not used in any story or rule" not in line]
    assert not other, other


def test_conversation_stories_pass_on_the_trained_model(tmp_path):
    if not MODEL.exists():
        pytest.fail("no trained model: run `make test`, which trains it first")
    result = rasa("test", "core", "--model", str(MODEL), "--stories",
                  "tests/conversations/test_stories.yml", "--fail-on-prediction-errors",
                  "--out", str(tmp_path / "results"))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
