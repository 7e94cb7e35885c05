"""The Dashboard in the real main window: the metrics layer's numbers, clicks to the Journal, redraws, exports."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap

import pytest
from helpers.chart_data import TODAY, fill_known_journal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from leaderlog.journal import logbook, people, settings_history, time_off
from leaderlog.reports import chart_models, overview, reporting

DASHBOARD = 3  # Ctrl+4


def show_dashboard(window, qtbot):
    """Go to the Dashboard and wait for its first drawing (the charts follow the page's first show)."""
    window.go_to(DASHBOARD)
    page = window.page("dashboard")
    qtbot.waitUntil(lambda: page.charts_ready)
    return page


@pytest.fixture
def dashboard(open_window, db, leader, qtbot):
    """The main window showing the Dashboard for the known journal, last 12 weeks.

    The record starts a year back, so every week of the period is part of it.
    """
    fill_known_journal(db, leader)
    settings_history.set_start_date(db, leader.id, overview.last_weeks(52, TODAY)[0])
    window = open_window()
    page = show_dashboard(window, qtbot)
    page.set_period_weeks(12)
    return window, page


def _bars(page, panel: str, label: str) -> list[float]:
    """The bar heights the native chart draws in one panel (read back from its model)."""
    return list(page.canvas.model().panels[panel].series(label).heights)


def test_dashboard_draws_the_metrics_layers_numbers(dashboard, db, leader):
    _window, page = dashboard
    first, last = overview.last_weeks(12, TODAY)
    weeks = reporting.weekly_figures(db, leader.id, first, last, today=TODAY)
    assert len(weeks) == 12
    panels = page.canvas.model().panels
    assert list(panels["score"].line("overall").values) == [w.consistency_score for w in weeks]
    assert _bars(page, "customer", "customer minutes") == [w.customer_minutes for w in weeks]
    assert list(panels["customer"].target) == [w.customer_target_minutes for w in weeks]
    assert _bars(page, "coaching", "coaching conversations") == [w.coaching_count for w in weeks]
    assert _bars(page, "reinforcement", "corrective") == [
        w.reinforcements_corrective for w in weeks
    ]
    latest = weeks[-1]
    assert page.score_card.value.text() == f"{latest.consistency_score:.0f} / 100"
    assert page.streak_card.value.text().startswith(f"{latest.current_streak} workday")
    assert "1 overdue now" in page.followup_card.detail.text()
    coverage = page.coverage.toPlainText()
    assert "Own the problem" in coverage and "never coached or reinforced" in coverage
    assert "1 of 2 standards never coached or reinforced" in page.coverage_note.text()


def test_the_period_choice_sets_the_weeks_drawn(dashboard):
    _window, page = dashboard
    page.set_period_weeks(4)
    assert len(_bars(page, "coaching", "coaching conversations")) == 4
    assert page.heading.text().endswith(
        f"{TODAY - dt.timedelta(days=3 * 7 + 4):%d %b %Y} to 20 Nov 2026"
    )
    page.set_custom_period(dt.date(2026, 10, 12), dt.date(2026, 10, 25))
    assert len(_bars(page, "coaching", "coaching conversations")) == 2
    assert page.canvas.series.week_start[0] == dt.date(2026, 10, 12)


def test_clicking_a_week_opens_that_week_in_the_journal(dashboard, qtbot):
    window, page = dashboard
    week = len(page.canvas.series) - 3
    week_start = page.canvas.series.week_start[week]
    point = page.canvas.point_of("coaching", week).toPoint()
    qtbot.mouseClick(page.canvas, Qt.MouseButton.LeftButton, pos=point)
    journal_page = window.current_page()
    assert journal_page is window.page("journal")
    assert journal_page.date_range() == (week_start, week_start + dt.timedelta(days=6))
    days = {journal_page.model.entry(row).day for row in range(journal_page.model.rowCount())}
    assert days and all(week_start <= day <= week_start + dt.timedelta(days=6) for day in days)


def test_dashboard_redraws_when_an_entry_is_saved(dashboard, db, leader):
    window, page = dashboard
    before = _bars(page, "customer", "customer minutes")
    # a Sunday shift: not a workday, but its minutes count towards the week's total
    logbook.add_day_log(db, leader.id, dt.date(2026, 11, 15), "40", today=TODAY)
    window.context.entries_changed.emit()
    after = _bars(page, "customer", "customer minutes")
    assert after == [*before[:-2], before[-2] + 40, before[-1]]


def test_a_leader_with_nothing_logged_gets_a_friendly_explanation(open_window, leader, qtbot):
    window = open_window()
    page = show_dashboard(window, qtbot)
    model = page.canvas.model()
    assert model.is_empty  # no empty axes: only the note is painted
    assert "Ana Ruiz has nothing logged between" in model.empty_message
    assert "Today" in model.empty_message
    assert page.score_card.value.text() == "—"


def test_the_page_shows_its_figures_before_the_charts_are_drawn(open_window, db, leader, qtbot):
    fill_known_journal(db, leader)
    window = open_window()
    window.go_to(DASHBOARD)
    page = window.page("dashboard")
    # on first show the cards are filled at once; the charts follow from the event loop
    assert not page.charts_ready
    assert page.score_card.value.text().endswith("/ 100")
    assert page.drawing_label.isVisibleTo(page)
    qtbot.waitUntil(lambda: page.charts_ready)
    assert not page.drawing_label.isVisibleTo(page)
    assert set(page.canvas.model().panels) == {"score", "customer", "coaching", "reinforcement"}


def test_team_comparison_ranks_leaders_and_lists_who_needs_attention(dashboard, db, leader):
    window, page = dashboard
    ben = people.add_leader(db, "Ben Okafor", team="North")
    for offset in range(10):
        day = dt.date(2026, 11, 9) + dt.timedelta(days=offset)
        if day.weekday() < 5:
            logbook.add_day_log(db, ben.id, day, "90", today=TODAY)
    window.context.people_changed.emit()
    page.show_team()
    comparison = page.comparison
    assert comparison.team_combo.currentData() == "North"
    first, last = page.period()
    standings = {s.name: s for s in overview.team_standings(db, "North", first, last, today=TODAY)}
    ax = comparison.canvas.figure.axes[0]
    widths = [bar.get_width() for bar in ax.patches]
    names = [label.get_text() for label in ax.get_yticklabels()]
    assert widths == sorted(widths, reverse=True)
    assert widths == [standings[name].score for name in names]
    flagged = [
        comparison.attention_list.topLevelItem(i).text(0)
        for i in range(comparison.attention_list.topLevelItemCount())
    ]
    assert "Ana Ruiz" in flagged
    ana = next(
        comparison.attention_list.topLevelItem(i)
        for i in range(comparison.attention_list.topLevelItemCount())
        if comparison.attention_list.topLevelItem(i).text(0) == "Ana Ruiz"
    )
    assert "1 overdue coaching follow-up" in ana.text(1)
    comparison.sort_combo.setCurrentIndex(comparison.sort_combo.findData("name"))
    assert [label.get_text() for label in comparison.canvas.figure.axes[0].get_yticklabels()] == [
        "Ana Ruiz",
        "Ben Okafor",
    ]


def test_file_menu_exports_the_chart_and_the_review_pack(dashboard, tmp_path, monkeypatch):
    window, _page = dashboard
    chosen = {"path": str(tmp_path / "dashboard.svg")}
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (chosen["path"], "")
    )
    window.export_chart()
    assert b"<svg" in (tmp_path / "dashboard.svg").read_bytes()[:400]
    chosen["path"] = str(tmp_path / "pack.pdf")
    window.save_review_pack()
    assert (tmp_path / "pack.pdf").read_bytes().startswith(b"%PDF")


