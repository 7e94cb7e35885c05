"""Ctrl+C in the middle of an export, a review pack, an import or a backup: one line, status 130, no partial file, nothing saved."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.bulk_entries import insert_entries

from leaderlog.core.paths import AppPaths
from leaderlog.data.store import open_database

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="sends SIGINT to a process group"),
]

ENTRIES = 60_000  # enough that the export is still writing when the signal arrives
# Ctrl+C comes this long after the temporary file appears: mid-write (core.atomic creates
# the file inside its try block, so an earlier Ctrl+C leaves nothing behind either)
MID_WRITE = 0.05


@pytest.fixture(scope="module")
def big_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.sqlite3"
    db = open_database(path)
    insert_entries(db, ENTRIES, leaders=20)
    db.dispose()
    return path


def _interrupt_once_started(
    argv: list[str], started: Callable[[], bool], delay: float = MID_WRITE
) -> tuple[int, str, str]:
    """Run leaderlog, press Ctrl+C (SIGINT to its whole process group, as a terminal does) once started() holds."""
    command = subprocess.Popen(
        [sys.executable, "-m", "leaderlog", *argv],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not started() and command.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(delay)
    assert command.poll() is None, "it finished before Ctrl+C; make the journal bigger"
    os.killpg(command.pid, signal.SIGINT)
    out, err = command.communicate(timeout=60)
    return command.returncode, out, err


def _assert_interrupted(code: int, err: str) -> None:
    assert code == 130
    assert err.startswith("leaderlog: interrupted (Ctrl+C)")
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def _hidden_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize("what", ["entries", "weekly"])
def test_ctrl_c_mid_export_leaves_no_file(
    big_journal: Path, tmp_path: Path, app_paths: AppPaths, what: str
) -> None:
    out = tmp_path / "out" / "export.csv"
    out.parent.mkdir()
    code, _stdout, err = _interrupt_once_started(
        ["--db", str(big_journal), "export", "--what", what, "--out", str(out)],
        lambda: bool(_hidden_files(out.parent)),  # its temporary file (and workers' folder)
    )
    _assert_interrupted(code, err)
    assert list(out.parent.iterdir()) == []  # neither the CSV nor a temporary file


def test_ctrl_c_mid_export_keeps_the_previous_file_whole(
    big_journal: Path, tmp_path: Path, app_paths: AppPaths
) -> None:
    out = tmp_path / "export.csv"
    out.write_text("the export from last week\n")
    code, _stdout, err = _interrupt_once_started(
        ["--db", str(big_journal), "export", "--what", "entries", "--out", str(out)],
        lambda: any(p.name.startswith(".export.csv.") for p in tmp_path.iterdir()),
    )
    _assert_interrupted(code, err)
    assert out.read_text() == "the export from last week\n"
    assert _hidden_files(tmp_path) == []


def test_ctrl_c_mid_review_pack_leaves_no_pdf(
    big_journal: Path, tmp_path: Path, app_paths: AppPaths
) -> None:
    out = tmp_path / "pack"
    out.mkdir()
    code, _stdout, err = _interrupt_once_started(
        ["--db", str(big_journal), "report", "--leader", "Leader 0001", "--from", "2020-01-06",
         "--to", "2020-12-31", "--out", str(out / "review.pdf")],
        lambda: bool(_hidden_files(out)),
    )  # fmt: skip
    _assert_interrupted(code, err)
    assert list(out.iterdir()) == []


def test_ctrl_c_mid_import_saves_nothing(
    big_journal: Path, tmp_path: Path, app_paths: AppPaths
) -> None:
    csv_file = tmp_path / "entries.csv"
    subprocess.run(
        [sys.executable, "-m", "leaderlog", "--db", str(big_journal), "export", "--what",
         "entries", "--out", str(csv_file)],
        check=True, capture_output=True,
    )  # fmt: skip
    target = tmp_path / "fresh.sqlite3"
    open_database(target).dispose()
    started = time.monotonic()
    code, _stdout, err = _interrupt_once_started(
        ["--db", str(target), "import", str(csv_file), "--create-missing"],
        lambda: time.monotonic() - started > 1.5,  # start-up done, rows being checked
    )
    _assert_interrupted(code, err)
    with sqlite3.connect(target) as connection:
        counted = [
            connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("leader", "day_log", "coaching_note", "reinforcement")
        ]
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert counted == [0, 0, 0, 0]


def test_ctrl_c_mid_backup_leaves_no_partial_copy(
    big_journal: Path, tmp_path: Path, app_paths: AppPaths
) -> None:
    journal = tmp_path / "journal.sqlite3"
    journal.write_bytes(big_journal.read_bytes())
    backups = journal.parent / "backups"
    code, _stdout, err = _interrupt_once_started(
        ["--db", str(journal), "backup"],
        lambda: backups.exists() and any(backups.iterdir()),
    )
    # the copy is verified before it is renamed into place: interrupted, nothing partial stays
    if code == 0:
        pytest.skip("the backup finished before Ctrl+C arrived")
    _assert_interrupted(code, err)
    assert [p for p in backups.iterdir() if p.name.endswith(".partial")] == []
