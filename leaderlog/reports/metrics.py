"""Pure consistency metrics: per-day activity in, weekly figures, scores and streaks out.

No database and no Qt here: the data layer fetches per leader and day aggregates
(``leaderlog.data.queries``), ``leaderlog.reports.reporting`` glues the two together, and
the UI, CLI and charts only read the frozen records this module returns.
Every formula is written down, with a worked example, in ``docs/metrics.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any, Literal, NamedTuple

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

WALK_VERSION = 1
"""Bump when a formula of the daily walk changes: stored walk states of other versions are ignored."""

_ONE_DAY = dt.timedelta(days=1)


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
    days_logged: int
    """workdays with at least one entry"""
    customer_minutes: int
    """all customer-facing minutes of the week, non-workdays included"""
    customer_target_minutes: int
    """daily target x workdays scheduled"""
    days_meeting_customer_target: int
    coaching_count: int
    coaching_target: int
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


def smoothing_factor(workdays_per_week: int) -> float:
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


# ---------------------------------------------------------------- the daily walk


Activity = tuple[dt.date, int | None, int, int, int]
"""A DayActivity, or the plain (day, minutes, coaching, positive, corrective) row it is made of."""


def _logged(entry: Activity) -> bool:
    return entry[1] is not None or bool(entry[2] or entry[3] or entry[4])


@dataclass
class _Walk:
    """What one walk recorded (internal, built in bulk).

    Per calendar day from `first` (when asked for): parallel lists. Per week (when
    asked for): one _WeekSums per week that ended or stopped at the walk's last day.
    """

    first: dt.date
    entries: list[Activity | None]
    """the activity of each recorded day, None on a day without any"""
    workday: list[bool]
    pending: list[bool]
    met: list[bool]
    customer: list[float]
    coaching: list[float]
    reinforcement: list[float]
    streak: list[int]
    longest: list[int]
    weeks: list[_WeekSums]

    def at(self, day: dt.date) -> int:
        """The list index of a recorded day."""
        return (day - self.first).days


class _WeekSums(NamedTuple):
    """One week's sums as the walk adds them up, and the state at its last walked day."""

    last: int
    """the walk's index of the week's last walked day"""
    scheduled: int
    logged: int
    met: int
    minutes: int
    coaching_count: int
    positive: int
    corrective: int
    customer: float
    coaching: float
    reinforcement: float
    streak: int
    longest: int


