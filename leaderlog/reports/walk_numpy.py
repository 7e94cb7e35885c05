"""The all-leaders walk: the one-leader walk's formulas applied to many leaders at once with numpy.

numpy is imported when the walk runs, never at import time (start-up stays light).
The floats are exactly those of ``reports.walk``: the same IEEE operations in the same
order, day after day (tests/reports/test_metrics_walk.py checks it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import repeat
from typing import Any, NamedTuple

from leaderlog.core.schedule import MAX_CYCLE_DAYS, CyclePattern, LeaderCalendar
from leaderlog.reports.day_plan import (
    DAY_OFF,
    JUDGED,
    NO_TARGET,
    NOT_JUDGED,
    last_rota_before,
)
from leaderlog.reports.formulas import (
    ROLLING_DAYS,
    Targets,
    WalkState,
    WeekFigures,
    WeekStart,
    smoothing_factor,
    week_start_of,
)


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


def _calendar_arrays(np: Any, calendar: LeaderCalendar, begin: int, days: int) -> tuple[Any, ...]:
    """A calendar's day plan as arrays over whole weeks from ordinal begin (days: a multiple of 7).

    The same plan as ``day_plan.day_plan`` (tests/reports/test_fair_score.py checks it),
    built period by period instead of day by day: kind, daily minutes target, the
    week's coaching and reinforcement targets (NO_TARGET in a week without a judged
    day), the smoothing factor and whether the day stretches the 7-day windows, one
    element per day.
    """
    ordinals = begin + np.arange(days)
    weekday = (dt.date.fromordinal(begin).weekday() + np.arange(days)) % 7
    rota = np.zeros(days, dtype=bool)
    minutes = np.zeros(days, dtype=np.int64)
    coaching = np.zeros(days, dtype=np.int64)
    reinforcement = np.zeros(days, dtype=np.int64)
    alpha = np.zeros(days)
    periods = calendar.periods
    for index, period in enumerate(periods):
        low = 0 if index == 0 else period.effective_from.toordinal() - begin
        high = (
            days
            if index + 1 == len(periods)
            else periods[index + 1].effective_from.toordinal() - begin
        )
        low, high = max(low, 0), min(high, days)
        if low >= high:
            continue
        pattern = period.pattern
        if isinstance(pattern, CyclePattern):
            cycle = np.array(pattern.days, dtype=bool)
            rota[low:high] = cycle[(ordinals[low:high] - pattern.anchor.toordinal()) % len(cycle)]
        else:
            rota[low:high] = np.array(pattern.days, dtype=bool)[weekday[low:high]]
        minutes[low:high] = period.target_minutes
        coaching[low:high] = period.target_coaching
        reinforcement[low:high] = period.target_reinforcement
        alpha[low:high] = smoothing_factor(pattern.workdays_per_week)

    def cells(days_of: Any) -> Any:
        found = np.fromiter((day.toordinal() for day in days_of), dtype=np.int64) - begin
        return found[(found >= 0) & (found < days)]

    rostered = np.zeros(days, dtype=bool)
    if calendar.swaps:
        swapped = cells(calendar.swaps)
        works = np.fromiter(
            (w for d, w in calendar.swaps.items() if 0 <= d.toordinal() - begin < days), dtype=bool
        )
        rota[swapped] = works
        rostered[swapped] = works
    off = np.zeros(days, dtype=bool)
    if calendar.holidays:
        off[cells(calendar.holidays)] = True
        off &= ~rostered
    if calendar.leave:
        off[cells(calendar.leave)] = True
    off &= rota
    if calendar.start is not None:
        before = ordinals < calendar.start.toordinal()
        off &= ~before
        judged = rota & ~before & ~off
    else:
        judged = rota & ~off
    kind = np.where(judged, JUDGED, np.where(off, DAY_OFF, NOT_JUDGED))
    # a non-workday after a day off (the latest rota day at most MAX_CYCLE_DAYS back) stretches
    # the windows as the day off does (day_plan.DayPlan.stretch)
    index = np.arange(days)
    latest = np.maximum.accumulate(np.where(rota, index, -1))
    before_begin = last_rota_before(calendar, dt.date.fromordinal(begin))
    if before_begin is None:
        initial_off, initial_at = False, 0
    else:
        initial_off, initial_at = before_begin[1], before_begin[0].toordinal() - begin
    latest_off = np.where(latest >= 0, off[np.maximum(latest, 0)], initial_off)
    latest_at = np.where(latest >= 0, latest, initial_at)
    stretch = np.where(rota, off, latest_off & (index - latest_at <= MAX_CYCLE_DAYS))
    rota_days = rota.reshape(-1, 7).sum(axis=1)
    workdays = judged.reshape(-1, 7).sum(axis=1)
    shrunk = []
    for weekly in (coaching, reinforcement):
        target = weekly[6::7]
        value = (2 * target * workdays + rota_days) // (2 * np.maximum(rota_days, 1))
        value = np.where(target > 0, np.maximum(value, 1), value)  # schedule.shrink_target
        shrunk.append(np.repeat(np.where(workdays > 0, value, NO_TARGET), 7))
    return kind, minutes, shrunk[0], shrunk[1], alpha, stretch


def _plain_arrays(np: Any, targets: Targets, begin: int, days: int) -> tuple[Any, ...]:
    weekday = (dt.date.fromordinal(begin).weekday() + np.arange(days)) % 7
    kind = np.where(np.array(targets.work_pattern.days, dtype=bool)[weekday], JUDGED, NOT_JUDGED)
    full = np.ones(days, dtype=np.int64)
    return (
        kind,
        full * targets.minutes_per_workday,
        full * targets.coaching_per_week,
        full * targets.reinforcement_per_week,
        np.full(days, smoothing_factor(targets.work_pattern.workdays_per_week)),
        np.zeros(days, dtype=bool),
    )


def plan_arrays(
    np: Any,
    leaders: Sequence[tuple[int, Targets | LeaderCalendar]],
    first: int,
    days: int,
    week_start: WeekStart,
) -> tuple[Any, ...]:
    """(kind, minutes target, coaching target, reinforcement target, alpha, stretch): (leaders, days) each."""
    begin = week_start_of(dt.date.fromordinal(first), week_start).toordinal()
    span = -(-(first + days - begin) // 7) * 7
    rows = [
        _plain_arrays(np, targets, begin, span)
        if isinstance(targets, Targets)
        else _calendar_arrays(np, targets, begin, span)
        for _id, targets in leaders
    ]
    skip = first - begin
    return tuple(
        np.stack([row[column] for row in rows])[:, skip : skip + days] for column in range(6)
    )


def _windows(np: Any, counts: Any, stretch: Any) -> Any:
    """Each day's count over its 7-day window: seven days that are not days off, and the days off among them."""
    count, days = counts.shape
    padded = np.zeros((count, days + 1), dtype=np.int64)
    np.cumsum(counts, axis=1, out=padded[:, 1:])
    if stretch is None:
        start = np.maximum(np.arange(days) - (ROLLING_DAYS - 1), 0)[None, :].repeat(count, 0)
        return padded[:, 1:] - np.take_along_axis(padded, start, axis=1)
    seen = np.cumsum(stretch, axis=1)  # days that are not days off, up to each day
    flat = np.flatnonzero(stretch.ravel())
    before = np.concatenate(([0], np.cumsum(seen[:, -1])[:-1]))[:, None]
    full = seen >= ROLLING_DAYS
    pick = np.where(full, before + seen - ROLLING_DAYS, 0)
    rows = np.arange(count)[:, None] * days
    start = np.where(full, flat[pick] - rows if flat.size else 0, 0)
    return padded[:, 1:] - np.take_along_axis(padded, start, axis=1)


