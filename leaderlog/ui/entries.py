"""Showing, editing and deleting one journal entry: shared by the Today and Journal pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from leaderlog.core.errors import LeaderLogError
from leaderlog.core.records import CoachingNote, DayLog, Entry, Reinforcement
from leaderlog.core.validation import KIND_LABELS
from leaderlog.ui.context import AppContext
from leaderlog.ui.widgets import FieldErrorLabel, FormErrors, add_field_row, guarded, show_error

TYPE_LABELS = {"day": "Day log", "coaching": "Coaching", "reinforcement": "Reinforcement"}


def one_line(text: str, width: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def entry_who(entry: Entry) -> str:
    if isinstance(entry, DayLog):
        return ""
    if isinstance(entry, Reinforcement) and entry.member_id is None:
        return "Whole team"
    return entry.member_name or ""


def entry_details(entry: Entry, today: dt.date | None = None) -> str:
    """One line saying what the entry holds, for tables and lists."""
    if isinstance(entry, DayLog):
        text = f"{entry.minutes} min with customers"
        return f"{text} — {entry.note}" if entry.note else text
    if isinstance(entry, CoachingNote):
        text = entry.observation
        if entry.action:
            text += f" → {entry.action}"
        if entry.follow_up_done_on:
            text += f" (followed up {entry.follow_up_done_on.isoformat()})"
        elif entry.follow_up_on:
            late = today is not None and entry.is_overdue(today)
            text += f" ({'OVERDUE ' if late else ''}follow up {entry.follow_up_on.isoformat()})"
        return text
    kind = KIND_LABELS.get(entry.kind, entry.kind)
    return f"{kind}: {entry.description}" if entry.description else kind


def entry_summary(entry: Entry) -> str:
    """Short text naming an entry in confirmations ("Coaching with Sam Lee on 2026-11-20")."""
    label = TYPE_LABELS[entry.entry_type]
    who = entry_who(entry)
    return f"{label}{' with ' + who if who else ''} on {entry.day.isoformat()}"


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def delete_with_undo(context: AppContext, parent: QWidget, entry: Entry) -> bool:
    """Delete an entry, keep it for Edit > Undo and say so in the status bar."""
    from leaderlog.journal import (
        logbook,  # the Today page shows entries before SQLAlchemy is loaded
    )

    try:
        deleted = logbook.delete_entry(context.db, entry.entry_type, entry.id)
    except LeaderLogError as exc:
        show_error(parent, exc, "The entry could not be deleted.")
        return False
    context.remember_deleted(deleted)
    context.show_status(f"Deleted {entry_summary(deleted)}. Press Ctrl+Z to undo.")
    context.entries_changed.emit()
    return True


ISO_DATE_TYPED = re.compile(r"\d{0,4}(-\d{0,2}(-\d{0,2})?)?")
"""a YYYY-MM-DD date part way through being typed"""
WHOLE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class TypedDateEdit(QDateEdit):
    """A YYYY-MM-DD date field that also takes a whole date typed over its text.

    QDateEdit edits one section at a time: with all its text selected, the first digit
    typed makes the text unparsable, so it refuses every key and keeps the old date.
    Here a date being typed is let through; it counts once it is whole (or on Save).
    """

    def __init__(self, day: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(to_qdate(day), parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")

    def validate(self, text: str, pos: int) -> object:
        if ISO_DATE_TYPED.fullmatch(text) and not WHOLE_DATE.fullmatch(text):
            return QValidator.State.Intermediate, text, pos
        return super().validate(text, pos)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        line = self.lineEdit()
        if event.matches(QKeySequence.StandardKey.SelectAll):
            line.selectAll()  # the whole date, to type another over it
            return
        typed_from_start = (
            line.selectionStart() if line.hasSelectedText() else line.cursorPosition()
        ) == 0
        if event.text().isdigit() and typed_from_start and self._whole_date_shown():
            # a date typed from its start (after Tab, a click or Ctrl+A) replaces the whole
            # date; a digit typed into the month or day still edits just that part
            line.selectAll()
        super().keyPressEvent(event)

    def _whole_date_shown(self) -> bool:
        return WHOLE_DATE.fullmatch(self.lineEdit().text()) is not None

    def day(self) -> dt.date:
        """The date shown, with text still being typed read first (as Enter would)."""
        self.interpretText()
        return from_qdate(self.date())


class EntryEditDialog(QDialog):
    """Edit any journal entry in a dialog; domain validation errors appear under the fields."""

    def __init__(self, context: AppContext, entry: Entry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.entry = entry
        self.saved: Entry | None = None
        self.setWindowTitle(f"Edit {TYPE_LABELS[entry.entry_type].lower()}")
        self.setMinimumWidth(520)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        general = FieldErrorLabel()
        self.errors = FormErrors(general)

        def row(label: str, widget: QWidget, field: str, accessible: str) -> None:
            widget.setAccessibleName(accessible)
            add_field_row(form, self.errors, label, widget, field)

        self.day_edit = TypedDateEdit(entry.day)
        row("&Date", self.day_edit, "date", "Date")
        from leaderlog.journal import people

        members = people.list_members(context.db, entry.leader_id, include_archived=True)
        standards = people.list_standards(context.db, include_archived=True)

        if isinstance(entry, DayLog):
            self.minutes_edit = QSpinBox()
            self.minutes_edit.setRange(0, 1440)
            self.minutes_edit.setSuffix(" min")
            self.minutes_edit.setValue(entry.minutes)
            row("&Minutes with customers", self.minutes_edit, "minutes", "Minutes with customers")
            self.note_edit = QLineEdit(entry.note)
            row("Day &note", self.note_edit, "note", "Day note")
        else:
            self.member_combo = QComboBox()
            if isinstance(entry, Reinforcement):
                self.member_combo.addItem("Whole team", None)
            for member in members:
                self.member_combo.addItem(member.name, member.id)
            self.member_combo.setCurrentIndex(max(0, self.member_combo.findData(entry.member_id)))
            row("Team &member", self.member_combo, "member", "Team member")
            self.standard_combo = QComboBox()
            self.standard_combo.addItem("No standard", None)
            for standard in standards:
                self.standard_combo.addItem(standard.name, standard.id)
            self.standard_combo.setCurrentIndex(
                max(0, self.standard_combo.findData(entry.standard_id))
            )
            row("S&tandard", self.standard_combo, "standard", "Standard")

        if isinstance(entry, CoachingNote):
            self.observation_edit = QPlainTextEdit(entry.observation)
            self.observation_edit.setTabChangesFocus(True)
            row("&Observation", self.observation_edit, "observation", "Observation")
            self.action_edit = QLineEdit(entry.action)
            row("&Agreed action", self.action_edit, "agreed action", "Agreed action")
            self.follow_check = QCheckBox("Follow up on")
            self.follow_check.setAccessibleName("Has a follow-up date")
            self.follow_check.setChecked(entry.follow_up_on is not None)
            self.follow_edit = TypedDateEdit(entry.follow_up_on or entry.day)
            self.follow_edit.setEnabled(self.follow_check.isChecked())
            self.follow_check.toggled.connect(self.follow_edit.setEnabled)
            form.addRow(self.follow_check)
            row("&Follow-up date", self.follow_edit, "follow-up", "Follow-up date")
            self.done_check = QCheckBox("Follow-up comp&leted")
            self.done_check.setAccessibleName("Follow-up done")
            self.done_check.setChecked(entry.follow_up_done_on is not None)
            form.addRow(self.done_check)
        if isinstance(entry, Reinforcement):
            self.kind_combo = QComboBox()
            for key, label in KIND_LABELS.items():
                self.kind_combo.addItem(label, key)
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(entry.kind)))
            row("&Kind", self.kind_combo, "kind", "Kind of reinforcement")
            self.description_edit = QLineEdit(entry.description)
            row("D&escription", self.description_edit, "description", "Description")

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(general)
        layout.addWidget(buttons)

    def edited(self) -> Entry:
        """The entry with the dialog's values (not yet saved)."""
        entry = self.entry
        day = self.day_edit.day()
        if isinstance(entry, DayLog):
            return dataclasses.replace(
                entry, day=day, minutes=self.minutes_edit.value(), note=self.note_edit.text()
            )
        member_id = self.member_combo.currentData()
        standard_id = self.standard_combo.currentData()
        if isinstance(entry, CoachingNote):
            done = entry.follow_up_done_on
            if self.done_check.isChecked() and done is None:
                done = self.context.today()
            elif not self.done_check.isChecked():
                done = None
            return dataclasses.replace(
                entry,
                day=day,
                member_id=member_id,
                standard_id=standard_id,
                observation=self.observation_edit.toPlainText(),
                action=self.action_edit.text(),
                follow_up_on=self.follow_edit.day() if self.follow_check.isChecked() else None,
                follow_up_done_on=done,
            )
        return dataclasses.replace(
            entry,
            day=day,
            member_id=member_id,
            standard_id=standard_id,
            kind=self.kind_combo.currentData(),
            description=self.description_edit.text(),
        )

    def _save(self) -> None:
        changed = self.edited()
        db, today = self.context.db, self.context.today()
        from leaderlog.journal import logbook

        def save() -> Entry:
            if isinstance(changed, DayLog):
                return logbook.update_day_log(db, changed, today=today)
            if isinstance(changed, CoachingNote):
                return logbook.update_coaching_note(db, changed, today=today)
            return logbook.update_reinforcement(db, changed, today=today)

        self.errors.clear()
        saved = guarded(self, self.errors, save, "The entry was not saved.")
        if saved is None:
            self._fit_errors()
            return
        self.saved = saved
        self.context.show_status(f"Saved {entry_summary(saved)}.")
        self.context.entries_changed.emit()
        self.accept()

    def _fit_errors(self) -> None:
        """Grow to show every error line whole: a top-level dialog ignores its wrapped labels'
        height for their width, so a message wrapping onto a second line was cut in half."""
        layout = self.layout()
        layout.activate()
        needed = max(
            layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else 0,
            layout.totalMinimumSize().height(),
        )
        if needed > self.height():
            self.resize(self.width(), needed)


def edit_entry(context: AppContext, parent: QWidget, entry: Entry) -> Entry | None:
    """Open the edit dialog for an entry; the saved entry, or None if cancelled."""
    dialog = EntryEditDialog(context, entry, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.exec()
    return dialog.saved
