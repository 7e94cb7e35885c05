"""Two programs on one journal: locks are waited out, edits never silently overwrite, backups stay sound."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from leaderlog.core.errors import ConflictError, DatabaseBusyError, NotFoundError
from leaderlog.core.records import Leader
from leaderlog.data import engine
from leaderlog.data.engine import Database
from leaderlog.data.file_copies import integrity_problems
from leaderlog.data.store import open_database
from leaderlog.journal import logbook, people
from leaderlog.safety import backups

DAY = dt.date(2026, 11, 2)

# Holds the write lock (BEGIN IMMEDIATE) until told to let go on stdin.
LOCK_HOLDER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE leader SET team = 'held' WHERE name = 'Ana Ruiz'")
print("locked", flush=True)
sys.stdin.readline()
connection.execute("COMMIT")
print("released", flush=True)
"""

INSERTER = """
import datetime as dt, sys
from leaderlog.journal import logbook, people
from leaderlog.data.store import open_database
db = open_database(sys.argv[1])
leader = people.find_leader(db, "Ana Ruiz")
member = people.find_member(db, leader.id, "Sam Lee")
day = dt.date(2026, 11, 2)
print("ready", flush=True)
for n in range(1_000_000):
    logbook.add_coaching_note(db, leader.id, day, member.id, f"note {n} " * 30, today=day)
"""


def start(script: str, path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def let_go(holder: subprocess.Popen[str]) -> None:
    assert holder.stdin is not None
    holder.stdin.write("\n")
    holder.stdin.flush()


def test_a_save_waits_out_a_write_lock_held_by_another_program(
    db: Database, db_path: Path, leader: Leader
) -> None:
    holder = start(LOCK_HOLDER, db_path)
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline().strip() == "locked"
        # let go while our save is already waiting for the lock (without a busy
        # timeout it would fail at once with "database is locked")
        release = threading.Timer(0.5, let_go, args=(holder,))
        release.start()
        saved = logbook.add_day_log(db, leader.id, DAY, 30, "waited", today=DAY)
        release.join()
    finally:
        holder.communicate(timeout=30)
    assert holder.returncode == 0
    assert logbook.get_day_log(db, leader.id, DAY) == saved
    assert people.get_leader(db, leader.id).team == "held"  # the other program's change stays


def test_a_lock_held_too_long_is_a_plain_retryable_error_and_nothing_is_half_written(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
    db = open_database(db_path)
    try:
        leader = people.add_leader(db, "Ana Ruiz")
        holder = start(LOCK_HOLDER, db_path)
        assert holder.stdout is not None and holder.stdin is not None
        try:
            assert holder.stdout.readline().strip() == "locked"
            with pytest.raises(DatabaseBusyError, match="Nothing was lost; try again"):
                logbook.add_day_log(db, leader.id, DAY, 30, "first try", today=DAY)
            assert logbook.get_day_log(db, leader.id, DAY) is None
        finally:
            let_go(holder)
            holder.communicate(timeout=30)
        # the same save, retried once the lock is gone, goes through
        logbook.add_day_log(db, leader.id, DAY, 30, "retried", today=DAY)
        assert logbook.get_day_log(db, leader.id, DAY).note == "retried"  # type: ignore[union-attr]
    finally:
        db.dispose()


def test_two_edits_of_the_same_entry_are_caught_not_silently_overwritten(
    db: Database, db_path: Path, leader: Leader
) -> None:
    member = people.add_member(db, leader.id, "Sam Lee")
    note = logbook.add_coaching_note(db, leader.id, DAY, member.id, "original", today=DAY)
    other_window = open_database(db_path)
    try:
        mine = logbook.get_entry(db, "coaching", note.id)
        theirs = logbook.get_entry(other_window, "coaching", note.id)
        logbook.update_coaching_note(
            other_window, replace(theirs, observation="their edit"), today=DAY
        )  # type: ignore[arg-type]
        with pytest.raises(ConflictError, match="changed elsewhere"):
            logbook.update_coaching_note(db, replace(mine, observation="my edit"), today=DAY)  # type: ignore[arg-type]
        assert logbook.get_entry(db, "coaching", note.id).observation == "their edit"  # type: ignore[union-attr]

        # an entry deleted in one window cannot be resurrected by saving it in the other
        current = logbook.get_entry(db, "coaching", note.id)
        logbook.delete_entry(other_window, "coaching", note.id)
        with pytest.raises(NotFoundError, match="no longer exists"):
            logbook.update_coaching_note(db, replace(current, observation="late"), today=DAY)  # type: ignore[arg-type]
    finally:
        other_window.dispose()


def test_a_backup_taken_while_another_program_inserts_passes_integrity_check(
    db: Database, db_path: Path, leader: Leader
) -> None:
    people.add_member(db, leader.id, "Sam Lee")
    inserter = start(INSERTER, db_path)
    assert inserter.stdout is not None
    counts = []
    try:
        assert inserter.stdout.readline().strip() == "ready", inserter.stderr.read()  # type: ignore[union-attr]
        for n in range(5):
            info = backups.create_backup(
                db_path, "manual", now=dt.datetime(2026, 11, 22, 12, n, tzinfo=dt.UTC)
            )
            assert integrity_problems(info.path) == []
            counts.append(info.entries)
        assert inserter.poll() is None, "the inserter stopped early"
    finally:
        inserter.kill()
        inserter.communicate()
    assert counts == sorted(counts) and counts[-1] > 0
    assert integrity_problems(db_path) == []
