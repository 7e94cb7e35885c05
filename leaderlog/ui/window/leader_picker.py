"""The leader picker: the toolbar's list of active leaders, whose journal every page works on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLabel, QToolBar

from leaderlog.ui.context import AppContext

if TYPE_CHECKING:
    from leaderlog.core.records import Leader


class LeaderPickerToolBar(QToolBar):
    """'Leader: [name · team]': choosing one sets the context's leader for every page."""

    def __init__(self, context: AppContext) -> None:
        super().__init__("Leader")
        self.context = context
        self.setObjectName("leader-toolbar")
        self.setMovable(False)
        label = QLabel("&Leader ")
        self.combo = QComboBox()
        self.combo.setAccessibleName("Leader")
        self.combo.setToolTip("Whose journal you are working on (Ctrl+L)")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setMinimumContentsLength(18)
        label.setBuddy(self.combo)
        self.combo.activated.connect(self._picked)
        self.addWidget(label)
        self.addWidget(self.combo)
        context.leader_changed.connect(self.select)

    def reload(self, leaders: list[Leader] | None = None) -> None:
        """Fill the picker with active leaders and keep the chosen one if still there.

        ``leaders``: already read (the start-up's first screen); else they are read now.
        """
        context = self.context
        if leaders is None:
            from leaderlog.journal import people

            leaders = people.list_leaders(context.db)
        self.combo.blockSignals(True)
        self.combo.clear()
        for leader in leaders:
            text = f"{leader.name} · {leader.team}" if leader.team else leader.name
            self.combo.addItem(text, leader)
        self.combo.blockSignals(False)
        self.combo.setEnabled(bool(leaders))
        if not leaders:
            self.combo.addItem("No leaders yet")
            context.set_leader(None)
            return
        current = context.leader
        keep = next((x for x in leaders if current and x.id == current.id), None)
        context.set_leader(keep or context.remembered_leader(leaders))
        self.select(context.leader)

    def select(self, leader: Leader | None) -> None:
        """Show this leader as the chosen one (the context changed it)."""
        from leaderlog.core.records import Leader

        for row in range(self.combo.count()):
            data = self.combo.itemData(row)
            if isinstance(data, Leader) and leader is not None and data.id == leader.id:
                self.combo.setCurrentIndex(row)
                return

    def open_list(self) -> None:
        """Edit › Choose leader: focus the picker and open its list."""
        from PySide6.QtCore import Qt

        self.combo.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.combo.showPopup()

    def _picked(self, row: int) -> None:
        from leaderlog.core.records import Leader

        leader = self.combo.itemData(row)
        if isinstance(leader, Leader):
            self.context.set_leader(leader)
            self.context.show_status(f"Now working on {leader.name}'s journal.")
