"""The People page: leaders (team, work pattern, targets), their team members, and standards."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from leaderlog.core.errors import LeaderLogError
from leaderlog.core.records import WEEKDAY_NAMES, Leader, Standard, TeamMember, WorkPattern
from leaderlog.journal import people
from leaderlog.ui.context import AppContext
from leaderlog.ui.page import Page
from leaderlog.ui.widgets import (
    FieldErrorLabel,
    FormErrors,
    add_field_row,
    fit_columns,
    guarded,
    show_error,
)

RECORD_ROLE = Qt.ItemDataRole.UserRole


class _RecordDialog(QDialog):
    """A small form dialog whose Save runs a domain call and shows its field errors inline."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.form = QFormLayout()
        self.general = FieldErrorLabel()
        self.errors = FormErrors(self.general)
        self.result_record: object = None
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        layout.addWidget(buttons)

    def add_row(self, text: str, widget: QWidget, field: str, accessible: str) -> None:
        widget.setAccessibleName(accessible)
        add_field_row(self.form, self.errors, text, widget, field)

    def save_record(self) -> object:
        raise NotImplementedError

    def _save(self) -> None:
        self.errors.clear()
        saved = guarded(self, self.errors, self.save_record, "Nothing was saved.")
        if saved is not None:
            self.result_record = saved
            self.accept()


class LeaderDialog(_RecordDialog):
    """Add or edit a leader: name, team, workdays and personal targets."""

    def __init__(self, context: AppContext, leader: Leader | None, parent: QWidget | None) -> None:
        super().__init__("Edit leader" if leader else "Add leader", parent)
        self.context = context
        self.leader = leader
        self.name_edit = QLineEdit(leader.name if leader else "")
        self.add_row("&Name", self.name_edit, "name", "Leader name")
        self.team_edit = QLineEdit(leader.team if leader else "")
        self.team_edit.setCompleter(QCompleter(people.list_teams(context.db), self.team_edit))
        self.add_row("&Team or site", self.team_edit, "team", "Team or site")
        pattern = leader.work_pattern if leader else WorkPattern()
        days_widget = QWidget()
        days_layout = QHBoxLayout(days_widget)
        days_layout.setContentsMargins(0, 0, 0, 0)
        self.day_checks: list[QCheckBox] = []
        for index, name in enumerate(WEEKDAY_NAMES):
            check = QCheckBox(name.capitalize())
            check.setAccessibleName(f"Works on {name.capitalize()}")
            check.setChecked(pattern.days[index])
            days_layout.addWidget(check)
            self.day_checks.append(check)
        days_layout.addStretch(1)
        self.add_row("&Workdays", days_widget, "workdays", "Workdays")
        self.minutes_spin = self._spin(
            leader.target_minutes if leader else people.DEFAULT_TARGET_MINUTES,
            1440,
            " min a workday",
        )
        self.add_row(
            "Customer &minutes",
            self.minutes_spin,
            "target minutes",
            "Target minutes with customers per workday",
        )
        self.coaching_spin = self._spin(
            leader.target_coaching if leader else people.DEFAULT_TARGET_COACHING, 1000, " a week"
        )
        self.add_row(
            "&Coaching talks",
            self.coaching_spin,
            "coaching target",
            "Target coaching conversations per week",
        )
        self.reinforcement_spin = self._spin(
            leader.target_reinforcement if leader else people.DEFAULT_TARGET_REINFORCEMENT,
            1000,
            " a week",
        )
        self.add_row(
            "&Reinforcements",
            self.reinforcement_spin,
            "reinforcement target",
            "Target reinforcement actions per week",
        )

    @staticmethod
    def _spin(value: int, maximum: int, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, maximum)
        spin.setSuffix(suffix)
        spin.setValue(value)
        return spin

    def save_record(self) -> Leader:
        pattern = WorkPattern(tuple(c.isChecked() for c in self.day_checks))  # type: ignore[arg-type]
        if self.leader is None:
            return people.add_leader(
                self.context.db,
                self.name_edit.text(),
                team=self.team_edit.text(),
                workdays=pattern,
                target_minutes=self.minutes_spin.value(),
                target_coaching=self.coaching_spin.value(),
                target_reinforcement=self.reinforcement_spin.value(),
            )
        return people.update_leader(
            self.context.db,
            dataclasses.replace(
                self.leader,
                name=self.name_edit.text(),
                team=self.team_edit.text(),
                work_pattern=pattern,
                target_minutes=self.minutes_spin.value(),
                target_coaching=self.coaching_spin.value(),
                target_reinforcement=self.reinforcement_spin.value(),
            ),
        )