class BatchResume(NamedTuple):
    """Where a batch walk resumes: every leader's stored state at the end of one common day.

    Per leader (by position): the three scores (0..1), the streak and the longest streak.
    ``read_from`` is the first day the columns hold: no later than the start of any of
    the leaders' 7-day windows ending on ``day`` (``day_plan.window_start``).
    """

    day: dt.date
    read_from: dt.date
    customer: Sequence[float]
    coaching: Sequence[float]
    reinforcement: Sequence[float]
    streak: Sequence[int]
    longest: Sequence[int]


def weekly_figures_of_many(
    leaders: Sequence[tuple[int, Targets | LeaderCalendar]],
    columns: DailyColumns,
    start: dt.date,
    end: dt.date,
    *,
    week_start: WeekStart = "monday",
    today: dt.date | None = None,
) -> list[list[WeekFigures]]:
    """weekly_figures for every (leader id, calendar or targets), walked for all of them at once with numpy.

    columns must hold each leader's entries from their first one to the last day of the
    report (follow-ups: those due in the report's weeks). The floats are exactly those of
    the day-by-day walk: every score is the same IEEE operations in the same order, day
    after day, only on many leaders at a time (tests/reports/test_metrics_walk.py checks it).
    Calendars must have week_start as theirs.
    """
    weeks, _kept = weekly_figures_and_states_of_many(
        leaders, columns, start, end, week_start=week_start, today=today, keep_states=False
    )
    return weeks


