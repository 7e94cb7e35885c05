"""A damaged journal is refused unmodified, moved aside, and the newest good backup offered and restored."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from leaderlog.core.errors import DatabaseError
from leaderlog.data.file_copies import integrity_problems
from leaderlog.data.store import open_database
from leaderlog.journal import logbook, people
from leaderlog.safety import backups, recovery

DAY = dt.date(2026, 11, 2)
PAGE = 4096


def make_journal(path: Path, days: int) -> None:
    db = open_database(path)
    try:
        leader = people.add_leader(db, "Ana Ruiz")
        for offset in range(days):
            day = DAY + dt.timedelta(days=offset)
            logbook.add_day_log(db, leader.id, day, 20 + offset, today=day)
    finally:
        db.dispose()


def add_later_entries(path: Path, count: int) -> None:
    db = open_database(path)
    try:
        leader = people.find_leader(db, "Ana Ruiz")
        for offset in range(count):
            day = DAY + dt.timedelta(days=100 + offset)
            logbook.add_day_log(db, leader.id, day, 60, today=day)
    finally:
        db.dispose()


def flip_page_header(data: bytes) -> bytes:
    """Overwrite the b-tree header of page 3 (a table page): structure, not text."""
    return data[: 2 * PAGE] + b"\x55" * 8 + data[2 * PAGE + 8 :]


def truncate(data: bytes) -> bytes:
    return data[: len(data) // 2]


def break_header(data: bytes) -> bytes:
    return b"XXXXXX" + data[6:]


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "flipped bytes in a data page": flip_page_header,
    "truncated file": truncate,
    "broken header": break_header,
}


@pytest.fixture
def journal_with_backup(db_path: Path) -> Path:
    """A journal of 10 entries with one backup, then 2 more entries the backup lacks."""
    make_journal(db_path, 10)
    backups.create_backup(db_path, "auto")
    add_later_entries(db_path, 2)
    return db_path


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_journal_is_moved_aside_unmodified_and_the_newest_good_backup_offered(
    journal_with_backup: Path, damage: Callable[[bytes], bytes]
) -> None:
    path = journal_with_backup
    damaged = damage(path.read_bytes())
    path.write_bytes(damaged)

    with pytest.raises(recovery.DamagedDatabaseError) as raised:
        recovery.open_journal(path)

    report = raised.value.report
    assert not path.exists()
    assert report.moved_to.name.endswith(".damaged")
    assert report.moved_to.read_bytes() == damaged  # never written to
    assert report.offer is not None and report.offer.entries == 10
    message = str(raised.value)
    assert "moved aside, unchanged" in message
    assert f"{report.offer.local_time:%Y-%m-%d %H:%M}" in message
    assert "leaderlog restore latest" in message

    outcome = recovery.restore_offer(report)
    assert outcome.restored.entries == 10
    db = recovery.open_journal(path)
    try:
        assert len(logbook.list_entries(db)) == 10
    finally:
        db.dispose()
    assert integrity_problems(path) == []


def test_the_offer_says_how_many_readable_entries_restoring_would_lose(
    journal_with_backup: Path,
) -> None:
    path = journal_with_backup
    # damage an index page only; the table rows stay readable
    db_bytes = path.read_bytes()
    pages = len(db_bytes) // PAGE
    report = None
    for page in range(pages - 1, 1, -1):
        candidate = bytearray(db_bytes)
        candidate[page * PAGE : page * PAGE + 8] = b"\x55" * 8
        path.write_bytes(bytes(candidate))
        if integrity_problems(path, quick=True) and backups.count_entries(path) == 12:
            report = recovery.recover_if_damaged(path)
            break
    assert report is not None, "no page whose damage leaves the entries readable"
    assert report.entries_not_in_backup == 2
    assert "including 2 entries readable in the damaged file" in report.describe()


def test_a_damaged_journal_without_backups_is_still_moved_aside_and_said_so(
    db_path: Path,
) -> None:
    make_journal(db_path, 3)
    damaged = flip_page_header(db_path.read_bytes())
    db_path.write_bytes(damaged)
    report = recovery.recover_if_damaged(db_path)
    assert report is not None and report.offer is None
    assert report.moved_to.read_bytes() == damaged
    assert "There is no good backup" in report.describe()


def test_a_file_that_was_never_a_leaderlog_journal_is_refused_and_not_moved(
    db_path: Path,
) -> None:
    db_path.write_text("name,minutes\nAna,45\n")
    with pytest.raises(DatabaseError, match="not a LeaderLog database"):
        recovery.open_journal(db_path)
    assert db_path.read_text() == "name,minutes\nAna,45\n"


def test_an_emptied_journal_that_had_backups_counts_as_damaged(journal_with_backup: Path) -> None:
    journal_with_backup.write_bytes(b"")
    report = recovery.recover_if_damaged(journal_with_backup)
    assert report is not None and report.problems == ("the file is empty",)


def test_a_sound_journal_passes_the_start_up_check_untouched(journal_with_backup: Path) -> None:
    before = journal_with_backup.read_bytes()
    assert recovery.recover_if_damaged(journal_with_backup) is None
    assert journal_with_backup.read_bytes() == before


def test_the_cli_refuses_a_damaged_journal_then_restores_the_newest_good_backup(
    journal_with_backup: Path, tmp_path: Path
) -> None:
    path = journal_with_backup
    damaged = flip_page_header(path.read_bytes())
    path.write_bytes(damaged)
    env = {**os.environ, "LEADERLOG_HOME": str(tmp_path / "home")}

    def cli(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "leaderlog", "--db", str(path), *argv],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )

    refused = cli("list")
    assert refused.returncode == 3
    assert "is damaged" in refused.stderr and "moved aside, unchanged" in refused.stderr
    assert "Traceback" not in refused.stderr
    [moved] = path.parent.glob(f"{path.name}.*.damaged")
    assert moved.read_bytes() == damaged

    restored = cli("restore", "latest")
    assert restored.returncode == 0, restored.stderr
    assert "10 entries" in restored.stdout
    listed = cli("list")
    assert listed.returncode == 0
    assert listed.stdout.count("Ana Ruiz") == 10


def test_cli_check_reports_damage_found_by_the_full_integrity_check(
    journal_with_backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from leaderlog.__main__ import main

    path = journal_with_backup
    path.write_bytes(truncate(path.read_bytes()))
    code = main(["--db", str(path), "check"])
    out = capsys.readouterr().out
    assert code == 3
    assert "moved aside" in out and "leaderlog restore latest" in out
    assert not path.exists()


def test_a_big_journal_gets_structural_checks_at_start_and_the_full_quick_check_later(
    journal_with_backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recovery, "QUICK_CHECK_MAX_BYTES", 0)  # every file counts as big
    path = journal_with_backup
    sound = path.read_bytes()
    # truncation is caught without reading every page
    path.write_bytes(sound[: len(sound) - 2 * PAGE])
    assert any("truncated" in p for p in recovery.find_problems(path))

    # damage inside an index page is found only by reading every page
    for page in range(len(sound) // PAGE - 1, 1, -1):
        candidate = bytearray(sound)
        candidate[page * PAGE : page * PAGE + 8] = b"\x55" * 8
        path.write_bytes(bytes(candidate))
        if not recovery.find_problems(path):
            break
    else:
        pytest.fail("every damaged page was caught by the cheap checks")
    assert recovery.find_problems(path, thorough=True)
