"""Stored states of the metrics' daily walk, so a one-leader report reads only its weeks.

The table exists on every dialect (the models and the schema agree); on SQLite triggers
delete the states an edit makes stale (see leaderlog/data/walk_states.py). On PostgreSQL
reports do not use it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from leaderlog.data import walk_states

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "metrics_checkpoint",
        sa.Column(
            "leader_id",
            sa.Integer(),
            sa.ForeignKey(
                "leader.id", name="fk_metrics_checkpoint_leader_id_leader", ondelete="CASCADE"
            ),
            nullable=False,
        ),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("walk_version", sa.Integer(), nullable=False),
        sa.Column("customer", sa.Double(), nullable=False),
        sa.Column("coaching", sa.Double(), nullable=False),
        sa.Column("reinforcement", sa.Double(), nullable=False),
        sa.Column("streak", sa.Integer(), nullable=False),
        sa.Column("longest", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("leader_id", "day", name="pk_metrics_checkpoint"),
        sqlite_with_rowid=False,
    )
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        walk_states.create_triggers(connection, before_0008=True)


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        walk_states.drop_triggers(connection)
    op.drop_table("metrics_checkpoint")