def weekly_figures_and_states_of_many(
    leaders: Sequence[tuple[int, Targets | LeaderCalendar]],
    columns: DailyColumns,
    start: dt.date,
    end: dt.date,
    *,
    week_start: WeekStart = "monday",
    today: dt.date | None = None,
    resume: BatchResume | None = None,
    keep_states: bool = True,
) -> tuple[list[list[WeekFigures]], list[list[WalkState]]]:
    """weekly_figures_of_many, and each leader's walk state at the end of every week it walked.

    The states are those ``walk.weekly_figures_and_states`` keeps (week ends before today,
    none before the leader's first entry in columns), after resume.day when resuming.
    With resume, the walk starts from those states instead of each leader's first entry:
    columns then need the entries from resume.read_from on only.
    """
    import numpy as np

    count = len(leaders)
    first_week = week_start_of(start, week_start)
    last = week_start_of(end, week_start) + dt.timedelta(days=6)
    if today is not None:
        last = min(last, today)
    if last < first_week or not count:
        return [[] for _ in leaders], [[] for _ in leaders]
    if resume is None:
        # one common first day: before a leader's first entry every score stays exactly 0.0
        first = first_week.toordinal()
        for positions_and_days in columns[:4]:
            if len(positions_and_days[1]):
                first = min(first, int(positions_and_days[1].min()))
        resumed_at = -1  # index of the resumed state's day: the walk steps after it
    else:
        first = resume.read_from.toordinal()
        resumed_at = resume.day.toordinal() - first
        if not 0 <= resumed_at < first_week.toordinal() - first:
            raise ValueError("a batch walk resumes before its report's first week, from its window")
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

    kind, minutes_target, coaching_target, reinforcement_target, alpha, away = plan_arrays(
        np, leaders, first, days, week_start
    )
    step = kind == JUDGED
    step[:, : resumed_at + 1] = False  # the days up to a resumed state only fill the windows
    days_off = kind == DAY_OFF
    if today is not None and first <= today.toordinal() < first + days:
        pending_column = today.toordinal() - first
        step[:, pending_column] &= logged[:, pending_column]

    logged_credit = logged.astype(np.float64)
    customer = minutes / np.where(minutes_target > 0, minutes_target, 1)
    met = customer >= 1.0
    customer = np.where(met, 1.0, customer)
    has_minutes_target = minutes_target > 0
    customer = np.where(has_minutes_target, customer, logged_credit)
    met = np.where(has_minutes_target, met, logged) & step
    stretch = ~away if away.any() else None

    def weekly(counts: Any, weekly_target: Any) -> Any:
        # divide by 1 where there is no target: those credits are replaced below
        credit = _windows(np, counts, stretch) / np.where(weekly_target > 0, weekly_target, 1)
        credit = np.where(credit > 1.0, 1.0, credit)
        return np.where(weekly_target > 0, credit, logged_credit)

    credits = np.stack(
        [customer, weekly(coached, coaching_target), weekly(reinforced, reinforcement_target)]
    )  # (3, leaders, days)
    # alpha * credit of every day at once (the product the walk makes), days first so that
    # each day's values are one contiguous row
    addends = (alpha[None, :, :] * credits).transpose(2, 0, 1).copy()
    del credits
    keeps = np.ascontiguousarray((1.0 - alpha).T)
    stepping = np.ascontiguousarray(step.T)

    offset = first_week.toordinal() - first
    week_count = (days - offset + 6) // 7
    week_firsts = offset + 7 * np.arange(week_count)
    week_lasts = np.minimum(week_firsts + 6, days - 1)
    # the state is kept at every week end the walk passes (offset - 1 is one, 7 days apart)
    first_end = (offset - 1) % 7
    ends = np.arange(first_end, days, 7)
    ends = ends[ends > resumed_at]
    stop = days if today is None else today.toordinal() - first  # states before today only
    scores = np.zeros((len(ends), 3, count))
    if resume is None:
        state = np.zeros((3, count))
    else:
        state = np.array([resume.customer, resume.coaching, resume.reinforcement], dtype=float)
    moved = np.empty((3, count))
    kept = 0
    next_end = int(ends[0]) if len(ends) else -1
    for day in range(resumed_at + 1, days):
        # keep * score + alpha * credit, kept where the day counts (a workday, not a pending today)
        np.multiply(keeps[day], state, out=moved)
        np.add(moved, addends[day], out=moved)
        np.copyto(state, moved, where=stepping[day])
        if day == next_end:
            scores[kept] = state
            kept += 1
            next_end = int(ends[kept]) if kept < len(ends) else -1
    # the report's last week may end on a pending today, not on a week end
    report_ends = np.searchsorted(ends, week_lasts)
    if not len(ends) or int(ends[-1]) != int(week_lasts[-1]):
        scores = np.concatenate([scores, state[None]])
        report_ends[-1] = len(scores) - 1
    report_scores = scores[report_ends]

    # streaks: step days since the last step day that missed the target, and their maximum
    stepped = np.cumsum(step, axis=1)
    missed_at = np.maximum.accumulate(np.where(step & ~met, stepped, 0), axis=1)
    if resume is None:
        streak = stepped - missed_at
        longest = np.maximum.accumulate(streak, axis=1)
    else:  # before the first miss after the state, the state's streak runs on
        carried = np.array(resume.streak, dtype=np.int64)[:, None]
        streak = np.where(missed_at > 0, stepped - missed_at, carried + stepped)
        longest = np.maximum.accumulate(
            np.maximum(streak, np.array(resume.longest, dtype=np.int64)[:, None]), axis=1
        )

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

    week_coaching = coaching_target[:, week_lasts]
    week_reinforcement = reinforcement_target[:, week_lasts]
    has_targets = week_coaching != NO_TARGET
    by_week = (
        week_sums(step),
        week_sums(step & logged),
        week_sums(minutes),
        week_sums(np.where(step, minutes_target, 0)),
        week_sums(met),
        week_sums(coached),
        np.where(has_targets, week_coaching, 0),
        week_sums(reinforced - corrective),
        week_sums(corrective),
        np.where(has_targets, week_reinforcement, 0),
        follow_up_weeks(*columns.follow_ups_due),
        follow_up_weeks(*columns.follow_ups_on_time),
        percent(report_scores[:, 0, :].T),
        percent(report_scores[:, 1, :].T),
        percent(report_scores[:, 2, :].T),
        percent(
            ((report_scores[:, 0, :] + report_scores[:, 1, :] + report_scores[:, 2, :]) / 3.0).T
        ),
        streak[:, week_lasts],
        longest[:, week_lasts],
        week_sums(days_off),
    )
    as_lists = [values.tolist() for values in by_week]
    targets_listed = has_targets.tolist()
    week_starts = [first_week + dt.timedelta(days=7 * w) for w in range(week_count)]
    week_ends = [dt.date.fromordinal(first + int(day)) for day in week_lasts]
    result = []
    for position, (leader_id, targets) in enumerate(leaders):
        weeks = list(
            map(
                WeekFigures,
                repeat(leader_id, week_count),
                week_starts,
                week_ends,
                *(values[position] for values in as_lists),
                _teams(targets, week_starts),
                targets_listed[position],
            )
        )
        if isinstance(targets, LeaderCalendar) and targets.start is not None:
            begins = targets.start - dt.timedelta(days=6)
            weeks = [w for w in weeks if w.week_start >= begins]
        result.append(weeks)
    if not keep_states:
        return result, [[] for _ in leaders]
    return result, _states(np, columns, first, ends[ends < stop], scores, streak, longest, resume)


