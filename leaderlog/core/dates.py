"""The date policy: which dates an entry, a follow-up or a range may have, and week arithmetic that never overflows.

The policy, in one place (docs/data-safety.md, "bad input"):

* **Entry dates** (day logs, coaching notes, reinforcements, follow-ups marked done):
  from ``EARLIEST_DATE`` (1990-01-01) to today; never in the future.
* **Planned dates** (follow-ups due, leave, settings changes from a chosen day):
  from ``EARLIEST_DATE`` to one year after today (``latest_date``). The same bound
  holds for entries, which are further held to today.
* **Relative dates** typed as ``+N`` / ``-N`` (days from today), ``today``,
  ``yesterday`` or ``tomorrow``: N is at most ``MAX_RELATIVE_DAYS`` (3660, ten years).
* **Report and export ranges** may be any real date from 0001-01-01 to 9999-12-31:
  a range wider than the data is fine. ``clamp_range`` cuts it to the policy's window
  before any week is computed, and ``week_bounds`` / ``week_start_of`` stop at
  ``date.min`` / ``date.max`` instead of raising ``OverflowError``.

Every refusal is a ``ValidationError`` whose message says what is allowed.
"""

from __future__ import annotations

import datetime as dt
import re

from leaderlog.core.errors import ValidationError

EARLIEST_DATE = dt.date(1990, 1, 1)
"""No entry, follow-up or plan is dated before this day."""
YEARS_AHEAD = 1
"""Planned dates (follow-ups, leave, dated settings) go up to this many years after today."""
MAX_RELATIVE_DAYS = 3660
"""+N / -N days from today: N from 0 to this (about ten years)."""

_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_RELATIVE = re.compile(r"([+-])\s*([0-9]+)", re.ASCII)
_NAMED_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}
ALLOWED_FORMS = "YYYY-MM-DD (e.g. 2026-11-20), today, yesterday, tomorrow, or +N / -N days"


def _today(today: dt.date | None) -> dt.date:
    return today if today is not None else dt.date.today()


def latest_date(today: dt.date | None = None) -> dt.date:
    """The last day anything may be planned for: one year after today (28 February for a 29th)."""
    day = _today(today)
    year = min(day.year + YEARS_AHEAD, dt.MAXYEAR)
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February -> 28 February of a year without one
        return day.replace(year=year, day=28)


def shifted(day: dt.date, days: int, field: str = "date") -> dt.date:
    """day + days, or a ValidationError (never OverflowError) past 0001-01-01 or 9999-12-31."""
    ordinal = day.toordinal() + days
    if not 1 <= ordinal <= dt.date.max.toordinal():
        raise ValidationError(
            field,
            f"{days:+d} days from {day.isoformat()} is outside the calendar (years 1 to 9999)",
        )
    return dt.date.fromordinal(ordinal)


def parse_iso_date(value: dt.date | str, field: str = "date") -> dt.date:
    """A real calendar date from a date or ISO text (YYYY-MM-DD); any year from 1 to 9999."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        raise ValidationError(field, "a date is required (YYYY-MM-DD)")
    if not _ISO.fullmatch(text):
        raise ValidationError(field, f"'{text}' is not a date; use YYYY-MM-DD, e.g. 2026-11-20")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(field, f"'{text}' is not a real calendar date") from None


def parse_date(
    value: dt.date | str, field: str = "date", *, today: dt.date | None = None
) -> dt.date:
    """A date from ISO text, 'today' / 'yesterday' / 'tomorrow', or +N / -N days from today.

    Relative offsets are bounded by MAX_RELATIVE_DAYS; the result is any real date
    (ranges may be wide): apply ``check_entry_date`` or ``check_planned_date`` to
    hold it to the policy's window.
    """
    if isinstance(value, dt.date):
        return parse_iso_date(value, field)
    text = str(value).strip()
    lowered = text.lower()
    if lowered in _NAMED_DAYS:
        return shifted(_today(today), _NAMED_DAYS[lowered], field)
    relative = _RELATIVE.fullmatch(text)
    if relative:
        sign, digits = relative.groups()
        # compare the digits before int(): a 5000-digit offset is refused, not converted
        days = int(digits) if len(digits) <= len(str(MAX_RELATIVE_DAYS)) else None
        if days is None or days > MAX_RELATIVE_DAYS:
            raise ValidationError(
                field,
                f"'{text}' is too far from today; relative dates go from -{MAX_RELATIVE_DAYS} "
                f"to +{MAX_RELATIVE_DAYS} days",
            )
        return shifted(_today(today), days if sign == "+" else -days, field)
    if text and not _ISO.fullmatch(text):
        raise ValidationError(field, f"'{text}' is not a date; use {ALLOWED_FORMS}")
    return parse_iso_date(text, field)


def check_entry_date(day: dt.date, today: dt.date | None = None, field: str = "date") -> dt.date:
    """An entry's date: from EARLIEST_DATE to today."""
    now = _today(today)
    if day > now:
        raise ValidationError(
            field, f"{day.isoformat()} is in the future; you can only log days up to today"
        )
    if day < EARLIEST_DATE:
        raise ValidationError(
            field,
            f"{day.isoformat()} is before {EARLIEST_DATE.isoformat()}; entries are dated from "
            f"{EARLIEST_DATE.isoformat()} to today",
        )
    return day


