"""Stored states of the metrics' daily walk (SQLite): a one-leader report resumes from one.

The scores and streaks of a week depend on every day since the leader's first entry, so
a report of the last 52 weeks would otherwise read and walk five years of days. The
table ``metrics_checkpoint`` keeps the walk's state (``metrics.WalkState``) at the end of
each week that has passed; a one-leader report (its weeks, or its day series) starts
from the latest state before its first day and reads only the days from six days before
that state (the 7-day windows).

A stored state is only as good as the entries it was computed from. Triggers keep it
true on every write path (the journal, imports, erasure, sync, bulk inserts): a change
to a leader's entry on day D (insert, delete, or an update of its leader, day, minutes
or kind; for an update the old and the new day and leader) deletes that leader's states
from D on; calendar changes are ``leaderlog.data.calendar_triggers``' (a change to the
leader row's settings deletes all of a leader's states only while they have no
settings history).
The first day of the week plays no part: a state is the walk after a calendar day,
whichever day the weeks start on. Formulas are versioned (``metrics.WALK_VERSION``).

States are written opportunistically after a read (``store``): in a separate short
transaction that never waits for a lock, only if no other connection committed since
the read began (``PRAGMA data_version``), and any failure (read-only file, a writer
holding the lock) just leaves them unwritten. On PostgreSQL the table stays empty and
reports walk from the first entry (see ``leaderlog.reports.reporting``).

A migration that rebuilds an entry table or the leader table (Alembic batch mode on
SQLite) drops its triggers with it and must call ``create_triggers`` again afterwards.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from leaderlog.data import sqlite_triggers
from leaderlog.data.models import CORRECTIVE_KINDS

TABLE = "metrics_checkpoint"

# entry table -> the columns whose change can move a leader's walk
_ENTRY_COLUMNS = {
    "day_log": "leader_id, day, minutes",
    "coaching_note": "leader_id, day",
    "reinforcement": "leader_id, day, kind",
}
_FORGET_FROM = f"DELETE FROM {TABLE} WHERE leader_id = {{row}}.leader_id AND day >= {{row}}.day;"


def _trigger_statements() -> dict[str, str]:
    """CREATE TRIGGER statements by trigger name."""
    statements = {}
    for table, columns in _ENTRY_COLUMNS.items():
        prefix = f"{TABLE}_forget_{table}"
        statements[f"{prefix}_insert"] = (
            f"CREATE TRIGGER {prefix}_insert AFTER INSERT ON {table} BEGIN "
            f"{_FORGET_FROM.format(row='NEW')} END"
        )
        statements[f"{prefix}_delete"] = (
            f"CREATE TRIGGER {prefix}_delete AFTER DELETE ON {table} BEGIN "
            f"{_FORGET_FROM.format(row='OLD')} END"
        )
        statements[f"{prefix}_update"] = (
            f"CREATE TRIGGER {prefix}_update AFTER UPDATE OF {columns} ON {table} BEGIN "
            f"{_FORGET_FROM.format(row='OLD')} {_FORGET_FROM.format(row='NEW')} END"
        )
    return statements


def leader_row_trigger(*, before_0008: bool = False) -> dict[str, str]:
    """The trigger that forgets a leader's states when their leader row's settings change.

    Since the settings history (migration 0006) the leader row only shows today's
    settings, and the history's own triggers forget what a change moves; the leader row
    is the calendar only for a leader without history rows (migration 0008). Before
    0008: every change of the row forgot all of that leader's states.
    """
    if before_0008:
        return {
            f"{TABLE}_forget_leader_targets": (
                f"CREATE TRIGGER {TABLE}_forget_leader_targets AFTER UPDATE OF "
                "workdays, target_minutes, target_coaching, target_reinforcement ON leader "
                f"BEGIN DELETE FROM {TABLE} WHERE leader_id = NEW.id; END"
            )
        }
    name = f"{TABLE}_forget_leader_without_history"
    return {
        name: (
            f"CREATE TRIGGER {name} AFTER UPDATE OF "
            "team, workdays, target_minutes, target_coaching, target_reinforcement ON leader "
            "WHEN NOT EXISTS (SELECT 1 FROM leader_settings WHERE leader_id = NEW.id) "
            f"BEGIN DELETE FROM {TABLE} WHERE leader_id = NEW.id; END"
        )
    }


def create_triggers(connection: Connection, *, before_0008: bool = False) -> None:
    """Install the triggers that delete stored states an edit makes stale (SQLite)."""
    statements = _trigger_statements() | leader_row_trigger(before_0008=before_0008)
    sqlite_triggers.create(connection, statements)


def drop_triggers(connection: Connection) -> None:
    names = (
        *_trigger_statements(),
        *leader_row_trigger(),
        *leader_row_trigger(before_0008=True),
    )
    sqlite_triggers.drop(connection, names)


# ---------------------------------------------------------------- one leader's report

# hand-written SQL on the driver's connection: building and compiling SQLAlchemy
# statements cost more than running these for one leader's year
_LEADER = (
    "SELECT workdays, target_minutes, target_coaching, target_reinforcement, "
    "(SELECT value FROM app_setting WHERE key = ?) FROM leader WHERE id = ?"
)
_LATEST_STATE = (
    f"SELECT day, customer, coaching, reinforcement, streak, longest FROM {TABLE} "
    "WHERE leader_id = ? AND walk_version = ? AND day < ? ORDER BY day DESC LIMIT 1"
)
_LAST_STATE_DAY = (
    f"SELECT day FROM {TABLE} WHERE leader_id = ? AND walk_version = ? ORDER BY day DESC LIMIT 1"
)
# per table one row of comma-separated days (and minutes): a row per day through the
# driver costs several times what SQLite spends finding it. Both aggregates of a query
# see the rows in the same order, and group_concat skips NULLs.
_DAY_LOGS = (
    "SELECT group_concat(day), group_concat(minutes) FROM day_log "
    "WHERE leader_id = ? AND day BETWEEN ? AND ?"
)
_DAY_LOG_ROWS = "SELECT day, minutes FROM day_log WHERE leader_id = ? AND day BETWEEN ? AND ?"
_COACHING = (
    "SELECT group_concat(day) FROM coaching_note WHERE leader_id = ? AND day BETWEEN ? AND ?"
)
_CORRECTIVE = ", ".join(f"'{kind}'" for kind in sorted(CORRECTIVE_KINDS))
_REINFORCEMENTS = (
    f"SELECT group_concat(day), group_concat(CASE WHEN kind IN ({_CORRECTIVE}) THEN day END) "
    "FROM reinforcement WHERE leader_id = ? AND day BETWEEN ? AND ?"
)
_FOLLOW_UPS = (
    "SELECT group_concat(follow_up_on), "
    "group_concat(CASE WHEN follow_up_done_on <= follow_up_on THEN follow_up_on END) "
    "FROM coaching_note WHERE leader_id = ? AND follow_up_on BETWEEN ? AND ?"
)
_STORE = (
    f"INSERT OR REPLACE INTO {TABLE} (leader_id, day, walk_version, customer, coaching, "
    "reinforcement, streak, longest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_EARLIEST = "0001-01-01"

LeaderRow = tuple[str, int, int, int, str | None]
"""workdays mask, the three targets, and the organisation's week-start setting (or None)"""
StateRow = tuple[str, float, float, float, int, int]
"""day (ISO text), customer, coaching and reinforcement scores (0..1), streak, longest"""


