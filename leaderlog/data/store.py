"""Open a LeaderLog database: resolve the target, check the file, migrate, lock down permissions.

This module imports SQLAlchemy only inside open_database(): the window checks the
schema revision and reads its first screen before SQLAlchemy is loaded, and opens
the journal later through a DeferredDatabase.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from leaderlog.core.errors import DatabaseError
from leaderlog.data.sqlite_file import check_sqlite_file, stamped_revision

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

    from leaderlog.data.engine import Database

# The newest migration this build ships. Checked with one cheap query at start-up so
# that Alembic is imported only when there is something to migrate; a test keeps this
# equal to the head of leaderlog/data/migrations.
SCHEMA_REVISION = "0008"


def open_database(target: str | os.PathLike[str] | URL, *, migrate: bool = True) -> Database:
    """Open (creating or upgrading if needed) the database at a file path or SQLAlchemy URL.

    Raises DatabaseError with a plain message when the file is not a LeaderLog
    database, is damaged, is from a newer LeaderLog, or cannot be written.
    """
    from sqlalchemy.engine import URL
    from sqlalchemy.exc import DBAPIError

    from leaderlog.data.engine import (
        Database,
        database_url,
        describe_operational_error,
        make_engine,
        sqlite_path,
    )
    from leaderlog.data.file_copies import make_private

    url = target if isinstance(target, URL) else database_url(target)
    path = sqlite_path(url)
    where = f"The database {path}" if path else "The database server"
    if path is not None:
        try:
            from leaderlog.core.paths import ensure_private_dir

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
        if migrate and (path is None or stamped_revision(path) != SCHEMA_REVISION):
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


def needs_migration(path: Path) -> bool:
    """Whether an existing SQLite journal is not at this build's schema revision (one cheap read)."""
    return stamped_revision(path) != SCHEMA_REVISION


class DeferredDatabase:
    """A checked journal file whose Database (and SQLAlchemy) is opened on first use.

    At start-up the window is filled from plain sqlite3 reads while SQLAlchemy is not yet
    imported; this stands in for the Database meanwhile. ``open()`` opens it (the app
    does so right after the filled window is painted); any attribute other than the
    file's own (``path``, ``is_sqlite``, ``display_name``) opens it first, so a save
    made before then still goes through open_database() (revision check, migration)
    before it writes.
    """

    is_sqlite = True

    def __init__(self, path: Path) -> None:
        self.path = path
        self.display_name = str(path)
        self._database: Database | None = None
        self._opening = threading.Lock()

    @property
    def is_open(self) -> bool:
        """Whether the Database behind it has been opened."""
        return self._database is not None

    def open(self) -> Database:
        """The Database, opened through open_database() the first time."""
        with self._opening:
            if self._database is None:
                self._database = open_database(self.path)
            return self._database

    def dispose(self) -> None:
        """Release the engine if it was opened; nothing to do otherwise."""
        if self._database is not None:
            self._database.dispose()

    def __getattr__(self, name: str) -> Any:
        # only reached for what the class does not define: the Database's own attributes
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.open(), name)
