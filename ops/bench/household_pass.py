"""`python -m ops.bench.household_pass [--rounds N] [--every-language]`: what reading a
household costs per message (issue 17, ADR 0017's addendum), in the Rasa process's
HouseholdEntityExtractor.

The reader reads the same messages as ops.bench.crisis_pass (the retired crisis sets and
every training example; never the blind set). Reported: CPU ms per message (process
time) for `HouseholdReader.read`, mean and p95, after one warm-up pass; then each
language's part (its skip test, and its Doc and Matcher where they are built).
`--every-language` builds every language's Doc and runs its Matcher on every message, as
before the skip (understanding/needed_words.py), for the "before" figure.
"""
from __future__ import annotations

import argparse
import contextlib
import time
from unittest import mock

from ops.bench.crisis_pass import _per_message, _summary, bench_messages
from understanding.household import HouseholdReader
from understanding.patterns import LanguagePatterns


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--every-language", action="store_true",
                        help="no skipping: every language's Doc and Matcher on every message")
    args = parser.parse_args(argv)
    start = time.process_time()
    reader = HouseholdReader()
    print(f"built in {time.process_time() - start:.1f} s CPU")
    messages = bench_messages()
    print(f"{len(messages)} messages, {args.rounds} rounds")
    every = mock.patch.object(LanguagePatterns, "doc_if_any", LanguagePatterns.doc)
    with every if args.every_language else contextlib.nullcontext():
        print("read   ", _summary(_per_message(lambda text, _: reader.read(text), messages,
                                               args.rounds)))
        for patterns in reader.languages:
            def one(text: str, _: str, patterns: LanguagePatterns = patterns) -> None:
                doc = patterns.doc_if_any(text)
                if doc is not None:
                    patterns.find(doc)
            print(f"  {patterns.language}   ", _summary(_per_message(one, messages, 1)))


if __name__ == "__main__":
    main()
