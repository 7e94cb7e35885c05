"""A leader's working calendar: which days count, which are off, and the targets in force.

Pure: no database, no third-party imports. The domain reads a leader's start date,
settings history, day swaps, leave and holidays (``leaderlog.journal.settings_history.
calendar_for``) and builds a ``LeaderCalendar``; the metrics walk, the heatmap, Today
and the CSV export ask it about days and weeks.

How a day is classified (``LeaderCalendar.day_status``), first rule that applies:

1. before the leader's start date: ``before-start`` (never a miss, never a target);
2. not scheduled: ``non-workday``. A day is scheduled when the rota of the settings in
   force that day says so (a weekly pattern or a cycle), unless a day swap says
   otherwise (``works=False`` takes a rota day away, ``works=True`` adds one);
3. a public holiday or company day, unless a swap rosters them on it: ``holiday``;
4. within a leave range: ``leave`` (the leave kind is kept);
5. otherwise ``workday``: the only days that are judged.

Holidays and leave on a day that is not scheduled change nothing (the status says
``non-workday`` and still carries the holiday name and leave kind, for display). A day
that is ``holiday`` or ``leave`` is a *day off*: it never lowers a score and a streak
runs across it (neither broken nor extended).

Weeks are seven days from their first day (Monday, or Sunday when the organisation
chose so). A week's figures (``LeaderCalendar.week``):

* *rota days*: days of the week scheduled by rota and swaps, from the start date on
  and before it alike;
* ``workdays``: the rota days that are judged (status ``workday``);
* ``days_off``: rota days on or after the start date that are leave or holidays;
* weekly targets: those of the settings in force on the week's last day, shrunk in
  proportion to the workdays left::

      target_this_week = round_half_up(weekly_target * len(workdays) / rota_days)

  computed exactly in integers (``(2 * t * w + r) // (2 * r)``). Example: 3 coaching
  conversations a week, Monday to Friday, Thursday a holiday: 3 * 4 / 5 = 2.4 -> 2; a
  fortnight's leave leaves 0 workdays and the week has no targets (``None``); 5
  reinforcements with 3 of 5 days left: 3.0 -> 3; 3 with 1 of 2 left: 1.5 -> 2.
  A positive target never shrinks below 1 while a day is judged (1 a week with 1 of 5
  days left: 0.2 -> 1): a target of 0 means "credit for logging that day", which would
  stop the week's earlier entries from counting and lower the score for the time off.
  Rota days before the start date shrink the first week the same way.
* ``customer_target_minutes``: the sum over the week's workdays of each day's own
  daily target (the settings in force that day).

A week without a single workday (all off, all before the start, or a cycle's week
with no rota days) has no targets: it keeps the score it had. Days before the first
settings period use the first period's values.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from leaderlog.core.records import WorkPattern

LeaveKind = Literal["vacation", "sick", "training", "other"]
LEAVE_KINDS: tuple[LeaveKind, ...] = ("vacation", "sick", "training", "other")
LEAVE_LABELS: dict[str, str] = {
    "vacation": "Vacation",
    "sick": "Sick leave",
    "training": "Training",
    "other": "Other leave",
}
MAX_CYCLE_DAYS = 28
WeekStart = Literal["monday", "sunday"]

DayKind = Literal["workday", "non-workday", "leave", "holiday", "before-start"]
DAY_KINDS: tuple[DayKind, ...] = ("workday", "non-workday", "leave", "holiday", "before-start")

_ONE_DAY = dt.timedelta(days=1)


# ---------------------------------------------------------------- rotas


@dataclass(frozen=True)
class CyclePattern:
    """A rota that repeats every 1 to 28 days, its first day on ``anchor``.

    ``days[0]`` is the anchor's day, ``days[1]`` the next one, and so on; days before
    the anchor follow the same cycle backwards. Four on, four off from 3 Aug 2026:
    ``CyclePattern(dt.date(2026, 8, 3), (True,) * 4 + (False,) * 4)``.
    """

    anchor: dt.date
    days: tuple[bool, ...]

    def __post_init__(self) -> None:
        if not 1 <= len(self.days) <= MAX_CYCLE_DAYS:
            raise ValueError(f"a cycle has 1 to {MAX_CYCLE_DAYS} days, not {len(self.days)}")

    def is_workday(self, day: dt.date) -> bool:
        return self.days[(day - self.anchor).days % len(self.days)]

    @property
    def mask(self) -> str:
        """'1' for a workday, from the anchor on (how the database stores it)."""
        return "".join("1" if d else "0" for d in self.days)

    @classmethod
    def from_mask(cls, mask: str, anchor: dt.date) -> CyclePattern:
        if set(mask) - {"0", "1"}:
            raise ValueError(f"'{mask}' is not a cycle of 0s and 1s")
        return cls(anchor, tuple(c == "1" for c in mask))

    @property
    def workdays_per_week(self) -> float:
        """Average workdays in seven days (alternate Saturdays: 5.5)."""
        return sum(self.days) * 7 / len(self.days)

    def __str__(self) -> str:
        return f"{len(self.days)}-day cycle {self.mask} from {self.anchor.isoformat()}"


Pattern = WorkPattern | CyclePattern


def pattern_from_storage(workdays: str, cycle_anchor: dt.date | None) -> Pattern:
    """The rota a settings row stores: a weekly mask, or a cycle when it has an anchor."""
    if cycle_anchor is None:
        return WorkPattern.from_mask(workdays)
    return CyclePattern.from_mask(workdays, cycle_anchor)


def pattern_to_storage(pattern: Pattern) -> tuple[str, dt.date | None]:
    """(workdays, cycle_anchor) columns for a rota."""
    if isinstance(pattern, CyclePattern):
        return pattern.mask, pattern.anchor
    return pattern.mask, None


# ---------------------------------------------------------------- inputs


@dataclass(frozen=True)
class SettingsPeriod:
    """The settings in force from ``effective_from`` until the next period of the same leader."""

    effective_from: dt.date
    team: str
    pattern: Pattern
    target_minutes: int
    """customer-facing minutes per workday"""
    target_coaching: int
    """coaching conversations per week"""
    target_reinforcement: int
    """reinforcement actions per week"""


@dataclass(frozen=True)
class DaySwap:
    """One day off the rota: ``works`` True adds a workday (or rosters a holiday), False removes one."""

    day: dt.date
    works: bool


@dataclass(frozen=True)
class Leave:
    """A range of leave, first and last day included."""

    first_day: dt.date
    last_day: dt.date
    kind: str = "vacation"


class LeaveLike(Protocol):
    @property
    def first_day(self) -> dt.date: ...
    @property
    def last_day(self) -> dt.date: ...
    @property
    def kind(self) -> str: ...


class SwapLike(Protocol):
    @property
    def day(self) -> dt.date: ...
    @property
    def works(self) -> bool: ...


# ---------------------------------------------------------------- outputs


@dataclass(frozen=True, slots=True)
class DayStatus:
    """What a day is for a leader (see the module docstring for the rules)."""

    day: dt.date
    kind: DayKind
    leave_kind: str | None = None
    """the leave kind when the day falls in a leave range (whatever the kind of day)"""
    holiday_name: str | None = None
    """the holiday's name when the day is a holiday in the leader's calendar (ditto)"""

    @property
    def counts(self) -> bool:
        """A workday that is judged: logging, targets, misses and streaks apply."""
        return self.kind == "workday"

    @property
    def is_day_off(self) -> bool:
        """A rota day on leave or a holiday: never lowers a score, a streak runs across it."""
        return self.kind in ("leave", "holiday")

    def describe(self) -> str:
        """Plain words for Today and the heatmap: 'On leave (Vacation)', 'Public holiday: ...'."""
        if self.kind == "leave":
            return f"On leave ({LEAVE_LABELS.get(self.leave_kind or '', self.leave_kind)})"
        if self.kind == "holiday":
            return f"Public holiday: {self.holiday_name}"
        if self.kind == "before-start":
            return "Before the start of the record"
        if self.kind == "non-workday":
            return "Not a workday"
        return "Workday"


@dataclass(frozen=True, slots=True)
class WeekPlan:
    """A week's schedule and targets for one leader (rounding rule: the module docstring)."""

    first_day: dt.date
    last_day: dt.date
    settings: SettingsPeriod
    """the settings in force on the week's last day: weekly targets and team"""
    rota_days: int
    """days the rota (with swaps) schedules this week, before leave, holidays and the start"""
    workdays: tuple[dt.date, ...]
    """the days that are judged"""
    days_off: tuple[dt.date, ...]
    """rota days from the start on that are leave or holidays"""
    coaching_target: int | None
    """None when no day of the week is judged (all off or before the start): no targets"""
    reinforcement_target: int | None
    customer_target_minutes: int
    """sum of each workday's own daily minutes target"""

    @property
    def entirely_off(self) -> bool:
        """No day is judged: the week has no targets and keeps the score it had."""
        return not self.workdays

    @property
    def team(self) -> str:
        return self.settings.team


