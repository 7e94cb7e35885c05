"""The fair score's calendar: time off, holiday calendars, company days, settings history, day swaps.

Adds ``leader.start_date`` (an explicit start, NULL = derived) and five tables, and
writes one settings-history row per existing leader from their current team, work
pattern and targets, effective from their start (the earlier of the local day they
were added and their first entry), so every existing week is judged as before. No
holiday calendar is set: a migrated journal has no days off until someone adds them.

On SQLite, triggers forget the metrics' stored walk states that a calendar change makes
stale (``leaderlog.data.calendar_triggers``). Downgrade drops the new tables and column;
the leaders keep the settings they had (the history is not folded back).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

from leaderlog.data import calendar_triggers
from leaderlog.data.models import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_LEAVE_KINDS = ("vacation", "sick", "training", "other")


def _tracked() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def _keys(table: str) -> list[sa.Constraint]:
    return [
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        sa.UniqueConstraint("uuid", name=f"uq_{table}_uuid"),
    ]


def _leader_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["leader_id"], ["leader.id"], name=f"fk_{table}_leader_id_leader", ondelete="RESTRICT"
    )


def upgrade() -> None:
    with op.batch_alter_table("leader") as batch:
        batch.add_column(sa.Column("start_date", sa.Date(), nullable=True))

    op.create_table(
        "time_off",
        *_tracked(),
        sa.Column("leader_id", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_keys("time_off"),
        _leader_fk("time_off"),
        sa.CheckConstraint("last_day >= first_day", name="ck_time_off_last_after_first"),
        sa.CheckConstraint(
            "kind IN (" + ", ".join(f"'{k}'" for k in _LEAVE_KINDS) + ")", name="ck_time_off_kind"
        ),
    )
    op.create_index("ix_time_off_leader_id_first_day", "time_off", ["leader_id", "first_day"])

    op.create_table(
        "holiday_calendar",
        *_tracked(),
        sa.Column("team", sa.String(120), nullable=False),
        sa.Column("country", sa.String(3), nullable=False),
        sa.Column("subdivision", sa.String(10), nullable=False),
        *_keys("holiday_calendar"),
        sa.UniqueConstraint("team", name="uq_holiday_calendar_team"),
    )

    op.create_table(
        "company_day",
        *_tracked(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("team", sa.String(120), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        *_keys("company_day"),
        sa.UniqueConstraint("team", "day", name="uq_company_day_team_day"),
        sa.CheckConstraint("source IN ('manual', 'import')", name="ck_company_day_source"),
    )
    op.create_index("ix_company_day_day", "company_day", ["day"])

    op.create_table(
        "leader_settings",
        *_tracked(),
        sa.Column("leader_id", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("team", sa.String(120), nullable=False),
        sa.Column("target_minutes", sa.Integer(), nullable=False),
        sa.Column("target_coaching", sa.Integer(), nullable=False),
        sa.Column("target_reinforcement", sa.Integer(), nullable=False),
        sa.Column("workdays", sa.String(28), nullable=False),
        sa.Column("cycle_anchor", sa.Date(), nullable=True),
        *_keys("leader_settings"),
        _leader_fk("leader_settings"),
        sa.UniqueConstraint(
            "leader_id", "effective_from", name="uq_leader_settings_leader_id_effective_from"
        ),
        sa.CheckConstraint(
            "target_minutes >= 0 AND target_minutes <= 1440",
            name="ck_leader_settings_settings_target_minutes",
        ),
        sa.CheckConstraint(
            "target_coaching >= 0", name="ck_leader_settings_settings_target_coaching"
        ),
        sa.CheckConstraint(
            "target_reinforcement >= 0", name="ck_leader_settings_settings_target_reinforcement"
        ),
        sa.CheckConstraint(
            "(cycle_anchor IS NULL AND length(workdays) = 7) OR "
            "(cycle_anchor IS NOT NULL AND length(workdays) BETWEEN 1 AND 28)",
            name="ck_leader_settings_workdays_length",
        ),
    )

    op.create_table(
        "day_swap",
        *_tracked(),
        sa.Column("leader_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("works", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_keys("day_swap"),
        _leader_fk("day_swap"),
        sa.UniqueConstraint("leader_id", "day", name="uq_day_swap_leader_id_day"),
    )

    _write_first_history_rows()
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        calendar_triggers.create_triggers(connection, before_0008=True)


def _write_first_history_rows() -> None:
    """One settings row per leader: their current values, effective from their start."""
    connection = op.get_bind()
    leader = sa.table(
        "leader",
        sa.column("id", sa.Integer()),
        sa.column("team", sa.String()),
        sa.column("workdays", sa.String()),
        sa.column("target_minutes", sa.Integer()),
        sa.column("target_coaching", sa.Integer()),
        sa.column("target_reinforcement", sa.Integer()),
        sa.column("created_at", UTCDateTime()),
    )
    first_entry: dict[int, dt.date] = {}
    for table in ("day_log", "coaching_note", "reinforcement"):
        entries = sa.table(table, sa.column("leader_id", sa.Integer()), sa.column("day", sa.Date()))
        query = sa.select(entries.c.leader_id, sa.func.min(entries.c.day)).group_by(
            entries.c.leader_id
        )
        for leader_id, day in connection.execute(query):
            if isinstance(day, str):  # SQLite's min() returns the stored text
                day = dt.date.fromisoformat(day)
            if leader_id not in first_entry or day < first_entry[leader_id]:
                first_entry[leader_id] = day
    now = dt.datetime.now(dt.UTC)
    rows = []
    for row in connection.execute(sa.select(leader)):
        start = row.created_at.astimezone().date()
        if row.id in first_entry:
            start = min(start, first_entry[row.id])
        rows.append(
            {
                "uuid": uuid.uuid4(),
                "created_at": now,
                "updated_at": now,
                "version": 1,
                "leader_id": row.id,
                "effective_from": start,
                "team": row.team,
                "target_minutes": row.target_minutes,
                "target_coaching": row.target_coaching,
                "target_reinforcement": row.target_reinforcement,
                "workdays": row.workdays,
                "cycle_anchor": None,
            }
        )
    if rows:
        settings = sa.table(
            "leader_settings",
            sa.column("uuid", sa.Uuid()),
            sa.column("created_at", UTCDateTime()),
            sa.column("updated_at", UTCDateTime()),
            sa.column("version", sa.Integer()),
            sa.column("leader_id", sa.Integer()),
            sa.column("effective_from", sa.Date()),
            sa.column("team", sa.String()),
            sa.column("target_minutes", sa.Integer()),
            sa.column("target_coaching", sa.Integer()),
            sa.column("target_reinforcement", sa.Integer()),
            sa.column("workdays", sa.String()),
            sa.column("cycle_anchor", sa.Date()),
        )
        connection.execute(settings.insert(), rows)


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        calendar_triggers.drop_triggers(connection)
    for table in ("day_swap", "leader_settings", "company_day", "holiday_calendar", "time_off"):
        op.drop_table(table)
    if connection.dialect.name == "sqlite":
        # SQLite >= 3.35 drops a column in place; a batch rebuild of leader would drop
        # the entry triggers of leaderlog.data.walk_states that live on it
        connection.exec_driver_sql("ALTER TABLE leader DROP COLUMN start_date")
    else:
        op.drop_column("leader", "start_date")
