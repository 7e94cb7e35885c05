"""Revision 0002 adds organisation-wide settings beside the journal, keeping every journal row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
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

SETTING = "INSERT INTO app_setting (key, value) VALUES ('week_start', 'sunday')"


def test_upgrading_to_0002_keeps_the_journal_and_stores_settings_by_key(db_path: Path) -> None:
    before = table_rows(at_revision(db_path, "0001", INITIAL_ROWS))
    upgrade_to(db_path, "0002")
    assert table_rows(db_path) == before
    execute(db_path, [SETTING])
    assert query(db_path, "SELECT key, value FROM app_setting") == [("week_start", "sunday")]
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        execute(db_path, [SETTING])  # one value per key


def test_downgrading_0002_drops_only_the_settings(db_path: Path) -> None:
    before = table_rows(at_revision(db_path, "0001", INITIAL_ROWS))
    upgrade_to(db_path, "0002")
    execute(db_path, [SETTING])
    downgrade_to(db_path, "0001")
    assert "app_setting" not in names_of(db_path, "table")
    assert table_rows(db_path) == before


def test_0002_round_trip_restores_0001_and_head_matches_the_models(db_path: Path) -> None:
    assert_round_trip(db_path, "0002")
