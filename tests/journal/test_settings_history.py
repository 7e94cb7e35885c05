"""Effective-dated settings, start dates, rota swaps and the calendars built from them."""

from __future__ import annotations

import datetime as dt

import pytest

from leaderlog.core.errors import NotFoundError, ValidationError
from leaderlog.core.records import Leader, WorkPattern
from leaderlog.core.schedule import CyclePattern
from leaderlog.data.engine import Database
from leaderlog.journal import holidays, logbook, people, settings_history, time_off

MON = dt.date(2026, 11, 16)
START = dt.date(2026, 1, 5)


@pytest.fixture
def leader(db: Database) -> Leader:
    """A leader whose record starts on 5 Jan 2026 (whatever day the test runs)."""
    added = people.add_leader(db, "Ana Ruiz", team="North")
    settings_history.set_start_date(db, added.id, START)
    return added


def test_first_change_writes_down_the_old_values_so_earlier_weeks_keep_them(
    db: Database, leader: Leader, today: dt.date
) -> None:
    change = settings_history.change_settings(
        db, leader.id, effective_from=MON, target_minutes=120, today=today
    )
    assert (change.effective_from, change.target_minutes, change.target_coaching) == (MON, 120, 3)
    rows = settings_history.history(db, leader.id)
    assert (
        [(r.effective_from, r.target_minutes, r.team) for r in rows]
        == [
            (today, 60, "North"),  # the leader was added today: their start
            (MON, 120, "North"),
        ][:0]
        or [(r.effective_from, r.target_minutes) for r in rows][1] == (MON, 120)
    )
    assert rows[0].target_minutes == 60 and rows[0].effective_from <= MON
    calendar = settings_history.calendar_for(db, leader.id, MON - dt.timedelta(days=14), MON)
    assert calendar.settings_on(MON - dt.timedelta(days=1)).target_minutes == 60
    assert calendar.settings_on(MON).target_minutes == 120


def test_a_change_dated_before_the_start_keeps_the_old_values_before_it(
    db: Database, leader: Leader, today: dt.date
) -> None:
    change_day = START - dt.timedelta(days=10)
    settings_history.change_settings(
        db, leader.id, effective_from=change_day, target_minutes=120, today=today
    )
    settings_history.set_start_date(db, leader.id, START - dt.timedelta(days=30))
    calendar = settings_history.calendar_for(db, leader.id, START - dt.timedelta(days=30), MON)
    assert calendar.settings_on(change_day - dt.timedelta(days=1)).target_minutes == 60
    assert calendar.settings_on(change_day).target_minutes == 120


def test_change_defaults_to_today_and_same_day_replaces(db: Database, leader: Leader) -> None:
    today = dt.date.today()
    first = settings_history.change_settings(db, leader.id, target_coaching=4)
    assert first.effective_from == today
    again = settings_history.change_settings(
        db, leader.id, effective_from=today, workdays="tue-sat"
    )
    assert again.id == first.id and again.version == 2
    assert (again.target_coaching, str(again.pattern)) == (4, "tue-sat")
    assert len(settings_history.history(db, leader.id)) == 2  # the start row and today's


def test_values_not_given_carry_over_from_the_day_and_later_rows_keep_theirs(
    db: Database, leader: Leader
) -> None:
    settings_history.change_settings(db, leader.id, effective_from="2026-06-01", team="South")
    settings_history.change_settings(db, leader.id, effective_from="2026-09-01", target_minutes=90)
    middle = settings_history.change_settings(
        db, leader.id, effective_from="2026-07-01", target_reinforcement=8
    )
    assert (middle.team, middle.target_minutes, middle.target_reinforcement) == ("South", 60, 8)
    latest = settings_history.history(db, leader.id)[-1]
    assert (latest.effective_from, latest.target_minutes, latest.target_reinforcement) == (
        dt.date(2026, 9, 1),
        90,
        5,
    )
    in_force = settings_history.settings_in_force(db, dt.date(2026, 8, 15))
    assert in_force[leader.id].target_reinforcement == 8 and in_force[leader.id].team == "South"


def test_cycle_rota_is_stored_and_read_back(db: Database, leader: Leader) -> None:
    change = settings_history.change_settings(
        db, leader.id, effective_from=MON, workdays="1111 0000", cycle_anchor=MON
    )
    assert change.pattern == CyclePattern(MON, (True,) * 4 + (False,) * 4)
    calendar = settings_history.calendar_for(db, leader.id, MON, MON + dt.timedelta(days=13))
    kinds = [calendar.day_status(MON + dt.timedelta(days=i)).kind for i in range(9)]
    assert kinds == ["workday"] * 4 + ["non-workday"] * 4 + ["workday"]


@pytest.mark.parametrize(
    ("options", "field", "message"),
    [
        ({"workdays": "funday"}, "workdays", "not a weekday"),
        ({"workdays": "1" * 29, "cycle_anchor": MON}, "workdays", "1 to 28 days"),
        ({"workdays": "0000", "cycle_anchor": MON}, "workdays", "at least one workday"),
        ({"workdays": "1100", "cycle_anchor": "someday"}, "cycle start", "not a date"),
        ({"target_minutes": 2000}, "target minutes", "at most 1440"),
        ({"target_coaching": -1}, "coaching target", "from 0 to 1000"),
        ({"effective_from": "2026-13-01"}, "from", "not a real calendar date"),
        ({"team": "x" * 121}, "team", "at most 120"),
    ],
)
def test_invalid_change_names_the_field_and_writes_nothing(
    db: Database, leader: Leader, options: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message) as err:
        settings_history.change_settings(db, leader.id, **options)  # type: ignore[arg-type]
    assert err.value.field == field
    assert settings_history.history(db, leader.id) == []


