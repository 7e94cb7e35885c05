"""The start-up's first screen, read with sqlite3, is what the domain returns; the journal opens later."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from alembic import command

from leaderlog.core.records import Leader
from leaderlog.data.engine import Database
from leaderlog.data.migrate import alembic_config
from leaderlog.data.sqlite_file import stamped_revision
from leaderlog.data.store import SCHEMA_REVISION, DeferredDatabase
from leaderlog.journal import demo, logbook, people
from leaderlog.journal.first_screen import read_first_screen

DAY = dt.date(2026, 11, 20)


def _first(leaders: list[Leader]) -> Leader | None:
    return leaders[0] if leaders else None


def test_every_leaders_day_reads_the_same_as_the_domain_functions(
    db: Database, db_path: Path
) -> None:
    demo.fill_demo(db, weeks=26, end=DAY)
    tamsin = people.add_leader(db, "Tamsin Ward", team="North")
    people.archive_leader(db, people.add_leader(db, "Archived Arlo").id)
    member = people.add_member(db, tamsin.id, "Zoe Park")
    people.archive_member(db, people.add_member(db, tamsin.id, "Gone Gil").id)
    standard = people.add_standard(db, "Smile at the door")
    logbook.add_day_log(db, tamsin.id, DAY, 40, note="busy", today=DAY)
    logbook.add_coaching_note(
        db, tamsin.id, DAY, member.id, "greeted late", standard_id=standard.id, today=DAY
    )
    logbook.add_coaching_note(db, tamsin.id, DAY, member.id, "good recovery", today=DAY)
    logbook.add_reinforcement(db, tamsin.id, DAY, "praise", member_id=None, today=DAY)
    leaders = people.list_leaders(db)
    assert len(leaders) > 3

    for leader in leaders:
        first = read_first_screen(db_path, DAY, lambda _all, chosen=leader: chosen)
        assert first is not None
        assert first.leaders == leaders
        assert first.leader == leader
        assert first.members == people.list_members(db, leader.id)
        assert first.standards == people.list_standards(db)
        assert first.day_log == logbook.get_day_log(db, leader.id, DAY)
        assert first.entries == logbook.list_entries(db, leader_ids=[leader.id], start=DAY, end=DAY)
    tamsins = read_first_screen(db_path, DAY, lambda _all: tamsin)
    assert tamsins is not None
    assert [e.entry_type for e in tamsins.entries] == [
        "day",
        "coaching",
        "coaching",
        "reinforcement",
    ]
    assert tamsins.entries[1].observation == "good recovery"  # type: ignore[union-attr]
    assert [m.name for m in tamsins.members] == ["Zoe Park"]


def test_an_empty_journal_has_no_leader_to_show(db: Database, db_path: Path) -> None:
    first = read_first_screen(db_path, DAY, _first)
    assert first is not None
    assert (first.leaders, first.leader, first.entries) == ([], None, [])


def test_a_journal_at_another_schema_revision_is_left_to_the_migrations(
    db: Database, db_path: Path, leader: Leader
) -> None:
    db.dispose()
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0001'")
    assert read_first_screen(db_path, DAY, _first) is None


def test_a_deferred_database_is_opened_through_open_database_at_its_first_use(
    db: Database, db_path: Path, leader: Leader
) -> None:
    with db.engine.begin() as connection:  # as if the previous LeaderLog had written it
        command.downgrade(alembic_config(connection), "-1")
    db.dispose()
    deferred = DeferredDatabase(db_path)
    assert not deferred.is_open and deferred.path == db_path
    deferred.dispose()  # nothing opened, nothing to release

    log = logbook.add_day_log(deferred, leader.id, DAY, 30, today=DAY)  # type: ignore[arg-type]

    assert deferred.is_open
    assert stamped_revision(db_path) == SCHEMA_REVISION  # migrated before the write
    assert logbook.get_day_log(deferred.open(), leader.id, DAY) == log
    deferred.dispose()
