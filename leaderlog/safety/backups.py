"""Automatic and manual backups of a journal: create, rotate, list, restore, purge.

Every backup is a verified copy (SQLite online backup API, ``integrity_check``,
then rename; see leaderlog.data.file_copies) in the ``backups`` folder beside the
database. Rotation keeps the newest backup of each of the last N days, ISO weeks
and months (7 + 4 + 6 by default), every safety copy made before a migration,
import, erase or restore for a week, and never deletes the newest backup that
passes its check.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from leaderlog.core.atomic import atomic_write
from leaderlog.core.errors import DatabaseError, LeaderLogError
from leaderlog.data.file_copies import (
    backup_file,
    backup_folder,
    copy_database,
    fsync_dir,
    integrity_problems,
    move_aside,
    parse_backup_name,
)

if TYPE_CHECKING:
    from leaderlog.data.engine import Database

AUTO_BACKUP_AGE = dt.timedelta(days=1)
# an unfinished copy this old belongs to no running backup (a big one takes seconds)
STALE_PARTIAL_AGE = dt.timedelta(hours=1)
POLICY_FILENAME = "backup-policy.json"
ENTRY_TABLES = ("day_log", "coaching_note", "reinforcement")
_ROUTINE_REASONS = frozenset({"auto", "manual"})
_REASON_LABELS = {
    "auto": "automatic",
    "manual": "manual",
    "before-import": "before an import",
    "before-erase": "before erasing a team member",
    "before-restore": "the journal as it was before a restore",
}


@dataclass(frozen=True)
class RotationPolicy:
    """How many backups to keep: the newest of each of the last N days, weeks and months."""

    daily: int = 7
    weekly: int = 4
    monthly: int = 6
    safety_days: int = 7
    """safety copies (before a migration, import, erase or restore) are kept at least this long"""

    def __post_init__(self) -> None:
        for name, value in asdict(self).items():
            if not isinstance(value, int) or value < 0:
                raise LeaderLogError(f"backup rotation: {name} must be a whole number ≥ 0")

    def describe(self) -> str:
        return (
            f"{self.daily} daily, {self.weekly} weekly and {self.monthly} monthly backups; "
            f"safety copies for {self.safety_days} days"
        )


def load_policy(config_dir: Path) -> RotationPolicy:
    """The rotation policy saved in the config folder, or the default one."""
    file = config_dir / POLICY_FILENAME
    try:
        saved = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return RotationPolicy()
    except (OSError, ValueError) as exc:
        raise LeaderLogError(f"Cannot read the backup settings in {file}: {exc}") from exc
    known = {key: saved[key] for key in asdict(RotationPolicy()) if key in saved}
    return RotationPolicy(**known)


def save_policy(config_dir: Path, policy: RotationPolicy) -> None:
    """Remember the rotation policy (written atomically, private)."""
    from leaderlog.core.paths import ensure_private_dir

    ensure_private_dir(config_dir)
    with atomic_write(config_dir / POLICY_FILENAME) as handle:
        json.dump(asdict(policy), handle, indent=2)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: when and why it was made, and what it holds."""

    path: Path
    created: dt.datetime
    """UTC instant the backup was taken"""
    reason: str
    size: int
    entries: int | None
    """day logs + coaching notes + reinforcements, or None if the file cannot be read"""

    @property
    def reason_label(self) -> str:
        if self.reason.startswith("before-upgrade-from-"):
            return f"before a schema upgrade (from {self.reason.rsplit('-', 1)[-1]})"
        return _REASON_LABELS.get(self.reason, self.reason.replace("-", " "))

    @property
    def local_time(self) -> dt.datetime:
        return self.created.astimezone()

    def describe(self) -> str:
        """One line for people: date, entries and why it was made."""
        return (
            f"{self.local_time:%Y-%m-%d %H:%M} — {entries_text(self.entries)} ({self.reason_label})"
        )


def entries_text(count: int | None) -> str:
    """'1 entry', '12 entries', or 'unreadable' for a file that cannot be read."""
    if count is None:
        return "unreadable"
    return f"{count} {'entry' if count == 1 else 'entries'}"


