"""`leaderlog leave export|import` and `leaderlog holidays export`, through the real CLI."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from leaderlog.cli.main import run
from leaderlog.core.paths import AppPaths
from leaderlog.data.store import open_database
from leaderlog.journal import holidays, people, time_off


@pytest.fixture
def journal(tmp_path: Path, app_paths: AppPaths) -> Path:
    """Ana Ruiz with a fortnight's vacation and a sick day; Ben Okafor with a training day."""
    path = tmp_path / "cli.sqlite3"
    db = open_database(path)
    ana = people.add_leader(db, "Ana Ruiz", team="North")
    ben = people.add_leader(db, "Ben Okafor", team="South")
    time_off.add(db, ana.id, "2026-08-03", "2026-08-14", "vacation", "Porto")
    time_off.add(db, ana.id, "2026-09-07", None, "sick")
    time_off.add(db, ben.id, "2026-10-01", None, "training")
    holidays.add_company_day(db, "2026-12-24", "Christmas Eve")
    db.dispose()
    return path


def cli(capsys: pytest.CaptureFixture[str], journal: Path, *argv: str) -> tuple[int, str, str]:
    code = run(["--db", str(journal), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def leave_of(journal: Path) -> list[tuple[int, dt.date, dt.date, str, str]]:
    db = open_database(journal)
    try:
        return [
            (r.leader_id, r.first_day, r.last_day, r.kind, r.note)
            for r in time_off.list_time_off(db)
        ]
    finally:
        db.dispose()


def test_leave_exported_then_imported_into_a_new_journal_is_the_same_leave(
    capsys: pytest.CaptureFixture[str], journal: Path, tmp_path: Path
) -> None:
    out = tmp_path / "leave.csv"
    code, stdout, err = cli(capsys, journal, "leave", "export", str(out))
    assert (code, err) == (0, "")
    assert stdout == f"Exported 3 ranges of leave to {out}\n"

    fresh = tmp_path / "fresh.sqlite3"
    db = open_database(fresh)
    people.add_leader(db, "Ana Ruiz", team="North")
    people.add_leader(db, "Ben Okafor", team="South")
    db.dispose()
    code, stdout, err = cli(capsys, fresh, "leave", "import", str(out))
    assert (code, err) == (0, "")
    assert stdout == "Imported leave.csv: 3 range(s) of leave added, 0 updated, 0 already there\n"
    assert leave_of(fresh) == leave_of(journal)
    code, stdout, _ = cli(capsys, fresh, "leave", "import", str(out))
    assert stdout == "Imported leave.csv: 0 range(s) of leave added, 0 updated, 3 already there\n"


def test_leave_export_of_one_leader(
    capsys: pytest.CaptureFixture[str], journal: Path, tmp_path: Path
) -> None:
    out = tmp_path / "ben.csv"
    code, stdout, _ = cli(capsys, journal, "leave", "export", str(out), "--leader", "ben okafor")
    assert (code, stdout) == (0, f"Exported 1 range of leave of Ben Okafor to {out}\n")
    assert out.read_text().count("\n") == 2  # the header and Ben's one range


def test_a_bad_leave_file_imports_nothing_and_lists_its_problems(
    capsys: pytest.CaptureFixture[str], journal: Path, tmp_path: Path
) -> None:
    before = leave_of(journal)
    sheet = tmp_path / "bad.csv"
    sheet.write_text(
        "leader,from,to\nAna Ruiz,2026-11-02,2026-11-06\nAna Ruiz,2026-11-09,2026-11-0x\n"
        "Nobody,2026-11-02,\n"
    )
    code, stdout, err = cli(capsys, journal, "leave", "import", str(sheet))
    assert (code, stdout) == (1, "")
    lines = err.splitlines()
    assert lines[0].endswith(f"{sheet}: nothing was imported; 2 problem(s):")
    assert lines[1].startswith("  line 3, column C (to): ")
    assert lines[2] == "  line 4, column A (leader): no leader named 'Nobody'; add the leader first"
    assert leave_of(journal) == before  # line 2 was fine, and was not imported either


def test_holidays_export_reads_back_with_holidays_import(
    capsys: pytest.CaptureFixture[str], journal: Path, tmp_path: Path
) -> None:
    out = tmp_path / "days.csv"
    code, stdout, _ = cli(capsys, journal, "holidays", "export", str(out))
    assert code == 0
    assert stdout.startswith(f"Exported 1 company day of the organisation to {out}")
    assert out.read_text().splitlines() == ["date,name", "2026-12-24,Christmas Eve"]
    fresh = tmp_path / "fresh.sqlite3"
    open_database(fresh).dispose()
    code, stdout, _ = cli(capsys, fresh, "holidays", "import", str(out), "--team", "North")
    assert (code, stdout) == (
        0,
        "Imported days.csv for team North: 1 added, 0 renamed, 0 already there\n",
    )
    db = open_database(fresh)
    try:
        assert [(d.day, d.name, d.team) for d in holidays.list_company_days(db)] == [
            (dt.date(2026, 12, 24), "Christmas Eve", "North")
        ]
    finally:
        db.dispose()


def test_leave_import_as_a_real_subprocess(journal: Path, tmp_path: Path) -> None:
    out = tmp_path / "leave.csv"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    exported = subprocess.run(
        [sys.executable, "-m", "leaderlog", "--db", str(journal), "leave", "export", str(out)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    out.write_text(
        out.read_text().replace("2026-09-07,2026-09-07,sick", "2026-09-07,2026-09-08,sick")
    )
    imported = subprocess.run(
        [sys.executable, "-m", "leaderlog", "--db", str(journal), "leave", "import", str(out)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    assert "0 range(s) of leave added, 1 updated, 2 already there" in imported.stdout
    assert (dt.date(2026, 9, 7), dt.date(2026, 9, 8)) in [r[1:3] for r in leave_of(journal)]