def test_charts_redraw_in_dark_colours_when_the_palette_changes(dashboard, qtbot):
    from leaderlog.ui.window.appearance import dark_palette

    _window, page = dashboard

    def corner() -> int:
        colour = page.canvas.grab().toImage().pixelColor(2, 2)
        return colour.red() + colour.green() + colour.blue()

    assert corner() > 700  # white paper
    light_bars = page.canvas.model().panels["coaching"].series("coaching conversations")
    page.setPalette(dark_palette())
    qtbot.waitUntil(lambda: corner() < 200)
    assert page.canvas.theme().is_dark
    dark_bars = page.canvas.model().panels["coaching"].series("coaching conversations")
    assert dark_bars.heights == light_bars.heights  # still the same data, redrawn


def test_sparse_data_gets_a_plain_warning_about_reading_the_scores(open_window, db, leader, qtbot):
    for day in (dt.date(2026, 11, 18), dt.date(2026, 11, 19)):
        logbook.add_day_log(db, leader.id, day, "70", today=TODAY)
    window = open_window()
    page = show_dashboard(window, qtbot)
    page.set_period_weeks(4)
    assert page.note.isVisibleTo(page)
    assert "Only 2 of" in page.note.text() and "not a verdict" in page.note.text()


def test_export_dialog_adds_the_suffix_of_the_chosen_format(dashboard, tmp_path, monkeypatch):
    _window, page = dashboard
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *args, **kwargs: (str(tmp_path / "trend"), "PDF document (*.pdf)"),
    )
    saved = page.canvas.export_with_dialog()
    assert saved == tmp_path / "trend.pdf"
    assert saved.read_bytes().startswith(b"%PDF")


