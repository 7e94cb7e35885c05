"""A week clicked on the Dashboard opens in the Journal whole: an old search or type filter is cleared."""

from __future__ import annotations

import datetime as dt

from helpers.chart_data import TODAY, fill_known_journal
from PySide6.QtCore import Qt

from leaderlog.journal import logbook, settings_history
from leaderlog.reports import overview

JOURNAL, DASHBOARD = 1, 3


def test_a_dashboard_week_opens_with_every_entry_of_that_week_and_no_old_search(
    open_window, db, leader, qtbot
):  # type: ignore[no-untyped-def]
    fill_known_journal(db, leader)
    settings_history.set_start_date(db, leader.id, overview.last_weeks(52, TODAY)[0])
    window = open_window()
    window.go_to(JOURNAL)
    journal = window.page("journal")
    journal.period_combo.setCurrentIndex(journal.period_combo.findText("All time"))
    journal.type_combo.setCurrentIndex(journal.type_combo.count() - 1)
    journal.search_edit.setText("Counter left")  # a search from earlier in the session
    qtbot.waitUntil(lambda: journal.model.rowCount() < 5)
    narrowed = journal.model.rowCount()

    window.go_to(DASHBOARD)
    dashboard = window.page("dashboard")
    qtbot.waitUntil(lambda: dashboard.charts_ready)
    dashboard.set_period_weeks(12)
    week = len(dashboard.canvas.series) - 3
    first = dashboard.canvas.series.week_start[week]
    last = first + dt.timedelta(days=6)
    in_week = logbook.list_entries(db, leader_ids=[leader.id], start=first, end=last)
    assert len(in_week) > max(narrowed, 1)  # the week holds more than the old search showed

    point = dashboard.canvas.point_of("coaching", week).toPoint()
    qtbot.mouseClick(dashboard.canvas, Qt.MouseButton.LeftButton, pos=point)

    assert window.current_page() is journal
    assert journal.date_range() == (first, last)
    assert journal.search_edit.text() == ""
    assert journal.type_combo.currentIndex() == 0
    assert journal.model.rowCount() == len(in_week)
    assert journal.count_label.text() == f"{len(in_week)} entries"
    assert not journal.empty_label.isVisible()
