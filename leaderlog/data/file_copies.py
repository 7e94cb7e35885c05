"""Consistent, verified copies of an SQLite database file, and where they live.

Backups of a database file go in a ``backups`` folder beside it (for the default
journal that is AppPaths.backup_dir), named ``<db name>.<UTC stamp>.<reason>.sqlite3``
so the backups of several databases in one folder never mix.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

from leaderlog.core.errors import DatabaseError

PRIVATE_FILE_MODE = 0o600
BACKUP_FOLDER_NAME = "backups"
_STAMP_FORMAT = "%Y%m%dT%H%M%S_%fZ"
_REASON = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def backup_folder(database: Path) -> Path:
    """The folder holding the backups of one database file."""
    return database.parent / BACKUP_FOLDER_NAME


def backup_file(database: Path, reason: str, when: dt.datetime | None = None) -> Path:
    """A new backup's path: the database name, the UTC instant and why it was made."""
    if not _REASON.match(reason):
        raise ValueError(f"backup reason {reason!r} must be lower-case letters, digits and '-'")
    stamp = (when or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime(_STAMP_FORMAT)
    return backup_folder(database) / f"{database.name}.{stamp}.{reason}.sqlite3"


def parse_backup_name(database: Path, candidate: Path) -> tuple[dt.datetime, str] | None:
    """(UTC instant, reason) if ``candidate`` is a backup of ``database``, else None."""
    prefix = database.name + "."
    name = candidate.name
    if not name.startswith(prefix) or not name.endswith(".sqlite3"):
        return None
    stamp, _, reason = name[len(prefix) : -len(".sqlite3")].partition(".")
    if not _REASON.match(reason):
        return None
    try:
        when = dt.datetime.strptime(stamp, _STAMP_FORMAT).replace(tzinfo=dt.UTC)
    except ValueError:
        return None
    return when, reason


def make_private(path: Path) -> None:
    """Restrict a file to its owner on POSIX (coaching notes are personal data)."""
    if os.name == "posix" and path.exists():
        with contextlib.suppress(PermissionError):
            os.chmod(path, PRIVATE_FILE_MODE)


def integrity_problems(path: Path, *, quick: bool = False) -> list[str]:
    """Run SQLite's integrity check read-only; return its complaints (empty when the file is sound)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        return [f"cannot open: {exc}"]
    try:
        pragma = "quick_check" if quick else "integrity_check"
        rows = [str(row[0]) for row in connection.execute(f"PRAGMA {pragma}")]
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        connection.close()
    return [] if rows == ["ok"] else rows


def copy_database(source: Path, destination: Path) -> Path:
    """Copy a live SQLite database with the online backup API, verify the copy, then move it into place.

    The copy is written to a temporary file beside the destination and renamed only
    after ``PRAGMA integrity_check`` passes, so the destination is either absent, the
    old complete file, or the new complete file.
    """
    from leaderlog.core.paths import ensure_private_dir

    ensure_private_dir(destination.parent)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        # private from the first byte, not only after the copy is complete
        os.close(os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_EXCL, PRIVATE_FILE_MODE))
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                # a backup is a single self-contained file: no WAL beside it
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        make_private(partial)
        problems = integrity_problems(partial)
        if problems:
            raise DatabaseError(
                f"The backup of {source} failed its integrity check ({problems[0]}); "
                "the source database may be damaged. Run `leaderlog check`."
            )
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, destination)
        fsync_dir(destination.parent)
    except sqlite3.Error as exc:
        raise DatabaseError(f"Could not back up {source} to {destination}: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return destination


def fsync_dir(directory: Path) -> None:
    """Make a rename or delete in ``directory`` durable (POSIX; a no-op elsewhere)."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def move_aside(database: Path, label: str = "damaged") -> Path:
    """Rename a database (and its -wal/-shm) to ``<name>.<stamp>.<label>``, bytes untouched.

    The write-ahead log keeps its pairing (``<new name>-wal``), so SQLite or a
    recovery tool opening the moved file still sees the last commits.
    """
    stamp = dt.datetime.now(dt.UTC).strftime(_STAMP_FORMAT)
    target = database.with_name(f"{database.name}.{stamp}.{label}")
    for suffix in ("-wal", "-shm"):
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    os.replace(database, target)
    fsync_dir(database.parent)
    return target