def _walk(
    activity: Mapping[dt.date, Activity],
    targets: Targets,
    first: dt.date,
    last: dt.date,
    today: dt.date | None,
    *,
    record_from: dt.date | None = None,
    weeks_from: dt.date | None = None,
    resume: WalkState | None = None,
) -> _Walk:
    """Run the habit-strength EMA and the streak counter over every calendar day first..last.

    From record_from on, each day's state is recorded in the per-day lists. With
    weeks_from (a week's first day), every week in its rhythm is added up in
    walk.weeks (a first partial week included). Other days only move the state along
    (the warm-up from the first entry). With resume, the walk starts from that state
    instead of zero: first must be resume.day - 6, and those seven days only fill the
    7-day windows. This is the hot loop of every report, so customer_credit and
    weekly_credit are inlined with the same arithmetic: the scores stay bit-identical.
    """
    alpha = smoothing_factor(targets.work_pattern.workdays_per_week)
    keep = 1.0 - alpha
    minutes_target = targets.minutes_per_workday
    coaching_target = targets.coaching_per_week
    reinforcement_target = targets.reinforcement_per_week
    days = (last - first).days + 1
    # index by offset from `first`: a list lookup per day instead of date arithmetic
    entries: list[Activity | None] = [None] * days
    for day, entry in activity.items():
        offset = (day - first).days
        if 0 <= offset < days:
            entries[offset] = entry
    # the window slot of a day is offset % 7, and so is its place in the week
    workdays = [targets.work_pattern.is_workday(first + dt.timedelta(days=i)) for i in range(7)]
    today_index = (today - first).days if today is not None else -1
    recording = record_from is not None
    record_index = max(0, (record_from - first).days) if record_from is not None else days
    walk = _Walk(record_from or first, entries[record_index:], [], [], [], [], [], [], [], [], [])
    coaching_window = [0] * ROLLING_DAYS
    reinforcement_window = [0] * ROLLING_DAYS
    coaching_sum = reinforcement_sum = 0
    customer = coaching = reinforcement = 0.0
    streak = longest = 0
    begin = 0
    if resume is not None:
        begin = ROLLING_DAYS
        if first != resume.day - dt.timedelta(days=begin - 1) or record_index < begin:
            raise ValueError("a resumed walk starts 6 days before its state and records after it")
        _day, customer, coaching, reinforcement, streak, longest = resume
        for index, entry in enumerate(entries[:begin]):
            if entry is not None:
                coaching_window[index] = entry[2]
                reinforcement_window[index] = entry[3] + entry[4]
        coaching_sum, reinforcement_sum = sum(coaching_window), sum(reinforcement_window)
    # bound methods looked up once: eight appends per day otherwise cost eight lookups
    record_workday, record_pending, record_met = (
        walk.workday.append,
        walk.pending.append,
        walk.met.append,
    )
    record_customer, record_coaching, record_reinforcement = (
        walk.customer.append,
        walk.coaching.append,
        walk.reinforcement.append,
    )
    record_streak, record_longest = walk.streak.append, walk.longest.append
    adding_up = weeks_from is not None
    # days until the end of the week in weeks_from's rhythm (counted down, no date arithmetic)
    week_left = 0
    if weeks_from is not None:
        week_left = (6 - (begin - (weeks_from - first).days)) % 7 + 1
    add_week = walk.weeks.append
    scheduled = logged_days = met_days = minutes_sum = coached_sum = positive_sum = 0
    corrective_sum = 0
    slot = begin - 1
    for index, entry in enumerate(entries[begin:] if begin else entries, begin):
        slot += 1
        if slot == ROLLING_DAYS:
            slot = 0
        if entry is None:
            coaching_sum -= coaching_window[slot]
            reinforcement_sum -= reinforcement_window[slot]
            coaching_window[slot] = reinforcement_window[slot] = 0
            minutes = None
            logged = False
        else:
            _day, minutes, coached, positive, corrective = entry
            coaching_sum += coached - coaching_window[slot]
            coaching_window[slot] = coached
            reinforced = positive + corrective
            reinforcement_sum += reinforced - reinforcement_window[slot]
            reinforcement_window[slot] = reinforced
            logged = minutes is not None or bool(coached or positive or corrective)
            if adding_up:
                minutes_sum += minutes or 0
                coached_sum += coached
                positive_sum += positive
                corrective_sum += corrective
        workday = workdays[slot]
        pending = workday and index == today_index and not logged
        met = False
        if workday and not pending:
            # customer_credit, weekly_credit (twice), inlined
            if minutes_target > 0:
                # min(1.0, x) spelled out: the same float, without a builtin call per day
                credit = (minutes or 0) / minutes_target
                met = credit >= 1.0
                if met:
                    credit = 1.0
            else:
                credit = 1.0 if logged else 0.0
                met = logged
            customer = keep * customer + alpha * credit
            if coaching_target > 0:
                credit = coaching_sum / coaching_target
                if credit > 1.0:
                    credit = 1.0
            else:
                credit = 1.0 if logged else 0.0
            coaching = keep * coaching + alpha * credit
            if reinforcement_target > 0:
                credit = reinforcement_sum / reinforcement_target
                if credit > 1.0:
                    credit = 1.0
            else:
                credit = 1.0 if logged else 0.0
            reinforcement = keep * reinforcement + alpha * credit
            if met:
                streak += 1
                if streak > longest:
                    longest = streak
            else:
                streak = 0
            if adding_up:
                scheduled += 1
                logged_days += logged
                met_days += met
        if recording and index >= record_index:
            record_workday(workday and not pending)
            record_pending(pending)
            record_met(met)
            record_customer(customer)
            record_coaching(coaching)
            record_reinforcement(reinforcement)
            record_streak(streak)
            record_longest(longest)
        if adding_up:
            week_left -= 1
            if week_left == 0 or index == days - 1:
                add_week(
                    _WeekSums(
                        index,
                        scheduled,
                        logged_days,
                        met_days,
                        minutes_sum,
                        coached_sum,
                        positive_sum,
                        corrective_sum,
                        customer,
                        coaching,
                        reinforcement,
                        streak,
                        longest,
                    )
                )
                week_left = 7
                scheduled = logged_days = met_days = minutes_sum = coached_sum = 0
                positive_sum = corrective_sum = 0
    return walk


