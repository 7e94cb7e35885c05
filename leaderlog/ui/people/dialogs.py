"""The People page's form dialogs: a leader (with the day a change applies from), a standard, a team member's name."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from leaderlog.core.records import WEEKDAY_NAMES, Leader, Standard, TeamMember, WorkPattern
from leaderlog.journal import people
from leaderlog.ui.context import AppContext
from leaderlog.ui.people.tables import date_edit, from_qdate
from leaderlog.ui.widgets import FieldErrorLabel, FormErrors, add_field_row, guarded


class RecordDialog(QDialog):
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


class LeaderDialog(RecordDialog):
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
        self.applies_from = date_edit(context.today())
        if leader is not None:  # a new leader's settings apply from their start
            self.add_row(
                "Changes apply &from",
                self.applies_from,
                "from",
                "Day the team, workday or target changes apply from",
            )
            hint = QLabel("Weeks before this day keep the settings in force then.")
            hint.setWordWrap(True)
            self.form.addRow("", hint)

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
        return people.edit_leader(
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
            from_qdate(self.applies_from.date()),
        )


class StandardDialog(RecordDialog):
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


class RenameDialog(RecordDialog):
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
