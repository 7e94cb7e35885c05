"""SIGTERM, SIGHUP and logout close the window like Ctrl+Q: drafts kept, lock released, backup made."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import SIGNAL
from PySide6.QtWidgets import QApplication

from leaderlog.data.store import open_database
from leaderlog.journal import people
from leaderlog.safety import backups
from leaderlog.ui.start import termination


def test_sigterm_closes_the_window_and_keeps_the_half_typed_note_as_a_draft(
    db, leader, open_window, keyboard, app_paths, qtbot
):
    people.add_member(db, leader.id, "Sam Lee")
    window = open_window()
    keyboard.alt("o")
    keyboard.type("Half-typed when the session ended")
    previous = {name: signal.getsignal(getattr(signal, name)) for name in ("SIGTERM", "SIGHUP")}
    logout = SIGNAL("commitDataRequest(QSessionManager&)")
    listening = QApplication.instance().receivers(logout)
    waker = termination.quit_on_termination_signals(window.close)
    # the desktop session's logout request reaches the same close (it cannot be faked here)
    assert QApplication.instance().receivers(logout) == listening + 1
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    finally:
        waker.stop()
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)
    [draft] = app_paths.drafts_dir.glob("today-*.json")
    assert "Half-typed when the session ended" in draft.read_text(encoding="utf-8")


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM is POSIX")
def test_the_real_app_quits_cleanly_on_sigterm_and_releases_its_lock(db_path, tmp_path):
    db = open_database(db_path)
    people.add_leader(db, "Ana Ruiz")
    db.dispose()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LEADERLOG_HOME": str(tmp_path / "home")}
    app = subprocess.Popen(
        [sys.executable, "-m", "leaderlog", "--db", str(db_path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lock_file = backups.lock_file_for(db_path)
    deadline = time.monotonic() + 60
    while not lock_file.exists() and app.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert lock_file.exists(), app.stderr.read() if app.stderr else ""
    time.sleep(1.0)  # let the window open and the event loop start
    app.send_signal(signal.SIGTERM)
    _, err = app.communicate(timeout=60)
    assert app.returncode == 0, err
    assert not lock_file.exists()
    # the journal changed since it was created, so quitting left a verified backup
    assert [info.reason for info in backups.list_backups(db_path)] == ["auto"]
