"""Revision 0004 swaps three indexes for covering ones: the weekly metrics read no table pages."""

from __future__ import annotations

from pathlib import Path

from helpers.migrations import (
    INITIAL_ROWS,
    assert_round_trip,
    at_revision,
    downgrade_to,
    names_of,
    query,
    table_rows,
    upgrade_to,
)

COVERING = {
    "ix_day_log_leader_id_day_minutes",
    "ix_reinforcement_leader_id_day_kind",
    "ix_coaching_note_leader_id_follow_up_on_done",
}
REPLACED = {"ix_reinforcement_leader_id_day", "ix_coaching_note_leader_id_follow_up_on"}
A_LEADERS_MINUTES = "SELECT day, minutes FROM day_log WHERE leader_id = 1 AND day >= '2026-11-01'"


def plan(path: Path, sql: str) -> str:
    return " ".join(row[-1] for row in query(path, f"EXPLAIN QUERY PLAN {sql}"))


def test_upgrading_to_0004_keeps_every_row_and_reads_minutes_from_the_index(
    db_path: Path,
) -> None:
    before = table_rows(at_revision(db_path, "0003", INITIAL_ROWS))
    upgrade_to(db_path, "0004")
    assert table_rows(db_path) == before
    indexes = names_of(db_path, "index")
    assert indexes >= COVERING and not REPLACED & indexes
    assert "COVERING INDEX ix_day_log_leader_id_day_minutes" in plan(db_path, A_LEADERS_MINUTES)
    assert query(db_path, A_LEADERS_MINUTES) == [("2026-11-02", 45)]


def test_downgrading_0004_restores_the_old_indexes_and_keeps_every_row(db_path: Path) -> None:
    before = table_rows(at_revision(db_path, "0003", INITIAL_ROWS))
    upgrade_to(db_path, "0004")
    downgrade_to(db_path, "0003")
    assert table_rows(db_path) == before
    indexes = names_of(db_path, "index")
    assert indexes >= REPLACED and not COVERING & indexes


def test_0004_round_trip_restores_0003_and_head_matches_the_models(db_path: Path) -> None:
    assert_round_trip(db_path, "0004")
