"""The fast daily walk (reports.walk, reports.walk_numpy) gives exactly the numbers of the straightforward walk docs/metrics.md describes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from leaderlog.core.records import WorkPattern
from leaderlog.reports import formulas, walk, walk_numpy
from leaderlog.reports.formulas import DayActivity, FollowUpCount, Targets

MONDAY = dt.date(2026, 1, 5)


def _day(offset: int) -> dt.date:
    return MONDAY + dt.timedelta(days=offset)


@dataclass
class _State:
    """The straightforward walk's state at the end of one day."""

    workday: bool
    pending: bool
    met: bool
    customer: float
    coaching: float
    reinforcement: float
    streak: int
    longest: int


def reference_walk(
    activity: list[DayActivity],
    targets: Targets,
    first: dt.date,
    last: dt.date,
    today: dt.date | None,
) -> dict[dt.date, _State]:
    """Day by day from the first entry, with the public credit functions and a re-summed 7-day window."""
    by_day = {entry.day: entry for entry in activity}
    alpha = formulas.smoothing_factor(targets.work_pattern.workdays_per_week)
    customer = coaching = reinforcement = 0.0
    streak = longest = 0
    states = {}
    day = min([first, *by_day])
    while day <= last:
        entry = by_day.get(day, DayActivity(day, None))
        window = [by_day.get(day - dt.timedelta(days=back)) for back in range(7)]
        coached = sum(e.coaching for e in window if e is not None)
        reinforced = sum(e.positive + e.corrective for e in window if e is not None)
        workday = targets.work_pattern.is_workday(day)
        pending = workday and day == today and not entry.logged
        met = False
        if workday and not pending:
            credit = formulas.customer_credit(
                entry.minutes, targets.minutes_per_workday, entry.logged
            )
            met = credit >= 1.0 if targets.minutes_per_workday > 0 else entry.logged
            customer = (1 - alpha) * customer + alpha * credit
            coaching = (1 - alpha) * coaching + alpha * formulas.weekly_credit(
                coached, targets.coaching_per_week, entry.logged
            )
            reinforcement = (1 - alpha) * reinforcement + alpha * formulas.weekly_credit(
                reinforced, targets.reinforcement_per_week, entry.logged
            )
            streak = streak + 1 if met else 0
            longest = max(longest, streak)
        states[day] = _State(
            workday and not pending,
            pending,
            met,
            customer,
            coaching,
            reinforcement,
            streak,
            longest,
        )
        day += dt.timedelta(days=1)
    return states


def _percent(value: float) -> float:
    return min(100.0, max(0.0, value * 100.0))


# zero targets and patterns without workdays included: the inlined credits have those branches too
any_targets = st.builds(
    lambda days, minutes, coaching, reinforcement: Targets(
        WorkPattern(tuple(days)), minutes, coaching, reinforcement
    ),
    st.lists(st.booleans(), min_size=7, max_size=7),
    st.integers(0, 480),
    st.integers(0, 10),
    st.integers(0, 15),
)
activity_rows = st.lists(
    st.tuples(
        st.integers(0, 139),
        st.one_of(st.none(), st.integers(0, 600)),
        st.integers(0, 4),
        st.integers(0, 4),
        st.integers(0, 2),
    ),
    unique_by=lambda row: row[0],
    max_size=100,
).map(lambda rows: [DayActivity(_day(o), m, c, p, k) for o, m, c, p, k in rows])
offsets = st.integers(0, 139)


@settings(max_examples=150, deadline=None)
@given(activity_rows, any_targets, offsets, st.integers(0, 60), st.one_of(st.none(), offsets))
def test_daily_scores_equal_the_straightforward_walk(activity, targets, start, length, today):
    start_day = _day(start)
    end_day = _day(start + length)
    today_day = None if today is None else _day(today)
    result = walk.daily_scores(activity, targets, start_day, end_day, today_day)
    last = end_day if today_day is None else min(end_day, today_day)
    states = reference_walk(activity, targets, start_day, last, today_day)
    by_day = {entry.day: entry for entry in activity}
    expected = []
    day = start_day
    while day <= last:
        state = states[day]
        entry = by_day.get(day, DayActivity(day, None))
        mean = (state.customer + state.coaching + state.reinforcement) / 3.0
        expected.append(
            formulas.DayScore(
                day=day,
                workday=state.workday,
                pending=state.pending,
                logged=entry.logged,
                minutes=entry.minutes,
                met_customer_target=state.met,
                coaching=entry.coaching,
                reinforcements=entry.positive + entry.corrective,
                customer_score=_percent(state.customer),
                coaching_score=_percent(state.coaching),
                reinforcement_score=_percent(state.reinforcement),
                score=_percent(mean),
                streak=state.streak,
            )
        )
        day += dt.timedelta(days=1)
    # exact equality: the fast walk must not even round differently
    assert result == expected


