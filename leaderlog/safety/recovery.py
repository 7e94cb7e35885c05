"""Start-up health check of a journal file, and the way back from a damaged one.

A damaged or unreadable journal is never written to: it is renamed aside
(``<name>.<stamp>.damaged``, with its -wal), the user is told plainly, and the
newest backup that passes ``integrity_check`` is offered with its date and what
restoring it would lose. The app and the CLI open journals through open_journal().
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from leaderlog.core.errors import DatabaseBusyError, DatabaseError
from leaderlog.data.file_copies import integrity_problems, move_aside
from leaderlog.data.sqlite_file import SQLITE_HEADER, check_sqlite_file
from leaderlog.safety.backups import BackupInfo, RestoreOutcome, list_backups, restore_backup

if TYPE_CHECKING:  # the window checks a journal before SQLAlchemy is imported
    from sqlalchemy.engine import URL

    from leaderlog.data.engine import Database

_NOT_DAMAGE = ("locked", "busy", "unable to open", "permission", "readonly", "read-only")
# Up to this size the start-up check is SQLite's quick_check (about 0.1 s at 32 MB);
# a bigger journal gets the structural checks at start and quick_check in the background.
QUICK_CHECK_MAX_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class DamageReport:
    """A damaged journal that was moved aside, and the backup that could replace it."""

    database: Path
    moved_to: Path
    problems: tuple[str, ...]
    offer: BackupInfo | None
    """the newest backup that passes its integrity check, if any"""
    entries_not_in_backup: int | None
    """entries in the damaged file that the offered backup lacks; None if it cannot be read"""

    def describe(self) -> str:
        """What happened and what the user can do, in plain words."""
        lines = [
            f"The journal {self.database} is damaged and cannot be used safely "
            f"({self.problems[0].splitlines()[-1] if self.problems else 'unknown problem'}).",
            f"It was moved aside, unchanged, to {self.moved_to}.",
        ]
        if self.offer is None:
            lines.append(
                "There is no good backup of it. LeaderLog will start a new, empty journal; "
                "keep the damaged file for a recovery tool (e.g. `sqlite3 FILE .recover`)."
            )
            return "\n".join(lines)
        lines.append(f"The newest good backup is from {self.offer.describe()}.")
        if self.entries_not_in_backup is None:
            lines.append(
                "Restoring it loses every change made after that time; the damaged file "
                "could not be read to count them."
            )
        elif self.entries_not_in_backup == 0:
            lines.append("Every entry readable in the damaged file is also in that backup.")
        else:
            lines.append(
                f"Restoring it loses changes made after that time, including "
                f"{self.entries_not_in_backup} entries readable in the damaged file."
            )
        return "\n".join(lines)


class DamagedDatabaseError(DatabaseError):
    """The journal was damaged; it has been moved aside. Carries the report."""

    def __init__(self, report: DamageReport) -> None:
        hint = (
            "\nRun `leaderlog restore latest` to restore that backup."
            if report.offer is not None
            else ""
        )
        super().__init__(report.describe() + hint)
        self.report = report


def find_problems(database: Path, *, thorough: bool | None = None) -> list[str]:
    """Why an existing journal file is damaged; empty if it is sound.

    ``thorough`` runs SQLite's quick_check (reads every page); None decides by size
    (QUICK_CHECK_MAX_BYTES), otherwise only the cheap structural checks run.
    Raises DatabaseError for trouble that is not damage (locked, no permission):
    such a file must be left where it is.
    """
    if not database.exists():
        return []
    size = database.stat().st_size
    if size == 0:
        return ["the file is empty"] if list_backups(database, with_counts=False) else []
    with database.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        if not list_backups(database, with_counts=False):
            # Possibly some other file given by mistake: refuse it, never move it.
            check_sqlite_file(database)
        return ["its header is damaged (the file is not recognisable as SQLite)"]
    if not os.access(database, os.R_OK):
        raise DatabaseError(f"{database} cannot be read: check its permissions.")
    problems = _structure_problems(database, size)
    if problems:
        return problems
    if thorough is None:
        thorough = size <= QUICK_CHECK_MAX_BYTES
    if not thorough:
        problems = _schema_problems(database)
    else:
        problems = integrity_problems(database, quick=True)
    return _only_damage(database, problems)


def _only_damage(database: Path, problems: list[str]) -> list[str]:
    """Keep real damage; a locked or unopenable file is raised as such, never moved aside."""
    if len(problems) == 1 and any(word in problems[0].lower() for word in _NOT_DAMAGE):
        if "locked" in problems[0].lower() or "busy" in problems[0].lower():
            raise DatabaseBusyError(
                f"{database} is locked by another program; try again in a moment."
            )
        raise DatabaseError(f"{database} cannot be opened ({problems[0]}).")
    return problems


def _structure_problems(database: Path, size: int) -> list[str]:
    """Header sanity and a file at least as long as its header says (catches truncation)."""
    with database.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100:
        return ["the file is shorter than an SQLite header (truncated)"]
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return [f"its header names an impossible page size ({page_size})"]
    pages = int.from_bytes(header[28:32], "big")
    # the page count is trustworthy only when the file's change counter says so
    if pages and header[24:28] == header[92:96] and pages * page_size > size:
        return [
            f"the file is shorter than its header says ({size} of {pages * page_size} bytes; "
            "truncated)"
        ]
    return []


def _schema_problems(database: Path) -> list[str]:
    """Read the schema and the first page of every table: cheap, catches most wrecked files."""
    try:
        connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
            )
        ]
        for table in tables:
            connection.execute(f'SELECT * FROM "{table}" LIMIT 1').fetchall()
        return []
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        connection.close()


def newest_good_backup(database: Path) -> BackupInfo | None:
    """The newest backup of ``database`` that passes a full integrity check."""
    for info in list_backups(database):
        if info.entries is not None and not integrity_problems(info.path):
            return info
    return None


def _entry_uuids(path: Path) -> set[str] | None:
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        found: set[str] = set()
        for table in ("day_log", "coaching_note", "reinforcement"):
            found.update(str(row[0]) for row in connection.execute(f"SELECT uuid FROM {table}"))
        return found
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def recover_if_damaged(database: Path) -> DamageReport | None:
    """Quick-check the journal; if damaged, move it aside and describe the way back."""
    problems = find_problems(database)
    return set_aside_damaged(database, problems) if problems else None


def set_aside_damaged(database: Path, problems: list[str] | tuple[str, ...]) -> DamageReport:
    """Move a journal known to be damaged aside, untouched, and find the backup to offer."""
    moved_to = move_aside(database, "damaged")
    offer = newest_good_backup(database)
    lost = None
    if offer is not None:
        damaged_uuids = _entry_uuids(moved_to)
        backup_uuids = _entry_uuids(offer.path)
        if damaged_uuids is not None and backup_uuids is not None:
            lost = len(damaged_uuids - backup_uuids)
    return DamageReport(database, moved_to, tuple(problems), offer, lost)


def open_journal(target: str | os.PathLike[str] | URL, *, migrate: bool = True) -> Database:
    """Check, then open a journal (see module docstring); raises DamagedDatabaseError if damaged."""
    from sqlalchemy.engine import URL

    from leaderlog.data.engine import database_url, sqlite_path
    from leaderlog.data.store import open_database

    url = target if isinstance(target, URL) else database_url(target)
    path = sqlite_path(url)
    if path is not None:
        report = recover_if_damaged(path)
        if report is not None:
            raise DamagedDatabaseError(report)
    return open_database(url, migrate=migrate)


def restore_offer(report: DamageReport) -> RestoreOutcome:
    """Accept the offer: put the newest good backup where the damaged journal was."""
    if report.offer is None:
        raise DatabaseError(f"There is no good backup of {report.database} to restore.")
    return restore_backup(report.database, report.offer.path)


@dataclass(frozen=True)
class CheckResult:
    """`leaderlog check`: a full integrity and reference check of a journal."""

    database: Path
    problems: tuple[str, ...]
    entries: int | None
    newest_backup: BackupInfo | None

    @property
    def ok(self) -> bool:
        return not self.problems


def full_check(database: Path) -> CheckResult:
    """Full ``integrity_check`` and ``foreign_key_check``, read-only; nothing is moved."""
    from leaderlog.safety.backups import count_entries

    if not database.exists():
        raise DatabaseError(f"There is no journal at {database}.")
    problems = find_problems(database)
    if not problems:
        problems = integrity_problems(database)
    if not problems:
        connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
        try:
            broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            connection.close()
        problems = [f"table {row[0]} row {row[1]} refers to a missing {row[2]}" for row in broken]
    backups = list_backups(database)
    return CheckResult(
        database,
        tuple(problems),
        None if problems else count_entries(database),
        backups[0] if backups else None,
    )


def age_text(instant: dt.datetime, now: dt.datetime | None = None) -> str:
    """'3 hours ago', '2 days ago': how old a backup is, for people."""
    seconds = ((now or dt.datetime.now(dt.UTC)) - instant).total_seconds()
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = int(seconds // size)
            return f"{count} {unit}{'s' if count != 1 else ''} ago"
    return "just now"
