"""Data safety in the window: back up, restore, recovery offer, one window per journal, SIGTERM, erase."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import SIGNAL, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from leaderlog.data.store import open_database
from leaderlog.journal import logbook, people
from leaderlog.safety import backups
from leaderlog.ui.start import data_safety
from leaderlog.ui.start.app import EXIT_ALREADY_OPEN, open_database_for_window, run_app

TODAY = dt.date(2026, 11, 20)


def when_modal(handle) -> None:  # type: ignore[no-untyped-def]
    """Run ``handle(dialog)`` on the next modal dialog, as a user answering it."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, answer)
            return
        handle(dialog)

    QTimer.singleShot(0, answer)


def test_back_up_now_then_restore_a_backup_chosen_by_date_and_entry_count(
    db, db_path, leader, open_window
):
    logbook.add_day_log(db, leader.id, TODAY, 30, today=TODAY)
    window = open_window()
    window.back_up_now()
    assert "Backed up 1 entry" in window.statusBar().currentMessage()
    logbook.add_day_log(db, leader.id, TODAY - dt.timedelta(days=1), 45, today=TODAY)

    shown: list[list[str]] = []

    def choose_newest(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, data_safety.RestoreDialog)
        table = dialog.table
        shown.extend(
            [table.item(row, col).text() for col in range(4)] for row in range(table.rowCount())
        )
        dialog.accept()

    when_modal(choose_newest)
    window.restore_from_backup()

    [(taken, age, entries, why)] = shown
    assert age == "just now"
    assert taken.startswith(dt.date.today().isoformat()) and entries == "1" and why == "manual"
    assert [e.minutes for e in logbook.list_entries(db)] == [30]  # type: ignore[union-attr]
    assert "kept as" in window.statusBar().currentMessage()
    kept = [info for info in backups.list_backups(db_path) if info.reason == "before-restore"]
    assert len(kept) == 1 and kept[0].entries == 2


def test_a_damaged_journal_at_start_is_set_aside_and_the_backup_restored_on_request(
    db_path, app_paths, qtbot
):
    db = open_database(db_path)
    leader = people.add_leader(db, "Ana Ruiz")
    logbook.add_day_log(db, leader.id, TODAY, 30, today=TODAY)
    db.dispose()
    backups.create_backup(db_path, "auto")
    data = bytearray(db_path.read_bytes())
    data[8192 : 8192 + 8] = b"\x55" * 8
    db_path.write_bytes(bytes(data))
    text: list[str] = []

    def restore(box) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(box, QMessageBox)
        text.append(box.text())
        [button] = [b for b in box.buttons() if b.text().startswith("Restore the backup")]
        button.click()

    when_modal(restore)
    reopened = open_database_for_window(str(db_path), demo=False)
    assert reopened is not None
    try:
        assert "moved aside, unchanged" in text[0] and "1 entry" in text[0]
        assert len(logbook.list_entries(reopened)) == 1
        assert list(db_path.parent.glob("*.damaged"))
    finally:
        reopened.dispose()


def test_the_lock_file_stops_a_second_window_and_a_stale_one_is_taken_over(
    db_path, app_paths, monkeypatch
):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app installs its own
    open_database(db_path).dispose()
    first = data_safety.acquire_instance_lock(db_path)
    assert first is not None
    lock_file = backups.lock_file_for(db_path)
    assert lock_file.read_text().splitlines()[0] == str(os.getpid())
    told: list[str] = []

    def read(box) -> None:  # type: ignore[no-untyped-def]
        told.append(box.text())
        box.close()

    when_modal(read)
    assert run_app(app_paths, str(db_path), demo=False) == EXIT_ALREADY_OPEN
    assert "already open on this journal" in told[0]
    first.unlock()

    # a lock left behind by a LeaderLog that crashed (its process is gone) is stale
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)  # fmt: skip
    lock_file.write_text(f"{gone.stdout.strip()}\nleaderlog\n{os.uname().nodename}\n")
    taken = data_safety.acquire_instance_lock(db_path)
    assert taken is not None
    taken.unlock()


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
    waker = data_safety.quit_on_termination_signals(window.close)
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


def test_people_page_exports_and_erases_a_team_member_after_confirmation(
    db, leader, open_window, tmp_path, monkeypatch
):
    sam = people.add_member(db, leader.id, "Sam Lee")
    people.add_member(db, leader.id, "Kim Park")
    logbook.add_coaching_note(db, leader.id, TODAY, sam.id, "Greeted late", today=TODAY)
    window = open_window()
    window.go_to(4)
    page = window.page("people")
    page.tabs.setCurrentIndex(1)
    tab = page.members_tab
    row = next(r for r in range(tab.table.rowCount()) if tab.table.item(r, 0).text() == "Sam Lee")
    tab.table.selectRow(row)

    out = tmp_path / "sam.csv"
    monkeypatch.setattr(data_safety.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    tab.export_button.click()
    assert "Greeted late" in out.read_text(encoding="utf-8")

    def type_name(answer: str):  # type: ignore[no-untyped-def]
        def handle(dialog) -> None:  # type: ignore[no-untyped-def]
            assert isinstance(dialog, QInputDialog)
            assert "1 coaching notes" in dialog.labelText()
            dialog.setTextValue(answer)
            dialog.accept()

        return handle

    when_modal(type_name("Sam"))  # not the full name: nothing happens
    tab.erase_button.click()
    assert "Sam Lee" in [m.name for m in people.list_members(db, leader.id)]

    when_modal(type_name("sam lee"))
    tab.erase_button.click()
    assert [m.name for m in people.list_members(db, leader.id)] == ["Kim Park"]
    assert logbook.list_entries(db) == []
    assert "Erased Sam Lee" in window.statusBar().currentMessage()
    assert [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())] == ["Kim Park"]


def test_damage_found_by_the_background_check_is_set_aside_and_the_backup_offered(
    db, db_path, leader, open_window, qtbot
):
    logbook.add_day_log(db, leader.id, TODAY, 30, today=TODAY)
    backups.create_backup(db_path, "auto")
    window = open_window()
    db.dispose()
    sound = db_path.read_bytes()
    damaged = bytearray(sound)
    damaged[2 * 4096 : 2 * 4096 + 8] = b"\x55" * 8
    db_path.write_bytes(bytes(damaged))

    watcher = data_safety.IntegrityWatcher(db_path, window)
    found: list[list[str]] = []
    watcher.damaged.connect(found.append)
    watcher.start()
    qtbot.waitUntil(lambda: bool(found), timeout=10000)

    def restore(box) -> None:  # type: ignore[no-untyped-def]
        [button] = [b for b in box.buttons() if b.text().startswith("Restore the backup")]
        button.click()

    when_modal(restore)
    assert (
        data_safety.recover_while_open(window, db, found[0], window.refresh_after_restore)
        == "restore"
    )
    [moved] = db_path.parent.glob("*.damaged")
    assert moved.read_bytes() == bytes(damaged)
    assert [e.minutes for e in logbook.list_entries(db)] == [30]  # type: ignore[union-attr]
