"""A name typed on Today that is not in the team yet: one click adds it ("Add “X” to the team").

Both the coached name (Who) and the reinforced one (For) take a name typed in; For is a
list of the team that also takes a new name, so both offer the same one-click addition.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLineEdit, QPushButton, QWidget

from leaderlog.core.records import TeamMember
from leaderlog.core.validation import name_key
from leaderlog.ui.context import AppContext
from leaderlog.ui.widgets import FormErrors, guarded

WHOLE_TEAM = "Whole team"


def typed_name(text: str) -> str:
    """The name as it would be added: inner runs of spaces made one, ends trimmed."""
    return " ".join(text.split())


def with_add_button(field: QWidget) -> tuple[QHBoxLayout, QPushButton]:
    """A name field and, beside it, its (hidden) button that adds the typed name to the team."""
    button = QPushButton()
    button.setAccessibleName("Add this name to the team and save")
    button.hide()
    row = QHBoxLayout()
    row.addWidget(field, 1)
    row.addWidget(button)
    return row, button


def team_combo() -> QComboBox:
    """The team as a list (the whole team first) that also takes a name typed in, completed."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter([], combo)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    combo.setCompleter(completer)
    combo.lineEdit().setPlaceholderText(WHOLE_TEAM)
    return combo


def show_team(combo: QComboBox, members: list[TeamMember]) -> None:
    """The members in the list and its completer; a name being typed stays typed."""
    typed = combo.currentText()
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(WHOLE_TEAM, None)
    for member in members:
        combo.addItem(member.name, member.id)
    completer = combo.completer()
    completer.model().setStringList([WHOLE_TEAM, *(m.name for m in members)])  # type: ignore[attr-defined]
    match = combo.findText(typed, Qt.MatchFlag.MatchFixedString) if typed else -1
    if match < 0 and not typed:
        match = max(0, combo.findData(current))
    if match >= 0:
        combo.setCurrentIndex(match)
    else:
        combo.setEditText(typed)
    combo.blockSignals(False)


def name_in_team_combo(combo: QComboBox) -> str:
    """The name typed or picked, as it would be looked up; "" for the whole team."""
    text = typed_name(combo.currentText())
    return "" if name_key(text) == name_key(WHOLE_TEAM) else text


def member_id_in_team_combo(combo: QComboBox) -> int | None:
    """The member the combo names exactly (None: the whole team, or a name not in the list)."""
    key = name_key(name_in_team_combo(combo))
    for index in range(1, combo.count()):
        if key and name_key(combo.itemText(index)) == key:
            return combo.itemData(index)
    return None


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
