"""`python -m ops.bench.crisis_pass [--rounds N] [--record PATH]`: what the crisis pattern
pass costs per message (issue 17, ADR 0027's crisis check).

A patterns-only detector (no classifier: its cost is measured apart) reads every message
of the retired crisis sets (dev, seen, heldout, fresh, fourth to ninth; never the
blind tenth, which nobody may read) and every training example in data/nlu, each in the
language it is written in. Reported: CPU ms per message (process time, so a busy
machine's load does not count) for `Patterns.find`, `read` and `assess`, mean and p95,
after one warm-up pass. `--record` writes every message's Assessment to a JSON file, so
two versions of the matching can be compared outside the tests.
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Callable

import yaml

from knowledge.training_data import read_examples
from safety.assessment import Detector
from safety.classifier import LEARNT_SETS
from safety.content import load_content, place_names
from safety.words import words_of

ROOT = Path(__file__).resolve().parent.parent.parent
# The sets the classifier learns from (the retired and the spent ones), never the blind
# one (tests/data/crisis/README.md).
CRISIS_SETS = LEARNT_SETS


def crisis_messages(root: Path = ROOT) -> list[tuple[str, str]]:
    """(text, language) of every crisis and ordinary message in the retired sets."""
    messages: list[tuple[str, str]] = []
    for name in CRISIS_SETS:
        for path in sorted((root / "tests" / "data" / "crisis" / name).glob("*.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            for item in data.get("crisis", []) + data.get("ordinary", []):
                messages.append((str(item["text"]), data["language"]))
    return messages


def bench_messages(root: Path = ROOT) -> list[tuple[str, str]]:
    """The crisis sets' messages, then every training example (what residents usually
    send: the pass must be cheap on ordinary questions above all)."""
    nlu = [(e.text, e.language) for e in read_examples(root / "data" / "nlu")]
    return crisis_messages(root) + nlu


def _per_message(run: Callable[[str, str], object], messages: list[tuple[str, str]],
                 rounds: int) -> list[float]:
    """CPU ms of each call, over `rounds` passes after a warm-up pass."""
    for text, language in messages:
        run(text, language)
    times: list[float] = []
    for _ in range(rounds):
        for text, language in messages:
            start = time.process_time_ns()
            run(text, language)
            times.append((time.process_time_ns() - start) / 1e6)
    return times


def _summary(times: list[float]) -> str:
    p95 = statistics.quantiles(times, n=20)[-1]
    return f"mean {statistics.fmean(times):.3f} ms, p95 {p95:.3f} ms"


def record(detector: Detector, messages: list[tuple[str, str]], path: Path) -> None:
    """Every message's Assessment, as JSON, in the order of `messages`."""
    rows = [[text, language, *_as_row(detector.assess(text, language))]
            for text, language in messages]
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")


def _as_row(a: object) -> list:
    return [getattr(a, "outcome"), list(getattr(a, "categories")), getattr(a, "reason")]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--record", type=Path, help="write every Assessment to this JSON")
    args = parser.parse_args(argv)
    start = time.process_time()
    detector = Detector(load_content(), place_names(), classifier=None)
    print(f"built in {time.process_time() - start:.1f} s CPU")
    messages = bench_messages()
    print(f"{len(messages)} messages ({len(crisis_messages())} from the crisis sets), "
          f"{args.rounds} rounds")
    if args.record:
        record(detector, messages, args.record)
        print(f"recorded to {args.record}")
    words = {text: words_of(text) for text, _ in messages}
    print("find   ", _summary(_per_message(
        lambda text, _: detector.patterns.find(words[text]), messages, args.rounds)))
    print("read   ", _summary(_per_message(detector.read, messages, args.rounds)))
    print("assess ", _summary(_per_message(detector.assess, messages, args.rounds)))


if __name__ == "__main__":
    main()
