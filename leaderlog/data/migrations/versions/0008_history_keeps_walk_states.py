"""Stored walk states survive a leader's settings change before the day it applies from.

Since the settings history (0006) a leader's calendar comes from their history rows;
the leader row only shows today's settings. Two SQLite triggers from before still
forgot every stored state of a leader (``metrics_checkpoint``) on a settings change,
which left the figures right but made the next report walk the whole record again:

* the leader row's settings changing (0005's ``metrics_checkpoint_forget_leader_targets``)
  now forgets them only for a leader without history rows
  (``metrics_checkpoint_forget_leader_without_history``, which also watches the team);
* a leader's first history row that only writes down the leader row's settings (what a
  first change does before its own row) no longer forgets from its day on.

Schema and rows are unchanged. Downgrade restores both triggers as they were.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08
"""

from __future__ import annotations

from alembic import op

from leaderlog.data import calendar_triggers, sqlite_triggers, walk_states

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _replace(old: dict[str, str], new: dict[str, str]) -> None:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return  # PostgreSQL keeps no walk states
    sqlite_triggers.drop(connection, tuple(old))
    sqlite_triggers.create(connection, new)


def upgrade() -> None:
    _replace(
        walk_states.leader_row_trigger(before_0008=True)
        | calendar_triggers.first_history_row_triggers(before_0008=True),
        walk_states.leader_row_trigger() | calendar_triggers.first_history_row_triggers(),
    )


def downgrade() -> None:
    _replace(
        walk_states.leader_row_trigger() | calendar_triggers.first_history_row_triggers(),
        walk_states.leader_row_trigger(before_0008=True)
        | calendar_triggers.first_history_row_triggers(before_0008=True),
    )