follow_up_rows = st.lists(
    st.tuples(offsets, st.integers(1, 3), st.integers(0, 3)).map(
        lambda row: FollowUpCount(_day(row[0]), row[1], min(row[1], row[2]))
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(
    activity_rows,
    any_targets,
    offsets,
    st.integers(0, 60),
    st.one_of(st.none(), offsets),
    follow_up_rows,
    st.sampled_from(formulas.WEEK_STARTS),
)
def test_weekly_figures_equal_the_straightforward_walk(
    activity, targets, start, length, today, follow_ups, week_start
):
    start_day = _day(start)
    end_day = _day(start + length)
    today_day = None if today is None else _day(today)
    # plain tuples are what reporting passes; they must give the same weeks as DayActivity
    rows = [tuple(entry) for entry in activity]
    result = walk.weekly_figures(
        7,
        rows,
        targets,
        start_day,
        end_day,
        follow_ups=[tuple(count) for count in follow_ups],
        week_start=week_start,
        today=today_day,
    )
    first_week = formulas.week_start_of(start_day, week_start)
    last = formulas.week_start_of(end_day, week_start) + dt.timedelta(days=6)
    if today_day is not None:
        last = min(last, today_day)
    states = reference_walk(activity, targets, first_week, last, today_day)
    by_day = {entry.day: entry for entry in activity}
    expected = []
    monday = first_week
    while monday <= last:
        sunday = min(monday + dt.timedelta(days=6), last)
        days = [monday + dt.timedelta(days=i) for i in range((sunday - monday).days + 1)]
        entries = [by_day[day] for day in days if day in by_day]
        workdays = [day for day in days if states[day].workday]
        due = [count for count in follow_ups if monday <= count.due_on <= sunday]
        end = states[sunday]
        expected.append(
            formulas.WeekFigures(
                leader_id=7,
                week_start=monday,
                week_end=sunday,
                workdays_scheduled=len(workdays),
                days_logged=sum(1 for day in workdays if day in by_day and by_day[day].logged),
                customer_minutes=sum(entry.minutes or 0 for entry in entries),
                customer_target_minutes=targets.minutes_per_workday * len(workdays),
                days_meeting_customer_target=sum(1 for day in workdays if states[day].met),
                coaching_count=sum(entry.coaching for entry in entries),
                coaching_target=targets.coaching_per_week,
                reinforcements_positive=sum(entry.positive for entry in entries),
                reinforcements_corrective=sum(entry.corrective for entry in entries),
                reinforcement_target=targets.reinforcement_per_week,
                followups_due=sum(count.due for count in due),
                followups_closed_on_time=sum(count.closed_on_time for count in due),
                customer_score=_percent(end.customer),
                coaching_score=_percent(end.coaching),
                reinforcement_score=_percent(end.reinforcement),
                consistency_score=_percent((end.customer + end.coaching + end.reinforcement) / 3),
                current_streak=end.streak,
                longest_streak=end.longest,
            )
        )
        monday += dt.timedelta(days=7)
    assert result == expected


def columns_of(
    activities: list[list[DayActivity]], follow_ups: list[list[FollowUpCount]]
) -> walk_numpy.DailyColumns:
    """The flat arrays the database layer reads for many leaders, built from their per-day rows."""
    import numpy as np

    def arrays(pairs: list[tuple[int, dt.date]]) -> tuple[np.ndarray, np.ndarray]:
        return (
            np.array([position for position, _day in pairs], dtype=np.int64),
            np.array([day.toordinal() for _position, day in pairs], dtype=np.int64),
        )

    logs = [
        (p, e.day, e.minutes)
        for p, rows in enumerate(activities)
        for e in rows
        if e.minutes is not None
    ]
    each = {
        "coaching": [
            (p, e.day) for p, rows in enumerate(activities) for e in rows for _ in range(e.coaching)
        ],
        "reinforcements": [
            (p, e.day)
            for p, rows in enumerate(activities)
            for e in rows
            for _ in range(e.positive + e.corrective)
        ],
        "corrective": [
            (p, e.day)
            for p, rows in enumerate(activities)
            for e in rows
            for _ in range(e.corrective)
        ],
        "follow_ups_due": [
            (p, c.due_on)
            for p, counts in enumerate(follow_ups)
            for c in counts
            for _ in range(c.due)
        ],
        "follow_ups_on_time": [
            (p, c.due_on)
            for p, counts in enumerate(follow_ups)
            for c in counts
            for _ in range(c.closed_on_time)
        ],
    }
    return walk_numpy.DailyColumns(
        day_logs=(
            *arrays([(p, day) for p, day, _m in logs]),
            np.array([m for *_k, m in logs], dtype=np.int64),
        ),
        **{name: arrays(pairs) for name, pairs in each.items()},
    )


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(activity_rows, any_targets, follow_up_rows), min_size=1, max_size=4),
    offsets,
    st.integers(0, 60),
    st.one_of(st.none(), offsets),
    st.sampled_from(formulas.WEEK_STARTS),
)
def test_all_leaders_at_once_equal_the_walk_of_each_leader(
    leaders, start, length, today, week_start
):
    start_day = _day(start)
    end_day = _day(start + length)
    today_day = None if today is None else _day(today)
    expected = [
        walk.weekly_figures(
            leader_id,
            activity,
            targets,
            start_day,
            end_day,
            follow_ups=follow_ups,
            week_start=week_start,
            today=today_day,
        )
        for leader_id, (activity, targets, follow_ups) in enumerate(leaders, start=11)
    ]
    result = walk_numpy.weekly_figures_of_many(
        [(leader_id, targets) for leader_id, (_a, targets, _f) in enumerate(leaders, start=11)],
        columns_of([activity for activity, _t, _f in leaders], [f for _a, _t, f in leaders]),
        start_day,
        end_day,
        week_start=week_start,
        today=today_day,
    )
    # exact equality, floats included: the same operations in the same order
    assert result == expected


