"""Today's save: the minutes, a coaching note and a reinforcement checked together and saved all or nothing."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from leaderlog.core.errors import DuplicateError, ValidationError
from leaderlog.core.records import Leader
from leaderlog.data.engine import Database
from leaderlog.journal import logbook, people
from leaderlog.journal.today import (
    NOTHING_TO_SAVE,
    CoachingInput,
    ReinforcementInput,
    TodayInput,
    TodayUuids,
    save_today,
)


def _rows_in_file(path: Path) -> dict[str, int]:
    """Row counts read from the journal file itself, with the plain sqlite3 driver."""
    connection = sqlite3.connect(path)
    try:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("day_log", "coaching_note", "reinforcement")
        }
    finally:
        connection.close()


@pytest.fixture
def team(db: Database, leader: Leader) -> list[str]:
    for name in ("Sam Lee", "Samira Khan", "Joe Park"):
        people.add_member(db, leader.id, name)
    return ["Sam Lee", "Samira Khan", "Joe Park"]


def test_minutes_coaching_and_reinforcement_are_saved_together(
    db: Database, db_path: Path, leader: Leader, team: list[str], today: dt.date
) -> None:
    standard = people.add_standard(db, "Own the problem")
    joe = people.find_member(db, leader.id, "Joe Park")
    entry = TodayInput(
        minutes=" 45 ",
        note="Busy lunch",
        coaching=CoachingInput(
            member="sam lee",
            observation="Greeted the customer late",
            action="Look up every 30 s",
            standard_id=standard.id,
            follow_up_on=today + dt.timedelta(days=7),
        ),
        reinforcement=ReinforcementInput(kind="praise", description="Calm", member_id=joe.id),
    )

    saved = save_today(db, leader.id, today, entry, today=today)

    assert saved.parts() == ["45 min with customers", "coaching note with Sam Lee", "praise"]
    assert not saved.queued
    assert _rows_in_file(db_path) == {"day_log": 1, "coaching_note": 1, "reinforcement": 1}
    assert logbook.get_day_log(db, leader.id, today).note == "Busy lunch"  # type: ignore[union-attr]
    stored = logbook.list_entries(db, leader_ids=[leader.id])
    assert {e.entry_type for e in stored} == {"day", "coaching", "reinforcement"}
    assert saved.coaching_note is not None
    assert saved.coaching_note.standard_name == "Own the problem"
    assert saved.coaching_note.follow_up_on == today + dt.timedelta(days=7)
    assert saved.reinforcement is not None and saved.reinforcement.member_name == "Joe Park"


def test_the_days_minutes_replace_the_earlier_log(
    db: Database, db_path: Path, leader: Leader, today: dt.date
) -> None:
    save_today(db, leader.id, today, TodayInput(minutes="30"), today=today)
    saved = save_today(db, leader.id, today, TodayInput(minutes="50", note="after"), today=today)
    assert saved.parts() == ["50 min with customers"]
    assert _rows_in_file(db_path)["day_log"] == 1
    assert logbook.get_day_log(db, leader.id, today).minutes == 50  # type: ignore[union-attr]


def test_one_bad_field_in_each_part_is_one_error_and_nothing_is_written(
    db: Database, db_path: Path, leader: Leader, team: list[str], today: dt.date
) -> None:
    entry = TodayInput(
        minutes="lots",
        coaching=CoachingInput(member="Sam Lee", observation="   "),
        reinforcement=ReinforcementInput(kind=None, description="Well done"),
    )
    with pytest.raises(ValidationError) as caught:
        save_today(db, leader.id, today, entry, today=today)

    problems = {p.field: p.message for p in caught.value.problems}
    assert list(problems) == ["minutes", "observation", "kind"]
    assert problems["minutes"] == "'lots' is not a whole number of minutes"
    assert problems["observation"] == "write what you observed"
    assert problems["kind"] == "choose the kind of reinforcement"
    assert _rows_in_file(db_path) == {"day_log": 0, "coaching_note": 0, "reinforcement": 0}


def test_an_unknown_member_is_named_with_the_other_bad_fields(
    db: Database, db_path: Path, leader: Leader, team: list[str], today: dt.date
) -> None:
    entry = TodayInput(
        minutes="2000",
        coaching=CoachingInput(member="Zoe", observation="Late again"),
        reinforcement=ReinforcementInput(kind="praise"),
    )
    with pytest.raises(ValidationError) as caught:
        save_today(db, leader.id, today, entry, today=today)

    problems = {p.field: p.message for p in caught.value.problems}
    assert list(problems) == ["minutes", "member"]
    assert problems["member"] == (
        "'Zoe' is not in Ana Ruiz's team; pick a name from the list, or add them to the team"
    )
    assert _rows_in_file(db_path) == {"day_log": 0, "coaching_note": 0, "reinforcement": 0}


def test_an_empty_member_asks_who_was_coached(
    db: Database, leader: Leader, team: list[str], today: dt.date
) -> None:
    entry = TodayInput(coaching=CoachingInput(member="  ", observation="Late"))
    with pytest.raises(ValidationError) as caught:
        save_today(db, leader.id, today, entry, today=today)
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("member", "who did you coach? Type a team member's name")
    ]


def test_a_failure_writing_the_second_part_leaves_no_first_part(
    db: Database, db_path: Path, leader: Leader, team: list[str], today: dt.date
) -> None:
    sam = people.find_member(db, leader.id, "Sam Lee")
    earlier = logbook.add_coaching_note(db, leader.id, today, sam.id, "Earlier talk", today=today)
    # the coaching note's UUID is taken: its write fails after the day log was written
    uuids = TodayUuids(coaching=earlier.uuid)
    entry = TodayInput(minutes="45", coaching=CoachingInput(member="Sam Lee", observation="Again"))
    with pytest.raises(DuplicateError):
        save_today(db, leader.id, today, entry, today=today, uuids=uuids)
    assert _rows_in_file(db_path) == {"day_log": 0, "coaching_note": 1, "reinforcement": 0}


def test_member_is_matched_by_a_unique_part_of_the_name(
    db: Database, leader: Leader, team: list[str], today: dt.date
) -> None:
    saved = save_today(
        db,
        leader.id,
        today,
        TodayInput(coaching=CoachingInput(member="park", observation="Greeted everyone")),
        today=today,
    )
    assert saved.parts() == ["coaching note with Joe Park"]

    # "Sam" is a whole name's start for two people but exactly one of them: exact wins
    saved = save_today(
        db,
        leader.id,
        today,
        TodayInput(coaching=CoachingInput(member="SAM LEE", observation="Kept calm")),
        today=today,
    )
    assert saved.parts() == ["coaching note with Sam Lee"]

    with pytest.raises(ValidationError) as caught:  # "sam" is in two names: not unique
        save_today(
            db,
            leader.id,
            today,
            TodayInput(coaching=CoachingInput(member="sam", observation="Which one?")),
            today=today,
        )
    assert "'sam' is not in Ana Ruiz's team" in caught.value.problems[0].message


def test_nothing_to_save_is_one_field_less_problem(
    db: Database, db_path: Path, leader: Leader, today: dt.date
) -> None:
    with pytest.raises(ValidationError) as caught:
        save_today(db, leader.id, today, TodayInput(note="only a note"), today=today)
    assert [(p.field, p.message) for p in caught.value.problems] == [("", NOTHING_TO_SAVE)]
    assert NOTHING_TO_SAVE == (
        "Nothing to save yet: type your minutes with customers, or fill in a coaching "
        "note or a reinforcement."
    )
    assert _rows_in_file(db_path) == {"day_log": 0, "coaching_note": 0, "reinforcement": 0}


def test_an_archived_member_cannot_be_coached_on_today(
    db: Database, leader: Leader, team: list[str], today: dt.date
) -> None:
    joe = people.find_member(db, leader.id, "Joe Park")
    people.archive_member(db, joe.id)
    with pytest.raises(ValidationError) as caught:
        save_today(
            db,
            leader.id,
            today,
            TodayInput(coaching=CoachingInput(member="Joe Park", observation="Late")),
            today=today,
        )
    assert caught.value.problems[0].field == "member"
