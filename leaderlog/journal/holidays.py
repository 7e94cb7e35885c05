"""Use cases for public holidays and company days: the days off an organisation or a team shares.

A holiday calendar names a country (and optional subdivision) of the ``holidays``
package: the organisation's default (team '') and optionally one per team, which
replaces the default for that team. Company days are added by hand or imported from an
``.ics`` file or a CSV (``date,name``); they are the organisation's (team '') or one
team's, and add to the public holidays. ``holiday_dates`` merges both for a team.

The ``holidays`` and ``icalendar`` packages are imported only when first needed.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from leaderlog.core.errors import DuplicateError, FieldProblem, NotFoundError, ValidationError
from leaderlog.core.text import column_letter
from leaderlog.core.validation import as_date, as_name
from leaderlog.data import models
from leaderlog.data.engine import Database

MAX_HOLIDAY_NAME = 200
MAX_IMPORT_DAYS = 5000
"""an import larger than this is not a holiday calendar (a typo'd year range, another file)"""


@dataclass(frozen=True)
class HolidayCalendar:
    id: int
    uuid: str
    team: str
    """'' for the organisation's default calendar"""
    country: str
    country_name: str
    subdivision: str
    """'' when the whole country's holidays apply"""
    version: int

    def describe(self) -> str:
        where = self.country_name + (f" ({self.subdivision})" if self.subdivision else "")
        return f"{self.team or 'Organisation'}: {where}"


@dataclass(frozen=True)
class CompanyDay:
    id: int
    uuid: str
    day: dt.date
    name: str
    team: str
    """'' for the whole organisation"""
    source: Literal["manual", "import"]
    version: int


@dataclass(frozen=True)
class Holiday:
    """One day off in a team's calendar, wherever it came from."""

    day: dt.date
    name: str
    source: Literal["public", "company"]


@dataclass(frozen=True)
class ImportResult:
    """What an import changed: company days added, renamed, and already there."""

    added: int
    renamed: int
    unchanged: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.renamed)


# ---------------------------------------------------------------- countries


@lru_cache(maxsize=1)
def supported_countries() -> dict[str, tuple[str, ...]]:
    """Country code -> its subdivision codes, as the ``holidays`` package supports them."""
    import holidays

    return {code: tuple(subdivs) for code, subdivs in holidays.list_supported_countries().items()}


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Country code (alpha-2) -> English name ('United Kingdom')."""
    from holidays import registry

    names: dict[str, str] = {}
    for class_name, code, *_ in registry.COUNTRIES.values():
        names[code] = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", class_name)
    return names


@lru_cache(maxsize=64)
def _subdivision_aliases(country: str) -> dict[str, str]:
    import holidays

    aliases = getattr(holidays.country_holidays(country), "subdivisions_aliases", {}) or {}
    return {str(name): str(code) for name, code in aliases.items()}


def as_country(value: str, field: str = "country") -> str:
    """A supported country code from a code or an English name ('de', 'Germany' -> 'DE')."""
    text = " ".join((value or "").split())
    if not text:
        raise ValidationError(field, "choose a country, e.g. US, GB, DE or ES")
    codes = supported_countries()
    names = {name.casefold(): code for code, name in country_names().items() if code in codes}
    if text.upper() in codes and len(text) == 2:
        return text.upper()
    if text.casefold() in names:
        return names[text.casefold()]
    near = difflib.get_close_matches(text.upper(), [c for c in codes if len(c) == 2], n=3)
    near += [
        names[n] for n in difflib.get_close_matches(text.casefold(), list(names), n=3, cutoff=0.6)
    ]
    hint = (
        "did you mean "
        + ", ".join(f"{c} ({country_names().get(c, c)})" for c in dict.fromkeys(near))
        if near
        else "use a two-letter country code such as US, GB, DE or ES"
    )
    raise ValidationError(field, f"'{text}' is not a country LeaderLog knows holidays for; {hint}")


def as_subdivision(country: str, value: str | None, field: str = "subdivision") -> str:
    """A subdivision code of the country, from a code or a name ('Bayern' -> 'BY'), or ''."""
    text = " ".join((value or "").split())
    if not text:
        return ""
    subdivisions = supported_countries()[country]
    by_upper = {s.upper(): s for s in subdivisions}
    if text.upper() in by_upper:
        return by_upper[text.upper()]
    aliases = {name.casefold(): code for name, code in _subdivision_aliases(country).items()}
    if text.casefold() in aliases:
        return aliases[text.casefold()]
    if not subdivisions:
        raise ValidationError(
            field, f"{country_names().get(country, country)} has no subdivisions; leave it empty"
        )
    near = difflib.get_close_matches(text.upper(), list(by_upper), n=4, cutoff=0.4)
    near += [aliases[n] for n in difflib.get_close_matches(text.casefold(), list(aliases), n=3)]
    listed = ", ".join(dict.fromkeys(near)) if near else ", ".join(subdivisions[:12])
    raise ValidationError(
        field,
        f"'{text}' is not a subdivision of {country_names().get(country, country)}; "
        f"{'did you mean' if near else 'use one of'} {listed}"
        + ("" if near or len(subdivisions) <= 12 else ", ..."),
    )


@lru_cache(maxsize=256)
def public_holidays(country: str, subdivision: str, year: int) -> tuple[tuple[dt.date, str], ...]:
    """The ``holidays`` package's public holidays of one year, by date (observed days included)."""
    import holidays

    calendar = holidays.country_holidays(country, subdiv=subdivision or None, years=year)
    return tuple(sorted(calendar.items()))


