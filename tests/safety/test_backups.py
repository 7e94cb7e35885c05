"""Backups: verified private copies, rotation, the daily automatic backup, listing, restore, purge."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from leaderlog.__main__ import main
from leaderlog.core.errors import DatabaseError, LeaderLogError
from leaderlog.core.paths import AppPaths
from leaderlog.core.records import Leader
from leaderlog.data.engine import Database
from leaderlog.data.file_copies import backup_folder, integrity_problems
from leaderlog.data.store import open_database
from leaderlog.journal import logbook
from leaderlog.safety import backups
from leaderlog.safety.backups import BackupInfo, RotationPolicy

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)


def add_days(db: Database, leader: Leader, first: dt.date, count: int) -> None:
    for offset in range(count):
        day = first + dt.timedelta(days=offset)
        logbook.add_day_log(db, leader.id, day, 30 + offset, f"day {day}", today=day)


def stored_minutes(path: Path) -> list[int]:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT minutes FROM day_log ORDER BY day")]


def test_a_backup_is_a_verified_private_copy_holding_every_entry(
    db: Database, db_path: Path, leader: Leader
) -> None:
    add_days(db, leader, dt.date(2026, 11, 2), 5)
    info = backups.create_backup(db_path, "manual", now=NOW)
    assert info.path.parent == db_path.parent / "backups"
    assert info.entries == 5
    assert info.created == NOW
    assert integrity_problems(info.path) == []
    assert stored_minutes(info.path) == [30, 31, 32, 33, 34]
    if os.name == "posix":
        assert info.path.stat().st_mode & 0o777 == 0o600
        assert backup_folder(db_path).stat().st_mode & 0o777 == 0o700
    # a backup is one self-contained file, no -wal beside it
    assert not list(backup_folder(db_path).glob("*-wal"))


def test_backups_are_listed_newest_first_with_dates_and_entry_counts(
    db: Database, db_path: Path, leader: Leader, tmp_path: Path
) -> None:
    add_days(db, leader, dt.date(2026, 11, 2), 2)
    backups.create_backup(db_path, "auto", now=NOW - dt.timedelta(days=2))
    add_days(db, leader, dt.date(2026, 11, 4), 3)
    backups.create_backup(db_path, "manual", now=NOW)
    # another journal's backups in the same folder are not mixed in
    other = open_database(tmp_path / "journal.sqlite3.old")
    other.dispose()
    backups.create_backup(tmp_path / "journal.sqlite3.old", "manual", now=NOW)

    listed = backups.list_backups(db_path)
    assert [(info.created, info.entries, info.reason) for info in listed] == [
        (NOW, 5, "manual"),
        (NOW - dt.timedelta(days=2), 2, "auto"),
    ]
    assert "5 entries (manual)" in listed[0].describe()


def _synthetic(days: list[dt.date], reason: str = "auto") -> list[BackupInfo]:
    return [
        BackupInfo(
            Path(f"/b/{day}.{reason}"),
            dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC),
            reason,
            1,
            1,
        )
        for day in days
    ]


def test_rotation_keeps_the_newest_backup_of_7_days_4_weeks_and_6_months() -> None:
    # backups at noon UTC fall on the same calendar day in every time zone within ±11 h
    start = dt.date(2025, 10, 1)
    every_day = [
        start + dt.timedelta(days=n) for n in range((dt.date(2026, 11, 22) - start).days + 1)
    ]
    keep = backups.backups_to_keep(_synthetic(every_day), RotationPolicy(), NOW, lambda _: True)
    kept_days = sorted(dt.date.fromisoformat(path.name.split(".")[0]) for path in keep)
    expected = [
        dt.date(2026, 6, 30), dt.date(2026, 7, 31), dt.date(2026, 8, 31), dt.date(2026, 9, 30),
        dt.date(2026, 10, 31),  # monthly
        dt.date(2026, 11, 1), dt.date(2026, 11, 8), dt.date(2026, 11, 15),  # weekly (ISO weeks)
        *[dt.date(2026, 11, d) for d in range(16, 23)],  # daily, Nov 22 is also this week and month
    ]  # fmt: skip
    assert kept_days == expected


def test_rotation_keeps_safety_copies_for_a_week() -> None:
    routine = _synthetic([dt.date(2026, 11, 22)])
    safety = _synthetic([dt.date(2026, 11, 16), dt.date(2026, 11, 10)], "before-erase")
    keep = backups.backups_to_keep(
        routine + safety, RotationPolicy(daily=1, weekly=0, monthly=0), NOW, lambda _: True
    )
    assert keep == {routine[0].path, safety[0].path}


def test_rotation_never_deletes_the_newest_backup_that_passes_its_check(
    db: Database, db_path: Path, leader: Leader
) -> None:
    add_days(db, leader, dt.date(2026, 11, 2), 3)
    older = backups.create_backup(db_path, "auto", now=NOW - dt.timedelta(days=40))
    good = backups.create_backup(db_path, "auto", now=NOW - dt.timedelta(days=20))
    damaged = backups.create_backup(db_path, "auto", now=NOW - dt.timedelta(days=1))
    data = bytearray(damaged.path.read_bytes())
    data[4096 : 4096 + 16] = b"\xff" * 16  # wreck the first table page's header
    damaged.path.write_bytes(bytes(data))

    removed = backups.rotate(db_path, RotationPolicy(0, 0, 0, 0), now=NOW)

    assert set(removed) == {older.path, damaged.path}
    assert [info.path for info in backups.list_backups(db_path)] == [good.path]


def test_automatic_backup_only_when_the_journal_changed_and_the_last_is_a_day_old(
    db: Database, db_path: Path, leader: Leader
) -> None:
    policy = RotationPolicy()
    assert backups.backup_if_due(db_path, policy, now=NOW) is not None  # a leader exists
    assert backups.backup_if_due(db_path, policy, now=NOW + dt.timedelta(hours=23)) is None
    # a day later but nothing changed: no new copy of the same data
    assert backups.backup_if_due(db_path, policy, now=NOW + dt.timedelta(days=2)) is None
    logbook.add_day_log(db, leader.id, "2026-11-20", 45, today=dt.date(2026, 11, 20))
    assert backups.backup_if_due(db_path, policy, now=NOW + dt.timedelta(hours=2)) is None
    made = backups.backup_if_due(db_path, policy, now=NOW + dt.timedelta(days=2))
    assert made is not None and made.entries == 1
    # an edit (same row count) is a change too
    [log] = logbook.list_entries(db)
    logbook.update_day_log(db, replace(log, minutes=50), today=dt.date(2026, 11, 20))
    assert backups.backup_if_due(db_path, policy, now=NOW + dt.timedelta(days=4)) is not None


def test_a_new_empty_journal_is_not_backed_up(db: Database, db_path: Path) -> None:
    assert backups.backup_if_due(db_path, RotationPolicy(), now=NOW) is None
    assert backups.list_backups(db_path) == []


def test_restore_puts_the_backup_in_place_and_keeps_the_current_journal_aside(
    db: Database, db_path: Path, leader: Leader
) -> None:
    add_days(db, leader, dt.date(2026, 11, 2), 2)
    first = backups.create_backup(db_path, "manual", now=NOW - dt.timedelta(days=1))
    add_days(db, leader, dt.date(2026, 11, 4), 3)
    db.dispose()

    outcome = backups.restore_backup(db_path, first.path, now=NOW)

    assert stored_minutes(db_path) == [30, 31]
    assert outcome.kept_aside is not None
    assert stored_minutes(outcome.kept_aside) == [30, 31, 30, 31, 32]
    assert outcome.restored.entries == 2
    assert integrity_problems(db_path) == []
    reopened = open_database(db_path)
    try:
        assert len(logbook.list_entries(reopened)) == 2
    finally:
        reopened.dispose()
    if os.name == "posix":
        assert db_path.stat().st_mode & 0o777 == 0o600


def test_a_damaged_backup_is_refused_and_the_journal_left_alone(
    db: Database, db_path: Path, leader: Leader
) -> None:
    add_days(db, leader, dt.date(2026, 11, 2), 2)
    info = backups.create_backup(db_path, "manual", now=NOW)
    info.path.write_bytes(info.path.read_bytes()[:5000])
    db.dispose()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError, match="failed its integrity check"):
        backups.restore_backup(db_path, info.path)
    assert db_path.read_bytes() == before


def test_restore_is_refused_while_a_leaderlog_window_holds_the_journal(
    db: Database, db_path: Path, leader: Leader
) -> None:
    info = backups.create_backup(db_path, "manual", now=NOW)
    db.dispose()
    window = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        backups.lock_file_for(db_path).write_text(f"{window.pid}\nleaderlog\nhost\n")
        with pytest.raises(DatabaseError, match=f"process {window.pid}"):
            backups.restore_backup(db_path, info.path)
    finally:
        window.kill()
        window.wait()
    # the same lock file left behind by a process that is gone is stale
    assert backups.running_instance(db_path) is None
    backups.restore_backup(db_path, info.path)


def test_purge_leaves_exactly_one_fresh_verified_backup(
    db: Database, db_path: Path, leader: Leader
) -> None:
    for days in (30, 10, 1):
        backups.create_backup(db_path, "auto", now=NOW - dt.timedelta(days=days))
    fresh, removed = backups.purge_backups(db_path, now=NOW)
    assert len(removed) == 3
    assert [info.path for info in backups.list_backups(db_path)] == [fresh.path]
    assert integrity_problems(fresh.path) == []


def test_rotation_policy_is_remembered_and_validated(tmp_path: Path) -> None:
    assert backups.load_policy(tmp_path) == RotationPolicy()
    backups.save_policy(tmp_path, RotationPolicy(daily=10, weekly=2, monthly=12))
    assert backups.load_policy(tmp_path) == RotationPolicy(daily=10, weekly=2, monthly=12)
    with pytest.raises(LeaderLogError, match="daily must be a whole number"):
        RotationPolicy(daily=-1)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_backup_restore_and_check(
    capsys: pytest.CaptureFixture[str], app_paths: AppPaths
) -> None:
    assert run_cli(capsys, "leader", "add", "Ana Ruiz")[0] == 0
    assert run_cli(capsys, "log", "--leader", "Ana Ruiz", "--minutes", "40")[0] == 0
    journal_file = app_paths.database_file
    # the first change was backed up automatically
    assert [info.reason for info in backups.list_backups(journal_file)] == ["auto"]

    code, out, _ = run_cli(capsys, "backup", "--keep-daily", "3")
    assert code == 0 and "Backed up 1 entry" in out
    assert backups.load_policy(app_paths.config_dir).daily == 3

    assert (
        run_cli(capsys, "log", "--leader", "Ana Ruiz", "--minutes", "5", "--date", "yesterday")[0]
        == 0
    )
    code, out, _ = run_cli(capsys, "restore")
    assert code == 0
    assert "1  " in out and "manual" in out and "entries" in out

    code, out, _ = run_cli(capsys, "restore", "1")
    assert code == 0 and "Restored the backup" in out and "kept as" in out
    code, out, _ = run_cli(capsys, "list")
    assert "40 min" in out and "5 min" not in out

    code, out, _ = run_cli(capsys, "check")
    assert code == 0 and "is sound: 1 entry" in out


def test_an_import_first_makes_a_safety_copy_of_the_journal(
    db: Database, db_path: Path, leader: Leader, tmp_path: Path
) -> None:
    from leaderlog.transfer import csv_export
    from leaderlog.transfer.csv_import import import_csv

    add_days(db, leader, dt.date(2026, 11, 2), 2)
    exported = csv_export.export_entries(db, tmp_path / "entries.csv").path
    [log] = logbook.list_entries(db, limit=1)
    logbook.delete_entry(db, "day", log.id)

    import_csv(db, exported, today=dt.date(2026, 11, 20))

    [safety] = [info for info in backups.list_backups(db_path) if info.reason == "before-import"]
    assert safety.entries == 1  # the journal as it was just before the import
    assert len(logbook.list_entries(db)) == 2


def test_an_interrupted_backup_leaves_no_partial_file_behind_for_long(
    db: Database, db_path: Path, leader: Leader
) -> None:
    folder = backup_folder(db_path)
    folder.mkdir()
    old = folder / f"{db_path.name}.20261101T000000_000000Z.auto.sqlite3.partial"
    old.write_bytes(b"half a copy")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    running = folder / f"{db_path.name}.20261122T115959_000000Z.auto.sqlite3.partial"
    running.write_bytes(b"being written right now")
    backups.create_backup(db_path, "manual", now=NOW)
    assert not old.exists()
    assert running.exists()  # a backup still in progress elsewhere is left alone
    assert [info.reason for info in backups.list_backups(db_path)] == ["manual"]
