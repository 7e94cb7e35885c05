"""Revision 0008: a settings change no longer forgets every stored walk state of a leader who has a settings history."""

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

STATES = [
    "INSERT INTO metrics_checkpoint (leader_id, day, walk_version, customer, coaching,"
    f" reinforcement, streak, longest) VALUES (1, '2026-11-{day:02d}', 1, 0.5, 0.5, 0.5, 3, 4)"
    for day in (1, 8, 15, 22)
]


def history_row(day: str, minutes: int, uuid_tail: str) -> str:
    return (
        "INSERT INTO leader_settings (uuid, leader_id, effective_from, team, target_minutes,"
        " target_coaching, target_reinforcement, workdays, created_at, updated_at, version)"
        f" VALUES ('7b5a3c4e7b8d4c1e9f0a1b2c3d4e5f{uuid_tail}', 1, '{day}', 'North', {minutes},"
        " 3, 5, '1111100', '2026-11-01 00:00:00', '2026-11-01 00:00:00', 1)"
    )


def state_days(path: Path) -> list[str]:
    return [day for (day,) in query(path, "SELECT day FROM metrics_checkpoint ORDER BY day")]


def at_0007_without_history(path: Path) -> Path:
    """Ana at 0007 without history rows (added after the 0006 upgrade, by code that wrote none)."""
    at_revision(path, "0007", INITIAL_ROWS)
    execute(path, STATES)
    assert query(path, "SELECT count(*) FROM leader_settings") == [(0,)]
    return path


def test_upgrading_to_0008_keeps_every_row_and_replaces_two_triggers(db_path: Path) -> None:
    before = table_rows(at_revision(db_path, "0007", INITIAL_ROWS))
    upgrade_to(db_path, "0008")
    assert table_rows(db_path) == before
    triggers = names_of(db_path, "trigger")
    assert "metrics_checkpoint_forget_leader_targets" not in triggers
    assert "metrics_checkpoint_forget_leader_without_history" in triggers
    assert "metrics_checkpoint_forget_leader_settings_insert" in triggers


def test_after_0008_a_leader_row_edit_keeps_the_states_of_a_leader_with_history(
    db_path: Path,
) -> None:
    at_revision(db_path, "0007", INITIAL_ROWS)
    upgrade_to(db_path, "0008")
    execute(db_path, [history_row("2026-01-01", 60, "73"), *STATES])
    execute(db_path, ["UPDATE leader SET target_minutes = 90 WHERE id = 1"])
    assert len(state_days(db_path)) == 4  # her history rows are her calendar


def test_after_0008_a_leader_without_history_still_forgets_on_a_leader_row_edit(
    db_path: Path,
) -> None:
    at_0007_without_history(db_path)
    upgrade_to(db_path, "0008")
    execute(db_path, ["UPDATE leader SET team = 'South' WHERE id = 1"])
    assert state_days(db_path) == []  # the leader row is her calendar: every day moved


def test_after_0008_a_first_history_row_that_writes_down_the_settings_forgets_nothing(
    db_path: Path,
) -> None:
    at_0007_without_history(db_path)
    upgrade_to(db_path, "0008")
    execute(db_path, [history_row("2026-01-01", 60, "70")])  # the leader row's own values
    assert len(state_days(db_path)) == 4
    execute(db_path, [history_row("2026-11-12", 90, "71")])  # a change from Thu 12 Nov
    assert state_days(db_path) == ["2026-11-01", "2026-11-08"]  # from that week's Monday on


def test_a_first_history_row_with_other_values_forgets_from_its_week(db_path: Path) -> None:
    at_0007_without_history(db_path)
    upgrade_to(db_path, "0008")
    execute(db_path, [history_row("2026-11-12", 90, "72")])
    assert state_days(db_path) == ["2026-11-01", "2026-11-08"]


def test_downgrading_0008_restores_the_old_triggers(db_path: Path) -> None:
    at_revision(db_path, "0007", INITIAL_ROWS)
    upgrade_to(db_path, "0008")
    downgrade_to(db_path, "0007")
    execute(db_path, [history_row("2026-01-01", 60, "74"), *STATES])
    execute(db_path, ["UPDATE leader SET target_minutes = 90 WHERE id = 1"])
    assert state_days(db_path) == []  # as before 0008: every state forgotten
    assert "metrics_checkpoint_forget_leader_without_history" not in names_of(db_path, "trigger")


def test_0008_round_trip_restores_0007_and_head_matches_the_models(db_path: Path) -> None:
    assert_round_trip(db_path, "0008")
