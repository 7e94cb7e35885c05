"""Defects of issue 16 found on Today, each as a user met it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from leaderlog.core.records import Reinforcement
from leaderlog.journal import logbook, people
from leaderlog.ui.today.form import PICK_DATE

TODAY = dt.date(2026, 11, 20)
Key = Qt.Key


def test_no_stale_draft_banner_after_a_save_and_a_visit_to_people(
    db, leader, open_window, keyboard
):
    """Defect 1: the banner offered what had just been saved; Bring back saved it twice."""
    window = open_window()
    today = window.page("today")
    keyboard.type("60")
    keyboard.alt("k")
    keyboard.type("r")  # Recognition
    today.autosave.timeout.emit()  # the draft of what is typed is on file
    keyboard.ctrl(Key.Key_Return)
    assert not today.banner.isVisible()

    keyboard.ctrl(Key.Key_5)  # People
    people.add_member(db, leader.id, "Sam Lee")
    window.context.people_changed.emit()
    keyboard.ctrl(Key.Key_1)  # back to Today

    assert window.stack.currentWidget() is today
    assert not today.banner.isVisible()
    assert not list(today.drafts.directory.glob("today-*.json"))
    (action,) = [
        e for e in logbook.list_entries(db, leader_ids=[leader.id]) if isinstance(e, Reinforcement)
    ]
    assert action.kind == "recognition"


def test_the_autosave_of_text_being_typed_is_not_offered_back_into_the_same_form(
    db, leader, open_window, keyboard
):
    window = open_window()
    today = window.page("today")
    keyboard.alt("o")
    keyboard.type("half a thought")
    today.autosave.timeout.emit()
    keyboard.ctrl(Key.Key_5)
    window.context.entries_changed.emit()  # Today is read again when shown
    keyboard.ctrl(Key.Key_1)
    assert not today.banner.isVisible()
    assert today.observation_edit.toPlainText() == "half a thought"


def test_an_invalid_follow_up_date_saves_nothing_and_keeps_the_form(
    db, leader, open_window, keyboard
):
    """Defect 3: the minutes were saved although the coaching note was refused."""
    people.add_member(db, leader.id, "Sam Lee")
    window = open_window()
    today = window.page("today")
    keyboard.type("30")
    today.who_edit.setText("Sam Lee")
    today.observation_edit.setPlainText("Greeted late")
    today.follow_combo.setCurrentIndex(today.follow_combo.findData(PICK_DATE))
    today.form.follow_up.date_edit.setDate(TODAY - dt.timedelta(days=3))  # before the note
    today.save()

    assert logbook.list_entries(db, leader_ids=[leader.id]) == []
    assert logbook.get_day_log(db, leader.id, TODAY) is None
    follow_up_error = today.errors._fields["follow-up"][0]
    assert follow_up_error.isVisible()
    assert today.minutes_edit.text() == "30"
    assert today.observation_edit.toPlainText() == "Greeted late"
    assert "Saved" not in window.statusBar().currentMessage()


def test_an_error_goes_once_its_field_is_fixed(db, leader, open_window, keyboard):
    """Defect 4: errors stayed on screen after the field was corrected."""
    window = open_window()
    today = window.page("today")
    keyboard.type("2000")
    keyboard.alt("i")
    keyboard.type("Well done")  # a reinforcement without a kind
    keyboard.ctrl(Key.Key_Return)
    minutes_error = today.errors._fields["minutes"][0]
    kind_error = today.errors._fields["kind"][0]
    assert minutes_error.isVisible() and kind_error.isVisible()

    keyboard.alt("m")
    keyboard.press(Key.Key_Backspace)  # 200
    assert not minutes_error.isVisible()
    assert kind_error.isVisible()  # only the field changed loses its error
    keyboard.alt("k")
    keyboard.press(Key.Key_Down)
    assert not kind_error.isVisible()


def test_the_form_wide_error_goes_with_the_first_change(db, leader, open_window, keyboard):
    window = open_window()
    today = window.page("today")
    keyboard.press(Key.Key_Return)  # nothing to save yet
    assert today.form.general_error.isVisible()
    keyboard.type("3")
    assert not today.form.general_error.isVisible()


def test_a_reinforcement_of_its_kind_alone_is_the_daily_minimum(db, leader, open_window, keyboard):
    """Defect 6, decided by the domain rule: a description is optional (docs/csv-format.md),
    so "Recognition" alone is saved; but only when the user chose it, never from a copy."""
    window = open_window()
    today = window.page("today")
    keyboard.alt("k")
    keyboard.type("r")
    keyboard.ctrl(Key.Key_Return)
    (action,) = logbook.list_entries(db, leader_ids=[leader.id])
    assert (action.kind, action.description) == ("recognition", "")
    assert today.kind_combo.currentData() is None  # cleared: Enter again saves nothing more
    keyboard.alt("m")
    keyboard.press(Key.Key_Return)
    assert len(logbook.list_entries(db, leader_ids=[leader.id])) == 1
