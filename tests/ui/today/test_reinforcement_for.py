"""The reinforcement's For field takes a name typed in and adds a new one inline, as Who does."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from leaderlog.core.records import Reinforcement
from leaderlog.journal import logbook, people

TODAY = dt.date(2026, 11, 20)
Key = Qt.Key


def reinforcements(db, leader) -> list[Reinforcement]:
    return [
        e for e in logbook.list_entries(db, leader_ids=[leader.id]) if isinstance(e, Reinforcement)
    ]


def fill_reinforcement(keyboard, name: str) -> None:
    keyboard.alt("k")
    keyboard.type("p")  # Praise
    keyboard.alt("r")
    keyboard.type(name)
    if QApplication.activePopupWidget() is not None:
        keyboard.press(Key.Key_Escape)  # the completion list of names containing it
    keyboard.alt("i")
    keyboard.type("helped a customer find a size")


def test_a_new_name_typed_in_for_is_added_to_the_team_in_one_click(
    db, leader, open_window, keyboard, qtbot
):
    people.add_member(db, leader.id, "Sam Lee")
    window = open_window()
    today = window.page("today")
    fill_reinforcement(keyboard, "Priya Nair")
    keyboard.ctrl(Key.Key_Return)

    assert reinforcements(db, leader) == []
    error = today.form._field_errors["reinforcement member"]
    assert error.isVisible()
    assert "'Priya Nair' is not in Ana Ruiz's team" in error.text()
    button = today.form.for_add_member_button
    assert button.isVisible()
    assert button.text() == "Add “Priya Nair” to the team"
    assert not today.add_member_button.isVisible()  # Who's offer is for Who's name

    button.click()

    (action,) = reinforcements(db, leader)
    assert action.member_name == "Priya Nair"
    assert action.kind == "praise"
    assert [m.name for m in people.list_members(db, leader.id)] == ["Priya Nair", "Sam Lee"]
    assert "praise" in window.statusBar().currentMessage()
    assert today.for_combo.currentText() == "Whole team"  # the saved reinforcement is cleared
    assert not button.isVisible()


def test_a_name_not_in_the_team_is_refused_with_the_forms_other_problems(
    db, leader, open_window, keyboard
):
    window = open_window()
    today = window.page("today")
    keyboard.type("99999")
    fill_reinforcement(keyboard, "Priya")
    keyboard.ctrl(Key.Key_Return)

    assert logbook.list_entries(db, leader_ids=[leader.id]) == []
    errors = today.form._field_errors
    assert errors["minutes"].isVisible()
    assert errors["reinforcement member"].isVisible()
    assert today.for_combo.currentText() == "Priya"  # kept, to fix or add


def test_a_member_is_found_by_part_of_the_name_typed_in_for(db, leader, open_window, keyboard):
    sam = people.add_member(db, leader.id, "Sam Lee")
    people.add_member(db, leader.id, "Zoe Park")
    window = open_window()
    today = window.page("today")
    assert today.for_combo.isEditable()
    fill_reinforcement(keyboard, "sam")
    keyboard.ctrl(Key.Key_Return)

    (action,) = reinforcements(db, leader)
    assert action.member_id == sam.id


def test_for_left_at_whole_team_saves_for_the_whole_team(db, leader, open_window, keyboard):
    people.add_member(db, leader.id, "Sam Lee")
    window = open_window()
    keyboard.alt("k")
    keyboard.type("t")
    keyboard.alt("i")
    keyboard.type("closing the store together")
    keyboard.ctrl(Key.Key_Return)

    (action,) = reinforcements(db, leader)
    assert action.member_id is None
    assert window.page("today").for_combo.currentText() == "Whole team"
