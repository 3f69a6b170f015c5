"""The migrations: a fresh database, and one made by the code before migrations, both end
at this code's schema with their rows, on SQLite and on PostgreSQL (skipped, with the
reason, when 127.0.0.1:5432 is not reachable)."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text
from sqlalchemy.engine import Engine

from advice import cases
from advice.accounts import create_adviser
from advice.cases import NewRequest
from advice.models import AdviceBase, HandoffRequest
from core.migrate import downgrade, head, revision_of, upgrade
from inbox.models import InboxBase
from insights.models import InsightsBase
from studio.models import StudioBase
from knowledge.database import Base as KnowledgeBase
from tests.conftest import ROOT

FIXTURES = Path(__file__).parent / "fixtures"
MOMENT = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)


def differences(engine: Engine) -> list:
    """What Alembic would still change to make the database match the models (the
    project's tables only: Rasa's `events` and the search index are not ours)."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        found = compare_metadata(context, [KnowledgeBase.metadata, AdviceBase.metadata,
                                           InsightsBase.metadata, StudioBase.metadata,
                                           InboxBase.metadata])
    return [d for d in found if not (d[0] == "remove_table" and
                                     not d[1].name.startswith(("kb_", "advice_", "insights_", "studio_",
                                                             "inbox_")))]


def schema_before_migrations(engine: Engine) -> None:
    """The tables exactly as create_schema made them at the last commit before Alembic."""
    sql = (FIXTURES / f"schema_before_migrations.{engine.dialect.name}.sql").read_text()
    sql = "\n".join(line for line in sql.splitlines() if not line.startswith("--"))
    with engine.begin() as connection:
        for statement in filter(None, (s.strip() for s in sql.split(";"))):
            connection.execute(text(statement))


def a_case_and_an_edition(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO advice_handoffs (public_id, reference, conversation_id, channel, "
            "language, urgency, urgency_rank, summary, status, created_at, updated_at) VALUES "
            "('AAAAAAAAAAAAAAAAAAAAAA', 'HN-KEPT22', 'conv-kept', 'live_chat', 'ur', 'normal', "
            "2, 'Asked about: bidding.', 'waiting', :at, :at)"), {"at": MOMENT})
        connection.execute(text(
            "INSERT INTO kb_editions (fingerprint, loaded_at, articles, contacts) "
            "VALUES ('f' , :at, 3, 4)"), {"at": MOMENT})


def test_a_fresh_database_gets_exactly_the_models_schema(bare_any_engine):
    assert revision_of(bare_any_engine) is None
    upgrade(bare_any_engine)
    assert revision_of(bare_any_engine) == head()
    assert differences(bare_any_engine) == []


def test_a_database_from_before_migrations_keeps_its_rows_and_reaches_the_models_schema(
        bare_any_engine):
    schema_before_migrations(bare_any_engine)
    a_case_and_an_edition(bare_any_engine)
    upgrade(bare_any_engine)
    upgrade(bare_any_engine)  # and again, as the next release's Job would: nothing to do
    assert revision_of(bare_any_engine) == head()
    assert differences(bare_any_engine) == []
    kept = cases.open_request_for(bare_any_engine, "conv-kept")
    assert (kept.reference, kept.public_id, kept.language) == (
        "HN-KEPT22", "AAAAAAAAAAAAAAAAAAAAAA", "ur")
    with bare_any_engine.connect() as connection:
        assert connection.execute(text("SELECT articles FROM kb_editions")).scalar_one() == 3
    # and the code of this commit works on it
    assert create_adviser(bare_any_engine, "bea", "correct horse battery").council_ids == []
    assert cases.PUBLIC_ID.fullmatch(cases.open_request(bare_any_engine, NewRequest(
        conversation_id="conv-new", channel="callback", language="en", urgency="normal",
        summary="Asked about: repairs.")).public_id)


