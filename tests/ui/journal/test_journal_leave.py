"""The Journal names the chosen leader's time off in the period it shows."""

from __future__ import annotations

import datetime as dt

from leaderlog.journal import logbook, time_off


def test_the_journal_lists_leave_in_the_period(db, leader, open_window, clock, qtbot) -> None:
    today = clock.now.date()
    logbook.add_day_log(db, leader.id, today, 30, "steady", today=today)
    time_off.add(db, leader.id, today - dt.timedelta(days=10), today - dt.timedelta(days=6))
    time_off.add(db, leader.id, "2025-01-06", "2025-01-10", "training")
    window = open_window()
    window.go_to(1)
    page = window.page("journal")
    page.period_combo.setCurrentIndex(page.period_combo.findText("All time"))
    assert not page.leave_label.isHidden()
    assert page.leave_label.text() == (
        "Time off in this period (never counted against them): Vacation 2026-11-10 to "
        "2026-11-14 · Training 2025-01-06 to 2025-01-10"
    )
    page.show_period(today - dt.timedelta(days=3), today)
    assert page.leave_label.isHidden()
    assert page.model.rowCount() == 1
