"""python -m insights: the roll-up, by hand or from cron.

    python -m insights rollup                 every finished day not rolled up yet, and the
                                              last 14 days again (also run before each purge)
    python -m insights rebuild 2026-11-10     count one day again from its records
    python -m insights sample --month 2026-11 a generated month (tests, screenshots only)
"""
from __future__ import annotations

import argparse
import sys
from datetime import date

from core.settings import Settings
from core.storage import conversations_engine, navigator_engine
from insights.rollup import RebuildRefused, rebuild_day, roll_up_pending
from insights.sample import generate_month


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m insights")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("rollup")
    rebuild = sub.add_parser("rebuild")
    rebuild.add_argument("day", type=date.fromisoformat)
    sample = sub.add_parser("sample")
    sample.add_argument("--month", required=True, type=lambda t: date.fromisoformat(t + "-01"))
    args = parser.parse_args(argv)
    settings = Settings.from_environment()
    navigator = navigator_engine(settings)
    conversations = conversations_engine(settings)
    if args.command == "rollup":
        days = roll_up_pending(navigator, conversations, retention_days=settings.retention_days)
        print(f"Rolled up {len(days)} days.")
    elif args.command == "rebuild":
        try:
            print(f"{args.day}: {rebuild_day(navigator, conversations, args.day, retention_days=settings.retention_days)} conversations counted.")
        except RebuildRefused as refused:
            print(refused, file=sys.stderr)
            return 1
    else:
        print(f"Generated {generate_month(navigator, conversations, args.month)} conversations.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
