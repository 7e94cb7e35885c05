"""A stamp of calendar changes, so reports can keep the calendars they built.

Adds the one-row table ``calendar_version`` (n: a random stamp). On SQLite, triggers give
it a new random value whenever the settings history, time off, day swaps, company days,
holiday calendars, a leader or the ``week_start`` setting change
(``leaderlog.data.calendar_version``).
Downgrade drops the triggers and the table; nothing else changes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

from leaderlog.data import calendar_version

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        calendar_version.TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{calendar_version.TABLE}"),
    )
    op.bulk_insert(table, [{"id": 1, "n": secrets.randbits(31)}])  # fits a 32-bit integer
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        calendar_version.create_triggers(connection)


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        calendar_version.drop_triggers(connection)
    op.drop_table(calendar_version.TABLE)
