"""LEADERLOG_EXIT_WHEN_READY: the real app, as a process, reports when it is ready and quits."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from leaderlog.core.paths import AppPaths
from leaderlog.data.engine import Database


def _start(db_path: Path, mode: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, LEADERLOG_EXIT_WHEN_READY=mode, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "leaderlog", "--db", str(db_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_form_mode_quits_once_the_leaders_day_is_shown_and_prints_both_times(
    db: Database, leader, db_path: Path, app_paths: AppPaths
) -> None:  # type: ignore[no-untyped-def]
    db.dispose()
    done = _start(db_path, "form")
    assert done.returncode == 0, done.stderr
    found = re.search(r"leaderlog ready: painted ([\d.]+) ms, form ([\d.]+) ms", done.stdout)
    assert found, done.stdout
    assert float(found[2]) >= float(found[1]) > 0


def test_painted_mode_quits_after_the_first_paint(
    db: Database, db_path: Path, app_paths: AppPaths
) -> None:
    db.dispose()
    done = _start(db_path, "painted")
    assert done.returncode == 0, done.stderr
    assert re.search(r"leaderlog ready: painted [\d.]+ ms", done.stdout), done.stdout
    assert "form" not in done.stdout


def test_form_mode_says_when_there_is_no_leader_to_show(
    db: Database, db_path: Path, app_paths: AppPaths
) -> None:
    db.dispose()
    done = _start(db_path, "form")
    assert done.returncode == 1
    assert "never showed a leader's data" in done.stderr