def test_advice_tables_older_than_the_start_up_column_upgrade_get_its_columns(bare_any_engine):
    """Databases from before public ids, adviser councils and first names (which start-up
    code used to add) get them, and each old case a public id."""
    schema_before_migrations(bare_any_engine)
    key = "SERIAL PRIMARY KEY" if bare_any_engine.dialect.name == "postgresql" else \
        "INTEGER PRIMARY KEY"
    with bare_any_engine.begin() as connection:
        for table in ("advice_deliveries", "advice_messages", "advice_sessions",
                      "advice_audit", "advice_handoffs", "advice_advisers"):
            connection.execute(text(f"DROP TABLE {table}"))
        connection.execute(text(
            f"CREATE TABLE advice_advisers (id {key}, username VARCHAR(80) "
            "NOT NULL UNIQUE, display_name VARCHAR(120) NOT NULL, password_hash VARCHAR(300) "
            "NOT NULL, role VARCHAR(16) NOT NULL, languages VARCHAR(100) NOT NULL, "
            "active BOOLEAN NOT NULL, failed_logins INTEGER NOT NULL, locked_until TIMESTAMP, "
            "created_at TIMESTAMP NOT NULL)"))
        connection.execute(text(
            f"CREATE TABLE advice_handoffs (id {key}, reference VARCHAR(16) NOT "
            "NULL UNIQUE, conversation_id VARCHAR(128) NOT NULL, channel VARCHAR(16) NOT NULL, "
            "council VARCHAR(40), language VARCHAR(8) NOT NULL, urgency VARCHAR(8) NOT NULL, "
            "urgency_rank INTEGER NOT NULL, topic VARCHAR(80), summary TEXT NOT NULL, "
            "status VARCHAR(20) NOT NULL, contact_method VARCHAR(8), contact_value "
            "VARCHAR(200), best_time VARCHAR(20), interpreter_needed BOOLEAN, adviser_gender "
            "VARCHAR(20), worker_organisation VARCHAR(200), created_at TIMESTAMP NOT NULL, "
            "updated_at TIMESTAMP NOT NULL, claimed_by INTEGER REFERENCES advice_advisers(id),"
            " claimed_at TIMESTAMP, closed_at TIMESTAMP)"))
        connection.execute(text(
            "INSERT INTO advice_handoffs (reference, conversation_id, channel, language, "
            "urgency, urgency_rank, summary, status, created_at, updated_at) VALUES ("
            "'HN-OLD111', 'conv-old', 'live_chat', 'en', 'normal', 2, 's', 'waiting', :at, "
            ":at)"), {"at": MOMENT})
    upgrade(bare_any_engine)
    columns = {t: {c["name"] for c in inspect(bare_any_engine).get_columns(t)}
               for t in ("advice_handoffs", "advice_advisers")}
    assert "public_id" in columns["advice_handoffs"]
    assert {"councils", "first_name"} <= columns["advice_advisers"]
    with bare_any_engine.connect() as connection:
        [public_id] = connection.scalars(select(HandoffRequest.public_id)).all()
    assert cases.PUBLIC_ID.fullmatch(public_id)
    assert create_adviser(bare_any_engine, "bea", "correct horse battery").first_name == ""


def test_knowledge_tables_missing_a_column_are_made_again(bare_sqlite_engine):
    """They hold only a copy of the content files (the next load refills them)."""
    with bare_sqlite_engine.begin() as connection:
        connection.execute(text("CREATE TABLE kb_councils (id VARCHAR(40) PRIMARY KEY, "
                                "name VARCHAR(200) NOT NULL)"))
        connection.execute(text("INSERT INTO kb_councils VALUES ('dudley', 'Dudley')"))
    upgrade(bare_sqlite_engine)
    assert differences(bare_sqlite_engine) == []
    with bare_sqlite_engine.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM kb_councils")).scalar_one() == 0


def test_downgrade_removes_only_the_projects_tables(bare_sqlite_engine):
    with bare_sqlite_engine.begin() as connection:
        connection.execute(text("CREATE TABLE events (id INTEGER PRIMARY KEY)"))  # Rasa's
    upgrade(bare_sqlite_engine)
    downgrade(bare_sqlite_engine, "base")
    assert revision_of(bare_sqlite_engine) is None
    assert set(inspect(bare_sqlite_engine).get_table_names()) == {"events", "alembic_version"}


def test_revision_0004_adds_the_inbox_to_a_studio_database_and_takes_it_away(bare_any_engine):
    """A database at 0003 (the studio) with a studio role in it gets the inbox's tables and
    keeps its rows; going back to 0003 removes only the inbox's tables."""
    upgrade(bare_any_engine, "0003")
    with bare_any_engine.begin() as connection:
        connection.execute(text("INSERT INTO studio_roles (adviser_id, role, language) "
                                "VALUES (7, 'editor', '')"))
    assert not inspect(bare_any_engine).has_table("inbox_questions")
    upgrade(bare_any_engine)
    assert revision_of(bare_any_engine) == head() and differences(bare_any_engine) == []
    tables = set(inspect(bare_any_engine).get_table_names())
    assert {"inbox_questions", "inbox_training", "studio_roles"} <= tables
    with bare_any_engine.connect() as connection:
        assert connection.execute(text("SELECT role FROM studio_roles")).scalar_one() == "editor"
    downgrade(bare_any_engine, "0003")
    tables = set(inspect(bare_any_engine).get_table_names())
    assert "inbox_questions" not in tables and "studio_roles" in tables


def test_make_migrate_upgrades_the_configured_database_and_check_says_when_behind(tmp_path):
    database = tmp_path / "navigator.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "PYTHONPATH": str(ROOT)}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "core.migrate", *args], env=env,
                              cwd=ROOT, capture_output=True, text=True, timeout=120)

    behind = run("check")
    assert behind.returncode == 1 and "run `make migrate`" in behind.stderr
    done = run()
    assert done.returncode == 0, done.stderr
    assert f"at {head()} (was None)" in done.stdout
    assert run("check").returncode == 0
    assert run("current").stdout.strip() == head()
