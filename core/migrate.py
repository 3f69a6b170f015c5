"""Bring a database to the schema this code expects: Alembic, with the revisions in
migrations/versions/.

    python -m core.migrate            upgrade the configured database (make migrate)
    python -m core.migrate check      exit 1 when the database is behind this code
    python -m core.migrate current    print the database's revision

Tables are made and changed here and nowhere else: no process creates or alters a table on
start-up, so replicas starting together never race over the schema (ADR 0015). `make run`
and the deployment's Job run it before the content load; the content load itself also
upgrades first (knowledge.database.create_schema), so a fresh test database is ready
after one `load()`.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from core.settings import PROJECT_ROOT, Settings
from core.storage import database_url, shared_engine

MIGRATIONS = PROJECT_ROOT / "migrations"
# Alembic's bookkeeping table: one row, the revision the database is at.
VERSION_TABLE = "alembic_version"


def config(migrations: Path = MIGRATIONS) -> Config:
    """Alembic's configuration, from migrations/alembic.ini."""
    cfg = Config(str(migrations / "alembic.ini"))
    cfg.set_main_option("script_location", str(migrations))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the revisions the database has not had yet, in one transaction where the
    database allows (PostgreSQL: all or nothing)."""
    cfg = config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def downgrade(engine: Engine, revision: str) -> None:
    cfg = config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, revision)


def revision_of(engine: Engine) -> str | None:
    """The revision the database is at (None: never migrated)."""
    with engine.connect() as connection:
        return MigrationContext.configure(
            connection, opts={"version_table": VERSION_TABLE}).get_current_revision()


def head() -> str:
    """The newest revision of this code (one line of history: see ADR 0015)."""
    heads = ScriptDirectory.from_config(config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations/ has {len(heads)} heads {heads}: two revisions follow "
                           "the same one. Run `alembic -c migrations/alembic.ini merge heads`.")
    return heads[0]


def is_current(engine: Engine) -> bool:
    return revision_of(engine) == head()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.migrate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", default="upgrade",
                        choices=["upgrade", "check", "current"])
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_environment()
        engine = shared_engine(database_url(settings.database_url))
    except ValueError as exc:  # a setting or DATABASE_URL that cannot be used
        print(f"make migrate: {exc}", file=sys.stderr)
        return 2
    where = engine.url.render_as_string(hide_password=True)
    if args.command == "upgrade":
        before = revision_of(engine)
        upgrade(engine)
        after = revision_of(engine)
        print(f"{where}: at {after}" + ("" if before == after else f" (was {before})"))
        return 0
    if args.command == "current":
        print(revision_of(engine) or "never migrated")
        return 0
    if is_current(engine):
        print(f"{where}: up to date ({head()})")
        return 0
    print(f"{where}: at {revision_of(engine)}, this code needs {head()}: run `make migrate`.",
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
