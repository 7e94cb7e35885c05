"""Schema lifecycle: create by migrations, upgrade keeping rows, refuse newer or foreign files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers.migrations import differences_from_the_models
from helpers.migrations import revision as _revision

from leaderlog.core.errors import DatabaseError, NewerDatabaseError
from leaderlog.data.engine import database_url, make_engine
from leaderlog.data.file_copies import backup_folder
from leaderlog.data.migrate import head_revision, upgrade_database
from leaderlog.data.store import SCHEMA_REVISION, open_database
from leaderlog.journal import logbook, people


def test_new_database_is_created_by_migrations_at_head(db_path: Path) -> None:
    open_database(db_path).dispose()
    assert _revision(db_path) == head_revision()
    with sqlite3.connect(db_path) as connection:
        tables = {
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    assert {
        "leader",
        "team_member",
        "standard",
        "day_log",
        "coaching_note",
        "reinforcement",
    } <= tables


def test_start_up_constant_matches_the_newest_migration() -> None:
    assert head_revision() == SCHEMA_REVISION


def test_schema_after_upgrade_head_matches_the_models(db_path: Path) -> None:
    open_database(db_path).dispose()
    assert differences_from_the_models(db_path) == []


def test_upgrade_from_previous_revision_keeps_every_row_and_writes_a_backup(db_path: Path) -> None:
    engine = make_engine(database_url(db_path))
    upgrade_database(engine, db_path, target="0001")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO leader (id, uuid, name, name_key, team, workdays, target_minutes,"
            " target_coaching, target_reinforcement, created_at, updated_at, version)"
            " VALUES (1, '0b5a3c4e7b8d4c1e9f0a1b2c3d4e5f60', 'Ana Ruiz', 'ana ruiz', 'North',"
            " '1111100', 60, 3, 5, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)"
        )
        connection.exec_driver_sql(
            "INSERT INTO day_log (leader_id, uuid, day, minutes, note, created_at, updated_at, version)"
            " VALUES (1, '1b5a3c4e7b8d4c1e9f0a1b2c3d4e5f61', '2026-11-02', 45, 'kept',"
            " '2026-11-02 09:00:00', '2026-11-02 09:00:00', 1)"
        )
    engine.dispose()
    assert _revision(db_path) == "0001"

    db = open_database(db_path)
    try:
        assert _revision(db_path) == head_revision()
        ana = people.find_leader(db, "ana ruiz")
        [log] = logbook.list_entries(db, leader_ids=[ana.id])
        assert (log.minutes, log.note, log.uuid) == (
            45,
            "kept",
            "1b5a3c4e-7b8d-4c1e-9f0a-1b2c3d4e5f61",
        )
    finally:
        db.dispose()
    backups = list(
        backup_folder(db_path).glob(f"{db_path.name}.*.before-upgrade-from-0001.sqlite3")
    )
    assert len(backups) == 1
    assert _revision(backups[0]) == "0001"


def test_database_from_a_newer_version_is_refused_and_left_untouched(db_path: Path) -> None:
    open_database(db_path).dispose()
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = db_path.read_bytes()
    with pytest.raises(NewerDatabaseError, match="newer version of LeaderLog"):
        open_database(db_path)
    assert db_path.read_bytes() == before
    assert not backup_folder(db_path).exists()


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(db_path: Path) -> None:
    db_path.write_text("name,minutes\nAna,45\n")
    with pytest.raises(DatabaseError, match="not a LeaderLog database"):
        open_database(db_path)
    assert db_path.read_text() == "name,minutes\nAna,45\n"


def test_an_sqlite_file_of_another_program_is_refused(db_path: Path) -> None:
    with sqlite3.connect(db_path) as connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
    with pytest.raises(DatabaseError, match="not a LeaderLog database"):
        open_database(db_path)
    with sqlite3.connect(db_path) as connection:
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master")]
    assert tables == ["recipes"]


def test_every_connection_uses_the_durable_settings(db) -> None:  # type: ignore[no-untyped-def]
    with db.engine.connect() as connection:
        settings = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in (
                "journal_mode",
                "synchronous",
                "foreign_keys",
                "busy_timeout",
                "cache_size",
            )
        }
    assert settings == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 5000,
        "cache_size": -65536,  # KiB: a search reads a leader's pages again at each keystroke
    }


def test_every_revision_has_its_own_test_module() -> None:
    """Each file in migrations/versions/ gets tests/migrations/test_<its name>.py (up, down, round trip)."""
    versions = Path(upgrade_database.__code__.co_filename).parent / "migrations" / "versions"
    missing = [
        f"tests/migrations/test_{path.stem}.py (for {path.name})"
        for path in sorted(versions.glob("[0-9]*.py"))
        if not (Path(__file__).parent / f"test_{path.stem}.py").exists()
    ]
    assert missing == [], "\n".join(["", *missing])
