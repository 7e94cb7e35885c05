"""The daily reminder in the window, with a fake clock: when it comes, where it goes, the tray, start at login."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from leaderlog.journal import logbook, settings_history
from leaderlog.ui.window import reminder as reminder_module
from leaderlog.ui.window.reminder import ReminderSettings
from leaderlog.ui.window.reminder_dialog import PreferencesDialog

FRIDAY = dt.date(2026, 11, 20)
# the offscreen test platform has no tray: Qt says so when a tray icon is made visible
# (with the offscreen limits tests/ui/conftest.py ignores: this marker replaces its own)
NO_TRAY_ON_OFFSCREEN = pytest.mark.qt_log_ignore(
    r"systemTrayWindowChanged",
    r"^This plugin does not support propagateSizeHints\(\)$",
    r"^This plugin does not support raise\(\)$",
    r"^This plugin does not support grabbing the keyboard$",
)
FOUR_PM = dt.time(16, 0)


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "xdg-config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


@pytest.fixture
def no_desktop_services(monkeypatch: pytest.MonkeyPatch) -> None:
    """A desktop with neither a tray nor a notification service (the offscreen test platform)."""
    monkeypatch.setattr(reminder_module, "tray_available", lambda: False)
    monkeypatch.setattr(
        reminder_module.desktop_notifications, "notification_service_available", lambda: False
    )


@pytest.fixture
def started(db, leader):
    settings_history.set_start_date(db, leader.id, dt.date(2026, 1, 5))
    return leader


def reminding_window(open_window, clock):
    window = open_window()
    window.reminder.apply(ReminderSettings(enabled=True, at=FOUR_PM))
    return window


def test_the_reminder_is_off_by_default(db, started, open_window, clock):
    window = open_window()
    assert window.reminder.settings == ReminderSettings()
    clock.now = dt.datetime.combine(FRIDAY, dt.time(18, 0)).astimezone()
    assert window.reminder.check() is False
    assert window.reminder.tray is None


def test_reminds_after_the_chosen_time_once_and_says_so_in_the_window(
    db, started, open_window, clock, no_desktop_services
):
    window = reminding_window(open_window, clock)  # the clock says 10:00
    assert window.reminder.check() is False
    clock.now = dt.datetime.combine(FRIDAY, dt.time(15, 59)).astimezone()
    assert window.reminder.check() is False
    clock.advance(6)
    assert window.reminder.check() is True
    assert window.reminder.last_channel == "window"
    assert "Nothing is logged yet for Ana Ruiz today" in window.statusBar().currentMessage()
    clock.advance(30)
    assert window.reminder.check() is False  # once a day


def test_no_reminder_once_the_day_is_logged(db, started, open_window, clock, no_desktop_services):
    window = reminding_window(open_window, clock)
    logbook.add_day_log(db, started.id, FRIDAY, 25, today=FRIDAY)
    clock.now = dt.datetime.combine(FRIDAY, dt.time(17, 0)).astimezone()
    assert window.reminder.check() is False


def test_no_reminder_on_a_day_that_is_not_a_workday(
    db, started, open_window, clock, no_desktop_services
):
    window = reminding_window(open_window, clock)
    clock.now = dt.datetime.combine(FRIDAY + dt.timedelta(days=1), dt.time(17, 0)).astimezone()
    assert window.reminder.check() is False  # Saturday
    clock.now = dt.datetime.combine(FRIDAY + dt.timedelta(days=3), dt.time(17, 0)).astimezone()
    assert window.reminder.check() is True  # Monday


def test_the_settings_say_what_this_desktop_lacks(db, started, open_window, no_desktop_services):
    window = open_window()
    dialog = PreferencesDialog(window.reminder, window)
    note = dialog.note_label.text()
    assert "no system tray" in note and "no notification service" in note
    assert not dialog.tray_check.isEnabled()


def test_preferences_turn_the_reminder_on_and_write_then_remove_the_login_entry(
    db, started, open_window, config_home, no_desktop_services
):
    window = open_window()
    dialog = PreferencesDialog(window.reminder, window)
    dialog.enabled_check.setChecked(True)
    dialog.time_edit.setTime(dialog.time_edit.time().fromString("17:30", "HH:mm"))
    dialog.login_check.setChecked(True)
    dialog.accept()
    entry = config_home / "autostart" / "leaderlog.desktop"
    assert "--minimized" in entry.read_text(encoding="utf-8")
    remembered = ReminderSettings.load(window.context.settings)
    assert (remembered.enabled, remembered.at, remembered.start_at_login) == (
        True,
        dt.time(17, 30),
        True,
    )
    assert window.reminder.timer.isActive()

    dialog = PreferencesDialog(window.reminder, window)
    assert dialog.login_check.isChecked()
    dialog.login_check.setChecked(False)
    dialog.enabled_check.setChecked(False)
    dialog.accept()
    assert not entry.exists()
    assert not window.reminder.timer.isActive()


@NO_TRAY_ON_OFFSCREEN
def test_tray_menu_logs_today_opens_and_quits(
    db, started, open_window, clock, monkeypatch, config_home
):
    monkeypatch.setattr(reminder_module, "tray_available", lambda: True)
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quits.append(True)))
    window = open_window()
    window.reminder.apply(ReminderSettings(enabled=True, at=FOUR_PM, keep_in_tray=True))
    tray = window.reminder.tray
    assert tray is not None
    texts = [action.text() for action in tray.contextMenu().actions() if action.text()]
    assert texts == ["&Log today", "&Open LeaderLog", "&Quit"]

    window.go_to(1)
    window.close()  # closing keeps LeaderLog in the tray
    assert not window.isVisible()
    assert not QApplication.quitOnLastWindowClosed()
    tray.log_today_action.trigger()
    assert window.isVisible()
    assert window.current_page() is window.page("today")

    window.hide()
    tray.open_action.trigger()
    assert window.isVisible()

    tray.quit_action.trigger()
    assert not window.isVisible()
    assert quits == [True]
    window.reminder.apply(ReminderSettings(), save=False)
    assert QApplication.quitOnLastWindowClosed()


@NO_TRAY_ON_OFFSCREEN
def test_the_tray_shows_the_reminder_when_there_is_one(
    db, started, open_window, clock, monkeypatch
):
    monkeypatch.setattr(reminder_module, "tray_available", lambda: True)
    window = open_window()
    window.reminder.apply(ReminderSettings(enabled=True, at=FOUR_PM), save=False)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        window.reminder.tray, "remind", lambda title, text: shown.append((title, text))
    )
    clock.now = dt.datetime.combine(FRIDAY, dt.time(16, 1)).astimezone()
    assert window.reminder.check() is True
    assert window.reminder.last_channel == "tray"
    assert shown and "Ana Ruiz" in shown[0][1]