def check_planned_date(day: dt.date, today: dt.date | None = None, field: str = "date") -> dt.date:
    """A planned date (follow-up due, leave, a dated settings change): EARLIEST_DATE to latest_date."""
    last = latest_date(today)
    if not EARLIEST_DATE <= day <= last:
        raise ValidationError(
            field,
            f"{day.isoformat()} is outside the dates allowed, {EARLIEST_DATE.isoformat()} "
            f"to {last.isoformat()} (one year from today)",
        )
    return day


def as_entry_date(
    value: dt.date | str, field: str = "date", today: dt.date | None = None
) -> dt.date:
    """parse_date, then held to the entry window."""
    return check_entry_date(parse_date(value, field, today=today), today, field)


def as_planned_date(
    value: dt.date | str | None, field: str = "date", today: dt.date | None = None
) -> dt.date | None:
    """parse_date (empty means none), then held to the planned window."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return check_planned_date(parse_date(value, field, today=today), today, field)


# ---------------------------------------------------------------- weeks and ranges


def _week_offset(day: dt.date, week_start: str) -> int:
    if week_start not in ("monday", "sunday"):
        raise ValidationError(
            "week start", f"'{week_start}' is not a week start; use monday or sunday"
        )
    return day.weekday() if week_start == "monday" else (day.weekday() + 1) % 7


def week_start_of(day: dt.date, week_start: str = "monday") -> dt.date:
    """The first day of day's week (Monday or Sunday), or date.min when that is before year 1."""
    ordinal = day.toordinal() - _week_offset(day, week_start)
    return dt.date.fromordinal(max(ordinal, 1))


def week_bounds(day: dt.date, week_start: str = "monday") -> tuple[dt.date, dt.date]:
    """(first, last) day of day's week, cut at date.min and date.max instead of overflowing."""
    first_ordinal = day.toordinal() - _week_offset(day, week_start)
    last_ordinal = min(first_ordinal + 6, dt.date.max.toordinal())
    return dt.date.fromordinal(max(first_ordinal, 1)), dt.date.fromordinal(last_ordinal)


def check_range(start: dt.date | None, end: dt.date | None) -> None:
    """A range's end is not before its start (both inclusive, either open)."""
    if start is not None and end is not None and end < start:
        raise ValidationError("to", f"{end.isoformat()} is before {start.isoformat()}")


def clamp_range(
    start: dt.date | None, end: dt.date | None, *, today: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """A report or export range cut to the policy's window, EARLIEST_DATE to latest_date(today).

    Either end may be None (open): it becomes the window's edge. A range wider than the
    data is fine, and what comes back leaves room for whole weeks on either side, so
    week arithmetic on it never overflows. A range wholly outside the window comes
    back as one day at the nearer edge (it holds no entries). An end before the start
    is a ValidationError.
    """
    check_range(start, end)
    last = latest_date(today)
    first = EARLIEST_DATE if start is None else min(max(start, EARLIEST_DATE), last)
    final = last if end is None else min(max(end, EARLIEST_DATE), last)
    return first, max(first, final)
