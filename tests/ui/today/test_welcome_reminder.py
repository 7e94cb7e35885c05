"""The first-run welcome offers the daily reminder: off unless ticked, on at once when ticked."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt

from leaderlog.journal import reminders, settings_history
from leaderlog.ui.window import reminder as reminder_module
from leaderlog.ui.window.reminder import ReminderSettings


def _start(window, qtbot, name: str, remind: bool) -> None:  # type: ignore[no-untyped-def]
    welcome = window.page("today").welcome
    assert welcome.isVisible() and welcome.remind_box.isVisible()
    welcome.name_edit.setText(name)
    if remind:
        qtbot.mouseClick(
            welcome.remind_box,
            Qt.MouseButton.LeftButton,
            pos=QPoint(8, welcome.remind_box.height() // 2),
        )
        assert welcome.remind_box.isChecked()
    qtbot.mouseClick(welcome.add_button, Qt.MouseButton.LeftButton)


def test_the_welcome_offers_the_reminder_unticked_and_leaves_it_off(db, open_window, qtbot):
    window = open_window()
    box = window.page("today").welcome.remind_box
    default = reminders.DEFAULT_REMINDER_TIME
    assert box.text().replace("&", "") == f"Remind me at {default:%H:%M} on workdays"
    assert not box.isChecked()
    _start(window, qtbot, "Ana Ruiz", remind=False)
    assert window.page("today").form_panel.isVisible()
    assert window.reminder.settings.enabled is False
    assert ReminderSettings.load(window.context.settings).enabled is False


def test_ticking_the_offer_turns_the_reminder_on_and_it_reminds_that_afternoon(
    db, open_window, clock, qtbot, monkeypatch
):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(reminder_module, "tray_available", lambda: False)
    monkeypatch.setattr(
        reminder_module.desktop_notifications, "notification_service_available", lambda: False
    )
    window = open_window()
    _start(window, qtbot, "Ana Ruiz", remind=True)

    assert window.context.leader is not None and window.context.leader.name == "Ana Ruiz"
    assert window.reminder.settings.enabled is True
    window.context.settings.sync()
    assert ReminderSettings.load(window.context.settings).enabled is True  # kept for next start
    # a record begun long before the fake clock's Friday (a new one starts on the real today)
    settings_history.set_start_date(db, window.context.leader.id, dt.date(2026, 1, 5))
    assert window.reminder.check() is False  # 10:00: not yet
    clock.now = dt.datetime.combine(clock.now.date(), dt.time(16, 5)).astimezone()
    assert window.reminder.check() is True
    assert "Nothing is logged yet for Ana Ruiz today" in window.statusBar().currentMessage()


def test_the_offer_names_the_time_already_set(db, open_window, app_paths, qtbot):  # type: ignore[no-untyped-def]
    from leaderlog.ui.context import open_settings

    settings = open_settings(app_paths)
    ReminderSettings(at=dt.time(17, 30)).save(settings)
    settings.sync()
    window = open_window()
    assert "Remind me at 17:30 on workdays" in window.page(
        "today"
    ).welcome.remind_box.text().replace("&", "")
