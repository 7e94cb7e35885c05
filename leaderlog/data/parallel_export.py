"""Parallel CSV export of an SQLite journal: worker processes write id-range segments, joined in order.

A big export spends its time in SQLite and in creating Python strings, on one
core. Here worker processes (``leaderlog/data/export_worker.py``, started with
the running Python: nothing is forked from a GUI process) each run one
segment at a time: a ready-made SQL text whose columns are already CSV cells
(``queries.csv_field``) over a range of ids. A worker writes a segment's rows
into its own file and reports its progress; the parent hands out the next
segment, appends finished segments to the output in their order and deletes
them. The bytes are those of one process writing the segments one after another.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import queue
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from leaderlog.data import export_worker

_WORKER_SCRIPT = export_worker.__file__
_COPY_BYTES = 1 << 30
_NO_KERNEL_COPY = {errno.EXDEV, errno.ENOSYS, errno.EOPNOTSUPP, errno.EINVAL, errno.EPERM}


@dataclass(frozen=True)
class Segment:
    """One part of the export: an SQL text with two ? parameters, and the ids it covers."""

    sql: str
    first_id: int
    last_id: int


class SegmentError(Exception):
    """A worker could not write its segment; ``kind`` is 'os' (files), 'db' (SQLite) or 'crash'."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class WorkersUnavailable(Exception):
    """No worker process could be started here (the caller writes the export itself)."""


def _send(stream: IO[bytes], message: dict[str, object]) -> None:
    stream.write(json.dumps(message).encode() + b"\n")
    stream.flush()


