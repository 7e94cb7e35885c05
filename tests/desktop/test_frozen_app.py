"""The frozen app's code paths, run from source: export workers started as `<app> --leaderlog-export-worker`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.bulk_entries import insert_entries

from leaderlog.data import export_worker, parallel_export
from leaderlog.data.engine import Database
from leaderlog.transfer import csv_export

ROOT = Path(__file__).resolve().parents[2]
FROZEN_ENTRY = ROOT / "packaging" / "leaderlog_frozen.py"


@pytest.fixture
def frozen_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """sys.executable as a frozen app: an executable that runs packaging/leaderlog_frozen.py."""
    app = tmp_path / "leaderlog"
    app.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{FROZEN_ENTRY}" "$@"\n')
    app.chmod(0o755)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(app))
    return app


def test_a_frozen_app_starts_its_workers_as_itself(frozen_app: Path) -> None:
    assert parallel_export.worker_command() == [str(frozen_app), "--leaderlog-export-worker"]
    assert export_worker.FROZEN_APP_ARGUMENT == "--leaderlog-export-worker"


@pytest.mark.skipif(os.name != "posix", reason="the stand-in app is a shell script")
def test_frozen_workers_write_the_same_bytes_as_one_process(
    db: Database,
    tmp_path: Path,
    frozen_app: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    insert_entries(db, 10_000)
    alone = tmp_path / "alone.csv"
    csv_export.export_entries(db, alone, workers=1)

    trace = tmp_path / "workers"
    trace.mkdir()
    monkeypatch.setenv("LEADERLOG_EXPORT_WORKER_TRACE", str(trace))
    # 10,000 entries are below PARALLEL_FROM_ROWS: the variable lowers it, as smoke-test does
    monkeypatch.setenv(csv_export.PARALLEL_FROM_ROWS_VARIABLE, "1000")
    split = tmp_path / "split.csv"
    result = csv_export.export_entries(db, split, workers=2)

    assert result.rows == 10_000
    assert len(list(trace.iterdir())) == 2  # two worker processes of the "frozen app" ran
    assert split.read_bytes() == alone.read_bytes()


def test_gui_entry_point_runs_without_standard_streams(tmp_path: Path) -> None:
    """pythonw.exe (a Windows gui-script) has no stdout/stderr; --version must still exit 0."""
    code = (
        "import sys; sys.stdout = sys.stderr = None\n"
        "from leaderlog.desktop.gui import main\n"
        "raise SystemExit(main(['--version']))\n"
    )
    env = {**os.environ, "LEADERLOG_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
