"""Manage adviser accounts from the command line.

    python -m advice create-supervisor <username> [--name "Full Name"] [--languages en,ur]
    python -m advice create-adviser <username> [--name ...] [--languages ...]

The password is read from ADVISER_PASSWORD if set (for scripted set-up),
otherwise asked for twice without echo. It is stored only as an Argon2id hash.
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys

from advice import advice_engine
from advice.accounts import AccountError, create_adviser
from advice.models import ADVISER, SUPERVISOR
from knowledge.languages import LANGUAGES


def _password() -> str:
    given = os.environ.get("ADVISER_PASSWORD")
    if given:
        return given
    first = getpass.getpass("Password (at least 12 characters): ")
    if getpass.getpass("Same password again: ") != first:
        raise AccountError("The two passwords are different.")
    return first


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m advice", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["create-supervisor", "create-adviser"])
    parser.add_argument("username")
    parser.add_argument("--name", default="")
    parser.add_argument("--languages", default="en",
                        help="language codes the person speaks, comma-separated")
    args = parser.parse_args(argv)
    languages = [c.strip() for c in args.languages.split(",") if c.strip()]
    unknown = [c for c in languages if c not in LANGUAGES]
    if unknown:
        print(f"Unknown language codes: {', '.join(unknown)}. Use: {', '.join(LANGUAGES)}",
              file=sys.stderr)
        return 2
    role = SUPERVISOR if args.command == "create-supervisor" else ADVISER
    try:
        adviser = create_adviser(advice_engine(), args.username, _password(),
                                 display_name=args.name, role=role, languages=languages)
    except AccountError as problem:
        print(problem, file=sys.stderr)
        return 1
    print(f"Created {role} '{adviser.username}'. Log in at http://127.0.0.1:8000/console")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