def worker_count() -> int:
    """How many worker processes an export uses here: one per CPU the process may run on, at most 4."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on every OS
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 4))


def worker_command() -> list[str]:
    """The command that starts one worker process: the running Python, or the frozen app itself."""
    if getattr(sys, "frozen", False):
        # PyInstaller: sys.executable is the app, and the worker script is inside its archive
        return [sys.executable, export_worker.FROZEN_APP_ARGUMENT]
    if not sys.executable or not os.path.isfile(_WORKER_SCRIPT):
        raise WorkersUnavailable("no Python executable and worker script to start")
    return [sys.executable, "-I", "-S", _WORKER_SCRIPT]


def _append(source: Path, target: IO[bytes]) -> None:
    """Append a finished segment to the output (in the kernel where the OS can)."""
    target.flush()
    with source.open("rb") as handle:
        if hasattr(os, "copy_file_range"):
            try:
                while os.copy_file_range(handle.fileno(), target.fileno(), _COPY_BYTES):
                    pass
                return
            except OSError as exc:
                # not between these files (other file systems, old kernels): copy in Python;
                # any other failure (a full disk) is the export's
                if exc.errno not in _NO_KERNEL_COPY or handle.tell() != 0:
                    raise
        shutil.copyfileobj(handle, target, 1 << 20)


class _Worker:
    def __init__(self, index: int, folder: Path, events: queue.SimpleQueue) -> None:  # type: ignore[type-arg]
        self.index = index
        self.log = (folder / f"worker-{index}.log").open("wb")
        try:
            command = worker_command()
        except WorkersUnavailable:
            self.log.close()
            raise
        try:
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self.log,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
        except OSError as exc:
            self.log.close()
            raise WorkersUnavailable(str(exc)) from exc
        assert self.process.stdin is not None and self.process.stdout is not None
        self.requests = self.process.stdin
        self.task: int | None = None
        self.reader = threading.Thread(
            target=self._pump, args=(self.process.stdout, events), daemon=True
        )
        self.reader.start()

    def open_database(self, database: Path) -> None:
        # read-write like the app's connections (a WAL reader may need to write its -shm),
        # but never created: a journal moved away meanwhile is an error, not a new file
        self._tell({"database": database.resolve().as_uri() + "?mode=rw"})

    def _tell(self, message: dict[str, object]) -> None:
        try:
            _send(self.requests, message)
        except BrokenPipeError:  # it exited already: its log says why
            self.process.wait()
            raise SegmentError("crash", self.crash_message()) from None

    def _pump(self, replies: IO[bytes], events: queue.SimpleQueue) -> None:  # type: ignore[type-arg]
        try:
            for line in replies:
                try:
                    message = json.loads(line)
                except ValueError:
                    message = {"error": "crash", "message": f"an export worker said {line[:200]!r}"}
                events.put((self, message))
        except (OSError, ValueError):  # its output was closed: it was stopped
            pass
        finally:
            events.put((self, None))  # the parent always learns that it ended

    def give(self, index: int, segment: Segment, path: Path) -> None:
        self.task = index
        self._tell(
            {
                "index": index,
                "sql": segment.sql,
                "ids": [segment.first_id, segment.last_id],
                "path": str(path),
            }
        )

    def finish(self) -> None:
        self.task = None
        self.requests.close()

    def crash_message(self) -> str:
        self.log.flush()
        text = Path(self.log.name).read_text(encoding="utf-8", errors="replace").strip()
        last = text.splitlines()[-1] if text else f"exit status {self.process.returncode}"
        return f"an export worker stopped unexpectedly ({last})"

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.requests.close()
        if self.task is not None:  # still writing a segment: cancelled, or another one failed
            self.process.kill()
        try:
            # one that finished or failed exits by itself (closing its database cleanly)
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join()  # its output ends with the process
        with contextlib.suppress(OSError):
            self.process.stdout.close()  # type: ignore[union-attr]
        self.log.close()


def write_segments(
    database: Path,
    plan: Callable[[], Sequence[Segment]],
    target: IO[bytes],
    on_rows: Callable[[int], None],
    *,
    workers: int,
    beside: Path,
) -> int:
    """Append the rows of each segment plan() returns as CSV to target, in order, written by workers.

    plan() is called while the workers start (compiling the SQL overlaps their
    start-up). Segment files live in a hidden folder in the folder ``beside`` (the target's,
    so appending them is a copy within one file system) and are removed whatever
    happens. on_rows(n) is called in this thread as rows are written (n=0 once the
    workers have started); an exception from it stops the workers and propagates.
    Raises SegmentError when a worker fails and WorkersUnavailable when none can
    be started.
    """
    folder = Path(tempfile.mkdtemp(prefix=".leaderlog-export-", dir=beside))
    events: queue.SimpleQueue[tuple[_Worker, dict[str, Any] | None]] = queue.SimpleQueue()
    pool: list[_Worker] = []
    try:
        for index in range(workers):
            pool.append(_Worker(index, folder, events))
        segments = plan()
        for worker in pool:
            worker.open_database(database)
        return _run(pool, segments, folder, target, events, on_rows)
    finally:
        for worker in pool:
            worker.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _run(
    pool: list[_Worker],
    segments: Sequence[Segment],
    folder: Path,
    target: IO[bytes],
    events: queue.SimpleQueue,  # type: ignore[type-arg]
    on_rows: Callable[[int], None],
) -> int:
    paths = [folder / f"segment-{index:05d}.csv" for index in range(len(segments))]
    finished: set[int] = set()
    handed_out = appended = written = 0

    def hand_out(worker: _Worker) -> None:
        nonlocal handed_out
        if handed_out < len(segments):
            worker.give(handed_out, segments[handed_out], paths[handed_out])
            handed_out += 1
        else:
            worker.finish()

    on_rows(0)  # the workers are up; nothing handed out yet
    for worker in pool:
        hand_out(worker)
    running = len(pool)
    while running:
        worker, message = events.get()
        if message is None:  # the worker's output ended: it exited
            worker.process.wait()
            if worker.task is not None or worker.process.returncode != 0:
                raise SegmentError("crash", worker.crash_message())
            running -= 1
        elif "rows" in message:
            written += message["rows"]
            on_rows(message["rows"])
        elif "done" in message:
            finished.add(message["done"])
            worker.task = None
            hand_out(worker)
            # segments finish out of order; append the finished ones that come next
            while appended in finished:
                _append(paths[appended], target)
                paths[appended].unlink()
                appended += 1
        else:
            worker.task = None  # it stops by itself
            raise SegmentError(message["error"], message["message"])
    return written


@contextlib.contextmanager
def unchanged_while(database: Path) -> Iterator[Callable[[], bool]]:
    """Yield a check telling whether no other connection committed to the database since entry.

    Workers read in their own transactions; an export whose database did not change
    while they ran is one consistent snapshot.
    """
    connection = sqlite3.connect(database, isolation_level=None)
    try:
        connection.execute(f"PRAGMA busy_timeout = {export_worker.BUSY_TIMEOUT_MS}")
        first = connection.execute("PRAGMA data_version").fetchone()[0]
        yield lambda: connection.execute("PRAGMA data_version").fetchone()[0] == first
    finally:
        connection.close()
