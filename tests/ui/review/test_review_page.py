"""The Week review page in the real window: reasons in the table, leave, weeks, sorting, Enter, exports."""

from __future__ import annotations

import csv
import datetime as dt
import re

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from leaderlog.journal import logbook, people, time_off
from leaderlog.reports import week_review_export
from leaderlog.ui.window.pages import PAGES, page_index

TODAY = dt.date(2026, 11, 20)  # the UI tests' clock: a Friday
WEEK = dt.date(2026, 11, 9)  # the last full week


def log_weeks(db, leader, first, last, reinforce=True):
    member = people.add_member(db, leader.id, f"Member of {leader.name}")
    day = first
    while day <= last:
        if day.weekday() < 5:
            logbook.add_day_log(db, leader.id, day, 60, today=TODAY)
            if day.weekday() < 3:
                logbook.add_coaching_note(db, leader.id, day, member.id, "seen", today=TODAY)
            if reinforce:
                logbook.add_reinforcement(db, leader.id, day, "praise", "good", today=TODAY)
        day += dt.timedelta(days=1)


def journal(db):
    ana = people.get_leader(db, people.list_leaders(db)[0].id)  # the `leader` fixture, North
    log_weeks(db, ana, dt.date(2026, 10, 5), TODAY)
    ben = people.add_leader(db, "Ben Okafor", team="South")
    log_weeks(db, ben, dt.date(2026, 10, 5), dt.date(2026, 11, 13), reinforce=False)
    chloe = people.add_leader(db, "Chloe Martin", team="South")
    log_weeks(db, chloe, dt.date(2026, 10, 5), dt.date(2026, 11, 6))
    time_off.add(db, chloe.id, WEEK, dt.date(2026, 11, 13), "vacation")
    return ana, ben, chloe


def review_page(window):
    window.go_to(page_index("review"))
    return window.page("review")


def shown(page):
    proxy = page.table.model()
    return [
        [proxy.index(r, c).data() for c in range(proxy.columnCount())]
        for r in range(proxy.rowCount())
    ]


def test_the_page_is_last_in_the_sidebar_so_earlier_shortcuts_stay(db, leader, open_window):
    assert [spec.key for spec in PAGES][:5] == [
        "today",
        "journal",
        "followups",
        "dashboard",
        "people",
    ]
    window = open_window()
    QTest.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.page("review")
    assert window.page("review").table.hasFocus()


def test_flagged_rows_come_first_with_reasons_and_leave_is_not_flagged(db, leader, open_window):
    journal(db)
    page = review_page(open_window())
    assert page.week_label.text() == "Week of 9 Nov – 15 Nov 2026"
    rows = shown(page)
    assert [row[1] for row in rows] == ["Ben Okafor", "Ana Ruiz", "Chloe Martin"]
    assert rows[0][9] == "no reinforcement in 30 workdays since the start"
    assert rows[1][9] == "on track"
    chloe = rows[2]
    assert chloe[9] == "on leave"
    assert chloe[5] == "5 days off"
    assert page.summary_label.text() == "1 of 3 leaders need attention · 1 off all week"


def test_previous_and_next_week_never_go_past_the_current_week(db, leader, open_window):
    journal(db)
    page = review_page(open_window())
    page.previous_button.click()
    assert page.week_label.text() == "Week of 2 Nov – 8 Nov 2026"
    assert "Chloe Martin" in [row[1] for row in shown(page)]
    page.next_button.click()
    page.next_button.click()
    assert page.week_label.text() == "Week of 16 Nov – 22 Nov 2026"
    assert not page.next_button.isEnabled()
    assert "figures up to 20 Nov" in page.summary_label.text()


def test_one_team_and_sorting_from_the_keyboard(db, leader, open_window):
    journal(db)
    page = review_page(open_window())
    page.team_combo.setCurrentText("South")
    page.team_combo.activated.emit(page.team_combo.currentIndex())
    assert [row[1] for row in shown(page)] == ["Ben Okafor", "Chloe Martin"]
    page.team_combo.setCurrentText("All teams")
    page.team_combo.activated.emit(0)
    page.sort_combo.setFocus()
    page.sort_combo.setCurrentIndex(
        next(i for i in range(page.sort_combo.count()) if page.sort_combo.itemText(i) == "Name")
    )
    assert [row[1] for row in shown(page)] == ["Ana Ruiz", "Ben Okafor", "Chloe Martin"]
    page.table.horizontalHeader().sectionClicked.emit(3)  # Score, as a click on the header
    assert len(shown(page)) == 3


def test_enter_on_a_row_opens_that_leader_on_the_dashboard(db, leader, open_window):
    journal(db)
    window = open_window()
    page = review_page(window)
    page.table.setFocus()
    page.table.setCurrentIndex(page.table.model().index(0, 1))
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert window.context.leader.name == "Ben Okafor"
    assert window.current_page() is window.page("dashboard")


def test_the_buttons_save_a_one_page_pdf_and_a_csv(db, leader, open_window, tmp_path, monkeypatch):
    journal(db)
    page = review_page(open_window())
    chosen = iter([tmp_path / "week", tmp_path / "week.csv"])
    monkeypatch.setattr(page.files, "ask_path", lambda review, suffix: next(chosen))
    page.pdf_button.click()
    page.csv_button.click()
    pdf = (tmp_path / "week.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    with (tmp_path / "week.csv").open(newline="", encoding="utf-8") as handle:
        records = list(csv.DictReader(handle))
    assert tuple(records[0]) == week_review_export.CSV_COLUMNS
    assert [r["leader"] for r in records] == ["Ben Okafor", "Ana Ruiz", "Chloe Martin"]
    assert records[2]["why"] == "on leave"
