"""Revision 0001 creates the journal's tables; rows written in its format are what the app reads today."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers.migrations import (
    DAY_LOG_UUID,
    ENTRY_TABLES,
    INITIAL_ROWS,
    assert_round_trip,
    at_revision,
    downgrade_to,
    execute,
    names_of,
    table_rows,
    upgrade_to,
)

from leaderlog.data.store import open_database
from leaderlog.journal import logbook, people


def test_0001_creates_every_journal_table_and_its_constraints_refuse_bad_rows(
    db_path: Path,
) -> None:
    at_revision(db_path, "0001", INITIAL_ROWS)
    assert set(ENTRY_TABLES) <= names_of(db_path, "table")
    assert {"ix_leader_team", "ix_coaching_note_member_id"} <= names_of(db_path, "index")
    with pytest.raises(sqlite3.IntegrityError, match="ck_day_log_minutes"):
        execute(
            db_path,
            [
                "INSERT INTO day_log (leader_id, uuid, day, minutes, note, created_at, updated_at,"
                " version) VALUES (1, 'ffff3c4e7b8d4c1e9f0a1b2c3d4e5f61', '2026-11-04', 1441, '',"
                " '2026-11-04 09:00:00', '2026-11-04 09:00:00', 1)"
            ],
        )
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        execute(db_path, ["DELETE FROM team_member WHERE id = 1"])  # notes still point at Sam
    assert all(len(rows) == 1 for rows in table_rows(db_path).values())


def test_rows_written_at_0001_read_back_at_head_with_their_values(db_path: Path) -> None:
    at_revision(db_path, "0001", INITIAL_ROWS)
    db = open_database(db_path)
    try:
        ana = people.find_leader(db, "ana ruiz")
        assert (ana.name, ana.team, ana.target_minutes) == ("Ana Ruiz", "North", 60)
        entries = logbook.list_entries(db, leader_ids=[ana.id])
        by_type = {entry.entry_type: entry for entry in entries}
        assert by_type["day"].minutes == 45
        assert str(by_type["day"].uuid).replace("-", "") == DAY_LOG_UUID
        assert by_type["coaching"].member_name == "Sam Lee"
        assert str(by_type["coaching"].follow_up_on) == "2026-11-09"
        assert by_type["reinforcement"].kind == "praise"
    finally:
        db.dispose()


def test_downgrading_0001_removes_the_whole_schema_and_a_new_upgrade_starts_empty(
    db_path: Path,
) -> None:
    at_revision(db_path, "0001", INITIAL_ROWS)
    downgrade_to(db_path, None)
    assert names_of(db_path, "table") == set()  # alembic_version aside
    upgrade_to(db_path, "0001")
    assert all(rows == [] for rows in table_rows(db_path).values())


def test_0001_round_trip_restores_an_empty_file_and_head_matches_the_models(
    db_path: Path,
) -> None:
    assert_round_trip(db_path, "0001")
