"""The habit on Today's first screen: the last days at a glance and this week against its targets.

Two pure presenters build plain state from the leader's calendar
(``leaderlog.core.schedule``: workdays, leave, holidays, the start of the record) and
their entries per day; ``read_habit`` reads both in one go for the Today page. The
streak is the reports' own (``reporting.weekly_figures``): a run of workdays meeting
the customer-facing target, which a day off neither breaks nor extends.

A day of the strip is, first rule that applies:

1. after today: ``future`` (nothing can be logged yet);
2. with any entry: ``logged`` (whatever kind of day it is);
3. a day off (leave or a public holiday): ``off``;
4. not a scheduled workday, or before the leader's record began: ``non-workday``;
5. today, with nothing yet: ``pending`` (never a miss until the day is over);
6. otherwise ``missing``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from leaderlog.core.schedule import DayStatus, WeekPlan
from leaderlog.data import queries
from leaderlog.data.engine import Database
from leaderlog.journal.settings_history import calendar_for
from leaderlog.reports import reporting

StripState = Literal["logged", "missing", "pending", "non-workday", "off", "future"]
STRIP_DAYS = 7
_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class DayCounts:
    """What was logged on one day: the reports' per-day activity."""

    minutes: int | None = None
    coaching: int = 0
    reinforcements: int = 0

    @property
    def logged(self) -> bool:
        return self.minutes is not None or bool(self.coaching or self.reinforcements)


@dataclass(frozen=True, slots=True)
class StripDay:
    """One day of the strip: its state and the words a tooltip or screen reader says."""

    day: dt.date
    state: StripState
    description: str


@dataclass(frozen=True, slots=True)
class WeekProgress:
    """This week so far against its targets, and the current streak."""

    streak: int
    days_logged: int
    """the week's workdays (those judged) with any entry, up to today"""
    workdays: int
    """the week's workdays judged: days off and days before the record left out"""
    coaching: int
    coaching_target: int | None
    """None when the week has no workday (all off): no targets"""
    reinforcements: int
    reinforcement_target: int | None

    def text(self) -> str:
        """'Streak 4 days · this week 3 of 5 days · coaching 2 of 3 · reinforcement 4 of 5'."""
        streak = f"Streak {self.streak} day{'' if self.streak == 1 else 's'}"
        if self.coaching_target is None or self.reinforcement_target is None:
            return f"{streak} · this week is off: no targets"
        return (
            f"{streak} · this week {self.days_logged} of {self.workdays} days"
            f" · coaching {self.coaching} of {self.coaching_target}"
            f" · reinforcement {self.reinforcements} of {self.reinforcement_target}"
        )


@dataclass(frozen=True, slots=True)
class HabitState:
    """What Today shows above its form: the strip of days and this week's progress."""

    strip: tuple[StripDay, ...]
    week: WeekProgress


def strip_range(shown: dt.date, today: dt.date) -> tuple[dt.date, dt.date]:
    """The strip's first and last day: the last 7 days, or a week around an older shown day."""
    if today - (STRIP_DAYS - 1) * _ONE_DAY <= shown <= today:
        last = today
    else:
        last = min(shown + (STRIP_DAYS // 2) * _ONE_DAY, today) if shown < today else shown
    return last - (STRIP_DAYS - 1) * _ONE_DAY, last


def strip_day(status: DayStatus, counts: DayCounts | None, today: dt.date) -> StripDay:
    """One day's state by the rules of the module docstring."""
    day = status.day
    if day > today:
        return StripDay(day, "future", "Not yet: days after today cannot be logged")
    if counts is not None and counts.logged:
        parts = []
        if counts.minutes is not None:
            parts.append(f"{counts.minutes} min with customers")
        if counts.coaching:
            parts.append(f"{counts.coaching} coaching")
        if counts.reinforcements:
            parts.append(f"{counts.reinforcements} reinforcement")
        return StripDay(day, "logged", "Logged: " + ", ".join(parts))
    if status.is_day_off:
        return StripDay(day, "off", status.describe())
    if status.kind == "before-start":
        return StripDay(day, "non-workday", "Before your record began")
    if not status.counts:
        return StripDay(day, "non-workday", status.describe())
    if day == today:
        return StripDay(day, "pending", "Today: nothing logged yet")
    return StripDay(day, "missing", "Workday with nothing logged")


def build_strip(
    statuses: Iterable[DayStatus], counts: Mapping[dt.date, DayCounts], today: dt.date
) -> tuple[StripDay, ...]:
    return tuple(strip_day(status, counts.get(status.day), today) for status in statuses)


def week_progress(
    plan: WeekPlan, counts: Mapping[dt.date, DayCounts], today: dt.date, streak: int
) -> WeekProgress:
    """The week of ``plan`` up to today: logged workdays and practices against its targets."""
    so_far = [day for day in counts if plan.first_day <= day <= today]
    logged = sum(
        1 for day in plan.workdays if day <= today and day in counts and counts[day].logged
    )
    return WeekProgress(
        streak=streak,
        days_logged=logged,
        workdays=len(plan.workdays),
        coaching=sum(counts[day].coaching for day in so_far),
        coaching_target=plan.coaching_target,
        reinforcements=sum(counts[day].reinforcements for day in so_far),
        reinforcement_target=plan.reinforcement_target,
    )


def day_counts(
    rows: Sequence[tuple[dt.date, int | None, int, int, int]],
) -> dict[dt.date, DayCounts]:
    """The reports' per-day activity rows (day, minutes, coaching, positive, corrective)."""
    return {
        day: DayCounts(minutes, coached, positive + corrective)
        for day, minutes, coached, positive, corrective in rows
    }


def read_habit(db: Database, leader_id: int, shown: dt.date, today: dt.date) -> HabitState:
    """The strip around ``shown`` and this week's progress, in a few short reads."""
    first, last = strip_range(shown, today)
    calendar = calendar_for(db, leader_id, min(first, today), max(last, today))
    plan = calendar.week(today)
    read_from = min(first, plan.first_day)
    with db.read() as session:
        counts = day_counts(queries.daily_activity(session, leader_id, read_from, today))
    weeks = reporting.weekly_figures(
        db, leader_id, today, today, week_start=calendar.week_start, today=today
    )
    streak = weeks[-1].current_streak if weeks else 0
    return HabitState(
        strip=build_strip(calendar.days(first, last), counts, today),
        week=week_progress(plan, counts, today, streak),
    )
