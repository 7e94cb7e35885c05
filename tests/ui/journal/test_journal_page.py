"""The Journal reads a page of entries at a time: a keystroke reads the first, scrolling the next."""

from __future__ import annotations

import datetime as dt

from leaderlog.journal import logbook
from leaderlog.ui.journal import journal_page


def test_the_journal_reads_more_rows_when_scrolled_to_the_end(
    db, leader, open_window, clock, qtbot, monkeypatch
):  # type: ignore[no-untyped-def]
    today = clock.now.date()
    monkeypatch.setattr(journal_page, "PAGE_SIZE", 40)  # more than a screenful here
    for back in range(50):
        note = "greeted the queue" if back % 2 else "quiet"
        day = today - dt.timedelta(days=back)
        logbook.add_day_log(db, leader.id, day, 30, note, today=today)
    window = open_window()
    window.go_to(1)
    page = window.page("journal")
    page.period_combo.setCurrentIndex(page.period_combo.findText("All time"))
    assert page.model.rowCount() == 40
    assert page.count_label.text() == "Showing the newest 40 entries — scroll for more"
    assert page.model.entry(0).day == today

    page.table.verticalScrollBar().triggerAction(
        page.table.verticalScrollBar().SliderAction.SliderToMaximum
    )
    qtbot.waitUntil(lambda: page.model.rowCount() == 50)
    assert page.count_label.text() == "50 entries"
    days = [page.model.entry(row).day for row in range(50)]
    assert days == [today - dt.timedelta(days=back) for back in range(50)]

    page.search_edit.setText("greet")  # a new search starts again from its newest entries
    qtbot.waitUntil(lambda: page.model.rowCount() == 25)
    assert page.count_label.text() == "25 entries"
    assert page.table.currentIndex().row() == 0
