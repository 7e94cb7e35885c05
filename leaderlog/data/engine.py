"""The database handle: engine, connection settings, and short read/write transactions.

SQLite settings on every connection (the app's and the migration runner's):

* ``journal_mode=WAL``: readers never block the writer, and a crash mid-write leaves
  the last committed state intact.
* ``synchronous=FULL``: each commit syncs the WAL to disk, so an entry whose save
  returned survives a power cut (NORMAL may lose the last commits in WAL mode).
* ``foreign_keys=ON``: references are checked by the database itself.
* ``busy_timeout=5000``: a writer waits up to 5 s for another one instead of failing.

Write transactions start with ``BEGIN IMMEDIATE`` so the write lock is taken up
front and the busy timeout applies; a deferred read that later wants to write can
fail at once with "database is locked" even though it would have waited.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from leaderlog.core.errors import (
    AccessDeniedError,
    CredentialsError,
    DatabaseBusyError,
    DatabaseError,
    LeaderLogError,
    ServerUnreachableError,
)
from leaderlog.data.sqlite_file import BUSY_TIMEOUT_MS, apply_sqlite_pragmas

# seconds to wait for a database server before treating it as unreachable
CONNECT_TIMEOUT_S = 5
_IMMEDIATE = "leaderlog_begin_immediate"


def database_url(target: str | os.PathLike[str]) -> URL:
    """Turn a file path or an SQLAlchemy URL into a URL (a path becomes an absolute sqlite URL)."""
    text = os.fspath(target)
    if "://" in text:
        url = make_url(text)
        if url.drivername in ("postgresql", "postgres"):
            # psycopg 3 is the driver the postgres extra installs
            url = url.set(drivername="postgresql+psycopg")
        return url
    path = Path(text).expanduser().resolve()
    return URL.create("sqlite+pysqlite", database=str(path))


def sqlite_path(url: URL) -> Path | None:
    """The file behind an SQLite URL, or None for other dialects and in-memory databases."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def _install_sqlite_listeners(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        apply_sqlite_pragmas(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: object) -> None:
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)  # type: ignore[attr-defined]
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")  # type: ignore[attr-defined]


def make_engine(url: URL, **kwargs: object) -> Engine:
    """Create an engine with LeaderLog's connection settings for its dialect."""
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, **kwargs)  # type: ignore[arg-type]
        _install_sqlite_listeners(engine)
        return engine
    connect_args: dict[str, object] = {}
    if url.get_backend_name() == "postgresql" and "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
    try:
        return create_engine(url, pool_pre_ping=True, connect_args=connect_args, **kwargs)  # type: ignore[arg-type]
    except ModuleNotFoundError as exc:
        raise DatabaseError(
            f"LeaderLog cannot talk to {url.get_backend_name()} databases here: the driver "
            f"{exc.name} is not installed. Install it with: pip install 'leaderlog[postgres]'"
        ) from exc


# libpq's messages for a refused login, and for a server that cannot be reached
_LOGIN_REFUSED = (
    "password authentication failed",
    "no password supplied",
    "does not exist",
    "pg_hba.conf",
    "permission denied for database",
)
_UNREACHABLE = (
    "connection refused",
    "could not connect",
    "connection failed",
    "timeout expired",
    "server closed the connection",
    "connection is closed",
    "could not translate host name",
    "no route to host",
    "network is unreachable",
    "the database system is",
    "terminating connection",
)
# SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown)
_UNREACHABLE_STATES = ("08", "57P")


def describe_server_error(exc: DBAPIError, where: str) -> LeaderLogError | None:
    """Map a database server's refusal (rights, login, connection) to a plain error, else None."""
    state = getattr(exc.orig, "sqlstate", None) or ""
    text = str(exc.orig) if exc.orig is not None else str(exc)
    first_line = text.strip().splitlines()[0] if text.strip() else text
    lowered = text.lower()
    if state == "42501":
        return AccessDeniedError(
            f"You may not do this: {where} only lets you read and change your own entries "
            f"(and your teams' if you are a manager). The server said: {first_line}"
        )
    # libpq reports a refused login or an unreachable server only in words (no SQLSTATE)
    in_words = isinstance(exc, OperationalError)
    if state.startswith("28") or (
        in_words and "connection" in lowered and any(p in lowered for p in _LOGIN_REFUSED)
    ):
        return CredentialsError(
            f"{where} refused the login ({first_line}). Check the user name and password: "
            "sign in once with `leaderlog --db URL team login` (it keeps the password in your "
            "private .pgpass file), or ask your LeaderLog admin."
        )
    if (
        exc.connection_invalidated
        or state.startswith(_UNREACHABLE_STATES)
        or (in_words and any(p in lowered for p in _UNREACHABLE))
    ):
        return ServerUnreachableError(
            f"{where} cannot be reached ({first_line}). Check the network connection; "
            "nothing was written."
        )
    return None


def describe_operational_error(exc: DBAPIError, where: str) -> LeaderLogError:
    """Map a driver error to a plain DatabaseError saying what to do."""
    server_problem = describe_server_error(exc, where)
    if server_problem is not None:
        return server_problem
    text = str(exc.orig) if exc.orig is not None else str(exc)
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return DatabaseBusyError(
            f"{where} is busy: another program kept it locked for more than "
            f"{BUSY_TIMEOUT_MS // 1000} seconds. Nothing was lost; try again in a moment."
        )
    if "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
        return DatabaseError(
            f"{where} is damaged ({text}). Run `leaderlog check` and restore a backup."
        )
    if "readonly" in lowered or "read-only" in lowered:
        return DatabaseError(f"{where} is read-only; LeaderLog needs to write to it ({text}).")
    if "unable to open" in lowered:
        return DatabaseError(
            f"{where} cannot be opened ({text}). Check the folder exists and is writable."
        )
    return DatabaseError(f"{where}: {text}")


@dataclass
class Database:
    """An open LeaderLog database: the engine plus short read and write transactions."""

    url: URL
    engine: Engine
    _sessions: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None on a server database."""
        return sqlite_path(self.url)

    @property
    def display_name(self) -> str:
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (a consistent snapshot while it lasts)."""
        try:
            with self._sessions() as session:
                try:
                    yield session
                finally:
                    session.rollback()
        except DBAPIError as exc:
            mapped = self._mapped(exc)
            if mapped is None:
                raise
            raise mapped from exc

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One user action = one short transaction, committed on success, rolled back on error."""
        try:
            with self.engine.connect() as connection:
                if self.is_sqlite:
                    connection = connection.execution_options(**{_IMMEDIATE: True})
                with Session(bind=connection, expire_on_commit=False) as session, session.begin():
                    yield session
        except DBAPIError as exc:
            mapped = self._mapped(exc)
            if mapped is None:
                raise
            raise mapped from exc

    def _mapped(self, exc: DBAPIError) -> LeaderLogError | None:
        """The plain error for a driver error; None lets others (e.g. integrity) pass unchanged."""
        where = f"The database {self.display_name}"
        if isinstance(exc, OperationalError):
            return describe_operational_error(exc, where)
        return describe_server_error(exc, where)

    def dispose(self) -> None:
        self.engine.dispose()
