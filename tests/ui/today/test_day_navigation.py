"""Today logs any day up to today: previous/next, the date field, Alt+Left/Right, the strip of days."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from leaderlog.core.records import DayLog
from leaderlog.journal import logbook, people, settings_history, time_off

TODAY = dt.date(2026, 11, 20)  # a Friday
DAY = dt.timedelta(days=1)
Key = Qt.Key


def _strip(today_page) -> dict[dt.date, str]:  # type: ignore[no-untyped-def]
    return {
        dt.date.fromisoformat(b.property("day")): b.property("state")
        for b in today_page.navigator.strip_buttons
    }


def test_yesterday_is_logged_from_the_day_strip_and_the_heading_says_so(
    db, leader, open_window, keyboard, qtbot
):
    settings_history.set_start_date(db, leader.id, TODAY - 30 * DAY)
    window = open_window()
    today = window.page("today")
    assert "Today, Friday 20 November 2026" in today.heading.text()
    assert _strip(today)[TODAY - DAY] == "missing"
    (yesterday,) = [b for b in today.navigator.strip_buttons if b.property("day") == "2026-11-19"]
    assert "Thursday 19 November 2026: Workday with nothing logged" in yesterday.toolTip()

    yesterday.click()
    assert "Thursday 19 November 2026 — not today" in today.heading.text()
    assert "Today," not in today.heading.text()
    today.minutes_edit.setFocus()
    keyboard.type("40")
    keyboard.press(Key.Key_Return)

    assert logbook.get_day_log(db, leader.id, TODAY - DAY).minutes == 40
    assert logbook.get_day_log(db, leader.id, TODAY) is None
    assert window.statusBar().currentMessage() == (
        "Saved on Thursday 19 November 2026: 40 min with customers."
    )
    assert _strip(today)[TODAY - DAY] == "logged"
    assert today.list_title.text() == "Lo&gged on Thu 19 Nov"
    assert today.today_list.count() == 1
    assert "this week 1 of 5 days" in today.navigator.habit_label.text()


def test_alt_left_and_right_walk_the_days_and_stop_at_today(db, leader, open_window, keyboard):
    logbook.add_day_log(db, leader.id, TODAY - 2 * DAY, 55, "busy", today=TODAY)
    logbook.add_day_log(db, leader.id, TODAY, 10, today=TODAY)
    window = open_window()
    today = window.page("today")
    assert today.minutes_edit.text() == "10"
    assert not today.navigator.next_button.isEnabled()
    assert "cannot be logged" in today.navigator.next_button.toolTip()

    keyboard.press(Key.Key_Left, Qt.KeyboardModifier.AltModifier, times=2)
    assert "Wednesday 18 November 2026 — not today" in today.heading.text()
    assert (today.minutes_edit.text(), today.day_note_edit.text()) == ("55", "busy")
    assert isinstance(today._entries[0], DayLog) and today._entries[0].minutes == 55
    assert today.navigator.today_button.isVisible()

    keyboard.press(Key.Key_Right, Qt.KeyboardModifier.AltModifier, times=5)  # stops at today
    assert "Today, Friday 20 November 2026" in today.heading.text()
    assert today.minutes_edit.text() == "10"
    assert QApplication.focusWidget() is today.minutes_edit  # the keys leave the focus alone


def test_the_date_field_shows_an_older_day_and_refuses_the_future(db, leader, open_window):
    logbook.add_reinforcement(db, leader.id, dt.date(2026, 10, 1), "praise", "old", today=TODAY)
    window = open_window()
    today = window.page("today")
    edit = today.navigator.date_edit
    assert edit.maximumDate() == QDate(2026, 11, 20)
    edit.setDate(QDate(2026, 11, 25))  # clamped to today by the field
    assert "Today, Friday 20 November 2026" in today.heading.text()

    edit.setDate(QDate(2026, 10, 1))
    assert "Thursday 1 October 2026 — not today" in today.heading.text()
    assert today.today_list.count() == 1
    # the strip moves to a week around that day
    assert min(_strip(today)) == dt.date(2026, 9, 28)
    assert _strip(today)[dt.date(2026, 10, 1)] == "logged"


def test_the_domain_refusing_a_future_day_is_shown_by_the_date(db, leader, open_window, clock):
    window = open_window()
    today = window.page("today")
    today.go_to_day(TODAY - DAY)
    today.minutes_edit.setText("30")
    clock.now -= dt.timedelta(days=2)  # the computer's clock was put back: that day is ahead
    today.save()
    assert logbook.list_entries(db, leader_ids=[leader.id]) == []
    assert today.date_error.isVisible()
    assert "future" in today.date_error.text()


def test_a_picked_day_stays_past_midnight_while_today_follows_the_clock(
    db, leader, open_window, clock
):
    window = open_window()
    today = window.page("today")
    today.go_to_day(TODAY - 3 * DAY)
    clock.advance(24 * 60)
    today.autosave.timeout.emit()
    assert "Tuesday 17 November 2026 — not today" in today.heading.text()
    assert today.navigator.date_edit.maximumDate() == QDate(2026, 11, 21)
    today.navigator.today_button.click()
    assert "Today, Saturday 21 November 2026" in today.heading.text()


def test_the_strip_shows_days_off_and_rest_days(db, leader, open_window):
    settings_history.set_start_date(db, leader.id, TODAY - 30 * DAY)
    time_off.add(db, leader.id, TODAY - 3 * DAY, TODAY - 2 * DAY, "sick")
    logbook.add_day_log(db, leader.id, TODAY - DAY, 5, today=TODAY)
    window = open_window()
    states = _strip(window.page("today"))
    assert [states[TODAY - i * DAY] for i in range(6, -1, -1)] == [
        "non-workday",  # Saturday
        "non-workday",  # Sunday
        "missing",
        "off",
        "off",
        "logged",
        "pending",
    ]


def test_habit_line_shows_the_streak_and_this_weeks_progress(db, leader, open_window):
    sam = people.add_member(db, leader.id, "Sam Lee")
    monday = TODAY - 4 * DAY
    for back in range(4):
        logbook.add_day_log(db, leader.id, monday + back * DAY, 600, today=TODAY)
    logbook.add_coaching_note(db, leader.id, monday, sam.id, "late greeting", today=TODAY)
    for _ in range(2):
        logbook.add_reinforcement(db, leader.id, monday, "praise", "nice", today=TODAY)
    window = open_window()
    label = window.page("today").navigator.habit_label
    assert label.isVisible()
    assert label.text() == (
        "Streak 4 days · this week 4 of 5 days · coaching 1 of 3 · reinforcement 2 of 5"
    )


def test_app_opens_on_today_even_after_another_page_was_used(db, leader, open_window):
    window = open_window()
    window.go_to(3)  # Dashboard
    window.close()
    window = open_window()
    assert window.stack.currentWidget() is window.page("today")


def test_the_habit_line_waits_for_the_journal_at_start_up(
    qtbot, db, leader, db_path, app_paths, clock
):
    """The form is filled from the first screen before SQLAlchemy; the habit line comes after."""
    from leaderlog.journal.first_screen import read_first_screen
    from leaderlog.safety.opening import DeferredDatabase
    from leaderlog.ui.context import AppContext, open_settings
    from leaderlog.ui.window.main_window import MainWindow

    logbook.add_day_log(db, leader.id, TODAY - DAY, 600, today=TODAY)
    context = AppContext(None, app_paths, open_settings(app_paths))
    context.clock = clock
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    deferred = DeferredDatabase(db_path)
    first = read_first_screen(db_path, TODAY, context.remembered_leader)
    assert first is not None
    context.attach_database(deferred)
    window.journal_opened(first)
    today = window.page("today")
    assert "Today, Friday 20 November 2026" in today.heading.text()
    assert not today.navigator.habit_label.isVisible()
    assert not deferred.is_open  # nothing on the first paint path opened the journal

    context.attach_database(db)  # what the app does once SQLAlchemy is loaded
    window.database_ready()
    qtbot.waitUntil(today.navigator.habit_label.isVisible)
    # the record began with Thursday's entry: two workdays this week, targets shrunk to them
    assert "this week 1 of 2 days" in today.navigator.habit_label.text()
    assert not deferred.is_open
