"""The Follow-ups page and the sidebar's count of follow-ups due: issue 16, defect 8."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from leaderlog.journal import logbook, people

TODAY = dt.date(2026, 11, 20)
Key = Qt.Key


def test_the_sidebar_counts_follow_ups_due_today_with_the_overdue_ones(
    db, leader, open_window, qtbot
):
    sam = people.add_member(db, leader.id, "Sam Lee")
    for due in (TODAY - dt.timedelta(days=2), TODAY, TODAY + dt.timedelta(days=1)):
        logbook.add_coaching_note(
            db, leader.id, TODAY - dt.timedelta(days=5), sam.id, "seen", follow_up_on=due,
            today=TODAY,
        )  # fmt: skip
    window = open_window()
    item = window.sidebar.item(2)
    qtbot.waitUntil(lambda: item.text() == "Follow-ups (2)")
    assert item.toolTip() == "Follow-ups (Ctrl+3): 1 overdue, 1 due today"


def test_a_follow_up_due_only_today_is_counted(db, leader, open_window, qtbot):
    sam = people.add_member(db, leader.id, "Sam Lee")
    logbook.add_coaching_note(db, leader.id, TODAY, sam.id, "seen", follow_up_on=TODAY, today=TODAY)
    window = open_window()
    qtbot.waitUntil(lambda: window.sidebar.item(2).text() == "Follow-ups (1)")
    assert window.sidebar.item(2).toolTip().endswith("1 due today")


def test_a_follow_up_marked_done_by_mistake_is_opened_again_with_alt_u(
    db, leader, open_window, keyboard, qtbot
):
    sam = people.add_member(db, leader.id, "Sam Lee")
    late = logbook.add_coaching_note(
        db, leader.id, TODAY - dt.timedelta(days=10), sam.id, "slow greeting",
        follow_up_on=TODAY - dt.timedelta(days=3), today=TODAY,
    )  # fmt: skip
    window = open_window()
    keyboard.ctrl(Key.Key_3)
    page = window.page("followups")
    assert not page.undo_button.isVisible()
    keyboard.press(Key.Key_Space)
    assert page.overdue_tree.topLevelItemCount() == 0
    assert logbook.get_entry(db, "coaching", late.id).follow_up_done_on == TODAY
    assert "Alt+U undoes" in window.statusBar().currentMessage()
    assert page.undo_button.isVisible()
    assert page.undo_button.text() == "&Undo done: Sam Lee"
    qtbot.waitUntil(lambda: window.sidebar.item(2).text() == "Follow-ups")

    keyboard.alt("u")
    qtbot.waitUntil(lambda: not page.undo_button.isVisible())  # a mnemonic clicks after a blink

    assert logbook.get_entry(db, "coaching", late.id).follow_up_done_on is None
    assert page.overdue_tree.topLevelItemCount() == 1
    assert QApplication.focusWidget() is page.overdue_tree
    assert page.overdue_tree.currentItem().text(1) == "Sam Lee"
    assert not page.undo_button.isVisible()
    assert "open again" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.sidebar.item(2).text() == "Follow-ups (1)")


def test_the_shortcuts_dialog_names_every_key_the_window_answers(
    db, leader, open_window, answer_modal
):
    """Defect 9: keys that work inside pages (Alt+Left on Today, Alt+U here) were not listed."""
    from PySide6.QtGui import QKeySequence, QShortcut
    from PySide6.QtWidgets import QMessageBox

    from leaderlog.ui.window import help_dialogs

    window = open_window()
    for key in ("today", "followups", "dashboard", "people", "journal"):
        window.page(key)  # pages are built when first shown
    shown: list[str] = []

    def read(dialog) -> None:
        assert isinstance(dialog, QMessageBox)
        shown.append(dialog.text())
        dialog.close()

    answer_modal(read)
    help_dialogs.show_shortcuts(window)
    (table,) = shown
    native = QKeySequence.SequenceFormat.NativeText
    for shortcut in window.findChildren(QShortcut):
        keys = shortcut.key().toString(native)
        assert keys.replace("Return", "Enter") in table, keys
    assert "Alt+U" in table
    assert "Follow-ups" in table
