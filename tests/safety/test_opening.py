"""Opening a journal for the window: its file found without SQLAlchemy, the checked open, a replaced file."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from leaderlog.data.store import open_database
from leaderlog.journal import logbook, people
from leaderlog.safety import backups, recovery
from leaderlog.safety.opening import journal_file_of, open_journal, prepare_replaced_journal

TODAY = dt.date(2026, 11, 20)


def test_the_journal_file_of_a_path_or_sqlite_url_and_none_for_a_server(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    assert journal_file_of(str(path)) == path.resolve()
    assert journal_file_of(f"sqlite:///{path}") == path
    assert journal_file_of("postgresql://coach@server/leaderlog") is None


def test_finding_a_plain_paths_file_loads_no_sqlalchemy(tmp_path: Path) -> None:
    script = (
        "import sys; from leaderlog.safety.opening import journal_file_of;"
        f"journal_file_of({str(tmp_path / 'j.sqlite3')!r});"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')];"
        "sys.exit(f'loaded {bad[:5]}' if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_damaged_journal_is_set_aside_and_the_restored_backup_opens(db_path: Path) -> None:
    db = open_database(db_path)
    leader = people.add_leader(db, "Ana Ruiz")
    logbook.add_day_log(db, leader.id, TODAY, 30, today=TODAY)
    db.dispose()
    backups.create_backup(db_path, "auto")
    opened = open_journal(str(db_path), checked=True)
    assert len(logbook.list_entries(opened)) == 1
    opened.dispose()

    data = bytearray(db_path.read_bytes())
    data[8192 : 8192 + 8] = b"\x55" * 8
    db_path.write_bytes(bytes(data))
    with pytest.raises(recovery.DamagedDatabaseError) as damaged:
        open_journal(str(db_path))
    assert list(db_path.parent.glob("*.damaged"))
    assert not db_path.exists()  # set aside, untouched, for the recovery offer

    recovery.restore_offer(damaged.value.report)
    prepare_replaced_journal(db_path)
    reopened = open_journal(str(db_path), checked=True)
    assert len(logbook.list_entries(reopened)) == 1
    reopened.dispose()


def test_a_replaced_journal_that_is_missing_becomes_an_empty_one(db_path: Path) -> None:
    assert not db_path.exists()
    prepare_replaced_journal(db_path)
    db = open_journal(str(db_path))
    assert people.list_leaders(db) == []
    db.dispose()
