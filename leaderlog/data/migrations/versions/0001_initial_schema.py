"""Initial schema: leaders, team members, standards, day logs, coaching notes, reinforcements.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "leader",
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("name_key", sa.String(length=120), nullable=False),
        sa.Column("team", sa.String(length=120), nullable=False),
        sa.Column("workdays", sa.String(length=7), nullable=False),
        sa.Column("target_minutes", sa.Integer(), nullable=False),
        sa.Column("target_coaching", sa.Integer(), nullable=False),
        sa.Column("target_reinforcement", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("target_coaching >= 0", name=op.f("ck_leader_target_coaching")),
        sa.CheckConstraint(
            "target_minutes >= 0 AND target_minutes <= 1440", name=op.f("ck_leader_target_minutes")
        ),
        sa.CheckConstraint(
            "target_reinforcement >= 0", name=op.f("ck_leader_target_reinforcement")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leader")),
        sa.UniqueConstraint("name_key", name=op.f("uq_leader_name_key")),
        sa.UniqueConstraint("uuid", name=op.f("uq_leader_uuid")),
    )
    with op.batch_alter_table("leader", schema=None) as batch_op:
        batch_op.create_index("ix_leader_team", ["team"], unique=False)

    op.create_table(
        "standard",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standard")),
        sa.UniqueConstraint("name_key", name=op.f("uq_standard_name_key")),
        sa.UniqueConstraint("uuid", name=op.f("uq_standard_uuid")),
    )
    op.create_table(
        "day_log",
        sa.Column("leader_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("minutes >= 0 AND minutes <= 1440", name=op.f("ck_day_log_minutes")),
        sa.ForeignKeyConstraint(
            ["leader_id"],
            ["leader.id"],
            name=op.f("fk_day_log_leader_id_leader"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_day_log")),
        sa.UniqueConstraint("leader_id", "day", name=op.f("uq_day_log_leader_id_day")),
        sa.UniqueConstraint("uuid", name=op.f("uq_day_log_uuid")),
    )
    op.create_table(
        "team_member",
        sa.Column("leader_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("name_key", sa.String(length=120), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["leader_id"],
            ["leader.id"],
            name=op.f("fk_team_member_leader_id_leader"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_member")),
        sa.UniqueConstraint(
            "leader_id", "name_key", name=op.f("uq_team_member_leader_id_name_key")
        ),
        sa.UniqueConstraint("uuid", name=op.f("uq_team_member_uuid")),
    )
    op.create_table(
        "coaching_note",
        sa.Column("leader_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("standard_id", sa.Integer(), nullable=True),
        sa.Column("observation", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("follow_up_done_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "follow_up_on IS NULL OR follow_up_on >= day",
            name=op.f("ck_coaching_note_follow_up_after_day"),
        ),
        sa.ForeignKeyConstraint(
            ["leader_id"],
            ["leader.id"],
            name=op.f("fk_coaching_note_leader_id_leader"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["team_member.id"],
            name=op.f("fk_coaching_note_member_id_team_member"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["standard_id"],
            ["standard.id"],
            name=op.f("fk_coaching_note_standard_id_standard"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coaching_note")),
        sa.UniqueConstraint("uuid", name=op.f("uq_coaching_note_uuid")),
    )
    with op.batch_alter_table("coaching_note", schema=None) as batch_op:
        batch_op.create_index("ix_coaching_note_leader_id_day", ["leader_id", "day"], unique=False)
        batch_op.create_index(
            "ix_coaching_note_leader_id_follow_up_on", ["leader_id", "follow_up_on"], unique=False
        )
        batch_op.create_index("ix_coaching_note_member_id", ["member_id"], unique=False)

    op.create_table(
        "reinforcement",
        sa.Column("leader_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("standard_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('recognition', 'praise', 'customer_compliment', 'corrective_feedback', 'training', 'team_celebration')",
            name=op.f("ck_reinforcement_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["leader_id"],
            ["leader.id"],
            name=op.f("fk_reinforcement_leader_id_leader"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["team_member.id"],
            name=op.f("fk_reinforcement_member_id_team_member"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["standard_id"],
            ["standard.id"],
            name=op.f("fk_reinforcement_standard_id_standard"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reinforcement")),
        sa.UniqueConstraint("uuid", name=op.f("uq_reinforcement_uuid")),
    )
    with op.batch_alter_table("reinforcement", schema=None) as batch_op:
        batch_op.create_index("ix_reinforcement_leader_id_day", ["leader_id", "day"], unique=False)
        batch_op.create_index("ix_reinforcement_member_id", ["member_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("reinforcement", schema=None) as batch_op:
        batch_op.drop_index("ix_reinforcement_member_id")
        batch_op.drop_index("ix_reinforcement_leader_id_day")

    op.drop_table("reinforcement")
    with op.batch_alter_table("coaching_note", schema=None) as batch_op:
        batch_op.drop_index("ix_coaching_note_member_id")
        batch_op.drop_index("ix_coaching_note_leader_id_follow_up_on")
        batch_op.drop_index("ix_coaching_note_leader_id_day")

    op.drop_table("coaching_note")
    op.drop_table("team_member")
    op.drop_table("day_log")
    op.drop_table("standard")
    with op.batch_alter_table("leader", schema=None) as batch_op:
        batch_op.drop_index("ix_leader_team")

    op.drop_table("leader")
