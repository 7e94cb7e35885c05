"""Revision 0003 indexes the journal's text for search, including the entries written before it."""

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

from leaderlog.data.search import SEARCH_TABLE, trigger_names


def matches(path: Path, words: str) -> int:
    return query(path, f"SELECT count(*) FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH ?", words)[
        0
    ][0]


def test_upgrading_to_0003_indexes_existing_entries_and_keeps_them(db_path: Path) -> None:
    before = table_rows(at_revision(db_path, "0002", INITIAL_ROWS))
    upgrade_to(db_path, "0003")
    assert table_rows(db_path) == before
    # the day log's note, the coaching note's observation and the reinforcement, all older than the index
    assert matches(db_path, "floor") == 1
    assert matches(db_path, "greeted") == 1
    assert matches(db_path, "thanked") == 1


def test_after_0003_the_triggers_keep_the_index_in_step_with_edits(db_path: Path) -> None:
    at_revision(db_path, "0002", INITIAL_ROWS)
    upgrade_to(db_path, "0003")
    assert set(trigger_names()) <= names_of(db_path, "trigger")
    execute(
        db_path, ["UPDATE coaching_note SET observation = 'smiled at every guest' WHERE id = 1"]
    )
    assert (matches(db_path, "greeted"), matches(db_path, "smiled")) == (0, 1)
    execute(db_path, ["DELETE FROM reinforcement WHERE id = 1"])
    assert matches(db_path, "thanked") == 0


def test_downgrading_0003_drops_the_index_and_its_triggers_and_keeps_every_entry(
    db_path: Path,
) -> None:
    before = table_rows(at_revision(db_path, "0002", INITIAL_ROWS))
    upgrade_to(db_path, "0003")
    downgrade_to(db_path, "0002")
    assert table_rows(db_path) == before
    assert not {name for name in names_of(db_path, "table") if name.startswith(SEARCH_TABLE)}
    assert names_of(db_path, "trigger") == set()
    # with the triggers gone, writing an entry at 0002 works as it did before
    execute(db_path, ["UPDATE day_log SET note = 'back office' WHERE id = 1"])


def test_0003_round_trip_restores_0002_and_head_matches_the_models(db_path: Path) -> None:
    assert_round_trip(db_path, "0003")