def shrink_target(weekly_target: int, workdays_left: int, rota_days: int) -> int:
    """A weekly target in proportion to the workdays left, rounded half up (exact integers).

    At least 1 while a workday is left and the target is not 0 (see the module docstring).
    """
    if rota_days <= 0:
        return weekly_target
    shrunk = (2 * weekly_target * workdays_left + rota_days) // (2 * rota_days)
    return max(shrunk, 1) if weekly_target > 0 and workdays_left > 0 else shrunk


def week_start_of(day: dt.date, week_start: WeekStart = "monday") -> dt.date:
    """The first day of the week containing day (ISO Monday, or Sunday)."""
    offset = day.weekday() if week_start == "monday" else (day.weekday() + 1) % 7
    return day - dt.timedelta(days=offset)


# ---------------------------------------------------------------- the calendar


@dataclass(frozen=True, eq=False)
class LeaderCalendar:
    """One leader's calendar: build once per report, then ask about days and weeks.

    ``periods`` must not be empty; they are sorted by ``effective_from`` here. ``leave``
    and ``swaps`` take the records of the domain (anything with the same attributes);
    ``holidays`` maps a date to its name and should already be the leader's calendar
    (their team's, period by period). Lookups are O(log periods) per day.
    """

    start: dt.date | None
    periods: Sequence[SettingsPeriod]
    swaps: Mapping[dt.date, bool] = field(default_factory=dict)
    leave: Mapping[dt.date, str] = field(default_factory=dict)
    holidays: Mapping[dt.date, str] = field(default_factory=dict)
    week_start: WeekStart = "monday"
    _starts: tuple[dt.date, ...] = field(init=False, repr=False)
    _weeks: dict[dt.date, WeekPlan] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not self.periods:
            raise ValueError("a leader calendar needs at least one settings period")
        ordered = tuple(sorted(self.periods, key=lambda p: p.effective_from))
        object.__setattr__(self, "periods", ordered)
        object.__setattr__(self, "_starts", tuple(p.effective_from for p in ordered))
        object.__setattr__(self, "_weeks", {})

    @classmethod
    def build(
        cls,
        start: dt.date | None,
        periods: Iterable[SettingsPeriod],
        swaps: Iterable[SwapLike] = (),
        leave: Iterable[LeaveLike] = (),
        holidays: Mapping[dt.date, str] | None = None,
        week_start: WeekStart = "monday",
    ) -> LeaderCalendar:
        """A calendar from records: swaps and leave ranges are expanded to days here."""
        leave_days: dict[dt.date, str] = {}
        for item in leave:
            day = item.first_day
            while day <= item.last_day:
                leave_days.setdefault(day, item.kind)
                day += _ONE_DAY
        return cls(
            start=start,
            periods=tuple(periods),
            swaps={swap.day: swap.works for swap in swaps},
            leave=leave_days,
            holidays=dict(holidays or {}),
            week_start=week_start,
        )

    # ------------------------------------------------------------ days

    def settings_on(self, day: dt.date) -> SettingsPeriod:
        """The settings in force on a day (the first period's before any period began)."""
        index = bisect.bisect_right(self._starts, day) - 1
        return self.periods[max(index, 0)]

    def is_rota_day(self, day: dt.date) -> bool:
        """Scheduled by the rota in force that day, after day swaps (leave and holidays aside)."""
        works = self.swaps.get(day)
        if works is not None:
            return works
        return self.settings_on(day).pattern.is_workday(day)

    def day_status(self, day: dt.date) -> DayStatus:
        leave_kind = self.leave.get(day)
        holiday_name = self.holidays.get(day)
        if self.start is not None and day < self.start:
            kind: DayKind = "before-start"
        elif not self.is_rota_day(day):
            kind = "non-workday"
        elif holiday_name is not None and self.swaps.get(day) is not True:
            kind = "holiday"
        elif leave_kind is not None:
            kind = "leave"
        else:
            kind = "workday"
        return DayStatus(day, kind, leave_kind, holiday_name)

    def days(self, first: dt.date, last: dt.date) -> Iterator[DayStatus]:
        """Every day's status from first to last, in order."""
        day = first
        while day <= last:
            yield self.day_status(day)
            day += _ONE_DAY

    # ------------------------------------------------------------ weeks

    def week_of(self, day: dt.date) -> dt.date:
        """The first day of the week containing day, by this calendar's week start."""
        return week_start_of(day, self.week_start)

    def week(self, day: dt.date) -> WeekPlan:
        """The plan of the week containing day (cached: the walk asks once per day)."""
        first = self.week_of(day)
        plan = self._weeks.get(first)
        if plan is None:
            plan = self._weeks[first] = self._plan(first)
        return plan

    def _plan(self, first: dt.date) -> WeekPlan:
        last = first + dt.timedelta(days=6)
        rota_days = 0
        workdays: list[dt.date] = []
        days_off: list[dt.date] = []
        minutes = 0
        for status in self.days(first, last):
            if status.kind == "before-start":
                rota_days += self.is_rota_day(status.day)
            elif status.kind != "non-workday":
                rota_days += 1
                if status.counts:
                    workdays.append(status.day)
                    minutes += self.settings_on(status.day).target_minutes
                else:
                    days_off.append(status.day)
        settings = self.settings_on(last)
        if not workdays:
            coaching = reinforcement = None
        else:
            coaching = shrink_target(settings.target_coaching, len(workdays), rota_days)
            reinforcement = shrink_target(settings.target_reinforcement, len(workdays), rota_days)
        return WeekPlan(
            first_day=first,
            last_day=last,
            settings=settings,
            rota_days=rota_days,
            workdays=tuple(workdays),
            days_off=tuple(days_off),
            coaching_target=coaching,
            reinforcement_target=reinforcement,
            customer_target_minutes=minutes,
        )

    def scheduled_workdays(self, day: dt.date) -> tuple[dt.date, ...]:
        """The judged workdays of the week containing day."""
        return self.week(day).workdays

    def days_off(self, day: dt.date) -> tuple[dt.date, ...]:
        """The rota days on leave or holidays in the week containing day."""
        return self.week(day).days_off

    def weeks(self, first: dt.date, last: dt.date) -> Iterator[WeekPlan]:
        """The plans of every week that touches first..last, in order."""
        week = self.week_of(first)
        while week <= last:
            yield self.week(week)
            week += dt.timedelta(days=7)
