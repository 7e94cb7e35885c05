"""People › Time off and Settings history: leave added, edited, deleted (upcoming first); dated edits."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from leaderlog.journal import people, settings_history, time_off
from leaderlog.ui.people import history_tab, time_off_tab
from leaderlog.ui.people.dialogs import LeaderDialog
from leaderlog.ui.people.history_tab import StartDateDialog
from leaderlog.ui.people.time_off_tab import TimeOffDialog

TODAY = dt.date(2026, 11, 20)  # the ui tests' clock


def qdate(day: str) -> QDate:
    return QDate.fromString(day, "yyyy-MM-dd")


def save(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def table_rows(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def open_tab(open_window, index: int):  # type: ignore[no-untyped-def]
    window = open_window()
    window.go_to(4)
    page = window.page("people")
    page.tabs.setCurrentIndex(index)
    return window, page


def test_time_off_lists_current_and_planned_first_then_past(db, leader, open_window) -> None:
    time_off.add(db, leader.id, "2026-08-03", "2026-08-14", "vacation", "Summer")
    time_off.add(db, leader.id, "2027-01-04", None, "training")
    time_off.add(db, leader.id, "2026-11-19", "2026-11-23", "sick")
    time_off.add(db, leader.id, "2026-03-02", "2026-03-03", "other")
    _, page = open_tab(open_window, 2)
    tab = page.time_off_tab
    assert tab.heading.text() == "Time off of Ana Ruiz"
    assert table_rows(tab.table) == [
        ["2026-11-19", "2026-11-23", "5", "Sick leave", "now", ""],
        ["2027-01-04", "2027-01-04", "1", "Training", "planned", ""],
        ["2026-08-03", "2026-08-14", "12", "Vacation", "past", "Summer"],
        ["2026-03-02", "2026-03-03", "2", "Other leave", "past", ""],
    ]


def test_add_edit_and_delete_time_off(db, leader, open_window, qtbot, monkeypatch) -> None:
    window, page = open_tab(open_window, 2)
    tab = page.time_off_tab
    assert tab.empty.isVisible() and "no time off recorded" in tab.empty.text()

    dialog = TimeOffDialog(window.context, leader.id, None, tab)
    qtbot.addWidget(dialog)
    dialog.first_edit.setDate(qdate("2026-12-21"))
    assert dialog.last_edit.date() == qdate("2026-12-21")  # To follows a later From
    dialog.last_edit.setDate(qdate("2027-01-01"))
    dialog.note_edit.setText("Holidays at home")
    save(dialog)
    [added] = time_off.list_time_off(db, [leader.id])
    assert (added.first_day, added.last_day, added.kind, added.note) == (
        dt.date(2026, 12, 21),
        dt.date(2027, 1, 1),
        "vacation",
        "Holidays at home",
    )

    overlapping = TimeOffDialog(window.context, leader.id, None, tab)
    qtbot.addWidget(overlapping)
    overlapping.first_edit.setDate(qdate("2026-12-31"))
    save(overlapping)
    assert overlapping.result() == 0 and overlapping.result_record is None
    assert "Overlaps vacation 2026-12-21 to 2027-01-01" in " ".join(
        label.text() for label in overlapping.findChildren(type(overlapping.general))
    )

    page.refresh()
    tab.table.selectRow(0)
    editor = TimeOffDialog(window.context, leader.id, added, tab)
    qtbot.addWidget(editor)
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("training"))
    editor.last_edit.setDate(qdate("2026-12-23"))
    save(editor)
    [edited] = time_off.list_time_off(db, [leader.id])
    assert (edited.last_day, edited.kind, edited.version) == (dt.date(2026, 12, 23), "training", 2)

    page.refresh()
    assert table_rows(tab.table)[0][:4] == ["2026-12-21", "2026-12-23", "3", "Training"]
    tab.table.selectRow(0)
    monkeypatch.setattr(
        time_off_tab.QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No
    )
    tab.delete_button.click()
    assert len(time_off.list_time_off(db, [leader.id])) == 1
    monkeypatch.setattr(
        time_off_tab.QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes
    )
    tab.delete_button.click()
    assert time_off.list_time_off(db, [leader.id]) == []
    assert tab.table.rowCount() == 0
    assert window.statusBar().currentMessage() == "Deleted training 2026-12-21 to 2026-12-23."


def test_the_edit_dialog_asks_from_when_a_change_applies(db, leader, open_window, qtbot) -> None:
    people.set_start_date(db, leader.id, "2026-01-05")
    window, page = open_tab(open_window, 3)
    tab = page.history_tab
    assert tab.heading.text() == "Ana Ruiz's record starts Mon 05 Jan 2026"
    assert table_rows(tab.table) == [["2026-01-05", "North", "mon-fri", "60", "3", "5"]]
    assert not tab.delete_button.isEnabled()

    fresh = people.get_leader(db, leader.id)
    dialog = LeaderDialog(window.context, fresh, tab)
    qtbot.addWidget(dialog)
    assert dialog.applies_from.date() == qdate("2026-11-20")  # today by default
    dialog.minutes_spin.setValue(120)
    dialog.applies_from.setDate(qdate("2026-06-01"))
    save(dialog)
    calendar = settings_history.calendar_for(db, leader.id, dt.date(2026, 5, 25), TODAY)
    assert calendar.settings_on(dt.date(2026, 5, 29)).target_minutes == 60
    assert calendar.settings_on(dt.date(2026, 6, 1)).target_minutes == 120
    page.refresh()
    assert table_rows(tab.table) == [
        ["2026-01-05", "North", "mon-fri", "60", "3", "5"],
        ["2026-06-01", "North", "mon-fri", "120", "3", "5"],
    ]
    assert page.leaders_tab.table.item(0, 3).text() == "120"  # in force today


def test_delete_a_change_and_set_the_start(db, leader, open_window, qtbot, monkeypatch) -> None:
    people.set_start_date(db, leader.id, "2026-01-05")
    people.edit_leader(
        db, dataclasses.replace(people.get_leader(db, leader.id), team="South"), "2026-09-07"
    )
    window, page = open_tab(open_window, 3)
    tab = page.history_tab
    tab.table.selectRow(1)
    assert tab.delete_button.isEnabled()
    monkeypatch.setattr(
        history_tab.QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes
    )
    tab.delete_button.click()
    assert [c.team for c in settings_history.history(db, leader.id)] == ["North"]
    assert people.get_leader(db, leader.id).team == "North"

    dialog = StartDateDialog(window.context, people.get_leader(db, leader.id), tab)
    qtbot.addWidget(dialog)
    assert dialog.start_edit.date() == qdate("2026-01-05")
    dialog.start_edit.setDate(qdate("2026-03-02"))
    save(dialog)
    assert people.start_date(db, leader.id) == dt.date(2026, 3, 2)
    again = StartDateDialog(window.context, people.get_leader(db, leader.id), tab)
    qtbot.addWidget(again)
    again.derived.setChecked(True)
    assert not again.start_edit.isEnabled()
    save(again)
    assert people.start_date(db, leader.id) == dt.date.today()  # added today, no entries
