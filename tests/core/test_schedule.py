"""The pure leader calendar: day statuses, weekly workdays, days off and shrunk targets."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leaderlog.core.records import WorkPattern
from leaderlog.core.schedule import (
    CyclePattern,
    DaySwap,
    LeaderCalendar,
    Leave,
    SettingsPeriod,
    shrink_target,
    week_start_of,
)

MON = dt.date(2026, 11, 16)  # a Monday
MON_FRI = WorkPattern()


def period(
    day: dt.date = dt.date(2026, 1, 1),
    pattern: WorkPattern | CyclePattern = MON_FRI,
    minutes: int = 60,
    coaching: int = 3,
    reinforcement: int = 5,
    team: str = "North",
) -> SettingsPeriod:
    return SettingsPeriod(day, team, pattern, minutes, coaching, reinforcement)


def calendar(**kwargs: object) -> LeaderCalendar:
    options: dict[str, object] = {"start": dt.date(2026, 1, 1), "periods": [period()]}
    options.update(kwargs)
    return LeaderCalendar.build(**options)  # type: ignore[arg-type]


def test_a_plain_week_has_the_patterns_workdays_and_full_targets() -> None:
    week = calendar().week(MON + dt.timedelta(days=3))
    assert week.first_day == MON and week.last_day == MON + dt.timedelta(days=6)
    assert week.workdays == tuple(MON + dt.timedelta(days=i) for i in range(5))
    assert week.days_off == ()
    assert (week.coaching_target, week.reinforcement_target) == (3, 5)
    assert week.customer_target_minutes == 300


def test_thursday_holiday_is_a_day_off_and_shrinks_the_weekly_targets() -> None:
    thursday = MON + dt.timedelta(days=3)
    cal = calendar(holidays={thursday: "Thanksgiving Day"})
    status = cal.day_status(thursday)
    assert (status.kind, status.holiday_name, status.is_day_off) == (
        "holiday",
        "Thanksgiving Day",
        True,
    )
    assert status.describe() == "Public holiday: Thanksgiving Day"
    week = cal.week(MON)
    assert week.days_off == (thursday,)
    assert len(week.workdays) == 4
    # 3 * 4 / 5 = 2.4 -> 2 ; 5 * 4 / 5 = 4
    assert (week.coaching_target, week.reinforcement_target) == (2, 4)
    assert week.customer_target_minutes == 240


def test_a_fortnight_of_leave_leaves_weeks_without_targets() -> None:
    cal = calendar(leave=[Leave(MON, MON + dt.timedelta(days=13), "vacation")])
    for first in (MON, MON + dt.timedelta(days=7)):
        week = cal.week(first)
        assert week.entirely_off and week.workdays == ()
        assert (week.coaching_target, week.reinforcement_target) == (None, None)
        assert len(week.days_off) == 5
        assert week.customer_target_minutes == 0
    assert cal.day_status(MON).describe() == "On leave (Vacation)"
    assert cal.week(MON + dt.timedelta(days=14)).coaching_target == 3


def test_leave_on_a_weekend_changes_nothing_but_is_shown() -> None:
    saturday = MON + dt.timedelta(days=5)
    cal = calendar(leave=[Leave(saturday, saturday, "sick")])
    status = cal.day_status(saturday)
    assert (status.kind, status.leave_kind) == ("non-workday", "sick")
    assert cal.week(MON).coaching_target == 3 and cal.week(MON).days_off == ()


def test_holiday_inside_leave_is_reported_as_the_holiday() -> None:
    wednesday = MON + dt.timedelta(days=2)
    cal = calendar(leave=[Leave(MON, MON + dt.timedelta(days=4))], holidays={wednesday: "X"})
    assert cal.day_status(wednesday).kind == "holiday"
    assert cal.day_status(wednesday).leave_kind == "vacation"
    assert cal.day_status(MON).kind == "leave"


def test_days_before_the_start_are_not_judged_and_shrink_the_first_week() -> None:
    wednesday = MON + dt.timedelta(days=2)
    cal = calendar(start=wednesday)
    assert cal.day_status(MON).kind == "before-start"
    assert cal.day_status(MON).describe() == "Before the start of the record"
    week = cal.week(MON)
    assert week.workdays == (
        wednesday,
        wednesday + dt.timedelta(days=1),
        wednesday + dt.timedelta(days=2),
    )
    assert week.days_off == ()
    assert (week.coaching_target, week.reinforcement_target) == (2, 3)  # 1.8 -> 2, 3.0 -> 3
    earlier = cal.week(MON - dt.timedelta(days=7))
    assert earlier.entirely_off and earlier.coaching_target is None


def test_swaps_move_a_workday_and_roster_a_holiday() -> None:
    saturday = MON + dt.timedelta(days=5)
    thursday = MON + dt.timedelta(days=3)
    cal = calendar(
        swaps=[DaySwap(MON, False), DaySwap(saturday, True), DaySwap(thursday, True)],
        holidays={thursday: "Thanksgiving Day"},
    )
    assert cal.day_status(MON).kind == "non-workday"
    assert cal.day_status(saturday).kind == "workday"
    rostered = cal.day_status(thursday)
    assert (rostered.kind, rostered.holiday_name) == ("workday", "Thanksgiving Day")
    week = cal.week(MON)
    assert len(week.workdays) == 5 and week.days_off == ()
    assert week.coaching_target == 3


def test_settings_change_applies_from_its_day_and_earlier_weeks_keep_theirs() -> None:
    change = MON + dt.timedelta(days=2)  # Wednesday
    cal = calendar(
        periods=[period(minutes=60, coaching=3), period(change, minutes=120, coaching=6)]
    )
    assert cal.settings_on(change - dt.timedelta(days=1)).target_minutes == 60
    assert cal.settings_on(change).target_minutes == 120
    before = cal.week(MON - dt.timedelta(days=7))
    assert (before.customer_target_minutes, before.coaching_target) == (300, 3)
    week = cal.week(MON)
    # daily minutes per day; weekly targets and team those of the week's last day
    assert week.customer_target_minutes == 60 * 2 + 120 * 3
    assert week.coaching_target == 6


def test_periods_are_sorted_and_days_before_the_first_use_it() -> None:
    cal = calendar(
        periods=[period(dt.date(2026, 6, 1), minutes=90), period(dt.date(2026, 3, 1), minutes=30)]
    )
    assert cal.settings_on(dt.date(2025, 1, 1)).target_minutes == 30
    assert cal.settings_on(dt.date(2026, 5, 31)).target_minutes == 30
    assert cal.settings_on(dt.date(2026, 6, 1)).target_minutes == 90


def test_team_change_shows_in_the_week_plan() -> None:
    cal = calendar(periods=[period(team="North"), period(MON, team="South")])
    assert cal.week(MON - dt.timedelta(days=1)).team == "North"
    assert cal.week(MON).team == "South"


def test_sunday_weeks_start_on_sunday_and_count_the_same_days() -> None:
    cal = calendar(week_start="sunday", holidays={MON: "Holiday"})
    sunday = MON - dt.timedelta(days=1)
    week = cal.week(MON + dt.timedelta(days=5))  # Saturday: still the week from Sunday
    assert (week.first_day, week.last_day) == (sunday, sunday + dt.timedelta(days=6))
    assert week.days_off == (MON,) and len(week.workdays) == 4
    assert cal.week(sunday).first_day == sunday
    assert cal.week(sunday - dt.timedelta(days=1)).first_day == sunday - dt.timedelta(days=7)


def test_alternate_saturdays_cycle() -> None:
    # 14-day cycle from a Monday: Mon-Fri, then Mon-Sat
    mask = "11111001111110"
    cycle = CyclePattern.from_mask(mask, MON)
    cal = calendar(periods=[period(pattern=cycle)])
    assert len(cal.week(MON).workdays) == 5
    second = cal.week(MON + dt.timedelta(days=7))
    assert len(second.workdays) == 6 and second.coaching_target == 3
    # the cycle runs backwards before its anchor too
    assert len(cal.week(MON - dt.timedelta(days=7)).workdays) == 6
    assert cycle.workdays_per_week == 5.5
    assert str(cycle) == f"14-day cycle {mask} from 2026-11-16"


def test_four_on_four_off_cycle_days() -> None:
    cycle = CyclePattern.from_mask("11110000", MON)
    cal = calendar(periods=[period(pattern=cycle)])
    kinds = [cal.day_status(MON + dt.timedelta(days=i)).kind for i in range(10)]
    assert kinds == ["workday"] * 4 + ["non-workday"] * 4 + ["workday"] * 2
    assert cal.week(MON).rota_days == 4


def test_a_cycle_week_without_rota_days_has_no_targets() -> None:
    cycle = CyclePattern.from_mask("1" * 7 + "0" * 7, MON)
    cal = calendar(periods=[period(pattern=cycle)])
    off_week = cal.week(MON + dt.timedelta(days=7))
    assert off_week.rota_days == 0 and off_week.coaching_target is None


def test_cycle_rejects_more_than_28_days() -> None:
    with pytest.raises(ValueError, match="1 to 28"):
        CyclePattern.from_mask("1" * 29, MON)
    with pytest.raises(ValueError, match="0s and 1s"):
        CyclePattern.from_mask("11x", MON)


def test_a_calendar_needs_a_settings_period() -> None:
    with pytest.raises(ValueError, match="at least one"):
        LeaderCalendar.build(start=None, periods=[])


def test_weeks_iterates_every_touched_week() -> None:
    weeks = list(calendar().weeks(MON + dt.timedelta(days=3), MON + dt.timedelta(days=8)))
    assert [w.first_day for w in weeks] == [MON, MON + dt.timedelta(days=7)]
    assert calendar().scheduled_workdays(MON) == calendar().week(MON).workdays
    assert calendar(holidays={MON: "x"}).days_off(MON) == (MON,)


@pytest.mark.parametrize(
    ("target", "left", "rota", "expected"),
    [
        (3, 4, 5, 2),
        (3, 5, 5, 3),
        (5, 3, 5, 3),
        (3, 1, 2, 2),
        (3, 0, 5, 0),
        (1, 2, 5, 1),  # 0.4 kept at 1: a positive target stays positive
        (1, 1, 7, 1),
        (1, 3, 5, 1),
        (4, 1, 0, 4),
    ],
)
def test_shrink_target_rounds_half_up(target: int, left: int, rota: int, expected: int) -> None:
    assert shrink_target(target, left, rota) == expected


def test_week_start_of_both_conventions() -> None:
    sunday = MON - dt.timedelta(days=1)
    assert week_start_of(sunday, "monday") == MON - dt.timedelta(days=7)
    assert week_start_of(sunday, "sunday") == sunday
    assert week_start_of(MON, "sunday") == sunday


# ---------------------------------------------------------------- properties

days = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2028, 12, 31))
masks = st.lists(st.booleans(), min_size=1, max_size=28).filter(any)


@st.composite
def calendars(draw: st.DrawFn) -> LeaderCalendar:
    start = draw(days)
    count = draw(st.integers(1, 3))
    periods = []
    for index in range(count):
        if draw(st.booleans()):
            pattern: WorkPattern | CyclePattern = WorkPattern(
                tuple(draw(st.lists(st.booleans(), min_size=7, max_size=7)))  # type: ignore[arg-type]
            )
        else:
            pattern = CyclePattern(draw(days), tuple(draw(masks)))
        day = start if index == 0 else draw(days)
        periods.append(
            period(
                day,
                pattern,
                draw(st.integers(0, 600)),
                draw(st.integers(0, 20)),
                draw(st.integers(0, 20)),
            )
        )
    leave = [
        Leave(first, first + dt.timedelta(days=draw(st.integers(0, 20))), "vacation")
        for first in draw(st.lists(days, max_size=3))
    ]
    holidays = {day: "H" for day in draw(st.lists(days, max_size=10))}
    swaps = [DaySwap(day, draw(st.booleans())) for day in draw(st.lists(days, max_size=5))]
    return LeaderCalendar.build(
        start=start,
        periods=periods,
        swaps=swaps,
        leave=leave,
        holidays=holidays,
        week_start=draw(st.sampled_from(["monday", "sunday"])),
    )


@given(calendars(), days)
def test_week_plan_partitions_the_rota_days(cal: LeaderCalendar, day: dt.date) -> None:
    week = cal.week(day)
    assert week.first_day <= day <= week.last_day
    assert (week.last_day - week.first_day).days == 6
    assert week.first_day.weekday() == (0 if cal.week_start == "monday" else 6)
    statuses = {s.day: s for s in cal.days(week.first_day, week.last_day)}
    assert set(week.workdays) == {d for d, s in statuses.items() if s.counts}
    assert set(week.days_off) == {d for d, s in statuses.items() if s.is_day_off}
    assert len(week.workdays) + len(week.days_off) <= week.rota_days <= 7
    assert week.settings == cal.settings_on(week.last_day)
    if week.workdays:
        assert 0 <= week.coaching_target <= week.settings.target_coaching  # type: ignore[operator]
        assert 0 <= week.reinforcement_target <= week.settings.target_reinforcement  # type: ignore[operator]
    else:
        assert week.coaching_target is None and week.customer_target_minutes == 0


@given(calendars(), days, st.integers(0, 20))
def test_more_days_off_never_raise_a_weekly_target(
    cal: LeaderCalendar, day: dt.date, length: int
) -> None:
    with_leave = LeaderCalendar.build(
        start=cal.start,
        periods=cal.periods,
        swaps=[DaySwap(d, w) for d, w in cal.swaps.items()],
        leave=[Leave(d, d, k) for d, k in cal.leave.items()]
        + [Leave(day, day + dt.timedelta(days=length))],
        holidays=cal.holidays,
        week_start=cal.week_start,
    )
    before, after = cal.week(day), with_leave.week(day)
    assert set(after.workdays) <= set(before.workdays)
    assert after.rota_days == before.rota_days
    if after.coaching_target is not None:
        assert after.coaching_target <= before.coaching_target  # type: ignore[operator]
        assert after.reinforcement_target <= before.reinforcement_target  # type: ignore[operator]
    assert after.customer_target_minutes <= before.customer_target_minutes


@given(st.integers(0, 50), st.integers(1, 7), st.data())
def test_shrink_target_is_monotonic_and_bounded(
    target: int, rota: int, data: st.DataObject
) -> None:
    left = data.draw(st.integers(0, rota))
    shrunk = shrink_target(target, left, rota)
    assert 0 <= shrunk <= target
    assert abs(shrunk - target * left / rota) <= 0.5 or shrunk == 1
    assert (shrunk > 0) == (target > 0 and left > 0)
    if left < rota:
        assert shrunk <= shrink_target(target, left + 1, rota)
