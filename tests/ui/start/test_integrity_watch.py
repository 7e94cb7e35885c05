"""A damaged journal: set aside at start or by the background check, and its backup offered."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox

from leaderlog.data.store import open_database
from leaderlog.journal import logbook, people
from leaderlog.safety import backups
from leaderlog.ui.start import integrity_watch
from leaderlog.ui.start.app import open_database_for_window

TODAY = dt.date(2026, 11, 20)


def test_a_damaged_journal_at_start_is_set_aside_and_the_backup_restored_on_request(
    db_path, app_paths, qtbot, answer_modal
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

    answer_modal(restore)
    reopened = open_database_for_window(str(db_path), demo=False)
    assert reopened is not None
    try:
        assert "moved aside, unchanged" in text[0] and "1 entry" in text[0]
        assert len(logbook.list_entries(reopened)) == 1
        assert list(db_path.parent.glob("*.damaged"))
    finally:
        reopened.dispose()


def test_damage_found_by_the_background_check_is_set_aside_and_the_backup_offered(
    db, db_path, leader, open_window, qtbot, answer_modal
):
    logbook.add_day_log(db, leader.id, TODAY, 30, today=TODAY)
    backups.create_backup(db_path, "auto")
    window = open_window()
    db.dispose()
    sound = db_path.read_bytes()
    damaged = bytearray(sound)
    damaged[2 * 4096 : 2 * 4096 + 8] = b"\x55" * 8
    db_path.write_bytes(bytes(damaged))

    watcher = integrity_watch.IntegrityWatcher(db_path, window)
    found: list[list[str]] = []
    watcher.damaged.connect(found.append)
    watcher.start()
    qtbot.waitUntil(lambda: bool(found), timeout=10000)

    def restore(box) -> None:  # type: ignore[no-untyped-def]
        [button] = [b for b in box.buttons() if b.text().startswith("Restore the backup")]
        button.click()

    answer_modal(restore)
    assert (
        integrity_watch.recover_while_open(window, db, found[0], window.refresh_after_restore)
        == "restore"
    )
    [moved] = db_path.parent.glob("*.damaged")
    assert moved.read_bytes() == bytes(damaged)
    assert [e.minutes for e in logbook.list_entries(db)] == [30]  # type: ignore[union-attr]
