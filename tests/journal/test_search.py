"""Journal search through the SQLite full-text index: same answers as substring search, kept in step."""

from __future__ import annotations

import datetime as dt
import random
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from leaderlog.core.records import ENTRY_TYPES
from leaderlog.data import search
from leaderlog.data.engine import Database, database_url, make_engine
from leaderlog.data.migrate import upgrade_database
from leaderlog.data.store import open_database
from leaderlog.journal import logbook, people

TODAY = dt.date(2026, 11, 20)
VOCABULARY = [
    "refund",
    "greeting",
    "greet",
    "queue",
    "calm",
    "customer",
    "own",
    "the",
    "problem",
    "thank",
    "late",
    "email",
    "parcel",
    "handover",
    "counter",
    "promise",
    "shelf",
    "review",
    "voucher",
    "lunch",
    "rush",
    "quiet",
    "follow",
]
MEMBERS = ("Sam Lee", "Priya Shah", "Tom Becker", "Lina Haddad")
STANDARDS = ("Own the problem", "Greet within ten seconds", "Thank every customer")


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(3, 9))).capitalize()


def _fill(db: Database) -> None:
    rng = random.Random(11)
    standard_ids = [people.add_standard(db, name).id for name in STANDARDS]
    for leader_name in ("Ana Ruiz", "Ben Okafor"):
        leader = people.add_leader(db, leader_name)
        members = [people.add_member(db, leader.id, name).id for name in MEMBERS]
        for offset in range(25):
            day = TODAY - dt.timedelta(days=offset * 3)
            logbook.add_day_log(
                db,
                leader.id,
                day,
                rng.randint(0, 90),
                rng.choice(["", _sentence(rng)]),
                today=TODAY,
            )
            logbook.add_coaching_note(
                db,
                leader.id,
                day,
                rng.choice(members),
                _sentence(rng),
                rng.choice(["", _sentence(rng)]),
                standard_id=rng.choice([*standard_ids, None]),
                today=TODAY,
            )
            logbook.add_reinforcement(
                db,
                leader.id,
                day,
                rng.choice(["praise", "recognition", "team_celebration"]),
                rng.choice(["", _sentence(rng)]),
                member_id=rng.choice([*members, None]),
                standard_id=rng.choice([*standard_ids, None]),
                today=TODAY,
            )


@pytest.fixture(scope="module")
def journals(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, Database]]:
    """The same journal twice: with the full-text index, and without it (substring search)."""
    folder = tmp_path_factory.mktemp("search")
    indexed = open_database(folder / "indexed.sqlite3")
    _fill(indexed)
    source = sqlite3.connect(folder / "indexed.sqlite3")
    target = sqlite3.connect(folder / "plain.sqlite3")
    source.backup(target)
    source.close()
    target.close()
    plain = open_database(folder / "plain.sqlite3")
    with plain.engine.begin() as connection:
        search.drop(connection)
        assert not search.is_available(connection)
    yield indexed, plain
    indexed.dispose()
    plain.dispose()


def _ids(entries: list[object]) -> list[tuple[str, int]]:
    return [(e.entry_type, e.id) for e in entries]  # type: ignore[attr-defined]


def _only_at_word_starts(db: Database, query: str) -> bool:
    """True when every place the query occurs in the journal's text starts a word."""
    with db.engine.connect() as connection:
        texts = [
            row[0]
            for sql in (
                "SELECT note FROM day_log",
                "SELECT observation || ' | ' || action FROM coaching_note",
                "SELECT description FROM reinforcement",
                "SELECT name FROM team_member",
                "SELECT name FROM standard",
            )
            for row in connection.exec_driver_sql(sql)
        ]
    pattern = re.compile(r"(?<![^\W_])" + re.escape(query), re.IGNORECASE)
    everywhere = re.compile(re.escape(query), re.IGNORECASE)
    return all(len(pattern.findall(text)) == len(everywhere.findall(text)) for text in texts)


words_typed = st.sampled_from(VOCABULARY + [n.split()[0] for n in MEMBERS + STANDARDS])


