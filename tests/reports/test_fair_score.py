"""The fair score (issue 14) as properties of the walks: days off never count against a leader.

Pure walks on ``LeaderCalendar``s (no database): marking empty days as leave or a holiday,
whole weeks off for a perfect leader, and the numpy walk (its day plan and its weekly
figures) against the Python one for calendars with leave, holidays, settings history,
cycles, swaps and start dates. The journal-level acceptance (CSV rows, team comparison,
start dates, metric checkpoints) is in test_fair_score_journal.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st
from reports.test_metrics_walk import columns_of

from leaderlog.core.records import WorkPattern
from leaderlog.core.schedule import CyclePattern, LeaderCalendar, SettingsPeriod, shrink_target
from leaderlog.reports import formulas, walk, walk_numpy
from leaderlog.reports.day_plan import JUDGED, day_plan, window_start
from leaderlog.reports.formulas import DayActivity, DayScore, FollowUpCount, Targets

MONDAY = dt.date(2026, 6, 1)
SPAN = 140
"""days of activity generated from MONDAY (20 weeks)"""
TOLERANCE = 1e-9
"""float noise: a score that is 'not lower' may differ in its last bits"""


def _day(offset: int) -> dt.date:
    return MONDAY + dt.timedelta(days=offset)


offsets = st.integers(0, SPAN - 1)
weekly_patterns = st.lists(st.booleans(), min_size=7, max_size=7).map(
    lambda days: WorkPattern(tuple(days))
)
cycles = st.builds(
    lambda anchor, days: CyclePattern(_day(anchor), tuple(days)),
    st.integers(-30, SPAN),
    st.lists(st.booleans(), min_size=1, max_size=28),
)
periods = st.builds(
    SettingsPeriod,
    offsets.map(_day),
    st.sampled_from(["North", "South", ""]),
    st.one_of(weekly_patterns, cycles),
    st.integers(0, 480),
    st.integers(0, 10),
    st.integers(0, 15),
)
day_sets = st.sets(offsets.map(_day), max_size=25)


@st.composite
def calendars(draw: st.DrawFn, week_start: formulas.WeekStart = "monday") -> LeaderCalendar:
    """A calendar with everything a real one has: start, settings history, swaps, leave, holidays."""
    return LeaderCalendar(
        start=draw(st.one_of(st.none(), offsets.map(_day))),
        periods=tuple(draw(st.lists(periods, min_size=1, max_size=3))),
        swaps=draw(st.dictionaries(offsets.map(_day), st.booleans(), max_size=6)),
        leave={day: "vacation" for day in draw(day_sets)},
        holidays={day: "Company day" for day in draw(day_sets)},
        week_start=week_start,
    )


activity_rows = st.lists(
    st.tuples(
        offsets,
        st.one_of(st.none(), st.integers(0, 600)),
        st.integers(0, 4),
        st.integers(0, 4),
        st.integers(0, 2),
    ),
    unique_by=lambda row: row[0],
    max_size=90,
).map(lambda rows: [DayActivity(_day(o), m, c, p, k) for o, m, c, p, k in rows])
follow_up_rows = st.lists(
    st.tuples(offsets, st.integers(1, 3), st.integers(0, 3)), max_size=10
).map(lambda rows: [FollowUpCount(_day(o), due, min(c, due)) for o, due, c in rows])


def _with_days_off(calendar: LeaderCalendar, leave: set[dt.date], holidays: set[dt.date]):
    return LeaderCalendar(
        calendar.start,
        calendar.periods,
        calendar.swaps,
        {**calendar.leave, **dict.fromkeys(leave, "sick")},
        {**calendar.holidays, **dict.fromkeys(holidays, "Thanksgiving Day")},
        calendar.week_start,
    )


def _raised_something(days: list[DayScore], index: int) -> bool:
    """Did this day, judged, move one of the three practice scores up (what a day off gives up)?"""
    if index == 0:
        return True
    before, day = days[index - 1], days[index]
    return (
        day.customer_score > before.customer_score
        or day.coaching_score > before.coaching_score
        or day.reinforcement_score > before.reinforcement_score
    )


# ---------------------------------------------------------------- days off never count against


@settings(max_examples=60, deadline=None)
@given(activity_rows, calendars(), day_sets, st.booleans(), st.one_of(st.none(), offsets))
def test_empty_days_marked_off_never_break_a_streak_nor_lower_the_customer_score(
    activity, calendar, marked, as_holidays, today
):
    """For any log: the days without entries marked leave (or holidays) never break a streak,
    never shorten the longest one and never lower the customer-facing score of any day."""
    today_day = None if today is None else _day(today)
    empty = marked - {entry.day for entry in activity}
    off = _with_days_off(calendar, set() if as_holidays else empty, empty if as_holidays else set())
    before = walk.daily_scores(activity, calendar, MONDAY, _day(SPAN - 1), today_day)
    after = walk.daily_scores(activity, off, MONDAY, _day(SPAN - 1), today_day)
    assert len(before) == len(after)
    for was, now in zip(before, after, strict=True):
        assert now.streak >= was.streak, now.day
        assert now.customer_score >= was.customer_score - TOLERANCE, now.day
        assert now.minutes == was.minutes and now.coaching == was.coaching


@settings(max_examples=60, deadline=None)
@given(activity_rows, calendars(), day_sets, st.booleans(), st.one_of(st.none(), offsets))
@example(
    # a weekly target of 1 with four of five days off used to shrink to 0, and a zero
    # target gives credit only for logging that day: the coaching of last Tuesday stopped
    # counting on Monday (schedule.shrink_target now keeps at least 1)
    [DayActivity(_day(d), 60, int(d == 1), 0, 0) for d in range(5)],
    LeaderCalendar(
        None, (SettingsPeriod(_day(0), "North", WorkPattern.from_mask("1111100"), 60, 1, 0),)
    ),
    {_day(d) for d in (8, 9, 10, 11)},
    False,
    None,
)
def test_empty_days_marked_off_never_lower_any_day_score(
    activity, calendar, marked, as_holidays, today
):
    """For any log: marking days without entries as leave or holidays never lowers a day's score.

    A day off moves nothing, so what it takes away is that one day's own step: the days
    marked here are those that, judged, would not have raised any practice score. A day
    that would have (a leader catching up, whose coaching score is below what the last
    7 days earn) keeps the score where it was, as the issue asks of a week fully off.
    """
    today_day = None if today is None else _day(today)
    last = _day(SPAN - 1)
    before = walk.daily_scores(activity, calendar, MONDAY, last, today_day)
    logged = {entry.day for entry in activity}
    empty = {
        score.day
        for index, score in enumerate(before)
        if score.day in marked and score.day not in logged and not _raised_something(before, index)
    }
    off = _with_days_off(calendar, set() if as_holidays else empty, empty if as_holidays else set())
    after = walk.daily_scores(activity, off, MONDAY, last, today_day)
    for was, now in zip(before, after, strict=True):
        assert now.score >= was.score - TOLERANCE, now.day
        assert now.coaching_score >= was.coaching_score - TOLERANCE, now.day
        assert now.reinforcement_score >= was.reinforcement_score - TOLERANCE, now.day
        assert now.streak >= was.streak, now.day
    weeks_before = walk.weekly_figures(1, activity, calendar, MONDAY, last, today=today_day)
    weeks_after = walk.weekly_figures(1, activity, off, MONDAY, last, today=today_day)
    for was, now in zip(weeks_before, weeks_after, strict=True):
        assert now.consistency_score >= was.consistency_score - TOLERANCE
        assert now.longest_streak >= was.longest_streak
        # the days marked move from scheduled to off (a pending today was neither)
        assert now.workdays_scheduled <= was.workdays_scheduled
        assert now.workdays_scheduled + now.days_off >= was.workdays_scheduled + was.days_off


def test_a_day_off_the_walk_used_to_credit_keeps_the_score_where_it_was() -> None:
    """Why the property above leaves out days that would have raised a score.

    A leader at their minutes target for weeks who starts coaching on a Monday: on Tuesday,
    without entries, the last 7 days still earn full coaching credit, so a judged Tuesday
    raises the score. As leave it moves nothing: the score stays (never lower than the day
    before), below what the judged Tuesday would have given.
    """
    pattern = WorkPattern.from_mask("1111100")
    period = SettingsPeriod(_day(0), "North", pattern, 60, 3, 5)
    monday = _day(63)
    activity = [DayActivity(_day(d), 60) for d in range(63) if _day(d).weekday() < 5]
    activity.append(DayActivity(monday, 60, 3, 5, 0))
    plain = LeaderCalendar(None, (period,))
    on_leave = LeaderCalendar(None, (period,), leave={monday + dt.timedelta(days=1): "vacation"})
    judged = walk.daily_scores(activity, plain, monday, monday + dt.timedelta(days=1))
    off = walk.daily_scores(activity, on_leave, monday, monday + dt.timedelta(days=1))
    assert off[1].score == off[0].score == judged[0].score
    assert judged[1].score > off[1].score
    # the miss breaks the streak, the leave does not
    assert (judged[1].streak, off[1].streak) == (0, off[0].streak)


def test_a_target_shrunk_below_one_still_asks_for_one() -> None:
    """3 a week with 1 of 5 days left is 0.6 -> 1; 1 a week with 1 of 5 left is 0.2, kept at 1."""
    assert shrink_target(3, 4, 5) == 2
    assert shrink_target(3, 1, 5) == 1
    assert shrink_target(1, 1, 5) == 1
    assert shrink_target(5, 3, 5) == 3
    assert shrink_target(0, 1, 5) == 0  # no target stays no target


# ---------------------------------------------------------------- whole weeks off


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.booleans(), min_size=7, max_size=7).filter(lambda days: sum(days) >= 3),
    st.integers(1, 480),
    st.integers(0, 10),
    st.integers(0, 15),
    st.integers(1, 6),
    st.booleans(),
)
def test_a_perfect_leader_returns_from_whole_weeks_off_with_the_same_score_and_streak(
    days, minutes, coaching, reinforcement, weeks_off, as_holidays
):
    """Thirty weeks at every target, then 1 to 6 whole weeks off, then back at every target."""
    pattern = WorkPattern(tuple(days))
    period = SettingsPeriod(_day(0), "North", pattern, minutes, coaching, reinforcement)
    leave_first = _day(30 * 7)
    back = leave_first + dt.timedelta(weeks=weeks_off)
    last = back + dt.timedelta(weeks=2, days=-1)
    activity = [
        DayActivity(day, minutes, coaching, reinforcement, 0)
        for day in (_day(d) for d in range((last - MONDAY).days + 1))
        if pattern.is_workday(day) and not leave_first <= day < back
    ]
    off_days = {leave_first + dt.timedelta(days=d) for d in range(7 * weeks_off)}
    calendar = LeaderCalendar(
        None,
        (period,),
        leave={} if as_holidays else dict.fromkeys(off_days, "vacation"),
        holidays=dict.fromkeys(off_days, "Summer closure") if as_holidays else {},
    )
    scores = {s.day: s for s in walk.daily_scores(activity, calendar, MONDAY, last)}
    left = scores[leave_first - dt.timedelta(days=1)]
    before_leave = scores[max(d for d in scores if d < leave_first and scores[d].workday)]
    assert before_leave.score > 99.0
    # while off nothing moves
    for day in off_days:
        assert (scores[day].score, scores[day].streak) == (left.score, left.streak)
        assert not scores[day].workday
    # back: the same score (+-0.1) and the streak carries on where it was
    workdays_back = [d for d in sorted(scores) if d >= back and scores[d].workday]
    for count, day in enumerate(workdays_back, start=1):
        assert abs(scores[day].score - before_leave.score) <= 0.1
        assert scores[day].streak == before_leave.streak + count
    weeks = walk.weekly_figures(1, activity, calendar, leave_first - dt.timedelta(weeks=1), last)
    week_before, *off_weeks, first_back, _second = weeks
    assert all(not w.has_targets and w.days_off == sum(days) for w in off_weeks)
    assert all(w.consistency_score == week_before.consistency_score for w in off_weeks)
    assert abs(first_back.consistency_score - week_before.consistency_score) <= 0.1
    assert first_back.current_streak == week_before.current_streak + sum(days)


# ---------------------------------------------------------------- numpy equals Python


@settings(max_examples=60, deadline=None)
@given(calendars(), st.sampled_from(formulas.WEEK_STARTS), offsets, st.integers(1, 60))
def test_the_numpy_day_plan_equals_the_python_day_plan(calendar, week_start, first, length):
    calendar = LeaderCalendar(
        calendar.start,
        calendar.periods,
        calendar.swaps,
        calendar.leave,
        calendar.holidays,
        week_start,
    )
    first_day = _day(first)
    last_day = first_day + dt.timedelta(days=length - 1)
    expected = day_plan(calendar, first_day, last_day)
    arrays = walk_numpy.plan_arrays(np, [(1, calendar)], first_day.toordinal(), length, week_start)
    got = [column[0].tolist() for column in arrays]
    assert got == [
        expected.kind,
        expected.minutes_target,
        expected.coaching_target,
        expected.reinforcement_target,
        expected.alpha,
        expected.stretch,
    ]


def test_the_plan_judges_only_workdays_and_shrinks_a_holiday_week() -> None:
    """The worked example of docs/metrics.md: Thursday 26 Nov 2026 a holiday, Mon-Fri, 3 and 5 a week."""
    period = SettingsPeriod(_day(0), "North", WorkPattern.from_mask("1111100"), 60, 3, 5)
    thursday = dt.date(2026, 11, 26)
    calendar = LeaderCalendar(None, (period,), holidays={thursday: "Thanksgiving Day"})
    plan = day_plan(calendar, dt.date(2026, 11, 23), dt.date(2026, 11, 29))
    assert plan.kind == [JUDGED, JUDGED, JUDGED, 2, JUDGED, 0, 0]
    assert set(plan.coaching_target) == {2} and set(plan.reinforcement_target) == {4}


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(activity_rows, st.one_of(calendars(), calendars("sunday")), follow_up_rows),
        min_size=1,
        max_size=4,
    ),
    offsets,
    st.integers(0, 60),
    st.one_of(st.none(), offsets),
)
def test_all_leaders_at_once_equal_the_walk_of_each_leader_on_real_calendars(
    leaders, start, length, today
):
    # a report's calendars share its week start
    week_start = leaders[0][1].week_start
    leaders = [
        (a, LeaderCalendar(c.start, c.periods, c.swaps, c.leave, c.holidays, week_start), f)
        for a, c, f in leaders
    ]
    start_day, end_day = _day(start), _day(start + length)
    today_day = None if today is None else _day(today)
    expected = [
        walk.weekly_figures(
            leader_id,
            activity,
            calendar,
            start_day,
            end_day,
            follow_ups=follow_ups,
            week_start=week_start,
            today=today_day,
        )
        for leader_id, (activity, calendar, follow_ups) in enumerate(leaders, start=11)
    ]
    result = walk_numpy.weekly_figures_of_many(
        [(leader_id, calendar) for leader_id, (_a, calendar, _f) in enumerate(leaders, start=11)],
        columns_of([activity for activity, _c, _f in leaders], [f for _a, _c, f in leaders]),
        start_day,
        end_day,
        week_start=week_start,
        today=today_day,
    )
    # exact equality, floats included; the team is no figure (compare=False): compared apart
    assert result == expected
    assert [[w.team for w in weeks] for weeks in result] == [
        [w.team for w in weeks] for weeks in expected
    ]
    assert [[(w.days_off, w.has_targets) for w in weeks] for weeks in result] == [
        [(w.days_off, w.has_targets) for w in weeks] for weeks in expected
    ]


@settings(max_examples=60, deadline=None)
@given(
    activity_rows,
    calendars(),
    offsets,
    st.integers(0, 60),
    st.one_of(st.none(), offsets),
    st.integers(0, 20),
)
def test_a_walk_resumed_on_a_real_calendar_equals_the_walk_from_the_first_entry(
    activity, calendar, start, length, today, back
):
    """A stored state's window (day_plan.window_start) stretches over days off and the
    non-workdays after them exactly as the walk does: reading entries only from there on
    gives the same weeks and days."""
    start_day, end_day = _day(start), _day(start + length)
    today_day = None if today is None else _day(today)
    expected = walk.weekly_figures(7, activity, calendar, start_day, end_day, today=today_day)
    _weeks, states = walk.weekly_figures_and_states(
        7, activity, calendar, _day(0), _day(SPAN - 1), today=today_day
    )
    usable = [state for state in states if state.day < formulas.week_start_of(start_day)]
    if not usable:
        return
    state = usable[max(0, len(usable) - 1 - back)]
    reach = window_start(calendar, state.day)
    recent = [entry for entry in activity if entry.day >= reach]
    resumed = walk.weekly_figures(
        7, recent, calendar, start_day, end_day, today=today_day, resume=state
    )
    assert resumed == expected
    days = walk.daily_scores(activity, calendar, start_day, end_day, today_day)
    assert walk.daily_scores(recent, calendar, start_day, end_day, today_day, resume=state) == days


def test_plain_targets_and_a_calendar_of_one_period_walk_alike() -> None:
    """Targets without a calendar are a calendar with no start, no days off, no history."""
    targets = Targets(WorkPattern.from_mask("1111100"), 60, 3, 5)
    period = SettingsPeriod(dt.date.min, "", targets.work_pattern, 60, 3, 5)
    activity = [DayActivity(_day(d), 30 * (d % 3), d % 2, d % 4, 0) for d in range(0, 60, 2)]
    plain = walk.daily_scores(activity, targets, MONDAY, _day(69))
    calendar = walk.daily_scores(activity, LeaderCalendar(None, (period,)), MONDAY, _day(69))
    assert plain == calendar


# ---------------------------------------------------------------- docs/metrics.md's examples


def _steady(first: dt.date, last: dt.date, skip: Collection[dt.date] = ()) -> list[DayActivity]:
    """Ana's steady rhythm: 60 minutes and one reinforcement every workday, coaching Mon/Wed/Fri."""
    days = (first + dt.timedelta(days=d) for d in range((last - first).days + 1))
    return [
        DayActivity(day, 60, int(day.weekday() in (0, 2, 4)), 1, 0)
        for day in days
        if day.weekday() < 5 and day not in skip
    ]


