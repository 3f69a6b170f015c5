"""results/<date>/report.md: every measure found in the day's folder, as tables and plots.

Built from the JSON files alone, so it can be rebuilt at any time
(`python -m ops.evaluate report`) and shows whichever measures have been run.
"""
from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

from ops.evaluation import plots
from ops.evaluation.answer_sets import paraphrase_folder, scope_folder
from ops.evaluation.common import MODEL, ROOT, markdown_table, read_json, shown_path, text_table
from ops.evaluation.first_messages import FIRST_MESSAGES_DIR
from ops.evaluation.resident_replies import first_message_rows, out_of_scope_rows, paraphrase_rows

MEASURES = ("intents", "language_id", "crisis", "stories", "answers", "paraphrase",
            "out_of_scope", "first_messages")


def _f(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                             capture_output=True, text=True, timeout=10)
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return out.stdout.strip() + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def summary_rows(data: dict[str, dict | None]) -> list[list[str]]:
    """One row per language with the headline figure of every measure run."""
    intents, langid, crisis, answers = (data.get(k) for k in
                                        ("intents", "language_id", "crisis", "answers"))
    paraphrase, scope, first = (data.get(k) for k in
                                ("paraphrase", "out_of_scope", "first_messages"))
    languages: list[str] = []
    for measure in (intents, langid, crisis, answers, paraphrase, scope, first):
        for lang in (measure or {}).get("languages", {}):
            if lang not in languages:
                languages.append(lang)
    rows = [["language", "intent acc", "macro-F1", "lang-id acc", "crisis reached",
             "false alarms", "answers correct", "paraphrase correct",
             "first reply chars (median / 90th)", "out of scope handled / unrelated",
             "first message in language"]]
    for lang in languages:
        i = (intents or {}).get("languages", {}).get(lang, {})
        l_ = (langid or {}).get("languages", {}).get(lang, {})
        c = (crisis or {}).get("languages", {}).get(lang, {})
        a = (answers or {}).get("languages", {}).get(lang, {})
        rows.append([lang, _f(i.get("accuracy")), _f(i.get("macro_f1")), _f(l_.get("accuracy")),
                     _f(c.get("recall")), _f(c.get("false_alarm_rate")),
                     f"{a['correct']}/{a['questions']} ({a['share']:.2f})" if a else "n/a",
                     *_replies_cells(lang, paraphrase, scope, first)])
    return rows


def _replies_cells(lang: str, paraphrase: dict | None, scope: dict | None,
                   first: dict | None) -> list[str]:
    """Issue 15's headline figures for one language, "n/a" where not measured."""
    p = (paraphrase or {}).get("languages", {}).get(lang)
    n = (paraphrase or {}).get("reply_characters", {}).get(lang)
    o = (scope or {}).get("languages", {}).get(lang)
    f = (first or {}).get("languages", {}).get(lang)
    return [_f(p["share"]) if p else "n/a",
            f"{n['median']:g} / {n['p90']:g}" if n and n.get("median") is not None else "n/a",
            f"{_f(o['handled'])} / {_f(o['unrelated_article'])}" if o else "n/a",
            _f(f["share"]) if f else "n/a"]


def answer_rows(report: dict) -> list[list[str]]:
    """One row per language and one for all: the figures issue 15 is judged on."""
    lengths, reach = report.get("reply_characters", {}), report.get("reaches_council", {})
    rows = [["language", "questions", "first reply", "with detail", "right article",
             "median chars", "90th pct chars", "council reached"]]
    languages = [(lang, r["questions"], r["share"], r.get("share_with_detail"),
                  r["right_article"]) for lang, r in report["languages"].items()]
    languages.append(("all", report["questions"], report["share_correct"],
                      report.get("share_with_detail"), None))
    for lang, questions, first, detailed, right in languages:
        n, c = lengths.get(lang, {}), reach.get(lang)
        rows.append([lang, str(questions), _f2(first), _f2(detailed), _f2(right),
                     str(n.get("median", "n/a")), str(n.get("p90", "n/a")),
                     f"{c['reached']}/{c['questions']}" if c else "n/a"])
    return rows


