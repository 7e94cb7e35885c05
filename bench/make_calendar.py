"""The benchmark journal's calendars: leave in runs of days and weeks, one country's public holidays,
and one settings change per leader per year, planned before any entry is written (make_db.py).

Leave is about 5 % of each leader's workdays: every year a week or a fortnight of vacation
(Monday to Sunday, so every pattern's workdays are covered), sometimes a second week,
a few sick runs of one to three days and now and then a training day; some leaders have
leave planned after the last day. Ranges of one leader never overlap or touch, as the app
refuses overlaps. Nobody logs on a workday off, the way a real journal looks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from leaderlog.journal.holidays import public_holidays

HOLIDAY_COUNTRY = "US"
TARGET_MINUTES = (45, 60, 75, 90)


@dataclass
class Calendars:
    """What make_db inserts besides the entries, and which workdays nobody logs."""

    leave: list[tuple[int, dt.date, dt.date, str]] = field(default_factory=list)
    """(leader id, first day, last day, kind)"""
    holidays: dict[dt.date, str] = field(default_factory=dict)
    company_days: dict[dt.date, str] = field(default_factory=dict)
    settings: list[dict[str, object]] = field(default_factory=list)
    """leader_settings rows without the tracked columns, oldest first per leader"""
    off: np.ndarray | None = None
    """(days from first, leaders) True on a day a leader has off (leave or holiday)"""
    leave_workdays: int = 0
    workdays: int = 0


def _free(taken: list[tuple[dt.date, dt.date]], first: dt.date, last: dt.date) -> bool:
    # a day apart at least: touching ranges would read as one in the app
    gap = dt.timedelta(days=1)
    return all(last + gap < a or first - gap > b for a, b in taken)


def _leader_leave(
    rng: np.random.Generator, first: dt.date, end: dt.date, years: int
) -> list[tuple[dt.date, dt.date, str]]:
    taken: list[tuple[dt.date, dt.date]] = []
    ranges: list[tuple[dt.date, dt.date, str]] = []

    def place(start: dt.date, days: int, kind: str, tries: int = 8) -> None:
        for _ in range(tries):
            last = start + dt.timedelta(days=days - 1)
            if _free(taken, start, last):
                taken.append((start, last))
                ranges.append((start, last, kind))
                return
            start += dt.timedelta(days=int(rng.integers(7, 28)))

    for year in range(years):
        year_start = first + dt.timedelta(days=365 * year)
        weeks = [int(rng.choice((1, 2)))] + ([1] if rng.random() < 0.3 else [])
        for count in weeks:
            start = year_start + dt.timedelta(days=int(rng.integers(0, 340)))
            start -= dt.timedelta(days=start.weekday())  # a Monday
            place(start, 7 * count, "vacation")
        for _ in range(int(rng.poisson(2.0))):
            start = year_start + dt.timedelta(days=int(rng.integers(0, 360)))
            place(start, int(rng.integers(1, 4)), "sick")
        if rng.random() < 0.5:
            start = year_start + dt.timedelta(days=int(rng.integers(0, 360)))
            place(start, 1, "training")
    if rng.random() < 0.3:  # planned leave, after the journal's last day
        start = end + dt.timedelta(days=int(rng.integers(14, 90)))
        place(start - dt.timedelta(days=start.weekday()), 7, "vacation")
    return sorted(ranges)


def _leader_settings(
    rng: np.random.Generator,
    leader_id: int,
    first: dt.date,
    years: int,
    values: dict[str, object],
) -> list[dict[str, object]]:
    """The row in force from the start, then one change a year (mostly the minutes target)."""
    rows = [{"leader_id": leader_id, "effective_from": first, **values}]
    for year in range(years):
        current = dict(rows[-1])
        day = first + dt.timedelta(days=365 * year + int(rng.integers(30, 335)))
        current["effective_from"] = day
        choices = [m for m in TARGET_MINUTES if m != current["target_minutes"]]
        current["target_minutes"] = int(rng.choice(choices))
        if rng.random() < 0.25:
            current["target_coaching"] = int(rng.choice((2, 3, 4)))
        rows.append(current)
    return rows


def plan_calendars(
    rng: np.random.Generator,
    first: dt.date,
    end: dt.date,
    years: int,
    leaders: list[dict[str, object]],
    masks: np.ndarray,
) -> Calendars:
    """Leave, holidays and settings history for the leaders (their rows as make_db inserts them)."""
    plan = Calendars()
    for year in range(first.year, end.year + 1):
        for day, name in public_holidays(HOLIDAY_COUNTRY, "", year):
            if first <= day <= end:
                plan.holidays[day] = name
        if first <= dt.date(year, 12, 24) <= end:
            plan.company_days[dt.date(year, 12, 24)] = "Christmas Eve"
    days = (end - first).days + 1
    weekday = np.array([(first + dt.timedelta(days=i)).weekday() for i in range(days)])
    scheduled = masks[:, weekday].T  # (days, leaders): the pattern's workdays
    off = np.zeros_like(scheduled)
    for day in (*plan.holidays, *plan.company_days):
        off[(day - first).days, :] = True
    holiday_off = int((off & scheduled).sum())
    for index, leader in enumerate(leaders):
        leader_id = int(leader["id"])  # type: ignore[call-overload]
        for start, last, kind in _leader_leave(rng, first, end, years):
            plan.leave.append((leader_id, start, last, kind))
            a, b = max(0, (start - first).days), min(days - 1, (last - first).days)
            if a <= b:
                off[a : b + 1, index] = True
        values = {
            key: leader[key]
            for key in ("team", "workdays", "target_minutes", "target_coaching")
            if key in leader
        } | {"target_reinforcement": leader["target_reinforcement"], "cycle_anchor": None}
        rows = _leader_settings(rng, leader_id, first, years, values)
        plan.settings.extend(rows)
        leader["target_minutes"] = rows[-1]["target_minutes"]  # the leader row says today's
        leader["target_coaching"] = rows[-1]["target_coaching"]
    plan.off = off
    plan.workdays = int(scheduled.sum())
    plan.leave_workdays = int((off & scheduled).sum()) - holiday_off
    return plan
