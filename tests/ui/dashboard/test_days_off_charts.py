"""Days off on the charts: their own heatmap colours and legend, their words on hover, and a start date."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.chart_data import TODAY, fill_known_journal
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from leaderlog.journal import holidays, settings_history, time_off
from leaderlog.reports import chart_models, figures, overview
from leaderlog.reports.chart_theme import LIGHT, PRINT


@pytest.fixture
def review_with_days_off(db, leader) -> overview.LeaderReview:
    """The known journal (from 12 Oct) on a record started 1 Sep, a week's vacation, US holidays."""
    fill_known_journal(db, leader)
    settings_history.set_start_date(db, leader.id, dt.date(2026, 9, 1))
    time_off.add(db, leader.id, dt.date(2026, 9, 14), dt.date(2026, 9, 18), "vacation")
    holidays.set_calendar(db, "US")  # Labor Day, Mon 7 Sep 2026; Columbus Day, Mon 12 Oct
    return overview.leader_review(db, leader, *overview.last_weeks(12, TODAY), today=TODAY)


def _days(data: overview.LeaderReview) -> chart_models.CalendarDays:
    return chart_models.CalendarDays.from_day_scores(data.days, 0, data.started_on, data.calendar)


def test_leave_and_holidays_are_their_own_heatmap_states(review_with_days_off):
    days = _days(review_with_days_off)
    state = {days.day(i): s for i, s in enumerate(days.states)}
    assert state[dt.date(2026, 9, 15)] == chart_models.LEAVE
    assert state[dt.date(2026, 9, 7)] == chart_models.HOLIDAY
    assert state[dt.date(2026, 9, 8)] == chart_models.MISSED  # after the start, nothing logged
    assert state[dt.date(2026, 8, 31)] == chart_models.BEFORE_START
    assert state[dt.date(2026, 9, 13)] == chart_models.NON_WORKDAY  # a Sunday
    # Columbus Day is in the known journal with minutes: logged on a day off
    assert state[dt.date(2026, 10, 12)] == chart_models.EXTRA_DAY


def test_hovering_a_day_off_says_what_it_is(review_with_days_off):
    days = _days(review_with_days_off)
    index = {days.day(i): i for i in range(len(days.states))}
    assert chart_models.describe_day(days, index[dt.date(2026, 9, 15)]) == (
        "Tue 15 Sep 2026: On leave (Vacation)"
    )
    assert chart_models.describe_day(days, index[dt.date(2026, 9, 7)]) == (
        "Mon 7 Sep 2026: Public holiday: Labor Day"
    )
    assert "Public holiday: Columbus Day, logged anyway" in chart_models.describe_day(
        days, index[dt.date(2026, 10, 12)]
    )


def test_the_legend_names_leave_and_holidays_apart_from_non_workdays():
    labels = [label for _state, label in chart_models.CALENDAR_LEGEND]
    assert labels == [
        "met customer-time target",
        "logged, below target",
        "missed workday (×)",
        "Leave",
        "Public holiday",
        "not a workday",
    ]
    colours = {chart_models.state_colour(s, LIGHT) for s, _label in chart_models.CALENDAR_LEGEND}
    assert len(colours) == len(labels)  # every entry its own colour
    assert chart_models.state_colour(chart_models.BEFORE_START, LIGHT) is None  # blank


def test_the_review_packs_heatmap_draws_days_off_in_their_colours(review_with_days_off):
    figure = Figure(figsize=(10, 6))
    FigureCanvasAgg(figure)
    data = review_with_days_off
    chart_map = figures.draw_dashboard(
        figure, chart_models.WeeklySeries.from_weeks(data.weeks), _days(data), PRINT
    )
    figure.canvas.draw()
    legend = chart_map.calendar.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == [
        label for _s, label in chart_models.CALENDAR_LEGEND
    ]
    image = chart_map.calendar.images[0]
    shown = image.get_array()
    origin = chart_map.calendar_origin
    offset = (dt.date(2026, 9, 15) - origin).days
    assert shown[offset % 7, offset // 7] == chart_models.LEAVE
    rgba = image.to_rgba(shown[offset % 7, offset // 7], bytes=True)
    leave = chart_models.state_colour(chart_models.LEAVE, PRINT)
    assert "#{:02x}{:02x}{:02x}".format(*rgba[:3]) == leave


def test_the_native_heatmap_paints_leave_and_holidays_with_their_legend(
    qtbot, review_with_days_off
):
    from leaderlog.ui.dashboard.charts.dashboard_view import DashboardView

    view = DashboardView("Leader dashboard")
    qtbot.addWidget(view)
    view.resize(1000, 620)
    data = review_with_days_off
    view.set_data(chart_models.WeeklySeries.from_weeks(data.weeks), _days(data), "")
    image = view.render_image(view.size())
    theme = view.model().theme
    calendar = view.model().calendar
    geometry = view.geometry_now().calendar

    def colour_of(day: dt.date) -> str:
        offset = (day - calendar.origin).days
        point = geometry.cell_rect(offset // 7, offset % 7).topLeft()
        colour = image.pixelColor(round(point.x() + 2.5), round(point.y() + 2.5))
        return colour.name()

    assert colour_of(dt.date(2026, 9, 15)) == chart_models.state_colour(chart_models.LEAVE, theme)
    assert colour_of(dt.date(2026, 9, 7)) == chart_models.state_colour(chart_models.HOLIDAY, theme)
    assert colour_of(dt.date(2026, 9, 13)) == theme.non_workday.lower()
    assert "On leave (Vacation)" in view.describe(
        "calendar", (dt.date(2026, 9, 15) - calendar.days.first).days
    )


def test_a_score_tooltip_explains_the_week_and_an_export_names_leader_and_period(
    qtbot, review_with_days_off, tmp_path
):
    from leaderlog.ui.dashboard import summary_texts
    from leaderlog.ui.dashboard.charts.dashboard_view import DashboardView

    data = review_with_days_off
    view = DashboardView("Leader dashboard")
    qtbot.addWidget(view)
    view.resize(1000, 620)
    why = tuple(summary_texts.why_week_text(e) for e in data.explanations())
    view.set_data(
        chart_models.WeeklySeries.from_weeks(data.weeks),
        _days(data),
        "",
        caption=summary_texts.chart_caption(data),
        explanations=why,
    )
    week = next(i for i, w in enumerate(data.weeks) if w.week_start == dt.date(2026, 9, 14))
    tip = view.describe("score", week)
    assert "Days off, not counted" in tip and "On leave (Vacation)" in tip
    assert "on-track line (70)" in tip
    svg = view.export_bytes("svg").decode()
    assert "Ana Ruiz · North" in svg and "since 1 Sep 2026" in svg