# ---------------------------------------------------------------- records and helpers


def _clean_team(team: str | None) -> str:
    return " ".join((team or "").split())


def calendar_record(row: models.HolidayCalendar) -> HolidayCalendar:
    return HolidayCalendar(
        id=row.id,
        uuid=str(row.uuid),
        team=row.team,
        country=row.country,
        country_name=country_names().get(row.country, row.country),
        subdivision=row.subdivision,
        version=row.version,
    )


def company_day_record(row: models.CompanyDay) -> CompanyDay:
    return CompanyDay(
        id=row.id,
        uuid=str(row.uuid),
        day=row.day,
        name=row.name,
        team=row.team,
        source=row.source,  # type: ignore[arg-type]
        version=row.version,
    )


# ---------------------------------------------------------------- calendars


def set_calendar(
    db: Database, country: str, subdivision: str | None = None, team: str | None = None
) -> HolidayCalendar:
    """Use a country's (and subdivision's) public holidays for the organisation or one team."""
    clean_team = _clean_team(team)
    code = as_country(country)
    subdiv = as_subdivision(code, subdivision)

    with db.write() as session:
        row = session.scalar(
            select(models.HolidayCalendar).where(models.HolidayCalendar.team == clean_team)
        )
        if row is None:
            row = models.HolidayCalendar(team=clean_team, country=code, subdivision=subdiv)
            session.add(row)
        elif (row.country, row.subdivision) != (code, subdiv):
            row.country, row.subdivision = code, subdiv
        session.flush()
        return calendar_record(row)


def remove_calendar(db: Database, team: str | None = None) -> None:
    """Stop using public holidays for a team (it falls back to the organisation's) or at all."""
    clean_team = _clean_team(team)
    with db.write() as session:
        result = session.execute(
            delete(models.HolidayCalendar).where(models.HolidayCalendar.team == clean_team)
        )
        if not result.rowcount:  # type: ignore[attr-defined]
            raise NotFoundError(
                "team",
                f"team {clean_team} has no calendar of its own"
                if clean_team
                else "the organisation has no holiday calendar",
            )


def list_calendars(db: Database) -> list[HolidayCalendar]:
    """Every holiday calendar, the organisation's first, then the teams' by name."""
    with db.read() as session:
        rows = session.scalars(select(models.HolidayCalendar).order_by(models.HolidayCalendar.team))
        return [calendar_record(row) for row in rows]


def calendar_of(db: Database, team: str | None = None) -> HolidayCalendar | None:
    """The calendar a team uses: its own, else the organisation's, else None."""
    clean_team = _clean_team(team)
    by_team = {calendar.team: calendar for calendar in list_calendars(db)}
    return by_team.get(clean_team) or by_team.get("")


# ---------------------------------------------------------------- company days


def add_company_day(
    db: Database, day: dt.date | str, name: str, team: str | None = None
) -> CompanyDay:
    """A day the organisation (or one team) does not work: a day off like a public holiday."""
    clean_day = as_date(day, "date")
    clean_name = as_name(name, "name", MAX_HOLIDAY_NAME)
    clean_team = _clean_team(team)
    with db.write() as session:
        clash = session.scalar(
            select(models.CompanyDay).where(
                models.CompanyDay.team == clean_team, models.CompanyDay.day == clean_day
            )
        )
        if clash is not None:
            raise DuplicateError(
                "date",
                f"{clean_day.isoformat()} is already a company day ('{clash.name}')"
                + (f" for team {clean_team}" if clean_team else ""),
            )
        row = models.CompanyDay(day=clean_day, name=clean_name, team=clean_team, source="manual")
        session.add(row)
        session.flush()
        return company_day_record(row)


