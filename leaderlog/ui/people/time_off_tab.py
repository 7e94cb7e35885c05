"""The People page's Time off tab: the chosen leader's leave, current and planned first, and its dialog."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from leaderlog.core.errors import LeaderLogError
from leaderlog.core.schedule import LEAVE_KINDS, LEAVE_LABELS
from leaderlog.journal import time_off
from leaderlog.journal.time_off import TimeOff
from leaderlog.journal.today import QUEUED_NOTE
from leaderlog.ui.context import AppContext
from leaderlog.ui.people.dialogs import RecordDialog
from leaderlog.ui.people.tables import (
    date_edit,
    fill_table,
    from_qdate,
    make_table,
    selected_record,
)
from leaderlog.ui.widgets import show_error


def when_text(item: TimeOff, today: dt.date) -> str:
    """'now', 'planned' or 'past': what the list's last column says of a range."""
    if item.covers(today):
        return "now"
    return "planned" if item.first_day > today else "past"


class TimeOffDialog(RecordDialog):
    """Add or edit one range of leave: first and last day, kind, note."""

    def __init__(
        self,
        context: AppContext,
        leader_id: int,
        item: TimeOff | None,
        parent: QWidget | None,
    ) -> None:
        super().__init__("Edit time off" if item else "Add time off", parent)
        self.context = context
        self.leader_id = leader_id
        self.item = item
        today = context.today()
        self.first_edit = date_edit(item.first_day if item else today)
        self.add_row("&From", self.first_edit, "first day", "First day off")
        self.last_edit = date_edit(item.last_day if item else today)
        self.add_row("&To", self.last_edit, "last day", "Last day off")
        # a range set later than its start is the common slip: keep To from falling behind
        self.first_edit.dateChanged.connect(
            lambda d: self.last_edit.setDate(d) if self.last_edit.date() < d else None
        )
        self.kind_combo = QComboBox()
        for kind in LEAVE_KINDS:
            self.kind_combo.addItem(LEAVE_LABELS[kind], kind)
        if item is not None:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(item.kind))
        self.add_row("&Kind", self.kind_combo, "kind", "Kind of leave")
        self.note_edit = QLineEdit(item.note if item else "")
        self.note_edit.setPlaceholderText("optional, e.g. “Summer in Porto”")
        self.add_row("&Note", self.note_edit, "note", "Note about the time off")
        hint = QLabel("Workdays off never count against the leader; the streak runs across them.")
        hint.setWordWrap(True)
        self.form.addRow("", hint)

    def save_record(self) -> TimeOff:
        first = from_qdate(self.first_edit.date())
        last = from_qdate(self.last_edit.date())
        kind = self.kind_combo.currentData()
        if self.item is None:
            from leaderlog.team import sync

            # team mode: new leave saved while the server is unreachable waits on this computer
            return sync.save_time_off(
                self.context.db,
                self.context.outbox,
                self.leader_id,
                first,
                last,
                kind,
                self.note_edit.text(),
            )
        return time_off.edit(
            self.context.db,
            self.item.id,
            first_day=first,
            last_day=last,
            kind=kind,
            note=self.note_edit.text(),
            expected_version=self.item.version,
        )


class TimeOffTab(QWidget):
    """The chosen leader's leave: add, edit, delete; current and planned first, then past."""

    changed = Signal()
    holidays_requested = Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.heading = QLabel()
        self.table = make_table("Time off", ["From", "To", "Days", "Kind", "When", "Note"])
        self.table.itemActivated.connect(self.edit)
        self.add_button = QPushButton("&Add time off…")
        self.add_button.setAccessibleName("Add time off for the chosen leader")
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton("Ed&it…")
        self.edit_button.setAccessibleName("Edit the selected time off")
        self.edit_button.clicked.connect(self.edit)
        self.delete_button = QPushButton("&Delete")
        self.delete_button.setAccessibleName("Delete the selected time off")
        self.delete_button.clicked.connect(self.delete)
        self.holidays_button = QPushButton("Public &holidays…")
        self.holidays_button.setAccessibleName("Public holidays and company days")
        self.holidays_button.clicked.connect(self.holidays_requested)
        self.table.currentCellChanged.connect(self._update_buttons)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.holidays_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)

    def refresh(self) -> None:
        leader = self.context.leader
        self.add_button.setEnabled(leader is not None)
        if leader is None:
            self.heading.setText("Choose a leader in the toolbar to see their time off.")
            fill_table(self.table, [])
            self._after_fill("")
            return
        self.heading.setText(f"Time off of {leader.name}")
        today = self.context.today()
        ranges = time_off.upcoming_first(
            time_off.list_time_off(self.context.db, [leader.id]), today
        )
        fill_table(
            self.table,
            [
                (
                    item,
                    [
                        item.first_day.isoformat(),
                        item.last_day.isoformat(),
                        str(item.calendar_days),
                        LEAVE_LABELS.get(item.kind, item.kind),
                        when_text(item, today),
                        " ".join(item.note.split()),
                    ],
                )
                for item in ranges
            ],
        )
        self._after_fill(
            f"{leader.name} has no time off recorded. Add leave (planned or past) so those "
            "workdays never count against them."
        )

    def _after_fill(self, empty_text: str) -> None:
        self.empty.setText(empty_text if self.table.rowCount() == 0 else "")
        self.empty.setVisible(self.table.rowCount() == 0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = selected_record(self.table) is not None
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)

    def add(self) -> None:
        leader = self.context.leader
        if leader is None:
            return
        dialog = TimeOffDialog(self.context, leader.id, None, self)
        if dialog.exec():
            added = dialog.result_record
            if isinstance(added, TimeOff):
                self.context.show_status(f"Added {added.describe().lower()} for {leader.name}.")
            else:  # sync.Queued: the team server did not answer
                self.context.show_status(
                    f"Time off for {leader.name}{QUEUED_NOTE}: {added.reason}"  # type: ignore[attr-defined]
                )
            self.changed.emit()

    def edit(self) -> None:
        item = selected_record(self.table)
        if not isinstance(item, TimeOff):
            return
        dialog = TimeOffDialog(self.context, item.leader_id, item, self)
        if dialog.exec():
            saved: TimeOff = dialog.result_record  # type: ignore[assignment]
            self.context.show_status(f"Saved {saved.describe().lower()}.")
            self.changed.emit()

    def delete(self) -> None:
        item = selected_record(self.table)
        if not isinstance(item, TimeOff):
            return
        answer = QMessageBox.question(
            self,
            "Delete time off",
            f"Delete {item.describe().lower()}? Those workdays will count again.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            time_off.delete(self.context.db, item.id)
        except LeaderLogError as exc:
            show_error(self, exc, "Nothing was deleted.")
            return
        self.context.show_status(f"Deleted {item.describe().lower()}.")
        self.changed.emit()
