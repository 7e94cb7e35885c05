"""What the daily walk needs to know of each calendar day, read from a leader's calendar.

Pure Python, no database: ``day_plan`` turns a ``core.schedule.LeaderCalendar`` into
parallel per-day lists (is the day judged, a day off, or neither; the daily minutes
target, the week's shrunk weekly targets and the smoothing factor in force that day),
so the walks in ``reports.walk`` and ``reports.walk_numpy`` never ask the calendar
inside their loops. ``window_start`` says how far back a walk resumed from a stored
state must read so its 7-day windows are full (days off stretch them).

The rules (docs/metrics.md, "Days off, start dates and settings history"): only a
``workday`` of the calendar is judged; a day off (leave or a holiday on a rota day)
moves nothing and a 7-day window reaches one day further back for each day off in it,
and for each non-workday that follows a day off (the weekend inside or after a leave:
``stretches``); days before the start and non-workdays are not judged.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import NamedTuple

from leaderlog.core.schedule import MAX_CYCLE_DAYS, LeaderCalendar, SettingsPeriod, shrink_target
from leaderlog.reports.formulas import ROLLING_DAYS, Targets, WeekStart, smoothing_factor

NOT_JUDGED = 0
"""a non-workday or a day before the start: entries count, nothing is judged"""
JUDGED = 1
"""a workday of the calendar: logging, targets, misses and streaks apply"""
DAY_OFF = 2
"""a rota day on leave or a holiday: moves nothing, stretches the 7-day windows"""
NO_TARGET = -1
"""a weekly target of a week without a single judged day"""

_ALWAYS = dt.date.min


class DayPlan(NamedTuple):
    """Per calendar day from ``first``: parallel lists, one element per day."""

    first: dt.date
    kind: list[int]
    """NOT_JUDGED, JUDGED or DAY_OFF"""
    minutes_target: list[int]
    """the daily customer-facing target in force that day"""
    coaching_target: list[int]
    """the week's coaching target (shrunk for its days off), NO_TARGET in a week fully off"""
    reinforcement_target: list[int]
    alpha: list[float]
    """the EMA weight of one workday under the work pattern in force that day"""
    stretch: list[bool]
    """the day takes no place in a 7-day window: a day off, or a non-workday after one"""


def calendar_of(
    targets: Targets | LeaderCalendar, week_start: WeekStart = "monday"
) -> LeaderCalendar:
    """A calendar as it is, or one period of plain targets for ever (no start, no days off)."""
    if isinstance(targets, LeaderCalendar):
        return targets
    period = SettingsPeriod(
        _ALWAYS,
        "",
        targets.work_pattern,
        targets.minutes_per_workday,
        targets.coaching_per_week,
        targets.reinforcement_per_week,
    )
    return LeaderCalendar(start=None, periods=(period,), week_start=week_start)


