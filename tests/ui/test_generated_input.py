"""Generated names and notes pasted into the real forms (issue 15): each is refused with a
message under its field and nothing is stored, or it is stored and shown exactly.

Names are stored as the field holds them in Unicode NFC, white space runs folded to one
space; notes exactly as the field holds them, trimmed. (What the field holds is what was
pasted, but for QPlainTextEdit turning a lone carriage return, U+2028 and U+2029 into a
line break and a no-break space into a space.)
"""

from __future__ import annotations

import unicodedata

from helpers.generated_text import NOTES, names
from hypothesis import HealthCheck, event, given, settings
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from leaderlog.core.records import CoachingNote
from leaderlog.journal import logbook, people
from leaderlog.ui.widgets import FieldErrorLabel

FEW = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
Key = Qt.Key


def _paste(widget: QWidget, text: str) -> None:
    """Paste text into widget with Ctrl+V, as from another program."""
    QApplication.clipboard().setText(text)
    widget.setFocus()
    QTest.keyClick(widget, Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(widget, Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def _errors_shown(form: QWidget) -> list[str]:
    return [
        label.text()
        for label in form.findChildren(FieldErrorLabel)
        if label.isVisibleTo(form) and label.text().strip()
    ]


def _as_stored_name(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def test_generated_names_in_the_add_leader_dialog_are_refused_or_stored_and_shown_exactly(
    db, leader, open_window
) -> None:
    window = open_window()
    window.go_to(4)
    tab = window.page("people").leaders_tab

    @FEW
    @given(names(leader.name))
    def add_leader_named(typed: str) -> None:
        before = people.list_leaders(db, include_archived=True)
        seen: dict[str, object] = {}

        def fill_and_save() -> None:
            dialog = QApplication.activeModalWidget()
            _paste(dialog.name_edit, typed)
            seen["field"] = dialog.name_edit.text()
            save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
            QTest.mouseClick(save, Qt.MouseButton.LeftButton)
            if dialog.isVisible():  # not saved: say why, then cancel as a user would
                seen["errors"] = _errors_shown(dialog)
                dialog.reject()

        QTimer.singleShot(0, fill_and_save)
        tab.add()
        after = people.list_leaders(db, include_archived=True)
        if "errors" in seen:
            event("refused")
            assert seen["errors"], f"{typed!r} was refused without a message"
            assert after == before
            return
        event("stored")
        expected = _as_stored_name(str(seen["field"]))
        (added,) = [one for one in after if one not in before]
        assert added.name == expected
        shown = [tab.table.item(row, 0).text() for row in range(tab.table.rowCount())]
        assert expected in shown
        assert f"Added leader {expected}." in window.statusBar().currentMessage()

    add_leader_named()


def test_generated_notes_on_today_are_refused_or_stored_and_shown_exactly(
    db, leader, open_window
) -> None:
    people.add_member(db, leader.id, "Sam Lee")
    window = open_window()
    today = window.page("today")

    @FEW
    @given(NOTES, NOTES)
    def coach_with(observation: str, action: str) -> None:
        today.form.clear_fields()
        before = logbook.list_entries(db, leader_ids=[leader.id])
        today.who_edit.setText("Sam Lee")
        _paste(today.observation_edit, observation)
        _paste(today.action_edit, action)
        in_fields = (today.observation_edit.toPlainText(), today.action_edit.text())
        QTest.keyClick(today.observation_edit, Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        after = logbook.list_entries(db, leader_ids=[leader.id])
        errors = _errors_shown(today)
        if errors:
            event("refused")
            assert after == before, f"{observation!r} / {action!r} showed {errors} but was saved"
            return
        event("stored")
        (note,) = [entry for entry in after if entry not in before]
        assert isinstance(note, CoachingNote)
        assert (note.observation, note.action) == (in_fields[0].strip(), in_fields[1].strip())
        listed = [today.today_list.item(row).text() for row in range(today.today_list.count())]
        assert any(note.observation in text and note.action in text for text in listed)

    coach_with()
