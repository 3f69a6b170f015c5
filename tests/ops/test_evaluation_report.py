"""The rest of `make eval`: confusion of the worst intents, story counts, and the report.

These run on small made-up results, so they are fast and say exactly what each
piece must do; the real figures come from `make eval` itself.
"""
from __future__ import annotations

import json

import pytest

from ops.evaluation import report as report_module
from ops.evaluation.common import markdown_table, text_table, write_json
from ops.evaluation.crisis import TARGETS
from ops.evaluation.nlu import OTHER, confusion_for, language_report, worst_intents
from ops.evaluation.stories import evaluate_stories, story_names

TRUTH = ["apply"] * 4 + ["bid"] * 4 + ["grant"] * 4
GUESS = ["apply", "apply", "bid", "bid", "bid", "bid", "bid", "apply",
         "grant", "grant", "grant", "eco4"]


def crisis_figures(reached: float, by_danger: float, ordinary_danger: float,
                   ordinary_concern: float, missed: list[str] | None = None) -> dict:
    """One language's figures as ops.evaluation.crisis.language_report writes them."""
    return {"crisis_messages": 60, "ordinary_messages": 120, "reached": reached,
            "reached_danger": by_danger, "ordinary_danger": ordinary_danger,
            "ordinary_concern": ordinary_concern, "recall": reached,
            "false_alarm_rate": round(ordinary_danger + ordinary_concern, 3),
            "targets_met": reached >= 0.97 and by_danger >= 0.9 and ordinary_danger <= 0.02
            and ordinary_concern <= 0.05, "missed": missed or [], "checked_only": [],
            "false_alarms": [], "by_kind": {}, "by_category": {}, "indirect": {}}


def test_worst_intents_come_first_and_perfect_ones_are_left_out():
    worst = worst_intents(TRUTH + ["ok"] * 3, GUESS + ["ok"] * 3)
    assert [w["intent"] for w in worst] == ["apply", "bid", "grant"]
    assert worst[0]["recall"] == 0.5 and worst[0]["examples"] == 4


def test_confusion_rows_are_the_worst_intents_and_columns_what_they_were_taken_for():
    matrix = confusion_for(TRUTH, GUESS, ["apply", "bid"])
    assert matrix["rows"] == ["apply", "bid"]
    assert matrix["columns"] == ["apply", "bid", OTHER]
    assert matrix["counts"] == [[2, 2, 0], [1, 3, 0]]
    wider = confusion_for(TRUTH, GUESS, ["grant"])
    assert wider["columns"] == ["grant", "eco4", OTHER] and wider["counts"] == [[3, 1, 0]]


def test_language_report_lists_the_most_confused_pairs():
    r = language_report(TRUTH, GUESS)
    assert r["accuracy"] == round(8 / 12, 3)
    assert r["confused_pairs"][0] == {"intent": "apply", "predicted": "bid", "count": 2}
    assert r["worst_confusions"][0] == "apply -> bid (2)"


FAILED_STORIES = """version: "3.1"
stories:
- story: change council (./tests/conversations/test_stories.yml)
  steps:
  - intent: inform_council
  - action: action_choose_council  # predicted: action_search_knowledge
"""


def test_story_names_read_rasa_files(tmp_path):
    failed = tmp_path / "failed_test_stories.yml"
    failed.write_text(FAILED_STORIES, encoding="utf-8")
    assert story_names(failed) == ["change council (./tests/conversations/test_stories.yml)"]
    none = tmp_path / "none.yml"
    none.write_text("# None of the test stories failed - all good!", encoding="utf-8")
    assert story_names(none) == []
    assert story_names(tmp_path / "missing.yml") == []


def test_stories_without_a_model_say_so(tmp_path):
    result = evaluate_stories(tmp_path / "out", model=tmp_path / "none.tar.gz")
    assert "run `make train`" in result["error"]


def test_tables_keep_columns_aligned_and_escape_pipes():
    rows = [["language", "figure"], ["en", "0.9"], ["ur", "a | b"]]
    assert text_table(rows).splitlines()[1] == "---------|-------"
    assert "a \\| b" in markdown_table(rows)


