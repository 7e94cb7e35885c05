"""Time off: leave ranges per leader, validated, never overlapping, listed upcoming first."""

from __future__ import annotations

import datetime as dt

import pytest

from leaderlog.core.errors import ConflictError, NotFoundError, ValidationError
from leaderlog.core.records import Leader
from leaderlog.data.engine import Database
from leaderlog.journal import people, time_off


def test_add_a_fortnight_of_vacation_and_list_it(db: Database, leader: Leader) -> None:
    added = time_off.add(db, leader.id, "2026-08-03", "2026-08-14", "vacation", "  Lisbon ")
    assert (added.first_day, added.last_day, added.kind, added.note) == (
        dt.date(2026, 8, 3),
        dt.date(2026, 8, 14),
        "vacation",
        "Lisbon",
    )
    assert added.calendar_days == 12 and added.version == 1
    assert time_off.list_time_off(db, [leader.id]) == [added]
    assert time_off.get(db, added.id) == added
    assert added.describe() == "Vacation 2026-08-03 to 2026-08-14"


def test_one_day_by_default_and_kind_by_label(db: Database, leader: Leader) -> None:
    sick = time_off.add(db, leader.id, dt.date(2026, 11, 19), kind="Sick leave")
    assert (sick.first_day, sick.last_day, sick.kind) == (
        dt.date(2026, 11, 19),
        dt.date(2026, 11, 19),
        "sick",
    )
    assert sick.describe() == "Sick leave on 2026-11-19"
    assert time_off.on_leave(db, leader.id, dt.date(2026, 11, 19)) == sick
    assert time_off.on_leave(db, leader.id, dt.date(2026, 11, 20)) is None


def test_overlapping_range_is_refused_naming_the_existing_one(db: Database, leader: Leader) -> None:
    first = time_off.add(db, leader.id, "2026-08-03", "2026-08-14")
    with pytest.raises(ValidationError, match=r"overlaps vacation 2026-08-03 to 2026-08-14") as err:
        time_off.add(db, leader.id, "2026-08-14", "2026-08-20", "training")
    assert err.value.field == "first day" and f"#{first.id}" in err.value.message
    # touching ranges and other leaders' leave are fine
    time_off.add(db, leader.id, "2026-08-15", "2026-08-16")
    other = people.add_leader(db, "Bo Chen")
    time_off.add(db, other.id, "2026-08-03", "2026-08-14")
    assert len(time_off.list_time_off(db)) == 3


@pytest.mark.parametrize(
    ("first", "last", "kind", "field", "message"),
    [
        ("2026-08-14", "2026-08-03", "vacation", "last day", "before the first day"),
        ("14/08/2026", None, "vacation", "first day", "not a date"),
        ("2026-02-30", None, "vacation", "first day", "not a real calendar date"),
        ("2026-08-03", None, "holiday", "kind", "vacation, sick, training, other"),
        ("2026-08-03", "2062-08-03", "vacation", "last day", "several ranges"),
    ],
)
def test_invalid_input_names_the_field_and_writes_nothing(
    db: Database,
    leader: Leader,
    first: str,
    last: str | None,
    kind: str,
    field: str,
    message: str,
) -> None:
    with pytest.raises(ValidationError, match=message) as err:
        time_off.add(db, leader.id, first, last, kind)
    assert err.value.field == field
    assert time_off.list_time_off(db) == []


def test_unknown_leader_is_not_found(db: Database) -> None:
    with pytest.raises(NotFoundError, match="no leader with id 42"):
        time_off.add(db, 42, "2026-08-03")


def test_edit_moves_a_range_keeps_what_is_not_given_and_checks_overlaps(
    db: Database, leader: Leader
) -> None:
    august = time_off.add(db, leader.id, "2026-08-03", "2026-08-14", note="Lisbon")
    time_off.add(db, leader.id, "2026-09-01", "2026-09-04")
    moved = time_off.edit(db, august.id, first_day="2026-08-10")
    assert (moved.first_day, moved.last_day, moved.note) == (
        dt.date(2026, 8, 10),
        dt.date(2026, 8, 14),
        "Lisbon",
    )
    assert moved.version == 2
    with pytest.raises(ValidationError, match="overlaps vacation 2026-09-01 to 2026-09-04"):
        time_off.edit(db, august.id, last_day="2026-09-02")
    with pytest.raises(ConflictError, match="changed elsewhere"):
        time_off.edit(db, august.id, kind="sick", expected_version=1)
    assert time_off.edit(db, august.id, kind="training", note="").kind == "training"


def test_delete_removes_and_returns_the_range(db: Database, leader: Leader) -> None:
    added = time_off.add(db, leader.id, "2026-08-03")
    assert time_off.delete(db, added.id) == added
    assert time_off.list_time_off(db) == []
    with pytest.raises(NotFoundError):
        time_off.delete(db, added.id)


def test_list_filters_by_range_touching_the_period(db: Database, leader: Leader) -> None:
    summer = time_off.add(db, leader.id, "2026-07-27", "2026-08-07")
    autumn = time_off.add(db, leader.id, "2026-10-12")
    assert time_off.list_time_off(db, start="2026-08-01", end="2026-08-31") == [summer]
    assert time_off.list_time_off(db, start="2026-08-08") == [autumn]
    assert time_off.list_time_off(db, end="2026-07-27") == [summer]
    with pytest.raises(ValidationError, match="from"):
        time_off.list_time_off(db, start="soon")


def test_upcoming_first_lists_current_and_planned_then_past_newest_first(
    db: Database, leader: Leader, today: dt.date
) -> None:
    past_old = time_off.add(db, leader.id, "2026-03-02")
    past_new = time_off.add(db, leader.id, "2026-10-05")
    current = time_off.add(
        db, leader.id, today - dt.timedelta(days=2), today + dt.timedelta(days=1)
    )
    planned = time_off.add(db, leader.id, "2026-12-21", "2026-12-31")
    ordered = time_off.upcoming_first(iter(time_off.list_time_off(db)), today)
    assert ordered == [current, planned, past_new, past_old]
