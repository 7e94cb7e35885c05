"""The worker process of a parallel CSV export: writes the CSV rows of SQL texts it is sent.

Run as ``python -I -S export_worker.py`` by ``leaderlog.data.parallel_export``: it
imports the standard library only (no SQLAlchemy, no Qt, no LeaderLog package),
so it starts in a few milliseconds and nothing is forked from a GUI process.
Requests and replies are JSON lines on stdin and stdout: first the database (an
SQLite URI), then one segment at a time (SQL text, its two id parameters, the file to
write); it replies ``{"rows": n}`` as rows are written, ``{"done": index}`` when a
segment's file is complete, ``{"error": kind, "message": ...}`` before exiting 1.
It exits 0 when stdin ends.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Callable, Sequence
from typing import IO

CHUNK_ROWS = 2_000
BUSY_TIMEOUT_MS = 5_000
FROZEN_APP_ARGUMENT = "--leaderlog-export-worker"
"""A frozen app (PyInstaller) given this as its first argument runs serve() (packaging/leaderlog_frozen.py)."""


def csv_lines(rows: Sequence[Sequence[str]]) -> str:
    """CSV records (CRLF-terminated) of rows that are each one finished line (queries.csv_line)."""
    return "\r\n".join([row[0] for row in rows]) + "\r\n"


def _send(stream: IO[bytes], message: dict[str, object]) -> None:
    stream.write(json.dumps(message).encode() + b"\n")
    stream.flush()


def _write_segment(
    connection: sqlite3.Connection,
    sql: str,
    ids: list[int],
    path: str,
    report: Callable[[int], None],
) -> int:
    rows_written = 0
    with open(path, "wb") as handle:
        cursor = connection.execute(sql, ids)
        while rows := cursor.fetchmany(CHUNK_ROWS):
            handle.write(csv_lines(rows).encode("utf-8"))
            rows_written += len(rows)
            report(len(rows))
    return rows_written


def serve(requests: IO[bytes], replies: IO[bytes]) -> int:
    """Worker side: write each requested segment, reporting rows as they are written; exit at EOF."""
    connection = None
    try:
        job = json.loads(requests.readline())
        connection = sqlite3.connect(job["database"], uri=True, isolation_level=None)
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA query_only = ON")
        for line in requests:
            task = json.loads(line)
            rows = _write_segment(
                connection,
                task["sql"],
                task["ids"],
                task["path"],
                lambda n: _send(replies, {"rows": n}),
            )
            _send(replies, {"done": task["index"], "rows_total": rows})
    except OSError as exc:  # its segment file: the folder went away, the disk is full...
        _send(replies, {"error": "os", "message": str(exc.strerror or exc)})
        return 1
    except sqlite3.Error as exc:
        _send(replies, {"error": "db", "message": str(exc)})
        return 1
    finally:
        if connection is not None:
            connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(serve(sys.stdin.buffer, sys.stdout.buffer))