def count_entries(path: Path) -> int | None:
    """Journal entries in an SQLite file, read-only; None if it cannot be read."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        return sum(
            connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ENTRY_TABLES
        )
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def list_backups(database: Path, *, with_counts: bool = True) -> list[BackupInfo]:
    """The backups of one database, newest first (entry counts read from each file if asked)."""
    folder = backup_folder(database)
    if not folder.is_dir():
        return []
    found = []
    for candidate in folder.iterdir():
        parsed = parse_backup_name(database, candidate)
        if parsed is None or not candidate.is_file():
            continue
        created, reason = parsed
        found.append(
            BackupInfo(
                path=candidate,
                created=created,
                reason=reason,
                size=candidate.stat().st_size,
                entries=count_entries(candidate) if with_counts else None,
            )
        )
    found.sort(key=lambda info: info.created, reverse=True)
    return found


def _info(path: Path, database: Path) -> BackupInfo:
    parsed = parse_backup_name(database, path)
    assert parsed is not None
    return BackupInfo(path, parsed[0], parsed[1], path.stat().st_size, count_entries(path))


def remove_stale_partials(
    database: Path, older_than: dt.timedelta = STALE_PARTIAL_AGE
) -> list[Path]:
    """Delete unfinished copies left by a backup that was interrupted (app closed, crash)."""
    folder = backup_folder(database)
    if not folder.is_dir():
        return []
    cutoff = time.time() - older_than.total_seconds()
    removed = []
    for partial in folder.glob(f"{glob.escape(database.name)}.*.partial"):
        with contextlib.suppress(FileNotFoundError):
            if partial.stat().st_mtime < cutoff:
                partial.unlink()
                removed.append(partial)
    return removed


def create_backup(
    database: Path,
    reason: str = "manual",
    *,
    policy: RotationPolicy | None = None,
    now: dt.datetime | None = None,
) -> BackupInfo:
    """Write a verified backup now, then apply the rotation policy (if given)."""
    if not database.exists():
        raise DatabaseError(f"There is no database at {database} to back up.")
    remove_stale_partials(database)
    when = now or dt.datetime.now(dt.UTC)
    target = backup_file(database, reason, when)
    copy_database(database, target)
    if policy is not None:
        rotate(database, policy, now=when)
    return _info(target, database)


def backup_before(
    db: Database, action: str, *, policy: RotationPolicy | None = None
) -> BackupInfo | None:
    """A safety copy before an import, erase or restore (``action``); None on a server database."""
    if db.path is None:
        return None
    return create_backup(db.path, f"before-{action}", policy=policy)


def content_signature(path: Path) -> tuple[object, ...] | None:
    """A cheap fingerprint that changes whenever a row is added, edited or deleted."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        tables = ("leader", "team_member", "standard", *ENTRY_TABLES)
        parts: list[object] = [
            connection.execute(
                f"SELECT count(*), max(updated_at), total(version), max(id) FROM {table}"
            ).fetchone()
            for table in tables
        ]
        parts.append(
            connection.execute(
                "SELECT group_concat(key || '=' || value, char(10)) FROM "
                "(SELECT key, value FROM app_setting ORDER BY key)"
            ).fetchone()
        )
        return tuple(parts)
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def _has_content(signature: tuple[object, ...] | None) -> bool:
    """True when any table of the journal holds a row (the last part is the settings)."""
    return signature is not None and any(part[0] for part in signature[:-1])  # type: ignore[index]


def backup_if_due(
    database: Path,
    policy: RotationPolicy,
    *,
    now: dt.datetime | None = None,
    max_age: dt.timedelta = AUTO_BACKUP_AGE,
) -> BackupInfo | None:
    """The automatic backup: made only when the journal changed and the newest backup is old.

    Called at start-up, at quit and after CLI commands; returns the new backup or None.
    """
    if not database.exists():
        return None
    when = now or dt.datetime.now(dt.UTC)
    existing = list_backups(database, with_counts=False)
    if existing and when - existing[0].created < max_age:
        return None
    current = content_signature(database)
    if existing:
        if current == content_signature(existing[0].path):
            return None
    elif not _has_content(current):
        return None  # a brand-new empty journal has nothing worth keeping
    return create_backup(database, "auto", policy=policy, now=when)


def _passes_check(info: BackupInfo) -> bool:
    return not integrity_problems(info.path, quick=True)


