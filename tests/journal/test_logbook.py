"""Domain rules for people and entries: each bad input is refused with a clear message and writes nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import text

from leaderlog.core.errors import ConflictError, DuplicateError, NotFoundError, ValidationError
from leaderlog.core.records import Leader
from leaderlog.data import models
from leaderlog.data.engine import Database
from leaderlog.journal import logbook, people

# every test here that uses `db` runs on SQLite and on PostgreSQL
pytestmark = pytest.mark.all_backends


def _row_counts(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {
            table: session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in (
                "leader",
                "team_member",
                "standard",
                "day_log",
                "coaching_note",
                "reinforcement",
            )
        }


@pytest.fixture
def member(db: Database, leader: Leader):  # type: ignore[no-untyped-def]
    return people.add_member(db, leader.id, "Sam Lee")


@pytest.mark.parametrize(
    ("day", "minutes", "field", "words"),
    [
        ("2026-02-30", 30, "date", "not a real calendar date"),
        ("20/11/2026", 30, "date", "use YYYY-MM-DD"),
        ("2026-11-21", 30, "date", "in the future"),
        ("2026-11-19", -5, "minutes", "negative"),
        ("2026-11-19", 1441, "minutes", "at most 1440"),
        ("2026-11-19", "lots", "minutes", "not a whole number"),
    ],
)
def test_bad_day_log_is_refused_with_field_and_reason_and_nothing_is_written(
    db: Database,
    leader: Leader,
    today: dt.date,
    day: str,
    minutes: object,
    field: str,
    words: str,
) -> None:
    before = _row_counts(db)
    with pytest.raises(ValidationError) as caught:
        logbook.add_day_log(db, leader.id, day, minutes, today=today)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert words in caught.value.plain_message
    assert _row_counts(db) == before


def test_minutes_at_the_limits_are_accepted(db: Database, leader: Leader, today: dt.date) -> None:
    assert logbook.add_day_log(db, leader.id, "2026-11-18", 0, today=today).minutes == 0
    assert logbook.add_day_log(db, leader.id, "2026-11-19", 1440, today=today).minutes == 1440


def test_second_day_log_for_a_date_is_a_clear_duplicate(
    db: Database, leader: Leader, today: dt.date
) -> None:
    logbook.add_day_log(db, leader.id, "2026-11-19", 45, today=today)
    with pytest.raises(DuplicateError, match="already has a day log for 2026-11-19"):
        logbook.add_day_log(db, leader.id, "2026-11-19", 30, today=today)
    [entry] = logbook.list_entries(db)
    assert entry.minutes == 45  # type: ignore[union-attr]
    replaced = logbook.add_day_log(db, leader.id, "2026-11-19", 30, replace=True, today=today)
    assert replaced.minutes == 30 and replaced.uuid == entry.uuid


def test_unique_constraint_race_becomes_a_clear_message(
    db: Database, leader: Leader, today: dt.date
) -> None:
    """Even when the pre-check is bypassed, the database constraint is reported in plain words."""
    logbook.add_day_log(db, leader.id, "2026-11-19", 45, today=today)
    with db.write() as session:
        # a second writer inserts the other row between our check and our insert: simulate by
        # inserting a log for a new date directly, then asking the domain to move ours onto it
        session.add(models.DayLog(leader_id=leader.id, day=dt.date(2026, 11, 18), minutes=10))
    [mine] = logbook.list_entries(db, start="2026-11-19")
    with pytest.raises(DuplicateError, match="already a day log for 2026-11-18"):
        logbook.update_day_log(db, replace(mine, day=dt.date(2026, 11, 18)), today=today)  # type: ignore[arg-type]


def test_unknown_leader_is_rejected_naming_the_known_ones(db: Database, leader: Leader) -> None:
    with pytest.raises(NotFoundError) as caught:
        people.find_leader(db, "Zed Nobody")
    assert caught.value.field == "leader"
    assert "Ana Ruiz" in caught.value.plain_message


def test_leader_names_match_exactly_ignoring_case(db: Database, leader: Leader) -> None:
    assert people.find_leader(db, "ANA RUIZ").id == leader.id
    with pytest.raises(NotFoundError):
        people.find_leader(db, "Ana")


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_empty_names_are_refused(db: Database, name: str) -> None:
    before = _row_counts(db)
    with pytest.raises(ValidationError, match="must not be empty"):
        people.add_leader(db, name)
    with pytest.raises(ValidationError, match="must not be empty"):
        people.add_standard(db, name)
    assert _row_counts(db) == before


def test_names_are_trimmed_and_duplicates_detected_ignoring_case(db: Database) -> None:
    ana = people.add_leader(db, "  Ana   Ruiz  ", team=" North ")
    assert (ana.name, ana.team) == ("Ana Ruiz", "North")
    with pytest.raises(DuplicateError, match="already exists"):
        people.add_leader(db, "ana ruiz")
    people.add_standard(db, "Own the problem")
    with pytest.raises(DuplicateError):
        people.add_standard(db, "OWN THE PROBLEM ")


def test_follow_up_before_the_note_is_refused(
    db: Database, leader: Leader, member, today: dt.date
) -> None:  # type: ignore[no-untyped-def]
    before = _row_counts(db)
    with pytest.raises(ValidationError) as caught:
        logbook.add_coaching_note(
            db,
            leader.id,
            "2026-11-18",
            member.id,
            "Late greeting",
            follow_up_on="2026-11-17",
            today=today,
        )
    assert caught.value.field == "follow-up"
    assert "before the note's date" in caught.value.plain_message
    assert _row_counts(db) == before


def test_member_of_another_leader_is_refused(db: Database, leader: Leader, today: dt.date) -> None:
    ben = people.add_leader(db, "Ben Okafor")
    bens_member = people.add_member(db, ben.id, "Priya Shah")
    with pytest.raises(ValidationError, match="not in Ana Ruiz's team"):
        logbook.add_reinforcement(
            db, leader.id, "2026-11-19", "praise", "Nice", bens_member.id, today=today
        )


def test_unknown_standard_and_kind_are_refused(
    db: Database, leader: Leader, member, today: dt.date
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError, match="no standard"):
        logbook.add_coaching_note(
            db, leader.id, "2026-11-19", member.id, "x", standard_id=999, today=today
        )
    with pytest.raises(ValidationError, match="not a reinforcement kind"):
        logbook.add_reinforcement(db, leader.id, "2026-11-19", "high five", today=today)
    assert logbook.list_entries(db) == []


def test_archived_leader_keeps_entries_but_takes_no_new_ones(
    db: Database, leader: Leader, today: dt.date
) -> None:
    logbook.add_day_log(db, leader.id, "2026-11-19", 45, today=today)
    people.archive_leader(db, leader.id)
    assert people.list_leaders(db) == []
    assert [x.name for x in people.list_leaders(db, include_archived=True)] == ["Ana Ruiz"]
    assert len(logbook.list_entries(db)) == 1
    with pytest.raises(ValidationError, match="archived"):
        logbook.add_day_log(db, leader.id, "2026-11-20", 45, today=today)


def test_two_edits_of_the_same_entry_are_caught(
    db: Database, leader: Leader, today: dt.date
) -> None:
    original = logbook.add_day_log(db, leader.id, "2026-11-19", 45, today=today)
    logbook.update_day_log(db, replace(original, minutes=50), today=today)
    with pytest.raises(ConflictError, match="changed elsewhere"):
        logbook.update_day_log(db, replace(original, minutes=60), today=today)
    assert logbook.get_day_log(db, leader.id, "2026-11-19").minutes == 50  # type: ignore[union-attr]


def test_delete_then_restore_brings_back_the_same_entry(
    db: Database, leader: Leader, member, today: dt.date
) -> None:  # type: ignore[no-untyped-def]
    note = logbook.add_coaching_note(
        db,
        leader.id,
        "2026-11-19",
        member.id,
        "Greeted late",
        "Watch the door",
        follow_up_on="2026-11-26",
        today=today,
    )
    deleted = logbook.delete_entry(db, "coaching", note.id)
    assert logbook.list_entries(db) == []
    restored = logbook.restore_entry(db, deleted)
    assert (restored.uuid, restored.observation, restored.follow_up_on) == (  # type: ignore[union-attr]
        note.uuid,
        "Greeted late",
        dt.date(2026, 11, 26),
    )


def test_timer_minutes_add_up_on_the_days_log(db: Database, leader: Leader, today: dt.date) -> None:
    logbook.add_minutes(db, leader.id, today, 20, today=today)
    assert logbook.add_minutes(db, leader.id, today, 25, today=today).minutes == 45
    with pytest.raises(ValidationError, match="more than a day"):
        logbook.add_minutes(db, leader.id, today, 1400, today=today)


def test_follow_ups_close_and_leave_the_open_list(
    db: Database, leader: Leader, member, today: dt.date
) -> None:  # type: ignore[no-untyped-def]
    note = logbook.add_coaching_note(
        db,
        leader.id,
        "2026-11-10",
        member.id,
        "Late greeting",
        follow_up_on="2026-11-17",
        today=today,
    )
    [open_note] = logbook.list_follow_ups(db, leader.id)
    assert open_note.is_overdue(today)
    logbook.complete_follow_up(db, note.id, today=today)
    assert logbook.list_follow_ups(db, leader.id) == []
    [done] = logbook.list_follow_ups(db, leader.id, include_done=True)
    assert done.follow_up_done_on == today


def test_search_finds_text_in_notes_member_and_standard_names(
    db: Database, leader: Leader, member, today: dt.date
) -> None:  # type: ignore[no-untyped-def]
    standard = people.add_standard(db, "Own the problem")
    logbook.add_day_log(db, leader.id, "2026-11-18", 30, "Quiet morning", today=today)
    logbook.add_coaching_note(
        db,
        leader.id,
        "2026-11-19",
        member.id,
        "Handled refund",
        standard_id=standard.id,
        today=today,
    )
    logbook.add_reinforcement(
        db, leader.id, "2026-11-19", "praise", "Calm with an upset customer", today=today
    )
    assert [e.entry_type for e in logbook.list_entries(db, text="quiet")] == ["day"]
    assert [e.entry_type for e in logbook.list_entries(db, text="sam")] == ["coaching"]
    assert [e.entry_type for e in logbook.list_entries(db, text="OWN THE")] == ["coaching"]
    assert [e.entry_type for e in logbook.list_entries(db, text="upset")] == ["reinforcement"]
    assert logbook.list_entries(db, text="100%") == []


def test_work_pattern_text_is_parsed_and_bad_patterns_named(db: Database) -> None:
    elena = people.add_leader(db, "Elena Rossi", workdays="tue-sat")
    assert str(elena.work_pattern) == "tue-sat"
    assert elena.work_pattern.workdays_per_week == 5
    with pytest.raises(ValidationError, match="'funday' is not a weekday"):
        people.add_leader(db, "Femi", workdays="mon,funday")


@pytest.mark.parametrize("leader_ids", ["chosen", "all"])  # a few leaders' scan; the index
@pytest.mark.parametrize("text", [None, "greet"])
def test_entries_read_a_page_at_a_time_are_the_whole_list_in_order(
    db: Database, leader: Leader, today: dt.date, text: str | None, leader_ids: str
) -> None:
    sam = people.add_member(db, leader.id, "Sam Lee")
    for back in range(6):
        day = today - dt.timedelta(days=back)
        logbook.add_day_log(db, leader.id, day, 30 + back, "greeted the queue", today=today)
        logbook.add_coaching_note(db, leader.id, day, sam.id, "greet within 10 s", today=today)
        logbook.add_reinforcement(db, leader.id, day, "recognition", "a calm hello", today=today)
    options = {"leader_ids": [leader.id] if leader_ids == "chosen" else None, "text": text}
    whole = logbook.list_entries(db, **options)  # type: ignore[arg-type]
    assert len(whole) == (12 if text else 18)
    pages = [
        logbook.list_entries(db, limit=5, offset=offset, **options)  # type: ignore[arg-type]
        for offset in range(0, len(whole) + 5, 5)
    ]
    assert [len(page) for page in pages] == ([5, 5, 2, 0] if text else [5, 5, 5, 3, 0])
    assert [(e.entry_type, e.id) for page in pages for e in page] == [
        (e.entry_type, e.id) for e in whole
    ]
