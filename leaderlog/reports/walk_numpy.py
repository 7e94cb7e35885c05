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

from leaderlog.reports.formulas import (
    ROLLING_DAYS,
    Targets,
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
    after day, only on many leaders at a time (tests/reports/test_metrics_walk.py checks it).
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
