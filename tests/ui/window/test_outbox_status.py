"""Team mode in the window: a save while the server is down waits, the status bar counts it, Send now sends it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from leaderlog.journal import logbook

TODAY = dt.date(2026, 11, 20)


@pytest.mark.postgres
@pytest.mark.parametrize("db", ["postgresql"], indirect=True)
def test_minutes_saved_while_the_server_is_down_wait_and_are_sent_once(
    db, leader, open_window, keyboard, postgres_cluster
):
    window = open_window()
    label = window.waiting_label
    assert label.isHidden()
    postgres_cluster.stop()
    try:
        keyboard.type("35")
        keyboard.press(Qt.Key.Key_Return)
        assert "unreachable" in window.statusBar().currentMessage()
        assert not label.isHidden()
        assert label.text().startswith("1 entry waiting to be sent")
    finally:
        postgres_cluster.start()
    label.send_now()
    assert label.isHidden()
    assert "sent 1 waiting entry" in window.statusBar().currentMessage().lower()
    assert logbook.get_day_log(db, leader.id, TODAY).minutes == 35
    label.send_now()  # nothing left: no second copy
    assert [e.entry_type for e in logbook.list_entries(db)] == ["day"]