def _percent(value: float) -> float:
    return min(100.0, max(0.0, value * 100.0))


def _overall(customer: float, coaching: float, reinforcement: float) -> float:
    return _percent((customer + coaching + reinforcement) / 3.0)


def _series_bounds(
    activity: Mapping[dt.date, Activity], start: dt.date, end: dt.date, today: dt.date | None
) -> tuple[dt.date, dt.date]:
    """Walk from the earliest entry (or start) so a score never depends on the range asked for."""
    first = min([start, *activity]) if activity else start
    last = min(end, today) if today is not None else end
    return first, last


def _walk_bounds(
    activity: Mapping[dt.date, Activity],
    start: dt.date,
    end: dt.date,
    today: dt.date | None,
    resume: WalkState | None,
) -> tuple[dt.date, dt.date]:
    """The walk's first and last day: from the first entry, or six days before a resumed state."""
    if resume is None:
        return _series_bounds(activity, start, end, today)
    last = min(end, today) if today is not None else end
    if last >= start and (resume.day >= start or (today is not None and resume.day >= today)):
        raise ValueError(
            f"a walk state of {resume.day.isoformat()} cannot start a report from "
            f"{start.isoformat()}"
        )
    return resume.day - dt.timedelta(days=ROLLING_DAYS - 1), last


def daily_scores(
    activity: Iterable[Activity],
    targets: Targets,
    start: dt.date,
    end: dt.date,
    today: dt.date | None = None,
    *,
    resume: WalkState | None = None,
) -> list[DayScore]:
    """One DayScore per calendar day start..end (stopping at today); earlier activity warms the scores up.

    With resume (a state stored before start), activity needs to reach back only to six
    days before that state's day: the scores are the same.
    """
    by_day = {entry[0]: entry for entry in activity}
    first, last = _walk_bounds(by_day, start, end, today, resume)
    if last < start:
        return []
    walk = _walk(by_day, targets, first, last, today, record_from=start, resume=resume)
    result = []
    for index in range(walk.at(last) + 1):
        day = start + dt.timedelta(days=index)
        entry = walk.entries[index]
        result.append(
            DayScore(
                day=day,
                workday=walk.workday[index],
                pending=walk.pending[index],
                logged=entry is not None and _logged(entry),
                minutes=None if entry is None else entry[1],
                met_customer_target=walk.met[index],
                coaching=0 if entry is None else entry[2],
                reinforcements=0 if entry is None else entry[3] + entry[4],
                customer_score=_percent(walk.customer[index]),
                coaching_score=_percent(walk.coaching[index]),
                reinforcement_score=_percent(walk.reinforcement[index]),
                score=_overall(
                    walk.customer[index], walk.coaching[index], walk.reinforcement[index]
                ),
                streak=walk.streak[index],
            )
        )
    return result


def weekly_figures(
    leader_id: int,
    activity: Iterable[Activity],
    targets: Targets,
    start: dt.date,
    end: dt.date,
    *,
    follow_ups: Iterable[FollowUpCount | tuple[dt.date, int, int]] = (),
    week_start: WeekStart = "monday",
    today: dt.date | None = None,
    resume: WalkState | None = None,
) -> list[WeekFigures]:
    """One WeekFigures per week touching start..end (whole weeks, stopping at today).

    activity may (and, for scores that do not depend on the range, should) reach back
    to the leader's first entry; only the weeks asked for are returned. With resume (a
    state stored before the first week), activity needs to reach back only to six days
    before that state's day: the figures are the same.
    """
    weeks, _states = weekly_figures_and_states(
        leader_id,
        activity,
        targets,
        start,
        end,
        follow_ups=follow_ups,
        week_start=week_start,
        today=today,
        resume=resume,
        keep_states=False,
    )
    return weeks


