"""Charts draw exactly the metrics layer's numbers, export valid files and answer hover and clicks."""

from __future__ import annotations

import datetime as dt

import pytest
from chart_data import TODAY, fill_known_journal
from matplotlib.backend_bases import MouseEvent
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from leaderlog import review
from leaderlog.charts import figures
from leaderlog.charts.theme import DARK, LIGHT
from leaderlog.ui.appearance import dark_palette
from leaderlog.ui.charts.canvas import ChartCanvas, export_figure, theme_for_palette


@pytest.fixture
def known_review(db, leader) -> review.LeaderReview:
    fill_known_journal(db, leader)
    first, last = review.last_weeks(6, TODAY)
    return review.leader_review(db, leader, first, last, today=TODAY)


def _draw(data: review.LeaderReview, theme=LIGHT) -> tuple[Figure, figures.ChartMap]:
    figure = Figure(figsize=(10, 6))
    FigureCanvasAgg(figure)
    series = figures.WeeklySeries.from_weeks(data.weeks)
    days = figures.CalendarDays.from_day_scores(data.days)
    chart_map = figures.draw_dashboard(figure, series, days, theme)
    figure.canvas.draw()
    return figure, chart_map


def _panel(chart_map: figures.ChartMap, name: str):
    return next(ax for ax, panel in chart_map.weekly.items() if panel == name)


def _collection(ax, gid: str):
    return next(c for c in ax.collections if c.get_gid() == gid)


def test_plotted_series_equal_the_metrics_layers_weekly_figures(known_review):
    weeks = known_review.weeks
    assert len(weeks) == 6
    _figure, chart_map = _draw(known_review)

    score_lines = {
        line.get_label(): list(line.get_ydata()) for line in _panel(chart_map, "score").lines
    }
    assert score_lines["overall"] == [w.consistency_score for w in weeks]
    assert score_lines["customer time"] == [w.customer_score for w in weeks]
    assert score_lines["coaching"] == [w.coaching_score for w in weeks]
    assert score_lines["reinforcement"] == [w.reinforcement_score for w in weeks]

    customer = _panel(chart_map, "customer")
    assert figures.bar_heights(_collection(customer, "customer_minutes")) == [
        w.customer_minutes for w in weeks
    ]
    target = next(p for p in customer.patches if p.get_gid() == "target")
    assert list(target.get_data().values) == [w.customer_target_minutes for w in weeks]

    coaching = _panel(chart_map, "coaching")
    assert figures.bar_heights(_collection(coaching, "coaching_count")) == [
        w.coaching_count for w in weeks
    ]
    reinforcement = _panel(chart_map, "reinforcement")
    assert figures.bar_heights(_collection(reinforcement, "reinforcements_positive")) == [
        w.reinforcements_positive for w in weeks
    ]
    assert figures.bar_heights(_collection(reinforcement, "reinforcements_corrective")) == [
        w.reinforcements_corrective for w in weeks
    ]
    # the known journal has corrective feedback in some weeks, so the stacked bars differ
    assert any(w.reinforcements_corrective for w in weeks)


def test_burst_week_bar_is_paler_than_a_steady_week(known_review):
    weeks = known_review.weeks
    _figure, chart_map = _draw(known_review)
    colours = _collection(_panel(chart_map, "customer"), "customer_minutes").get_facecolor()
    steady, burst = 0, 3  # week 4 of the known journal crams the minutes into Monday
    assert weeks[steady].days_meeting_customer_target > weeks[burst].days_meeting_customer_target
    # paler = closer to the white background = larger sum of RGB
    assert sum(colours[burst][:3]) > sum(colours[steady][:3])


def test_calendar_marks_missed_workdays_apart_from_days_off(known_review):
    _figure, chart_map = _draw(known_review)
    image = chart_map.calendar.get_images()[0].get_array()
    origin = chart_map.calendar_origin
    states = {}
    for column in range(image.shape[1]):
        for row in range(7):
            states[origin + dt.timedelta(days=7 * column + row)] = int(image[row, column])
    assert states[dt.date(2026, 10, 21)] == figures.MISSED  # the missed Wednesday
    assert states[dt.date(2026, 10, 24)] == figures.NON_WORKDAY  # a Saturday
    assert states[dt.date(2026, 10, 12)] == figures.BELOW_TARGET  # 45 min < 60
    assert states[dt.date(2026, 11, 2)] == figures.MET_TARGET  # the 300-minute Monday
    by_day = {d.day: d for d in known_review.days}
    for day, state in states.items():
        if day in by_day:
            assert state == figures.day_state(by_day[day])


