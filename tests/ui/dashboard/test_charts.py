"""Charts draw exactly the metrics layer's numbers, export valid files and answer hover and clicks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from helpers.chart_data import TODAY, fill_known_journal
from matplotlib.backend_bases import MouseEvent
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from leaderlog.reports import chart_models, figures, overview
from leaderlog.reports.chart_theme import DARK, LIGHT
from leaderlog.ui.dashboard.charts.canvas import ChartCanvas, export_figure, theme_for_palette
from leaderlog.ui.window.appearance import dark_palette


@pytest.fixture
def known_review(db, leader) -> overview.LeaderReview:
    fill_known_journal(db, leader)
    first, last = overview.last_weeks(6, TODAY)
    return overview.leader_review(db, leader, first, last, today=TODAY)


def _draw(data: overview.LeaderReview, theme=LIGHT) -> tuple[Figure, figures.ChartMap]:
    figure = Figure(figsize=(10, 6))
    FigureCanvasAgg(figure)
    series = chart_models.WeeklySeries.from_weeks(data.weeks)
    days = chart_models.CalendarDays.from_day_scores(data.days)
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
    assert states[dt.date(2026, 10, 21)] == chart_models.MISSED  # the missed Wednesday
    assert states[dt.date(2026, 10, 24)] == chart_models.NON_WORKDAY  # a Saturday
    assert states[dt.date(2026, 10, 12)] == chart_models.BELOW_TARGET  # 45 min < 60
    assert states[dt.date(2026, 11, 2)] == chart_models.MET_TARGET  # the 300-minute Monday
    by_day = {d.day: d for d in known_review.days}
    for day, state in states.items():
        if day in by_day:
            assert state == chart_models.day_state(by_day[day])


def test_empty_period_explains_itself_instead_of_empty_axes(db, leader):
    data = overview.leader_review(db, leader, dt.date(2026, 10, 1), TODAY, today=TODAY)
    assert data.is_empty
    figure = Figure()
    figures.draw_dashboard(
        figure,
        chart_models.WeeklySeries.from_weeks(data.weeks),
        chart_models.CalendarDays.from_day_scores(data.days),
        LIGHT,
        "Ana Ruiz has nothing logged yet.",
    )
    texts = [t.get_text() for ax in figure.axes for t in ax.texts]
    assert texts == ["Ana Ruiz has nothing logged yet."]
    assert not any(ax.axison for ax in figure.axes)


def test_a_panel_with_no_entries_says_so(db, leader):
    from leaderlog.journal import logbook

    logbook.add_day_log(db, leader.id, dt.date(2026, 11, 16), "70", today=TODAY)
    data = overview.leader_review(db, leader, dt.date(2026, 11, 9), TODAY, today=TODAY)
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
        chart_models.WeeklySeries.from_weeks(known_review.weeks),
        chart_models.CalendarDays.from_day_scores(known_review.days),
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
    figures.draw_dashboard(canvas.figure, chart_models.WeeklySeries(), None, theme, "Nothing yet.")
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
        chart_models.WeeklySeries.from_weeks(known_review.weeks),
        chart_models.CalendarDays.from_day_scores(known_review.days),
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
    from leaderlog.journal import logbook

    logbook.add_day_log(db, leader.id, dt.date(2026, 11, 10), "70", today=TODAY)
    data = overview.leader_review(db, leader, *overview.last_weeks(4, TODAY), today=TODAY)
    assert data.started_on == dt.date(2026, 11, 10)
    days = chart_models.CalendarDays.from_day_scores(data.days, 0, data.started_on)
    state = {days.day(i): s for i, s in enumerate(days.states)}
    assert state[dt.date(2026, 11, 9)] == chart_models.BEFORE_START  # a Monday before the start
    assert state[dt.date(2026, 6, 1)] == chart_models.BEFORE_START
    assert state[dt.date(2026, 11, 11)] == chart_models.MISSED  # after the start it counts
    assert "before the first entry" in chart_models.describe_day(days, 0)


def test_a_leader_who_logged_before_the_calendar_year_has_no_start_inside_it(db, leader):
    from leaderlog.journal import logbook

    logbook.add_day_log(db, leader.id, dt.date(2025, 6, 2), "70", today=TODAY)
    logbook.add_day_log(db, leader.id, dt.date(2026, 11, 10), "70", today=TODAY)
    data = overview.leader_review(db, leader, *overview.last_weeks(4, TODAY), today=TODAY)
    assert data.started_on is None
    days = chart_models.CalendarDays.from_day_scores(data.days, 0, data.started_on)
    assert chart_models.BEFORE_START not in days.states


def test_calendar_rows_start_on_sunday_when_weeks_do():
    from matplotlib.figure import Figure as PlainFigure

    first = dt.date(2026, 11, 1)  # a Sunday
    days = chart_models.CalendarDays(
        first, (chart_models.NON_WORKDAY, chart_models.MISSED), (None, None), 6
    )
    grid, origin = figures.calendar_grid(days)
    assert origin == first
    assert grid[0, 0] == chart_models.NON_WORKDAY and grid[1, 0] == chart_models.MISSED
    ax = PlainFigure().add_subplot()
    figures.draw_calendar(ax, days, LIGHT)
    assert [t.get_text() for t in ax.texts if t.get_text() in chart_models.WEEKDAY_LABELS] == [
        "Sun",
        "Tue",
        "Thu",
        "Sat",
    ]


def test_a_period_with_only_reinforcements_is_drawn_not_called_empty(db, leader):
    from leaderlog.journal import logbook

    logbook.add_reinforcement(
        db, leader.id, dt.date(2026, 11, 14), "praise", today=TODAY
    )  # a Saturday
    data = overview.leader_review(db, leader, *overview.last_weeks(2, TODAY), today=TODAY)
    _figure, chart_map = _draw(data)
    assert figures.bar_heights(
        _collection(_panel(chart_map, "reinforcement"), "reinforcements_positive")
    ) == [1, 0]


# ---------------------------------------------------------------- the native (QPainter) dashboard


def _view(qtbot, data: overview.LeaderReview, parent: QWidget | None = None):
    from leaderlog.ui.dashboard.charts.dashboard_view import DashboardView

    view = DashboardView("Leader dashboard", parent)
    if parent is None:
        qtbot.addWidget(view)
    view.resize(1000, 620)
    view.set_data(
        chart_models.WeeklySeries.from_weeks(data.weeks),
        chart_models.CalendarDays.from_day_scores(
            data.days, 0 if data.week_start == "monday" else 6, data.started_on
        ),
        "Ana Ruiz has nothing logged yet.",
    )
    return view


def _pixel(image, point) -> tuple[int, int, int]:
    """The colour at a logical point of an image painted at any device pixel ratio."""
    ratio = image.devicePixelRatio()
    colour = image.pixelColor(round(point.x() * ratio), round(point.y() * ratio))
    return colour.red(), colour.green(), colour.blue()


def _bar_middle(view, panel: str, index: int, height: float):
    from PySide6.QtCore import QPointF

    where = view.geometry_now().panels[panel]
    return QPointF(where.x_of(index), where.y_of(height / 2))


def test_native_panels_hold_the_metrics_layers_weekly_figures(qtbot, known_review):
    weeks = known_review.weeks
    model = _view(qtbot, known_review).model()
    score = model.panels["score"]
    assert list(score.line("overall").values) == [w.consistency_score for w in weeks]
    assert list(score.line("customer time").values) == [w.customer_score for w in weeks]
    assert list(score.line("coaching").values) == [w.coaching_score for w in weeks]
    assert list(score.line("reinforcement").values) == [w.reinforcement_score for w in weeks]
    customer = model.panels["customer"]
    assert list(customer.series("customer minutes").heights) == [w.customer_minutes for w in weeks]
    assert list(customer.target) == [w.customer_target_minutes for w in weeks]
    coaching = model.panels["coaching"]
    assert list(coaching.series("coaching conversations").heights) == [
        w.coaching_count for w in weeks
    ]
    assert list(coaching.target) == [w.coaching_target for w in weeks]
    reinforcement = model.panels["reinforcement"]
    positive = reinforcement.series("positive")
    corrective = reinforcement.series("corrective")
    assert list(positive.heights) == [w.reinforcements_positive for w in weeks]
    assert list(corrective.heights) == [w.reinforcements_corrective for w in weeks]
    # corrective sits on top of positive, outlined, filled with the background
    assert corrective.bottoms == positive.heights
    assert corrective.outline is not None and corrective.fills[0].name() == model.theme.background
    assert any(w.reinforcements_corrective for w in weeks)
    assert list(reinforcement.target) == [w.reinforcement_target for w in weeks]
    # value ticks are round numbers from 0 that cover the tallest bar
    assert customer.ticks[0] == 0 and customer.ticks[-1] >= max(w.customer_minutes for w in weeks)
    step = customer.ticks[1] - customer.ticks[0]
    assert any(step == m * 10**k for m in (1, 2, 2.5, 5) for k in range(-1, 4))
    positions, labels = model.week_labels
    assert positions[-1] == len(weeks) - 1
    assert len(labels) <= 6 and labels[-1] == chart_models.week_label(weeks[-1].week_start)


def test_native_burst_week_is_painted_paler_than_a_steady_week(qtbot, known_review):
    weeks = known_review.weeks
    view = _view(qtbot, known_review)
    image = view.render_image(view.size())
    steady, burst = 0, 3  # week 4 of the known journal crams the minutes into Monday
    assert weeks[steady].days_meeting_customer_target > weeks[burst].days_meeting_customer_target
    steady_rgb = _pixel(
        image, _bar_middle(view, "customer", steady, weeks[steady].customer_minutes)
    )
    burst_rgb = _pixel(image, _bar_middle(view, "customer", burst, weeks[burst].customer_minutes))
    # paler = closer to the white background = larger sum of RGB
    assert sum(burst_rgb) > sum(steady_rgb)


def test_native_calendar_crosses_missed_workdays_and_greys_days_off(qtbot, known_review):
    view = _view(qtbot, known_review)
    calendar = view.model().calendar
    by_day = {d.day: d for d in known_review.days}
    for column in range(calendar.weeks):
        for row in range(7):
            index = calendar.index_at(column, row)
            if index is not None:
                day = calendar.days.day(index)
                expected = chart_models.day_state(by_day[day])
                if day < known_review.started_on:  # the journal's first entry
                    expected = chart_models.BEFORE_START
                assert calendar.rows[row][column] == expected
    image = view.render_image(view.size())
    theme = view.model().theme
    geometry = view.geometry_now().calendar

    def cell(day: dt.date):
        offset = (day - calendar.origin).days
        return geometry.cell_rect(offset // 7, offset % 7)

    def hex_at(point) -> str:
        return "#{:02x}{:02x}{:02x}".format(*_pixel(image, point))

    missed = cell(dt.date(2026, 10, 21))  # the missed Wednesday
    saturday = cell(dt.date(2026, 10, 24))
    met = cell(dt.date(2026, 11, 2))  # the 300-minute Monday
    inset = 2.5
    assert hex_at(missed.topLeft() + QPointF_(inset, inset)) == theme.missed.lower()
    assert hex_at(missed.center()) != theme.missed.lower()  # the cross
    assert hex_at(saturday.center()) == theme.non_workday.lower()
    assert hex_at(met.center()) == theme.met_target.lower()
    assert theme.non_workday != theme.missed


def QPointF_(x: float, y: float):
    from PySide6.QtCore import QPointF

    return QPointF(x, y)


def test_native_days_before_a_newcomers_first_entry_stay_blank(qtbot, db, leader):
    from leaderlog.journal import logbook

    logbook.add_day_log(db, leader.id, dt.date(2026, 11, 10), "70", today=TODAY)
    data = overview.leader_review(db, leader, *overview.last_weeks(4, TODAY), today=TODAY)
    view = _view(qtbot, data)
    calendar = view.model().calendar
    assert calendar.start_note == "journal started 10 Nov 2026"
    image = view.render_image(view.size())
    june = (dt.date(2026, 6, 1) - calendar.origin).days
    corner = view.geometry_now().calendar.cell_rect(june // 7, june % 7).topLeft()
    assert "#{:02x}{:02x}{:02x}".format(*_pixel(image, corner + QPointF_(3, 3))) == (
        view.model().theme.background
    )


def test_native_empty_and_sparse_periods_explain_themselves(qtbot, db, leader):
    from leaderlog.journal import logbook

    empty = overview.leader_review(db, leader, dt.date(2026, 10, 1), TODAY, today=TODAY)
    view = _view(qtbot, empty)
    model = view.model()
    assert model.is_empty and model.empty_message == "Ana Ruiz has nothing logged yet."
    image = view.render_image(view.size())
    # the note's words, across the middle of the image
    painted = {image.pixelColor(x, image.height() // 2).name() for x in range(image.width())}
    assert painted - {model.theme.background}

    logbook.add_day_log(db, leader.id, dt.date(2026, 11, 16), "70", today=TODAY)
    sparse = overview.leader_review(db, leader, dt.date(2026, 11, 9), TODAY, today=TODAY)
    model = _view(qtbot, sparse).model()
    assert model.panels["coaching"].note == "No coaching conversations logged in these weeks."
    assert model.panels["reinforcement"].note == "No reinforcement actions logged in these weeks."
    assert model.panels["customer"].note == ""


def test_native_hover_shows_the_weeks_values_and_a_click_emits_the_week(qtbot, known_review):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QToolTip

    view = _view(qtbot, known_review)
    view.show()
    qtbot.waitExposed(view)
    week = known_review.weeks[3]
    point = view.point_of("coaching", 3).toPoint()
    assert view.week_at(view.point_of("coaching", 3)) == ("coaching", 3)
    qtbot.mouseMove(view, point)
    qtbot.waitUntil(QToolTip.isVisible)
    expected = chart_models.describe_week(view.series, 3, "coaching")
    assert QToolTip.text() == expected + "\nClick to open in the Journal"
    assert f"Coaching conversations: {week.coaching_count} (target {week.coaching_target})" in (
        QToolTip.text()
    )
    with qtbot.waitSignal(view.week_clicked) as clicked:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=point)
    assert clicked.args == [week.week_start, week.week_start + dt.timedelta(days=6)]

    day = dt.date(2026, 10, 21)
    index = (day - view.days.first).days
    with qtbot.waitSignal(view.week_clicked) as clicked:
        qtbot.mouseClick(
            view, Qt.MouseButton.LeftButton, pos=view.point_of("calendar", index).toPoint()
        )
    assert clicked.args == [day, day]
    assert "workday, nothing logged" in view.describe("calendar", index)


def test_native_keyboard_chooses_a_week_and_enter_emits_it(qtbot, known_review):
    from PySide6.QtCore import Qt

    view = _view(qtbot, known_review)
    assert view.accessibleName() == "Leader dashboard"
    assert view.focusPolicy() == Qt.FocusPolicy.StrongFocus
    qtbot.keyClick(view, Qt.Key.Key_Left)  # the latest week first
    qtbot.keyClick(view, Qt.Key.Key_Left)
    series = view.series
    assert view.selected_week == len(series) - 2
    assert f"Coaching conversations: {series.coaching_count[-2]}" in view.accessibleDescription()
    with qtbot.waitSignal(view.week_clicked) as clicked:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert clicked.args == [series.week_start[-2], series.week_start[-2] + dt.timedelta(days=6)]


@pytest.mark.parametrize(
    ("suffix", "signature"), [("png", b"\x89PNG\r\n\x1a\n"), ("svg", b"<svg"), ("pdf", b"%PDF")]
)
def test_native_export_writes_each_format_in_print_colours(
    qtbot, known_review, tmp_path, suffix, signature
):
    from PySide6.QtGui import QImage

    window = QWidget()
    window.setPalette(dark_palette())
    qtbot.addWidget(window)
    view = _view(qtbot, known_review, window)
    assert view.theme().is_dark  # on screen; exports are for paper
    saved = view.export(tmp_path / f"chart.{suffix}")
    data = saved.read_bytes()
    if suffix == "svg":
        assert signature in data[:400]
        assert b"Coaching conversations per week" in data
    else:
        assert data.startswith(signature)
    if suffix == "png":
        image = QImage(str(saved))
        assert (image.width(), image.height()) == (round(1100 * 150 / 96), round(720 * 150 / 96))
        assert image.pixelColor(2, 2).name() == "#ffffff"  # print colours, not the dark window
    if suffix == "pdf":
        assert len(re.findall(rb"/Type\s*/Page\b(?!s)", data)) == 1  # one page
    assert len(data) > 5000


def test_native_export_refuses_an_unknown_format(qtbot, known_review, tmp_path):
    view = _view(qtbot, known_review)
    with pytest.raises(ValueError, match=r"\.png, \.svg, \.pdf"):
        view.export(tmp_path / "chart.bmp")
    assert not (tmp_path / "chart.bmp").exists()


def test_native_dark_window_paints_dark_and_light_paints_light(qtbot, known_review):
    dark_window = QWidget()
    dark_window.setPalette(dark_palette())
    qtbot.addWidget(dark_window)
    dark = _view(qtbot, known_review, dark_window)
    light = _view(qtbot, known_review)
    dark_image, light_image = dark.render_image(dark.size()), light.render_image(light.size())
    assert sum(_pixel(dark_image, QPointF_(3, 3))) < 200
    assert sum(_pixel(light_image, QPointF_(3, 3))) > 700
    dark_theme, light_theme = dark.model().theme, light.model().theme
    assert dark_theme.customer != light_theme.customer
    assert dark.model().panels["score"].line("overall").colour != (
        light.model().panels["score"].line("overall").colour
    )


def test_native_charts_are_crisp_at_200_percent(qtbot, known_review):
    view = _view(qtbot, known_review)
    weeks = known_review.weeks
    image = view.render_image(view.size(), scale=2.0)
    assert (image.width(), image.height()) == (2 * view.width(), 2 * view.height())
    # across a coaching bar's left edge: background, then the bar's colour, nothing between
    index = max(range(len(weeks)), key=lambda i: weeks[i].coaching_count)
    where = view.geometry_now().panels["coaching"]
    y = round(where.y_of(weeks[index].coaching_count / 4) * 2)
    left = round((where.x_of(index) - 0.5 * where.slot) * 2)
    right = round(where.x_of(index) * 2)
    row = {image.pixelColor(x, y).name() for x in range(left, right)}
    theme = view.model().theme
    assert theme.coaching.lower() in row
    assert row <= {theme.coaching.lower(), theme.background, theme.target_zone, theme.grid}


def test_native_view_survives_many_repaints(qtbot, known_review):
    # a paint makes ~1,500 Qt calls that return nothing; PySide6 6.12.0 under Python 3.11
    # dropped a reference to None on each and aborted within ~30 paints (pyproject keeps
    # 3.11 below 6.12; tests/ui/test_qt_binding.py checks the binding itself)
    view = _view(qtbot, known_review)
    for _ in range(80):
        image = view.render_image(view.size())
    assert image.width() == view.width()


def test_native_view_shows_where_the_keyboard_focus_is(qtbot, known_review):
    from PySide6.QtGui import QPalette

    view = _view(qtbot, known_review)
    view.show()
    qtbot.waitExposed(view)
    highlight = view.palette().color(QPalette.ColorRole.Highlight).name()
    assert view.grab().toImage().pixelColor(0, view.height() // 2).name() != highlight
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.waitUntil(
        lambda: view.grab().toImage().pixelColor(0, view.height() // 2).name() == highlight
    )


def _customer_key(texts: list[str]) -> str:
    return next(text for text in texts if "met the daily target" in text)


def test_the_met_target_key_says_darker_on_light_and_brighter_on_dark(qtbot, known_review):
    """Defect 7: the customer panel's key names the shade a user sees in each theme."""
    weeks = known_review.weeks
    steady, burst = 0, 3  # the steady week met the target on more workdays than the burst week
    assert weeks[steady].days_meeting_customer_target > weeks[burst].days_meeting_customer_target
    dark_window = QWidget()
    dark_window.setPalette(dark_palette())
    qtbot.addWidget(dark_window)
    for view, word, wrong in (
        (_view(qtbot, known_review), "darker bar", "brighter"),
        (_view(qtbot, known_review, dark_window), "brighter bar", "darker"),
    ):
        image = view.render_image(view.size())
        steady_rgb, burst_rgb = (
            _pixel(image, _bar_middle(view, "customer", week, weeks[week].customer_minutes))
            for week in (steady, burst)
        )
        # the bar of the week that met the target more often really is the shade the key names
        assert (sum(steady_rgb) < sum(burst_rgb)) == (word == "darker bar")
        key = view.model().panels["customer"].text.key
        assert word in key and wrong not in key
    for theme, word in ((LIGHT, "darker bar"), (DARK, "brighter bar")):
        figure, _chart_map = _draw(known_review, theme)
        texts = [text.get_text() for ax in figure.axes for text in ax.texts]
        assert word in _customer_key(texts)