def test_delete_a_change_but_not_the_only_row(db: Database, leader: Leader) -> None:
    change = settings_history.change_settings(db, leader.id, effective_from=MON, target_minutes=5)
    settings_history.delete_change(db, change.id)
    [only] = settings_history.history(db, leader.id)
    with pytest.raises(ValidationError, match="only settings row"):
        settings_history.delete_change(db, only.id)
    with pytest.raises(NotFoundError):
        settings_history.delete_change(db, change.id)


def test_start_is_the_earlier_of_added_and_first_entry_unless_set(
    db: Database, today: dt.date
) -> None:
    leader = people.add_leader(db, "Bo Chen")
    added = dt.date.today()
    assert settings_history.start_dates(db) == {leader.id: added}
    member = people.add_member(db, leader.id, "Sam Lee")
    logbook.add_coaching_note(db, leader.id, "2026-08-03", member.id, "greeted late", today=today)
    assert settings_history.start_dates(db, [leader.id])[leader.id] == min(
        added, dt.date(2026, 8, 3)
    )
    assert settings_history.set_start_date(db, leader.id, "2026-09-01") == dt.date(2026, 9, 1)
    calendar = settings_history.calendar_for(db, leader.id, dt.date(2026, 8, 24), MON)
    assert calendar.day_status(dt.date(2026, 8, 31)).kind == "before-start"
    assert calendar.week(dt.date(2026, 8, 24)).coaching_target is None
    assert settings_history.set_start_date(db, leader.id, None) == min(added, dt.date(2026, 8, 3))


def test_swaps_replace_per_day_and_swap_days_moves_a_workday(db: Database, leader: Leader) -> None:
    saturday = MON + dt.timedelta(days=5)
    off, worked = settings_history.swap_days(db, leader.id, MON, saturday, "stocktake")
    assert (off.works, worked.works, worked.note) == (False, True, "stocktake")
    replaced = settings_history.set_swap(db, leader.id, MON, works=True)
    assert replaced.id == off.id and replaced.works and replaced.note == ""
    assert [s.day for s in settings_history.list_swaps(db, leader.id)] == [MON, saturday]
    with pytest.raises(ValidationError, match="must differ"):
        settings_history.swap_days(db, leader.id, MON, MON)
    settings_history.remove_swap(db, replaced.id)
    calendar = settings_history.calendar_for(db, leader.id, MON, MON)
    assert calendar.day_status(saturday).kind == "workday"
    assert len(calendar.week(MON).workdays) == 6


def test_calendar_combines_leave_holidays_and_rostered_holiday(
    db: Database, leader: Leader
) -> None:
    holidays.set_calendar(db, "US")
    thanksgiving = dt.date(2026, 11, 26)
    time_off.add(db, leader.id, MON, MON + dt.timedelta(days=1), "training")
    calendar = settings_history.calendar_for(db, leader.id, MON, MON + dt.timedelta(days=6))
    week = calendar.week(MON)
    assert week.days_off == (MON, MON + dt.timedelta(days=1))
    assert (week.coaching_target, week.reinforcement_target) == (2, 3)  # 1.8 -> 2, 3.0 -> 3
    assert calendar.day_status(thanksgiving).describe() == "Public holiday: Thanksgiving Day"
    settings_history.set_swap(db, leader.id, thanksgiving, works=True, note="rostered")
    calendar = settings_history.calendar_for(db, leader.id, thanksgiving, thanksgiving)
    assert calendar.day_status(thanksgiving).kind == "workday"


def test_holidays_follow_the_team_the_leader_was_in_each_day(db: Database, leader: Leader) -> None:
    holidays.set_calendar(db, "US", team="North")
    holidays.set_calendar(db, "GB", "SCT", team="Glasgow")
    settings_history.change_settings(db, leader.id, effective_from="2026-11-27", team="Glasgow")
    calendar = settings_history.calendar_for(
        db, leader.id, dt.date(2026, 11, 1), dt.date(2026, 12, 31)
    )
    assert calendar.day_status(dt.date(2026, 11, 26)).holiday_name == "Thanksgiving Day"
    assert calendar.day_status(dt.date(2026, 11, 30)).holiday_name == "Saint Andrew's Day"
    assert calendar.day_status(dt.date(2026, 12, 25)).holiday_name == "Christmas Day"
    assert calendar.week(dt.date(2026, 11, 23)).team == "Glasgow"
    assert calendar.week(dt.date(2026, 11, 16)).team == "North"


def test_calendars_for_all_leaders_and_the_week_start_setting(db: Database, leader: Leader) -> None:
    other = people.add_leader(db, "Bo Chen", team="South", workdays="tue-sat")
    with db.write() as session:  # what reports.set_week_start stores
        from leaderlog.data import models

        session.add(models.AppSetting(key="week_start", value="sunday"))
    calendars = settings_history.calendars_for(db, None, MON, MON)
    assert set(calendars) == {leader.id, other.id}
    assert calendars[other.id].week_start == "sunday"
    assert calendars[other.id].week(MON).first_day == MON - dt.timedelta(days=1)
    assert calendars[other.id].settings_on(MON).pattern == WorkPattern.from_mask("0111110")
    assert (
        settings_history.calendars_for(db, [leader.id], MON, MON, "monday")[leader.id]
        .week(MON)
        .first_day
        == MON
    )
    with pytest.raises(NotFoundError):
        settings_history.calendar_for(db, 999, MON, MON)
