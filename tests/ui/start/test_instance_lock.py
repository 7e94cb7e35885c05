"""One window per journal: a second LeaderLog is told why it will not open it; a stale lock is taken over."""

from __future__ import annotations

import os
import subprocess
import sys

from leaderlog.data.store import open_database
from leaderlog.safety import backups
from leaderlog.ui.start import instance_lock
from leaderlog.ui.start.app import EXIT_ALREADY_OPEN, run_app


def test_the_lock_file_stops_a_second_window_and_a_stale_one_is_taken_over(
    db_path, app_paths, monkeypatch, answer_modal
):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app installs its own
    open_database(db_path).dispose()
    first = instance_lock.acquire_instance_lock(db_path)
    assert first is not None
    lock_file = backups.lock_file_for(db_path)
    assert lock_file.read_text().splitlines()[0] == str(os.getpid())
    told: list[str] = []

    def read(box) -> None:  # type: ignore[no-untyped-def]
        told.append(box.text())
        box.close()

    answer_modal(read)
    assert run_app(app_paths, str(db_path), demo=False) == EXIT_ALREADY_OPEN
    assert "already open on this journal" in told[0]
    first.unlock()

    # a lock left behind by a LeaderLog that crashed (its process is gone) is stale
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)  # fmt: skip
    lock_file.write_text(f"{gone.stdout.strip()}\nleaderlog\n{os.uname().nodename}\n")
    taken = instance_lock.acquire_instance_lock(db_path)
    assert taken is not None
    taken.unlock()