def test_native_overall_score_line_has_no_notch_at_a_sharp_turn(qtbot):
    """The solid score line is drawn as separate segments (cheaper for Qt to antialias);
    their caps must still close each joint, so a zig-zag reads as one unbroken line."""
    from PySide6.QtCore import QPointF

    from leaderlog.ui.dashboard.charts.dashboard_view import DashboardView
    from leaderlog.ui.dashboard.charts.panel_layout import PT

    weeks = 26
    zigzag = tuple(90.0 if i % 2 else 20.0 for i in range(weeks))
    flat = (50.0,) * weeks
    # every count at a steady 5 a week; the scores flat but the overall one
    columns = {field.name: (5,) * weeks for field in dataclasses.fields(chart_models.WeeklySeries)}
    columns.update(
        week_start=tuple(dt.date(2026, 1, 5) + dt.timedelta(weeks=i) for i in range(weeks)),
        customer_score=flat,
        coaching_score=flat,
        reinforcement_score=flat,
        consistency_score=zigzag,
    )
    series = chart_models.WeeklySeries(**columns)
    view = DashboardView("Leader dashboard")
    qtbot.addWidget(view)
    view.resize(1000, 620)
    view.set_data(series, None)
    image = view.render_image(view.size(), theme=LIGHT)
    where = view.geometry_now().panels["score"]
    overall = view.model().panels["score"].line("overall")
    half_width = overall.width * PT / 2
    ink = overall.colour
    for index in range(1, weeks - 1):
        # just outside the turn, where flat-ended segments would leave a notch
        outward = -1 if zigzag[index] > zigzag[index - 1] else 1
        point = QPointF(where.x_of(index), where.y_of(zigzag[index]) + outward * 0.6 * half_width)
        red, green, blue = _pixel(image, point)
        assert abs(red - ink.red()) + abs(green - ink.green()) + abs(blue - ink.blue()) < 120, (
            f"week {index}: the turn is not closed ({red}, {green}, {blue})"
        )
