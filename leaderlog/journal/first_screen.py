"""What the window shows first, read with the plain sqlite3 driver before SQLAlchemy is imported.

At start-up the window's leader picker and the Today form need the active leaders and,
for the remembered leader, the team members, the standards, today's day log and
today's entries. This module reads exactly what ``people.list_leaders``,
``people.list_members``, ``people.list_standards``, ``journal.get_day_log`` and
``journal.list_entries`` return for them (a test compares the two), in one read
transaction on a read-only connection, so the form is usable while SQLAlchemy and the
ORM models are still to be loaded. Only a journal at this build's schema revision is
read this way; any other goes the ordinary way (migrations first).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from leaderlog.core import records
from leaderlog.data.sqlite_file import BUSY_TIMEOUT_MS
from leaderlog.data.store import SCHEMA_REVISION
from leaderlog.journal.rows import (
    coaching_record,
    day_log_record,
    leader_record,
    member_record,
    reinforcement_record,
    standard_record,
)


@dataclass(frozen=True)
class FirstScreen:
    """The active leaders and the chosen leader's day, as the Today form shows it."""

    day: dt.date
    leaders: list[records.Leader]
    leader: records.Leader | None
    """the leader whose day was read (None when the journal has no active leader)"""
    members: list[records.TeamMember]
    standards: list[records.Standard]
    day_log: records.DayLog | None
    entries: list[records.Entry]
    """the leader's entries on ``day``, newest first, as journal.list_entries orders them"""


_LEADERS = (
    "SELECT id, uuid, name, team, workdays, target_minutes, target_coaching, "
    "target_reinforcement, archived_at, version FROM leader "
    "WHERE archived_at IS NULL ORDER BY team, name_key"
)
_MEMBERS = (
    "SELECT id, uuid, leader_id, name, archived_at, version FROM team_member "
    "WHERE leader_id = ? AND archived_at IS NULL ORDER BY name_key"
)
_STANDARDS = (
    "SELECT id, uuid, name, description, archived_at, version FROM standard "
    "WHERE archived_at IS NULL ORDER BY name_key"
)
_DAY_LOG = (
    "SELECT id, uuid, leader_id, day, minutes, note, version FROM day_log "
    "WHERE leader_id = ? AND day = ?"
)
_COACHING = (
    "SELECT c.id, c.uuid, c.leader_id, c.day, c.member_id, m.name AS member_name, "
    "c.standard_id, s.name AS standard_name, "
    "c.observation, c.action, c.follow_up_on, c.follow_up_done_on, c.version "
    "FROM coaching_note AS c JOIN team_member AS m ON m.id = c.member_id "
    "LEFT JOIN standard AS s ON s.id = c.standard_id "
    "WHERE c.leader_id = ? AND c.day = ?"
)
_REINFORCEMENTS = (
    "SELECT r.id, r.uuid, r.leader_id, r.day, r.kind, r.member_id, m.name AS member_name, "
    "r.standard_id, s.name AS standard_name, r.description, r.version "
    "FROM reinforcement AS r LEFT JOIN team_member AS m ON m.id = r.member_id "
    "LEFT JOIN standard AS s ON s.id = r.standard_id "
    "WHERE r.leader_id = ? AND r.day = ?"
)


def _named_row(cursor: sqlite3.Cursor, values: tuple[object, ...]) -> SimpleNamespace:
    """A row whose columns are attributes, as journal.rows' builders read them."""
    return SimpleNamespace(**{d[0]: v for d, v in zip(cursor.description, values, strict=True)})


def read_first_screen(
    path: Path, day: dt.date, choose: Callable[[list[records.Leader]], records.Leader | None]
) -> FirstScreen | None:
    """The leaders and ``choose(leaders)``'s day in the journal file at ``path``.

    Returns None when the file is not at this build's schema revision (it must be
    migrated first) or cannot be read this way; the caller then opens it the ordinary
    way, which explains any problem.
    """
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("BEGIN")  # one snapshot for everything the form shows
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None or revision[0] != SCHEMA_REVISION:
            return None
        return _read(connection, day, choose)
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def _read(
    connection: sqlite3.Connection,
    day: dt.date,
    choose: Callable[[list[records.Leader]], records.Leader | None],
) -> FirstScreen:
    connection.row_factory = _named_row
    leaders = [leader_record(row) for row in connection.execute(_LEADERS)]
    leader = choose(leaders)
    if leader is None:
        return FirstScreen(day, leaders, None, [], [], None, [])
    members = [member_record(row) for row in connection.execute(_MEMBERS, (leader.id,))]
    standards = [standard_record(row) for row in connection.execute(_STANDARDS)]
    key = (leader.id, day.isoformat())
    found = connection.execute(_DAY_LOG, key).fetchone()
    day_log = day_log_record(found) if found is not None else None
    entries: list[records.Entry] = [day_log] if day_log is not None else []
    entries.extend(
        coaching_record(row, row.member_name, row.standard_name)
        for row in connection.execute(_COACHING, key)
    )
    entries.extend(
        reinforcement_record(row, row.member_name, row.standard_name)
        for row in connection.execute(_REINFORCEMENTS, key)
    )
    records.sort_newest_first(entries)  # journal.list_entries' order
    return FirstScreen(day, leaders, leader, members, standards, day_log, entries)
