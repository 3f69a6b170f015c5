"""`python -m ops.bench.action_turns [--rounds N]`: the action server's own work per
knowledge-question turn, in-process, without Rasa or a network (issue 17).

Each turn is what Rasa asks of the action server for a recognised question: the checks
run on every message (`action_validate_slot_mappings`: crisis, language, adviser), then
`action_answer_question`, both through rasa-sdk's executor as the webhook runs them, on a
fresh SQLite copy of the shipped content. Questions come in several languages and for
several councils (and none), so a cache that leaks between them would show in the tests,
and one that only helps a single question would show here. Reported per turn: CPU ms
(process time, so a busy machine's load does not count) and SQL statements (counted by a
SQLAlchemy listener), for each call and in total, after one warm-up round that loads the
models (ADR 0023's addendum: a first turn costs far more). `--publish` loads the content
again before each measured round (a new edition, as the studio's publish makes), so every
answer is built afresh: the cost of an answer the cache does not hold (ADR 0027).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasa_sdk.executor import ActionExecutor
from sqlalchemy.event import listens_for

from knowledge.database import shared_engine
from knowledge.intents import known_intents
from knowledge.loading import load
from knowledge.validation import validate

# (intent, message, slots before the message): what a resident asks, in which language,
# for which council. The texts are bench inputs, not phrases a resident is sent.
QUESTIONS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("apply_for_housing", "how do I apply for social housing", {"council": "dudley"}),
    ("apply_for_housing", "how do I apply for social housing", {"council": "solihull"}),
    ("apply_for_housing", "how do I apply for a council house", {}),
    ("homeless_tonight", "I have nowhere to stay tonight", {"council": "birmingham"}),
    ("how_bidding_works", "how does bidding for a home work", {"council": "coventry"}),
    ("damp_mould_repairs", "my landlord will not fix the damp and mould",
     {"council": "walsall"}),
    ("apply_for_housing", "jak złożyć wniosek o mieszkanie komunalne",
     {"council": "dudley", "language": "pl"}),
    ("how_bidding_works", "cum funcționează licitarea pentru o locuință",
     {"council": "sandwell", "language": "ro"}),
    ("apply_for_housing", "كيف أقدم طلبا للحصول على سكن اجتماعي",
     {"council": "wolverhampton", "language": "ar"}),
    ("eco4", "can I get help with insulation and heating under ECO4", {"council": "dudley"}),
)
CALLS = ("action_validate_slot_mappings", "action_answer_question")


@dataclass
class Tally:
    """CPU seconds and SQL statements per call, one entry per measured turn."""

    cpu: dict[str, list[float]] = field(default_factory=lambda: {c: [] for c in CALLS})
    queries: dict[str, list[int]] = field(default_factory=lambda: {c: [] for c in CALLS})


def tracker_for(intent: str, text: str, slots: dict[str, Any], number: int) -> dict[str, Any]:
    """Rasa's tracker payload for one message of a conversation already under way."""
    base = {"language": "en", "council": None, "language_locked": False,
            "language_offered": None, "language_question": None, "crisis": None,
            "crisis_also": None, "with_adviser": False, "pending_question": None}
    return {
        "sender_id": f"bench-{number}", "slots": {**base, **slots},
        "latest_message": {"text": text, "intent": {"name": intent, "confidence": 0.99},
                           "entities": [], "intent_ranking": []},
        "events": [{"event": "user", "text": "hello", "timestamp": 1.0}],
        "paused": False, "followup_action": None, "active_loop": {},
        "latest_action_name": "action_listen",
    }


async def one_turn(executor: Any, counter: list[int], question: tuple[str, str, dict[str, Any]],
                   number: int, tally: Tally | None) -> None:
    """Both calls of one turn; the slots the first sets are what the second sees."""
    tracker = tracker_for(*question, number)
    for name in CALLS:
        counter[0] = 0
        start = time.process_time()
        answer = await executor.run({"next_action": name, "sender_id": tracker["sender_id"],
                                     "tracker": tracker, "domain": {}, "version": "3.6.21"})
        spent = time.process_time() - start
        if tally is not None:
            tally.cpu[name].append(spent)
            tally.queries[name].append(counter[0])
        for event in (answer or {}).get("events", []):
            if event.get("event") == "slot":
                tracker["slots"][event["name"]] = event["value"]


def prepared(folder: Path) -> tuple[Any, list[int], Any]:
    """The executor with our actions, on a fresh database holding the shipped content;
    and the counter the SQL listener adds to."""
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'navigator.db'}"
    os.environ.setdefault("NAVIGATOR_TODAY", "2026-12-06")
    os.environ.setdefault("ACTION_SERVER_TOKEN", "bench")
    content_dir = Path(__file__).resolve().parents[2] / "knowledge" / "content"
    content = validate(content_dir, known_intents=known_intents()).content
    assert content is not None, "the shipped content does not validate"
    engine = shared_engine()
    load(content, engine)
    counter = [0]

    @listens_for(engine, "before_cursor_execute")
    def count(*_: Any) -> None:
        counter[0] += 1

    executor = ActionExecutor()
    executor.register_package("actions")  # after DATABASE_URL is set: read on import
    return executor, counter, lambda: load(content, engine, force=True)


def report(tally: Tally) -> str:
    lines = [f"{'call':32} {'CPU ms p50':>10} {'mean':>7} {'queries':>8}"]
    totals = [sum(x) for x in zip(*tally.cpu.values())]
    total_queries = [sum(x) for x in zip(*tally.queries.values())]
    rows = [(c, tally.cpu[c], tally.queries[c]) for c in CALLS]
    for name, cpu, queries in rows + [("turn (both calls)", totals, total_queries)]:
        lines.append(f"{name:32} {statistics.median(cpu) * 1000:10.1f} "
                     f"{statistics.mean(cpu) * 1000:7.1f} {statistics.mean(queries):8.1f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ops.bench.action_turns")
    parser.add_argument("--rounds", type=int, default=5, help="times through the questions")
    parser.add_argument("--publish", action="store_true",
                        help="a new content edition before each round: no answer is cached")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-actions-") as folder:
        executor, counter, publish = prepared(Path(folder))

        async def run() -> Tally:
            for n, question in enumerate(QUESTIONS):  # warm-up: models load on first use
                await one_turn(executor, counter, question, n, None)
            tally = Tally()
            for r in range(args.rounds):
                if args.publish:
                    publish()
                for n, question in enumerate(QUESTIONS):
                    await one_turn(executor, counter, question, 100 * (r + 1) + n, tally)
            return tally

        tally = asyncio.run(run())
    print(f"{args.rounds} rounds x {len(QUESTIONS)} questions, per turn"
          + (", a new edition each round:" if args.publish else ":"))
    print(report(tally))
    return 0


if __name__ == "__main__":
    sys.exit(main())
