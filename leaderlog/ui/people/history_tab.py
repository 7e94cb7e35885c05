"""The People page's Settings history tab: when the chosen leader's record starts, and their dated settings."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from leaderlog.core.errors import LeaderLogError
from leaderlog.core.records import Leader
from leaderlog.journal import people, settings_history
from leaderlog.journal.settings_history import SettingsChange
from leaderlog.ui.context import AppContext
from leaderlog.ui.people.dialogs import LeaderDialog, RecordDialog
from leaderlog.ui.people.tables import (
    date_edit,
    fill_table,
    from_qdate,
    make_table,
    selected_record,
)
from leaderlog.ui.widgets import show_error

HEADERS = [
    "From",
    "Team",
    "Workdays",
    "Minutes a workday",
    "Coaching a week",
    "Reinforcements a week",
]


class StartDateDialog(RecordDialog):
    """Set the day a leader's record starts, or let it follow the day added and the first entry."""

    def __init__(self, context: AppContext, leader: Leader, parent: QWidget | None) -> None:
        super().__init__("Record start", parent)
        self.context = context
        self.leader = leader
        self.start_edit = date_edit(people.start_date(context.db, leader.id))
        self.add_row("Record &starts", self.start_edit, "start date", "Day the record starts")
        self.derived = QCheckBox("&Follow the day they were added or their first entry")
        self.derived.setAccessibleName("Derive the start from the day added and the first entry")
        self.derived.toggled.connect(lambda on: self.start_edit.setEnabled(not on))
        self.form.addRow("", self.derived)
        hint = QLabel("Nothing before the start counts as a miss or lowers a score.")
        hint.setWordWrap(True)
        self.form.addRow("", hint)

    def save_record(self) -> object:
        day = None if self.derived.isChecked() else from_qdate(self.start_edit.date())
        return people.set_start_date(self.context.db, self.leader.id, day)


class SettingsHistoryTab(QWidget):
    """The chosen leader's start date and settings history, oldest first; change from a day on."""

    changed = Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.table = make_table("Settings history", HEADERS)
        self.change_button = QPushButton("&Change from a date…")
        self.change_button.setAccessibleName("Change the leader's settings from a date on")
        self.change_button.clicked.connect(self.change)
        self.start_button = QPushButton("Set &start…")
        self.start_button.setAccessibleName("Set the day the leader's record starts")
        self.start_button.clicked.connect(self.set_start)
        self.delete_button = QPushButton("&Delete change")
        self.delete_button.setAccessibleName("Delete the selected settings change")
        self.delete_button.clicked.connect(self.delete)
        self.table.currentCellChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        for button in (self.change_button, self.start_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        note = QLabel(
            "A change applies from its day on; the weeks before keep the settings shown above it."
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)

    def refresh(self) -> None:
        leader = self.context.leader
        for button in (self.change_button, self.start_button):
            button.setEnabled(leader is not None)
        if leader is None:
            self.heading.setText("Choose a leader in the toolbar to see their settings history.")
            fill_table(self.table, [])
            self._update_buttons()
            return
        start = people.start_date(self.context.db, leader.id)
        self.heading.setText(f"{leader.name}'s record starts {start:%a %d %b %Y}")
        changes = settings_history.history(self.context.db, leader.id)
        rows: list[tuple[object, list[str]]] = [
            (
                change,
                [
                    change.effective_from.isoformat(),
                    change.team,
                    str(change.pattern),
                    str(change.target_minutes),
                    str(change.target_coaching),
                    str(change.target_reinforcement),
                ],
            )
            for change in changes
        ]
        if not rows:  # never changed: one period from the start with the leader's settings
            rows = [
                (
                    None,
                    [
                        start.isoformat(),
                        leader.team,
                        str(leader.work_pattern),
                        str(leader.target_minutes),
                        str(leader.target_coaching),
                        str(leader.target_reinforcement),
                    ],
                )
            ]
        fill_table(self.table, rows)
        self._update_buttons()

    def _update_buttons(self) -> None:
        change = selected_record(self.table)
        self.delete_button.setEnabled(
            isinstance(change, SettingsChange) and self.table.rowCount() > 1
        )

    def change(self) -> None:
        leader = self.context.leader
        if leader is None:
            return
        fresh = people.get_leader(self.context.db, leader.id)
        dialog = LeaderDialog(self.context, fresh, self)
        if dialog.exec():
            self.context.show_status(f"Saved leader {dialog.result_record.name}.")  # type: ignore[attr-defined]
            self.changed.emit()

    def set_start(self) -> None:
        leader = self.context.leader
        if leader is None:
            return
        dialog = StartDateDialog(self.context, leader, self)
        if dialog.exec():
            self.context.show_status(
                f"{leader.name}'s record starts {dialog.result_record:%d %b %Y}."
            )
            self.changed.emit()

    def delete(self) -> None:
        change = selected_record(self.table)
        if not isinstance(change, SettingsChange):
            return
        answer = QMessageBox.question(
            self,
            "Delete settings change",
            f"Delete the change from {change.effective_from.isoformat()}? "
            "The settings before it then apply until the next change.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            people.delete_settings_change(self.context.db, change.id, today=self.context.today())
        except LeaderLogError as exc:
            show_error(self, exc, "Nothing was deleted.")
            return
        self.context.show_status(f"Deleted the change from {change.effective_from.isoformat()}.")
        self.changed.emit()