def delete_company_day(db: Database, company_day_id: int) -> None:
    with db.write() as session:
        row = session.get(models.CompanyDay, company_day_id)
        if row is None:
            raise NotFoundError("company day", f"no company day with id {company_day_id}")
        session.delete(row)


def list_company_days(
    db: Database, team: str | None = None, year: int | None = None
) -> list[CompanyDay]:
    """Company days by date: all of them, or those a team observes (its own and everyone's)."""
    query = select(models.CompanyDay).order_by(models.CompanyDay.day, models.CompanyDay.team)
    if team is not None:
        query = query.where(models.CompanyDay.team.in_(("", _clean_team(team))))
    if year is not None:
        query = query.where(
            models.CompanyDay.day.between(dt.date(year, 1, 1), dt.date(year, 12, 31))
        )
    with db.read() as session:
        return [company_day_record(row) for row in session.scalars(query)]


# a holiday CSV's columns: the name in messages, and how a cell is read
_CSV_COLUMNS: tuple[tuple[str, Callable[[str], Any]], ...] = (
    ("date", lambda cell: as_date(cell, "date")),
    ("name", lambda cell: as_name(cell, "name", MAX_HOLIDAY_NAME)),
)


def _parse_csv(text: str) -> tuple[list[tuple[int, dt.date, str]], list[FieldProblem]]:
    days: list[tuple[int, dt.date, str]] = []
    problems: list[FieldProblem] = []
    for line, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or not any(cell.strip() for cell in row):
            continue
        if line == 1 and row[0].strip().lower() == "date":
            continue
        if len(row) < 2:
            problems.append(FieldProblem(f"line {line}", "expected two columns: date,name"))
            continue
        cells = []
        for index, (field, read) in enumerate(_CSV_COLUMNS):
            try:
                cells.append(read(row[index]))
            except ValidationError as exc:
                where = f"line {line}, column {column_letter(index)} ({field})"
                problems.append(FieldProblem(where, exc.plain_message))
        if len(cells) == 2:  # both read: a line with two problems names both
            days.append((line, cells[0], cells[1]))
    return days, problems


