"""Kept calendars and day plans: the same figures as reading everything again, after any change.

The day plan is built week by week (``day_plan.day_plan``); here it is checked against
the calendar's own day-by-day rules. The kept calendars (``reports.calendar_cache``)
are checked against a cold read after each kind of calendar change, made through this
process's journal or through another connection to the same file.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leaderlog.core.records import Leader, WorkPattern
from leaderlog.core.schedule import CyclePattern, LeaderCalendar, SettingsPeriod
from leaderlog.data.engine import Database
from leaderlog.data.store import open_database
from leaderlog.journal import holidays, logbook, people, time_off
from leaderlog.reports import calendar_cache, reporting
from leaderlog.reports.day_plan import DAY_OFF, JUDGED, NO_TARGET, NOT_JUDGED, day_plan
from leaderlog.reports.formulas import smoothing_factor

TODAY = dt.date(2026, 11, 20)  # a Friday
FIRST = dt.date(2026, 6, 1)
BASE = dt.date(2026, 1, 5)


def reference_plan(calendar: LeaderCalendar, first: dt.date, last: dt.date) -> tuple[list, ...]:
    """The plan asked of the calendar one day at a time (its public rules)."""
    kinds = {"workday": JUDGED, "leave": DAY_OFF, "holiday": DAY_OFF}
    columns: tuple[list, ...] = ([], [], [], [], [])
    day = first
    while day <= last:
        settings_then = calendar.settings_on(day)
        week = calendar.week(day)
        columns[0].append(kinds.get(calendar.day_status(day).kind, NOT_JUDGED))
        columns[1].append(settings_then.target_minutes)
        columns[2].append(NO_TARGET if week.coaching_target is None else week.coaching_target)
        columns[3].append(
            NO_TARGET if week.reinforcement_target is None else week.reinforcement_target
        )
        columns[4].append(smoothing_factor(settings_then.pattern.workdays_per_week))
        day += dt.timedelta(days=1)
    return columns


patterns = st.one_of(
    st.lists(st.booleans(), min_size=7, max_size=7).map(
        lambda days: WorkPattern.from_mask("".join("1" if d else "0" for d in days))
    ),
    st.lists(st.booleans(), min_size=1, max_size=28).map(
        lambda days: CyclePattern(BASE + dt.timedelta(days=3), tuple(days))
    ),
)
periods = st.lists(
    st.tuples(st.integers(0, 120), patterns, st.integers(0, 120), st.integers(0, 9)),
    min_size=1,
    max_size=4,
    unique_by=lambda period: period[0],
)
some_days = st.sets(st.integers(0, 150), max_size=25)


@settings(max_examples=60, deadline=None)
@given(
    periods,
    some_days,
    some_days,
    st.dictionaries(st.integers(0, 150), st.booleans(), max_size=10),
    st.one_of(st.none(), st.integers(0, 90)),
    st.sampled_from(["monday", "sunday"]),
    st.integers(0, 60),
    st.integers(0, 100),
)
def test_the_week_by_week_plan_follows_the_calendars_day_rules(
    history, leave_days, holiday_days, swaps, start, week_start, first_offset, length
) -> None:
    calendar = LeaderCalendar(
        start=None if start is None else BASE + dt.timedelta(days=start),
        periods=[
            SettingsPeriod(BASE + dt.timedelta(days=offset), "North", pattern, minutes, weekly, 2)
            for offset, pattern, minutes, weekly in history
        ],
        swaps={BASE + dt.timedelta(days=d): works for d, works in swaps.items()},
        leave={BASE + dt.timedelta(days=d): "vacation" for d in leave_days},
        holidays={BASE + dt.timedelta(days=d): "Company day" for d in holiday_days},
        week_start=week_start,
    )
    first = BASE + dt.timedelta(days=first_offset)
    last = first + dt.timedelta(days=length)
    plan = day_plan(calendar, first, last)
    assert plan.first == first
    assert (
        plan.kind,
        plan.minutes_target,
        plan.coaching_target,
        plan.reinforcement_target,
        plan.alpha,
    ) == reference_plan(calendar, first, last)


# ---------------------------------------------------------------- kept calendars


@pytest.fixture
def ana(db: Database) -> Leader:
    calendar_cache.forget()
    ana = people.add_leader(db, "Ana Ruiz", team="North")
    people.set_start_date(db, ana.id, FIRST)
    day = FIRST
    while day <= TODAY:
        if day.weekday() < 5:
            logbook.add_day_log(db, ana.id, day, 60, today=TODAY)
        day += dt.timedelta(days=1)
    return ana


def figures(db: Database, leader_id: int) -> list[tuple[object, ...]]:
    weeks = reporting.weekly_figures(db, leader_id, FIRST, TODAY, today=TODAY)
    days = reporting.daily_scores(db, leader_id, FIRST, TODAY, today=TODAY)
    return [
        *((w.week_start, w.workdays_scheduled, w.days_off, w.coaching_target, w.team,
           round(w.consistency_score, 6)) for w in weeks),
        *((d.day, d.workday, round(d.customer_score, 6)) for d in days),
    ]  # fmt: skip


def cold(db: Database, leader_id: int) -> list[tuple[object, ...]]:
    """The figures with nothing kept in memory (what a new process computes)."""
    calendar_cache.forget()
    return figures(db, leader_id)


def _leave(db: Database, leader: Leader) -> None:
    time_off.add(db, leader.id, "2026-10-05", "2026-10-16")


def _holidays(db: Database, _leader: Leader) -> None:
    holidays.set_calendar(db, "US")


def _company_day(db: Database, _leader: Leader) -> None:
    holidays.add_company_day(db, "2026-09-17", "Founders' day")


def _target(db: Database, leader: Leader) -> None:
    current = people.get_leader(db, leader.id)
    people.edit_leader(db, replace(current, target_minutes=90), "2026-09-07", today=TODAY)


def _start(db: Database, leader: Leader) -> None:
    people.set_start_date(db, leader.id, "2026-08-03")


def _week_start(db: Database, _leader: Leader) -> None:
    reporting.set_week_start(db, "sunday")


CHANGES = [_leave, _holidays, _company_day, _target, _start, _week_start]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__.strip("_"))
def test_a_calendar_change_is_seen_by_the_next_report(db: Database, ana: Leader, change) -> None:
    before = figures(db, ana.id)
    assert figures(db, ana.id) == before  # the kept calendar, unchanged
    change(db, ana)
    after = figures(db, ana.id)
    assert after != before, "the change moves the figures"
    assert after == cold(db, ana.id)


def test_a_change_made_by_another_program_is_seen(db: Database, ana: Leader, db_path: Path) -> None:
    before = figures(db, ana.id)
    other = open_database(db_path)
    try:
        time_off.add(other, ana.id, "2026-10-05", "2026-10-16")
    finally:
        other.dispose()
    assert figures(db, ana.id) != before
    assert figures(db, ana.id) == cold(db, ana.id)


def test_an_earlier_first_entry_moves_a_derived_start(db: Database, ana: Leader) -> None:
    people.set_start_date(db, ana.id, None)  # derived: the earlier of added and first entry
    before = figures(db, ana.id)
    logbook.add_day_log(db, ana.id, dt.date(2026, 5, 4), 60, today=TODAY)
    assert people.start_date(db, ana.id) == dt.date(2026, 5, 4)
    assert figures(db, ana.id) == cold(db, ana.id)
    assert figures(db, ana.id) != before


def test_a_journal_replaced_by_a_copy_at_the_same_path_is_read_again(
    tmp_path: Path, db: Database, ana: Leader, db_path: Path
) -> None:
    copy = tmp_path / "copy.sqlite3"
    with sqlite3.connect(db_path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    time_off.add(db, ana.id, "2026-10-05", "2026-10-16")
    with_leave = figures(db, ana.id)
    with sqlite3.connect(copy) as source, sqlite3.connect(db_path) as target:
        source.backup(target)  # the copy, without the leave, restored over the journal
    restored = figures(db, ana.id)
    assert restored != with_leave
    assert restored == cold(db, ana.id)
