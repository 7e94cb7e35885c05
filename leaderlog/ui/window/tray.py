"""The system tray icon: the daily reminder's balloon, and Log today, Open, Quit while the window is closed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from leaderlog import APP_NAME
from leaderlog.ui.window.appearance import app_icon

REMINDER_SHOWN_MS = 15_000


class ReminderTrayIcon(QSystemTrayIcon):
    """LeaderLog in the tray; clicking it opens the window."""

    def __init__(
        self,
        parent: QWidget,
        log_today: Callable[[], None],
        open_window: Callable[[], None],
        quit_app: Callable[[], None],
    ) -> None:
        super().__init__(app_icon(), parent)
        self.setToolTip(APP_NAME)
        self.tray_menu = QMenu(parent)
        self.log_today_action = self._add("&Log today", log_today)
        self.open_action = self._add(f"&Open {APP_NAME}", open_window)
        self.tray_menu.addSeparator()
        self.quit_action = self._add("&Quit", quit_app)
        self.setContextMenu(self.tray_menu)
        self._open_window = open_window
        self._log_today = log_today
        self.activated.connect(self._activated)
        self.messageClicked.connect(log_today)  # the reminder's balloon leads to the form

    def _add(self, text: str, slot: Callable[[], None]) -> QAction:
        action = self.tray_menu.addAction(text)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self._open_window()

    def remind(self, title: str, text: str) -> None:
        self.showMessage(title, text, app_icon(), REMINDER_SHOWN_MS)
