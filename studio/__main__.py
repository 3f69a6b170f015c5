"""The studio from a terminal: files in and out, and roles.

    python -m studio export DIR     the published edition as files (knowledge/content layout)
    python -m studio import DIR     files read in as drafts (only the files that differ)
    python -m studio export-phrases [ROOT]   published bot phrases and page words written to
                                    bot/phrases/ and web/interface/ under ROOT (default: this
                                    repository); then `make phrases` and `make train`
    python -m studio grant USERNAME ROLE [LANGUAGE]   editor, reviewer, translator xx, supervisor
    python -m studio revoke USERNAME ROLE [LANGUAGE]

Accounts are the adviser console's: `python -m advice create-supervisor NAME` makes the
first one, and supervisors hold every studio role.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from advice.accounts import AccountError
from core.storage import navigator_engine
from studio.files import ROOT, export_edition, export_phrases, import_folder
from studio.roles import grant, revoke


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m studio", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("export", "import"):
        sub.add_parser(name).add_argument("folder", type=Path)
    sub.add_parser("export-phrases").add_argument("root", type=Path, nargs="?", default=ROOT)
    for name in ("grant", "revoke"):
        p = sub.add_parser(name)
        p.add_argument("username")
        p.add_argument("role")
        p.add_argument("language", nargs="?", default="")
    args = parser.parse_args(argv)
    engine = navigator_engine()
    if args.command == "export":
        print(f"Wrote {export_edition(engine, args.folder)} files of the published edition "
              f"to {args.folder}.")
    elif args.command == "export-phrases":
        changed = export_phrases(engine, args.root)
        print(f"{len(changed)} file(s) written" + (": " + ", ".join(changed) + ". Bot phrases "
              "reach residents after `make phrases` and `make train`." if changed else
              "; the repository already has the published words."))
    elif args.command == "import":
        changed = import_folder(engine, args.folder)
        print(f"{len(changed)} file(s) read in as drafts" + (": " + ", ".join(changed)
                                                           if changed else "; nothing changed."))
    else:
        try:
            (grant if args.command == "grant" else revoke)(engine, args.username, args.role,
                                                           args.language)
        except AccountError as problem:
            print(problem, file=sys.stderr)
            return 1
        print(f"{args.command.title()}ed {args.role} {args.language} for {args.username}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
