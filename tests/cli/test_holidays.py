"""`leaderlog holidays set|add|import|list` through the real CLI: rows written, output, errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from leaderlog.cli.main import run
from leaderlog.core.paths import AppPaths
from leaderlog.data.store import open_database
from leaderlog.journal import holidays

ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:1@test
DTSTART;VALUE=DATE:20261224
DTEND;VALUE=DATE:20261225
SUMMARY:Christmas Eve
END:VEVENT
BEGIN:VEVENT
UID:2@test
DTSTART;VALUE=DATE:20261230
DTEND;VALUE=DATE:20270101
SUMMARY:Stocktake
END:VEVENT
END:VCALENDAR
"""


@pytest.fixture
def journal(tmp_path: Path, app_paths: AppPaths) -> Path:
    return tmp_path / "cli.sqlite3"


def cli(capsys: pytest.CaptureFixture[str], journal: Path, *argv: str) -> tuple[int, str, str]:
    code = run(["--db", str(journal), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def company_days(journal: Path) -> list[tuple[dt.date, str, str]]:
    db = open_database(journal)
    try:
        return [(d.day, d.name, d.team) for d in holidays.list_company_days(db)]
    finally:
        db.dispose()


def test_set_a_country_for_the_organisation_and_a_region_for_a_team(
    capsys: pytest.CaptureFixture[str], journal: Path
) -> None:
    code, out, err = cli(capsys, journal, "holidays", "set", "--country", "us")
    assert (code, err) == (0, "")
    assert out.startswith("The organisation now has the public holidays of United States: ")
    code, out, _ = cli(
        capsys,
        journal,
        "holidays",
        "set",
        "--team",
        "North",
        "--country",
        "DE",
        "--subdiv",
        "Bayern",
    )
    assert out.startswith("Team North now has the public holidays of Germany (BY): ")

    code, out, _ = cli(capsys, journal, "holidays", "list", "--year", "2026")
    assert (
        out.splitlines()[0]
        == "Days off of the organisation in 2026: public holidays of United States"
    )
    assert "2026-11-26  Thu  Thanksgiving Day" in out
    assert "Epiphany" not in out
    code, out, _ = cli(capsys, journal, "holidays", "list", "--team", "North", "--year", "2026")
    assert out.splitlines()[0] == "Days off of team North in 2026: public holidays of Germany (BY)"
    assert "2026-01-06  Tue  Epiphany" in out and "Thanksgiving" not in out

    db = open_database(journal)
    try:
        assert [(c.team, c.country, c.subdivision) for c in holidays.list_calendars(db)] == [
            ("", "US", ""),
            ("North", "DE", "BY"),
        ]
    finally:
        db.dispose()


def test_unknown_country_or_region_is_one_line_with_a_hint(
    capsys: pytest.CaptureFixture[str], journal: Path
) -> None:
    code, out, err = cli(capsys, journal, "holidays", "set", "--country", "Germny")
    assert (code, out) == (1, "")
    assert err.startswith("leaderlog: country: 'Germny' is not a country") and "DE (Germany)" in err
    code, _, err = cli(capsys, journal, "holidays", "set", "--country", "GB", "--subdiv", "XX")
    assert code == 1 and "'XX' is not a subdivision of United Kingdom" in err
    with pytest.raises(SystemExit) as exited:
        cli(capsys, journal, "holidays", "list", "--year", "12")
    assert exited.value.code == 2
    assert "use a year from 1900 to 2199" in capsys.readouterr().err


def test_company_days_added_by_hand_and_listed_with_public_ones(
    capsys: pytest.CaptureFixture[str], journal: Path
) -> None:
    cli(capsys, journal, "holidays", "set", "--country", "GB", "--subdiv", "SCT")
    code, out, _ = cli(
        capsys, journal, "holidays", "add", "--date", "2026-12-24", "--name", "Christmas Eve"
    )
    assert (code, out) == (
        0,
        "Added company day 2026-12-24 'Christmas Eve' for the organisation (#1)\n",
    )
    code, out, _ = cli(
        capsys,
        journal,
        "holidays",
        "add",
        "--team",
        "North",
        "--date",
        "2026-08-07",
        "--name",
        "Site move",
    )
    assert out == "Added company day 2026-08-07 'Site move' for team North (#2)\n"
    code, _, err = cli(
        capsys, journal, "holidays", "add", "--date", "2026-12-24", "--name", "Other"
    )
    assert code == 1 and "already a company day ('Christmas Eve')" in err
    assert company_days(journal) == [
        (dt.date(2026, 8, 7), "Site move", "North"),
        (dt.date(2026, 12, 24), "Christmas Eve", ""),
    ]
    _, out, _ = cli(capsys, journal, "holidays", "list", "--team", "North", "--year", "2026")
    assert "2026-08-07  Fri  Site move" in out and "2026-12-24  Thu  Christmas Eve" in out
    assert "2026-11-30  Mon  Saint Andrew's Day" in out
    _, out, _ = cli(capsys, journal, "holidays", "list", "--year", "2026")
    assert "Site move" not in out


def test_import_ics_twice_changes_nothing_the_second_time(
    capsys: pytest.CaptureFixture[str], journal: Path, tmp_path: Path
) -> None:
    ics = tmp_path / "company.ics"
    ics.write_text(ICS, encoding="utf-8")
    code, out, _ = cli(capsys, journal, "holidays", "import", str(ics), "--team", "North")
    assert (code, out) == (
        0,
        "Imported company.ics for team North: 3 added, 0 renamed, 0 already there\n",
    )
    code, out, _ = cli(capsys, journal, "holidays", "import", str(ics), "--team", "North")
    assert out == "Imported company.ics for team North: 0 added, 0 renamed, 3 already there\n"
    assert company_days(journal) == [
        (dt.date(2026, 12, 24), "Christmas Eve", "North"),
        (dt.date(2026, 12, 30), "Stocktake", "North"),
        (dt.date(2026, 12, 31), "Stocktake", "North"),
    ]


def test_import_csv_with_errors_names_lines_and_imports_nothing(
    capsys: pytest.CaptureFixture[str], journal: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "days.csv"
    bad.write_text("date,name\n2026-12-24,Christmas Eve\n2026-02-30,Leap\n2026-12-31,\n", "utf-8")
    code, out, err = cli(capsys, journal, "holidays", "import", str(bad))
    assert (code, out) == (1, "")
    assert (
        err.startswith("leaderlog: line 3, column A (date): ") and "line 4, column B (name)" in err
    )
    assert company_days(journal) == []
    good = tmp_path / "good.csv"
    good.write_text("date,name\n2026-12-24,Christmas Eve\n", "utf-8")
    code, out, _ = cli(capsys, journal, "holidays", "import", str(good))
    assert out == "Imported good.csv for the organisation: 1 added, 0 renamed, 0 already there\n"
    code, _, err = cli(capsys, journal, "holidays", "import", str(tmp_path / "missing.ics"))
    assert code == 1 and "missing.ics does not exist" in err


def test_list_without_any_holidays_says_how_to_add_them(
    capsys: pytest.CaptureFixture[str], journal: Path
) -> None:
    code, out, _ = cli(capsys, journal, "holidays", "list", "--year", "2026")
    assert code == 0
    assert out.splitlines() == [
        "Days off of the organisation in 2026: no public holiday calendar",
        "No holidays. Choose a country: leaderlog holidays set --country US, or add a company "
        'day: leaderlog holidays add --date 2026-12-24 --name "Christmas Eve"',
    ]