class StandardDialog(_RecordDialog):
    """Add or edit a service standard."""

    def __init__(
        self, context: AppContext, standard: Standard | None, parent: QWidget | None
    ) -> None:
        super().__init__("Edit standard" if standard else "Add standard", parent)
        self.context = context
        self.standard = standard
        self.name_edit = QLineEdit(standard.name if standard else "")
        self.name_edit.setPlaceholderText("e.g. Greet within 10 seconds")
        self.add_row("&Name", self.name_edit, "name", "Standard name")
        self.description_edit = QPlainTextEdit(standard.description if standard else "")
        self.description_edit.setTabChangesFocus(True)
        self.add_row("&Description", self.description_edit, "description", "Standard description")

    def save_record(self) -> Standard:
        if self.standard is None:
            return people.add_standard(
                self.context.db, self.name_edit.text(), self.description_edit.toPlainText()
            )
        return people.update_standard(
            self.context.db,
            dataclasses.replace(
                self.standard,
                name=self.name_edit.text(),
                description=self.description_edit.toPlainText(),
            ),
        )


def _table(name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    return table


def _fill(table: QTableWidget, rows: list[tuple[object, list[str]]]) -> None:
    current = table.currentRow()
    table.setRowCount(len(rows))
    for row, (record, cells) in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(RECORD_ROLE, record)
            table.setItem(row, column, item)
    fit_columns(table)
    if rows:
        table.selectRow(min(max(current, 0), len(rows) - 1))


def _selected(table: QTableWidget) -> object:
    item = table.item(table.currentRow(), 0)
    return item.data(RECORD_ROLE) if item is not None else None


class _ListTab(QWidget):
    """A table with Add / Edit / Archive buttons and a 'show archived' switch."""

    changed = Signal()

    def __init__(self, name: str, headers: list[str], noun: str, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.status: Callable[[str], None] = context.show_status
        self.noun = noun
        self.table = _table(name, headers)
        self.table.itemActivated.connect(self.edit)
        self.show_archived = QCheckBox(f"Show archived {noun}s")
        self.show_archived.setAccessibleName(f"Show archived {noun}s")
        self.show_archived.toggled.connect(self.refresh)
        self.add_button = QPushButton(f"&Add {noun}…")
        self.add_button.setAccessibleName(f"Add a {noun}")
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton("Ed&it…" if noun != "team member" else "Re&name…")
        self.edit_button.setAccessibleName(f"Edit the selected {noun}")
        self.edit_button.clicked.connect(self.edit)
        self.archive_button = QPushButton("Ar&chive")
        self.archive_button.setAccessibleName(f"Archive or bring back the selected {noun}")
        self.archive_button.clicked.connect(self.toggle_archived)
        self.table.currentCellChanged.connect(self._update_buttons)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.add_button)
        self.buttons.addWidget(self.edit_button)
        self.buttons.addWidget(self.archive_button)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.show_archived)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.buttons)
        self.layout_.addWidget(self.table, 1)
        self.layout_.addWidget(self.empty)

    def refresh(self) -> None:
        raise NotImplementedError

    def add(self) -> None:
        raise NotImplementedError

    def edit(self) -> None:
        raise NotImplementedError

    def set_archived(self, record: object, archived: bool) -> None:
        raise NotImplementedError

    def toggle_archived(self) -> None:
        record = _selected(self.table)
        if record is None:
            return
        archived = not record.archived  # type: ignore[attr-defined]
        try:
            self.set_archived(record, archived)
        except LeaderLogError as exc:
            show_error(self, exc)
            return
        name = record.name  # type: ignore[attr-defined]
        self.status(
            f"{name} archived (their entries are kept; tick “Show archived” to bring them back)."
            if archived
            else f"{name} is active again."
        )
        self.changed.emit()

    def _update_buttons(self) -> None:
        record = _selected(self.table)
        self.edit_button.setEnabled(record is not None)
        self.archive_button.setEnabled(record is not None)
        if record is not None:
            self.archive_button.setText(
                "Bring &back" if record.archived else "Ar&chive"  # type: ignore[attr-defined]
            )

    def _after_fill(self, empty_text: str) -> None:
        self.empty.setText(empty_text if self.table.rowCount() == 0 else "")
        self.empty.setVisible(self.table.rowCount() == 0)
        self._update_buttons()


