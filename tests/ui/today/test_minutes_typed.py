"""Minutes on Today as people type them (issue 16, quick entry): 90, 1:30 or 1h30."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from leaderlog.journal import logbook

TODAY = dt.date(2026, 11, 20)
Key = Qt.Key


@pytest.mark.parametrize("typed", ["90", "1:30", "1h30", "1h 30 min"])
def test_an_hour_and_a_half_typed_any_way_saves_90_minutes(
    db, leader, open_window, keyboard, typed
):
    window = open_window()
    today = window.page("today")
    keyboard.type(typed)
    keyboard.press(Key.Key_Return)

    assert logbook.get_day_log(db, leader.id, TODAY).minutes == 90
    assert window.statusBar().currentMessage() == "Saved: 90 min with customers."
    assert today.minutes_edit.text() == "90"  # what was saved, in the form's own words


def test_minutes_typed_as_hours_are_not_saved_again_with_the_next_note(
    db, leader, open_window, keyboard
):
    window = open_window()
    keyboard.type("1:30")
    keyboard.press(Key.Key_Return)
    keyboard.alt("k")
    keyboard.type("r")  # Recognition
    keyboard.ctrl(Key.Key_Return)
    assert window.statusBar().currentMessage() == "Saved: recognition."
