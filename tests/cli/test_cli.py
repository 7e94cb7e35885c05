"""The command line end to end through the real entry point: results on stdout, errors on stderr."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from leaderlog import __version__
from leaderlog.__main__ import main
from leaderlog.core.paths import AppPaths
from leaderlog.data.store import open_database
from leaderlog.journal import logbook, people


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def cli_db(tmp_path: Path, app_paths: AppPaths) -> str:
    return str(tmp_path / "cli.sqlite3")


def test_every_entry_command_works_end_to_end(
    capsys: pytest.CaptureFixture[str], cli_db: str
) -> None:
    db = ["--db", cli_db]
    assert (
        run_cli(
            capsys,
            *db,
            "leader",
            "add",
            "Ana Ruiz",
            "--team",
            "North",
            "--target-minutes",
            "45",
            "--workdays",
            "mon-fri",
        )[0]
        == 0
    )
    assert run_cli(capsys, *db, "member", "add", "Sam Lee", "--leader", "ana ruiz")[0] == 0
    assert run_cli(capsys, *db, "standard", "add", "Greet within 10 seconds")[0] == 0
    code, out, _ = run_cli(
        capsys,
        *db,
        "log",
        "--leader",
        "Ana Ruiz",
        "--date",
        "2026-11-20",
        "--minutes",
        "45",
        "--note",
        "Busy",
    )
    assert code == 0 and "45 min" in out
    code, out, _ = run_cli(
        capsys, *db, "coach", "--leader", "Ana Ruiz", "--member", "sam lee", "--date", "2026-11-20",
        "--observation", "Greeted late", "--standard", "greet within 10 seconds",
        "--action", "Watch the door", "--follow-up", "2026-11-27",
    )  # fmt: skip
    assert code == 0 and "follow up on 2026-11-27" in out
    code, out, _ = run_cli(
        capsys, *db, "reinforce", "--leader", "Ana Ruiz", "--kind", "recognition",
        "--date", "2026-11-20", "--description", "Stayed late", "--member", "Sam Lee",
    )  # fmt: skip
    assert code == 0 and "recognition for Sam Lee" in out

    code, out, _ = run_cli(
        capsys, *db, "list", "--leader", "Ana Ruiz", "--from", "2026-11-01", "--to", "2026-11-30"
    )
    assert code == 0
    assert "45 min" in out and "Greeted late" in out and "Stayed late" in out
    code, out, _ = run_cli(capsys, *db, "list", "--type", "coaching")
    assert "Greeted late" in out and "45 min" not in out

    code, out, _ = run_cli(capsys, *db, "leader", "list")
    assert "Ana Ruiz" in out and "North" in out and "45" in out
    assert "Sam Lee" in run_cli(capsys, *db, "member", "list")[1]
    assert "Greet within 10 seconds" in run_cli(capsys, *db, "standard", "list")[1]

    database = open_database(cli_db)
    try:
        ana = people.find_leader(database, "Ana Ruiz")
        assert ana.target_minutes == 45
        kinds = sorted(e.entry_type for e in logbook.list_entries(database, leader_ids=[ana.id]))
        [note] = logbook.list_follow_ups(database, ana.id)
    finally:
        database.dispose()
    assert kinds == ["coaching", "day", "reinforcement"]

    assert "2026-11-27" in run_cli(capsys, *db, "followups")[1]
    code, out, _ = run_cli(capsys, *db, "followup-done", str(note.id), "--date", "2026-11-21")
    assert code == 0 and "marked done on 2026-11-21" in out
    assert "No open follow-ups" in run_cli(capsys, *db, "followups")[1]


def test_date_defaults_to_today(capsys: pytest.CaptureFixture[str], cli_db: str) -> None:
    run_cli(capsys, "--db", cli_db, "leader", "add", "Ana Ruiz")
    code, out, _ = run_cli(capsys, "--db", cli_db, "log", "--leader", "Ana Ruiz", "--minutes", "30")
    assert code == 0 and dt.date.today().isoformat() in out


def test_leader_edit_and_archive(capsys: pytest.CaptureFixture[str], cli_db: str) -> None:
    run_cli(capsys, "--db", cli_db, "leader", "add", "Ana Ruiz")
    assert (
        run_cli(
            capsys,
            "--db",
            cli_db,
            "leader",
            "edit",
            "Ana Ruiz",
            "--team",
            "South",
            "--workdays",
            "tue-sat",
        )[0]
        == 0
    )
    out = run_cli(capsys, "--db", cli_db, "leader", "list")[1]
    assert "South" in out and "tue-sat" in out
    assert run_cli(capsys, "--db", cli_db, "leader", "archive", "Ana Ruiz")[0] == 0
    assert "No leaders yet" in run_cli(capsys, "--db", cli_db, "leader", "list")[1]
    assert "archived" in run_cli(capsys, "--db", cli_db, "leader", "list", "--all")[1]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["log", "--leader", "Nobody", "--minutes", "30"], "no leader named 'Nobody'"),
        (["log", "--leader", "Ana Ruiz", "--minutes", "-5"], "minutes: -5 is negative"),
        (["log", "--leader", "Ana Ruiz", "--minutes", "2000"], "at most 1440"),
        (
            ["log", "--leader", "Ana Ruiz", "--minutes", "30", "--date", "2999-01-01"],
            "in the future",
        ),
        (["leader", "add", "  "], "name: must not be empty"),
        (["leader", "add", "ana ruiz"], "already exists"),
        (["member", "add", "Sam", "--leader", "Nobody"], "no leader named"),
    ],
)
def test_user_errors_exit_non_zero_with_one_line_and_no_traceback(
    capsys: pytest.CaptureFixture[str], cli_db: str, argv: list[str], message: str
) -> None:
    run_cli(capsys, "--db", cli_db, "leader", "add", "Ana Ruiz")
    code, _out, err = run_cli(capsys, "--db", cli_db, *argv)
    assert code == 1
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str], cli_db: str) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--db", cli_db, "log", "--leader", "Ana", "--minutes", "3", "--date", "2026-02-30"])
    assert caught.value.code == 2
    assert "not a real calendar date" in capsys.readouterr().err


def test_demo_fills_an_empty_database_and_refuses_a_used_one(
    capsys: pytest.CaptureFixture[str], cli_db: str
) -> None:
    code, out, _ = run_cli(capsys, "--db", cli_db, "demo", "--seed", "3")
    assert code == 0 and "6 leaders" in out
    code, _, err = run_cli(capsys, "--db", cli_db, "demo")
    assert code == 1 and "already has leaders" in err


def test_demo_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    from leaderlog.journal.demo import fill_demo

    summaries = []
    for name in ("a", "b"):
        database = open_database(tmp_path / f"{name}.sqlite3")
        fill_demo(database, seed=11, end=dt.date(2026, 11, 20))
        summaries.append([(e.uuid, e.day) for e in logbook.list_entries(database)])
        database.dispose()
    assert summaries[0] == summaries[1] and len(summaries[0]) > 1000


def test_demo_flag_uses_a_separate_file_in_the_data_dir(
    capsys: pytest.CaptureFixture[str], app_paths: AppPaths
) -> None:
    code, out, _ = run_cli(capsys, "--demo", "leader", "list")
    assert code == 0 and "Ben Okafor" in out
    assert app_paths.demo_database_file.exists()
    assert not app_paths.database_file.exists()
    assert run_cli(capsys, "where")[1].startswith(f"database:  {app_paths.database_file}")


def test_db_option_and_environment_variable_choose_the_database(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    app_paths: AppPaths,
) -> None:
    monkeypatch.setenv("LEADERLOG_DB", str(tmp_path / "env.sqlite3"))
    run_cli(capsys, "leader", "add", "From Env")
    run_cli(capsys, "--db", f"sqlite:///{tmp_path / 'url.sqlite3'}", "leader", "add", "From Url")
    assert "From Env" in run_cli(capsys, "--db", str(tmp_path / "env.sqlite3"), "leader", "list")[1]
    assert "From Url" in run_cli(capsys, "--db", str(tmp_path / "url.sqlite3"), "leader", "list")[1]


def test_real_console_script_prints_version_help_and_clean_errors(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    env = {**os.environ, "LEADERLOG_HOME": str(tmp_path / "home")}
    command = [sys.executable, "-m", "leaderlog"]
    version = subprocess.run(
        [*command, "--version"], capture_output=True, text=True, env=env, check=True
    )
    assert version.stdout.strip() == f"LeaderLog {__version__}"
    for args in (
        [],
        ["leader"],
        ["leader", "add"],
        ["log"],
        ["coach"],
        ["reinforce"],
        ["list"],
        ["demo"],
    ):
        shown = subprocess.run([*command, *args, "--help"], capture_output=True, text=True, env=env)
        assert shown.returncode == 0 and "usage: leaderlog" in shown.stdout
    failed = subprocess.run(
        [*command, "--db", str(tmp_path / "x.sqlite3"), "log", "--leader", "Nobody", "--minutes", "5"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert failed.returncode == 1
    assert failed.stderr.strip().startswith("leaderlog: leader: no leader named 'Nobody'")
    assert "Traceback" not in failed.stderr


def test_database_problems_exit_3_with_a_plain_message(tmp_path: Path, app_paths: AppPaths) -> None:
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("hello")
    env = {**os.environ, "LEADERLOG_HOME": str(tmp_path / "home")}
    failed = subprocess.run(
        [sys.executable, "-m", "leaderlog", "--db", str(not_a_db), "leader", "list"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert failed.returncode == 3
    assert "is not a LeaderLog database" in failed.stderr and "Traceback" not in failed.stderr
    assert not_a_db.read_text() == "hello"
