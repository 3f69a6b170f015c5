"""Language identification on short real-life messages, per language (held-out sets in
tests/data/language_id, never used for training). The target is 0.95 for every language;
`python -m ops.evaluate language` prints the figures."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actions.language_id import identifier, script_of

SETS = sorted((Path(__file__).resolve().parents[1] / "data" / "language_id").glob("*.yml"))


@pytest.mark.parametrize("path", SETS, ids=[p.stem for p in SETS])
def test_short_messages_are_identified(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    results = [identifier().identify(m["text"]).language == data["language"]
               for m in data["messages"]]
    assert len(results) >= 40
    accuracy = sum(results) / len(results)
    assert accuracy >= 0.95, f"{data['language']}: {accuracy:.2f}"


@pytest.mark.parametrize("text, script", [
    ("أنا ساكن في Handsworth", "arabic"), ("main Handsworth mein rehta hoon", "latin"),
    ("ਮੈਂ Tipton ਵਿੱਚ ਰਹਿੰਦਾ ਹਾਂ", "gurmukhi"), ("আমি Bilston থাকি", "bengali"),
    ("123 !!", None),
])
def test_script_of_mixed_messages(text, script):
    assert script_of(text) == script


def test_shahmukhi_punjabi_is_recognised():
    found = identifier().identify("مینوں گھر دی لوڑ اے، کونسل نوں کیویں دساں")
    assert found.language == "pa" and found.shahmukhi
