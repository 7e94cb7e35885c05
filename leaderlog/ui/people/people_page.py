"""The People page: leaders (team, work pattern, targets), their team members, and standards."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from leaderlog.core.errors import LeaderLogError
from leaderlog.core.records import Leader, Standard, TeamMember
from leaderlog.journal import people
from leaderlog.ui.context import AppContext
from leaderlog.ui.page import Page
from leaderlog.ui.people.dialogs import LeaderDialog, RenameDialog, StandardDialog
from leaderlog.ui.people.history_tab import SettingsHistoryTab
from leaderlog.ui.people.tables import fill_table, make_table, selected_record
from leaderlog.ui.people.time_off_tab import TimeOffTab
from leaderlog.ui.widgets import (
    FieldErrorLabel,
    FormErrors,
    guarded,
    show_error,
)


class _ListTab(QWidget):
    """A table with Add / Edit / Archive buttons and a 'show archived' switch."""

    changed = Signal()

    def __init__(self, name: str, headers: list[str], noun: str, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.status: Callable[[str], None] = context.show_status
        self.noun = noun
        self.table = make_table(name, headers)
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
        record = selected_record(self.table)
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
        record = selected_record(self.table)
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
        fill_table(
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
        leader = selected_record(self.table)
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
            fill_table(self.table, [])
            self._after_fill("")
            return
        self.heading.setText(f"Team of {leader.name}{' · ' + leader.team if leader.team else ''}")
        members = people.list_members(
            self.context.db, leader.id, include_archived=self.show_archived.isChecked()
        )
        fill_table(
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
        member = selected_record(self.table)
        if not isinstance(member, TeamMember):
            return
        dialog = RenameDialog(self.context, member, self)
        if dialog.exec():
            self.status(f"Renamed to {dialog.result_record.name}.")  # type: ignore[attr-defined]
            self.changed.emit()

    def set_archived(self, record: object, archived: bool) -> None:
        people.archive_member(self.context.db, record.id, archived)  # type: ignore[attr-defined]

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if hasattr(self, "erase_button"):
            selected = selected_record(self.table) is not None
            self.export_button.setEnabled(selected)
            self.erase_button.setEnabled(selected)

    def export_selected(self) -> None:
        """Write everything about the selected member to a CSV file (subject-access request)."""
        from leaderlog.ui.people.member_privacy import export_member

        member = selected_record(self.table)
        if isinstance(member, TeamMember):
            path = export_member(self, self.context.db, member)
            if path is not None:
                self.status(f"Wrote everything about {member.name} to {path}.")

    def erase_selected(self) -> None:
        """Erase the selected member, their notes and reinforcements, after confirmation."""
        from leaderlog.ui.people.member_privacy import erase_member

        member = selected_record(self.table)
        if isinstance(member, TeamMember):
            outcome = erase_member(self, self.context.db, member, self.context.paths)
            if outcome is not None:
                self.status(f"Erased {member.name} and every record about them.")
                self.changed.emit()
                self.context.entries_changed.emit()


class StandardsTab(_ListTab):
    def __init__(self, context: AppContext) -> None:
        super().__init__("Standards", ["Standard", "Status", "Description"], "standard", context)

    def refresh(self) -> None:
        standards = people.list_standards(
            self.context.db, include_archived=self.show_archived.isChecked()
        )
        fill_table(
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
        standard = selected_record(self.table)
        if not isinstance(standard, Standard):
            return
        dialog = StandardDialog(self.context, standard, self)
        if dialog.exec():
            self.status(f"Saved standard {dialog.result_record.name}.")  # type: ignore[attr-defined]
            self.changed.emit()

    def set_archived(self, record: object, archived: bool) -> None:
        people.archive_standard(self.context.db, record.id, archived)  # type: ignore[attr-defined]


class PeoplePage(Page):
    """Leaders, the chosen leader's team, time off and settings history, and the standards."""

    title = "People"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.leaders_tab = LeadersTab(context)
        self.members_tab = MembersTab(context)
        self.time_off_tab = TimeOffTab(context)
        self.history_tab = SettingsHistoryTab(context)
        self.standards_tab = StandardsTab(context)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("People sections")
        self.tabs.addTab(self.leaders_tab, "Leaders")
        self.tabs.addTab(self.members_tab, "Team members")
        self.tabs.addTab(self.time_off_tab, "Time off")
        self.tabs.addTab(self.history_tab, "Settings history")
        self.tabs.addTab(self.standards_tab, "Standards")
        for tab in (self.leaders_tab, self.members_tab, self.standards_tab, self.history_tab):
            tab.changed.connect(self._people_changed)
        # leave moves days off the score and shows in the Journal: the entry views re-read
        self.time_off_tab.changed.connect(self._calendar_changed)
        self.time_off_tab.holidays_requested.connect(self.edit_holidays)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def _tabs(self) -> tuple[QWidget, ...]:
        return (
            self.leaders_tab,
            self.members_tab,
            self.time_off_tab,
            self.history_tab,
            self.standards_tab,
        )

    def _people_changed(self) -> None:
        self.context.people_changed.emit()
        self.context.reload_leader()

    def _calendar_changed(self) -> None:
        self.context.entries_changed.emit()

    def edit_holidays(self) -> None:
        """The public holidays and company days dialog; views re-read when it closes."""
        from leaderlog.ui.people.holidays_dialog import HolidaysDialog

        HolidaysDialog(self.context, self).exec()
        self.context.entries_changed.emit()

    def refresh(self) -> None:
        for tab in self._tabs():
            tab.refresh()  # type: ignore[attr-defined]

    def focus_first_input(self) -> None:
        current = self.tabs.currentWidget()
        table = getattr(current, "table", None)
        if table is not None:
            table.setFocus(Qt.FocusReason.ShortcutFocusReason)