ANA = SettingsPeriod(MONDAY, "North", WorkPattern.from_mask("1111100"), 60, 3, 5)
LEAVE = {dt.date(2026, 8, 24) + dt.timedelta(days=d): "vacation" for d in range(12)}


def _summary(weeks: list[formulas.WeekFigures]) -> list[tuple[object, ...]]:
    return [
        (
            w.workdays_scheduled,
            w.days_off,
            w.customer_target_minutes,
            w.coaching_target,
            w.reinforcement_target,
            round(w.consistency_score, 2),
            w.current_streak,
        )
        for w in weeks
    ]


def test_worked_example_a_leave_fortnight() -> None:
    activity = _steady(MONDAY, dt.date(2026, 9, 11), set(LEAVE))
    weeks = (dt.date(2026, 8, 17), dt.date(2026, 9, 6))
    off = LeaderCalendar(MONDAY, (ANA,), leave=LEAVE)
    assert _summary(walk.weekly_figures(1, activity, off, *weeks)) == [
        (5, 0, 300, 3, 5, 96.12, 60),
        (0, 5, 0, 0, 0, 96.12, 60),
        (0, 5, 0, 0, 0, 96.12, 60),
    ]
    # the week back: her usual week, the score climbing on as it would have
    back = walk.weekly_figures(1, activity, off, dt.date(2026, 9, 7), dt.date(2026, 9, 11))
    assert _summary(back) == [(5, 0, 300, 3, 5, 97.06, 65)]
    missed = LeaderCalendar(MONDAY, (ANA,))
    assert _summary(walk.weekly_figures(1, activity, missed, *weeks)) == [
        (5, 0, 300, 3, 5, 96.12, 60),
        (5, 0, 300, 3, 5, 78.97, 0),
        (5, 0, 300, 3, 5, 59.85, 0),
    ]