def test_empty_period_explains_itself_instead_of_empty_axes(db, leader):
    data = review.leader_review(db, leader, dt.date(2026, 10, 1), TODAY, today=TODAY)
    assert data.is_empty
    figure = Figure()
    figures.draw_dashboard(
        figure,
        figures.WeeklySeries.from_weeks(data.weeks),
        figures.CalendarDays.from_day_scores(data.days),
        LIGHT,
        "Ana Ruiz has nothing logged yet.",
    )
    texts = [t.get_text() for ax in figure.axes for t in ax.texts]
    assert texts == ["Ana Ruiz has nothing logged yet."]
    assert not any(ax.axison for ax in figure.axes)


def test_a_panel_with_no_entries_says_so(db, leader):
    from leaderlog import journal

    journal.add_day_log(db, leader.id, dt.date(2026, 11, 16), "70", today=TODAY)
    data = review.leader_review(db, leader, dt.date(2026, 11, 9), TODAY, today=TODAY)
    _figure, chart_map = _draw(data)
    coaching_notes = [t.get_text() for t in _panel(chart_map, "coaching").texts]
    assert "No coaching conversations logged in these weeks." in coaching_notes


@pytest.mark.parametrize(
    ("suffix", "signature"), [("png", b"\x89PNG\r\n\x1a\n"), ("svg", b"<svg"), ("pdf", b"%PDF")]
)
def test_each_export_format_writes_a_valid_file(qtbot, known_review, tmp_path, suffix, signature):
    canvas = ChartCanvas("Leader dashboard")
    qtbot.addWidget(canvas)
    figures.draw_dashboard(
        canvas.figure,
        figures.WeeklySeries.from_weeks(known_review.weeks),
        figures.CalendarDays.from_day_scores(known_review.days),
        canvas.theme(),
    )
    saved = canvas.export(tmp_path / f"chart.{suffix}")
    data = saved.read_bytes()
    if suffix == "svg":
        assert signature in data[:400]
        assert b"Coaching conversations per week" in data or b"Coaching" in data
    else:
        assert data.startswith(signature)
    assert len(data) > 5000


def test_export_refuses_an_unknown_format(tmp_path):
    with pytest.raises(ValueError, match=r"\.png, \.svg, \.pdf"):
        export_figure(Figure(), tmp_path / "chart.bmp")
    assert not (tmp_path / "chart.bmp").exists()


def test_charts_follow_the_window_palette(qtbot):
    dark = theme_for_palette(dark_palette())
    assert dark.is_dark and dark.customer == DARK.customer
    assert dark.background == dark_palette().color(QPalette.ColorRole.Base).name()
    light = QPalette()
    light.setColor(QPalette.ColorRole.Base, "#ffffff")
    light.setColor(QPalette.ColorRole.Text, "#000000")
    assert not theme_for_palette(light).is_dark


def test_canvas_takes_its_colours_from_the_window_around_it(qtbot):
    window = QWidget()
    window.setPalette(dark_palette())
    qtbot.addWidget(window)
    canvas = ChartCanvas("Leader dashboard", window)
    theme = canvas.theme()
    assert theme.is_dark
    figures.draw_dashboard(canvas.figure, figures.WeeklySeries(), None, theme, "Nothing yet.")
    assert canvas.figure.get_facecolor()[:3] == pytest.approx(
        tuple(c / 255 for c in dark_palette().color(QPalette.ColorRole.Base).getRgb()[:3])
    )


def _event(canvas, ax, x: float, y: float, name: str, button=None) -> MouseEvent:
    px, py = ax.transData.transform((x, y))
    return MouseEvent(name, canvas, px, py, button=button)


