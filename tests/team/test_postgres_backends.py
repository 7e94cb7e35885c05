"""The domain API behaves the same on SQLite and on a PostgreSQL server (team mode's backend)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from leaderlog.cli.main import run
from leaderlog.core.errors import (
    ConflictError,
    CredentialsError,
    DuplicateError,
    NotFoundError,
    ServerUnreachableError,
    ValidationError,
)
from leaderlog.core.records import Leader
from leaderlog.data import models
from leaderlog.data.engine import Database, database_url
from leaderlog.data.store import open_database
from leaderlog.journal import logbook, people

pytestmark = pytest.mark.all_backends


def _count(db: Database, model: type) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_people_round_trip_with_case_insensitive_names(db: Database) -> None:
    ana = people.add_leader(db, "Ana Ruiz", team="North", workdays="tue-sat", target_minutes=45)
    people.add_leader(db, "ben okafor", team="North")
    people.add_leader(db, "Cleo Park", team="South")
    with pytest.raises(DuplicateError, match="already exists"):
        people.add_leader(db, "ANA RUIZ")
    assert people.find_leader(db, "ana ruiz").id == ana.id
    assert people.get_leader(db, ana.id).work_pattern.mask == "0111110"
    assert [leader.name for leader in people.list_leaders(db)] == [
        "Ana Ruiz",
        "ben okafor",
        "Cleo Park",
    ]
    assert people.list_teams(db) == ["North", "South"]
    member = people.add_member(db, ana.id, "Sam Lee")
    with pytest.raises(DuplicateError):
        people.add_member(db, ana.id, "sam lee")
    people.archive_member(db, member.id)
    assert people.list_members(db, ana.id) == []
    assert [m.name for m in people.list_members(db, ana.id, include_archived=True)] == ["Sam Lee"]
    standard = people.add_standard(db, "Greet within 10 seconds", "at the door")
    assert people.find_standard(db, "greet within 10 SECONDS").id == standard.id


def test_entries_saved_listed_searched_and_deleted(
    db: Database, leader: Leader, today: dt.date
) -> None:
    member = people.add_member(db, leader.id, "Sam Lee")
    standard = people.add_standard(db, "Own the problem")
    logbook.add_day_log(db, leader.id, today, 50, "Busy 100% day", today=today)
    note = logbook.add_coaching_note(
        db, leader.id, today, member.id, "Greeted late", "Watch the door", standard.id,
        today + dt.timedelta(days=7), today=today,
    )  # fmt: skip
    logbook.add_reinforcement(
        db, leader.id, today, "praise", "Great save", member.id, standard.id, today=today
    )
    with pytest.raises(DuplicateError, match="already has a day log"):
        logbook.add_day_log(db, leader.id, today, 10, today=today)

    entries = logbook.list_entries(db, leader_ids=[leader.id])
    assert [e.entry_type for e in entries] == ["day", "coaching", "reinforcement"]
    assert [e.entry_type for e in logbook.list_entries(db, text="OWN THE")] == [
        "coaching",
        "reinforcement",
    ]
    # the LIKE wildcard in the search is literal on both dialects
    assert [e.entry_type for e in logbook.list_entries(db, text="100%")] == ["day"]
    assert [n.id for n in logbook.list_follow_ups(db, leader.id)] == [note.id]
    done = logbook.complete_follow_up(db, note.id, today, today=today)
    assert done.follow_up_done_on == today
    assert logbook.list_follow_ups(db, leader.id) == []

    removed = logbook.delete_entry(db, "coaching", note.id)
    assert _count(db, models.CoachingNote) == 0
    restored = logbook.restore_entry(db, removed)
    assert restored.uuid == note.uuid
    assert logbook.get_entry(db, "coaching", restored.id).observation == "Greeted late"


def test_stale_edit_is_refused_and_uuid_is_kept(
    db: Database, leader: Leader, today: dt.date
) -> None:
    wanted = str(uuid.uuid4())
    log = logbook.add_day_log(db, leader.id, today, 30, today=today, uuid=wanted)
    assert log.uuid == wanted
    logbook.update_day_log(db, replace(log, minutes=40), today=today)
    with pytest.raises(ConflictError, match="changed elsewhere"):
        logbook.update_day_log(db, replace(log, minutes=50), today=today)
    assert logbook.get_day_log(db, leader.id, today).minutes == 40  # type: ignore[union-attr]
    first = logbook.add_reinforcement(db, leader.id, today, "praise", today=today)
    with pytest.raises(DuplicateError, match="UUID already exists"):
        logbook.add_reinforcement(db, leader.id, today, "praise", today=today, uuid=first.uuid)
    assert _count(db, models.ReinforcementAction) == 1


def test_invalid_input_writes_nothing(db: Database, leader: Leader, today: dt.date) -> None:
    with pytest.raises(ValidationError, match="minutes"):
        logbook.add_day_log(db, leader.id, today, 2000, today=today)
    with pytest.raises(NotFoundError):
        logbook.add_day_log(db, leader.id + 999, today, 10, today=today)
    assert _count(db, models.DayLog) == 0


# ---------------------------------------------------------------- PostgreSQL only


@pytest.mark.postgres
def test_plain_postgresql_url_uses_psycopg() -> None:
    assert database_url("postgresql://ana@db.example:5432/leaderlog").drivername == (
        "postgresql+psycopg"
    )


@pytest.mark.postgres
def test_wrong_password_is_a_clear_credentials_error(postgres_cluster, postgres_url: str) -> None:  # type: ignore[no-untyped-def]
    wrong = postgres_url.replace("test-superuser-password", "not-the-password")
    with pytest.raises(CredentialsError, match="refused the login") as caught:
        open_database(wrong)
    assert "not-the-password" not in str(caught.value)


@pytest.mark.postgres
def test_server_that_is_not_listening_is_reported_unreachable(postgres_cluster) -> None:  # type: ignore[no-untyped-def]
    url = postgres_cluster.url("nothing").replace(f":{postgres_cluster.port}/", ":1/")
    with pytest.raises(ServerUnreachableError, match="cannot be reached"):
        open_database(url)


@pytest.mark.postgres
def test_cli_works_against_a_server(postgres_url: str, app_paths, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(["--db", postgres_url, "leader", "add", "Ana Ruiz", "--team", "North"]) == 0
    assert run(["--db", postgres_url, "member", "add", "Sam Lee", "--leader", "Ana Ruiz"]) == 0
    assert run(["--db", postgres_url, "log", "--leader", "Ana Ruiz", "--minutes", "25"]) == 0
    capsys.readouterr()
    assert run(["--db", postgres_url, "list"]) == 0
    out = capsys.readouterr().out
    assert "Ana Ruiz" in out and "25 min" in out


@pytest.mark.postgres
def test_every_migration_runs_up_and_down_on_postgresql(postgres_cluster) -> None:  # type: ignore[no-untyped-def]
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from leaderlog.data.engine import make_engine
    from leaderlog.data.migrate import alembic_config, current_revision, upgrade_database
    from leaderlog.data.models import Base
    from leaderlog.data.search import include_in_autogenerate

    name = postgres_cluster.new_database_name("migrate")
    postgres_cluster.admin_sql(f"CREATE DATABASE {name}")
    engine = make_engine(database_url(postgres_cluster.url(name)))
    try:
        script = ScriptDirectory.from_config(alembic_config())
        revisions = [rev.revision for rev in reversed(list(script.walk_revisions()))]
        for revision in revisions:  # one step at a time, as an old server would be upgraded
            upgrade_database(engine, None, target=revision)
            with engine.connect() as connection:
                assert current_revision(connection) == revision
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"include_name": include_in_autogenerate}
            )
            assert compare_metadata(context, Base.metadata) == []
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "base")
        with engine.connect() as connection:
            assert current_revision(connection) is None
        upgrade_database(engine, None)
        with engine.connect() as connection:
            assert current_revision(connection) == revisions[-1]
    finally:
        engine.dispose()
        postgres_cluster.admin_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_every_table_has_a_team_mode_access_rule() -> None:
    """A new table must say who may see it on a team server before team init will expose it."""
    from leaderlog.data.models import Base
    from leaderlog.team.roles import TABLE_RULES

    assert set(Base.metadata.tables) == set(TABLE_RULES)