@st.composite
def queries(draw: st.DrawFn) -> str:
    """What a user has typed so far: a word prefix, or whole words then a prefix."""
    whole = draw(st.lists(words_typed, max_size=2))
    last = draw(words_typed)
    typed = draw(st.integers(1, len(last)))
    text = " ".join([*whole, last[:typed]])
    return draw(st.sampled_from([text, text.upper(), text.capitalize()]))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=queries(),
    leader=st.sampled_from([None, 1, 2]),
    types=st.sampled_from([None, ("coaching",), ("day", "reinforcement")]),
    limit=st.sampled_from([None, 1, 7]),
    start=st.sampled_from([None, TODAY - dt.timedelta(days=30)]),
)
def test_index_finds_exactly_what_substring_search_finds_for_word_prefixes(
    journals: tuple[Database, Database],
    query: str,
    leader: int | None,
    types: tuple[str, ...] | None,
    limit: int | None,
    start: dt.date | None,
) -> None:
    indexed, plain = journals
    assume(_only_at_word_starts(plain, query))
    options = {
        "text": query,
        "leader_ids": None if leader is None else [leader],
        "types": types,
        "limit": limit,
        "start": start,
    }
    expected = logbook.list_entries(plain, **options)  # type: ignore[arg-type]
    assert _ids(logbook.list_entries(indexed, **options)) == _ids(expected)  # type: ignore[arg-type]


def test_index_matches_word_starts_only_where_substring_search_matched_inside_words(
    journals: tuple[Database, Database],
) -> None:
    indexed, plain = journals
    # "eet" is inside "greet"; the index only matches from the start of a word
    assert logbook.list_entries(plain, text="eet")
    assert logbook.list_entries(indexed, text="eet") == []


@pytest.mark.parametrize("leader", [None, 1])  # the index; one leader's rows scanned
def test_found_entries_are_the_very_records_the_journal_list_shows(
    journals: tuple[Database, Database], leader: int | None
) -> None:
    """Every field: the search reads found entries on SQLite's own connection, the list the ORM."""
    indexed, _plain = journals
    leaders = None if leader is None else [leader]
    # every entry as the journal list reads it (the ORM, no search)
    every = {(e.entry_type, e.id): e for e in logbook.list_entries(indexed, leader_ids=leaders)}
    for query in ("s", "the", "greet"):
        found = logbook.list_entries(indexed, text=query, leader_ids=leaders)
        assert {e.entry_type for e in found} == {"day", "coaching", "reinforcement"}
        assert any(getattr(e, "standard_name", None) for e in found)
        assert [every[(e.entry_type, e.id)] for e in found] == found


@pytest.mark.parametrize(
    "typed",
    [
        "'",
        '"',
        "-",
        "*",
        "o'",
        'say "hi',
        "own -the",
        "NOT",
        "a OR b",
        "x:y",
        "(",
        "NEAR(a b)",
        "^q",
        "%",
        "_",
    ],
)
def test_text_with_search_syntax_in_it_never_raises(
    journals: tuple[Database, Database], typed: str
) -> None:
    indexed, _plain = journals
    found = logbook.list_entries(indexed, text=typed)
    assert isinstance(found, list)


def test_punctuation_only_text_still_searches_inside_the_text(db: Database, leader) -> None:  # type: ignore[no-untyped-def]
    logbook.add_day_log(db, leader.id, TODAY, 30, "Trained the team - again", today=TODAY)
    logbook.add_day_log(db, leader.id, TODAY - dt.timedelta(days=1), 30, "Quiet", today=TODAY)
    assert [e.note for e in logbook.list_entries(db, text=" - ")] == ["Trained the team - again"]


def test_edits_deletes_and_restores_keep_the_index_in_step(db: Database, leader) -> None:  # type: ignore[no-untyped-def]
    member = people.add_member(db, leader.id, "Sam Lee")
    note = logbook.add_coaching_note(
        db, leader.id, TODAY, member.id, "Handled the refund calmly", today=TODAY
    )
    assert _ids(logbook.list_entries(db, text="refu")) == [("coaching", note.id)]

    edited = logbook.update_coaching_note(
        db, replace(note, observation="Greeted every customer at the door"), today=TODAY
    )
    assert logbook.list_entries(db, text="refund") == []
    assert _ids(logbook.list_entries(db, text="greeted every")) == [("coaching", note.id)]

    removed = logbook.delete_entry(db, "coaching", edited.id)
    assert logbook.list_entries(db, text="greeted") == []
    logbook.restore_entry(db, removed)
    assert len(logbook.list_entries(db, text="greeted")) == 1


def test_a_renamed_member_is_found_by_the_new_name_only(db: Database, leader) -> None:  # type: ignore[no-untyped-def]
    member = people.add_member(db, leader.id, "Sam Lee")
    logbook.add_reinforcement(db, leader.id, TODAY, "praise", "", member_id=member.id, today=TODAY)
    people.update_member(db, replace(member, name="Samira Lee"))
    assert logbook.list_entries(db, text="sami")
    assert logbook.list_entries(db, text="sam lee") == []


