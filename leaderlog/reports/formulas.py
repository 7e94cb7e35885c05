"""Pure consistency formulas and their records: per-day activity in, per-day and per-week figures out.

No database, no Qt and no numpy here: the data layer fetches per leader and day aggregates
(``leaderlog.data.queries``), the walks (``reports.walk`` for one leader, ``reports.walk_numpy``
for all leaders at once) apply these formulas day by day, ``leaderlog.reports.reporting`` glues
them to the database, and the UI, CLI and charts only read the frozen records defined here.
Every formula is written down, with a worked example, in ``docs/metrics.md``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from leaderlog.core.records import Leader, WorkPattern

WeekStart = Literal["monday", "sunday"]
WEEK_STARTS: tuple[WeekStart, ...] = ("monday", "sunday")

# The habit-strength EMA (see docs/metrics.md, "Smoothing"): a score halves its distance
# to the current behaviour in HALF_LIFE_WEEKS weeks of workdays, and no single workday
# may move a score by more than MAX_DAILY_STEP of the scale.
HALF_LIFE_WEEKS = 2.5
MAX_DAILY_STEP = 0.095
ROLLING_DAYS = 7
"""Coaching and reinforcement targets are weekly: each workday is judged on the last 7 days."""

WALK_VERSION = 4
"""Bump when a formula of the daily walk changes: stored walk states of other versions are ignored.

2: the walk reads the leader's calendar (days off, start date, settings history).
3: a positive weekly target shrunk for days off is at least 1 (schedule.shrink_target).
4: the non-workdays after a day off stretch the 7-day windows too (day_plan.DayPlan.stretch)."""


# ---------------------------------------------------------------- inputs


class DayActivity(NamedTuple):
    """One leader's entries on one calendar day, as the per-day SQL aggregate returns them."""

    day: dt.date
    minutes: int | None
    """customer-facing minutes of the day log; None when there is no day log"""
    coaching: int = 0
    positive: int = 0
    """reinforcements of every kind except the corrective ones"""
    corrective: int = 0

    @property
    def logged(self) -> bool:
        """True when the leader recorded anything that day."""
        return self.minutes is not None or bool(self.coaching or self.positive or self.corrective)


@dataclass(frozen=True)
class Targets:
    """What a leader aims for: the work pattern and the three practice targets."""

    work_pattern: WorkPattern
    minutes_per_workday: int
    coaching_per_week: int
    reinforcement_per_week: int

    @classmethod
    def of(cls, leader: Leader) -> Targets:
        return cls(
            leader.work_pattern,
            leader.target_minutes,
            leader.target_coaching,
            leader.target_reinforcement,
        )


class WalkState(NamedTuple):
    """The daily walk's state at the end of one day: where a later walk can resume.

    Together with the activity of that day and the six before it (the 7-day windows),
    it is everything the walk carries from one day to the next. It never depends on
    the first day of the week or on the range asked for; only on the leader's
    activity up to that day and their targets.
    """

    day: dt.date
    customer: float
    coaching: float
    reinforcement: float
    streak: int
    longest: int


class FollowUpCount(NamedTuple):
    """Coaching follow-ups due on one date, and how many of them were closed by that date."""

    due_on: dt.date
    due: int
    closed_on_time: int


# ---------------------------------------------------------------- outputs


@dataclass(frozen=True, slots=True)
class DayScore:
    """One calendar day of a leader's series: what the heatmap and score line draw."""

    day: dt.date
    workday: bool
    """a workday in the leader's pattern (and, for today, not still pending)"""
    pending: bool
    """today, a workday with nothing logged yet: it neither counts nor lowers anything"""
    logged: bool
    minutes: int | None
    met_customer_target: bool
    """a workday whose customer-facing minutes reached the daily target"""
    coaching: int
    reinforcements: int
    customer_score: float
    coaching_score: float
    reinforcement_score: float
    score: float
    """overall consistency score 0..100 at the end of the day"""
    streak: int
    """current run of workdays meeting the customer-facing target, at the end of the day"""


