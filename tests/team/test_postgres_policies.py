"""Row-level security in team mode, proven with raw SQL as each login and through the app."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import psycopg
import pytest
from helpers.team_server import DAY, TeamServer

from leaderlog.core.errors import AccessDeniedError, NotFoundError
from leaderlog.data.store import open_database
from leaderlog.journal import logbook, people
from leaderlog.team import roles

pytestmark = pytest.mark.postgres


def _column(connection: psycopg.Connection, sql: str) -> list[object]:
    return [row[0] for row in connection.execute(sql).fetchall()]  # type: ignore[arg-type]


# ---------------------------------------------------------------- raw SQL as each login


def test_supervisor_reads_only_their_own_leader_members_and_entries(
    team_server: TeamServer,
) -> None:
    with team_server.sql("ana") as sql:
        assert _column(sql, "SELECT name FROM leader") == ["Ana"]
        assert _column(sql, "SELECT name FROM team_member") == ["Ana's member"]
        assert _column(sql, "SELECT note FROM day_log") == ["Ana day"]
        assert _column(sql, "SELECT observation FROM coaching_note") == ["Ana private note"]
        assert _column(sql, "SELECT description FROM reinforcement") == ["Ana praise"]


def test_supervisor_cannot_change_or_delete_another_supervisors_rows(
    team_server: TeamServer,
) -> None:
    ben = team_server.leaders["Ben"]
    with team_server.sql("ana") as sql:
        for table in ("coaching_note", "day_log", "reinforcement", "team_member"):
            assert (
                sql.execute(f"UPDATE {table} SET version = 99 WHERE leader_id = {ben}").rowcount
                == 0
            )  # type: ignore[arg-type]
            assert sql.execute(f"DELETE FROM {table} WHERE leader_id = {ben}").rowcount == 0  # type: ignore[arg-type]
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            sql.execute(
                "INSERT INTO team_member (leader_id, name, name_key, uuid, created_at, "  # type: ignore[arg-type]
                f"updated_at, version) VALUES ({ben}, 'Spy', 'spy', gen_random_uuid(), now(), now(), 1)"
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            sql.execute(f"UPDATE leader SET team = 'South' WHERE id = {team_server.leaders['Ana']}")  # type: ignore[arg-type]
        # moving one's own entry onto another leader is refused too
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            sql.execute(f"UPDATE day_log SET leader_id = {ben}")  # type: ignore[arg-type]
    with team_server.sql("ben") as sql:
        assert _column(sql, "SELECT observation FROM coaching_note") == ["Ben private note"]
        assert _column(sql, "SELECT version FROM day_log") == [1]
        assert _column(sql, "SELECT name FROM team_member") == ["Ben's member"]


def test_supervisor_cannot_note_another_teams_member(team_server: TeamServer) -> None:
    ana, cleo_member = team_server.leaders["Ana"], team_server.members["Cleo"]
    with team_server.sql("ana") as sql, pytest.raises(psycopg.errors.InsufficientPrivilege):
        sql.execute(
            "INSERT INTO coaching_note (leader_id, day, member_id, observation, action, uuid, "  # type: ignore[arg-type]
            f"created_at, updated_at, version) VALUES ({ana}, '2026-11-20', {cleo_member}, "
            "'x', '', gen_random_uuid(), now(), now(), 1)"
        )


def test_manager_sees_exactly_the_leaders_of_their_teams_and_changes_none(
    team_server: TeamServer,
) -> None:
    with team_server.sql("mia") as sql:
        assert sorted(_column(sql, "SELECT name FROM leader")) == ["Ana", "Ben"]
        assert sorted(_column(sql, "SELECT observation FROM coaching_note")) == [
            "Ana private note",
            "Ben private note",
        ]
        assert _column(sql, "SELECT name FROM leader WHERE team = 'South'") == []
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="may only read"):
            sql.execute("DELETE FROM coaching_note")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            sql.execute("UPDATE day_log SET minutes = 0")
    with team_server.sql("ana") as sql:
        assert _column(sql, "SELECT minutes FROM day_log") == [30]


def test_admin_manages_people_and_users_see_only_their_binding(team_server: TeamServer) -> None:
    with team_server.sql("root") as sql:
        sql.execute("INSERT INTO standard (name, name_key, description, uuid, created_at, "  # type: ignore[arg-type]
                    "updated_at, version) VALUES ('Greet', 'greet', '', gen_random_uuid(), now(), now(), 1)")  # fmt: skip
        assert sorted(_column(sql, "SELECT name FROM leader")) == ["Ana", "Ben", "Cleo"]
    with team_server.sql("ana") as sql:
        assert _column(sql, "SELECT name FROM standard") == ["Greet"]
        assert _column(sql, "SELECT role_name FROM app_user") == [team_server.role("ana")]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            sql.execute("INSERT INTO app_user (role_name, kind) VALUES ('x', 'admin')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            sql.execute("DELETE FROM standard")


def test_reinit_keeps_data_and_rules(team_server: TeamServer) -> None:
    db = open_database(team_server.owner_url)
    try:
        roles.init_team_database(db)
    finally:
        db.dispose()
    with team_server.sql("ana") as sql:
        assert _column(sql, "SELECT name FROM leader") == ["Ana"]


def test_a_login_cannot_upgrade_the_schema_and_is_told_who_can(team_server: TeamServer) -> None:
    from alembic import command
    from sqlalchemy import text

    from leaderlog.core.errors import DatabaseError
    from leaderlog.data.migrate import alembic_config
    from leaderlog.data.store import SCHEMA_REVISION

    owner = open_database(team_server.owner_url)
    try:
        with owner.engine.begin() as connection:  # as if the server had the previous LeaderLog
            command.downgrade(alembic_config(connection), "-1")
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() != (
                SCHEMA_REVISION
            )
    finally:
        owner.dispose()
    with pytest.raises(DatabaseError, match="Ask the database owner to run `leaderlog team init`"):
        open_database(team_server.url("ana"))
    owner = open_database(team_server.owner_url)  # the owner's open upgrades it
    owner.dispose()
    ana = open_database(team_server.url("ana"))
    try:
        with ana.read() as session:
            assert (
                session.scalar(text("SELECT version_num FROM alembic_version")) == SCHEMA_REVISION
            )
    finally:
        ana.dispose()


# ---------------------------------------------------------------- through the app


def test_app_shows_a_supervisor_only_their_journal(team_server: TeamServer) -> None:
    db = open_database(team_server.url("ana"))
    try:
        assert [leader.name for leader in people.list_leaders(db)] == ["Ana"]
        assert {e.leader_id for e in logbook.list_entries(db)} == {team_server.leaders["Ana"]}
        with pytest.raises(NotFoundError, match="no leader"):
            people.find_leader(db, "Ben")
        with pytest.raises(NotFoundError):
            logbook.add_day_log(db, team_server.leaders["Ben"], DAY, 10, today=DAY)
        saved = logbook.add_day_log(
            db, team_server.leaders["Ana"], DAY - dt.timedelta(days=1), 15, today=DAY
        )
        assert saved.minutes == 15
        me = roles.current_user(db)
        assert me is not None and me.kind == "supervisor" and me.leader_name == "Ana"
    finally:
        db.dispose()


def test_app_gives_a_manager_a_clear_error_when_changing_a_team_entry(
    team_server: TeamServer,
) -> None:
    db = open_database(team_server.url("mia"))
    try:
        ana = team_server.leaders["Ana"]
        entry = logbook.list_entries(db, leader_ids=[ana], types=["day"])[0]
        with pytest.raises(AccessDeniedError, match="You may not do this"):
            logbook.update_day_log(db, replace(entry, minutes=1), today=DAY)  # type: ignore[arg-type]
        with pytest.raises(AccessDeniedError, match="You may not do this"):
            logbook.delete_entry(db, "day", entry.id)
        with pytest.raises(AccessDeniedError, match="You may not do this"):
            logbook.add_reinforcement(db, ana, DAY, "praise", "from the manager", today=DAY)
        with pytest.raises(AccessDeniedError):
            people.add_standard(db, "Smile")
    finally:
        db.dispose()


def test_cli_prints_a_one_line_error_for_a_forbidden_action(
    team_server: TeamServer,
    app_paths,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    from leaderlog.cli.main import run

    code = run(["--db", team_server.url("ana"), "standard", "add", "Smile"])
    err = capsys.readouterr().err
    assert code != 0
    assert err.startswith("leaderlog: You may not do this") and "Traceback" not in err


def test_team_commands_as_a_user_login_say_who_may_run_them(team_server: TeamServer) -> None:
    from leaderlog.core.errors import DatabaseError

    db = open_database(team_server.url("root"))  # even an admin login cannot create logins
    try:
        with pytest.raises(DatabaseError, match="cannot create login roles"):
            roles.init_team_database(db)
        with pytest.raises(DatabaseError, match="cannot create login roles"):
            roles.add_user(db, f"{team_server.name}_eve", "admin")
    finally:
        db.dispose()
    with team_server.sql("ana") as sql:
        assert (
            _column(sql, f"SELECT 1 FROM pg_roles WHERE rolname = '{team_server.name}_eve'") == []
        )