class LeadersTab(_ListTab):
    def __init__(self, context: AppContext) -> None:
        super().__init__(
            "Leaders",
            [
                "Name",
                "Team",
                "Workdays",
                "Minutes a workday",
                "Coaching a week",
                "Reinforcements a week",
                "Status",
            ],
            "leader",
            context,
        )

    def refresh(self) -> None:
        leaders = people.list_leaders(
            self.context.db, include_archived=self.show_archived.isChecked()
        )
        _fill(
            self.table,
            [
                (
                    leader,
                    [
                        leader.name,
                        leader.team,
                        str(leader.work_pattern),
                        str(leader.target_minutes),
                        str(leader.target_coaching),
                        str(leader.target_reinforcement),
                        "archived" if leader.archived else "active",
                    ],
                )
                for leader in leaders
            ],
        )
        self._after_fill("No leaders yet. Add the first one with “Add leader…”.")

    def add(self) -> None:
        dialog = LeaderDialog(self.context, None, self)
        if dialog.exec():
            leader: Leader = dialog.result_record  # type: ignore[assignment]
            self.status(f"Added leader {leader.name}.")
            self.changed.emit()
            if self.context.leader is None:
                self.context.set_leader(leader)

    def edit(self) -> None:
        leader = _selected(self.table)
        if not isinstance(leader, Leader):
            return
        dialog = LeaderDialog(self.context, leader, self)
        if dialog.exec():
            self.status(f"Saved leader {dialog.result_record.name}.")  # type: ignore[attr-defined]
            self.changed.emit()

    def set_archived(self, record: object, archived: bool) -> None:
        people.archive_leader(self.context.db, record.id, archived)  # type: ignore[attr-defined]


class MembersTab(_ListTab):
    def __init__(self, context: AppContext) -> None:
        super().__init__("Team members", ["Name", "Status"], "team member", context)
        self.heading = QLabel()
        self.new_name = QLineEdit()
        self.new_name.setAccessibleName("New team member's name")
        self.new_name.setPlaceholderText("New team member's name, then Enter")
        self.new_name.returnPressed.connect(self.add)
        self.name_error = FieldErrorLabel()
        self.errors = FormErrors(self.name_error)
        self.errors.add("name", self.name_error, self.new_name)
        self.add_button.setText("&Add")
        self.buttons.insertWidget(0, self.new_name, 2)
        self.layout_.insertWidget(0, self.heading)
        self.layout_.insertWidget(2, self.name_error)
        # a team member's rights over their data (see leaderlog.transfer.privacy)
        self.export_button = QPushButton("E&xport…")
        self.export_button.setAccessibleName("Export everything about the selected team member")
        self.export_button.clicked.connect(self.export_selected)
        self.erase_button = QPushButton("E&rase…")
        self.erase_button.setAccessibleName("Erase the selected team member and all their records")
        self.erase_button.clicked.connect(self.erase_selected)
        self.buttons.insertWidget(4, self.export_button)
        self.buttons.insertWidget(5, self.erase_button)

    def refresh(self) -> None:
        leader = self.context.leader
        enabled = leader is not None
        self.new_name.setEnabled(enabled)
        self.add_button.setEnabled(enabled)
        if leader is None:
            self.heading.setText("Choose a leader in the toolbar to see their team.")
            _fill(self.table, [])
            self._after_fill("")
            return
        self.heading.setText(f"Team of {leader.name}{' · ' + leader.team if leader.team else ''}")
        members = people.list_members(
            self.context.db, leader.id, include_archived=self.show_archived.isChecked()
        )
        _fill(
            self.table,
            [(m, [m.name, "archived" if m.archived else "active"]) for m in members],
        )
        self._after_fill(
            f"{leader.name} has no team members yet. Type a name above and press Enter; "
            "coaching notes and reinforcements can then name them."
        )

    def add(self) -> None:
        leader = self.context.leader
        if leader is None:
            return
        self.errors.clear()
        member = guarded(
            self,
            self.errors,
            lambda: people.add_member(self.context.db, leader.id, self.new_name.text()),
        )
        if member is not None:
            self.new_name.clear()
            self.status(f"Added {member.name} to {leader.name}'s team.")
            self.changed.emit()

    def edit(self) -> None:
        member = _selected(self.table)
        if not isinstance(member, TeamMember):
            return
        dialog = _RenameDialog(self.context, member, self)
        if dialog.exec():
            self.status(f"Renamed to {dialog.result_record.name}.")  # type: ignore[attr-defined]
            self.changed.emit()

    def set_archived(self, record: object, archived: bool) -> None:
        people.archive_member(self.context.db, record.id, archived)  # type: ignore[attr-defined]

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if hasattr(self, "erase_button"):
            selected = _selected(self.table) is not None
            self.export_button.setEnabled(selected)
            self.erase_button.setEnabled(selected)

    def export_selected(self) -> None:
        """Write everything about the selected member to a CSV file (subject-access request)."""
        from leaderlog.ui.people.member_privacy import export_member

        member = _selected(self.table)
        if isinstance(member, TeamMember):
            path = export_member(self, self.context.db, member)
            if path is not None:
                self.status(f"Wrote everything about {member.name} to {path}.")

    def erase_selected(self) -> None:
        """Erase the selected member, their notes and reinforcements, after confirmation."""
        from leaderlog.ui.people.member_privacy import erase_member

        member = _selected(self.table)
        if isinstance(member, TeamMember):
            outcome = erase_member(self, self.context.db, member, self.context.paths)
            if outcome is not None:
                self.status(f"Erased {member.name} and every record about them.")
                self.changed.emit()
                self.context.entries_changed.emit()


