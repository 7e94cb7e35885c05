"""Today's habit state: the strip of the last days and this week's progress against its targets."""

from __future__ import annotations

import datetime as dt

from leaderlog.core.records import WorkPattern
from leaderlog.core.schedule import LeaderCalendar, SettingsPeriod
from leaderlog.journal import holidays, logbook, settings_history, time_off
from leaderlog.reports.habit import (
    DayCounts,
    WeekProgress,
    build_strip,
    read_habit,
    strip_range,
    week_progress,
)

MONDAY = dt.date(2026, 11, 16)
FRIDAY = MONDAY + dt.timedelta(days=4)  # the tests' today
DAY = dt.timedelta(days=1)


def _calendar(**kwargs) -> LeaderCalendar:  # type: ignore[no-untyped-def]
    period = SettingsPeriod(MONDAY - 30 * DAY, "North", WorkPattern(), 30, 3, 5)
    return LeaderCalendar(start=MONDAY - 30 * DAY, periods=(period,), **kwargs)


def test_strip_names_logged_missing_pending_rest_and_off_days():
    calendar = _calendar(
        leave={MONDAY + 2 * DAY: "vacation"}, holidays={MONDAY + 3 * DAY: "Founders' Day"}
    )
    counts = {MONDAY - DAY: DayCounts(minutes=20), MONDAY + DAY: DayCounts(coaching=1)}
    strip = build_strip(calendar.days(MONDAY - 2 * DAY, FRIDAY), counts, FRIDAY)
    assert [d.state for d in strip] == [
        "non-workday",  # Saturday
        "logged",  # Sunday: logged even though not a workday
        "missing",  # Monday
        "logged",
        "off",  # leave
        "off",  # holiday
        "pending",  # today, nothing yet: not a miss
    ]
    assert strip[4].description == "On leave (Vacation)"
    assert strip[5].description == "Public holiday: Founders' Day"
    assert strip[1].description == "Logged: 20 min with customers"


def test_days_before_the_record_began_are_not_misses():
    calendar = LeaderCalendar(
        start=FRIDAY, periods=(SettingsPeriod(FRIDAY, "", WorkPattern(), 30, 3, 5),)
    )
    strip = build_strip(calendar.days(MONDAY, FRIDAY), {}, FRIDAY)
    assert [d.state for d in strip] == ["non-workday"] * 4 + ["pending"]
    assert strip[0].description == "Before your record began"


def test_strip_is_the_last_seven_days_or_a_week_around_an_older_day():
    assert strip_range(FRIDAY, FRIDAY) == (FRIDAY - 6 * DAY, FRIDAY)
    assert strip_range(FRIDAY - 6 * DAY, FRIDAY) == (FRIDAY - 6 * DAY, FRIDAY)
    older = FRIDAY - 20 * DAY
    assert strip_range(older, FRIDAY) == (older - 3 * DAY, older + 3 * DAY)


def test_week_progress_counts_logged_workdays_and_practices_against_shrunk_targets():
    # Thursday a holiday: 4 workdays, coaching 3 * 4/5 -> 2, reinforcement 5 * 4/5 -> 4
    calendar = _calendar(holidays={MONDAY + 3 * DAY: "Founders' Day"})
    counts = {
        MONDAY: DayCounts(minutes=30, reinforcements=2),
        MONDAY + DAY: DayCounts(coaching=1),
        MONDAY + 3 * DAY: DayCounts(reinforcements=1),  # logged on the holiday: counts as done
    }
    progress = week_progress(calendar.week(FRIDAY), counts, FRIDAY, streak=2)
    assert progress == WeekProgress(2, 2, 4, 1, 2, 3, 4)
    assert progress.text() == (
        "Streak 2 days · this week 2 of 4 days · coaching 1 of 2 · reinforcement 3 of 4"
    )


def test_a_week_entirely_off_has_no_targets():
    calendar = _calendar(leave={MONDAY + i * DAY: "sick" for i in range(7)})
    progress = week_progress(calendar.week(FRIDAY), {}, FRIDAY, streak=1)
    assert progress.text() == "Streak 1 day · this week is off: no targets"


def test_read_habit_from_the_journal(db, leader):
    settings_history.set_start_date(db, leader.id, MONDAY - 14 * DAY)
    for back in range(1, 4):  # Tuesday to Thursday, above the daily target: a streak of 3
        logbook.add_day_log(db, leader.id, FRIDAY - back * DAY, 600, today=FRIDAY)
    logbook.add_reinforcement(db, leader.id, FRIDAY - DAY, "praise", "well done", today=FRIDAY)
    time_off.add(db, leader.id, MONDAY, MONDAY, "training")
    holidays.add_company_day(db, FRIDAY - 6 * DAY, "Stocktake")  # the Saturday before

    state = read_habit(db, leader.id, FRIDAY, FRIDAY)

    assert [d.day for d in state.strip] == [FRIDAY - i * DAY for i in range(6, -1, -1)]
    assert [d.state for d in state.strip] == [
        "non-workday",  # a company day on a Saturday changes nothing
        "non-workday",
        "off",  # Monday's training
        "logged",
        "logged",
        "logged",
        "pending",
    ]
    week = state.week
    assert (week.days_logged, week.workdays) == (3, 4)
    assert (week.reinforcements, week.coaching) == (1, 0)
    assert week.streak == 3
