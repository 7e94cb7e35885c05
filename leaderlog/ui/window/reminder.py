"""The daily reminder in the window: its settings, the minute timer, the tray icon, and where the notice goes.

Off by default. When on, every minute after the chosen time the chosen leader's day
is asked about (leaderlog.journal.reminders: a workday by their calendar, nothing
logged yet, not reminded today); the notice comes from the tray icon, or where the
desktop has no tray from its notification service over D-Bus, or failing both from
the window's status bar, and ``delivery_note()`` says plainly which one and why.
Set up once the domain is loaded (MainWindow.database_ready), never before the first paint.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from leaderlog import APP_NAME
from leaderlog.core.errors import LeaderLogError
from leaderlog.desktop import autostart
from leaderlog.journal import reminders
from leaderlog.ui.window import desktop_notifications
from leaderlog.ui.window.pages import page_index

if TYPE_CHECKING:
    from pathlib import Path

    from leaderlog.ui.window.tray import ReminderTrayIcon
    from leaderlog.ui.window.window_protocols import ReminderWindow

CHECK_EVERY_MS = 30_000
"""Half a minute: the notice comes within a minute of the chosen time."""


@dataclass(frozen=True)
class ReminderSettings:
    """What Edit › Preferences… sets for the reminder (kept in the app's settings file)."""

    enabled: bool = False
    at: dt.time = reminders.DEFAULT_REMINDER_TIME
    keep_in_tray: bool = False
    """closing the window keeps LeaderLog running in the tray (only where there is a tray)"""
    start_at_login: bool = False
    """an XDG autostart entry starts LeaderLog minimised at login"""

    @classmethod
    def load(cls, settings: QSettings) -> ReminderSettings:
        try:
            at = reminders.parse_reminder_time(
                settings.value(
                    "reminder/time", reminders.DEFAULT_REMINDER_TIME.strftime("%H:%M"), type=str
                )
            )
        except LeaderLogError:
            at = reminders.DEFAULT_REMINDER_TIME
        return cls(
            enabled=settings.value("reminder/enabled", False, type=bool),
            at=at,
            keep_in_tray=settings.value("reminder/keep_in_tray", False, type=bool),
            start_at_login=settings.value("reminder/start_at_login", False, type=bool),
        )

    def save(self, settings: QSettings) -> None:
        settings.setValue("reminder/enabled", self.enabled)
        settings.setValue("reminder/time", self.at.strftime("%H:%M"))
        settings.setValue("reminder/keep_in_tray", self.keep_in_tray)
        settings.setValue("reminder/start_at_login", self.start_at_login)


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


class DailyReminder(QObject):
    """The window's reminder: owns the timer and (when wanted and possible) the tray icon."""

    def __init__(self, window: ReminderWindow, autostart_dir: Path | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.context = window.context
        self.autostart_dir = autostart_dir
        self.settings = ReminderSettings.load(self.context.settings)
        self.tray: ReminderTrayIcon | None = None
        self.last_channel: str | None = None
        """where the last notice went: 'tray', 'desktop' or 'window'"""
        self._settled_day: dt.date | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.apply(self.settings, save=False)

    # ---------------------------------------------------------------- settings

    def apply(self, settings: ReminderSettings, *, save: bool = True) -> None:
        """Use new settings: the timer, the tray icon, the autostart entry (and remember them)."""
        if not autostart.autostart_supported():
            settings = replace(settings, start_at_login=False)
        self.settings = settings
        if save:
            settings.save(self.context.settings)
            if settings.start_at_login:
                autostart.write_autostart_entry(directory=self.autostart_dir)
            else:
                autostart.remove_autostart_entry(self.autostart_dir)
        wants_tray = (settings.enabled or settings.keep_in_tray) and tray_available()
        if wants_tray and self.tray is None:
            from leaderlog.ui.window.tray import ReminderTrayIcon

            self.tray = ReminderTrayIcon(
                self.window, self.log_today, self.open_window, self.window.quit
            )
        if self.tray is not None:
            self.tray.setVisible(wants_tray)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            # hidden in the tray, closing any dialog would otherwise end the app
            app.setQuitOnLastWindowClosed(not self.keeps_running_in_tray)
        if settings.enabled:
            self.timer.start()
            QTimer.singleShot(0, self, self.check)  # already past the time: remind now
        else:
            self.timer.stop()

    @property
    def keeps_running_in_tray(self) -> bool:
        """Closing the window hides it in the tray (the setting is on and there is a tray)."""
        return self.settings.keep_in_tray and self.tray is not None and self.tray.isVisible()

    def _last_reminded(self) -> dt.date | None:
        text = self.context.settings.value("reminder/last_shown", "", type=str)
        try:
            return dt.date.fromisoformat(text) if text else None
        except ValueError:
            return None

    # ---------------------------------------------------------------- the check

    def check(self) -> bool:
        """Remind now if it is due (see leaderlog.journal.reminders); True when a notice went out."""
        leader = self.context.leader
        if not self.settings.enabled or leader is None or not self.context.has_database:
            return False
        now = self.context.now()
        today = now.date()
        if self._settled_day == today:
            return False
        if not reminders.time_has_come(now, self.settings.at, self._last_reminded()):
            return False
        try:
            day = reminders.day_to_remind(self.context.db, leader.id, today)
        except LeaderLogError:
            return False  # the journal is busy or away: ask again next time
        if not reminders.reminder_due(now, self.settings.at, self._last_reminded(), day):
            self._settled_day = today  # logged already, or not a workday: quiet till tomorrow
            return False
        self.context.settings.setValue("reminder/last_shown", today.isoformat())
        self.notify(f"{APP_NAME}: time to log today", reminders.reminder_text(leader.name, today))
        return True

    def notify(self, title: str, text: str) -> str:
        """Show the notice where this desktop can; returns where it went."""
        if self.tray is not None and self.tray.isVisible():
            self.tray.remind(title, text)
            channel = "tray"
        elif desktop_notifications.notification_service_available() and (
            desktop_notifications.send_notification(title, text)
        ):
            channel = "desktop"
        else:
            channel = "window"
        if channel != "tray" or not self.window.isVisible():
            self.context.show_status(text)
        self.last_channel = channel
        return channel

    def delivery_note(self) -> str:
        """Plain words for the settings: how the reminder will arrive on this desktop, and what is missing."""
        if tray_available():
            note = "The reminder comes from LeaderLog's icon in the system tray."
        elif desktop_notifications.notification_service_available():
            note = (
                "This desktop has no system tray (on GNOME, the AppIndicator extension adds "
                "one), so the reminder comes as a desktop notification, and closing the "
                "window quits LeaderLog: leave it open or minimised to be reminded."
            )
        else:
            note = (
                "This desktop has no system tray and no notification service on D-Bus "
                "(org.freedesktop.Notifications), so the reminder can only appear in "
                "LeaderLog's status bar: leave the window open or minimised."
            )
        if not autostart.autostart_supported():
            note += f" Starting at login is set up by the system on {sys.platform}, not here."
        return note

    # ---------------------------------------------------------------- tray actions

    def open_window(self) -> None:
        window = self.window
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()

    def log_today(self) -> None:
        """The window on Today, showing today (not a day browsed to before)."""
        self.open_window()
        self.window.go_to(page_index("today"))
        self.window.page("today").go_to_day(self.context.today())  # type: ignore[attr-defined]
