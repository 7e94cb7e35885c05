"""The base every main-window page builds on: constructed with the AppContext, refreshed lazily."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from leaderlog.core.errors import ServerUnreachableError
from leaderlog.core.records import Leader
from leaderlog.ui.context import AppContext


class Page(QWidget):
    """A page of the main window.

    Subclasses set ``title`` and implement ``refresh()``. A page is marked stale
    when the leader or the journal changes and re-reads its data the next time
    it is shown, so hidden pages cost nothing.
    """

    title = ""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stale = True
        context.leader_changed.connect(self.set_leader)
        context.entries_changed.connect(self.mark_stale)
        context.people_changed.connect(self.mark_stale)

    def set_leader(self, leader: Leader | None) -> None:
        """The chosen leader changed; the page shows that leader's data."""
        self.mark_stale()

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self._refresh_now()

    def refresh(self) -> None:
        """Re-read what the page shows from the database."""
        raise NotImplementedError

    def focus_first_input(self) -> None:
        """Put the keyboard focus where the user starts on this page."""
        self.focusNextChild()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._refresh_now()
        super().showEvent(event)

    def _refresh_now(self) -> None:
        self._stale = False
        try:
            self.refresh()
        except ServerUnreachableError:
            # team mode with the server away: keep what is shown and read again later
            self._stale = True
            self.context.show_status(
                "Team server unreachable: showing what was last read; new entries wait here."
            )