def _f2(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def _intents_section(report: dict, folder: Path) -> list[str]:
    lines = ["## Intents: cross-validation per language", "",
             f"{report['folds']}-fold stratified cross-validation of the production classifier "
             f"(config.yml) on {report['examples']} training examples in "
             f"{report['seconds']} s; overall accuracy {report['overall_accuracy']:.3f}.", ""]
    if report.get("skipped_intents"):
        lines += [f"Intents with fewer examples than folds (not scored): "
                  f"{', '.join(report['skipped_intents'])}.", ""]
    rows = [["language", "examples", "accuracy", "macro-F1", "worst intents (F1)"]]
    for lang, r in report["languages"].items():
        worst = ", ".join(f"{w['intent']} {w['f1']:.2f}" for w in r.get("worst_intents", [])[:3])
        rows.append([lang, str(r["examples"]), _f(r["accuracy"]), _f(r["macro_f1"]), worst])
    scores = plots.intent_scores(report, folder / "intents.png")
    lines += [markdown_table(rows), "", f"![intent scores]({scores.name})", ""]
    lines += ["### Most confused pairs (true intent -> predicted, count)", ""]
    rows = [["language", "most confused pairs"]]
    for lang, r in report["languages"].items():
        pairs = [f"{p['intent']} -> {p['predicted']} ({p['count']})"
                 for p in r.get("confused_pairs") or []] or r.get("worst_confusions") or []
        rows.append([lang, "; ".join(pairs) or "none"])
    lines += [markdown_table(rows), ""]
    lines += ["### The worst intents per language and what they were taken for", ""]
    for lang, r in report["languages"].items():
        if "confusion" not in r:
            continue
        png = plots.confusion(lang, r, folder / f"confusion-{lang}.png")
        if png:
            lines += [f"![{lang} confusion]({png.name})", ""]
    return lines


def _language_id_section(report: dict, folder: Path) -> list[str]:
    rows = [["language", "messages", "accuracy", "by script", "some misses"]]
    for lang, r in report["languages"].items():
        rows.append([lang, str(r["messages"]), _f(r["accuracy"]),
                     ", ".join(f"{s} {v:.2f}" for s, v in r["by_script"].items()),
                     "; ".join(r["misses"][:2])])
    png = plots.language_id(report, folder / "language_id.png")
    return ["## Language identification on short messages", "",
            "Held-out messages in tests/data/language_id/, identified as the assistant does "
            "on every message.", "", markdown_table(rows), "",
            f"![language identification]({png.name})", ""]


def _crisis_section(report: dict, folder: Path) -> list[str]:
    rows = [["language", "crisis msgs", "reached (1 or 2)", "by 1", "ordinary msgs",
             "ordinary: 1", "ordinary: 2", "targets", "missed (count)"]]
    for lang, r in report["languages"].items():
        rows.append([lang, str(r["crisis_messages"]), _f(r["reached"]), _f(r["reached_danger"]),
                     str(r["ordinary_messages"]), _f(r["ordinary_danger"]),
                     _f(r["ordinary_concern"]), "met" if r["targets_met"] else "not met",
                     # a count: the texts would spend a blind set for every reader
                     str(len(r["missed"]))])
    png = plots.crisis(report, folder / "crisis.png")
    t = report.get("targets", {})
    return ["## Crisis detection", "",
            f"The {report.get('set', 'heldout')} sets in tests/data/crisis/ (never tuned on): "
            "crisis messages reached by outcome 1 (numbers first) or 2 (the 'Are you safe "
            "right now?' check), and by 1; ordinary questions given outcome 1 or 2. Targets: "
            f"reached >= {t.get('reached')}, by 1 >= {t.get('reached_danger')}, ordinary 1 <= "
            f"{t.get('ordinary_danger')}, 2 <= {t.get('ordinary_concern')}, and never for place "
            "names, postcodes, greetings, single words and short replies.", "",
            markdown_table(rows), "", f"![crisis detection]({png.name})", ""]


def _stories_section(report: dict) -> list[str]:
    lines = ["## Conversation test stories", ""]
    if "error" in report:
        return lines + [f"Not run: {report['error']}", "", "```",
                        report.get("output", "")[-1500:], "```", ""]
    lines += [f"`rasa test core --stories tests/conversations` against "
              f"models/navigator.tar.gz: **{report['passed']} of {report['stories']} passed**, "
              f"{report['failed']} failed (action accuracy {_f(report['action_accuracy'])}, "
              f"{report['seconds']} s). Rasa's files: {report['details']}/.", ""]
    if report["failed_stories"]:
        lines += ["Failed stories: " + "; ".join(report["failed_stories"]), ""]
    return lines


def _answers_section(report: dict, folder: Path) -> list[str]:
    lines = ["## Answer quality", "",
             f"{report['questions']} held-out resident questions (tests/data/answers/), each "
             "asked in a fresh conversation through the REST channel of "
             f"{report['assistant']}. Correct means every required fact (phone number, "
             "scheme name, date, website) is in the first reply (text and button titles; "
             "'with detail' counts its More detail too, ADR 0022). "
             f"**{report['correct']} of {report['questions']} correct "
             f"({report['share_correct']:.2f})**; median reply time "
             f"{report['median_seconds']} s.", ""]
    lines += ["### By language", "", markdown_table(answer_rows(report)), ""]
    if report.get("correct_without_article"):
        lines += ["Correct on the facts although the article meant to answer was not shown: "
                  + "; ".join(report["correct_without_article"]) + ".", ""]
    by_language = plots.answers_by_language(report, folder / "answers.png")
    lines += [f"![answers by language]({by_language.name})", ""]
    rows = [["topic", "questions", "correct", "share"]]
    for topic, r in report["topics"].items():
        rows.append([topic, str(r["questions"]), str(r["correct"]), _f(r["share"])])
    grid = plots.answers_grid(report, folder / "answers-grid.png")
    lines += ["### By topic (all languages)", "", markdown_table(rows), "",
              f"![answers by language and topic]({grid.name})", ""]
    if report["misses"]:
        causes = ", ".join(f"{c}: {n}" for c, n in report["causes"].items())
        lines += ["### Misses", "", f"Why: {causes}.", ""]
        rows = [["lang", "question", "missing", "why", "model read it as", "shown"]]
        for m in report["misses"]:
            read = f"{m['intent']} {m['confidence']:.2f}"
            if m.get("intent_if_fallback"):
                read += f" (best: {m['intent_if_fallback']})"
            shown = ", ".join(m["shown"]) or (m.get("error") or "nothing recognised")
            asked = (f"[{m['council']}] " if m.get("council") else "") + m["question"]
            rows.append([m["language"], f"{m['id']}: {asked}", "; ".join(m["missing"]),
                         m["cause"], read, shown])
        lines += [markdown_table(rows), ""]
    return lines


def _replies_sections(data: dict[str, dict | None]) -> list[str]:
    """Issue 15's measures, asked through the REST channel (ops/evaluation/resident_replies.py)."""
    lines: list[str] = []
    r = data.get("paraphrase")
    if r:
        lines += ["## Answer quality on the paraphrase sets, and first-reply length", "",
                  f"{r['questions']} held-out paraphrase questions "
                  f"({r.get('asked', shown_path(paraphrase_folder()))}/, written blind) "
                  f"asked of {r['assistant']}; correct = every required fact in "
                  "the first reply (text and button titles; target 0.97), 'with detail' "
                  "counts the answer's More detail too (ADR 0022). Council reached = "
                  "questions about applying, homelessness or eviction that name a council "
                  "whose first reply gives that council's number or page. Length = "
                  "characters of text plus button titles of the first reply, as the REST "
                  "channel returns it (targets: median <= 700, 90th "
                  "percentile <= 1,200; nearest-rank percentile).", "",
                  markdown_table(paraphrase_rows(r)), ""]
    r = data.get("out_of_scope")
    if r:
        lines += ["## Out-of-scope messages", "",
                  f"{r.get('asked', shown_path(scope_folder()))}/, each in a fresh "
                  "conversation. Outcomes "
                  "(ops/evaluation/replies.py, worst first): unrelated article, redirect (a "
                  "scope reply naming who can help), scope, crisis, suggestions, other. "
                  "Targets: scope or redirect >= 0.95, unrelated article 0.", "",
                  markdown_table(out_of_scope_rows(r)), ""]
        failures = [f"{lang} {f}" for lang, x in r["languages"].items() for f in x["failures"]]
        if failures:
            lines += ["Not handled: " + "; ".join(failures) + ".", ""]
    r = data.get("first_messages")
    if r:
        lines += ["## First messages answered in their language", "",
                  f"{r.get('asked', shown_path(FIRST_MESSAGES_DIR))}/, each the first "
                  "message of a fresh "
                  "conversation; the reply's language is that of its own words (a language "
                  "offer set aside). Target >= 0.98; ambiguous messages (any `could_be` "
                  "accepted) are counted apart.", "", markdown_table(first_message_rows(r)), ""]
        misses = [f"{lang}: {m}" for lang, x in r["languages"].items() for m in x["misses"]]
        if misses:
            lines += ["Misses: " + "; ".join(misses) + ".", ""]
    return lines


def write_report(folder: Path) -> Path:
    data = {name: read_json(folder, name) for name in MEASURES}
    model_note = "missing"
    if MODEL.exists():
        model_note = f"trained {datetime.fromtimestamp(MODEL.stat().st_mtime):%Y-%m-%d %H:%M}"
    lines = [f"# Home Navigator evaluation, {folder.name}", "",
             f"Made by `make eval` (python -m ops.evaluate). Commit {_commit()}; "
             f"models/navigator.tar.gz {model_note}. Each measure's data is in the JSON file "
             "of the same name beside this report.", ""]
    ran = {name: d.get("generated_at", "by an earlier version") for name, d in data.items() if d}
    lines += ["Measured: " + ", ".join(f"{n} ({t})" for n, t in ran.items()), "",
              "## Summary", "", markdown_table(summary_rows(data)), ""]
    if data["stories"] and "error" not in data["stories"]:
        s = data["stories"]
        lines += [f"Conversation test stories: {s['passed']} of {s['stories']} passed.", ""]
    if data["intents"]:
        lines += _intents_section(data["intents"], folder)
    if data["language_id"]:
        lines += _language_id_section(data["language_id"], folder)
    if data["crisis"]:
        lines += _crisis_section(data["crisis"], folder)
    if data["stories"]:
        lines += _stories_section(data["stories"])
    if data["answers"]:
        lines += _answers_section(data["answers"], folder)
    lines += _replies_sections(data)
    path = folder / "report.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def print_summary(folder: Path) -> None:
    data = {name: read_json(folder, name) for name in MEASURES}
    print(text_table(summary_rows(data)))
    stories = data.get("stories")
    if stories and "error" not in stories:
        print(f"\nConversation test stories: {stories['passed']} of {stories['stories']} passed")
    answers = data.get("answers")
    if answers:
        print(f"Answer quality: {answers['correct']} of {answers['questions']} correct "
              f"({answers['share_correct']:.2f}); misses by cause: "
              + (", ".join(f"{c} {n}" for c, n in answers["causes"].items()) or "none"))
