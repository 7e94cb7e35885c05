"""Holiday calendars by country and subdivision, company days by hand or imported, merged per team."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from leaderlog.core.errors import DuplicateError, NotFoundError, ValidationError
from leaderlog.data.engine import Database
from leaderlog.journal import holidays

YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))

ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//LeaderLog tests//EN
BEGIN:VEVENT
UID:stocktake-2026@example.com
DTSTAMP:20260101T000000Z
DTSTART;VALUE=DATE:20260630
DTEND;VALUE=DATE:20260702
SUMMARY:Stocktake
END:VEVENT
BEGIN:VEVENT
UID:summer-party-2026@example.com
DTSTAMP:20260101T000000Z
DTSTART:20260821T140000Z
DTEND:20260821T220000Z
SUMMARY:Summer party
END:VEVENT
END:VCALENDAR
"""


def test_two_countries_with_subdivisions_come_from_the_holidays_package(db: Database) -> None:
    holidays.set_calendar(db, "GB", "SCT")
    holidays.set_calendar(db, "de", "by", team="Munich")
    scotland = holidays.holiday_dates(db, "North", *YEAR)
    bavaria = holidays.holiday_dates(db, "Munich", *YEAR)
    assert scotland[dt.date(2026, 1, 2)] == "New Year Holiday"  # Scotland only
    assert scotland[dt.date(2026, 11, 30)] == "Saint Andrew's Day"
    assert dt.date(2026, 1, 2) not in bavaria
    assert "Epiphany" in bavaria[dt.date(2026, 1, 6)]  # Bavaria, not all of Germany
    assert dt.date(2026, 1, 6) not in holidays.holiday_dates(db, "", *YEAR)
    calendars = holidays.list_calendars(db)
    assert [(c.team, c.country, c.subdivision) for c in calendars] == [
        ("", "GB", "SCT"),
        ("Munich", "DE", "BY"),
    ]
    assert calendars[0].describe() == "Organisation: United Kingdom (SCT)"


