"""The content tool housing teams use: validate, load, stale, export.

    python -m knowledge validate            check every file; exit 1 on errors
    python -m knowledge load                validate, then replace the live content
    python -m knowledge stale               articles past review or past their end date, and
                                            those touched by a law change within 90 days
    python -m knowledge export --format csv --output articles.csv
    python -m knowledge readability         plain-English scores, hardest first
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Sequence

from knowledge import training_data
from knowledge.content_files import DEFAULT_CONTENT_DIR
from knowledge.database import database_url, make_engine
from knowledge.entities import Article, ContentSet
from knowledge.intents import known_intents
from knowledge.languages import SOURCE_LANGUAGE
from knowledge.loading import load
from knowledge.readability import article_text, measure
from knowledge.validation import ValidationResult, validate
from knowledge.validation.law import LAW_CHANGE_NOTICE_DAYS, coming_changes


def _print_problems(result: ValidationResult, out) -> None:
    for problem in result.problems:
        print(problem, file=out)


def _validated(args: argparse.Namespace) -> ValidationResult:
    return validate(args.content, today=args.today, known_intents=known_intents())


def _valid_content(args: argparse.Namespace, check_intents: bool = False) -> ContentSet | None:
    """The validated content, or None after printing why it is not valid."""
    result = validate(args.content, today=args.today,
                      known_intents=known_intents() if check_intents else None)
    if result.content is None:
        _print_problems(result, sys.stdout)
    return result.content


def load_shipped_content(database: str, today: date) -> None:
    """The shipped content, checked as `make content-load` checks it, into a fresh
    database: for the stacks that `make eval` and `make bench` start on their own."""
    result = validate(DEFAULT_CONTENT_DIR, today=today, known_intents=known_intents())
    if not result.ok or result.content is None:
        raise RuntimeError("the shipped content has errors (run `make content-check`):\n"
                           + "\n".join(str(p) for p in result.errors))
    engine = make_engine(database)
    load(result.content, engine)
    engine.dispose()


def cmd_validate(args: argparse.Namespace) -> int:
    result = _validated(args)
    _print_problems(result, sys.stdout)
    if not result.ok:
        print(f"{len(result.errors)} error(s), {len(result.warnings)} warning(s): "
              "fix the errors before loading.")
        return 1
    content = result.content
    assert content is not None
    print(f"OK: {len(content.articles)} articles, {len(content.translations)} translations, "
          f"{len(content.contacts)} contacts, "
          f"{len(content.councils)} councils, {len(result.warnings)} warning(s).")
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    result = _validated(args)
    _print_problems(result, sys.stdout)
    if not result.ok:
        print("Nothing was loaded: the content that was live before is still live.")
        return 1
    assert result.content is not None
    url = args.database or database_url()
    report = load(result.content, make_engine(url), force=args.force)
    where = make_engine(url).url.render_as_string(hide_password=True)
    if report.changed:
        print(f"Loaded edition {report.fingerprint}: {report.articles} articles, "
              f"{report.contacts} contacts into {where}.")
    else:
        print(f"Edition {report.fingerprint} is already live in {where}; nothing to do.")
    return 0


def stale_report(content: ContentSet, today: date) -> list[str]:
    lines = []
    for a in sorted(content.articles, key=lambda a: a.review_due):
        if a.review_due < today:
            lines.append(f"REVIEW OVERDUE  {a.id}: due {a.review_due} (owner: {a.owner})")
    for a in sorted(content.articles, key=lambda a: a.id):
        if a.has_closed(today):
            lines.append(f"CLOSED          {a.id}: ended {a.valid_until}; "
                         f"residents are sent to '{a.successor}'")
        elif a.valid_until and (a.valid_until - today).days <= 60:
            lines.append(f"CLOSING SOON    {a.id}: ends {a.valid_until}")
    lines.extend(law_change_report(content, today))
    for a in sorted(content.articles, key=lambda a: a.id):
        if a.unverified_note:
            lines.append(f"TO CONFIRM      {a.id}: {a.unverified_note.strip()}")
    for c in sorted(content.contacts, key=lambda c: c.id):
        if not c.verified:
            lines.append(f"UNVERIFIED      contact {c.id}: {c.note}")
    return lines


def law_change_report(content: ContentSet, today: date,
                      days: int = LAW_CHANGE_NOTICE_DAYS) -> list[str]:
    """Every article touched by a law change within `days`: it relies on the provision
    (law:), or says a phrase that the change will make wrong."""
    coming = coming_changes(content.provisions, today, days)
    lines = []
    for p in sorted(content.provisions, key=lambda p: p.id):
        if p.id not in coming:
            continue
        when = ", ".join(str(d) for d in coming[p.id])
        touched = sorted(a.id for a in content.articles
                         if p.id in a.law or _says_any(a, p.phrases(SOURCE_LANGUAGE)))
        lines.append(f"LAW CHANGE      {p.id} on {when}: "
                     + (", ".join(touched) if touched else "no article relies on it"))
    return lines


def _says_any(article: Article, phrases: tuple[str, ...]) -> bool:
    text = " ".join([article.title, article.summary, article.body, *article.next_steps]).casefold()
    return any(phrase.casefold() in text for phrase in phrases)


def cmd_stale(args: argparse.Namespace) -> int:
    content = _valid_content(args)
    if content is None:
        return 1
    lines = stale_report(content, args.today)
    print("\n".join(lines) if lines else "Nothing is stale.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    if args.format == "files":  # the studio's published edition as content files (issue 18)
        # studio is built on knowledge, a layer above: loaded for its two commands only
        from studio.files import main_export
        return main_export(args.output)
    content = _valid_content(args)
    if content is None:
        return 1
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        if args.format == "json":
            json.dump({
                "councils": [asdict(c) for c in content.councils],
                "contacts": [asdict(c) for c in content.contacts],
                "articles": [asdict(a) | {"version": a.version} for a in content.articles],
            }, out, default=str, ensure_ascii=False, indent=2)
        else:
            writer = csv.writer(out)
            writer.writerow(["id", "topic", "intent", "councils", "title", "valid_from",
                             "valid_until", "review_due", "owner", "needs_adviser",
                             "sources", "version"])
            for a in content.articles:
                writer.writerow([a.id, a.topic, a.intent or "", " ".join(a.councils), a.title,
                                 a.valid_from, a.valid_until or "", a.review_due, a.owner,
                                 a.needs_adviser, " ".join(s.url for s in a.sources), a.version])
    finally:
        if args.output:
            out.close()
    return 0


def cmd_readability(args: argparse.Namespace) -> int:
    content = _valid_content(args)
    if content is None:
        return 1
    scores = sorted(((measure(article_text(a)), a) for a in content.articles),
                    key=lambda pair: pair[0].flesch)
    print(f"{'flesch':>6} {'words/sentence':>14}  article")
    for score, article in scores:
        print(f"{score.flesch:6.1f} {score.words_per_sentence:14.1f}  {article.id}")
    everything = measure("\n".join(article_text(a) for a in content.articles))
    print(f"\nAll articles: Flesch reading ease {everything.flesch}, "
          f"{everything.words_per_sentence:.1f} words per sentence, {everything.words} words.")
    return 0


def cmd_versions(args: argparse.Namespace) -> int:
    """The current version of every article's English: translations record it."""
    content = _valid_content(args)
    if content is None:
        return 1
    for a in sorted(content.articles, key=lambda a: a.id):
        print(f"{a.id} {a.version}")
    return 0