def test_keyboard_picks_a_week_with_arrows_and_opens_it_with_enter(dashboard, qtbot):
    from PySide6.QtCore import Qt

    window, page = dashboard
    series = page.canvas.series
    page.canvas.setFocus()
    qtbot.keyClick(page.canvas, Qt.Key.Key_Left)  # the latest week first
    qtbot.keyClick(page.canvas, Qt.Key.Key_Left)
    assert page.canvas.selected_week == len(series) - 2
    description = page.canvas.accessibleDescription()
    assert (
        f"Week of {chart_models.week_label(series.week_start[-2], with_year=True)}" in description
    )
    assert f"Coaching conversations: {series.coaching_count[-2]}" in description
    qtbot.keyClick(page.canvas, Qt.Key.Key_Return)
    start = series.week_start[-2]
    assert window.current_page() is window.page("journal")
    assert window.page("journal").date_range() == (start, start + dt.timedelta(days=6))


def test_team_comparison_follows_the_chosen_leaders_team(dashboard, db):
    window, page = dashboard
    dev = people.add_leader(db, "Dev Patel", team="South")
    window.context.people_changed.emit()
    page.show_team()
    assert page.comparison.team_combo.currentData() == "North"
    window.context.set_leader(dev)
    assert page.comparison.team_combo.currentData() == "South"
    names = [t.get_text() for t in page.comparison.canvas.figure.axes[0].get_yticklabels()]
    assert names == ["Dev Patel"]


def test_hovering_a_week_shows_the_metrics_layers_values(dashboard, db, leader, qtbot):
    from PySide6.QtWidgets import QToolTip

    _window, page = dashboard
    weeks = reporting.weekly_figures(db, leader.id, *overview.last_weeks(12, TODAY), today=TODAY)
    week = weeks[-2]
    qtbot.mouseMove(page.canvas, page.canvas.point_of("customer", len(weeks) - 2).toPoint())
    qtbot.waitUntil(QToolTip.isVisible)
    text = QToolTip.text()
    assert text.startswith(f"Week of {chart_models.week_label(week.week_start, with_year=True)}")
    assert f"{week.customer_minutes} min (target {week.customer_target_minutes} min)" in text
    assert text.endswith("Click to open in the Journal")


def test_the_leaders_charts_are_shown_without_importing_matplotlib(db, db_path, leader, app_paths):
    fill_known_journal(db, leader)
    db.dispose()
    script = textwrap.dedent(
        f"""
        import sys
        from leaderlog.core.paths import AppPaths
        from leaderlog.ui.start.app import build_main_window, create_application, open_database_for_window
        app = create_application()
        db = open_database_for_window({str(db_path)!r}, demo=False)
        window = build_main_window(db, AppPaths.default())
        window.resize(1280, 800)
        window.show()
        window.go_to({DASHBOARD})
        page = window.page("dashboard")
        while not page.charts_ready:
            app.processEvents()
        window.page("dashboard").canvas.grab()
        print(len(page.canvas.model().panels), "matplotlib" in sys.modules)
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["4", "False"]


def test_a_newcomers_dashboard_starts_at_their_start_and_says_why_the_score(
    open_window, db, leader, qtbot
):
    fill_known_journal(db, leader)  # entries from Monday 12 October
    time_off.add(db, leader.id, dt.date(2026, 11, 19), dt.date(2026, 11, 20), "vacation")
    window = open_window()
    page = show_dashboard(window, qtbot)
    page.set_period_weeks(12)
    qtbot.waitUntil(lambda: page.review is not None and len(page.review.weeks) == 6)
    assert page.heading.text().endswith("· since 12 Oct 2026")
    assert page.canvas.series.week_start[0] == dt.date(2026, 10, 12)  # no week before it
    why = page.why_label.text()
    assert page.why_label.isVisibleTo(page)
    assert why.startswith("Why this score: Week of 16 Nov 2026")
    assert "Thu 19 Nov – Fri 20 Nov (On leave (Vacation))" in why
    assert "on-track line (70)" in why
    days = page.canvas.days
    index = (dt.date(2026, 11, 19) - days.first).days
    assert days.states[index] == chart_models.EXTRA_DAY  # logged on a day off
    assert "On leave (Vacation), logged anyway" in page.canvas.describe("calendar", index)
