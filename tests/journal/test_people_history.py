"""Editing a leader writes dated settings history instead of rewriting the past; start dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from leaderlog.core.errors import ConflictError, ValidationError
from leaderlog.core.records import Leader, WorkPattern
from leaderlog.data.engine import Database
from leaderlog.journal import logbook, people, settings_history

START = dt.date(2026, 1, 5)


@pytest.fixture
def ana(db: Database) -> Leader:
    added = people.add_leader(db, "Ana Ruiz", team="North")
    people.set_start_date(db, added.id, START)
    return people.get_leader(db, added.id)


def in_force(db: Database, leader: Leader, day: str) -> tuple[str, str, int, int, int]:
    period = settings_history.settings_in_force(db, dt.date.fromisoformat(day), [leader.id])[
        leader.id
    ]
    return (
        period.team,
        str(period.pattern),
        period.target_minutes,
        period.target_coaching,
        period.target_reinforcement,
    )


def test_a_dated_change_leaves_the_days_before_it_alone(
    db: Database, ana: Leader, today: dt.date
) -> None:
    saved = people.edit_leader(
        db, replace(ana, target_minutes=120, team="South"), "2026-06-01", today=today
    )
    assert in_force(db, ana, "2026-05-31") == ("North", "mon-fri", 60, 3, 5)
    assert in_force(db, ana, "2026-06-01") == ("South", "mon-fri", 120, 3, 5)
    assert [(c.effective_from, c.target_minutes) for c in settings_history.history(db, ana.id)] == [
        (START, 60),
        (dt.date(2026, 6, 1), 120),
    ]
    # the leader row shows what is in force today
    assert (saved.team, saved.target_minutes) == ("South", 120)
    assert people.list_teams(db) == ["South"]


def test_a_change_defaults_to_today(db: Database, ana: Leader) -> None:
    people.edit_leader(db, replace(ana, work_pattern=WorkPattern.from_mask("0111110")))
    [first, second] = settings_history.history(db, ana.id)
    assert (first.effective_from, str(first.pattern)) == (START, "mon-fri")
    assert (second.effective_from, str(second.pattern)) == (dt.date.today(), "tue-sat")
    # update_leader (the older name) does the same
    again = people.update_leader(db, replace(people.get_leader(db, ana.id), target_coaching=4))
    assert again.target_coaching == 4
    assert len(settings_history.history(db, ana.id)) == 2  # today's row took the change


def test_a_future_change_waits_and_the_leader_row_keeps_todays_values(
    db: Database, ana: Leader, today: dt.date
) -> None:
    saved = people.edit_leader(db, replace(ana, target_reinforcement=8), "2026-12-07", today=today)
    assert saved.target_reinforcement == 5
    assert in_force(db, ana, "2026-12-07")[4] == 8


def test_renaming_or_unchanged_settings_write_no_history(
    db: Database, ana: Leader, today: dt.date
) -> None:
    saved = people.edit_leader(db, replace(ana, name="Ana Ruiz-Diaz"), "2026-03-02", today=today)
    assert saved.name == "Ana Ruiz-Diaz"
    assert settings_history.history(db, ana.id) == []


def test_a_stale_edit_or_a_bad_date_is_refused_and_writes_nothing(
    db: Database, ana: Leader, today: dt.date
) -> None:
    people.edit_leader(db, replace(ana, name="Ana R."), today=today)
    with pytest.raises(ConflictError):
        people.edit_leader(db, replace(ana, target_minutes=10), "2026-06-01", today=today)
    fresh = people.get_leader(db, ana.id)
    with pytest.raises(ValidationError) as err:
        people.edit_leader(db, replace(fresh, target_minutes=10), "2026-02-30", today=today)
    assert err.value.field == "from"
    with pytest.raises(ValidationError) as err:
        people.edit_leader(db, replace(fresh, target_minutes=5000), today=today)
    assert err.value.field == "target minutes"
    assert settings_history.history(db, ana.id) == []
    assert people.get_leader(db, ana.id).target_minutes == 60


def test_start_is_explicit_else_the_earlier_of_added_and_first_entry(
    db: Database, today: dt.date
) -> None:
    bo = people.add_leader(db, "Bo Chen")
    assert people.start_date(db, bo.id) == dt.date.today()
    logbook.add_day_log(db, bo.id, dt.date(2026, 8, 3), 30, today=today)
    assert people.start_date(db, bo.id) == min(dt.date.today(), dt.date(2026, 8, 3))
    assert people.set_start_date(db, bo.id, "2026-09-01") == dt.date(2026, 9, 1)
    assert people.start_date(db, bo.id) == dt.date(2026, 9, 1)
    assert people.set_start_date(db, bo.id, None) == min(dt.date.today(), dt.date(2026, 8, 3))


def test_deleting_a_change_brings_back_the_values_before_it(
    db: Database, ana: Leader, today: dt.date
) -> None:
    people.edit_leader(db, replace(ana, target_minutes=90), "2026-06-01", today=today)
    change = settings_history.history(db, ana.id)[-1]
    assert people.get_leader(db, ana.id).target_minutes == 90
    people.delete_settings_change(db, change.id, today=today)
    assert people.get_leader(db, ana.id).target_minutes == 60
    assert [c.target_minutes for c in settings_history.history(db, ana.id)] == [60]
