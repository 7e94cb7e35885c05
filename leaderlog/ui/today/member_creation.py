"""A coached name that is not in the team yet: one click adds it ("Add “X” to the team")."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from leaderlog.core.records import TeamMember
from leaderlog.ui.context import AppContext
from leaderlog.ui.widgets import FormErrors, guarded


def typed_name(text: str) -> str:
    """The name as it would be added: inner runs of spaces made one, ends trimmed."""
    return " ".join(text.split())


class InlineMemberCreation(QObject):
    """Drives the form's add-member button beside the coached name, instead of a detour to People."""

    member_added = Signal(object)
    """a records.TeamMember, added to the chosen leader's team and now in the name field"""

    def __init__(
        self,
        context: AppContext,
        button: QPushButton,
        name_edit: QLineEdit,
        errors: FormErrors,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.button = button
        self.name_edit = name_edit
        self.errors = errors
        self.parent_widget = parent
        button.hide()
        button.clicked.connect(self.add)
        name_edit.textEdited.connect(button.hide)

    def offer(self) -> None:
        """Show the button for the typed name (nothing is offered for an empty name)."""
        name = typed_name(self.name_edit.text())
        if not name or self.context.leader is None:
            return
        self.button.setText(f"Add “{name}” to the team")
        self.button.show()

    def hide(self) -> None:
        self.button.hide()

    def add(self) -> TeamMember | None:
        """Add the typed name to the leader's team; a refused name shows its error by the field."""
        from leaderlog.journal import people

        leader = self.context.leader
        if leader is None:
            return None
        member = guarded(
            self.parent_widget,
            self.errors,
            lambda: people.add_member(self.context.db, leader.id, self.name_edit.text()),
        )
        if member is None:
            return None
        self.button.hide()
        self.name_edit.setText(member.name)  # as the team spells it
        self.context.people_changed.emit()
        self.member_added.emit(member)
        return member
