"""`leaderlog team ...` end to end: the owner sets up a server, a supervisor signs in and logs."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.postgres_cluster import PostgresCluster

from leaderlog.cli.main import run

pytestmark = pytest.mark.postgres


@pytest.fixture
def owner_url(postgres_cluster: PostgresCluster) -> str:
    name = postgres_cluster.new_database_name("cli")
    postgres_cluster.admin_sql(
        f"CREATE ROLE {name}_owner LOGIN CREATEROLE PASSWORD 'owner-pw'",
        f"CREATE DATABASE {name} OWNER {name}_owner",
    )
    return postgres_cluster.url(name, f"{name}_owner", "owner-pw")


def _leaderlog(
    *args: str, env: dict[str, str], stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "leaderlog", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_owner_sets_up_team_and_supervisor_signs_in_once(
    owner_url: str,
    app_paths,
    capsys,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    database = owner_url.rsplit("/", 1)[1]
    login = f"{database}_ana"
    assert run(["--db", owner_url, "team", "init"]) == 0
    assert run(["--db", owner_url, "leader", "add", "Ana Ruiz", "--team", "North"]) == 0
    assert run(["--db", owner_url, "leader", "add", "Ben Okafor", "--team", "North"]) == 0
    capsys.readouterr()
    assert run(["--db", owner_url, "team", "add-user", login, "--leader", "Ana Ruiz"]) == 0
    out = capsys.readouterr().out
    password = re.search(r"Password \(shown once.*\): (\S+)", out).group(1)  # type: ignore[union-attr]
    user_url = re.search(r"leaderlog --db (\S+) team login", out).group(1)  # type: ignore[union-attr]
    assert password not in user_url and f"{login}@127.0.0.1" in user_url
    assert run(["--db", owner_url, "team", "users"]) == 0
    assert re.search(rf"{login}\s+supervisor\s+Ana Ruiz", capsys.readouterr().out)

    pgpass = tmp_path / "user-home" / ".pgpass"
    env = {**os.environ, "PGPASSFILE": str(pgpass), "LEADERLOG_HOME": str(tmp_path / "user")}
    wrong = _leaderlog("--db", user_url, "team", "login", env=env, stdin="nope\n")
    assert wrong.returncode == 3 and "refused the login" in wrong.stderr
    assert not pgpass.exists()

    signed_in = _leaderlog("--db", user_url, "team", "login", env=env, stdin=password + "\n")
    assert signed_in.returncode == 0, signed_in.stderr
    assert stat.S_IMODE(pgpass.stat().st_mode) == 0o600
    assert password not in signed_in.stdout

    logged = _leaderlog("--db", user_url, "log", "--leader", "Ana Ruiz", "--minutes", "20", env=env)
    assert logged.returncode == 0, logged.stderr
    refused = _leaderlog(
        "--db", user_url, "log", "--leader", "Ben Okafor", "--minutes", "5", env=env
    )
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert "no leader named" in refused.stderr.lower()
    status = _leaderlog("--db", user_url, "team", "status", env=env)
    assert "0 entries waiting" in status.stdout
    assert f"signed in as {login} (supervisor; leader Ana Ruiz)" in status.stdout


def test_team_init_on_a_local_file_says_it_needs_a_server(app_paths, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(["team", "init"]) == 1
    assert "team mode needs a PostgreSQL database" in capsys.readouterr().err


def test_add_user_refuses_a_bad_name_and_a_supervisor_without_leader(
    owner_url: str,
    app_paths,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    assert run(["--db", owner_url, "team", "init"]) == 0
    assert run(["--db", owner_url, "team", "add-user", "Ana Ruiz"]) == 1
    assert "cannot be a login name" in capsys.readouterr().err
    assert run(["--db", owner_url, "team", "add-user", "x_nobody_bound"]) == 1
    assert "must be bound to a leader" in capsys.readouterr().err