def test_a_steady_leader_back_from_a_leave_fortnight_carries_on_as_if_never_away() -> None:
    """Coaching Mon/Wed/Fri: the weekends inside and right after the leave stretch the 7-day
    windows too, so the first days back see the usual three conversations (they used to see
    one, and 96.12 fell to 90.93 in the week back)."""
    activity = _steady(MONDAY, dt.date(2026, 9, 11), set(LEAVE))
    off = LeaderCalendar(MONDAY, (ANA,), leave=LEAVE)
    before, *_off, back = walk.weekly_figures(
        1, activity, off, dt.date(2026, 8, 17), dt.date(2026, 9, 13)
    )
    assert back.current_streak == before.current_streak + 5
    # the week back is the week she would have had after 17 Aug without going away
    stayed = _steady(MONDAY, dt.date(2026, 8, 28))
    _before, next_week = walk.weekly_figures(
        1, stayed, LeaderCalendar(MONDAY, (ANA,)), dt.date(2026, 8, 17), dt.date(2026, 8, 30)
    )
    assert abs(back.consistency_score - next_week.consistency_score) <= 0.1
    assert back.consistency_score >= before.consistency_score
    days = walk.daily_scores(activity, off, dt.date(2026, 9, 7), dt.date(2026, 9, 11))
    assert all(d.coaching_score >= before.coaching_score for d in days)


