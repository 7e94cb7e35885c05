"""The Follow-ups page: coaching follow-ups overdue and coming up; one keystroke marks one done.

A follow-up marked done by mistake is one click (Alt+U) from open again.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from leaderlog.core.errors import LeaderLogError
from leaderlog.core.records import CoachingNote
from leaderlog.journal import logbook, people
from leaderlog.ui.context import AppContext
from leaderlog.ui.entries import edit_entry
from leaderlog.ui.page import Page
from leaderlog.ui.widgets import show_error

NOTE_ROLE = Qt.ItemDataRole.UserRole
LEADER_COLUMN = 5


def _follow_up_list(name: str) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setAccessibleName(name)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setHeaderLabels(
        ["Due", "Team member", "Agreed action", "Observation", "Coached on", "Leader"]
    )
    tree.setUniformRowHeights(True)
    # rows and columns need air; the padding scales with the font at any DPI
    tree.setStyleSheet("QTreeView::item { padding: 0.25em 0.5em; }")
    header = tree.header()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(5, QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(False)
    return tree


def _due_text(note: CoachingNote, today: dt.date) -> str:
    if note.follow_up_on is None:
        return ""
    days = (today - note.follow_up_on).days
    if days > 0:
        return f"{note.follow_up_on.isoformat()} · {days} day{'s' if days != 1 else ''} late"
    return f"{note.follow_up_on.isoformat()}{' · today' if days == 0 else ''}"


class FollowUpsPage(Page):
    """Open coaching follow-ups of the chosen leader (or everyone), overdue ones first."""

    title = "Follow-ups"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.overdue_tree = _follow_up_list("Overdue follow-ups")
        self.coming_tree = _follow_up_list("Follow-ups due today and later")
        self.overdue_title = QLabel()
        self.overdue_title.setBuddy(self.overdue_tree)
        self.coming_title = QLabel()
        self.coming_title.setBuddy(self.coming_tree)
        for title in (self.overdue_title, self.coming_title):
            font = title.font()
            font.setBold(True)
            title.setFont(font)
        self.all_leaders_check = QCheckBox("Show every leader's follow-ups")
        self.all_leaders_check.setAccessibleName("Show every leader's follow-ups")
        self.all_leaders_check.toggled.connect(self.refresh)
        self.done_button = QPushButton("Mark &done")
        self.done_button.setAccessibleName("Mark the selected follow-up done")
        self.done_button.setToolTip("Mark the selected follow-up done (Space)")
        self.done_button.clicked.connect(self.mark_selected_done)
        self.undo_button = QPushButton("&Undo done")
        self.undo_button.setAccessibleName("Open the follow-up marked done last again")
        self.undo_button.clicked.connect(self.undo_done)
        self.undo_button.hide()
        self._last_done: CoachingNote | None = None
        """the follow-up marked done last, as it was before (Undo opens it again)"""
        self.open_button = QPushButton("O&pen note…")
        self.open_button.setAccessibleName("Open the selected coaching note")
        self.open_button.clicked.connect(self.open_selected)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        for tree in (self.overdue_tree, self.coming_tree):
            tree.installEventFilter(self)
            tree.itemActivated.connect(self.open_selected)
            tree.currentItemChanged.connect(self._selection_moved)

        top = QHBoxLayout()
        top.addWidget(self.all_leaders_check)
        top.addStretch(1)
        top.addWidget(self.undo_button)
        top.addWidget(self.open_button)
        top.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.overdue_title)
        layout.addWidget(self.overdue_tree, 1)
        layout.addWidget(self.coming_title)
        layout.addWidget(self.coming_tree, 1)
        layout.addWidget(self.hint)
        self._last_tree: QTreeWidget = self.overdue_tree

    def refresh(self) -> None:
        leader = self.context.leader
        every = self.all_leaders_check.isChecked()
        for tree in (self.overdue_tree, self.coming_tree):
            tree.setColumnHidden(LEADER_COLUMN, not every)
            tree.clear()
        if leader is None and not every:
            self._titles(0, 0)
            self.hint.setText(
                "Add a leader first; coaching notes with a follow-up date show up here."
            )
            return
        today = self.context.today()
        notes = logbook.list_follow_ups(self.context.db, None if every else leader.id)  # type: ignore[union-attr]
        names = {x.id: x.name for x in people.list_leaders(self.context.db, True)} if every else {}
        overdue = [n for n in notes if n.is_overdue(today)]
        coming = [n for n in notes if not n.is_overdue(today)]
        for tree, group in ((self.overdue_tree, overdue), (self.coming_tree, coming)):
            for note in group:
                item = QTreeWidgetItem(
                    [
                        _due_text(note, today),
                        note.member_name,
                        note.action or "—",
                        " ".join(note.observation.split()),
                        note.day.isoformat(),
                        names.get(note.leader_id, ""),
                    ]
                )
                item.setData(0, NOTE_ROLE, note)
                for column in range(LEADER_COLUMN + 1):
                    item.setToolTip(column, item.text(column))
                tree.addTopLevelItem(item)
            if group:
                tree.setCurrentItem(tree.topLevelItem(0))
        self._titles(len(overdue), len(coming))
        if not notes:
            self.hint.setText(
                "No open follow-ups. When you write a coaching note on the Today page, pick a "
                "follow-up such as “In 1 week” and it will wait for you here."
            )
        else:
            self.hint.setText(
                "Select a follow-up and press Space (or Alt+D) when you have checked in "
                "(Alt+U undoes it); Enter opens the coaching note."
            )
        self.done_button.setEnabled(bool(notes))
        self.open_button.setEnabled(bool(notes))

    def _titles(self, overdue: int, coming: int) -> None:
        self.overdue_title.setText(f"&Overdue ({overdue})" if overdue else "&Overdue (none)")
        self.coming_title.setText(f"Due today and la&ter ({coming})")

    def focus_first_input(self) -> None:
        tree = self.overdue_tree if self.overdue_tree.topLevelItemCount() else self.coming_tree
        tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _selection_moved(self) -> None:
        tree = self.sender()
        if isinstance(tree, QTreeWidget) and tree.currentItem() is not None:
            self._last_tree = tree

    def selected_note(self) -> CoachingNote | None:
        focused = self.focusWidget()
        tree = focused if focused in (self.overdue_tree, self.coming_tree) else self._last_tree
        assert isinstance(tree, QTreeWidget)
        item = tree.currentItem()
        if item is None:
            return None
        return item.data(0, NOTE_ROLE)

    def mark_selected_done(self) -> None:
        note = self.selected_note()
        if note is None:
            return
        try:
            done = logbook.complete_follow_up(self.context.db, note.id, today=self.context.today())
        except LeaderLogError as exc:
            show_error(self, exc, "The follow-up was not marked done.")
            return
        self._last_done = note
        self.undo_button.setText(f"&Undo done: {note.member_name}")
        self.undo_button.setToolTip(
            f"Open the follow-up with {note.member_name} (due {note.follow_up_on}) again (Alt+U)"
        )
        self.undo_button.show()
        self.context.show_status(
            f"Follow-up with {done.member_name} (due {note.follow_up_on}) marked done. "
            "Alt+U undoes."
        )
        self.context.entries_changed.emit()

    def undo_done(self) -> None:
        """Open the follow-up marked done last again, as it was (done by mistake, or too soon)."""
        note = self._last_done
        if note is None:
            return
        try:
            opened = logbook.complete_follow_up(
                self.context.db, note.id, "", today=self.context.today()
            )
        except LeaderLogError as exc:
            show_error(self, exc, "The follow-up is still marked done.")
            return
        self._last_done = None
        self.undo_button.hide()
        self.context.show_status(
            f"Follow-up with {opened.member_name} (due {opened.follow_up_on}) is open again."
        )
        self.context.entries_changed.emit()
        self._select(opened.id)

    def _select(self, note_id: int) -> None:
        """Put the selection (and the focus) on a note's row, wherever it is listed."""
        for tree in (self.overdue_tree, self.coming_tree):
            for row in range(tree.topLevelItemCount()):
                item = tree.topLevelItem(row)
                if item.data(0, NOTE_ROLE).id == note_id:
                    tree.setCurrentItem(item)
                    tree.setFocus(Qt.FocusReason.OtherFocusReason)
                    return

    def open_selected(self) -> None:
        note = self.selected_note()
        if note is not None:
            edit_entry(self.context, self, note)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched in (self.overdue_tree, self.coming_tree)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Space
        ):
            self.mark_selected_done()
            return True
        return super().eventFilter(watched, event)
