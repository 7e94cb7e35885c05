"""Shared steps of the migration tests: move a SQLite file to a revision, write raw rows, read its schema."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from leaderlog.data.engine import database_url, make_engine
from leaderlog.data.migrate import alembic_config, upgrade_database
from leaderlog.data.models import Base
from leaderlog.data.search import include_in_autogenerate

# Rows as the initial schema (0001) stores them: uuids as 32 hex digits, dates as ISO
# text, instants as UTC text; every later revision must keep them readable.
LEADER_UUID = "0b5a3c4e7b8d4c1e9f0a1b2c3d4e5f60"
DAY_LOG_UUID = "1b5a3c4e7b8d4c1e9f0a1b2c3d4e5f61"
INITIAL_ROWS = (
    "INSERT INTO leader (id, uuid, name, name_key, team, workdays, target_minutes,"
    " target_coaching, target_reinforcement, created_at, updated_at, version)"
    f" VALUES (1, '{LEADER_UUID}', 'Ana Ruiz', 'ana ruiz', 'North',"
    " '1111100', 60, 3, 5, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)",
    "INSERT INTO team_member (id, leader_id, uuid, name, name_key, created_at, updated_at, version)"
    " VALUES (1, 1, '2b5a3c4e7b8d4c1e9f0a1b2c3d4e5f62', 'Sam Lee', 'sam lee',"
    " '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)",
    "INSERT INTO standard (id, uuid, name, name_key, description, created_at, updated_at, version)"
    " VALUES (1, '3b5a3c4e7b8d4c1e9f0a1b2c3d4e5f63', 'Greet every customer', 'greet every customer',"
    " 'within ten seconds', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)",
    "INSERT INTO day_log (id, leader_id, uuid, day, minutes, note, created_at, updated_at, version)"
    f" VALUES (1, 1, '{DAY_LOG_UUID}', '2026-11-02', 45, 'floor walk before opening',"
    " '2026-11-02 09:00:00', '2026-11-02 09:00:00', 1)",
    "INSERT INTO coaching_note (id, leader_id, uuid, day, member_id, standard_id, observation,"
    " action, follow_up_on, created_at, updated_at, version)"
    " VALUES (1, 1, '4b5a3c4e7b8d4c1e9f0a1b2c3d4e5f64', '2026-11-02', 1, 1,"
    " 'greeted late at the till', 'practise the opening line', '2026-11-09',"
    " '2026-11-02 09:30:00', '2026-11-02 09:30:00', 1)",
    "INSERT INTO reinforcement (id, leader_id, uuid, day, member_id, kind, standard_id,"
    " description, created_at, updated_at, version)"
    " VALUES (1, 1, '5b5a3c4e7b8d4c1e9f0a1b2c3d4e5f65', '2026-11-03', 1, 'praise', 1,"
    " 'customer thanked Sam by name', '2026-11-03 10:00:00', '2026-11-03 10:00:00', 1)",
)
ENTRY_TABLES = ("leader", "team_member", "standard", "day_log", "coaching_note", "reinforcement")


def revisions() -> list[str]:
    """Every shipped revision, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def previous_of(revision_id: str) -> str | None:
    """The revision before ``revision_id`` (None before the first)."""
    script = ScriptDirectory.from_config(alembic_config())
    down = script.get_revision(revision_id).down_revision
    assert down is None or isinstance(down, str), "the tests assume a linear history"
    return down


def revision(path: Path) -> str | None:
    """The revision the file is stamped with (None when it has no schema yet)."""
    with closing(sqlite3.connect(path)) as connection:
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.OperationalError:
            return None
    return row[0] if row else None


def upgrade_to(path: Path, target: str) -> None:
    """Upgrade with the app's own runner (backup, foreign keys off, reference check)."""
    engine = make_engine(database_url(path))
    try:
        upgrade_database(engine, path, target=target)
    finally:
        engine.dispose()
    assert revision(path) == target


def downgrade_to(path: Path, target: str | None) -> None:
    """Downgrade in one transaction; ``None`` removes the whole schema."""
    engine = make_engine(database_url(path))
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), target or "base")
    finally:
        engine.dispose()
    assert revision(path) == target


def execute(path: Path, statements: Iterable[str]) -> None:
    """Raw SQL, as an older LeaderLog would have written it (foreign keys enforced)."""
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("PRAGMA foreign_keys = ON")
        for statement in statements:
            connection.execute(statement)


def query(path: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql, params).fetchall()


def table_rows(
    path: Path, tables: Iterable[str] = ENTRY_TABLES
) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of ``tables``, ordered, to compare before and after a migration."""
    return {table: query(path, f"SELECT * FROM {table} ORDER BY 1") for table in tables}


def counts(path: Path) -> dict[str, int]:
    """Rows per table, for every table in the file."""
    with closing(sqlite3.connect(path)) as connection:
        tables = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in tables
        }


def schema(path: Path) -> dict[tuple[str, str], str]:
    """Every table, index, trigger and view with its SQL: what a round trip must restore."""
    rows = query(
        path,
        "SELECT type, name, sql FROM sqlite_master"
        " WHERE name NOT LIKE 'sqlite_%' AND name <> 'alembic_version'",
    )
    return {(kind, name): " ".join((sql or "").split()) for kind, name, sql in rows}


def names_of(path: Path, kind: str) -> set[str]:
    return {name for (found, name) in schema(path) if found == kind}


def at_revision(path: Path, target: str | None, statements: Iterable[str] = ()) -> Path:
    """A file at ``target`` (``None``: empty) holding the rows ``statements`` write."""
    if target is not None:
        upgrade_to(path, target)
    execute(path, statements)
    return path


def differences_from_the_models(path: Path) -> list[Any]:
    """What Alembic's autogenerate finds between the file's schema and the ORM models."""
    engine = make_engine(database_url(path))
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"include_name": include_in_autogenerate}
            )
            return list(compare_metadata(context, Base.metadata))
    finally:
        engine.dispose()


def assert_round_trip(path: Path, revision_id: str) -> None:
    """Up to ``revision_id`` and back restores the previous schema exactly; head then matches the models."""
    before = previous_of(revision_id)
    reference = path.with_name(f"reference-{before}.sqlite3")
    if before is not None:
        upgrade_to(reference, before)
        upgrade_to(path, before)
    upgrade_to(path, revision_id)
    downgrade_to(path, before)
    if before is None:
        assert schema(path) == {}
    else:
        assert schema(path) == schema(reference)
    upgrade_to(path, revisions()[-1])
    assert differences_from_the_models(path) == []
