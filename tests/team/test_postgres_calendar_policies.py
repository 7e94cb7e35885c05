"""Row-level security of a leader's calendar in team mode: leave, rota swaps and settings history are
the leader's like their entries; holiday calendars and company days are the organisation's."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from helpers.team_server import LEAVE_FROM, TeamServer

from leaderlog.core.errors import AccessDeniedError, NotFoundError
from leaderlog.data.store import open_database
from leaderlog.journal import holidays, people, settings_history, time_off
from leaderlog.transfer.csv_import import ImportFailedError
from leaderlog.transfer.time_off_csv import export_leave, import_leave

pytestmark = pytest.mark.postgres

LEADER_TABLES = ("time_off", "day_swap", "leader_settings")


def _column(connection: psycopg.Connection, sql: str) -> list[object]:
    return [row[0] for row in connection.execute(sql).fetchall()]  # type: ignore[arg-type]


def _insert_leave(sql: psycopg.Connection, leader_id: int) -> None:
    sql.execute(
        "INSERT INTO time_off (leader_id, first_day, last_day, kind, note, uuid, created_at, "  # type: ignore[arg-type]
        f"updated_at, version) VALUES ({leader_id}, '2027-01-04', '2027-01-05', 'vacation', "
        "'planted', gen_random_uuid(), now(), now(), 1)"
    )


# ---------------------------------------------------------------- raw SQL as each login


def test_supervisor_sees_and_changes_only_their_own_leaders_calendar(
    team_server: TeamServer,
) -> None:
    ana, ben = team_server.leaders["Ana"], team_server.leaders["Ben"]
    with team_server.sql("ana") as sql:
        assert _column(sql, "SELECT note FROM time_off") == ["Ana"]
        assert _column(sql, "SELECT note FROM day_swap") == ["Ana Saturday"]
        assert set(_column(sql, "SELECT leader_id FROM leader_settings")) == {ana}
        for table in LEADER_TABLES:
            assert (
                sql.execute(f"UPDATE {table} SET version = 99 WHERE leader_id = {ben}").rowcount
                == 0
            )  # type: ignore[arg-type]
            assert sql.execute(f"DELETE FROM {table} WHERE leader_id = {ben}").rowcount == 0  # type: ignore[arg-type]
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            _insert_leave(sql, ben)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor move one's own onto Ben
            sql.execute(f"UPDATE time_off SET leader_id = {ben}")  # type: ignore[arg-type]
        _insert_leave(sql, ana)  # their own leader's: allowed
        assert sorted(_column(sql, "SELECT note FROM time_off")) == ["Ana", "planted"]
    with team_server.sql("ben") as sql:
        assert _column(sql, "SELECT note FROM time_off") == ["Ben"]
        assert set(_column(sql, "SELECT version FROM time_off")) == {1}
        assert _column(sql, "SELECT note FROM day_swap") == ["Ben Saturday"]


def test_manager_reads_their_teams_calendars_and_changes_none(team_server: TeamServer) -> None:
    with team_server.sql("mia") as sql:
        assert sorted(_column(sql, "SELECT note FROM time_off")) == ["Ana", "Ben"]
        assert set(_column(sql, "SELECT leader_id FROM leader_settings")) == {
            team_server.leaders["Ana"],
            team_server.leaders["Ben"],
        }
        for table in LEADER_TABLES:
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="may only read"):
                sql.execute(f"DELETE FROM {table}")  # type: ignore[arg-type]
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="may only read"):
            sql.execute("UPDATE leader_settings SET target_minutes = 0")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _insert_leave(sql, team_server.leaders["Ana"])
    with team_server.sql("ana") as sql:
        assert _column(sql, "SELECT note FROM time_off") == ["Ana"]


def test_holidays_are_read_by_everyone_and_written_by_admins_only(
    team_server: TeamServer,
) -> None:
    for who in ("ana", "mia"):
        with team_server.sql(who) as sql:
            assert _column(sql, "SELECT name FROM company_day") == ["Christmas Eve"]
            assert _column(sql, "SELECT country || '/' || subdivision FROM holiday_calendar") == [
                "GB/SCT"
            ]
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                sql.execute(
                    "INSERT INTO company_day (day, name, team, source, uuid, created_at, "
                    "updated_at, version) VALUES ('2026-12-31', 'Mine', '', 'manual', "
                    "gen_random_uuid(), now(), now(), 1)"
                )
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                sql.execute("UPDATE holiday_calendar SET country = 'US'")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                sql.execute("DELETE FROM company_day")
    with team_server.sql("root") as sql:
        sql.execute("UPDATE company_day SET name = 'Christmas Eve (closed)'")
    with team_server.sql("ana") as sql:
        assert _column(sql, "SELECT name FROM company_day") == ["Christmas Eve (closed)"]


# ---------------------------------------------------------------- through the app


def test_app_keeps_a_supervisor_to_their_own_leave_and_settings(team_server: TeamServer) -> None:
    ana, ben = team_server.leaders["Ana"], team_server.leaders["Ben"]
    db = open_database(team_server.url("ana"))
    try:
        assert [r.note for r in time_off.list_time_off(db)] == ["Ana"]
        with pytest.raises(NotFoundError, match="no leader"):
            time_off.add(db, ben, "2027-01-04")
        added = time_off.add(db, ana, "2027-01-04", "2027-01-08", "training")
        assert time_off.get(db, added.id).kind == "training"
        change = settings_history.change_settings(
            db, ana, effective_from="2027-01-04", target_minutes=60
        )
        assert change.period.target_minutes == 60
        with pytest.raises(NotFoundError):
            settings_history.change_settings(db, ben, target_minutes=1)
        # the organisation's holidays are there to read, and build the leader's calendar
        names = [h.name for h in holidays.list_holidays(db, "North", 2026)]
        assert "Christmas Eve" in names and "Christmas Day" in names
        calendar = settings_history.calendar_for(db, ana, LEAVE_FROM, LEAVE_FROM)
        assert [day.kind for day in calendar.days(LEAVE_FROM, LEAVE_FROM)] == ["leave"]
        with pytest.raises(AccessDeniedError):
            holidays.add_company_day(db, "2026-12-31", "Hogmanay off")
        with pytest.raises(AccessDeniedError):
            holidays.set_calendar(db, "US")
    finally:
        db.dispose()


def test_app_refuses_a_managers_change_to_a_team_leaders_leave(team_server: TeamServer) -> None:
    ana = team_server.leaders["Ana"]
    db = open_database(team_server.url("mia"))
    try:
        leave = next(r for r in time_off.list_time_off(db) if r.leader_id == ana)
        with pytest.raises(AccessDeniedError, match="You may not do this"):
            time_off.edit(db, leave.id, note="manager was here")
        with pytest.raises(AccessDeniedError, match="You may not do this"):
            time_off.delete(db, leave.id)
        with pytest.raises(AccessDeniedError, match="You may not do this"):
            time_off.add(db, ana, "2027-02-01")
    finally:
        db.dispose()
    admin = open_database(team_server.url("root"))
    try:
        assert holidays.add_company_day(admin, "2026-12-31", "Hogmanay off").name == "Hogmanay off"
        assert holidays.set_calendar(admin, "GB", "ENG", team="South").subdivision == "ENG"
        assert time_off.get(admin, leave.id).note == "Ana"
    finally:
        admin.dispose()


def test_a_supervisors_leave_import_cannot_reach_another_leader(
    team_server: TeamServer, tmp_path: Path
) -> None:
    owner = open_database(team_server.owner_url)
    everyone = tmp_path / "everyone.csv"
    try:
        assert export_leave(owner, everyone) == 3
    finally:
        owner.dispose()
    db = open_database(team_server.url("ana"))
    try:
        with pytest.raises(ImportFailedError) as caught:
            import_leave(db, everyone)
        # Ben and Cleo are not visible to Ana's login: their rows are unknown leaders
        assert [p.line for p in caught.value.problems] == [3, 4]
        assert all("no leader named" in p.message for p in caught.value.problems)
        own = tmp_path / "ana.csv"
        own.write_text("leader,from,to\nAna,2027-03-01,2027-03-05\n")
        assert import_leave(db, own).added == 1
        assert people.find_leader(db, "Ana").id == team_server.leaders["Ana"]
    finally:
        db.dispose()
