"""Covering indexes for the metrics queries: a leader's days, counts and follow-ups from indexes alone.

A leader's rows are spread over the whole table (entries arrive day by day for every
leader), so reading them through the table costs one page per row; these indexes hold
the few columns the weekly metrics need next to (leader_id, day), in order.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_day_log_leader_id_day_minutes", "day_log", ["leader_id", "day", "minutes"])
    op.drop_index("ix_reinforcement_leader_id_day", table_name="reinforcement")
    op.create_index(
        "ix_reinforcement_leader_id_day_kind", "reinforcement", ["leader_id", "day", "kind"]
    )
    op.drop_index("ix_coaching_note_leader_id_follow_up_on", table_name="coaching_note")
    op.create_index(
        "ix_coaching_note_leader_id_follow_up_on_done",
        "coaching_note",
        ["leader_id", "follow_up_on", "follow_up_done_on"],
    )


def downgrade() -> None:
    op.drop_index("ix_coaching_note_leader_id_follow_up_on_done", table_name="coaching_note")
    op.create_index(
        "ix_coaching_note_leader_id_follow_up_on", "coaching_note", ["leader_id", "follow_up_on"]
    )
    op.drop_index("ix_reinforcement_leader_id_day_kind", table_name="reinforcement")
    op.create_index("ix_reinforcement_leader_id_day", "reinforcement", ["leader_id", "day"])
    op.drop_index("ix_day_log_leader_id_day_minutes", table_name="day_log")
