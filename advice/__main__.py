"""Manage adviser accounts from the command line.

    python -m advice create-supervisor <username> [--name "Full Name"] [--languages en,ur]
    python -m advice create-adviser <username> [--name ...] [--languages ...]
                                    [--councils birmingham,sandwell]

An adviser reads the cases of their councils (ids as in knowledge/content/councils.yml),
the cases whose council is not known, and the cases they claimed; an adviser with no
councils sees only the cases with no council. Supervisors read every case.

The password is read from ADVISER_PASSWORD if set (for scripted set-up),
otherwise asked for twice without echo. It is stored only as an Argon2id hash.
"""
from __future__ import annotations

import argparse
import getpass
import sys

from advice import advice_engine
from advice.accounts import AccountError, create_adviser, known_councils
from advice.models import ADVISER, SUPERVISOR
from core.settings import current
from knowledge.languages import LANGUAGES


def _password() -> str:
    given = current().adviser_password
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
    parser.add_argument("--councils", default="",
                        help=f"ids of the councils whose cases the person works on, "
                             f"comma-separated: {', '.join(known_councils())}")
    args = parser.parse_args(argv)
    languages = [c.strip() for c in args.languages.split(",") if c.strip()]
    councils = [c.strip().lower() for c in args.councils.split(",") if c.strip()]
    unknown = [c for c in languages if c not in LANGUAGES]
    if unknown:
        print(f"Unknown language codes: {', '.join(unknown)}. Use: {', '.join(LANGUAGES)}",
              file=sys.stderr)
        return 2
    role = SUPERVISOR if args.command == "create-supervisor" else ADVISER
    try:
        adviser = create_adviser(advice_engine(), args.username, _password(),
                                 display_name=args.name, role=role, languages=languages,
                                 councils=councils)
    except AccountError as problem:
        print(problem, file=sys.stderr)
        return 1
    print(f"Created {role} '{adviser.username}' "
          f"(councils: {', '.join(adviser.council_ids) or 'none'}). "
          f"Log in at http://127.0.0.1:8000/console")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