def test_day_log_note_cleared_is_no_longer_found(db: Database, leader) -> None:  # type: ignore[no-untyped-def]
    logbook.add_day_log(db, leader.id, TODAY, 30, "Busy lunch rush", today=TODAY)
    logbook.add_day_log(db, leader.id, TODAY, 45, "", replace=True, today=TODAY)
    assert logbook.list_entries(db, text="lunch") == []
    logbook.add_minutes(db, leader.id, TODAY, 10, today=TODAY)
    [log] = logbook.list_entries(db)
    assert log.minutes == 55


def test_upgrading_an_older_journal_indexes_the_entries_already_there(db_path: Path) -> None:
    engine = make_engine(database_url(db_path))
    upgrade_database(engine, db_path, target="0002")
    engine.dispose()
    older = open_database(db_path, migrate=False)
    with older.engine.begin() as connection:
        assert not search.is_available(connection)
        connection.exec_driver_sql(
            "INSERT INTO leader (id, uuid, name, name_key, team, workdays, target_minutes,"
            " target_coaching, target_reinforcement, created_at, updated_at, version)"
            " VALUES (1, '0b5a3c4e7b8d4c1e9f0a1b2c3d4e5f60', 'Ana Ruiz', 'ana ruiz', 'North',"
            " '1111100', 60, 3, 5, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)"
        )
        connection.exec_driver_sql(
            "INSERT INTO day_log (leader_id, uuid, day, minutes, note, created_at, updated_at,"
            " version) VALUES (1, '1b5a3c4e7b8d4c1e9f0a1b2c3d4e5f61', '2026-11-02', 45,"
            " 'Covered the counter at lunch', '2026-11-02 09:00:00', '2026-11-02 09:00:00', 1)"
        )
    older.dispose()
    db = open_database(db_path)
    try:
        [found] = logbook.list_entries(db, text="count")
        assert found.note == "Covered the counter at lunch"
    finally:
        db.dispose()


def test_index_keys_sort_like_the_journal_list() -> None:
    day = dt.date(2026, 11, 20)
    keys = [
        search.entry_key("day", day, 5),
        search.entry_key("coaching", day, 900),
        search.entry_key("coaching", day, 3),
        search.entry_key("reinforcement", day, 10**9),
        search.entry_key("day", day - dt.timedelta(days=1), 10**9),
    ]
    assert sorted(keys, reverse=True) == keys
    assert [search.split_key(k) for k in keys[:2]] == [("day", 5), ("coaching", 900)]
    assert set(ENTRY_TYPES) == {search.split_key(k)[0] for k in keys}


def test_accents_and_case_are_ignored_alike_with_and_without_a_leader_filter(
    db: Database, leader
) -> None:  # type: ignore[no-untyped-def]
    logbook.add_day_log(
        db, leader.id, TODAY, 30, "Coffee at the CAFÉ with the new starter", today=TODAY
    )
    for leader_ids in (None, [leader.id]):
        found = logbook.list_entries(db, leader_ids=leader_ids, text="café wi")
        assert [e.note for e in found] == ["Coffee at the CAFÉ with the new starter"]
        assert logbook.list_entries(db, leader_ids=leader_ids, text="cafe with")
        assert logbook.list_entries(db, leader_ids=leader_ids, text="afe") == []


@pytest.mark.all_backends
def test_search_works_on_every_backend_after_the_migrations(db: Database, leader) -> None:  # type: ignore[no-untyped-def]
    # SQLite answers from the index (or a scan for one leader); PostgreSQL, which has no
    # FTS5 and whose migrations skip it, from ILIKE: word prefixes agree on both.
    member = people.add_member(db, leader.id, "Sam Lee")
    logbook.add_coaching_note(
        db, leader.id, TODAY, member.id, "Handled the refund calmly", today=TODAY
    )
    logbook.add_day_log(db, leader.id, TODAY, 30, "Quiet morning", today=TODAY)
    for leader_ids in (None, [leader.id]):
        assert [
            e.entry_type for e in logbook.list_entries(db, leader_ids=leader_ids, text="refu")
        ] == ["coaching"]
        assert [
            e.entry_type for e in logbook.list_entries(db, leader_ids=leader_ids, text="sam")
        ] == ["coaching"]
        assert [
            e.entry_type for e in logbook.list_entries(db, leader_ids=leader_ids, text="QUIET mor")
        ] == ["day"]


def test_the_newest_schema_keeps_every_search_trigger(db: Database) -> None:
    # A later migration that rebuilds an entry table (Alembic batch mode) drops its
    # triggers with it; without them the index silently stops following the entries.
    with db.engine.connect() as connection:
        triggers = {
            row[0]
            for row in connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            )
        }
    assert set(search.trigger_names()) <= triggers