def cmd_training_data(args: argparse.Namespace) -> int:
    """Write article questions as training examples (data/nlu/<language>/)."""
    content = _valid_content(args, check_intents=True)
    if content is None:
        return 1
    changed = training_data.write(content)
    print(f"Updated {len(changed)} training-data file(s)." if changed
          else "Training data from articles is up to date.")
    return 0


def _date(value: str) -> date:
    return date.fromisoformat(value)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m knowledge", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", type=Path, default=DEFAULT_CONTENT_DIR,
                        help="content folder (default: knowledge/content)")
    parser.add_argument("--today", type=_date, default=date.today(),
                        help="check as of this date, YYYY-MM-DD (default: today)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check the content files")
    p_load = sub.add_parser("load", help="validate and load into the database")
    p_load.add_argument("--database", help="database URL (default: DATABASE_URL or var/navigator.db)")
    p_load.add_argument("--force", action="store_true", help="reload even if unchanged")
    sub.add_parser("stale", help="list content past review, closed, unverified or "
                                   "touched by a law change within 90 days")
    sub.add_parser("readability", help="plain-English scores for every article")
    sub.add_parser("versions", help="each article's English version, for translators")
    sub.add_parser("training-data", help="write article questions as NLU training examples")
    p_export = sub.add_parser("export", help="export the content for review")
    p_export.add_argument("--format", choices=("csv", "json", "files"), default="csv")
    p_export.add_argument("--output", help="file to write (default: standard output)")
    sub.add_parser("import", help="read content files into the studio as drafts").add_argument(
        "folder", type=Path)
    args = parser.parse_args(argv)
    if args.command == "import":
        # studio is built on knowledge, a layer above: loaded for its two commands only
        from studio.files import main_import
        return main_import(args.folder)
    handler = {"validate": cmd_validate, "load": cmd_load, "stale": cmd_stale,
               "export": cmd_export, "readability": cmd_readability, "versions": cmd_versions, "training-data": cmd_training_data}[args.command]
    return handler(args)
