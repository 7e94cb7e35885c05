"""Consistent, verified copies of an SQLite database file."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from leaderlog.errors import DatabaseError

PRIVATE_FILE_MODE = 0o600


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
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
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
        _fsync_dir(destination.parent)
    except sqlite3.Error as exc:
        raise DatabaseError(f"Could not back up {source} to {destination}: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return destination


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