def data_version(raw: sqlite3.Connection) -> int:
    """SQLite's counter of commits made by other connections (read it before reading data)."""
    return int(raw.execute("PRAGMA data_version").fetchone()[0])


def leader_settings(raw: sqlite3.Connection, leader_id: int, setting: str) -> LeaderRow | None:
    """One leader's work pattern and targets with an organisation setting, or None if unknown."""
    row = raw.execute(_LEADER, (setting, leader_id)).fetchone()
    return None if row is None else tuple(row)  # type: ignore[return-value]


def first_entry_day(raw: sqlite3.Connection, leader_id: int) -> dt.date | None:
    """The day of the leader's earliest entry of any type, or None."""
    day = first_entry_days(raw, [leader_id]).get(leader_id)
    return None if day is None else dt.date.fromisoformat(day)


def latest_state(
    raw: sqlite3.Connection, leader_id: int, walk_version: int, before: dt.date
) -> tuple[StateRow | None, str | None]:
    """The leader's latest stored state before a day, and the day of their latest state at all."""
    state = raw.execute(_LATEST_STATE, (leader_id, walk_version, before.isoformat())).fetchone()
    last = raw.execute(_LAST_STATE_DAY, (leader_id, walk_version)).fetchone()
    return state, None if last is None else last[0]


