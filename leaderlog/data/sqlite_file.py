"""A journal file as SQLite sees it, without SQLAlchemy: header check, connection settings, revision.

The window's start-up reads (leaderlog.journal.first_screen) and the checks before them run
before SQLAlchemy is imported; the engine (leaderlog.data.engine) uses the same
settings on every connection it makes.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from leaderlog.core.errors import DatabaseError

BUSY_TIMEOUT_MS = 5000
SQLITE_HEADER = b"SQLite format 3\x00"


PAGE_CACHE_KIB = 65536


def apply_sqlite_pragmas(dbapi_connection: sqlite3.Connection) -> None:
    """Durable, concurrent-safe settings for one raw SQLite connection (see leaderlog.data.engine)."""
    # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own implicit
    # transaction handling would start them too late and always DEFERRED).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()
        if mode is not None and str(mode[0]).lower() not in ("wal", "memory"):
            raise DatabaseError(
                f"SQLite refused write-ahead logging (journal mode stays {mode[0]!r}); "
                "is the database on a network drive or read-only medium?"
            )
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        # Coaching notes are personal data: overwrite deleted content with zeros so a
        # deleted note does not linger in the file (some SQLite builds default to off).
        cursor.execute("PRAGMA secure_delete = ON")
        # up to 64 MiB of pages kept per connection (SQLite's default: 2 MiB), taken only as
        # pages are read: search as you type reads the same leader's entries, spread over
        # the whole file, at every keystroke (the slowest keystroke on 1.5 million entries:
        # 46 -> 25 ms)
        cursor.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    finally:
        cursor.close()


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that exists but is not an SQLite database, before SQLAlchemy touches it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseError(
            f"{path} is not a LeaderLog database (it is not an SQLite file, or its header is "
            "damaged). It was left untouched. Run `leaderlog check` or restore a backup."
        )


def stamped_revision(path: Path) -> str | None:
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


def file_of_target(target: str) -> Path | None:
    """The SQLite file a plain path target names (as database_url would resolve it); None for a URL."""
    if "://" in target:
        return None
    return Path(target).expanduser().resolve()