def test_hover_names_the_weeks_exact_values_and_a_click_emits_the_week(qtbot, known_review):
    canvas = ChartCanvas("Leader dashboard")
    qtbot.addWidget(canvas)
    canvas.resize(1000, 600)
    chart_map = figures.draw_dashboard(
        canvas.figure,
        figures.WeeklySeries.from_weeks(known_review.weeks),
        figures.CalendarDays.from_day_scores(known_review.days),
        canvas.theme(),
    )
    canvas.set_chart_map(chart_map)
    canvas.draw()
    week = known_review.weeks[3]
    coaching = _panel(chart_map, "coaching")
    found = canvas._week_at(_event(canvas, coaching, 3, 0.5, "motion_notify_event"))
    assert found == ("coaching", 3)
    text = canvas.describe(*found)
    assert f"Coaching conversations: {week.coaching_count} (target {week.coaching_target})" in text
    customer_text = canvas.describe("customer", 3)
    assert (
        f"{week.customer_minutes} min (target {week.customer_target_minutes} min)" in customer_text
    )

    with qtbot.waitSignal(canvas.week_clicked) as clicked:
        _event(canvas, coaching, 3, 0.5, "button_press_event", button=1)._process()
    assert clicked.args == [week.week_start, week.week_start + dt.timedelta(days=6)]

    day = dt.date(2026, 10, 21)
    column = (day - chart_map.calendar_origin).days // 7
    with qtbot.waitSignal(canvas.week_clicked) as clicked:
        _event(canvas, chart_map.calendar, column, 2, "button_press_event", button=1)._process()
    assert clicked.args == [day, day]
    assert "workday, nothing logged" in canvas.describe(
        "calendar", (day - chart_map.days.first).days
    )


def test_days_before_a_newcomers_first_entry_are_not_missed(db, leader):
    from leaderlog import journal

    journal.add_day_log(db, leader.id, dt.date(2026, 11, 10), "70", today=TODAY)
    data = review.leader_review(db, leader, *review.last_weeks(4, TODAY), today=TODAY)
    assert data.started_on == dt.date(2026, 11, 10)
    days = figures.CalendarDays.from_day_scores(data.days, 0, data.started_on)
    state = {days.day(i): s for i, s in enumerate(days.states)}
    assert state[dt.date(2026, 11, 9)] == figures.BEFORE_START  # a Monday before the start
    assert state[dt.date(2026, 6, 1)] == figures.BEFORE_START
    assert state[dt.date(2026, 11, 11)] == figures.MISSED  # after the start it counts
    assert "before the first entry" in figures.describe_day(days, 0)


def test_a_leader_who_logged_before_the_calendar_year_has_no_start_inside_it(db, leader):
    from leaderlog import journal

    journal.add_day_log(db, leader.id, dt.date(2025, 6, 2), "70", today=TODAY)
    journal.add_day_log(db, leader.id, dt.date(2026, 11, 10), "70", today=TODAY)
    data = review.leader_review(db, leader, *review.last_weeks(4, TODAY), today=TODAY)
    assert data.started_on is None
    days = figures.CalendarDays.from_day_scores(data.days, 0, data.started_on)
    assert figures.BEFORE_START not in days.states


def test_calendar_rows_start_on_sunday_when_weeks_do():
    from matplotlib.figure import Figure as PlainFigure

    first = dt.date(2026, 11, 1)  # a Sunday
    days = figures.CalendarDays(first, (figures.NON_WORKDAY, figures.MISSED), (None, None), 6)
    grid, origin = figures.calendar_grid(days)
    assert origin == first
    assert grid[0, 0] == figures.NON_WORKDAY and grid[1, 0] == figures.MISSED
    ax = PlainFigure().add_subplot()
    figures.draw_calendar(ax, days, LIGHT)
    assert [t.get_text() for t in ax.texts if t.get_text() in figures.WEEKDAY_LABELS] == [
        "Sun",
        "Tue",
        "Thu",
        "Sat",
    ]


def test_a_period_with_only_reinforcements_is_drawn_not_called_empty(db, leader):
    from leaderlog import journal

    journal.add_reinforcement(
        db, leader.id, dt.date(2026, 11, 14), "praise", today=TODAY
    )  # a Saturday
    data = review.leader_review(db, leader, *review.last_weeks(2, TODAY), today=TODAY)
    _figure, chart_map = _draw(data)
    assert figures.bar_heights(
        _collection(_panel(chart_map, "reinforcement"), "reinforcements_positive")
    ) == [1, 0]
