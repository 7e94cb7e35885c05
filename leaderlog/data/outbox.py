"""A local, durable queue of saves waiting for the team server: a small SQLite file in the data dir.

A waiting save is a new entry (day log, coaching note, reinforcement) or a new range of
leave (entry_type 'time_off'), keyed by its UUID, so queueing the same save twice keeps
one, and sending it twice cannot make two entries (the sender looks the UUID up first
and the server's unique UUID column refuses a second copy).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL

from leaderlog.core.errors import DatabaseError
from leaderlog.data.engine import apply_sqlite_pragmas

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pending (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    entry_type TEXT NOT NULL,
    payload TEXT NOT NULL,
    queued_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
)
"""


@dataclass(frozen=True)
class PendingSave:
    """One save that has not reached the server yet."""

    uuid: str
    entry_type: str
    payload: dict[str, object]
    queued_at: dt.datetime
    attempts: int
    last_error: str | None


def outbox_file(data_dir: Path, url: URL) -> Path:
    """The queue file for one server database and user (the password is no part of the name)."""
    identity = url._replace(password=None).render_as_string(hide_password=False)
    digest = hashlib.sha256(identity.encode()).hexdigest()[:16]
    return data_dir / "outbox" / f"{digest}.sqlite3"


class Outbox:
    """Durable local queue (WAL, synchronous=FULL): a save queued here survives a crash."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # when (time.monotonic) a send last found the server unreachable; kept in memory only
        self.unreachable_at = float("-inf")
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not path.exists():
                os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
            with self._connect() as connection:
                connection.execute(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise DatabaseError(
                f"Cannot keep unsent entries in {path}: {exc}. Check that the folder is writable."
            ) from exc

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=10)) as connection:
            apply_sqlite_pragmas(connection)
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def add(self, entry_type: str, payload: dict[str, object]) -> PendingSave:
        """Queue a save; its payload must carry the entry's uuid. Queuing it again keeps one."""
        uuid = str(payload["uuid"])
        now = dt.datetime.now(dt.UTC)
        with self._connect() as connection:
            connection.execute(
                "INSERT INTO pending (uuid, entry_type, payload, queued_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (uuid) DO NOTHING",
                (uuid, entry_type, json.dumps(payload, sort_keys=True), now.isoformat()),
            )
        return PendingSave(uuid, entry_type, payload, now, 0, None)

    def pending(self) -> list[PendingSave]:
        """Waiting saves, oldest first."""
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT uuid, entry_type, payload, queued_at, attempts, last_error "
                "FROM pending ORDER BY seq"
            ).fetchall()
        return [
            PendingSave(u, t, json.loads(p), dt.datetime.fromisoformat(q), a, e)
            for u, t, p, q, a, e in rows
        ]

    def count(self) -> int:
        with self._connect() as connection:
            return int(connection.execute("SELECT count(*) FROM pending").fetchone()[0])

    def remove(self, uuid: str) -> None:
        """Forget a save once the server has it."""
        with self._connect() as connection:
            connection.execute("DELETE FROM pending WHERE uuid = ?", (uuid,))

    def record_failure(self, uuid: str, message: str) -> None:
        """Keep a save the server refused, with the reason, for the user to see."""
        with self._connect() as connection:
            connection.execute(
                "UPDATE pending SET attempts = attempts + 1, last_error = ? WHERE uuid = ?",
                (message, uuid),
            )
