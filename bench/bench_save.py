"""Saving one day log from the Today form: the Save button's click until the entry is committed.

The real main window (offscreen) on a copy of the benchmark database; each sample types
new minutes and clicks Save, which validates and commits (WAL, synchronous=FULL); the
figure ends when the driver's COMMIT returns (the page's refresh afterwards is shown
beside it). Baseline, same run and same file: one bare ``INSERT`` and commit
through Python's sqlite3 with the same durability settings, timed in turns with the
saves (one of each per round) so a busy moment on a shared machine slows both alike.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from common import Timing, database_for, finish, interleaved, parser, ratio_row


def _bare_connection(path: Path) -> sqlite3.Connection:
    """Python's sqlite3 on the same file, with the app's durability settings and a scratch table."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("CREATE TABLE IF NOT EXISTS bench_scratch (minutes INTEGER)")
    return connection


def main(argv: list[str] | None = None) -> int:
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    source = database_for(args.quick, "quick" if args.quick else "100k")
    repeat = 10 if args.quick else 30
    with tempfile.TemporaryDirectory(prefix="leaderlog-save-") as folder:
        os.environ["LEADERLOG_HOME"] = str(Path(folder) / "home")
        path = Path(folder) / "journal.sqlite3"
        shutil.copyfile(source, path)
        from leaderlog.core.paths import AppPaths
        from leaderlog.data.store import open_database
        from leaderlog.ui.start.app import build_main_window, create_application

        app = create_application()
        db = open_database(path)
        window = build_main_window(db, AppPaths.default())
        window.show()
        app.processEvents()
        today = window.page("today")
        minutes = iter(range(1, 10**6))

        # the moment the driver's COMMIT returned (the entry is on disk), per save
        commits: list[float] = []
        dialect = db.engine.dialect
        plain_commit = dialect.do_commit

        def timed_commit(connection: object) -> None:
            plain_commit(connection)
            commits.append(time.perf_counter())

        dialect.do_commit = timed_commit  # type: ignore[method-assign]
        to_commit: list[float] = []

        def click_save() -> None:
            today.minutes_edit.setText(str(next(minutes) % 600 + 1))  # type: ignore[attr-defined]
            commits.clear()
            started = time.perf_counter()
            today.save_button.click()  # type: ignore[attr-defined]
            to_commit.append(commits[0] - started)

        bare_connection = _bare_connection(path)
        counter = iter(range(10**9))

        def bare_insert() -> None:
            bare_connection.execute("BEGIN IMMEDIATE")
            bare_connection.execute(
                "INSERT INTO bench_scratch (minutes) VALUES (?)", (next(counter),)
            )
            bare_connection.execute("COMMIT")

        for _ in range(3):  # warm-up: caches, the statement caches, the WAL
            click_save()
            bare_insert()
        # in turns, so a busy moment on a shared machine slows both alike
        timed = interleaved({"save": click_save, "bare": bare_insert}, repeat)
        handler, bare = timed["save"], timed["bare"]
        saving = Timing(tuple(to_commit[-repeat:]))
        app.processEvents()
        window.close()
        db.dispose()
        bare_connection.execute("DROP TABLE bench_scratch")
        bare_connection.close()
    rows = [
        ratio_row(
            "saving one day log from the quick-entry form (click to committed)",
            saving,
            bare,
            5.0,
            "bare INSERT + commit, WAL, synchronous=FULL",
            note=f"the whole click handler, page refresh included: {handler.describe()}",
        )
    ]
    return finish(rows, args.json)


if __name__ == "__main__":
    sys.exit(main())
