"""Revision 0007 adds the calendar stamp; every calendar change gives it a new value, entries do not."""

from __future__ import annotations

from pathlib import Path

from helpers.migrations import (
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

from leaderlog.data import calendar_version


def stamp(path: Path) -> int:
    [(value,)] = query(path, "SELECT n FROM calendar_version")
    return value


def test_upgrading_to_0007_keeps_every_row_and_adds_one_stamp(db_path: Path) -> None:
    before = table_rows(at_revision(db_path, "0006", INITIAL_ROWS))
    upgrade_to(db_path, "0007")
    assert table_rows(db_path) == before
    assert len(query(db_path, "SELECT * FROM calendar_version")) == 1


def test_after_0007_each_calendar_change_gives_a_new_stamp(db_path: Path) -> None:
    at_revision(db_path, "0006", INITIAL_ROWS)
    upgrade_to(db_path, "0007")
    seen = [stamp(db_path)]
    changes = [
        "INSERT INTO time_off (uuid, leader_id, first_day, last_day, kind, note, created_at,"
        " updated_at, version) VALUES ('6b5a3c4e7b8d4c1e9f0a1b2c3d4e5f66', 1, '2026-11-09',"
        " '2026-11-13', 'vacation', '', '2026-11-01 00:00:00', '2026-11-01 00:00:00', 1)",
        "UPDATE time_off SET last_day = '2026-11-12'",
        "DELETE FROM time_off",
        "UPDATE leader SET start_date = '2026-10-01' WHERE id = 1",
        "INSERT INTO leader_settings (uuid, leader_id, effective_from, team, target_minutes,"
        " target_coaching, target_reinforcement, workdays, created_at, updated_at, version)"
        " VALUES ('7b5a3c4e7b8d4c1e9f0a1b2c3d4e5f67', 1, '2026-11-16', 'North', 90, 3, 5,"
        " '1111100', '2026-11-01 00:00:00', '2026-11-01 00:00:00', 1)",
        "UPDATE leader_settings SET target_minutes = 75",
        "INSERT INTO app_setting (key, value) VALUES ('week_start', 'sunday')",
    ]
    for change in changes:
        execute(db_path, [change])
        seen.append(stamp(db_path))
        assert seen[-1] != seen[-2], change
    execute(db_path, ["UPDATE day_log SET minutes = 50 WHERE id = 1"])  # an entry: no change
    assert stamp(db_path) == seen[-1]


def test_downgrading_0007_drops_the_stamp_and_its_triggers(db_path: Path) -> None:
    before = table_rows(at_revision(db_path, "0006", INITIAL_ROWS))
    upgrade_to(db_path, "0007")
    downgrade_to(db_path, "0006")
    assert table_rows(db_path) == before
    assert calendar_version.TABLE not in names_of(db_path, "table")
    assert not {t for t in names_of(db_path, "trigger") if t.startswith(calendar_version.TABLE)}
    execute(db_path, ["UPDATE leader SET target_minutes = 30 WHERE id = 1"])  # nothing left behind


def test_0007_round_trip_restores_0006_and_head_matches_the_models(db_path: Path) -> None:
    assert_round_trip(db_path, "0007")