def activity(
    raw: sqlite3.Connection, leader_id: int, first: dt.date | None, last: dt.date
) -> list[tuple[dt.date, int | None, int, int, int]]:
    """One leader's (day, minutes, coaching, positive, corrective) per day with entries, by day.

    The same rows as ``queries.daily_activity``, read on SQLite's own connection.
    """
    scope = (leader_id, _EARLIEST if first is None else first.isoformat(), last.isoformat())
    merged: dict[str, list[Any]] = {}
    days, minutes = raw.execute(_DAY_LOGS, scope).fetchone()
    if days:
        try:
            for day, value in zip(days.split(","), minutes.split(","), strict=True):
                merged[day] = [int(value), 0, 0, 0]
        except ValueError:
            # minutes LeaderLog never writes (another program's fractions): as SQLite has them
            merged = {day: [value, 0, 0, 0] for day, value in raw.execute(_DAY_LOG_ROWS, scope)}
    for column, joined in enumerate(
        (
            raw.execute(_COACHING, scope).fetchone()[0],
            *raw.execute(_REINFORCEMENTS, scope).fetchone(),
        ),
        start=1,
    ):
        for day in joined.split(",") if joined else ():
            values = merged.get(day)
            if values is None:
                values = merged[day] = [None, 0, 0, 0]
            values[column] += 1
            if column == 3:  # a corrective one was counted among all reinforcements first
                values[2] -= 1
    parse = dt.date.fromisoformat
    return [
        (parse(day), minutes, coached, positive, corrective)
        for day, (minutes, coached, positive, corrective) in sorted(merged.items())
    ]


def follow_ups(
    raw: sqlite3.Connection, leader_id: int, first: dt.date, last: dt.date
) -> list[tuple[dt.date, int, int]]:
    """One leader's follow-ups due first..last: (due date, 1, 1 if closed on time else 0) each."""
    due, on_time = raw.execute(
        _FOLLOW_UPS, (leader_id, first.isoformat(), last.isoformat())
    ).fetchone()
    if not due:
        return []
    closed: dict[str, int] = {}
    for day in on_time.split(",") if on_time else ():
        closed[day] = closed.get(day, 0) + 1
    counts: dict[str, int] = {}
    for day in due.split(","):
        counts[day] = counts.get(day, 0) + 1
    parse = dt.date.fromisoformat
    return [(parse(day), count, closed.get(day, 0)) for day, count in counts.items()]


# ---------------------------------------------------------------- many leaders' report


def _chosen(leader_ids: Sequence[int]) -> str:
    return f"leader_id IN ({', '.join('?' * len(leader_ids))})"


def common_state_day(
    raw: sqlite3.Connection, leader_ids: Sequence[int], walk_version: int, before: dt.date
) -> dt.date | None:
    """The latest day before a day on which every chosen leader has a stored state, or None.

    A leader's states are every week end of their walk from its first week up to their
    latest (an edit deletes the states from its day on), so leaders walked together
    once share their week ends: a batch of them resumes from one common day.
    """
    row = raw.execute(
        f"SELECT day FROM {TABLE} WHERE {_chosen(leader_ids)} AND walk_version = ? AND day < ? "
        "GROUP BY day HAVING count(*) = ? ORDER BY day DESC LIMIT 1",
        (*leader_ids, walk_version, before.isoformat(), len(leader_ids)),
    ).fetchone()
    return None if row is None else dt.date.fromisoformat(row[0])