def weekly_figures_and_states(
    leader_id: int,
    activity: Iterable[Activity],
    targets: Targets,
    start: dt.date,
    end: dt.date,
    *,
    follow_ups: Iterable[FollowUpCount | tuple[dt.date, int, int]] = (),
    week_start: WeekStart = "monday",
    today: dt.date | None = None,
    resume: WalkState | None = None,
    keep_states: bool = True,
    states_after: dt.date | None = None,
) -> tuple[list[WeekFigures], list[WalkState]]:
    """weekly_figures, and the walk's state at the end of every week it walked before today.

    The states are where a later walk may resume (after resume.day when resuming; from
    the walk's first week otherwise; only those after states_after if given): a week
    that ends before today can no longer change unless an entry or the leader's
    targets change.
    """
    first_week = week_start_of(start, week_start)
    last_day = week_start_of(end, week_start) + dt.timedelta(days=6)
    by_day = {entry[0]: entry for entry in activity}
    first, last = _walk_bounds(by_day, first_week, last_day, today, resume)
    if last < first_week:
        return [], []
    walk = _walk(by_day, targets, first, last, today, weeks_from=first_week, resume=resume)
    # follow-ups due and closed on time, per week (by its index from first_week)
    due: dict[int, list[int]] = {}
    for due_on, count, closed in follow_ups:
        if first_week <= due_on <= last:
            totals = due.setdefault((due_on - first_week).days // 7, [0, 0])
            totals[0] += count
            totals[1] += closed
    first_index = (first_week - first).days
    weeks = []
    states = []
    stop = None if today is None else (today - first).days
    skip = -1 if states_after is None else (states_after - first).days
    for sums in walk.weeks:
        week_index = (sums.last - first_index) // 7
        if week_index < 0:
            # a week before the report's: its state is where a later report may resume
            if keep_states and sums.last > skip and (sums.last - first_index) % 7 == 6:
                states.append(_state(first, sums))
            continue
        if (
            keep_states
            and sums.last > skip
            and (sums.last - first_index) % 7 == 6
            and (stop is None or sums.last < stop)
        ):
            states.append(_state(first, sums))
        monday = first_week + dt.timedelta(days=7 * week_index)
        followups = due.get(week_index, (0, 0))
        weeks.append(
            _one_week(
                leader_id, monday, first + dt.timedelta(days=sums.last), sums, followups, targets
            )
        )
    return weeks, states


def _state(first: dt.date, sums: _WeekSums) -> WalkState:
    return WalkState(
        first + dt.timedelta(days=sums.last),
        sums.customer,
        sums.coaching,
        sums.reinforcement,
        sums.streak,
        sums.longest,
    )


def _one_week(
    leader_id: int,
    week_first: dt.date,
    week_last: dt.date,
    sums: _WeekSums,
    followups: Sequence[int],
    targets: Targets,
) -> WeekFigures:
    (
        _last,
        scheduled,
        logged,
        met,
        minutes,
        coaching_count,
        positive,
        corrective,
        customer,
        coaching,
        reinforcement,
        streak,
        longest,
    ) = sums
    # _percent and _overall inlined (one report builds a WeekFigures per leader and week);
    # `v if v > 0.0 else 0.0` is exactly max(0.0, v), `v if v < 100.0 else 100.0` min(100.0, v)
    customer_score = customer * 100.0
    customer_score = customer_score if customer_score > 0.0 else 0.0
    customer_score = customer_score if customer_score < 100.0 else 100.0
    coaching_score = coaching * 100.0
    coaching_score = coaching_score if coaching_score > 0.0 else 0.0
    coaching_score = coaching_score if coaching_score < 100.0 else 100.0
    reinforcement_score = reinforcement * 100.0
    reinforcement_score = reinforcement_score if reinforcement_score > 0.0 else 0.0
    reinforcement_score = reinforcement_score if reinforcement_score < 100.0 else 100.0
    overall = (customer + coaching + reinforcement) / 3.0 * 100.0
    overall = overall if overall > 0.0 else 0.0
    overall = overall if overall < 100.0 else 100.0
    # positional, in WeekFigures' field order: keyword binding costs more than the rest
    return WeekFigures(
        leader_id,
        week_first,
        week_last,
        scheduled,
        logged,
        minutes,
        targets.minutes_per_workday * scheduled,
        met,
        coaching_count,
        targets.coaching_per_week,
        positive,
        corrective,
        targets.reinforcement_per_week,
        followups[0],
        followups[1],
        customer_score,
        coaching_score,
        reinforcement_score,
        overall,
        streak,
        longest,
    )


# ---------------------------------------------------------------- many leaders at once


class DailyColumns(NamedTuple):
    """Many leaders' entries as flat numpy arrays: (positions, day ordinals[, values]) per kind.

    A position is the leader's index in the list the arrays go with; a day is its
    ``date.toordinal()``. One element per day log (with its minutes), per coaching note,
    per reinforcement, per corrective reinforcement, per follow-up due and per
    follow-up closed by its due date.
    """

    day_logs: tuple[Any, Any, Any]
    coaching: tuple[Any, Any]
    reinforcements: tuple[Any, Any]
    corrective: tuple[Any, Any]
    follow_ups_due: tuple[Any, Any]
    follow_ups_on_time: tuple[Any, Any]


def weekly_figures_of_many(
    leaders: Sequence[tuple[int, Targets]],
    columns: DailyColumns,
    start: dt.date,
    end: dt.date,
    *,
    week_start: WeekStart = "monday",
    today: dt.date | None = None,
) -> list[list[WeekFigures]]:
    """weekly_figures for every (leader id, targets), walked for all of them at once with numpy.

    columns must hold each leader's entries from their first one to the last day of the
    report (follow-ups: those due in the report's weeks). The floats are exactly those of
    the day-by-day walk: every score is the same IEEE operations in the same order, day
    after day, only on many leaders at a time (tests/test_metrics_walk.py checks it).
    """
    import numpy as np

    count = len(leaders)
    first_week = week_start_of(start, week_start)
    last = week_start_of(end, week_start) + dt.timedelta(days=6)
    if today is not None:
        last = min(last, today)
    if last < first_week or not count:
        return [[] for _ in leaders]
    # one common first day: before a leader's first entry every score stays exactly 0.0
    first = first_week.toordinal()
    for positions_and_days in columns[:4]:
        if len(positions_and_days[1]):
            first = min(first, int(positions_and_days[1].min()))
    days = last.toordinal() - first + 1
    cells = count * days

    def grid(positions: Any, ordinals: Any) -> Any:
        """How many elements fall on each (leader, day): an int array of shape (leaders, days)."""
        inside = ordinals < first + days
        flat = positions[inside] * days + (ordinals[inside] - first)
        return np.bincount(flat, minlength=cells).reshape(count, days)

    log_positions, log_days, log_minutes = columns.day_logs
    has_log = grid(log_positions, log_days) > 0
    minutes = np.zeros(cells, dtype=np.int64)
    inside = log_days < first + days
    minutes[log_positions[inside] * days + (log_days[inside] - first)] = log_minutes[inside]
    minutes = minutes.reshape(count, days)
    coached = grid(*columns.coaching)
    reinforced = grid(*columns.reinforcements)
    corrective = grid(*columns.corrective)
    logged = has_log | (coached > 0) | (reinforced > 0)

    patterns = np.array([targets.work_pattern.days for _id, targets in leaders], dtype=bool)
    weekday_of_day = (dt.date.fromordinal(first).weekday() + np.arange(days)) % 7
    step = patterns[:, weekday_of_day]
    if today is not None and first <= today.toordinal() < first + days:
        pending_column = today.toordinal() - first
        step[:, pending_column] &= logged[:, pending_column]

    def target(name: str) -> tuple[Any, Any]:
        values = np.array([getattr(targets, name) for _id, targets in leaders], dtype=np.int64)
        # divide by 1 where there is no target: those credits are replaced below
        return values, np.where(values > 0, values, 1)[:, None]

    logged_credit = logged.astype(np.float64)
    minutes_target, minutes_divisor = target("minutes_per_workday")
    customer = minutes / minutes_divisor
    met = customer >= 1.0
    customer = np.where(met, 1.0, customer)
    has_minutes_target = (minutes_target > 0)[:, None]
    customer = np.where(has_minutes_target, customer, logged_credit)
    met = np.where(has_minutes_target, met, logged) & step

    def last_7_days(counts: Any) -> Any:
        padded = np.zeros((count, days + ROLLING_DAYS), dtype=np.int64)
        padded[:, ROLLING_DAYS:] = counts
        running = np.cumsum(padded, axis=1)
        return running[:, ROLLING_DAYS:] - running[:, :days]

    def weekly(counts: Any, name: str) -> Any:
        weekly_target, divisor = target(name)
        credit = last_7_days(counts) / divisor
        credit = np.where(credit > 1.0, 1.0, credit)
        return np.where((weekly_target > 0)[:, None], credit, logged_credit)

    credits = np.stack(
        [
            customer,
            weekly(coached, "coaching_per_week"),
            weekly(reinforced, "reinforcement_per_week"),
        ]
    )  # (3, leaders, days)
    alpha = np.array(
        [smoothing_factor(targets.work_pattern.workdays_per_week) for _id, targets in leaders]
    )
    keep = np.broadcast_to(1.0 - alpha, (3, count))
    # alpha * credit of every day at once (the product the walk makes), days first so that
    # each day's values are one contiguous row
    addends = (alpha[None, :, None] * credits).transpose(2, 0, 1).copy()
    del credits
    stepping = np.ascontiguousarray(step.T)

    offset = first_week.toordinal() - first
    week_count = (days - offset + 6) // 7
    week_firsts = offset + 7 * np.arange(week_count)
    week_lasts = np.minimum(week_firsts + 6, days - 1)
    scores = np.zeros((week_count, 3, count))
    state = np.zeros((3, count))
    moved = np.empty((3, count))
    week = 0
    next_last = int(week_lasts[0])
    for day in range(days):
        # keep * score + alpha * credit, kept where the day counts (a workday, not a pending today)
        np.multiply(keep, state, out=moved)
        np.add(moved, addends[day], out=moved)
        np.copyto(state, moved, where=stepping[day])
        if day == next_last:
            scores[week] = state
            week += 1
            if week < week_count:
                next_last = int(week_lasts[week])

    # streaks: step days since the last step day that missed the target, and their maximum
    stepped = np.cumsum(step, axis=1)
    missed_at = np.maximum.accumulate(np.where(step & ~met, stepped, 0), axis=1)
    streak = stepped - missed_at
    longest = np.maximum.accumulate(streak, axis=1)

    def week_sums(values: Any) -> Any:
        return np.add.reduceat(values[:, offset:], week_firsts - offset, axis=1, dtype=np.int64)

    def follow_up_weeks(positions: Any, ordinals: Any) -> Any:
        relative = ordinals - first_week.toordinal()
        inside = (relative >= 0) & (ordinals <= last.toordinal())
        flat = positions[inside] * week_count + relative[inside] // 7
        return np.bincount(flat, minlength=count * week_count).reshape(count, week_count)

    def percent(values: Any) -> Any:
        values = values * 100.0
        values = np.where(values > 0.0, values, 0.0)
        return np.where(values < 100.0, values, 100.0)

    scheduled = week_sums(step)
    by_week = (
        scheduled,
        week_sums(step & logged),
        week_sums(minutes),
        minutes_target[:, None] * scheduled,
        week_sums(met),
        week_sums(coached),
        np.array([targets.coaching_per_week for _id, targets in leaders])[:, None]
        + np.zeros(week_count, dtype=np.int64),
        week_sums(reinforced - corrective),
        week_sums(corrective),
        np.array([targets.reinforcement_per_week for _id, targets in leaders])[:, None]
        + np.zeros(week_count, dtype=np.int64),
        follow_up_weeks(*columns.follow_ups_due),
        follow_up_weeks(*columns.follow_ups_on_time),
        percent(scores[:, 0, :].T),
        percent(scores[:, 1, :].T),
        percent(scores[:, 2, :].T),
        percent(((scores[:, 0, :] + scores[:, 1, :] + scores[:, 2, :]) / 3.0).T),
        streak[:, week_lasts],
        longest[:, week_lasts],
    )
    as_lists = [values.tolist() for values in by_week]
    week_starts = [first_week + dt.timedelta(days=7 * w) for w in range(week_count)]
    week_ends = [dt.date.fromordinal(first + int(day)) for day in week_lasts]
    return [
        list(
            map(
                WeekFigures,
                repeat(leader_id, week_count),
                week_starts,
                week_ends,
                *(values[position] for values in as_lists),
            )
        )
        for position, (leader_id, _targets) in enumerate(leaders)
    ]