@dataclass(frozen=True, slots=True)
class WeekFigures:
    """Everything LeaderLog measures about one leader in one week (scores as at the week's end)."""

    leader_id: int
    week_start: dt.date
    week_end: dt.date
    """last day counted: the week's last day, or today for the current week"""
    workdays_scheduled: int
    """the week's workdays judged: rota days minus days off and days before the start"""
    days_logged: int
    """workdays with at least one entry"""
    customer_minutes: int
    """all customer-facing minutes of the week, non-workdays included"""
    customer_target_minutes: int
    """each scheduled workday's daily target, added up"""
    days_meeting_customer_target: int
    coaching_count: int
    coaching_target: int
    """the week's target in force, shrunk for its days off (0 when has_targets is False)"""
    reinforcements_positive: int
    reinforcements_corrective: int
    reinforcement_target: int
    followups_due: int
    followups_closed_on_time: int
    customer_score: float
    coaching_score: float
    reinforcement_score: float
    consistency_score: float
    """overall: the mean of the three practice scores, 0..100"""
    current_streak: int
    longest_streak: int
    days_off: int = 0
    """rota days of the week (up to week_end, from the start on) on leave or a public holiday"""
    team: str | None = field(default=None, compare=False)
    """the leader's team in force that week (None: not known to whoever built the record);
    not a figure: two records of the same numbers are equal whatever their team"""
    has_targets: bool = True
    """False in a week without a single judged workday (all off, or before the start): no targets"""

    @property
    def logging_rate(self) -> float | None:
        """Workdays logged / workdays scheduled (None in a week without workdays)."""
        return share(self.days_logged, self.workdays_scheduled)

    @property
    def customer_target_rate(self) -> float | None:
        """Share of the week's workdays that met the customer-facing target."""
        return share(self.days_meeting_customer_target, self.workdays_scheduled)

    @property
    def reinforcements(self) -> int:
        return self.reinforcements_positive + self.reinforcements_corrective

    @property
    def followup_rate(self) -> float | None:
        """Share of the follow-ups due this week that were closed by their due date."""
        return share(self.followups_closed_on_time, self.followups_due)

    @property
    def positive_corrective_ratio(self) -> float | None:
        return positive_corrective_ratio(
            self.reinforcements_positive, self.reinforcements_corrective
        )


# ---------------------------------------------------------------- small formulas


def share(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide by."""
    return part / whole if whole else None


def positive_corrective_ratio(positive: int, corrective: int) -> float | None:
    """Positive reinforcements per corrective one; None when there was no corrective feedback."""
    return positive / corrective if corrective else None


def as_week_start(value: str) -> WeekStart:
    """'monday' or 'sunday' (case-insensitive), else ValueError naming the choices."""
    text = (value or "").strip().lower()
    if text not in WEEK_STARTS:
        raise ValueError(f"'{value}' is not a first day of the week; use monday or sunday")
    return text  # type: ignore[return-value]


def week_start_of(day: dt.date, week_start: WeekStart = "monday") -> dt.date:
    """The first day of the week containing day (ISO Monday, or Sunday)."""
    offset = day.weekday() if week_start == "monday" else (day.weekday() + 1) % 7
    return day - dt.timedelta(days=offset)


def smoothing_factor(workdays_per_week: float) -> float:
    """The EMA weight of one workday: a half-life of HALF_LIFE_WEEKS weeks, capped at MAX_DAILY_STEP."""
    if workdays_per_week <= 0:
        return 0.0
    return min(1.0 - 0.5 ** (1.0 / (HALF_LIFE_WEEKS * workdays_per_week)), MAX_DAILY_STEP)


def weekly_credit(count_last_7_days: int, weekly_target: int, logged_today: bool) -> float:
    """How fully a workday met a weekly target: the last 7 days' count against it, at most 1."""
    if weekly_target <= 0:
        return 1.0 if logged_today else 0.0
    return min(1.0, count_last_7_days / weekly_target)


def customer_credit(minutes: int | None, minutes_target: int, logged_today: bool) -> float:
    """How fully a workday met the daily customer-facing target, 0..1."""
    if minutes_target <= 0:
        return 1.0 if logged_today else 0.0
    return min(1.0, (minutes or 0) / minutes_target)


Activity = tuple[dt.date, int | None, int, int, int]
"""A DayActivity, or the plain (day, minutes, coaching, positive, corrective) row it is made of."""
