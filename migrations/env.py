"""How Alembic reaches the navigator's database: through core/storage.py, like every process.

`python -m core.migrate` (make migrate) hands over an open connection; Alembic's own command
line (writing revisions) gets the database from the settings. On PostgreSQL the migration
holds an advisory lock, so two replicas or a Job started twice migrate one after the other
instead of both creating the same table.
"""
from __future__ import annotations

from alembic import context
from sqlalchemy import text
from sqlalchemy.engine import Connection

from advice.models import AdviceBase
from core.migrate import VERSION_TABLE
from core.settings import Settings
from core.storage import database_url, make_engine
from inbox.models import InboxBase
from insights.models import InsightsBase
from knowledge.database import Base as KnowledgeBase
from studio.models import StudioBase

# The tables the project owns, by the prefix of their names, and the models that describe
# them now (what `alembic revision --autogenerate` compares with). A package that adds
# tables (studio_, insights_) adds its prefix and its metadata here with its first revision.
TABLE_PREFIXES = ("kb_", "advice_", "insights_", "studio_", "inbox_")
OWNED_METADATA = [KnowledgeBase.metadata, AdviceBase.metadata, InsightsBase.metadata,
                  StudioBase.metadata, InboxBase.metadata]
# Rebuilt by every content load (knowledge/search.py), with the tables SQLite keeps for it.
SEARCH_INDEX = "kb_article_search"

# Any number, the same in every process: the key of the advisory lock.
MIGRATION_LOCK = 0x486E4D67  # "HnMg"


def include_name(name: str | None, type_: str, _parents: dict) -> bool:
    """Only the project's own tables: never Rasa's `events`, nor the search index the
    content load rebuilds (kb_search), when comparing with the models."""
    if type_ != "table" or name is None:
        return True
    return name.startswith(TABLE_PREFIXES) and not name.startswith(SEARCH_INDEX)


def run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=OWNED_METADATA,
                      version_table=VERSION_TABLE, include_name=include_name,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                               {"key": MIGRATION_LOCK})
        context.run_migrations()


given = context.config.attributes.get("connection")
if given is not None:
    run(given)
else:
    engine = make_engine(database_url(Settings.from_environment().database_url))
    with engine.connect() as connection:
        run(connection)
    engine.dispose()