def test_worked_example_a_thursday_holiday() -> None:
    thursday = dt.date(2026, 11, 26)
    activity = _steady(MONDAY, dt.date(2026, 11, 27), {thursday})
    weeks = (dt.date(2026, 11, 16), dt.date(2026, 11, 29))
    holiday = LeaderCalendar(MONDAY, (ANA,), holidays={thursday: "Thanksgiving Day"})
    assert _summary(walk.weekly_figures(1, activity, holiday, *weeks)) == [
        (5, 0, 300, 3, 5, 99.89, 125),
        (4, 1, 240, 2, 4, 99.92, 129),
    ]
    missed = LeaderCalendar(MONDAY, (ANA,))
    assert _summary(walk.weekly_figures(1, activity, missed, *weeks)) == [
        (5, 0, 300, 3, 5, 99.89, 125),
        (5, 0, 300, 3, 5, 97.52, 1),
    ]


def test_worked_example_a_target_change() -> None:
    activity = _steady(MONDAY, dt.date(2026, 10, 30))
    raised = SettingsPeriod(dt.date(2026, 10, 5), "North", ANA.pattern, 60, 5, 5)
    changed = LeaderCalendar(MONDAY, (ANA, raised))
    unchanged = LeaderCalendar(MONDAY, (ANA,))
    weeks = (MONDAY, dt.date(2026, 11, 1))
    after = walk.weekly_figures(1, activity, changed, *weeks)
    before = walk.weekly_figures(1, activity, unchanged, *weeks)
    split = [w.week_start for w in after].index(dt.date(2026, 10, 5))
    assert after[:split] == before[:split]
    assert round(after[split - 1].consistency_score, 2) == 99.26
    assert [(w.coaching_target, round(w.coaching_score, 2)) for w in after[split:]] == [
        (5, 89.74),
        (5, 82.54),
        (5, 77.08),
        (5, 72.94),
    ]
    assert [round(w.consistency_score, 2) for w in after[split:]] == [96.21, 93.9, 92.15, 90.82]
    # judged against the new target from the start, June would have read 55.95, not 64.34
    everywhere = LeaderCalendar(MONDAY, (raised,))
    june = dt.date(2026, 6, 22), dt.date(2026, 6, 28)
    assert (
        round(walk.weekly_figures(1, activity, everywhere, *june)[0].consistency_score, 2) == 55.95
    )
    assert (
        round(walk.weekly_figures(1, activity, unchanged, *june)[0].consistency_score, 2) == 64.34
    )
