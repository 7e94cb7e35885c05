"""A throwaway PostgreSQL cluster for tests: initdb in a temp dir, listen on 127.0.0.1, fresh databases.

The cluster is started once per test session (see the fixtures at the end, imported by
conftest.py) and deleted at the end. As root, the server runs as the ``postgres`` OS user
(PostgreSQL refuses to run as root). Tests that need it are skipped, with the reason
printed, only when no PostgreSQL binaries exist on the machine.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

try:  # POSIX only; on Windows the server runs as the current user
    import pwd
except ImportError:  # pragma: no cover
    pwd = None  # type: ignore[assignment]

SUPERUSER = "postgres"
SUPERUSER_PASSWORD = "test-superuser-password"
_counter = itertools.count(1)


def find_bin_dir() -> Path | None:
    """The directory holding initdb and pg_ctl: $PG_BIN_DIR alone if set, else PATH, else Debian's layout."""
    explicit = os.environ.get("PG_BIN_DIR")
    if explicit:
        found = (Path(explicit) / "initdb").exists() and (Path(explicit) / "pg_ctl").exists()
        return Path(explicit) if found else None
    candidates = []
    on_path = shutil.which("pg_ctl")
    if on_path:
        # resolve: a symlink on PATH (e.g. /usr/local/bin/pg_ctl) has no pg_dump beside it
        candidates.append(str(Path(on_path).resolve().parent))
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for candidate in candidates:
        if (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PostgresCluster:
    """One running test server: where it lives, how to reach it, how to stop and start it."""

    bin_dir: Path
    root: Path
    port: int = field(default_factory=_free_port)
    os_user: str | None = None

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    @property
    def log_file(self) -> Path:
        return self.root / "server.log"

    def _run(self, *args: str) -> None:
        kwargs: dict[str, object] = {}
        if self.os_user is not None:
            kwargs = {"user": self.os_user, "group": pwd.getpwnam(self.os_user).pw_gid}
            kwargs["extra_groups"] = []
        result = subprocess.run(
            [str(self.bin_dir / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            cwd=self.root,
            **kwargs,  # type: ignore[arg-type]
        )
        if result.returncode != 0:
            log = self.log_file.read_text() if self.log_file.exists() else ""
            raise RuntimeError(
                f"{args[0]} failed ({result.returncode}): {result.stderr}{result.stdout}\n{log}"
            )

    def init(self) -> None:
        self.socket_dir.mkdir()
        password_file = self.root / "superuser-password"
        password_file.write_text(SUPERUSER_PASSWORD + "\n")
        if self.os_user is not None:
            entry = pwd.getpwnam(self.os_user)
            for path in (self.root, self.socket_dir, password_file):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        self._run(
            "initdb",
            "-D",
            str(self.data_dir),
            "-U",
            SUPERUSER,
            f"--pwfile={password_file}",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        password_file.unlink()

    def start(self) -> None:
        # durability off: a test server that dies is thrown away anyway, and it saves CPU
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.socket_dir} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c shared_buffers=32MB -c max_connections=120"
        )
        self._run(
            "pg_ctl", "-D", str(self.data_dir), "-l", str(self.log_file), "-o", options, "-w",
            "start",
        )  # fmt: skip

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop")

    def url(self, database: str, user: str = SUPERUSER, password: str | None = None) -> str:
        """An SQLAlchemy URL for the psycopg driver; without a password libpq looks in PGPASSFILE."""
        secret = SUPERUSER_PASSWORD if user == SUPERUSER and password is None else password
        auth = f"{user}:{secret}" if secret else user
        return f"postgresql+psycopg://{auth}@127.0.0.1:{self.port}/{database}"

    def admin_sql(self, *statements: str, database: str = "postgres") -> None:
        """Run statements as the superuser with autocommit (CREATE/DROP DATABASE need it)."""
        import psycopg

        conninfo = f"host=127.0.0.1 port={self.port} dbname={database} user={SUPERUSER} password={SUPERUSER_PASSWORD}"
        with psycopg.connect(conninfo, autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement)  # type: ignore[arg-type]

    def new_database_name(self, prefix: str = "t") -> str:
        return f"{prefix}{os.getpid()}_{next(_counter)}"


OWNER_FILE = "pytest.pid"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_abandoned_clusters(parent: Path, bin_dir: Path, os_user: str | None) -> None:
    """Stop and delete test clusters whose pytest process died without cleaning up (e.g. killed)."""
    for root in parent.glob("leaderlog-pg-*"):
        try:
            owner = int((root / OWNER_FILE).read_text())
        except (OSError, ValueError):
            continue
        if _alive(owner):
            continue
        cluster = PostgresCluster(bin_dir, root, os_user=os_user)
        with contextlib.suppress(RuntimeError, OSError):
            cluster._run("pg_ctl", "-D", str(cluster.data_dir), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def start_cluster() -> PostgresCluster:
    """initdb and start a cluster in a new temp dir (as the postgres OS user when we are root)."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise LookupError("no PostgreSQL binaries (initdb, pg_ctl) found")
    os_user, parent = None, None
    if pwd is not None and os.geteuid() == 0:
        try:
            entry = pwd.getpwnam("postgres")
        except KeyError:
            raise RuntimeError(
                "running as root but there is no 'postgres' OS user to run the test server as"
            ) from None
        os_user = "postgres"
        # the system temp dir may be private to root; the postgres user's home never is to it
        home = Path(entry.pw_dir)
        parent = str(home) if home.is_dir() else "/var/tmp"
    if os.name == "posix":  # os.kill(pid, 0) would end the process on Windows
        remove_abandoned_clusters(Path(parent or tempfile.gettempdir()), bin_dir, os_user)
    root = Path(tempfile.mkdtemp(prefix="leaderlog-pg-", dir=parent))
    (root / OWNER_FILE).write_text(str(os.getpid()))
    cluster = PostgresCluster(bin_dir, root, os_user=os_user)
    try:
        cluster.init()
        cluster.start()
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return cluster


def remove_cluster(cluster: PostgresCluster) -> None:
    with contextlib.suppress(RuntimeError):
        cluster.stop()
    shutil.rmtree(cluster.root, ignore_errors=True)


# ---------------------------------------------------------------- fixtures (imported by conftest)


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """One throwaway PostgreSQL server for the whole test session; skipped only without binaries."""
    try:
        cluster = start_cluster()
    except LookupError as exc:
        if os.environ.get("CI"):  # .ci/run installs PostgreSQL: there these tests must run
            pytest.fail(f"PostgreSQL tests cannot run in CI: {exc}")
        pytest.skip(f"PostgreSQL tests skipped: {exc} (install the postgresql package)")
    yield cluster
    remove_cluster(cluster)


@pytest.fixture(scope="session")
def postgres_template(postgres_cluster: PostgresCluster) -> str:
    """A database migrated to the current schema once, copied for every test that needs one."""
    from leaderlog.data.store import open_database

    name = postgres_cluster.new_database_name("template_")
    postgres_cluster.admin_sql(f"CREATE DATABASE {name}")
    open_database(postgres_cluster.url(name)).dispose()
    return name


@pytest.fixture
def postgres_url(postgres_cluster: PostgresCluster, postgres_template: str) -> Iterator[str]:
    """The superuser URL of a fresh, migrated database of its own for one test."""
    name = postgres_cluster.new_database_name()
    postgres_cluster.admin_sql(f"CREATE DATABASE {name} TEMPLATE {postgres_template}")
    yield postgres_cluster.url(name)
    with contextlib.suppress(Exception):
        postgres_cluster.admin_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
