"""Edit › Preferences…: the daily reminder, the tray and start at login, with what this desktop lacks said plainly."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from leaderlog.desktop import autostart
from leaderlog.ui.window.reminder import DailyReminder, ReminderSettings, tray_available


class PreferencesDialog(QDialog):
    """The reminder's settings; OK applies them at once (timer, tray icon, autostart entry)."""

    def __init__(self, reminder: DailyReminder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reminder = reminder
        self.setWindowTitle("Preferences")
        current = reminder.settings

        self.enabled_check = QCheckBox("&Remind me to log my day")
        self.enabled_check.setAccessibleName("Daily reminder")
        self.enabled_check.setChecked(current.enabled)
        self.time_edit = QTimeEdit(QTime(current.at.hour, current.at.minute))
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName("Reminder time")
        time_label = QLabel("&At:")
        time_label.setBuddy(self.time_edit)
        workdays = QLabel(
            "Only on the leader's workdays (not on days off or holidays), and only when "
            "nothing is logged yet for the day."
        )
        workdays.setWordWrap(True)

        has_tray = tray_available()
        self.tray_check = QCheckBox("&Keep running in the tray when the window is closed")
        self.tray_check.setAccessibleName("Keep running in the tray")
        self.tray_check.setChecked(current.keep_in_tray and has_tray)
        self.tray_check.setEnabled(has_tray)
        self.login_check = QCheckBox("&Start at login, minimised")
        self.login_check.setAccessibleName("Start at login minimised")
        self.login_check.setChecked(current.start_at_login)
        self.login_check.setEnabled(autostart.autostart_supported())
        if autostart.autostart_supported():
            self.login_check.setToolTip(f"Writes {autostart.entry_path(reminder.autostart_dir)}")

        self.note_label = QLabel(reminder.delivery_note())
        self.note_label.setWordWrap(True)
        self.note_label.setAccessibleName("How the reminder arrives")

        group = QGroupBox("Daily reminder")
        form = QFormLayout(group)
        form.addRow(self.enabled_check)
        form.addRow(time_label, self.time_edit)
        form.addRow(workdays)
        form.addRow(self.tray_check)
        form.addRow(self.login_check)
        form.addRow(self.note_label)
        self.enabled_check.toggled.connect(self.time_edit.setEnabled)
        self.time_edit.setEnabled(current.enabled)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(group)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def chosen(self) -> ReminderSettings:
        time = self.time_edit.time()
        return ReminderSettings(
            enabled=self.enabled_check.isChecked(),
            at=dt.time(time.hour(), time.minute()),
            keep_in_tray=self.tray_check.isChecked(),
            start_at_login=self.login_check.isChecked(),
        )

    def accept(self) -> None:
        try:
            self.reminder.apply(self.chosen())
        except OSError as exc:  # the autostart folder is not writable
            QMessageBox.warning(
                self, "Start at login", f"The login entry could not be written or removed: {exc}"
            )
            return
        super().accept()
