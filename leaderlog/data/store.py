"""Open a LeaderLog database: resolve the target, check the file, migrate, lock down permissions."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from leaderlog.data.backup import make_private
from leaderlog.data.engine import (
    Database,
    check_sqlite_file,
    database_url,
    describe_operational_error,
    make_engine,
    sqlite_path,
)
from leaderlog.errors import DatabaseError

# The newest migration this build ships. Checked with one cheap query at start-up so
# that Alembic is imported only when there is something to migrate; a test keeps this
# equal to the head of leaderlog/data/migrations.
SCHEMA_REVISION = "0005"


def _stamped_revision(path: Path) -> str | None:
    """The Alembic revision recorded in an SQLite file, read without SQLAlchemy or Alembic."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return row[0] if row else None


def open_database(target: str | os.PathLike[str] | URL, *, migrate: bool = True) -> Database:
    """Open (creating or upgrading if needed) the database at a file path or SQLAlchemy URL.

    Raises DatabaseError with a plain message when the file is not a LeaderLog
    database, is damaged, is from a newer LeaderLog, or cannot be written.
    """
    url = target if isinstance(target, URL) else database_url(target)
    path = sqlite_path(url)
    where = f"The database {path}" if path else "The database server"
    if path is not None:
        try:
            from leaderlog.paths import ensure_private_dir

            ensure_private_dir(path.parent)
        except OSError as exc:
            raise DatabaseError(
                f"Cannot create the folder {path.parent} for the database: {exc.strerror}. "
                "Choose another location with --db or fix the folder's permissions."
            ) from exc
        check_sqlite_file(path)
        if not path.exists():
            # create it private from the first byte; SQLite gives -wal/-shm the same mode
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        if path.exists() and not os.access(path, os.W_OK):
            raise DatabaseError(
                f"{where} is read-only. LeaderLog needs to write to it: fix its permissions "
                "or copy it somewhere writable and open the copy with --db."
            )
    engine = make_engine(url)
    database = Database(url, engine)
    try:
        if migrate and (path is None or _stamped_revision(path) != SCHEMA_REVISION):
            from leaderlog.data.migrate import upgrade_database

            upgrade_database(engine, path)
        if path is not None:
            for suffix in ("", "-wal", "-shm"):
                make_private(path.with_name(path.name + suffix))
    except DBAPIError as exc:
        engine.dispose()
        raise describe_operational_error(exc, where) from exc
    except BaseException:
        engine.dispose()
        raise
    return database