@pytest.fixture
def results(tmp_path):
    """A results folder as a full `make eval` leaves it."""
    langs = {"en": (0.9, 0.95, 1.0), "ur": (0.8, 0.85, 0.5)}
    write_json(tmp_path, "intents", {
        "folds": 5, "examples": 24, "seconds": 1.0, "skipped_intents": [],
        "overall_accuracy": 0.85,
        "languages": {lang: {**language_report(TRUTH, GUESS), "accuracy": a, "macro_f1": a}
                      for lang, (a, _, _) in langs.items()}})
    write_json(tmp_path, "language_id", {"languages": {
        lang: {"messages": 50, "accuracy": l_, "by_script": {"native": l_}, "misses": []}
        for lang, (_, l_, _) in langs.items()}})
    write_json(tmp_path, "crisis", {"set": "heldout", "targets": TARGETS, "languages": {
        lang: crisis_figures(reached=0.9, by_danger=0.85, ordinary_danger=0.04,
                             ordinary_concern=0.06, missed=["x"])
        for lang in langs}})
    write_json(tmp_path, "stories", {"stories": 7, "passed": 6, "failed": 1,
                                     "failed_stories": ["change council"],
                                     "action_accuracy": 0.97, "seconds": 20.0,
                                     "details": "results/x/stories"})
    miss = {"language": "ur", "id": "q2", "topic": "retrofit", "question": "eco4?",
            "council": None, "correct": False, "seconds": 0.3, "shown": ["search results"],
            "missing": ["31 March 2026"], "intent": "nlu_fallback", "confidence": 0.2,
            "intent_if_fallback": "eco4", "expected_intents": ["eco4"],
            "cause": "search miss", "error": None, "reply_start": "..."}
    from ops.evaluation.answers import summarise

    rows = [{"language": "en", "id": "q1", "topic": "allocations", "question": "apply?",
             "council": None, "correct": True, "seconds": 0.2, "shown": []}, miss]
    write_json(tmp_path, "answers", summarise(rows, "a fake assistant"))
    return tmp_path


def test_report_has_every_section_table_and_readable_plots(results, capsys):
    path = report_module.write_report(results)
    text = path.read_text(encoding="utf-8")
    for heading in ("## Summary", "## Intents", "### Most confused pairs",
                    "## Language identification", "## Crisis detection",
                    "## Conversation test stories", "## Answer quality", "### Misses"):
        assert heading in text, heading
    assert "| ur | 0.800 | 0.800 | 0.850 | 0.900 | 0.100 | 0/1 (0.00) |" in text
    assert "6 of 7 passed" in text and "change council" in text
    # Crisis: recall by outcome, false alarms by outcome, whether the targets are met.
    assert "| ur | 60 | 0.900 | 0.850 | 120 | 0.040 | 0.060 | not met | 1 |" in text
    assert "| search miss | nlu_fallback 0.20 (best: eco4) | search results |" in text
    for png in ("intents.png", "confusion-en.png", "language_id.png", "crisis.png",
                "answers.png", "answers-grid.png"):
        assert f"]({png})" in text
        assert (results / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    report_module.print_summary(results)
    out = capsys.readouterr().out
    assert "answers correct" in out and "misses by cause: search miss 1" in out


def test_report_shows_only_what_was_measured(tmp_path):
    write_json(tmp_path, "crisis", {"languages": {"en": crisis_figures(1.0, 1.0, 0.0, 0.0)}})
    (tmp_path / "stories.json").write_text(json.dumps({"error": "rasa test core exited 1",
                                                       "output": "boom"}))
    text = report_module.write_report(tmp_path).read_text(encoding="utf-8")
    assert "## Crisis detection" in text and "## Answer quality" not in text
    assert "Not run: rasa test core exited 1" in text
    assert "| en | n/a | n/a | n/a | 1.000 | 0.000 | n/a |" in text
