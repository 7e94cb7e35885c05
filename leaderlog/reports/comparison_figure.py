"""The team comparison drawn on a matplotlib Figure: ranked score bars with trend arrows, week by week.

Takes ``chart_models.ComparisonRow`` records (built by the comparison page from the team
standings) and draws them with the axes helpers of ``reports.figures``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from leaderlog.reports.chart_models import ComparisonRow, signed_change, trend_arrow, week_label
from leaderlog.reports.chart_theme import ChartTheme
from leaderlog.reports.figures import axes_title, friendly_note, style_axes, week_ticks

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


MIN_LABEL_POINTS = 9.0
"""The smallest text in the comparison (notes, tick labels), as big as the window's own text;
sizes are in points, so they keep their size on the screen at 100 % and at 200 %."""
FONT_POINTS = MIN_LABEL_POINTS + 1.5
"""The theme's base size for this chart: tick labels 1 pt and notes 1.5 pt smaller."""
BAR_HEIGHT = 0.6
"""Of each leader's row: the rows fill the height, so the bars fill the canvas."""


def _margins(width: float, height: float, longest_name: int, points: float) -> dict[str, float]:
    """The axes' edges as fractions of the figure, from the text around them (in inches)."""
    line = points / 72 * 1.45  # one line of text and its leading, in inches
    names = 0.2 + longest_name * 0.6 * (points - 1) / 72  # tick labels, average glyph width
    return {
        "left": min(0.4, names / max(width, 1.0)),
        "right": 1 - 0.25 / max(width, 1.0),
        "top": 1 - (2 * line + 0.2) / max(height, 1.0),  # the title, then the panels' own
        "bottom": (3 * line + 0.2) / max(height, 1.0),  # ticks, axis label, the key below
    }


def draw_comparison(
    figure: Figure,
    rows: Sequence[ComparisonRow],
    theme: ChartTheme,
    title: str,
    window_weeks: int,
    week_starts: Sequence[dt.date] = (),
) -> Axes | None:
    """Ranked bars of the latest consistency score with trend arrows, and each leader's weekly scores.

    The right panel is one small line per leader, on the same row as their bar, so
    a fading or improving habit shows at a glance. Returns the bar axes.
    """
    import numpy as np

    figure.clear()
    figure.set_facecolor(theme.background)
    theme = replace(theme, font_size=max(theme.font_size, FONT_POINTS))
    if not rows:
        ax = figure.add_subplot(1, 1, 1)
        ax.set_axis_off()
        friendly_note(ax, "No active leaders in this team yet.", theme)
        return None
    width, height = figure.get_size_inches()
    margins = _margins(width, height, max(len(row.name) for row in rows), theme.font_size)
    left = margins["left"]
    grid = figure.add_gridspec(1, 2, width_ratios=(1.0, 1.1), wspace=0.08, **margins)
    ax = figure.add_subplot(grid[0, 0])
    trend = figure.add_subplot(grid[0, 1], sharey=ax)
    for axes in (ax, trend):
        style_axes(axes, theme)
        axes.yaxis.grid(False)
        axes.xaxis.grid(True, color=theme.grid, linewidth=0.6)
    # the chart's title (team and period, long) over both panels; each panel names itself below
    figure.text(
        left, 1 - 0.1 / max(height, 1.0), title, ha="left", va="top",
        fontsize=theme.font_size + 0.5, fontweight="bold", color=theme.foreground,
    )  # fmt: skip
    axes_title(ax, "Latest score", theme)
    ax.set_xlabel("score at the end of the latest week (0–100)", fontsize=theme.font_size - 0.5)
    positions = np.arange(len(rows))
    scores = [row.score if row.score is not None else 0.0 for row in rows]
    colours = [theme.corrective if row.falling else theme.customer for row in rows]
    ax.barh(positions, scores, height=BAR_HEIGHT, color=colours)
    for position, row in zip(positions, rows, strict=True):
        if row.score is None:
            text = "no data yet"
        else:
            text = f"{row.score:.0f}"
            if row.change is not None:
                text += f"  {trend_arrow(row.change)} {signed_change(row.change)}"
        if row.since is not None:
            text += f"  · since {week_label(row.since, with_year=True)}"
        ax.text(
            (row.score or 0) + 1.5, position, text, va="center", ha="left",
            fontsize=theme.font_size - 0.5, color=theme.foreground,
        )  # fmt: skip
    ax.set_yticks(positions, [row.name for row in rows])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, 135)
    ax.set_xticks([0, 25, 50, 75, 100])
    figure.text(
        left, 0.08 / max(height, 1.0), f"▲ ▼ change over the last {window_weeks} weeks; "
        "warning colour: score fell week after week",
        ha="left", va="bottom", fontsize=theme.font_size - 1.5, color=theme.muted,
    )  # fmt: skip

    # each leader's weekly scores, drawn in their own row: 0 at the row's bottom, 100 at its top
    axes_title(trend, "Week by week", theme)
    trend.tick_params(labelleft=False, left=False)
    trend.spines["left"].set_visible(False)
    # every leader's weeks on one time axis: a newcomer's line begins at their first week
    weeks = sorted({day for row in rows for day in row.week_starts} | set(week_starts))
    column = {day: index for index, day in enumerate(weeks)}
    count = max([len(weeks), *(len(row.scores) for row in rows)])
    for position, row in zip(positions, rows, strict=True):
        trend.axhspan(position - 0.4, position + 0.4, color=theme.target_zone, linewidth=0)
        if row.scores:
            y = position + 0.4 - 0.8 * np.asarray(row.scores, dtype=float) / 100.0
            if len(row.week_starts) == len(row.scores):
                x = np.asarray([column[day] for day in row.week_starts])
            else:
                x = np.arange(len(row.scores))
            trend.plot(
                x, y, linewidth=1.6, color=theme.corrective if row.falling else theme.overall,
                marker="o" if len(row.scores) == 1 else None, markersize=3,
            )  # fmt: skip
    week_ticks(trend, weeks[:count], 4)
    trend.set_xlabel(
        "overall score per week (band: 0 at the bottom, 100 at the top)",
        fontsize=theme.font_size - 0.5,
    )
    return ax