def _states(
    np: Any,
    columns: DailyColumns,
    first: int,
    ends: Any,
    scores: Any,
    streak: Any,
    longest: Any,
    resume: BatchResume | None,
) -> list[list[WalkState]]:
    """Each leader's WalkState at the chosen week ends (indexes from ordinal first; scores
    (ends, 3, leaders) kept in the same order), from their first entry on when not resuming."""
    count = streak.shape[0]
    earliest = np.full(count, np.iinfo(np.int64).max)
    if resume is None:  # a state before the first entry is one the one-leader walk never keeps
        for positions, ordinals, *_rest in columns[:4]:
            np.minimum.at(earliest, positions, ordinals - first)
    else:
        earliest[:] = 0
    days = [dt.date.fromordinal(first + int(end)) for end in ends]
    values = scores[: len(ends)].transpose(2, 0, 1).tolist()  # (leaders, ends, 3)
    streaks = streak[:, ends].tolist()
    longests = longest[:, ends].tolist()
    ends_list = ends.tolist()
    result = []
    for position in range(count):
        since = int(earliest[position])
        leader_values, leader_streaks, leader_longests = (
            values[position],
            streaks[position],
            longests[position],
        )
        result.append(
            [
                WalkState(days[k], *leader_values[k], leader_streaks[k], leader_longests[k])
                for k, end in enumerate(ends_list)
                if end >= since
            ]
        )
    return result


def _teams(targets: Targets | LeaderCalendar, week_starts: list[dt.date]) -> list[str | None]:
    """The team in force on each week's last day (None for plain targets)."""
    if isinstance(targets, Targets):
        return [None] * len(week_starts)
    periods = targets.periods
    if len(periods) == 1:
        return [periods[0].team] * len(week_starts)
    six = dt.timedelta(days=6)
    return [targets.settings_on(monday + six).team for monday in week_starts]