def states_on(
    raw: sqlite3.Connection, leader_ids: Sequence[int], walk_version: int, day: dt.date
) -> dict[int, tuple[float, float, float, int, int]]:
    """Per leader id: (customer, coaching, reinforcement, streak, longest) stored for one day."""
    rows = raw.execute(
        f"SELECT leader_id, customer, coaching, reinforcement, streak, longest FROM {TABLE} "
        f"WHERE {_chosen(leader_ids)} AND walk_version = ? AND day = ?",
        (*leader_ids, walk_version, day.isoformat()),
    )
    return {row[0]: row[1:] for row in rows}


def latest_state_days(
    raw: sqlite3.Connection, leader_ids: Sequence[int], walk_version: int
) -> dict[int, str]:
    """Per leader id with stored states: the ISO day of their latest."""
    rows = raw.execute(
        f"SELECT id, (SELECT day FROM {TABLE} WHERE leader_id = leader.id AND walk_version = ? "
        f"ORDER BY day DESC LIMIT 1) FROM leader WHERE id IN ({', '.join('?' * len(leader_ids))})",
        (walk_version, *leader_ids),
    )
    return {leader_id: day for leader_id, day in rows if day is not None}


def first_entry_days(raw: sqlite3.Connection, leader_ids: Sequence[int]) -> dict[int, str]:
    """Per leader id with entries: the ISO day of their earliest entry of any type."""
    rows = raw.execute(
        "SELECT id, min(coalesce((SELECT min(day) FROM day_log WHERE leader_id = leader.id), "
        "'9999'), coalesce((SELECT min(day) FROM coaching_note WHERE leader_id = leader.id), "
        "'9999'), coalesce((SELECT min(day) FROM reinforcement WHERE leader_id = leader.id), "
        f"'9999')) FROM leader WHERE id IN ({', '.join('?' * len(leader_ids))})",
        tuple(leader_ids),
    )
    return {leader_id: day for leader_id, day in rows if day != "9999"}


def store(
    raw: sqlite3.Connection,
    leader_id: int,
    walk_version: int,
    states: Sequence[tuple[dt.date, float, float, float, int, int]],
    read_version: int,
) -> bool:
    """Write walk states computed from a read that began at read_version; False if not written.

    Never waits for a lock and never fails: the states are a cache. They are written
    only when no other connection has committed since the read (so they match the
    database), in a transaction of their own without a sync (losing it loses nothing).
    """
    return store_many(raw, walk_version, {leader_id: states}, read_version)


def store_many(
    raw: sqlite3.Connection,
    walk_version: int,
    states_by_leader: dict[int, Sequence[tuple[dt.date, float, float, float, int, int]]],
    read_version: int,
) -> bool:
    """store for many leaders in one transaction (a batch walk's states)."""
    rows = [
        (leader_id, state[0].isoformat(), walk_version, *state[1:])
        for leader_id, states in states_by_leader.items()
        for state in states
    ]
    if not rows:
        return True
    try:
        timeout = raw.execute("PRAGMA busy_timeout").fetchone()[0]
        synchronous = raw.execute("PRAGMA synchronous").fetchone()[0]
        raw.execute("PRAGMA busy_timeout = 0")
        raw.execute("PRAGMA synchronous = NORMAL")
        try:
            raw.execute("BEGIN IMMEDIATE")
            try:
                if data_version(raw) != read_version:
                    return False
                raw.executemany(_STORE, rows)
                raw.execute("COMMIT")
                return True
            finally:
                if raw.in_transaction:
                    raw.execute("ROLLBACK")
        finally:
            raw.execute(f"PRAGMA synchronous = {int(synchronous)}")
            raw.execute(f"PRAGMA busy_timeout = {int(timeout)}")
    except sqlite3.Error:
        return False