class _RenameDialog(_RecordDialog):
    def __init__(self, context: AppContext, member: TeamMember, parent: QWidget | None) -> None:
        super().__init__("Rename team member", parent)
        self.context = context
        self.member = member
        self.name_edit = QLineEdit(member.name)
        self.add_row("&Name", self.name_edit, "name", "Team member name")

    def save_record(self) -> TeamMember:
        return people.update_member(
            self.context.db, dataclasses.replace(self.member, name=self.name_edit.text())
        )


class StandardsTab(_ListTab):
    def __init__(self, context: AppContext) -> None:
        super().__init__("Standards", ["Standard", "Status", "Description"], "standard", context)

    def refresh(self) -> None:
        standards = people.list_standards(
            self.context.db, include_archived=self.show_archived.isChecked()
        )
        _fill(
            self.table,
            [
                (
                    s,
                    [
                        s.name,
                        "archived" if s.archived else "active",
                        " ".join(s.description.split()),
                    ],
                )
                for s in standards
            ],
        )
        self._after_fill(
            "No standards yet. Add the service standards your organisation coaches to, such as "
            "“Greet within 10 seconds” or “Own the problem”."
        )

    def add(self) -> None:
        dialog = StandardDialog(self.context, None, self)
        if dialog.exec():
            self.status(f"Added standard {dialog.result_record.name}.")  # type: ignore[attr-defined]
            self.changed.emit()

    def edit(self) -> None:
        standard = _selected(self.table)
        if not isinstance(standard, Standard):
            return
        dialog = StandardDialog(self.context, standard, self)
        if dialog.exec():
            self.status(f"Saved standard {dialog.result_record.name}.")  # type: ignore[attr-defined]
            self.changed.emit()

    def set_archived(self, record: object, archived: bool) -> None:
        people.archive_standard(self.context.db, record.id, archived)  # type: ignore[attr-defined]


class PeoplePage(Page):
    """Leaders, the chosen leader's team members, and the standards everyone coaches to."""

    title = "People"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.leaders_tab = LeadersTab(context)
        self.members_tab = MembersTab(context)
        self.standards_tab = StandardsTab(context)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("People sections")
        self.tabs.addTab(self.leaders_tab, "Leaders")
        self.tabs.addTab(self.members_tab, "Team members")
        self.tabs.addTab(self.standards_tab, "Standards")
        for tab in (self.leaders_tab, self.members_tab, self.standards_tab):
            tab.changed.connect(self._people_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def _people_changed(self) -> None:
        self.context.people_changed.emit()
        self.context.reload_leader()

    def refresh(self) -> None:
        for tab in (self.leaders_tab, self.members_tab, self.standards_tab):
            tab.refresh()

    def focus_first_input(self) -> None:
        current = self.tabs.currentWidget()
        assert isinstance(current, _ListTab)
        current.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
