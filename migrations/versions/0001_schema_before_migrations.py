"""The schema as it was before migrations: the knowledge base and the advice records.

Revision ID: 0001
Revises:
Create Date: 2026-12-06

The tables knowledge/database.py and advice/models.py created at HEAD before Alembic
(commit 914530c), written out here so that this revision keeps making exactly that schema
whatever the models say later.

It also adopts a database made before migrations existed (no alembic_version table):
- tables already there are kept with their rows, missing ones are made;
- advice tables from before the start-up column upgrade get the three columns it added
  (public_id, councils, first_name), and cases without a public id get one;
- knowledge tables missing a column are dropped and made again, as create_schema did:
  they only hold a copy of the content files, which the next `make content-load` refills.
"""
from __future__ import annotations

import secrets
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

KNOWLEDGE = sa.MetaData()
ADVICE = sa.MetaData()

sa.Table(
    'kb_articles', KNOWLEDGE,
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('topic', sa.String(length=40), nullable=False),
    sa.Column('intent', sa.String(length=80), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('next_steps', sa.Text(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('successor_id', sa.String(length=100), nullable=True),
    sa.Column('review_due', sa.Date(), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('needs_adviser', sa.Boolean(), nullable=False),
    sa.Column('unverified_note', sa.Text(), nullable=True),
    sa.Column('questions', sa.Text(), nullable=False),
    sa.Column('version', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.Index('ix_kb_articles_intent', 'intent'),
    sa.Index('ix_kb_articles_topic', 'topic'),
)

sa.Table(
    'kb_contacts', KNOWLEDGE,
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('council', sa.String(length=40), nullable=False),
    sa.Column('service', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('hours', sa.String(length=300), nullable=True),
    sa.Column('website', sa.String(length=500), nullable=True),
    sa.Column('verified', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('source_url', sa.String(length=1000), nullable=False),
    sa.Column('source_title', sa.String(length=500), nullable=True),
    sa.Column('source_ref', sa.String(length=20), nullable=True),
    sa.Column('source_how', sa.String(length=20), nullable=False),
    sa.Column('source_checked_on', sa.Date(), nullable=True),
    sa.Column('source_checked_by', sa.String(length=200), nullable=True),
    sa.Column('source_copy_date', sa.String(length=10), nullable=True),
    sa.Column('source_kind', sa.String(length=20), nullable=False),
    sa.Column('source_publisher', sa.String(length=200), nullable=True),
    sa.Column('source_note', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.Index('ix_kb_contacts_council', 'council'),
)

sa.Table(
    'kb_councils', KNOWLEDGE,
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('website', sa.String(length=500), nullable=False),
    sa.Column('scheme_name', sa.String(length=200), nullable=False),
    sa.Column('scheme_website', sa.String(length=500), nullable=True),
    sa.PrimaryKeyConstraint('id'),
)

sa.Table(
    'kb_editions', KNOWLEDGE,
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('fingerprint', sa.String(length=32), nullable=False),
    sa.Column('loaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('articles', sa.Integer(), nullable=False),
    sa.Column('contacts', sa.Integer(), nullable=False),
    sa.Column('loaded_by', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id'),
)

sa.Table(
    'kb_provisions', KNOWLEDGE,
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('in_force', sa.Date(), nullable=True),
    sa.Column('repealed', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
)

sa.Table(
    'kb_article_contacts', KNOWLEDGE,
    sa.Column('article_id', sa.String(length=100), nullable=False),
    sa.Column('contact_id', sa.String(length=100), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['kb_articles.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['contact_id'], ['kb_contacts.id']),
    sa.PrimaryKeyConstraint('article_id', 'contact_id'),
)

sa.Table(
    'kb_article_councils', KNOWLEDGE,
    sa.Column('article_id', sa.String(length=100), nullable=False),
    sa.Column('council', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['kb_articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'council'),
)

sa.Table(
    'kb_article_law', KNOWLEDGE,
    sa.Column('article_id', sa.String(length=100), nullable=False),
    sa.Column('provision_id', sa.String(length=100), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['kb_articles.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['provision_id'], ['kb_provisions.id']),
    sa.PrimaryKeyConstraint('article_id', 'provision_id'),
)

sa.Table(
    'kb_article_related', KNOWLEDGE,
    sa.Column('article_id', sa.String(length=100), nullable=False),
    sa.Column('related_id', sa.String(length=100), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['kb_articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'related_id'),
)

sa.Table(
    'kb_article_sources', KNOWLEDGE,
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_id', sa.String(length=100), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(length=1000), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=True),
    sa.Column('ref', sa.String(length=20), nullable=True),
    sa.Column('how', sa.String(length=20), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=True),
    sa.Column('checked_by', sa.String(length=200), nullable=True),
    sa.Column('copy_date', sa.String(length=10), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('publisher', sa.String(length=200), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['kb_articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.Index('ix_kb_article_sources_article_id', 'article_id'),
)

sa.Table(
    'kb_article_translations', KNOWLEDGE,
    sa.Column('article_id', sa.String(length=100), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('translates', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('next_steps', sa.Text(), nullable=False),
    sa.Column('questions', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['kb_articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'language'),
)

sa.Table(
    'kb_places', KNOWLEDGE,
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('council_id', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['council_id'], ['kb_councils.id']),
    sa.PrimaryKeyConstraint('id'),
    sa.Index('ix_kb_places_name', 'name'),
)

sa.Table(
    'kb_postcode_districts', KNOWLEDGE,
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('district', sa.String(length=8), nullable=False),
    sa.Column('council_id', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['council_id'], ['kb_councils.id']),
    sa.PrimaryKeyConstraint('id'),
    sa.Index('ix_kb_postcode_districts_district', 'district'),
)

sa.Table(
    'advice_advisers', ADVICE,
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('display_name', sa.String(length=120), nullable=False),
    sa.Column('first_name', sa.String(length=30), nullable=False),
    sa.Column('password_hash', sa.String(length=300), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('languages', sa.String(length=100), nullable=False),
    sa.Column('councils', sa.String(length=400), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('username'),
)

sa.Table(
    'advice_login_failures', ADVICE,
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=True),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.Index('ix_advice_login_failures_address', 'address'),
    sa.Index('ix_advice_login_failures_at', 'at'),
    sa.Index('ix_advice_login_failures_username', 'username'),
)

sa.Table(
    'advice_audit', ADVICE,
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('adviser_id', sa.Integer(), nullable=True),
    sa.Column('username', sa.String(length=80), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('handoff_id', sa.Integer(), nullable=True),
    sa.Column('detail', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['adviser_id'], ['advice_advisers.id']),
    sa.PrimaryKeyConstraint('id'),
    sa.Index('ix_advice_audit_at', 'at'),
)

sa.Table(
    'advice_handoffs', ADVICE,
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('reference', sa.String(length=16), nullable=False),
    sa.Column('conversation_id', sa.String(length=128), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('council', sa.String(length=40), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('urgency', sa.String(length=8), nullable=False),
    sa.Column('urgency_rank', sa.Integer(), nullable=False),
    sa.Column('topic', sa.String(length=80), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('contact_method', sa.String(length=8), nullable=True),
    sa.Column('contact_value', sa.String(length=200), nullable=True),
    sa.Column('best_time', sa.String(length=20), nullable=True),
    sa.Column('interpreter_needed', sa.Boolean(), nullable=True),
    sa.Column('adviser_gender', sa.String(length=20), nullable=True),
    sa.Column('worker_organisation', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_by', sa.Integer(), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['claimed_by'], ['advice_advisers.id']),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('public_id'),
    sa.UniqueConstraint('reference'),
    sa.Index('ix_advice_handoffs_conversation_id', 'conversation_id'),
    sa.Index('ix_advice_handoffs_status', 'status'),
)

sa.Table(
    'advice_sessions', ADVICE,
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('adviser_id', sa.Integer(), nullable=False),
    sa.Column('csrf_token', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['adviser_id'], ['advice_advisers.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash'),
)

sa.Table(
    'advice_deliveries', ADVICE,
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('handoff_id', sa.Integer(), nullable=False),
    sa.Column('idempotency_key', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.String(length=500), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['handoff_id'], ['advice_handoffs.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('idempotency_key'),
)

sa.Table(
    'advice_messages', ADVICE,
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('handoff_id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.String(length=128), nullable=False),
    sa.Column('adviser_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['adviser_id'], ['advice_advisers.id']),
    sa.ForeignKeyConstraint(['handoff_id'], ['advice_handoffs.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.Index('ix_advice_messages_conversation_id', 'conversation_id'),
    sa.Index('ix_advice_messages_handoff_id', 'handoff_id'),
)

# Columns the advice tables gained before migrations, added by start-up code to databases
# older than them: (table, column, type as SQL, what to run after adding it).
LEGACY_ADVICE_COLUMNS = [
    ("advice_handoffs", "public_id", "VARCHAR(32)",
     "CREATE UNIQUE INDEX IF NOT EXISTS ix_advice_handoffs_public_id "
     "ON advice_handoffs (public_id)"),
    ("advice_advisers", "councils", "VARCHAR(400) NOT NULL DEFAULT ''", None),
    ("advice_advisers", "first_name", "VARCHAR(30) NOT NULL DEFAULT ''", None),
]


def upgrade() -> None:
    bind = op.get_bind()
    _knowledge_tables(bind)
    ADVICE.create_all(bind, checkfirst=True)
    _legacy_advice_columns(bind)
    _give_cases_public_ids(bind)


def downgrade() -> None:
    bind = op.get_bind()
    ADVICE.drop_all(bind, checkfirst=True)
    KNOWLEDGE.drop_all(bind, checkfirst=True)


def _knowledge_tables(bind: sa.engine.Connection) -> None:
    existing = sa.inspect(bind)
    for table in KNOWLEDGE.sorted_tables:
        if existing.has_table(table.name):
            have = {c["name"] for c in existing.get_columns(table.name)}
            if not {c.name for c in table.columns} <= have:
                KNOWLEDGE.drop_all(bind, checkfirst=True)
                break
    KNOWLEDGE.create_all(bind, checkfirst=True)


def _legacy_advice_columns(bind: sa.engine.Connection) -> None:
    for table, column, sql_type, then in LEGACY_ADVICE_COLUMNS:
        if column not in {c["name"] for c in sa.inspect(bind).get_columns(table)}:
            bind.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}"))
            if then:
                bind.execute(sa.text(then))


def _give_cases_public_ids(bind: sa.engine.Connection) -> None:
    """Cases opened before public ids existed get one (22 random URL-safe characters)."""
    handoffs = ADVICE.tables["advice_handoffs"]
    missing = bind.execute(sa.select(handoffs.c.id).where(handoffs.c.public_id.is_(None)))
    for (row_id,) in missing.all():
        bind.execute(sa.update(handoffs).where(handoffs.c.id == row_id)
                     .values(public_id=secrets.token_urlsafe(16)))
