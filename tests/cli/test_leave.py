"""`leaderlog leave ...` and `leaderlog leader edit --from/--start`, `leader history`, through the real CLI."""

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
from leaderlog.journal import logbook, people, settings_history, time_off


@pytest.fixture
def journal(tmp_path: Path, app_paths: AppPaths) -> Path:
    """A journal with Ana Ruiz, whose record starts on 5 Jan 2026."""
    path = tmp_path / "cli.sqlite3"
    db = open_database(path)
    ana = people.add_leader(db, "Ana Ruiz", team="North")
    settings_history.set_start_date(db, ana.id, "2026-01-05")
    db.dispose()
    return path


def cli(capsys: pytest.CaptureFixture[str], journal: Path, *argv: str) -> tuple[int, str, str]:
    code = run(["--db", str(journal), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def rows(journal: Path) -> list[time_off.TimeOff]:
    db = open_database(journal)
    try:
        return time_off.list_time_off(db)
    finally:
        db.dispose()


def test_leave_add_list_delete(capsys: pytest.CaptureFixture[str], journal: Path) -> None:
    code, out, err = cli(
        capsys, journal, "leave", "add", "--leader", "ana ruiz", "--from", "2026-08-03",
        "--to", "2026-08-14", "--note", "Summer in Porto",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == "Added vacation 2026-08-03 to 2026-08-14 for Ana Ruiz (#1): 10 workdays off\n"
    code, out, _ = cli(
        capsys, journal, "leave", "add", "--leader", "Ana Ruiz", "--from", "2026-09-07",
        "--kind", "sick",
    )  # fmt: skip
    assert out == "Added sick leave on 2026-09-07 for Ana Ruiz (#2): 1 workday off\n"
    assert [(r.first_day, r.last_day, r.kind, r.note) for r in rows(journal)] == [
        (dt.date(2026, 8, 3), dt.date(2026, 8, 14), "vacation", "Summer in Porto"),
        (dt.date(2026, 9, 7), dt.date(2026, 9, 7), "sick", ""),
    ]

    code, out, _ = cli(capsys, journal, "leave", "list", "--leader", "Ana Ruiz")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "leader", "from", "to", "days", "kind", "note"]
    assert lines[2].split() == [
        "1", "Ana", "Ruiz", "2026-08-03", "2026-08-14", "12", "Vacation", "Summer", "in", "Porto",
    ]  # fmt: skip
    assert lines[3].split() == [
        "2",
        "Ana",
        "Ruiz",
        "2026-09-07",
        "2026-09-07",
        "1",
        "Sick",
        "leave",
    ]
    code, out, _ = cli(capsys, journal, "leave", "list", "--from", "2026-09-01")
    assert len(out.splitlines()) == 3 and "2026-09-07" in out

    assert cli(capsys, journal, "leave", "delete", "1")[1] == (
        "Deleted vacation 2026-08-03 to 2026-08-14 of Ana Ruiz (#1)\n"
    )
    assert [r.id for r in rows(journal)] == [2]
    code, out, _ = cli(capsys, journal, "leave", "list", "--to", "2026-08-31")
    assert code == 0 and out.startswith("No leave recorded in that period.")


def test_leave_errors_are_one_line_and_write_nothing(
    capsys: pytest.CaptureFixture[str], journal: Path
) -> None:
    cli(
        capsys,
        journal,
        "leave",
        "add",
        "--leader",
        "Ana Ruiz",
        "--from",
        "2026-08-03",
        "--to",
        "2026-08-14",
    )
    code, out, err = cli(
        capsys, journal, "leave", "add", "--leader", "Ana Ruiz", "--from", "2026-08-10"
    )
    assert (code, out) == (1, "")
    assert err == (
        "leaderlog: first day: overlaps vacation 2026-08-03 to 2026-08-14 (#1) already "
        "recorded; edit that range instead\n"
    )
    code, _, err = cli(
        capsys, journal, "leave", "add", "--leader", "Ana Ruiz", "--from", "2026-08-20",
        "--to", "2026-08-19",
    )  # fmt: skip
    assert code == 1 and "is before the first day 2026-08-20" in err
    code, _, err = cli(capsys, journal, "leave", "add", "--leader", "Bo", "--from", "2026-08-20")
    assert code == 1 and err.startswith("leaderlog: leader: no leader named 'Bo'")
    code, _, err = cli(capsys, journal, "leave", "delete", "99")
    assert (code, err) == (1, "leaderlog: time off: no time off with id 99\n")
    with pytest.raises(SystemExit) as exited:  # a kind argparse does not know: usage, 2
        cli(
            capsys,
            journal,
            "leave",
            "add",
            "--leader",
            "Ana Ruiz",
            "--from",
            "2026-08-20",
            "--kind",
            "holiday",
        )
    assert exited.value.code == 2
    assert "invalid choice: 'holiday'" in capsys.readouterr().err
    assert len(rows(journal)) == 1


def test_leader_edit_from_a_date_keeps_the_weeks_before(
    capsys: pytest.CaptureFixture[str], journal: Path
) -> None:
    code, out, _ = cli(
        capsys, journal, "leader", "edit", "Ana Ruiz", "--target-minutes", "120",
        "--from", "2026-06-01",
    )  # fmt: skip
    assert (code, out) == (0, "Updated leader Ana Ruiz (from 2026-06-01)\n")
    cli(capsys, journal, "leader", "edit", "Ana Ruiz", "--team", "South", "--from", "2026-09-07")
    db = open_database(journal)
    try:
        ana = people.find_leader(db, "Ana Ruiz")
        calendar = settings_history.calendar_for(
            db, ana.id, dt.date(2026, 5, 25), dt.date(2026, 9, 13)
        )
        assert calendar.settings_on(dt.date(2026, 5, 29)).target_minutes == 60
        assert calendar.settings_on(dt.date(2026, 6, 1)).target_minutes == 120
        assert calendar.settings_on(dt.date(2026, 9, 4)).team == "North"
        assert calendar.settings_on(dt.date(2026, 9, 7)).team == "South"
    finally:
        db.dispose()

    code, out, _ = cli(capsys, journal, "leader", "history", "ana ruiz")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Ana Ruiz: record starts 2026-01-05"
    assert [line.split() for line in lines[3:]] == [
        ["2026-01-05", "North", "mon-fri", "60", "3", "5"],
        ["2026-06-01", "North", "mon-fri", "120", "3", "5"],
        ["2026-09-07", "South", "mon-fri", "120", "3", "5"],
    ]


def test_leader_history_of_a_leader_never_changed_is_one_period_from_the_start(
    capsys: pytest.CaptureFixture[str], journal: Path
) -> None:
    code, out, _ = cli(capsys, journal, "leader", "history", "Ana Ruiz")
    assert code == 0
    assert out.splitlines()[3].split() == ["2026-01-05", "North", "mon-fri", "60", "3", "5"]


def test_leader_edit_start_sets_and_derives_the_start_date(
    capsys: pytest.CaptureFixture[str], journal: Path
) -> None:
    code, out, _ = cli(capsys, journal, "leader", "edit", "Ana Ruiz", "--start", "2026-08-03")
    assert (code, out) == (0, "Ana Ruiz's record starts 2026-08-03 (set by hand)\n")
    db = open_database(journal)
    ana = people.find_leader(db, "Ana Ruiz")
    logbook.add_day_log(db, ana.id, dt.date(2026, 3, 2), 30, today=dt.date(2026, 11, 20))
    db.dispose()
    code, out, _ = cli(capsys, journal, "leader", "edit", "Ana Ruiz", "--start", "auto")
    assert out == "Ana Ruiz's record starts 2026-03-02 (the earlier of added and first entry)\n"
    code, out, _ = cli(capsys, journal, "leader", "edit", "Ana Ruiz")
    assert (code, out) == (1, "Nothing to change; give at least one option (see --help).\n")


def test_leave_through_a_real_process(tmp_path: Path, journal: Path) -> None:
    env = {**os.environ, "LEADERLOG_HOME": str(tmp_path / "home")}
    command = [sys.executable, "-m", "leaderlog", "--db", str(journal)]
    added = subprocess.run(
        [*command, "leave", "add", "--leader", "Ana Ruiz", "--from", "2026-12-21", "--to", "2027-01-01", "--kind", "vacation"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("Added vacation 2026-12-21 to 2027-01-01 for Ana Ruiz (#1)")
    shown = subprocess.run(
        [*command, "leader", "history", "Nobody"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert shown.returncode == 1 and "Traceback" not in shown.stderr
    assert shown.stderr.startswith("leaderlog: leader: no leader named 'Nobody'")
