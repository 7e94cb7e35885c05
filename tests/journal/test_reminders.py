"""The daily reminder's rule: after the chosen time, on a judged workday, with nothing logged, once a day."""

from __future__ import annotations

import datetime as dt

import pytest

from leaderlog.core.errors import ValidationError
from leaderlog.core.records import Leader
from leaderlog.data.engine import Database
from leaderlog.journal import logbook, reminders, settings_history, time_off

FRIDAY = dt.date(2026, 11, 20)
AT = dt.time(16, 0)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute)).astimezone()


@pytest.fixture
def started(db: Database, leader: Leader) -> Leader:
    settings_history.set_start_date(db, leader.id, dt.date(2026, 1, 5))
    return leader


def test_due_after_the_time_on_a_workday_with_nothing_logged(db, started):
    day = reminders.day_to_remind(db, started.id, FRIDAY)
    assert day.status.counts and not day.logged
    assert reminders.reminder_due(at(FRIDAY, 16, 0), AT, None, day)
    assert reminders.reminder_due(at(FRIDAY, 21, 30), AT, None, day)


def test_not_due_before_the_chosen_time(db, started):
    day = reminders.day_to_remind(db, started.id, FRIDAY)
    assert not reminders.reminder_due(at(FRIDAY, 15, 59), AT, None, day)


def test_not_due_once_anything_is_logged(db, started):
    logbook.add_day_log(db, started.id, FRIDAY, 20, today=FRIDAY)
    day = reminders.day_to_remind(db, started.id, FRIDAY)
    assert day.logged
    assert not reminders.reminder_due(at(FRIDAY, 17), AT, None, day)


def test_not_due_on_a_weekend_of_a_monday_to_friday_leader(db, started):
    saturday = FRIDAY + dt.timedelta(days=1)
    day = reminders.day_to_remind(db, started.id, saturday)
    assert day.status.kind == "non-workday"
    assert not reminders.reminder_due(at(saturday, 17), AT, None, day)


def test_not_due_on_leave(db, started):
    time_off.add(db, started.id, FRIDAY, FRIDAY, "sick")
    day = reminders.day_to_remind(db, started.id, FRIDAY)
    assert day.status.kind == "leave"
    assert not reminders.reminder_due(at(FRIDAY, 17), AT, None, day)


def test_reminds_once_a_day(db, started):
    day = reminders.day_to_remind(db, started.id, FRIDAY)
    assert not reminders.reminder_due(at(FRIDAY, 17), AT, FRIDAY, day)
    monday = FRIDAY + dt.timedelta(days=3)
    assert reminders.time_has_come(at(monday, 17), AT, FRIDAY)


def test_reminder_time_is_read_as_hours_and_minutes():
    assert reminders.parse_reminder_time(" 7:05 ") == dt.time(7, 5)
    with pytest.raises(ValidationError, match="not a time of day"):
        reminders.parse_reminder_time("quarter past four")
    with pytest.raises(ValidationError):
        reminders.parse_reminder_time("25:00")


def test_reminder_text_names_the_leader_and_the_day():
    text = reminders.reminder_text("Ana Ruiz", FRIDAY)
    assert "Ana Ruiz" in text and "Friday 20 November" in text