def day_plan(calendar: LeaderCalendar | Targets, first: dt.date, last: dt.date) -> DayPlan:
    """The plan of every day first..last (the week figures come from the calendar's weeks).

    Plain targets judge every workday of their pattern against the same targets, every
    week (what a calendar without days off, start or history gives, week targets included).
    The rules are ``LeaderCalendar.day_status`` and ``LeaderCalendar.week``, applied here
    week by week without building a record per day (tests/reports/test_calendar_cache.py
    checks the two agree).
    """
    if isinstance(calendar, Targets):
        return _plain_plan(calendar, first, last)
    kind: list[int] = []
    minutes: list[int] = []
    coaching: list[int] = []
    reinforcement: list[int] = []
    alpha: list[float] = []
    stretch: list[bool] = []
    alphas: dict[float, float] = {}
    periods = calendar.periods
    starts = [period.effective_from for period in periods]
    swaps, leave, holidays = calendar.swaps, calendar.leave, calendar.holidays
    begin = calendar.start
    one_day = dt.timedelta(days=1)
    week_first = calendar.week_of(first)
    index = max(bisect.bisect_right(starts, week_first) - 1, 0)
    # the latest rota day walked and whether it was a day off (for the non-workdays after it)
    last_rota = last_rota_before(calendar, week_first)
    while week_first <= last:
        week_kinds: list[int] = []
        rota_days = judged = 0
        day = week_first
        for _ in range(7):
            while index + 1 < len(periods) and starts[index + 1] <= day:
                index += 1
            period = periods[index]
            works = swaps.get(day)
            rota = period.pattern.is_workday(day) if works is None else works
            if not rota:
                day_kind = NOT_JUDGED
            elif begin is not None and day < begin:
                day_kind = NOT_JUDGED
                rota_days += 1
            elif (day in holidays and works is not True) or day in leave:
                day_kind = DAY_OFF
                rota_days += 1
            else:
                day_kind = JUDGED
                rota_days += 1
                judged += 1
            week_kinds.append(day_kind)
            if rota:
                last_rota = (day, day_kind == DAY_OFF)
                away = day_kind == DAY_OFF
            else:
                away = last_rota is not None and after_day_off(last_rota, day)
            if first <= day <= last:
                stretch.append(away)
                minutes.append(period.target_minutes)
                per_week = period.pattern.workdays_per_week
                factor = alphas.get(per_week)
                if factor is None:
                    factor = alphas[per_week] = smoothing_factor(per_week)
                alpha.append(factor)
            day += one_day
        settings = periods[index]  # the week's last day's: its weekly targets
        if judged:
            week_coaching = shrink_target(settings.target_coaching, judged, rota_days)
            week_reinforcement = shrink_target(settings.target_reinforcement, judged, rota_days)
        else:
            week_coaching = week_reinforcement = NO_TARGET
        low = max((first - week_first).days, 0)
        high = min((last - week_first).days, 6) + 1
        kind.extend(week_kinds[low:high])
        coaching.extend([week_coaching] * (high - low))
        reinforcement.extend([week_reinforcement] * (high - low))
        week_first += dt.timedelta(days=7)
    return DayPlan(first, kind, minutes, coaching, reinforcement, alpha, stretch)


def last_rota_before(calendar: LeaderCalendar, day: dt.date) -> tuple[dt.date, bool] | None:
    """The latest rota day before day (at most MAX_CYCLE_DAYS back) and whether it is a day off."""
    current = day
    for _ in range(MAX_CYCLE_DAYS):
        current -= dt.timedelta(days=1)
        if calendar.is_rota_day(current):
            return current, calendar.day_status(current).is_day_off
    return None


def after_day_off(last_rota: tuple[dt.date, bool], day: dt.date) -> bool:
    """A non-workday stretches the windows when the latest rota day before it (at most
    MAX_CYCLE_DAYS back) was a day off: the weekend in the middle and at the end of a leave."""
    rota_day, was_off = last_rota
    return was_off and (day - rota_day).days <= MAX_CYCLE_DAYS


def stretches(calendar: LeaderCalendar, day: dt.date) -> bool:
    """``DayPlan.stretch`` of one day, asked of the calendar."""
    status = calendar.day_status(day)
    if status.is_day_off:
        return True
    if calendar.is_rota_day(day):
        return False
    found = last_rota_before(calendar, day)
    return found is not None and after_day_off(found, day)


def _plain_plan(targets: Targets, first: dt.date, last: dt.date) -> DayPlan:
    days = (last - first).days + 1
    weekday = first.weekday()
    pattern = targets.work_pattern.days
    kind = [JUDGED if pattern[(weekday + i) % 7] else NOT_JUDGED for i in range(days)]
    return DayPlan(
        first,
        kind,
        [targets.minutes_per_workday] * days,
        [targets.coaching_per_week] * days,
        [targets.reinforcement_per_week] * days,
        [smoothing_factor(targets.work_pattern.workdays_per_week)] * days,
        [False] * days,
    )


def window_start(
    calendar: LeaderCalendar, day: dt.date, earliest: dt.date | None = None
) -> dt.date:
    """The first day of the 7-day window ending on day: seven days that do not stretch it.

    A walk resumed from the state of ``day`` reads entries from here on. The search stops at
    earliest (the first day anything can have been logged) when given.
    """
    found = 0
    current = day
    one_day = dt.timedelta(days=1)
    while True:
        if not stretches(calendar, current):
            found += 1
            if found == ROLLING_DAYS:
                return current
        if earliest is not None and current <= earliest:
            return current
        current -= one_day
