"""Bad input on the command line (issue 15, issue 16 #11): one plain line and a status, never a traceback or an obeyed escape."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.bulk_entries import add_people

from leaderlog.__main__ import main
from leaderlog.core.paths import AppPaths
from leaderlog.core.text import terminal_safe
from leaderlog.data.store import open_database
from leaderlog.journal import logbook, people

RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\r")


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse: usage errors and --help
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def journal(tmp_path: Path, app_paths: AppPaths) -> Path:
    """A journal with Ana Ruiz, her team member Sam Lee, and one day logged."""
    path = tmp_path / "journal.sqlite3"
    db = open_database(path)
    leader = people.add_leader(db, "Ana Ruiz", team="North")
    people.add_member(db, leader.id, "Sam Lee")
    logbook.add_day_log(db, leader.id, dt.date(2026, 11, 20), 45, "steady")
    db.dispose()
    return path


def _rows(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return list(connection.iterdump())


def _no_raw_controls(text: str) -> bool:
    return not any(control in text for control in RAW_CONTROLS)


@pytest.mark.parametrize(
    "command",
    [
        ["coach", "--leader", "Ana Ruiz", "--member", "Sma Lee", "--observation", "Late"],
        ["reinforce", "--leader", "Ana Ruiz", "--member", "Sma Lee", "--kind", "praise",
         "--description", "Stayed late"],
    ],
)  # fmt: skip
def test_a_misspelt_team_member_is_named_as_missing_with_the_nearest_name(
    capsys: pytest.CaptureFixture[str], journal: Path, command: list[str]
) -> None:
    before = _rows(journal)
    code, out, err = run_cli(capsys, "--db", str(journal), *command)
    assert code == 1 and out == ""
    assert err.startswith("leaderlog: member: no team member named 'Sma Lee' in Ana Ruiz's team;")
    assert "did you mean 'Sam Lee'?" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert _rows(journal) == before


def test_a_member_lookup_in_an_empty_team_says_the_team_has_no_members(
    capsys: pytest.CaptureFixture[str], journal: Path
) -> None:
    db = open_database(journal)
    people.add_leader(db, "Ben Okafor")
    db.dispose()
    code, _out, err = run_cli(
        capsys, "--db", str(journal), "coach", "--leader", "Ben Okafor", "--member", "Sam Lee",
        "--observation", "Late",
    )  # fmt: skip
    assert code == 1
    assert "no team member named 'Sam Lee' in Ben Okafor's team; the team has no members yet" in err


def test_names_and_notes_stored_with_escapes_are_printed_escaped(
    capsys: pytest.CaptureFixture[str], journal: Path
) -> None:
    # written behind the validation's back, as a journal from before it could hold
    evil_name = "Evil\x1b[2J\x1b]0;pwned\x07 Boss"
    evil_note = "ok\x1b[31m red\x9b5m"
    with sqlite3.connect(journal) as connection:
        connection.execute("UPDATE leader SET name = ? WHERE name = 'Ana Ruiz'", (evil_name,))
        connection.execute("UPDATE day_log SET note = ?", (evil_note,))
    for command in (["leader", "list"], ["list"], ["member", "list"]):
        code, out, err = run_cli(capsys, "--db", str(journal), *command)
        assert code == 0, err
        assert _no_raw_controls(out), command
        assert terminal_safe(evil_name) in out
    out = run_cli(capsys, "--db", str(journal), "list")[1]
    assert terminal_safe(evil_note) in out


@pytest.mark.parametrize(
    "command",
    [
        ["log", "--leader", "\x1b[2JNobody", "--minutes", "5"],  # the domain's message echoes it
        ["leader", "add", "X", "--target-minutes", "\x1b[31m"],  # argparse's message echoes it
        ["list", "--type", "\x07bell"],  # argparse's choices message echoes it
        ["no-such-\x1b[5mcommand"],
    ],
)
def test_error_messages_that_echo_the_input_escape_it(
    capsys: pytest.CaptureFixture[str], journal: Path, command: list[str]
) -> None:
    code, out, err = run_cli(capsys, "--db", str(journal), *command)
    assert code in (1, 2)
    assert err and _no_raw_controls(err) and _no_raw_controls(out)
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("command", "bounds"),
    [
        (["list", "--limit", "0"], "from 1 to 1000000"),
        (["list", "--limit", "99999999999999999999999"], "from 1 to 1000000"),
        (["delete", "--type", "day", "--id", "-3"], "from 1 to 9223372036854775807"),
        (["followup-done", "99999999999999999999"], "from 1 to 9223372036854775807"),
        (["leader", "add", "Cy", "--target-minutes", "1441"], "from 0 to 1440"),
        (["leader", "edit", "Ana Ruiz", "--target-coaching", "-1"], "from 0 to 1000"),
        (["demo", "--weeks", "99999999"], "from 26 to 520"),
        (["backup", "--keep-daily", "10000"], "from 0 to 1000"),
        # int() would take these; the domain's rule takes ASCII digits only
        (["list", "--limit", "1_000"], "'1_000' is not a whole number; use a whole number from 1"),
        (["list", "--limit", "\u0663"], "is not a whole number; use a whole number from 1"),
    ],
)
def test_numeric_options_refuse_out_of_range_values_naming_the_bounds(
    capsys: pytest.CaptureFixture[str], journal: Path, command: list[str], bounds: str
) -> None:
    before = _rows(journal)
    code, _out, err = run_cli(capsys, "--db", str(journal), *command)
    assert code == 2
    assert bounds in err and "Traceback" not in err
    assert _rows(journal) == before


@pytest.mark.parametrize(
    ("command", "bounds"),
    [
        (["list"], "1 to 1,000,000"),
        (["log"], "0 to 1440"),
        (["leader", "add"], "0 to 1000"),
        (["demo"], "26 to 520"),
        (["backup"], "0 to 1000"),
    ],
)
def test_help_names_the_bounds_of_numeric_options(
    capsys: pytest.CaptureFixture[str], command: list[str], bounds: str
) -> None:
    code, out, _err = run_cli(capsys, *command, "--help")
    assert code == 0
    assert bounds in " ".join(out.split())


@pytest.mark.parametrize(
    "command",
    [
        ["log", "--leader", "Ana Ruiz", "--minutes", "5", "--date", "+99999999"],
        ["log", "--leader", "Ana Ruiz", "--minutes", "5", "--date", "0001-01-01"],
        ["log", "--leader", "Ana Ruiz", "--minutes", "5", "--date", "9999-12-31"],
        ["coach", "--leader", "Ana Ruiz", "--member", "Sam Lee", "--observation", "x",
         "--follow-up", "+99999999999"],
        ["followup-done", "1", "--date", "0001-01-01"],
    ],
)  # fmt: skip
def test_dates_outside_the_policy_are_plain_errors_and_write_nothing(
    capsys: pytest.CaptureFixture[str], journal: Path, command: list[str]
) -> None:
    before = _rows(journal)
    code, _out, err = run_cli(capsys, "--db", str(journal), *command)
    assert code in (1, 2), err
    assert "Traceback" not in err and "Error" not in err
    assert _rows(journal) == before


@pytest.mark.parametrize(
    ("date", "allowed"),
    [
        ("+99999999", "relative dates go from -3660 to +3660 days"),
        ("-5000", "relative dates go from -3660 to +3660 days"),
        ("2026-02-30", "'2026-02-30' is not a real calendar date"),
        ("next week", "use YYYY-MM-DD (e.g. 2026-11-20), today, yesterday, tomorrow"),
        ("0001-01-01", "entries are dated from 1990-01-01 to today"),
    ],
)
def test_a_refused_date_says_what_is_allowed_in_one_line(
    capsys: pytest.CaptureFixture[str], journal: Path, date: str, allowed: str
) -> None:
    before = _rows(journal)
    log = ["log", "--leader", "Ana Ruiz", "--minutes", "5", "--date", date]
    code, _out, err = run_cli(capsys, "--db", str(journal), *log)
    assert code in (1, 2)
    assert allowed in err.strip().splitlines()[-1]  # the one line that says what is wrong
    assert "Traceback" not in err
    assert _rows(journal) == before


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--what", "weekly", "--week-start", "sunday", "--to", "9999-12-31"],
        ["export", "--what", "weekly", "--from", "0001-01-01", "--to", "9999-12-31"],
        ["export", "--what", "entries", "--from", "0001-01-01", "--to", "9999-12-31"],
        ["list", "--from", "0001-01-01", "--to", "9999-12-31"],
    ],
)
def test_export_and_list_ranges_wider_than_the_data_are_fine(
    capsys: pytest.CaptureFixture[str], journal: Path, tmp_path: Path, command: list[str]
) -> None:
    if command[0] == "export":
        command = [*command, "--out", str(tmp_path / "out.csv")]
    code, _out, err = run_cli(capsys, "--db", str(journal), *command)
    assert code == 0, err
    assert "Traceback" not in err


def test_output_into_a_closed_pipe_ends_quietly(tmp_path: Path, app_paths: AppPaths) -> None:
    path = tmp_path / "many.sqlite3"
    db = open_database(path)
    add_people(db, 3000)  # a listing far bigger than a pipe's buffer
    db.dispose()
    listing = subprocess.Popen(
        [sys.executable, "-m", "leaderlog", "--db", str(path), "leader", "list"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,  # LEADERLOG_HOME: app_paths
    )  # fmt: skip
    assert listing.stdout is not None and listing.stderr is not None
    first = listing.stdout.readline()  # what `| head -1` reads before it exits
    listing.stdout.close()
    err = listing.stderr.read().decode()
    assert listing.wait(timeout=60) == 141  # 128 + SIGPIPE, as the shell reports for `cat`
    assert first.startswith(b"leader")
    assert err == ""  # no BrokenPipeError traceback, no "Exception ignored" at exit
