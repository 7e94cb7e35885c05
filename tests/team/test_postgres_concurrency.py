"""Many supervisors saving at once on one server: every entry lands exactly once, nobody deadlocks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.concurrent_writer import entry_uuid
from helpers.postgres_cluster import PostgresCluster
from sqlalchemy import func, select

from leaderlog.data import models
from leaderlog.data.store import open_database
from leaderlog.journal import people
from leaderlog.team import roles

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

WORKERS = 20
ENTRIES_EACH = 500
WRITER = Path(__file__).parents[1] / "helpers" / "concurrent_writer.py"


def _start_writer(
    url: str, leader_id: int, member_id: int, worker: int, env: dict[str, str]
) -> subprocess.Popen[str]:
    args = [url, str(leader_id), str(member_id), str(worker), str(ENTRIES_EACH)]
    return subprocess.Popen(
        [sys.executable, str(WRITER), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_twenty_supervisors_saving_500_entries_each_at_once(
    postgres_cluster: PostgresCluster,
) -> None:
    name = postgres_cluster.new_database_name("busy")
    postgres_cluster.admin_sql(
        f"CREATE ROLE {name}_owner LOGIN CREATEROLE PASSWORD 'owner-pw'",
        f"CREATE DATABASE {name} OWNER {name}_owner",
    )
    owner = open_database(postgres_cluster.url(name, f"{name}_owner", "owner-pw"))
    logins = []
    try:
        roles.init_team_database(owner)
        for worker in range(WORKERS):
            leader = people.add_leader(owner, f"Leader {worker}", team="North")
            member = people.add_member(owner, leader.id, f"Member {worker}")
            role = f"{name}_s{worker}"
            _, password = roles.add_user(owner, role, "supervisor", leader_id=leader.id)
            logins.append((postgres_cluster.url(name, role, password), leader.id, member.id))

        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(WRITER.parent), *sys.path])}
        writers = [
            _start_writer(url, leader_id, member_id, worker, env)
            for worker, (url, leader_id, member_id) in enumerate(logins)
        ]
        try:
            for writer in writers:  # all connected before any writes: the saves overlap
                assert writer.stdout is not None
                assert writer.stdout.readline().strip() == "ready", writer.stderr.read()  # type: ignore[union-attr]
            for writer in writers:
                writer.stdin.write("go\n")  # type: ignore[union-attr]
                writer.stdin.flush()  # type: ignore[union-attr]
            results = [writer.communicate(timeout=600) for writer in writers]
        finally:
            for writer in writers:
                if writer.poll() is None:
                    writer.kill()
        for writer, (out, err) in zip(writers, results, strict=True):
            assert writer.returncode == 0, err
            assert out.strip() == f"done {ENTRIES_EACH}"

        with owner.read() as session:
            seen: dict[str, int] = {}
            for model in (models.DayLog, models.CoachingNote, models.ReinforcementAction):
                for value, n in session.execute(
                    select(model.uuid, func.count()).group_by(model.uuid)
                ):
                    seen[str(value)] = seen.get(str(value), 0) + n
        expected = {entry_uuid(w, i) for w in range(WORKERS) for i in range(ENTRIES_EACH)}
        assert set(seen) == expected
        assert set(seen.values()) == {1}
    finally:
        owner.dispose()
        postgres_cluster.admin_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
