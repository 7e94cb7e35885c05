"""The Today page driven from the keyboard: minutes, coaching, reinforcement, timer, drafts, errors."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from leaderlog.core.records import CoachingNote, DayLog, Reinforcement
from leaderlog.journal import logbook, people

TODAY = dt.date(2026, 11, 20)
Key = Qt.Key


def _team(db, leader):
    sam = people.add_member(db, leader.id, "Sam Lee")
    people.add_member(db, leader.id, "Priya Shah")
    greet = people.add_standard(db, "Greet within 10 seconds")
    return sam, greet


def test_keyboard_only_logs_minutes_coaching_and_reinforcement(
    db, leader, open_window, keyboard, qtbot
):
    sam, greet = _team(db, leader)
    window = open_window()
    today = window.page("today")
    assert QApplication.focusWidget() is today.minutes_edit

    keyboard.type("45")
    keyboard.alt("w")
    keyboard.type("sa")  # type-ahead: the completer offers "Sam Lee"
    qtbot.waitUntil(lambda: today.completer.popup().isVisible())
    keyboard.press(Key.Key_Down)
    keyboard.press(Key.Key_Return)
    assert today.who_edit.text() == "Sam Lee"
    keyboard.alt("n")
    keyboard.type("g")  # the standard "Greet within 10 seconds"
    keyboard.alt("o")
    keyboard.type("Greeted the customer late while restocking")
    keyboard.alt("a")
    keyboard.type("Look up every 30 seconds")
    keyboard.alt("u")
    keyboard.press(Key.Key_Down, times=3)  # No follow-up -> Tomorrow -> In 3 days -> In 1 week
    keyboard.alt("k")
    keyboard.type("p")  # Praise
    keyboard.alt("r")
    keyboard.press(Key.Key_Down)  # Whole team -> Priya Shah (names are sorted)
    keyboard.alt("i")
    keyboard.type("Calm refund handling")
    keyboard.ctrl(Key.Key_Return)

    assert logbook.get_day_log(db, leader.id, TODAY).minutes == 45
    entries = logbook.list_entries(db, leader_ids=[leader.id])
    notes = [e for e in entries if isinstance(e, CoachingNote)]
    actions = [e for e in entries if isinstance(e, Reinforcement)]
    assert len(notes) == 1 and len(actions) == 1
    note, action = notes[0], actions[0]
    assert (note.member_id, note.standard_id) == (sam.id, greet.id)
    assert note.observation == "Greeted the customer late while restocking"
    assert note.action == "Look up every 30 seconds"
    assert note.follow_up_on == TODAY + dt.timedelta(days=7)
    assert (action.kind, action.member_name) == ("praise", "Priya Shah")
    assert action.description == "Calm refund handling"
    assert "Saved: 45 min with customers" in window.statusBar().currentMessage()
    assert today.today_list.count() == 3
    # the coaching and reinforcement parts are cleared for the next entry; minutes show the total
    assert today.observation_edit.toPlainText() == ""
    assert today.minutes_edit.text() == "45"

    keyboard.ctrl(Key.Key_2)
    journal_page = window.page("journal")
    assert window.stack.currentWidget() is journal_page
    shown = {journal_page.model.entry(r).uuid for r in range(journal_page.model.rowCount())}
    assert shown == {e.uuid for e in entries}


def test_daily_minimum_takes_at_most_15_keystrokes(db, leader, open_window, keyboard):
    window = open_window()  # opens on Today with the focus in the minutes field
    keyboard.type("60")
    keyboard.alt("k")
    keyboard.type("r")  # Recognition
    keyboard.ctrl(Key.Key_Return)

    assert keyboard.count <= 15
    assert logbook.get_day_log(db, leader.id, TODAY).minutes == 60
    (action,) = logbook.list_entries(db, leader_ids=[leader.id], types=["reinforcement"])
    assert (action.kind, action.member_id) == ("recognition", None)
    assert "recognition" in window.statusBar().currentMessage()


def test_enter_in_minutes_field_saves_and_replaces_todays_total(db, leader, open_window, keyboard):
    logbook.add_day_log(db, leader.id, TODAY, 20, "busy", today=TODAY)
    window = open_window()
    today = window.page("today")
    assert today.minutes_edit.text() == "20"
    keyboard.type("75")  # the saved total is selected, so typing replaces it
    keyboard.press(Key.Key_Return)
    log = logbook.get_day_log(db, leader.id, TODAY)
    assert (log.minutes, log.note) == (75, "busy")


def test_invalid_entry_shows_message_next_to_field_and_saves_nothing(
    db, leader, open_window, keyboard
):
    window = open_window()
    today = window.page("today")
    keyboard.type("2000")
    keyboard.alt("o")
    keyboard.type("Saw a long queue")  # a coaching note without a team member
    keyboard.alt("i")
    keyboard.type("Well done")  # a reinforcement without a kind
    keyboard.ctrl(Key.Key_Return)

    assert logbook.list_entries(db, leader_ids=[leader.id]) == []
    minutes_error = today.errors._fields["minutes"][0]
    assert minutes_error.isVisible()
    assert "more than a day" in minutes_error.text()
    assert today.errors._fields["member"][0].isVisibleTo(today)
    assert "kind" in today.errors._fields["kind"][0].text()
    # nothing typed was lost
    assert today.observation_edit.toPlainText() == "Saw a long queue"
    assert QApplication.focusWidget() is today.minutes_edit


def test_unknown_team_member_is_refused_then_added_in_one_click(
    db, leader, open_window, keyboard, qtbot
):
    _team(db, leader)
    window = open_window()
    today = window.page("today")
    keyboard.alt("w")
    keyboard.type("Nobody Here")
    keyboard.press(Key.Key_Escape)
    keyboard.alt("o")
    keyboard.type("Something")
    keyboard.ctrl(Key.Key_Return)
    assert logbook.list_entries(db, leader_ids=[leader.id]) == []
    assert "not in Ana Ruiz's team" in today.errors._fields["member"][0].text()
    assert today.add_member_button.isVisible()
    assert "Nobody Here" in today.add_member_button.text()

    today.add_member_button.click()
    (note,) = logbook.list_entries(db, leader_ids=[leader.id])
    assert note.member_name == "Nobody Here"
    assert "Nobody Here" in [m.name for m in people.list_members(db, leader.id)]
    assert not today.add_member_button.isVisible()
    assert not today.errors._fields["member"][0].isVisible()


def test_timer_keeps_running_across_a_restart_and_adds_its_minutes(
    db, leader, open_window, keyboard, clock, qtbot
):
    window = open_window()
    button = window.page("today").timer_button
    keyboard.alt("t")  # a mnemonic on a button clicks it after a short animation
    qtbot.waitUntil(lambda: button.text() == "Stop &timer")
    window.close()

    clock.advance(25)
    window = open_window()
    today = window.page("today")
    assert "25 min" in today.timer_label.text()
    keyboard.alt("t")
    qtbot.waitUntil(lambda: today.timer_button.text() == "Start &timer")
    assert logbook.get_day_log(db, leader.id, TODAY).minutes == 25
    assert today.minutes_edit.text() == "25"
    assert "Added 25 min from the timer" in window.statusBar().currentMessage()

    # a second run adds to the day's total
    keyboard.alt("t")
    qtbot.waitUntil(lambda: today.timer_button.text() == "Stop &timer")
    clock.advance(10)
    keyboard.alt("t")
    qtbot.waitUntil(lambda: today.timer_button.text() == "Start &timer")
    assert logbook.get_day_log(db, leader.id, TODAY).minutes == 35


def test_draft_survives_closing_and_reopening_the_window(
    db, leader, open_window, keyboard, app_paths, qtbot
):
    _team(db, leader)
    window = open_window()
    keyboard.alt("w")
    keyboard.type("Sam Lee")
    keyboard.press(Key.Key_Escape)
    keyboard.alt("o")
    keyboard.type("Half-typed observation")
    window.close()  # closing without saving
    assert list(app_paths.drafts_dir.glob("today-*.json"))

    window = open_window()
    today = window.page("today")
    assert today.banner.isVisible()
    assert "Half-typed observation" in today.banner.message.text()
    assert today.observation_edit.toPlainText() == ""
    keyboard.alt("b")  # Bring back
    qtbot.waitUntil(lambda: not today.banner.isVisible())
    assert today.who_edit.text() == "Sam Lee"
    assert today.observation_edit.toPlainText() == "Half-typed observation"
    assert not today.banner.isVisible()

    keyboard.ctrl(Key.Key_Return)
    (note,) = logbook.list_entries(db, leader_ids=[leader.id])
    assert note.observation == "Half-typed observation"
    assert not list(app_paths.drafts_dir.glob("today-*.json"))


def test_draft_is_written_while_typing_without_closing(db, leader, open_window, keyboard, qtbot):
    window = open_window()
    today = window.page("today")
    keyboard.alt("o")
    keyboard.type("crash-safe")
    today.autosave.timeout.emit()  # what the timer does every few seconds
    fields, _saved_at = today.drafts.load(leader.uuid)
    assert fields["observation"] == "crash-safe"


def test_discarded_draft_is_not_offered_again(db, leader, open_window, keyboard):
    window = open_window()
    keyboard.alt("o")
    keyboard.type("never mind")
    window.close()
    window = open_window()
    today = window.page("today")
    today.banner.discard_button.click()
    window.close()
    window = open_window()
    assert not window.page("today").banner.isVisible()


def test_today_list_deletes_with_delete_key_and_undoes_with_ctrl_z(
    db, leader, open_window, keyboard
):
    logbook.add_day_log(db, leader.id, TODAY, 30, today=TODAY)
    logbook.add_reinforcement(db, leader.id, TODAY, "praise", "nice", today=TODAY)
    window = open_window()
    today = window.page("today")
    keyboard.alt("g")  # Logged today
    assert QApplication.focusWidget() is today.today_list
    today.today_list.setCurrentRow(0)
    keyboard.press(Key.Key_Delete)
    assert len(logbook.list_entries(db, leader_ids=[leader.id])) == 1
    assert today.today_list.count() == 1
    keyboard.ctrl(Key.Key_Z)
    assert len(logbook.list_entries(db, leader_ids=[leader.id])) == 2
    assert today.today_list.count() == 2


def test_entries_saved_today_show_under_the_form(db, leader, open_window):
    logbook.add_day_log(db, leader.id, TODAY - dt.timedelta(days=1), 99, today=TODAY)
    window = open_window()
    today = window.page("today")
    assert today.today_list.count() == 0
    assert "Nothing logged today" in today.today_hint.text()
    logbook.add_day_log(db, leader.id, TODAY, 30, today=TODAY)
    window.context.entries_changed.emit()
    assert today.today_list.count() == 1
    assert isinstance(today._entries[0], DayLog)


def test_page_left_open_overnight_moves_to_the_new_day(db, leader, open_window, clock):
    logbook.add_day_log(db, leader.id, TODAY, 50, today=TODAY)
    window = open_window()
    today = window.page("today")
    assert today.minutes_edit.text() == "50"
    assert "Friday 20 November 2026" in today.heading.text()
    clock.advance(24 * 60)
    today.autosave.timeout.emit()
    assert "Saturday 21 November 2026" in today.heading.text()
    assert today.minutes_edit.text() == ""
    assert today.today_list.count() == 0


def test_switching_leader_keeps_each_leaders_draft_apart(db, leader, open_window, keyboard):
    other = people.add_leader(db, "Ben Okafor", team="South")
    window = open_window()
    today = window.page("today")
    keyboard.alt("o")
    keyboard.type("Ana's half-typed note")
    window.context.set_leader(other)
    assert today.observation_edit.toPlainText() == ""
    assert not today.banner.isVisible()
    assert today.drafts.load(other.uuid) is None
    window.context.set_leader(leader)
    assert today.banner.isVisible()
    assert "Ana's half-typed note" in today.banner.message.text()


def test_enter_on_a_drop_down_saves(db, leader, open_window, keyboard):
    open_window()
    keyboard.alt("k")
    keyboard.type("t")  # Training / demonstration, or Team celebration: both start with t
    keyboard.press(Key.Key_Return)
    (action,) = logbook.list_entries(db, leader_ids=[leader.id])
    assert action.kind in ("training", "team_celebration")


def test_tab_walks_the_form_top_to_bottom(db, leader, open_window, keyboard):
    window = open_window()
    today = window.page("today")
    expected = [
        today.minutes_edit,
        today.timer_button,
        today.day_note_edit,
        today.who_edit,
        today.coach_standard,
        today.observation_edit,
        today.action_edit,
        today.follow_combo,
        today.kind_combo,
        today.for_combo,
        today.reinforce_standard,
        today.description_edit,
        today.save_button,
        today.clear_button,
    ]
    walked = [QApplication.focusWidget()]
    for _ in expected[1:]:
        keyboard.press(Key.Key_Tab)
        walked.append(QApplication.focusWidget())
    assert walked == expected


def test_saving_an_empty_form_says_what_to_fill_in(db, leader, open_window, keyboard):
    window = open_window()
    today = window.page("today")
    keyboard.press(Key.Key_Return)  # in the empty minutes field
    assert logbook.list_entries(db, leader_ids=[leader.id]) == []
    assert today.form.general_error.text().startswith("Nothing to save yet")
    assert today.form.general_error.isVisible()
    assert QApplication.focusWidget() is today.minutes_edit
    keyboard.type("30")
    keyboard.press(Key.Key_Return)
    assert not today.form.general_error.isVisible()
    assert window.statusBar().currentMessage() == "Saved: 30 min with customers."
