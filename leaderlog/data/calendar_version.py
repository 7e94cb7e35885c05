"""A stamp that changes whenever anything a leader's calendar is built from changes (SQLite).

Reports keep the leaders' calendars they built in memory (``reports.calendar_cache``)
and build one again only when this number differs from the one it was built at. On
SQLite, triggers set it to a new random number at every insert, update or delete of the settings
history, time off, day swaps, company days, holiday calendars, the leaders themselves
(their start date and current settings) and the ``week_start`` setting, whichever
program or connection commits the change. The leader's first entry (which can move a
derived start date) is checked by the cache itself. PostgreSQL has the table too (the
models and the schema agree) but no triggers: reports there read calendars every time.

A migration that rebuilds one of these tables (Alembic batch mode on SQLite) drops its
triggers and must call ``create_triggers`` again afterwards.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import Connection

from leaderlog.data import sqlite_triggers

TABLE = "calendar_version"
WEEK_START_SETTING = "week_start"
# random, not n + 1: a journal restored from a copy at the same path never shows the stamp
# of the file it replaced, so nothing built from the old file is mistaken for current
_BUMP = f"UPDATE {TABLE} SET n = random();"
_WATCHED = ("leader_settings", "time_off", "day_swap", "company_day", "holiday_calendar")


def _trigger_statements() -> dict[str, str]:
    """CREATE TRIGGER statements by trigger name."""
    statements: dict[str, str] = {}
    events = (("insert", "AFTER INSERT"), ("update", "AFTER UPDATE"), ("delete", "AFTER DELETE"))
    for table in _WATCHED:
        for event, when in events:
            name = f"{TABLE}_{table}_{event}"
            statements[name] = f"CREATE TRIGGER {name} {when} ON {table} BEGIN {_BUMP} END"
    for event, when in events[1:]:
        name = f"{TABLE}_leader_{event}"
        statements[name] = f"CREATE TRIGGER {name} {when} ON leader BEGIN {_BUMP} END"
    for event, when, row in (
        ("insert", "AFTER INSERT", "NEW"),
        ("update", "AFTER UPDATE", "NEW"),
        ("delete", "AFTER DELETE", "OLD"),
    ):
        name = f"{TABLE}_week_start_{event}"
        statements[name] = (
            f"CREATE TRIGGER {name} {when} ON app_setting "
            f"WHEN {row}.key = '{WEEK_START_SETTING}' BEGIN {_BUMP} END"
        )
    return statements


def create_triggers(connection: Connection) -> None:
    """Install the triggers that change the stamp (SQLite)."""
    sqlite_triggers.create(connection, _trigger_statements())


def drop_triggers(connection: Connection) -> None:
    sqlite_triggers.drop(connection, _trigger_statements())


def trigger_names() -> tuple[str, ...]:
    return tuple(_trigger_statements())


def read(raw: sqlite3.Connection) -> int:
    """The stamp as this connection's snapshot sees it (-1 when the row is missing)."""
    row = raw.execute(f"SELECT n FROM {TABLE}").fetchone()
    return -1 if row is None else int(row[0])
