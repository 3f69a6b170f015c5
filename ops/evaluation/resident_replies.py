"""`make eval` for issue 15: what residents get back through the REST channel.

    paraphrase  held-out paraphrase questions (tests/data/answers/blind/paraphrase/):
                every required fact present, and the first reply's length (median, 90th pct)
    scope       out-of-scope messages (tests/data/answers/blind/out_of_scope/): scope or
                redirect reply, never an unrelated article
    --set spent the same on the earlier sets (answer_sets.SETS), spent as measures
    first       short first messages (tests/data/language_id/first_messages/): answered
                in their own language

All three ask ONE assistant (the one at RASA_URL, or one private stack started for the
run, ops.evaluation.assistant), so starting it is paid once.
"""
from __future__ import annotations

from pathlib import Path

from knowledge.cli import known_intents
from knowledge.validation import validate
from ops.evaluation.answer_sets import REPORTED, paraphrase_folder, scope_folder
from ops.evaluation.answers import (DOMAIN_DIR, ReplyReader, article_titles, evaluate_answers,
                                    phrase_openings)
from ops.evaluation.assistant import running_assistant
from ops.evaluation.common import shown_path, text_table, write_json
from ops.evaluation.first_messages import (
    FIRST_MESSAGE_SETS, LinguaReader, evaluate_first_messages)
from ops.evaluation.out_of_scope import evaluate_out_of_scope
from ops.evaluation.replies import phrase_languages, scope_openings

MEASURES = ("paraphrase", "scope", "first")
PARAPHRASE_DIR = paraphrase_folder()


def run_replies(folder: Path, measures: tuple[str, ...] = MEASURES,
                languages: list[str] | None = None, sets: str = REPORTED) -> None:
    # tests/ holds the one content date; importing it loads pytest, so only when asked
    from tests.conftest import CONTENT_DATE

    content = validate(today=CONTENT_DATE, known_intents=known_intents()).content
    if content is None:
        raise SystemExit("the shipped content does not validate: run `make content-check`")
    reader = ReplyReader(phrase_openings(), article_titles(content))
    with running_assistant() as assistant:
        print(f"Asking {assistant.how}...", flush=True)
        if "paraphrase" in measures:
            asked = paraphrase_folder(sets)
            report = evaluate_answers(assistant, content, languages=languages, folder=asked)
            report["asked"] = shown_path(asked)  # the report names the folder it asked
            write_json(folder, "paraphrase" if sets == REPORTED else f"paraphrase-{sets}",
                       report)
            print_paraphrase(report)
        if "scope" in measures:
            asked = scope_folder(sets)
            report = evaluate_out_of_scope(assistant, reader, scope_openings(DOMAIN_DIR),
                                           languages, asked)
            report["asked"] = shown_path(asked)
            write_json(folder, "out_of_scope" if sets == REPORTED else f"out_of_scope-{sets}",
                       report)
            print_out_of_scope(report)
        if "first" in measures:
            first = FIRST_MESSAGE_SETS.get(sets, FIRST_MESSAGE_SETS["spent"])
            report = evaluate_first_messages(assistant, reader, phrase_languages(DOMAIN_DIR),
                                             LinguaReader(), languages, first)
            report["asked"] = shown_path(first)
            write_json(folder, "first_messages" if sets == REPORTED else f"first_messages-{sets}",
                       report)
            print_first_messages(report)


def paraphrase_rows(report: dict) -> list[list[str]]:
    """Per language: correct on the first reply (the target) and with its detail, the
    first reply's length, and the council reached where the question names one."""
    rows = [["language", "questions", "correct", "share", "with detail", "right article",
             "first reply median chars", "90th pct chars", "council reached"]]
    lengths, reach = report.get("reply_characters", {}), report.get("reaches_council", {})
    for lang, r in report["languages"].items():
        n, c = lengths.get(lang, {}), reach.get(lang)
        rows.append([lang, str(r["questions"]), str(r["correct"]), f"{r['share']:.3f}",
                     _n(r.get("share_with_detail")), f"{r['right_article']:.2f}",
                     _n(n.get("median")), _n(n.get("p90")), _reached(c)])
    n, c = lengths.get("all", {}), reach.get("all")
    rows.append(["all", str(report["questions"]), str(report["correct"]),
                 f"{report['share_correct']:.3f}", _n(report.get("share_with_detail")), "",
                 _n(n.get("median")), _n(n.get("p90")), _reached(c)])
    return rows


def _reached(counts: dict | None) -> str:
    return f"{counts['reached']}/{counts['questions']}" if counts else "n/a"


def out_of_scope_rows(report: dict) -> list[list[str]]:
    rows = [["language", "messages", "scope or redirect", "unrelated article",
             "redirect where one is named", "outcomes"]]
    for lang, r in report["languages"].items():
        rows.append([lang, str(r["messages"]), f"{r['handled']:.3f}",
                     f"{r['unrelated_article']:.3f}", _n(r["redirect_where_named"]),
                     ", ".join(f"{k} {v}" for k, v in r["outcomes"].items())])
    return rows


def first_message_rows(report: dict) -> list[list[str]]:
    rows = [["language", "messages", "in their language", "share", "by script",
             "ambiguous right", "replied in"]]
    for lang, r in report["languages"].items():
        rows.append([lang, str(r["messages"]), str(r["right"]), f"{r['share']:.3f}",
                     ", ".join(f"{s} {v:.2f}" for s, v in r["by_script"].items()),
                     f"{r['ambiguous_right']}/{r['ambiguous']}",
                     ", ".join(f"{k} {v}" for k, v in r["replied_in"].items())])
    return rows


def _n(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"


def print_paraphrase(report: dict) -> None:
    print("Answer quality on the paraphrase sets, and first-reply length (text plus button "
          "titles):")
    print(text_table(paraphrase_rows(report)) + "\n", flush=True)


def print_out_of_scope(report: dict) -> None:
    print("Out-of-scope messages (targets: scope or redirect >= 0.95, unrelated article 0):")
    print(text_table(out_of_scope_rows(report)) + "\n", flush=True)


def print_first_messages(report: dict) -> None:
    print("Short first messages answered in their language (target >= 0.98):")
    print(text_table(first_message_rows(report)) + "\n", flush=True)
