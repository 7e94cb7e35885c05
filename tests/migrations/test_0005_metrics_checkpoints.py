"""Revision 0005 stores the metrics walk's states; an edit to an older day forgets the stale ones."""

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

from leaderlog.data import walk_states


def checkpoint(day: str) -> str:
    return (
        "INSERT INTO metrics_checkpoint (leader_id, day, walk_version, customer, coaching,"
        f" reinforcement, streak, longest) VALUES (1, '{day}', 1, 0.5, 0.5, 0.5, 2, 3)"
    )


def stored_days(path: Path) -> list[str]:
    return [row[0] for row in query(path, "SELECT day FROM metrics_checkpoint ORDER BY day")]


def test_upgrading_to_0005_keeps_every_row_and_starts_with_no_stored_states(
    db_path: Path,
) -> None:
    before = table_rows(at_revision(db_path, "0004", INITIAL_ROWS))
    upgrade_to(db_path, "0005")
    assert table_rows(db_path) == before
    assert stored_days(db_path) == []


def test_after_0005_an_edit_forgets_the_states_from_its_day_on(db_path: Path) -> None:
    at_revision(db_path, "0004", INITIAL_ROWS)
    upgrade_to(db_path, "0005")
    execute(db_path, [checkpoint("2026-11-01"), checkpoint("2026-11-08")])
    execute(db_path, ["UPDATE day_log SET minutes = 50 WHERE id = 1"])  # day 2026-11-02
    assert stored_days(db_path) == ["2026-11-01"]
    execute(db_path, ["UPDATE leader SET target_minutes = 30 WHERE id = 1"])
    assert stored_days(db_path) == []


def test_downgrading_0005_drops_the_states_and_their_triggers_and_keeps_every_entry(
    db_path: Path,
) -> None:
    before = table_rows(at_revision(db_path, "0004", INITIAL_ROWS))
    upgrade_to(db_path, "0005")
    execute(db_path, [checkpoint("2026-11-01")])
    downgrade_to(db_path, "0004")
    assert table_rows(db_path) == before
    assert walk_states.TABLE not in names_of(db_path, "table")
    assert not {t for t in names_of(db_path, "trigger") if t.startswith(walk_states.TABLE)}
    execute(db_path, ["UPDATE day_log SET minutes = 50 WHERE id = 1"])  # no trigger left behind


def test_0005_round_trip_restores_0004_and_head_matches_the_models(db_path: Path) -> None:
    assert_round_trip(db_path, "0005")
