"""Revision 0006 adds the fair score's calendar: leave, holidays, settings history, swaps, start dates."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from helpers.migrations import (
    ENTRY_TABLES,
    INITIAL_ROWS,
    assert_round_trip,
    at_revision,
    downgrade_to,
    execute,
    names_of,
    query,
    table_rows,
    upgrade_to,
)

from leaderlog.core.records import WorkPattern
from leaderlog.data import calendar_triggers
from leaderlog.data.engine import Database
from leaderlog.data.store import open_database
from leaderlog.journal import holidays, settings_history, time_off

NEW_TABLES = {"time_off", "holiday_calendar", "company_day", "leader_settings", "day_swap"}

# two more leaders at 0005: Bo imported entries from before they were added, Cy has none
MORE_ROWS = (
    "INSERT INTO leader (id, uuid, name, name_key, team, workdays, target_minutes,"
    " target_coaching, target_reinforcement, created_at, updated_at, version)"
    " VALUES (2, '6b5a3c4e7b8d4c1e9f0a1b2c3d4e5f66', 'Bo Chen', 'bo chen', 'South',"
    " '0111110', 90, 2, 4, '2026-06-01 12:00:00', '2026-06-01 12:00:00', 1)",
    "INSERT INTO leader (id, uuid, name, name_key, team, workdays, target_minutes,"
    " target_coaching, target_reinforcement, created_at, updated_at, version)"
    " VALUES (3, '7b5a3c4e7b8d4c1e9f0a1b2c3d4e5f67', 'Cy Diaz', 'cy diaz', '',"
    " '1111100', 60, 3, 5, '2026-06-01 12:00:00', '2026-06-01 12:00:00', 1)",
    "INSERT INTO day_log (id, leader_id, uuid, day, minutes, note, created_at, updated_at, version)"
    " VALUES (2, 2, '8b5a3c4e7b8d4c1e9f0a1b2c3d4e5f68', '2026-03-03', 30, '',"
    " '2026-06-01 12:00:00', '2026-06-01 12:00:00', 1)",
    "INSERT INTO reinforcement (id, leader_id, uuid, day, member_id, kind, standard_id,"
    " description, created_at, updated_at, version)"
    " VALUES (2, 2, '9b5a3c4e7b8d4c1e9f0a1b2c3d4e5f69', '2026-03-02', NULL, 'praise', NULL,"
    " '', '2026-06-01 12:00:00', '2026-06-01 12:00:00', 1)",
)
ANA_ADDED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC).astimezone().date()


def _at_0005(path: Path) -> Path:
    return at_revision(path, "0005", (*INITIAL_ROWS, *MORE_ROWS))


def test_upgrade_keeps_every_row_and_writes_one_history_row_per_leader(db_path: Path) -> None:
    _at_0005(db_path)
    before = table_rows(db_path)
    upgrade_to(db_path, "0006")
    after = table_rows(db_path)
    assert {t: rows for t, rows in after.items() if t != "leader"} == {
        t: rows for t, rows in before.items() if t != "leader"
    }
    # the leader rows gain a NULL start_date and nothing else
    assert [row[:-1] for row in after["leader"]] == before["leader"]
    assert all(row[-1] is None for row in after["leader"])
    history = query(
        db_path,
        "SELECT leader_id, effective_from, team, workdays, cycle_anchor, target_minutes,"
        " target_coaching, target_reinforcement, version FROM leader_settings ORDER BY leader_id",
    )
    assert history == [
        (1, ANA_ADDED.isoformat(), "North", "1111100", None, 60, 3, 5, 1),
        (2, "2026-03-02", "South", "0111110", None, 90, 2, 4, 1),  # first entry before added
        (3, "2026-06-01", "", "1111100", None, 60, 3, 5, 1),  # no entries: the day added
    ]
    assert len({row[0] for row in query(db_path, "SELECT uuid FROM leader_settings")}) == 3
    assert names_of(db_path, "table") >= NEW_TABLES
    assert set(calendar_triggers.trigger_names()) <= names_of(db_path, "trigger")
    # the entry triggers of 0005 survive (leader was altered, not rebuilt)
    assert "metrics_checkpoint_forget_leader_targets" in names_of(db_path, "trigger")


def test_migrated_leaders_calendars_reproduce_their_old_settings_every_week(
    db_path: Path,
) -> None:
    _at_0005(db_path)
    upgrade_to(db_path, "0006")
    db = open_database(db_path)
    try:
        start, end = dt.date(2026, 1, 5), dt.date(2026, 12, 27)
        calendars = settings_history.calendars_for(db, None, start, end)
        old = {
            leader_id: (WorkPattern.from_mask(mask), minutes, coaching, reinforcement)
            for leader_id, mask, minutes, coaching, reinforcement in query(
                db_path,
                "SELECT id, workdays, target_minutes, target_coaching, target_reinforcement"
                " FROM leader",
            )
        }
        starts = settings_history.start_dates(db)
        assert starts == {1: ANA_ADDED, 2: dt.date(2026, 3, 2), 3: dt.date(2026, 6, 1)}
        for leader_id, calendar in calendars.items():
            pattern, minutes, coaching, reinforcement = old[leader_id]
            for week in calendar.weeks(start, end):
                if week.first_day < starts[leader_id]:
                    continue  # the weeks before the start were never anyone's record
                days = [week.first_day + dt.timedelta(days=i) for i in range(7)]
                assert week.workdays == tuple(d for d in days if pattern.is_workday(d))
                assert week.days_off == ()
                assert (week.coaching_target, week.reinforcement_target) == (
                    coaching,
                    reinforcement,
                )
                assert week.customer_target_minutes == minutes * len(week.workdays)
    finally:
        db.dispose()


def test_0006_constraints_refuse_impossible_rows(db_path: Path) -> None:
    _at_0005(db_path)
    upgrade_to(db_path, "0006")
    stamp = "'2026-11-01 00:00:00', '2026-11-01 00:00:00', 1"
    with pytest.raises(sqlite3.IntegrityError, match="ck_time_off_last_after_first"):
        execute(
            db_path,
            [
                "INSERT INTO time_off (uuid, leader_id, first_day, last_day, kind, note,"
                " created_at, updated_at, version) VALUES ('aa5a3c4e7b8d4c1e9f0a1b2c3d4e5f60', 1,"
                f" '2026-11-05', '2026-11-04', 'vacation', '', {stamp})"
            ],
        )
    with pytest.raises(sqlite3.IntegrityError, match="ck_leader_settings_workdays_length"):
        execute(
            db_path,
            [
                "INSERT INTO leader_settings (uuid, leader_id, effective_from, team,"
                " target_minutes, target_coaching, target_reinforcement, workdays, cycle_anchor,"
                " created_at, updated_at, version) VALUES ('ab5a3c4e7b8d4c1e9f0a1b2c3d4e5f60', 1,"
                f" '2026-11-05', '', 60, 3, 5, '11110000', NULL, {stamp})"
            ],
        )
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        execute(
            db_path,
            [
                "INSERT INTO day_swap (uuid, leader_id, day, works, note, created_at, updated_at,"
                f" version) VALUES ('ac5a3c4e7b8d4c1e9f0a1b2c3d4e5f60', 99, '2026-11-05', 1, '', {stamp})"
            ],
        )


def test_downgrade_keeps_the_journal_and_the_entry_triggers(db_path: Path) -> None:
    _at_0005(db_path)
    before = table_rows(db_path)
    triggers_before = names_of(db_path, "trigger")
    upgrade_to(db_path, "0006")
    db = open_database(db_path)
    try:
        time_off.add(db, 1, "2026-11-09", "2026-11-13")
        settings_history.change_settings(db, 1, effective_from="2026-11-16", target_minutes=90)
        holidays.add_company_day(db, "2026-12-24", "Christmas Eve")
    finally:
        db.dispose()
    downgrade_to(db_path, "0005")
    assert table_rows(db_path, ENTRY_TABLES) == before
    assert not NEW_TABLES & names_of(db_path, "table")
    assert names_of(db_path, "trigger") == triggers_before


def test_0006_round_trip_restores_0005_exactly_and_head_matches_the_models(
    db_path: Path,
) -> None:
    assert_round_trip(db_path, "0006")


# ---------------------------------------------------------------- checkpoint triggers

# week ends (Sundays) of Monday weeks, Nov-Dec 2026
WEEK_ENDS = [dt.date(2026, 11, 1) + dt.timedelta(days=7 * i) for i in range(6)]


def _checkpoints(db: Database, leader_id: int, week_ends: list[dt.date] = WEEK_ENDS) -> None:
    with db.engine.begin() as connection:
        connection.exec_driver_sql(f"DELETE FROM metrics_checkpoint WHERE leader_id = {leader_id}")
        for day in week_ends:
            connection.exec_driver_sql(
                "INSERT INTO metrics_checkpoint (leader_id, day, walk_version, customer, coaching,"
                f" reinforcement, streak, longest) VALUES ({leader_id}, '{day}', 1, 0.5, 0.5, 0.5,"
                " 3, 4)"
            )


def _kept(db_path: Path, leader_id: int) -> list[dt.date]:
    return [
        dt.date.fromisoformat(day)
        for (day,) in query(
            db_path,
            "SELECT day FROM metrics_checkpoint WHERE leader_id = ? ORDER BY day",
            leader_id,
        )
    ]


@pytest.fixture
def migrated(db_path: Path) -> Database:
    _at_0005(db_path)
    database = open_database(db_path)
    for leader_id in (1, 2, 3):
        _checkpoints(database, leader_id)
    yield database  # type: ignore[misc]
    database.dispose()


WEDNESDAY = dt.date(2026, 11, 18)  # its Monday week runs 16-22 Nov: states from the 22nd go
KEPT_BEFORE_WEEK = [day for day in WEEK_ENDS if day < dt.date(2026, 11, 16)]


def test_leave_in_week_w_forgets_that_leaders_states_from_w_on(
    migrated: Database, db_path: Path
) -> None:
    leave = time_off.add(migrated, 1, WEDNESDAY, WEDNESDAY + dt.timedelta(days=10))
    assert _kept(db_path, 1) == KEPT_BEFORE_WEEK
    assert _kept(db_path, 2) == WEEK_ENDS
    _checkpoints(migrated, 1)
    time_off.edit(migrated, leave.id, first_day=WEDNESDAY + dt.timedelta(days=7))
    assert _kept(db_path, 1) == KEPT_BEFORE_WEEK  # the old first day's week counts too
    _checkpoints(migrated, 1)
    time_off.delete(migrated, leave.id)
    assert _kept(db_path, 1) == [d for d in WEEK_ENDS if d < dt.date(2026, 11, 23)]


def test_settings_change_and_swap_forget_from_their_week_on(
    migrated: Database, db_path: Path
) -> None:
    settings_history.change_settings(migrated, 2, effective_from=WEDNESDAY, target_coaching=4)
    assert _kept(db_path, 2) == KEPT_BEFORE_WEEK
    assert _kept(db_path, 1) == WEEK_ENDS
    swap = settings_history.set_swap(migrated, 3, WEDNESDAY, works=False)
    assert _kept(db_path, 3) == KEPT_BEFORE_WEEK
    _checkpoints(migrated, 3)
    settings_history.remove_swap(migrated, swap.id)
    assert _kept(db_path, 3) == KEPT_BEFORE_WEEK


def test_company_day_forgets_every_leaders_states_from_its_week(
    migrated: Database, db_path: Path
) -> None:
    holidays.add_company_day(migrated, WEDNESDAY, "Founders' day", team="North")
    assert all(_kept(db_path, leader_id) == KEPT_BEFORE_WEEK for leader_id in (1, 2, 3))


def test_holiday_calendar_week_start_and_start_date_forget_everything_they_move(
    migrated: Database, db_path: Path
) -> None:
    settings_history.set_start_date(migrated, 1, "2026-01-05")
    assert _kept(db_path, 1) == [] and _kept(db_path, 2) == WEEK_ENDS
    holidays.set_calendar(migrated, "US")
    assert _kept(db_path, 2) == [] and _kept(db_path, 3) == []
    _checkpoints(migrated, 2)
    with migrated.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO app_setting (key, value) VALUES ('week_start', 'sunday')"
        )
    assert _kept(db_path, 2) == []


def test_with_sunday_weeks_a_change_forgets_from_the_sunday_before(
    migrated: Database, db_path: Path
) -> None:
    with migrated.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO app_setting (key, value) VALUES ('week_start', 'sunday')"
        )
    saturdays = [day - dt.timedelta(days=1) for day in WEEK_ENDS]  # Sunday weeks end Saturday
    _checkpoints(migrated, 1, saturdays)
    time_off.add(migrated, 1, WEDNESDAY)  # its Sunday week runs 15-21 Nov
    assert _kept(db_path, 1) == [d for d in saturdays if d < dt.date(2026, 11, 15)]
    sunday = dt.date(2026, 11, 15)
    _checkpoints(migrated, 1, saturdays)
    time_off.add(migrated, 1, sunday)
    assert _kept(db_path, 1) == [d for d in saturdays if d < sunday]