def backups_to_keep(
    backups: Iterable[BackupInfo],
    policy: RotationPolicy,
    now: dt.datetime,
    passes_check: Callable[[BackupInfo], bool] = _passes_check,
) -> set[Path]:
    """The rotation rule (see module docstring) applied to a set of backups."""
    ordered = sorted(backups, key=lambda info: info.created, reverse=True)
    keep: set[Path] = set()
    newest_good = next((info for info in ordered if passes_check(info)), None)
    if newest_good is not None:
        keep.add(newest_good.path)
    rules: list[tuple[int, Callable[[dt.date], object]]] = [
        (policy.daily, lambda day: day),
        (policy.weekly, lambda day: day.isocalendar()[:2]),
        (policy.monthly, lambda day: (day.year, day.month)),
    ]
    for count, period in rules:
        seen: set[object] = set()
        for info in ordered:
            key = period(info.local_time.date())
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > count:
                break
            keep.add(info.path)
    safety_since = now - dt.timedelta(days=policy.safety_days)
    keep.update(
        info.path
        for info in ordered
        if info.reason not in _ROUTINE_REASONS and info.created >= safety_since
    )
    return keep


def rotate(database: Path, policy: RotationPolicy, *, now: dt.datetime | None = None) -> list[Path]:
    """Delete the backups the policy no longer keeps; return what was deleted."""
    backups = list_backups(database, with_counts=False)
    keep = backups_to_keep(backups, policy, now or dt.datetime.now(dt.UTC))
    removed = []
    for info in backups:
        if info.path not in keep:
            info.path.unlink(missing_ok=True)
            removed.append(info.path)
    if removed:
        fsync_dir(backup_folder(database))
    return removed


def purge_backups(
    database: Path, *, now: dt.datetime | None = None
) -> tuple[BackupInfo, list[Path]]:
    """Replace every backup with one fresh verified copy (after erasing someone, say).

    The fresh backup is written and checked first, so there is never a moment
    without a good backup.
    """
    fresh = create_backup(database, "manual", now=now)
    removed = []
    for info in list_backups(database, with_counts=False):
        if info.path != fresh.path:
            info.path.unlink(missing_ok=True)
            removed.append(info.path)
    fsync_dir(backup_folder(database))
    return fresh, removed


# ---------------------------------------------------------------- restore


def lock_file_for(database: Path) -> Path:
    """The file the desktop app holds (a QLockFile) while it has this database open."""
    return database.with_name(database.name + ".lock")


def running_instance(database: Path) -> int | None:
    """The process id of a LeaderLog window holding this database, or None.

    Reads the QLockFile the app writes (first line: the pid) and ignores a stale
    one whose process is gone.
    """
    try:
        first_line = lock_file_for(database).read_text(encoding="utf-8").splitlines()[0]
        pid = int(first_line.strip())
    except (OSError, ValueError, IndexError):
        return None
    if pid == os.getpid():
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    except OSError:
        return None
    return pid


@dataclass(frozen=True)
class RestoreOutcome:
    """What restoring did: the backup now in use, and where the replaced journal was kept."""

    restored: BackupInfo
    kept_aside: Path | None
    """a backup of the journal as it was (or the damaged file moved aside); None if there was none"""


def restore_backup(
    database: Path, backup: Path, *, now: dt.datetime | None = None
) -> RestoreOutcome:
    """Put a backup in place of the journal; the current journal is kept aside first.

    The database must not be open (close the Database first). A healthy journal is
    saved as a ``before-restore`` backup; a damaged one is moved aside untouched.
    """
    pid = running_instance(database)
    if pid is not None:
        raise DatabaseError(
            f"LeaderLog (process {pid}) has {database} open. Close that window, then restore."
        )
    problems = integrity_problems(backup)
    if problems:
        raise DatabaseError(
            f"The backup {backup} failed its integrity check ({problems[0]}); "
            "choose another backup. Nothing was changed."
        )
    parsed = parse_backup_name(database, backup)
    info = BackupInfo(
        backup,
        parsed[0] if parsed else dt.datetime.fromtimestamp(backup.stat().st_mtime, dt.UTC),
        parsed[1] if parsed else "file",
        backup.stat().st_size,
        count_entries(backup),
    )
    kept_aside = None
    if database.exists():
        if integrity_problems(database, quick=True):
            kept_aside = move_aside(database, "damaged")
        else:
            kept_aside = create_backup(database, "before-restore", now=now).path
            _checkpoint(database)
    incoming = database.with_name(database.name + ".restoring")
    copy_database(backup, incoming)
    # the old journal's write-ahead log must never be replayed onto the restored file
    for suffix in ("-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    os.replace(incoming, database)
    fsync_dir(database.parent)
    return RestoreOutcome(info, kept_aside)


def _checkpoint(database: Path) -> None:
    """Fold the write-ahead log into the file, so nothing lives only in the -wal file."""
    connection = sqlite3.connect(database)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
