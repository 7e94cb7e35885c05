"""A team server for the row-level security tests: an owner, three leaders with entries and calendars, five logins.

The fixture ``team_server`` is registered by tests/team/conftest.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest

from helpers.postgres_cluster import PostgresCluster
from leaderlog.data.engine import Database
from leaderlog.data.store import open_database
from leaderlog.journal import holidays, logbook, people, settings_history, time_off
from leaderlog.team import roles

DAY = dt.date(2026, 11, 20)
LEAVE_FROM = dt.date(2026, 12, 21)
SETTINGS_FROM = dt.date(2026, 11, 2)


@dataclass
class TeamServer:
    """A team database set up by its (non-superuser) owner, with leaders, entries and logins."""

    cluster: PostgresCluster
    name: str
    owner_url: str
    leaders: dict[str, int]
    members: dict[str, int]
    passwords: dict[str, str]

    def role(self, who: str) -> str:
        return f"{self.name}_{who}"

    def url(self, who: str) -> str:
        return self.cluster.url(self.name, self.role(who), self.passwords[who])

    def sql(self, who: str) -> psycopg.Connection:
        return psycopg.connect(
            host="127.0.0.1",
            port=self.cluster.port,
            dbname=self.name,
            user=self.role(who),
            password=self.passwords[who],
            autocommit=True,
        )


def _seed(db: Database) -> tuple[dict[str, int], dict[str, int]]:
    leaders, members = {}, {}
    for name, team_name in (("Ana", "North"), ("Ben", "North"), ("Cleo", "South")):
        leader = people.add_leader(db, name, team=team_name)
        leaders[name] = leader.id
        member = people.add_member(db, leader.id, f"{name}'s member")
        members[name] = member.id
        logbook.add_day_log(db, leader.id, DAY, 30, f"{name} day", today=DAY)
        logbook.add_coaching_note(db, leader.id, DAY, member.id, f"{name} private note", today=DAY)
        logbook.add_reinforcement(db, leader.id, DAY, "praise", f"{name} praise", today=DAY)
        # a leader's calendar: their leave, a rota swap and a dated target change
        time_off.add(db, leader.id, LEAVE_FROM, LEAVE_FROM + dt.timedelta(days=4), note=name)
        settings_history.set_swap(
            db, leader.id, DAY + dt.timedelta(days=1), True, f"{name} Saturday"
        )
        settings_history.change_settings(
            db, leader.id, effective_from=SETTINGS_FROM, target_minutes=45
        )
    # the organisation's holidays: a country's calendar and a company day
    holidays.set_calendar(db, "GB", "SCT")
    holidays.add_company_day(db, "2026-12-24", "Christmas Eve")
    return leaders, members


@pytest.fixture
def team_server(postgres_cluster: PostgresCluster) -> Iterator[TeamServer]:
    name = postgres_cluster.new_database_name("team")
    owner = f"{name}_owner"
    postgres_cluster.admin_sql(
        f"CREATE ROLE {owner} LOGIN CREATEROLE PASSWORD 'owner-pw'",
        f"CREATE DATABASE {name} OWNER {owner}",
    )
    owner_url = postgres_cluster.url(name, owner, "owner-pw")
    db = open_database(owner_url)
    try:
        roles.init_team_database(db)
        leaders, members = _seed(db)
        passwords = {}
        for who, kind, leader, teams in (
            ("ana", "supervisor", "Ana", ()),
            ("ben", "supervisor", "Ben", ()),
            ("cleo", "supervisor", "Cleo", ()),
            ("mia", "manager", None, ("North",)),
            ("root", "admin", None, ()),
        ):
            _, passwords[who] = roles.add_user(
                db,
                f"{name}_{who}",
                kind,
                leader_id=leaders[leader] if leader else None,
                teams=teams,
            )
    finally:
        db.dispose()
    yield TeamServer(postgres_cluster, name, owner_url, leaders, members, passwords)
    postgres_cluster.admin_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
