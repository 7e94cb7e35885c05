"""The team comparison figure: text no smaller than the window's own, axes filling the canvas (defect 10)."""

from __future__ import annotations

import datetime as dt

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from leaderlog.reports.chart_models import ComparisonRow
from leaderlog.reports.chart_theme import DARK, LIGHT
from leaderlog.reports.comparison_figure import MIN_LABEL_POINTS, draw_comparison

WEEKS = tuple(dt.date(2026, 6, 15) + dt.timedelta(weeks=k) for k in range(26))
ROWS = [
    ComparisonRow("Ana Ruiz", 96.0, 1.5, tuple([90.0] * 26), False, WEEKS),
    ComparisonRow("Ben Okafor", 24.0, -5.4, tuple([30.0] * 26), True, WEEKS),
    ComparisonRow("Chloe Martin", 10.0, -1.5, tuple([12.0] * 26), False, WEEKS),
]


def _draw(width_px: int, height_px: int, dpi: float, theme=LIGHT) -> Figure:  # type: ignore[no-untyped-def]
    figure = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi)
    FigureCanvasAgg(figure)
    draw_comparison(figure, ROWS, theme, "Consistency score, North, 15 Jun to 7 Dec 2026", 4, WEEKS)
    figure.canvas.draw()
    return figure


# the comparison's canvas in a 1280x800 window, and the same window at 200 % (twice the pixels
# per point: Qt gives the figure twice the dpi at the same size in inches)
SIZES = [pytest.param(1100, 480, 100.0, id="1280x800"), pytest.param(2200, 960, 200.0, id="200%")]


@pytest.mark.parametrize(("width", "height", "dpi"), SIZES)
def test_every_text_is_at_least_the_minimum_size_in_points(width, height, dpi) -> None:  # type: ignore[no-untyped-def]
    figure = _draw(width, height, dpi)
    texts = list(figure.texts)
    for ax in figure.axes:
        texts += [*ax.texts, ax.xaxis.label, *ax.get_xticklabels(), *ax.get_yticklabels()]
    shown = [text for text in texts if text.get_text() and text.get_visible()]
    assert any(text.get_text() == "Chloe Martin" for text in shown)
    assert min(text.get_fontsize() for text in shown) >= MIN_LABEL_POINTS


@pytest.mark.parametrize(("width", "height", "dpi"), SIZES)
@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_the_chart_fills_its_canvas_and_nothing_is_cut_off(width, height, dpi, theme) -> None:  # type: ignore[no-untyped-def]
    figure = _draw(width, height, dpi, theme)
    renderer = figure.canvas.get_renderer()
    bars, trend = figure.axes
    # the panels together span most of the canvas, with no empty rows under the last leader
    left = min(ax.get_position().x0 for ax in (bars, trend))
    right = max(ax.get_position().x1 for ax in (bars, trend))
    assert left < 0.2 and right > 0.95
    assert bars.get_position().height > 0.6
    assert bars.get_ylim() == (len(ROWS) - 0.5, -0.5)
    # every piece of text lies inside the figure
    for artist in [*figure.texts, *bars.texts, *trend.texts, *figure.axes]:
        box = artist.get_tightbbox(renderer) if hasattr(artist, "get_tightbbox") else None
        if box is None:
            continue
        assert box.x0 >= -1 and box.y0 >= -1, artist
        assert box.x1 <= width + 1 and box.y1 <= height + 1, artist
    # and the title does not run into the second panel's title
    title = figure.texts[0].get_window_extent(renderer)
    week_by_week = next(t for t in trend.texts if t.get_text() == "Week by week")
    assert not title.overlaps(week_by_week.get_window_extent(renderer))
