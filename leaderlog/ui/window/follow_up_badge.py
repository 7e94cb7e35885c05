"""The sidebar's follow-up badge: how many of the chosen leader's coaching follow-ups are due now.

Due now means overdue or due today: a check-in planned for today is one to do today, so
the count names it before it turns late tomorrow.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QListWidget

from leaderlog.core.errors import LeaderLogError
from leaderlog.ui.context import AppContext
from leaderlog.ui.window.pages import PAGES, page_index


class FollowUpBadge(QObject):
    """Keeps 'Follow-ups (n)' in the sidebar up to date, once per turn of the event loop."""

    def __init__(self, context: AppContext, sidebar: QListWidget) -> None:
        super().__init__(sidebar)
        self.context = context
        self.sidebar = sidebar
        # many changes in one turn (a save, then the leader reloaded) make one update
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.update)

    def start(self) -> None:
        """The domain is loaded: update now and after every change of entries or leader."""
        self.context.entries_changed.connect(self.timer.start)
        self.context.leader_changed.connect(self.timer.start)
        self.timer.start()

    def update(self) -> None:
        """Say how many of the leader's follow-ups are due now (none: the plain title)."""
        index = page_index("followups")
        item = self.sidebar.item(index)
        leader = self.context.leader
        overdue = due_today = 0
        if leader is not None:
            from leaderlog.journal import logbook

            try:
                today = self.context.today()
                notes = logbook.list_follow_ups(self.context.db, leader.id)
            except LeaderLogError:
                return  # keep what it said (team server away, database busy)
            overdue = sum(1 for note in notes if note.is_overdue(today))
            due_today = sum(
                1 for note in notes if note.follow_up_on == today and not note.follow_up_done_on
            )
        title = PAGES[index].title
        due = overdue + due_today
        item.setText(f"{title} ({due})" if due else title)
        counts = [f"{overdue} overdue"] if overdue else []
        counts += [f"{due_today} due today"] if due_today else []
        keys = f"{title} (Ctrl+{index + 1})"
        item.setToolTip(f"{keys}: {', '.join(counts)}" if counts else keys)
