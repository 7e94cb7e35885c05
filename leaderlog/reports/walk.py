"""The one-leader daily walk: the habit-strength EMA and the streak counter, day after day.

Pure Python, no database: ``weekly_figures`` and ``daily_scores`` turn one leader's per-day
activity (``formulas.DayActivity``) into ``WeekFigures`` and ``DayScore`` records with the
formulas of ``reports.formulas``; a walk can resume from a stored ``WalkState``.
Every formula is written down, with a worked example, in ``docs/metrics.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from leaderlog.core.schedule import LeaderCalendar
from leaderlog.reports.day_plan import (
    DAY_OFF,
    JUDGED,
    NO_TARGET,
    DayPlan,
    calendar_of,
    day_plan,
    window_start,
)
from leaderlog.reports.formulas import (
    ROLLING_DAYS,
    Activity,
    DayScore,
    FollowUpCount,
    Targets,
    WalkState,
    WeekFigures,
    WeekStart,
    week_start_of,
)

PlanOf = Callable[[LeaderCalendar, dt.date, dt.date], DayPlan]
"""builds the day plan of a calendar's days first..last (``day_plan.day_plan``, or a kept one)"""


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
    days_off: int
    minutes_target: int
    """the daily targets of the judged days added up"""
    coaching_target: int
    reinforcement_target: int


def _walk(
    activity: Mapping[dt.date, Activity],
    plan: DayPlan,
    first: dt.date,
    last: dt.date,
    today: dt.date | None,
    *,
    record_from: dt.date | None = None,
    weeks_from: dt.date | None = None,
    resume: WalkState | None = None,
) -> _Walk:
    """Run the habit-strength EMA and the streak counter over every calendar day first..last.

    plan covers first..last (``day_plan``). From record_from on, each day's state is
    recorded in the per-day lists. With weeks_from (a week's first day), every week in
    its rhythm is added up in walk.weeks (a first partial week included). Other days
    only move the state along (the warm-up from the first entry). With resume, the walk
    starts from that state instead of zero: first must be the start of resume.day's
    7-day window (``day_plan.window_start``), and the days up to resume.day only fill
    the windows. This is the hot loop of every report, so customer_credit and
    weekly_credit are inlined with the same arithmetic: the scores stay bit-identical.

    A 7-day window holds seven days that do not stretch it (``DayPlan.stretch``: days off
    and the non-workdays after them) and the stretching days among them: its ring of seven
    slots moves on at each other day, and a stretching day adds its entries to the current slot.
    """
    if plan.first != first or len(plan.kind) != (last - first).days + 1:
        raise ValueError("the day plan must cover the walk's days")
    kinds = plan.kind
    minutes_targets = plan.minutes_target
    coaching_targets = plan.coaching_target
    reinforcement_targets = plan.reinforcement_target
    alphas = plan.alpha
    stretch = plan.stretch
    days = (last - first).days + 1
    # index by offset from `first`: a list lookup per day instead of date arithmetic
    entries: list[Activity | None] = [None] * days
    for day, entry in activity.items():
        offset = (day - first).days
        if 0 <= offset < days:
            entries[offset] = entry
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
    slot = -1
    if resume is not None:
        begin = (resume.day - first).days + 1
        if begin < 1 or record_index < begin:
            raise ValueError("a resumed walk starts before its state and records after it")
        _day, customer, coaching, reinforcement, streak, longest = resume
        for index in range(begin):
            entry = entries[index]
            if not stretch[index] or slot < 0:
                slot += 1
            if entry is not None:
                coaching_window[slot] += entry[2]
                reinforcement_window[slot] += entry[3] + entry[4]
        if slot != ROLLING_DAYS - 1:
            raise ValueError("a resumed walk starts at the window of its state's day")
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
    corrective_sum = off_days = target_sum = 0
    for index, entry in enumerate(entries[begin:] if begin else entries, begin):
        kind = kinds[index]
        if not stretch[index] or slot < 0:
            slot += 1
            if slot == ROLLING_DAYS:
                slot = 0
            coaching_sum -= coaching_window[slot]
            reinforcement_sum -= reinforcement_window[slot]
            coaching_window[slot] = reinforcement_window[slot] = 0
        if entry is None:
            minutes = None
            logged = False
        else:
            _day, minutes, coached, positive, corrective = entry
            coaching_sum += coached
            coaching_window[slot] += coached
            reinforced = positive + corrective
            reinforcement_sum += reinforced
            reinforcement_window[slot] += reinforced
            logged = minutes is not None or bool(coached or positive or corrective)
            if adding_up:
                minutes_sum += minutes or 0
                coached_sum += coached
                positive_sum += positive
                corrective_sum += corrective
        workday = kind == JUDGED
        pending = workday and index == today_index and not logged
        met = False
        if workday and not pending:
            alpha = alphas[index]
            keep = 1.0 - alpha
            minutes_target = minutes_targets[index]
            coaching_target = coaching_targets[index]
            reinforcement_target = reinforcement_targets[index]
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
                target_sum += minutes_target
        elif kind == DAY_OFF and adding_up:
            off_days += 1
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
                        off_days,
                        target_sum,
                        coaching_targets[index],
                        reinforcement_targets[index],
                    )
                )
                week_left = 7
                scheduled = logged_days = met_days = minutes_sum = coached_sum = 0
                positive_sum = corrective_sum = off_days = target_sum = 0
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
    calendar: LeaderCalendar,
) -> tuple[dt.date, dt.date]:
    """The walk's first and last day: from the first entry, or the window of a resumed state."""
    if resume is None:
        return _series_bounds(activity, start, end, today)
    last = min(end, today) if today is not None else end
    if last >= start and (resume.day >= start or (today is not None and resume.day >= today)):
        raise ValueError(
            f"a walk state of {resume.day.isoformat()} cannot start a report from "
            f"{start.isoformat()}"
        )
    return window_start(calendar, resume.day), last


