"""`python -m inbox training`: write the examples editors queued in the studio's inbox into
data/nlu/<language>/inbox.yml, for the next `make train` (which runs this first)."""
from __future__ import annotations

import sys
from pathlib import Path

from core.settings import Settings
from core.storage import database_url
from inbox import inbox_engine
from inbox.training import write_queued


def main(argv: list[str]) -> int:
    if argv != ["training"]:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    settings = Settings.from_environment()
    url = database_url(settings.database_url)
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        print("No database yet: no training examples queued.")
        return 0
    added = write_queued(inbox_engine(url))
    print(f"{added} training example(s) from the studio's inbox written to data/nlu/*/inbox.yml.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
