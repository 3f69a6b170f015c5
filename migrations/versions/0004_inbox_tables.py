"""inbox: what residents asked that the assistant could not answer (issue 18 item 7)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 19:05:00

Written out here, never importing the models: a revision creates the schema as it was when
it was written (docs/adr/0015-settings-storage-and-migrations.md).
"""
from __future__ import annotations

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('inbox_questions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('topic', sa.String(length=40), nullable=False),
    sa.Column('council', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.String(length=16), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('conversation', sa.String(length=16), nullable=False),
    sa.Column('handled_as', sa.String(length=16), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('inbox_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inbox_questions_day'), ['day'], unique=False)

    op.create_table('inbox_training',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('intent', sa.String(length=80), nullable=False),
    sa.Column('added_by', sa.String(length=80), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('written_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    op.drop_table('inbox_training')
    with op.batch_alter_table('inbox_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inbox_questions_day'))
    op.drop_table('inbox_questions')
