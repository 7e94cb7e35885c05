"""SQLite triggers that forget stored walk states when a leader's calendar changes.

A companion of ``leaderlog.data.walk_states`` (which guards the entries): a stored
state (``metrics_checkpoint``) is the metrics walk after one calendar day, and the walk
now depends on leave, holidays, day swaps and the settings history too. Weekly targets
shrink with the week's days off, so a change dated D can move every day of D's week:
each trigger deletes the states from the first day of D's week on (the organisation's
``week_start`` setting: Monday unless 'sunday') and leaves earlier ones alone.

* ``time_off``: a leader's states from the week of the range's first day (old and new);
* ``leader_settings``: from the week of ``effective_from`` (old and new); not for a
  leader's first row when it only writes down the leader row's settings (migration 0008);
* ``day_swap``: from the week of the swapped day (old and new);
* ``company_day``: every leader's states from the week of the day (a team's company day
  may concern a leader who was in that team then; forgetting more is only slower);
* ``holiday_calendar``: every state (a country change moves every year);
* ``leader.start_date`` and the ``week_start`` setting: all of a leader's / every state.

A migration that rebuilds one of these tables (Alembic batch mode on SQLite) drops its
triggers and must call ``create_triggers`` again afterwards.
"""

from __future__ import annotations

from sqlalchemy import Connection

from leaderlog.data import sqlite_triggers

TABLE = "metrics_checkpoint"
WEEK_START_SETTING = "week_start"

_WEEKDAY = (
    f"CASE WHEN (SELECT value FROM app_setting WHERE key = '{WEEK_START_SETTING}') = 'sunday' "
    "THEN 'weekday 0' ELSE 'weekday 1' END"
)


def _week_of(column: str) -> str:
    """SQL: the first day of the week containing a date column (six days back, then forward)."""
    return f"date({column}, '-6 days', {_WEEKDAY})"


def _forget_leader(row: str, column: str) -> str:
    return (
        f"DELETE FROM {TABLE} WHERE leader_id = {row}.leader_id "
        f"AND day >= {_week_of(f'{row}.{column}')};"
    )


def _forget_everyone(row: str, column: str) -> str:
    return f"DELETE FROM {TABLE} WHERE day >= {_week_of(f'{row}.{column}')};"


# table -> (columns whose update matters, the dated column, per leader or everyone)
_DATED = {
    "time_off": ("leader_id, first_day, last_day", "first_day", _forget_leader),
    "leader_settings": (
        "leader_id, effective_from, team, target_minutes, target_coaching, "
        "target_reinforcement, workdays, cycle_anchor",
        "effective_from",
        _forget_leader,
    ),
    "day_swap": ("leader_id, day, works", "day", _forget_leader),
    "company_day": ("day, team", "day", _forget_everyone),
}


# A leader's first history row that only writes down the leader row's settings (what
# change_settings does before a leader's first change) changes no day of their calendar.
_CHANGES_THE_CALENDAR = {
    "leader_settings": (
        "WHEN EXISTS (SELECT 1 FROM leader_settings s WHERE s.leader_id = NEW.leader_id "
        "AND s.id <> NEW.id) OR NOT EXISTS (SELECT 1 FROM leader l WHERE l.id = NEW.leader_id "
        "AND l.team = NEW.team AND l.workdays = NEW.workdays AND NEW.cycle_anchor IS NULL "
        "AND l.target_minutes = NEW.target_minutes AND l.target_coaching = NEW.target_coaching "
        "AND l.target_reinforcement = NEW.target_reinforcement) "
    )
}


def _trigger_statements(*, before_0008: bool = False) -> dict[str, str]:
    """CREATE TRIGGER statements by trigger name (before_0008: as migration 0006 made them)."""
    statements: dict[str, str] = {}
    for table, (columns, dated, forget) in _DATED.items():
        prefix = f"{TABLE}_forget_{table}"
        when = "" if before_0008 else _CHANGES_THE_CALENDAR.get(table, "")
        statements[f"{prefix}_insert"] = (
            f"CREATE TRIGGER {prefix}_insert AFTER INSERT ON {table} {when}BEGIN "
            f"{forget('NEW', dated)} END"
        )
        statements[f"{prefix}_delete"] = (
            f"CREATE TRIGGER {prefix}_delete AFTER DELETE ON {table} BEGIN "
            f"{forget('OLD', dated)} END"
        )
        statements[f"{prefix}_update"] = (
            f"CREATE TRIGGER {prefix}_update AFTER UPDATE OF {columns} ON {table} BEGIN "
            f"{forget('OLD', dated)} {forget('NEW', dated)} END"
        )
    prefix = f"{TABLE}_forget_holiday_calendar"
    for event, when in (
        ("insert", "AFTER INSERT"),
        ("delete", "AFTER DELETE"),
        ("update", "AFTER UPDATE OF team, country, subdivision"),
    ):
        statements[f"{prefix}_{event}"] = (
            f"CREATE TRIGGER {prefix}_{event} {when} ON holiday_calendar BEGIN "
            f"DELETE FROM {TABLE}; END"
        )
    statements[f"{TABLE}_forget_leader_start"] = (
        f"CREATE TRIGGER {TABLE}_forget_leader_start AFTER UPDATE OF start_date ON leader "
        f"BEGIN DELETE FROM {TABLE} WHERE leader_id = NEW.id; END"
    )
    prefix = f"{TABLE}_forget_week_start"
    for event, when, row in (
        ("insert", "AFTER INSERT", "NEW"),
        ("delete", "AFTER DELETE", "OLD"),
        ("update", "AFTER UPDATE OF value", "NEW"),
    ):
        statements[f"{prefix}_{event}"] = (
            f"CREATE TRIGGER {prefix}_{event} {when} ON app_setting "
            f"WHEN {row}.key = '{WEEK_START_SETTING}' BEGIN DELETE FROM {TABLE}; END"
        )
    return statements


def create_triggers(connection: Connection, *, before_0008: bool = False) -> None:
    """Install the calendar triggers (SQLite; before_0008: as migration 0006 made them)."""
    sqlite_triggers.create(connection, _trigger_statements(before_0008=before_0008))


def first_history_row_triggers(*, before_0008: bool = False) -> dict[str, str]:
    """The triggers migration 0008 changed (so that a leader's first history row that only
    writes down their settings forgets nothing), as they are now or were before it."""
    statements = _trigger_statements(before_0008=before_0008)
    return {name: statements[name] for name in _CHANGES_THE_CALENDAR_TRIGGERS}


def drop_triggers(connection: Connection) -> None:
    sqlite_triggers.drop(connection, _trigger_statements())


_CHANGES_THE_CALENDAR_TRIGGERS = tuple(
    f"{TABLE}_forget_{table}_insert" for table in _CHANGES_THE_CALENDAR
)


def trigger_names() -> tuple[str, ...]:
    return tuple(_trigger_statements())
