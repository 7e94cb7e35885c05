"""File › Back up now and Restore from backup… as a user meets them."""

from __future__ import annotations

import datetime as dt

from leaderlog.journal import logbook
from leaderlog.safety import backups
from leaderlog.ui.window import backup_actions

TODAY = dt.date(2026, 11, 20)


def test_back_up_now_then_restore_a_backup_chosen_by_date_and_entry_count(
    db, db_path, leader, open_window, answer_modal
):
    logbook.add_day_log(db, leader.id, TODAY, 30, today=TODAY)
    window = open_window()
    window.back_up_now()
    assert "Backed up 1 entry" in window.statusBar().currentMessage()
    logbook.add_day_log(db, leader.id, TODAY - dt.timedelta(days=1), 45, today=TODAY)

    shown: list[list[str]] = []

    def choose_newest(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, backup_actions.RestoreDialog)
        table = dialog.table
        shown.extend(
            [table.item(row, col).text() for col in range(4)] for row in range(table.rowCount())
        )
        dialog.accept()

    answer_modal(choose_newest)
    window.restore_from_backup()

    [(taken, age, entries, why)] = shown
    assert age == "just now"
    assert taken.startswith(dt.date.today().isoformat()) and entries == "1" and why == "manual"
    assert [e.minutes for e in logbook.list_entries(db)] == [30]  # type: ignore[union-attr]
    assert "kept as" in window.statusBar().currentMessage()
    kept = [info for info in backups.list_backups(db_path) if info.reason == "before-restore"]
    assert len(kept) == 1 and kept[0].entries == 2