@settings(max_examples=150, deadline=None)
@given(
    activity_rows,
    any_targets,
    offsets,
    st.integers(0, 60),
    st.one_of(st.none(), offsets),
    follow_up_rows,
    st.sampled_from(formulas.WEEK_STARTS),
    st.sampled_from(formulas.WEEK_STARTS),
    st.integers(0, 20),
)
def test_a_walk_resumed_from_a_stored_state_equals_the_walk_from_the_first_entry(
    activity, targets, start, length, today, follow_ups, week_start, stored_week_start, back
):
    start_day = _day(start)
    end_day = _day(start + length)
    today_day = None if today is None else _day(today)
    options = {"follow_ups": follow_ups, "week_start": week_start, "today": today_day}
    expected = walk.weekly_figures(7, activity, targets, start_day, end_day, **options)
    # states stored by an earlier report over the whole range, weeks in either rhythm
    _weeks, states = walk.weekly_figures_and_states(
        7, activity, targets, _day(0), _day(139), week_start=stored_week_start, today=today_day
    )
    first_week = formulas.week_start_of(start_day, week_start)
    usable = [state for state in states if state.day < first_week]
    if not usable:
        return
    state = usable[max(0, len(usable) - 1 - back)]
    recent = [entry for entry in activity if entry.day >= state.day - dt.timedelta(days=6)]
    resumed, later = walk.weekly_figures_and_states(
        7, recent, targets, start_day, end_day, resume=state, **options
    )
    assert resumed == expected
    # and the states a resumed walk stores are the ones a walk from the first entry stores
    stored = {s.day: s for s in states}
    assert all(stored[s.day] == s for s in later if s.day in stored)


@settings(max_examples=150, deadline=None)
@given(
    activity_rows,
    any_targets,
    offsets,
    st.integers(0, 60),
    st.one_of(st.none(), offsets),
    st.integers(0, 20),
)
def test_daily_scores_resumed_from_a_stored_state_equal_the_walk_from_the_first_entry(
    activity, targets, start, length, today, back
):
    start_day = _day(start)
    end_day = _day(start + length)
    today_day = None if today is None else _day(today)
    expected = walk.daily_scores(activity, targets, start_day, end_day, today_day)
    _weeks, states = walk.weekly_figures_and_states(
        7, activity, targets, _day(0), _day(139), today=today_day
    )
    usable = [state for state in states if state.day < start_day]
    if not usable:
        return
    state = usable[max(0, len(usable) - 1 - back)]
    recent = [entry for entry in activity if entry.day >= state.day - dt.timedelta(days=6)]
    assert (
        walk.daily_scores(recent, targets, start_day, end_day, today_day, resume=state) == expected
    )