def _as_day(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    return value  # type: ignore[no-any-return]


def _parse_ics(text: str) -> tuple[list[tuple[int, dt.date, str]], list[FieldProblem]]:
    import icalendar

    # the n-th VEVENT starts on the n-th BEGIN:VEVENT line: errors name that line
    starts = [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip().upper() == "BEGIN:VEVENT"
    ]
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except ValueError as exc:
        return [], [FieldProblem("file", f"not a readable iCalendar (.ics) file: {exc}")]
    days: list[tuple[int, dt.date, str]] = []
    problems: list[FieldProblem] = []
    for index, event in enumerate(calendar.walk("VEVENT")):
        line = starts[index] if index < len(starts) else 0
        where = f"line {line}"
        name = " ".join(str(event.get("SUMMARY", "")).split())
        if "DTSTART" not in event:
            problems.append(FieldProblem(f"{where}, DTSTART", "the event has no start date"))
            continue
        if not name:
            problems.append(FieldProblem(f"{where}, SUMMARY", "the event has no name"))
            continue
        first = _as_day(event.decoded("DTSTART"))
        end = _as_day(event.decoded("DTEND")) if "DTEND" in event else None
        # DTEND is exclusive for all-day events; an event ending on its start day is one day
        last = first if end is None or end <= first else end - dt.timedelta(days=1)
        if (last - first).days > 366:
            problems.append(FieldProblem(f"{where}, DTEND", "the event lasts more than a year"))
            continue
        day = first
        while day <= last:
            days.append((line, day, name[:MAX_HOLIDAY_NAME]))
            day += dt.timedelta(days=1)
    if not days and not problems:
        problems.append(FieldProblem("file", "the calendar holds no events"))
    return days, problems


def import_company_days(
    db: Database, source: str | Path, team: str | None = None, *, text: str | None = None
) -> ImportResult:
    """Import company days from an .ics or CSV (date,name) file: all of them or none.

    Idempotent: a day already there with the same name is left alone, with another name
    it is renamed; importing the same file twice changes nothing the second time. Errors
    name the line (and column or property) of every problem found.
    """
    path = Path(source)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise ValidationError("file", f"{path} does not exist") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ValidationError("file", f"cannot read {path}: {exc}") from None
    suffix = path.suffix.lower()
    if suffix in (".ics", ".ical", ".ifb") or text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        days, problems = _parse_ics(text)
    elif suffix in (".csv", ".txt", ""):
        days, problems = _parse_csv(text)
    else:
        raise ValidationError("file", f"{path.name}: import an .ics or a .csv (date,name) file")
    seen: dict[dt.date, tuple[int, str]] = {}
    for line, day, name in days:
        earlier = seen.get(day)
        if earlier is not None and earlier[1] != name and earlier[0] != line:
            problems.append(
                FieldProblem(
                    f"line {line}",
                    f"{day.isoformat()} is also on line {earlier[0]} as '{earlier[1]}'",
                )
            )
        seen.setdefault(day, (line, name))
    if len(seen) > MAX_IMPORT_DAYS:
        problems.append(FieldProblem("file", f"more than {MAX_IMPORT_DAYS} days to import"))
    if problems:
        raise ValidationError.from_problems(problems)
    clean_team = _clean_team(team)
    return _store_imported(db, clean_team, {day: name for day, (_, name) in seen.items()})


def _store_imported(db: Database, team: str, days: dict[dt.date, str]) -> ImportResult:
    added = renamed = unchanged = 0
    with db.write() as session:
        existing = {
            row.day: row
            for row in session.scalars(
                select(models.CompanyDay).where(
                    models.CompanyDay.team == team, models.CompanyDay.day.in_(list(days))
                )
            )
        }
        for day, name in sorted(days.items()):
            row = existing.get(day)
            if row is None:
                session.add(models.CompanyDay(day=day, name=name, team=team, source="import"))
                added += 1
            elif row.name != name:
                row.name = name
                renamed += 1
            else:
                unchanged += 1
    return ImportResult(added, renamed, unchanged)


# ---------------------------------------------------------------- merged calendar


def calendars_by_team(session: Session) -> dict[str, tuple[str, str]]:
    return {
        row.team: (row.country, row.subdivision)
        for row in session.execute(
            select(
                models.HolidayCalendar.team,
                models.HolidayCalendar.country,
                models.HolidayCalendar.subdivision,
            )
        )
    }


def company_days_in(
    session: Session, teams: Iterable[str], start: dt.date, end: dt.date
) -> list[tuple[dt.date, str, str]]:
    query = select(models.CompanyDay.day, models.CompanyDay.name, models.CompanyDay.team).where(
        models.CompanyDay.day.between(start, end),
        or_(models.CompanyDay.team == "", models.CompanyDay.team.in_(list(teams))),
    )
    return [(day, name, team) for day, name, team in session.execute(query)]


def merge_holidays(
    calendars: dict[str, tuple[str, str]],
    company_days: Iterable[tuple[dt.date, str, str]],
    team: str,
    start: dt.date,
    end: dt.date,
) -> dict[dt.date, str]:
    """A team's days off start..end: its calendar's (or the organisation's) public holidays
    plus the organisation's and the team's company days; names of one date joined by '; '."""
    merged: dict[dt.date, list[str]] = {}
    chosen = calendars.get(team) or calendars.get("")
    if chosen is not None:
        for year in range(start.year, end.year + 1):
            for day, name in public_holidays(chosen[0], chosen[1], year):
                if start <= day <= end:
                    merged.setdefault(day, []).extend(name.split("; "))
    for day, name, day_team in company_days:
        if day_team in ("", team) and start <= day <= end:
            names = merged.setdefault(day, [])
            if name not in names:
                names.append(name)
    return {day: "; ".join(names) for day, names in sorted(merged.items())}


def holiday_dates(
    db: Database, team: str | None, start: dt.date, end: dt.date
) -> dict[dt.date, str]:
    """Every day off of a team's calendar from start to end (both included), by date."""
    clean_team = _clean_team(team)
    with db.read() as session:
        calendars = calendars_by_team(session)
        company = company_days_in(session, [clean_team], start, end)
    return merge_holidays(calendars, company, clean_team, start, end)


def list_holidays(db: Database, team: str | None = None, year: int | None = None) -> list[Holiday]:
    """A team's (or the organisation's) days off of one year (default: this year), by date."""
    year = year or dt.date.today().year
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    clean_team = _clean_team(team)
    with db.read() as session:
        calendars = calendars_by_team(session)
        company = company_days_in(session, [clean_team], start, end)
    public = merge_holidays(calendars, (), clean_team, start, end)
    found = [Holiday(day, name, "public") for day, name in public.items()]
    # company_days_in kept the organisation's and this team's own
    found += [Holiday(day, name, "company") for day, name, _team in company]
    return sorted(found, key=lambda h: (h.day, h.source != "public", h.name))