def daily_scores(
    activity: Iterable[Activity],
    targets: Targets | LeaderCalendar,
    start: dt.date,
    end: dt.date,
    today: dt.date | None = None,
    *,
    resume: WalkState | None = None,
    plan_of: PlanOf = day_plan,
) -> list[DayScore]:
    """One DayScore per calendar day start..end (stopping at today); earlier activity warms the scores up.

    targets: a leader's calendar (days off, start, settings history), or plain targets.
    With resume (a state stored before start), activity needs to reach back only to the
    start of that state's 7-day window (``day_plan.window_start``): the scores are the same.
    """
    calendar = calendar_of(targets)
    by_day = {entry[0]: entry for entry in activity}
    first, last = _walk_bounds(by_day, start, end, today, resume, calendar)
    if last < start:
        return []
    plan = (
        day_plan(targets, first, last)
        if isinstance(targets, Targets)
        else plan_of(calendar, first, last)
    )
    walk = _walk(by_day, plan, first, last, today, record_from=start, resume=resume)
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
    targets: Targets | LeaderCalendar,
    start: dt.date,
    end: dt.date,
    *,
    follow_ups: Iterable[FollowUpCount | tuple[dt.date, int, int]] = (),
    week_start: WeekStart = "monday",
    today: dt.date | None = None,
    resume: WalkState | None = None,
) -> list[WeekFigures]:
    """One WeekFigures per week touching start..end (whole weeks, stopping at today).

    targets: a leader's calendar (its week start must be week_start), or plain targets.
    Weeks that end before the calendar's start date are left out. activity may (and,
    for scores that do not depend on the range, should) reach back to the leader's
    first entry; only the weeks asked for are returned. With resume (a state stored
    before the first week), activity needs to reach back only to the start of that
    state's 7-day window: the figures are the same.
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
    targets: Targets | LeaderCalendar,
    start: dt.date,
    end: dt.date,
    *,
    follow_ups: Iterable[FollowUpCount | tuple[dt.date, int, int]] = (),
    week_start: WeekStart = "monday",
    today: dt.date | None = None,
    resume: WalkState | None = None,
    keep_states: bool = True,
    states_after: dt.date | None = None,
    plan_of: PlanOf = day_plan,
) -> tuple[list[WeekFigures], list[WalkState]]:
    """weekly_figures, and the walk's state at the end of every week it walked before today.

    The states are where a later walk may resume (after resume.day when resuming; from
    the walk's first week otherwise; only those after states_after if given): a week
    that ends before today can no longer change unless an entry or the leader's
    calendar changes.
    """
    calendar = calendar_of(targets, week_start)
    first_week = week_start_of(start, week_start)
    last_day = week_start_of(end, week_start) + dt.timedelta(days=6)
    by_day = {entry[0]: entry for entry in activity}
    first, last = _walk_bounds(by_day, first_week, last_day, today, resume, calendar)
    if last < first_week:
        return [], []
    plan = (
        day_plan(targets, first, last)
        if isinstance(targets, Targets)
        else plan_of(calendar, first, last)
    )
    walk = _walk(by_day, plan, first, last, today, weeks_from=first_week, resume=resume)
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
    record_start = calendar.start
    known_teams = isinstance(targets, LeaderCalendar)
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
        if record_start is not None and monday + dt.timedelta(days=6) < record_start:
            continue  # a week before the leader's record began: no row, no zeros
        followups = due.get(week_index, (0, 0))
        weeks.append(
            _one_week(
                leader_id,
                monday,
                first + dt.timedelta(days=sums.last),
                sums,
                followups,
                calendar.settings_on(monday + dt.timedelta(days=6)).team if known_teams else None,
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
    team: str | None,
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
        days_off,
        minutes_target,
        coaching_target,
        reinforcement_target,
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
    has_targets = coaching_target != NO_TARGET
    # positional, in WeekFigures' field order: keyword binding costs more than the rest
    return WeekFigures(
        leader_id,
        week_first,
        week_last,
        scheduled,
        logged,
        minutes,
        minutes_target,
        met,
        coaching_count,
        coaching_target if has_targets else 0,
        positive,
        corrective,
        reinforcement_target if has_targets else 0,
        followups[0],
        followups[1],
        customer_score,
        coaching_score,
        reinforcement_score,
        overall,
        streak,
        longest,
        days_off,
        team,
        has_targets,
    )
