"""The backup recipe of docs/team-mode.md: pg_dump as the owner, pg_restore, rules and rows intact."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import psycopg
import pytest
from helpers.postgres_cluster import PostgresCluster

from leaderlog.data.store import open_database
from leaderlog.journal import logbook, people
from leaderlog.team import roles

pytestmark = pytest.mark.postgres


def test_owner_dump_with_row_security_restores_every_row_and_rule(
    postgres_cluster: PostgresCluster, tmp_path: Path
) -> None:
    name = postgres_cluster.new_database_name("dump")
    owner = f"{name}_owner"
    postgres_cluster.admin_sql(
        f"CREATE ROLE {owner} LOGIN CREATEROLE PASSWORD 'owner-pw'",
        f"CREATE DATABASE {name} OWNER {owner}",
        f"CREATE DATABASE {name}_copy OWNER {owner}",
    )
    db = open_database(postgres_cluster.url(name, owner, "owner-pw"))
    try:
        roles.init_team_database(db)
        ana = people.add_leader(db, "Ana Ruiz", team="North")
        ben = people.add_leader(db, "Ben Okafor", team="North")
        logbook.add_day_log(db, ana.id, "2026-11-20", 30)
        logbook.add_day_log(db, ben.id, "2026-11-20", 40)
        _, password = roles.add_user(db, f"{name}_ana", "supervisor", leader_id=ana.id)
    finally:
        db.dispose()

    env = {**os.environ, "PGPASSWORD": "owner-pw"}
    server = ["-h", "127.0.0.1", "-p", str(postgres_cluster.port), "-U", owner]
    dump = tmp_path / "leaderlog.dump"
    tool = postgres_cluster.bin_dir
    # without --enable-row-security pg_dump refuses: the owner is under FORCEd row security
    refused = subprocess.run(
        [tool / "pg_dump", *server, "-Fc", "-f", dump, name], env=env, capture_output=True
    )
    assert refused.returncode != 0 and b"row-level security" in refused.stderr
    for command in (
        [tool / "pg_dump", *server, "--enable-row-security", "-Fc", "-f", dump, name],
        [tool / "pg_restore", *server, "--no-owner", "-d", f"{name}_copy", dump],
    ):
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr

    with psycopg.connect(
        host="127.0.0.1", port=postgres_cluster.port, dbname=f"{name}_copy",
        user=f"{name}_ana", password=password,
    ) as sql:  # fmt: skip
        assert sql.execute("SELECT minutes FROM day_log").fetchall() == [(30,)]
    copy = open_database(postgres_cluster.url(f"{name}_copy", owner, "owner-pw"))
    try:
        assert len(logbook.list_entries(copy)) == 2
    finally:
        copy.dispose()
