"""The entry edit dialog (shared by Today, Journal and Follow-ups): issue 16 defects 4 and 5."""

from __future__ import annotations

import datetime as dt
import os

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtTest import QTest

from leaderlog.journal import logbook, people
from leaderlog.ui.entries import EntryEditDialog
from leaderlog.ui.widgets import FieldErrorLabel

TODAY = dt.date(2026, 11, 20)


def open_dialog(qtbot, window, entry) -> EntryEditDialog:
    dialog = EntryEditDialog(window.context, entry, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def tab_in_and_type(edit, text: str) -> None:
    """Tab into the field (its year is selected) and type a whole date."""
    edit.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClicks(edit, text)


def drag_over_and_type(edit, text: str) -> None:
    """Select the date with the mouse, end to end, and type another over it."""
    line = edit.lineEdit()
    middle = line.height() // 2
    edit.setFocus(Qt.FocusReason.MouseFocusReason)
    QTest.mousePress(line, Qt.MouseButton.LeftButton, pos=QPoint(2, middle))
    QTest.mouseMove(line, QPoint(line.width() - 2, middle))
    QTest.mouseRelease(line, Qt.MouseButton.LeftButton, pos=QPoint(line.width() - 2, middle))
    assert line.selectedText() == line.text()
    QTest.keyClicks(edit, text)


def test_a_date_typed_over_the_date_field_is_the_date_saved(db, leader, open_window, qtbot):
    """Defect 5: typing 2026-11-17 over the selected date kept the old one, and saved it."""
    window = open_window()
    log = logbook.add_day_log(db, leader.id, dt.date(2026, 11, 19), 30, today=TODAY)
    dialog = open_dialog(qtbot, window, log)

    drag_over_and_type(dialog.day_edit, "2026-11-17")
    assert dialog.day_edit.text() == "2026-11-17"
    dialog._save()

    assert dialog.saved is not None and dialog.saved.day == dt.date(2026, 11, 17)
    assert logbook.get_day_log(db, leader.id, dt.date(2026, 11, 17)).minutes == 30
    assert logbook.get_day_log(db, leader.id, dt.date(2026, 11, 19)) is None


def test_a_follow_up_date_typed_then_saved_at_once_is_kept(db, leader, open_window, qtbot):
    window = open_window()
    member = people.add_member(db, leader.id, "Sam Lee")
    note = logbook.add_coaching_note(
        db, leader.id, dt.date(2026, 11, 18), member.id, "seen", follow_up_on=TODAY, today=TODAY
    )
    dialog = open_dialog(qtbot, window, note)

    tab_in_and_type(dialog.follow_edit, "2026-12-04")
    dialog._save()

    (saved,) = logbook.list_follow_ups(db, leader.id)
    assert saved.follow_up_on == dt.date(2026, 12, 4)


def test_two_digits_typed_into_the_day_still_change_only_the_day(db, leader, open_window, qtbot):
    window = open_window()
    log = logbook.add_day_log(db, leader.id, dt.date(2026, 11, 19), 30, today=TODAY)
    dialog = open_dialog(qtbot, window, log)

    dialog.day_edit.setFocus()
    dialog.day_edit.setSelectedSection(dialog.day_edit.Section.DaySection)
    QTest.keyClicks(dialog.day_edit, "16")

    assert dialog.day_edit.day() == dt.date(2026, 11, 16)


def test_an_error_that_wraps_onto_two_lines_is_shown_whole(db, leader, open_window, qtbot):
    """Defect 4: the day log's date error wrapped, but the dialog kept its height: half a line."""
    window = open_window()
    log = logbook.add_day_log(db, leader.id, dt.date(2026, 11, 18), 20, today=TODAY)
    dialog = open_dialog(qtbot, window, log)

    dialog.day_edit.setDate(QDate(2026, 11, 28))
    dialog._save()

    (error,) = [label for label in dialog.findChildren(FieldErrorLabel) if label.isVisible()]
    assert "in the future" in error.text()
    lines = error.heightForWidth(error.width()) // error.fontMetrics().lineSpacing()
    assert lines >= 2  # it does wrap at the dialog's width
    assert error.height() >= error.heightForWidth(error.width())
    assert error.geometry().bottom() < dialog.height()
    if shot := os.environ.get("LEADERLOG_SHOTS"):
        dialog.grab().save(f"{shot}/edit_dialog_error.png")