def test_country_and_subdivision_from_names_and_setting_again_replaces(db: Database) -> None:
    first = holidays.set_calendar(db, "Spain", "Madrid")
    assert (first.country, first.subdivision) == ("ES", "MD")
    again = holidays.set_calendar(db, "US")
    assert (again.id, again.country, again.subdivision) == (first.id, "US", "")
    thanksgiving = holidays.holiday_dates(db, "", dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert thanksgiving[dt.date(2026, 11, 26)] == "Thanksgiving Day"


def test_unknown_country_lists_near_matches(db: Database) -> None:
    with pytest.raises(ValidationError, match=r"'Germny' is not a country.*DE \(Germany\)") as err:
        holidays.set_calendar(db, "Germny")
    assert err.value.field == "country"
    with pytest.raises(ValidationError, match="is not a country"):
        holidays.set_calendar(db, "XQ")
    assert holidays.list_calendars(db) == []


def test_unknown_subdivision_lists_near_matches(db: Database) -> None:
    with pytest.raises(ValidationError, match=r"'SCO' is not a subdivision of United Kingdom.*SCT"):
        holidays.set_calendar(db, "GB", "SCO")
    with pytest.raises(ValidationError, match="subdivision") as err:
        holidays.set_calendar(db, "DE", "Texas")
    assert err.value.field == "subdivision"


def test_team_calendar_replaces_the_default_and_can_be_removed(db: Database) -> None:
    holidays.set_calendar(db, "US")
    holidays.set_calendar(db, "GB", "ENG", team="  London ")
    assert holidays.calendar_of(db, "London").country == "GB"  # type: ignore[union-attr]
    assert holidays.calendar_of(db, "Paris").country == "US"  # type: ignore[union-attr]
    holidays.remove_calendar(db, "London")
    assert holidays.calendar_of(db, "London").country == "US"  # type: ignore[union-attr]
    with pytest.raises(NotFoundError, match="London has no calendar"):
        holidays.remove_calendar(db, "London")


def test_company_days_add_to_the_public_holidays_for_their_team(db: Database) -> None:
    holidays.set_calendar(db, "US")
    everyone = holidays.add_company_day(db, "2026-12-24", "Christmas Eve")
    north = holidays.add_company_day(db, dt.date(2026, 7, 3), "Stocktake", team="North")
    assert (everyone.team, everyone.source, north.team) == ("", "manual", "North")
    assert holidays.holiday_dates(db, "North", *YEAR)[dt.date(2026, 7, 3)] == (
        "Independence Day (observed); Stocktake"
    )
    south = holidays.holiday_dates(db, "South", *YEAR)
    assert south[dt.date(2026, 12, 24)] == "Christmas Eve"
    assert south[dt.date(2026, 7, 3)] == "Independence Day (observed)"
    with pytest.raises(DuplicateError, match="already a company day \\('Christmas Eve'\\)"):
        holidays.add_company_day(db, "2026-12-24", "Eve")
    assert [d.name for d in holidays.list_company_days(db, team="South")] == ["Christmas Eve"]
    assert len(holidays.list_company_days(db, year=2026)) == 2
    listed = holidays.list_holidays(db, "North", 2026)
    assert [(h.name, h.source) for h in listed if h.day == dt.date(2026, 7, 3)] == [
        ("Independence Day (observed)", "public"),
        ("Stocktake", "company"),
    ]
    holidays.delete_company_day(db, north.id)
    assert len(holidays.list_company_days(db)) == 1


def test_without_a_calendar_only_company_days_are_off(db: Database) -> None:
    assert holidays.holiday_dates(db, "North", *YEAR) == {}
    holidays.add_company_day(db, "2026-12-24", "Christmas Eve")
    assert holidays.holiday_dates(db, "North", *YEAR) == {dt.date(2026, 12, 24): "Christmas Eve"}


def test_ics_import_expands_all_day_ranges_and_twice_changes_nothing(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "company.ics"
    path.write_text(ICS, encoding="utf-8")
    assert holidays.import_company_days(db, path, team="North") == holidays.ImportResult(3, 0, 0)
    days = holidays.list_company_days(db)
    assert [(d.day, d.name, d.team, d.source) for d in days] == [
        (dt.date(2026, 6, 30), "Stocktake", "North", "import"),
        (dt.date(2026, 7, 1), "Stocktake", "North", "import"),  # DTEND is exclusive
        (dt.date(2026, 8, 21), "Summer party", "North", "import"),
    ]
    again = holidays.import_company_days(db, path, team="North")
    assert again == holidays.ImportResult(0, 0, 3) and not again.changed
    assert holidays.list_company_days(db) == days


def test_csv_import_with_or_without_header_and_renames(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "days.csv"
    path.write_text("date,name\n2026-12-24,Christmas Eve\n\n2026-12-31,New Year's Eve\n")
    assert holidays.import_company_days(db, path) == holidays.ImportResult(2, 0, 0)
    path.write_text("2026-12-24,Christmas Eve (closed)\n2026-12-31,New Year's Eve\n")
    assert holidays.import_company_days(db, path) == holidays.ImportResult(0, 1, 1)
    assert [d.name for d in holidays.list_company_days(db)] == [
        "Christmas Eve (closed)",
        "New Year's Eve",
    ]


def test_csv_import_is_all_or_nothing_with_line_numbers(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "days.csv"
    path.write_text(
        "date,name\n2026-12-24,Christmas Eve\n24/12/2026,Eve\n2026-12-31\n2026-12-24,Other\n"
    )
    with pytest.raises(ValidationError) as err:
        holidays.import_company_days(db, path)
    fields = [problem.field for problem in err.value.problems]
    assert fields == ["line 3, column A (date)", "line 4", "line 5"]
    assert "also on line 2" in err.value.problems[2].message
    assert holidays.list_company_days(db) == []


def test_ics_errors_name_the_line_of_the_event(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "bad.ics"
    path.write_text(ICS.replace("SUMMARY:Summer party\n", ""), encoding="utf-8")
    with pytest.raises(ValidationError, match="line 11, SUMMARY: the event has no name"):
        holidays.import_company_days(db, path)
    assert holidays.list_company_days(db) == []
    path.write_text("BEGIN:VCALENDAR\nthis is not ical\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        holidays.import_company_days(db, path)
    assert err.value.field == "file"


def test_import_refuses_missing_and_unknown_files(db: Database, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="does not exist"):
        holidays.import_company_days(db, tmp_path / "nope.ics")
    other = tmp_path / "days.xlsx"
    other.write_bytes(b"PK")
    with pytest.raises(ValidationError, match=r"an \.ics or a \.csv"):
        holidays.import_company_days(db, other)
