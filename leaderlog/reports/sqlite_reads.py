"""SQLite's own connection for the reports' hand-written SQL: one snapshot, errors in plain words.

Building and compiling SQLAlchemy statements costs more than running these reads for
one leader's year, so the SQLite paths of ``reports.reporting`` and
``reports.batch_walk`` run their SQL on the driver's connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import OperationalError

from leaderlog.data.engine import Database, describe_operational_error


@contextmanager
def driver_connection(db: Database) -> Iterator[sqlite3.Connection]:
    """SQLite's own connection from the pool, for hand-written SQL (one leader's reports:
    building SQLAlchemy statements costs more than running them)."""
    with plain_sqlite_errors(db), db.engine.connect() as connection:
        yield connection.connection.driver_connection


@contextmanager
def read_transaction(raw: sqlite3.Connection) -> Iterator[None]:
    """A deferred read transaction on SQLite's own connection: one consistent snapshot."""
    raw.execute("BEGIN")
    try:
        yield
    finally:
        if raw.in_transaction:
            raw.execute("ROLLBACK")


@contextmanager
def plain_sqlite_errors(db: Database) -> Iterator[None]:
    """Errors of SQLite's own connection worded as the Database's read and write errors are."""
    try:
        yield
    except (sqlite3.OperationalError, OperationalError) as exc:
        if isinstance(exc, sqlite3.OperationalError):
            exc = OperationalError(None, None, exc)
        raise describe_operational_error(exc, f"The database {db.display_name}") from exc
