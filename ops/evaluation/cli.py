"""Command line of `make eval`; see ops/evaluate.py for the usage text."""
from __future__ import annotations

from knowledge.cli import known_intents
from knowledge.validation import validate
from ops.evaluation.answers import evaluate_answers
from ops.evaluation.assistant import running_assistant
from ops.evaluation.common import ROOT, results_dir, text_table, write_json
from ops.evaluation.crisis import REPORTED, evaluate_crisis
from ops.evaluation.language_id import evaluate_language_id
from ops.evaluation.nlu import evaluate_intents
from ops.evaluation.report import answer_rows, print_summary, write_report
from ops.evaluation.answer_sets import REPORTED as REPORTED_ANSWERS
from ops.evaluation.resident_replies import MEASURES, run_replies
from ops.evaluation.stories import evaluate_stories

COMMANDS = ("all", "nlu", "language", "crisis", "stories", "answers", "paraphrase", "scope",
            "first", "replies", "report")


def run_nlu(folder) -> None:
    report = evaluate_intents()
    write_json(folder, "intents", report)
    rows = [["language", "examples", "intent accuracy", "macro-F1", "most confused"]]
    for lang, r in report["languages"].items():
        rows.append([lang, str(r["examples"]), f"{r['accuracy']:.3f}", f"{r['macro_f1']:.3f}",
                     "; ".join(r["worst_confusions"][:2])])
    print(f"Intents: {report['folds']}-fold cross-validation, {report['examples']} examples, "
          f"{report['seconds']}s, overall accuracy {report['overall_accuracy']:.3f}")
    print(text_table(rows) + "\n", flush=True)


def run_language(folder) -> None:
    report = evaluate_language_id()
    write_json(folder, "language_id", report)
    rows = [["language", "messages", "accuracy", "by script"]]
    for lang, r in report["languages"].items():
        rows.append([lang, str(r["messages"]), f"{r['accuracy']:.3f}",
                     ", ".join(f"{s} {v:.2f}" for s, v in r["by_script"].items())])
    print("Language identification on short messages (tests/data/language_id):")
    print(text_table(rows) + "\n", flush=True)


def _option(options: list[str], name: str, default: str) -> str:
    """The value after `name` in the options ("--set eighth"), else the default."""
    return options[options.index(name) + 1] if name in options[:-1] else default


def run_crisis(folder, options: list[str] | None = None) -> None:
    """`crisis [--set dev|tuning|fourth|fifth] [--cv N] [--calibrate] [--show-misses]`: the
    blind set unless told; --cv: out-of-fold figures on the tuning sets
    (ops/evaluation/crisis_cv.py); the missed messages' texts only with --show-misses."""
    options = options or []
    which = _option(options, "--set", REPORTED)
    if "--cv" in options:
        # crisis_cv imports safety, which loads spaCy (about 10 s): only --cv needs it
        from ops.evaluation.crisis_cv import cross_validate

        folds = int(_option(options, "--cv", "5"))
        report = cross_validate(folds)
        write_json(folder, "crisis-tuning-cv", report)
        if "--calibrate" in options:
            print("Classifier thresholds calibrated out of fold (content `thresholds`):")
            for language, limits in report["calibrated"].items():
                print(f"  {language}: {limits}")
        _crisis_table(report["nested"], f"tuning, out of {folds} folds, thresholds "
                      "calibrated on the other folds")
    else:
        report = evaluate_crisis(which)
        write_json(folder, "crisis" if which == REPORTED else f"crisis-{which}", report)
    _crisis_table(report["languages"], report["set"] + " (shipped thresholds)")
    if "--show-misses" not in options:
        # Reading a blind set's misses spends it (ADR 0009): the texts only when asked.
        print("(The messages missed or flagged are not printed: add --show-misses. Reading "
              "them spends a blind set; they are in the JSON beside the report.)\n", flush=True)
        return
    for lang, r in report["languages"].items():
        for label, texts in (("missed", r["missed"]), ("check only", r["checked_only"]),
                             ("false alarms", [f"[{a['kind']}, {a['outcome']}] {a['text']}"
                                               for a in r["false_alarms"]])):
            for text in texts:
                print(f"  {lang} {label}: {text}")
    print(flush=True)


def _crisis_table(languages: dict, title: str) -> None:
    rows = [["language", "crisis", "reached (1 or 2)", "by 1 (numbers)", "ordinary",
             "ordinary: 1", "ordinary: 2", "targets"]]
    for lang, r in languages.items():
        rows.append([lang, str(r["crisis_messages"]), f"{r['reached']:.3f}",
                     f"{r['reached_danger']:.3f}", str(r["ordinary_messages"]),
                     f"{r['ordinary_danger']:.3f}", f"{r['ordinary_concern']:.3f}",
                     "met" if r["targets_met"] else "NOT met"])
    print(f"Crisis detection, {title} (outcome 1: numbers first; "
          "2: 'Are you safe right now?'):")
    print(text_table(rows) + "\n", flush=True)


def run_stories(folder) -> None:
    print("Conversation test stories (rasa test core)...", flush=True)
    report = evaluate_stories(folder / "stories")
    write_json(folder, "stories", report)
    if "error" in report:
        print(f"Conversation test stories not run: {report['error']}\n", flush=True)
    else:
        print(f"Conversation test stories: {report['passed']} of {report['stories']} passed"
              + (f"; failed: {'; '.join(report['failed_stories'])}" if report["failed"] else "")
              + "\n", flush=True)


def run_answers(folder, languages: list[str] | None = None) -> None:
    # tests/ holds the one content date; importing it loads pytest, so only when asked
    from tests.conftest import CONTENT_DATE

    content = validate(today=CONTENT_DATE, known_intents=known_intents()).content
    if content is None:
        raise SystemExit("the shipped content does not validate: run `make content-check`")
    with running_assistant() as assistant:
        print(f"Answer quality: asking {assistant.how}...", flush=True)
        report = evaluate_answers(assistant, content, languages=languages)
    write_json(folder, "answers", report)
    print("Answer quality: every fact in the first reply (text and button titles; the "
          "target), and with its More detail; first-reply length; the council's number or "
          "page in answers about applying, homelessness or eviction that name a council:")
    print(text_table(answer_rows(report)))
    topics = [["topic", "questions", "correct", "share"]]
    for topic, r in report["topics"].items():
        topics.append([topic, str(r["questions"]), str(r["correct"]), f"{r['share']:.2f}"])
    print("\n" + text_table(topics) + "\n", flush=True)


def main(argv: list[str]) -> int:
    what = argv[0] if argv else "all"
    if what not in COMMANDS:
        print(f"Unknown measure '{what}'. Use one of: {', '.join(COMMANDS)}.")
        return 2
    folder = results_dir()
    if what in ("all", "nlu"):
        run_nlu(folder)
    if what in ("all", "language"):
        run_language(folder)
    if what in ("all", "crisis"):
        run_crisis(folder, argv[1:] if what == "crisis" else None)
    if what in ("all", "stories"):
        run_stories(folder)
    if what in ("all", "answers"):
        run_answers(folder, argv[1:] or None)
    if what in ("all", "replies", "paraphrase", "scope", "first"):
        options = argv[1:]
        sets = _option(options, "--set", REPORTED_ANSWERS)
        languages = [o for o in options if o not in ("--set", sets)]
        run_replies(folder, MEASURES if what in ("all", "replies") else (what,),
                    languages or None, sets)
    report = write_report(folder)
    if what in ("all", "report"):
        print("Summary:")
        print_summary(folder)
    print(f"\nReport: {report.relative_to(ROOT)} (plots and JSON beside it)")
    return 0
