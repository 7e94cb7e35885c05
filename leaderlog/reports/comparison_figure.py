"""The team comparison drawn on a matplotlib Figure: ranked score bars with trend arrows, week by week.

Takes ``chart_models.ComparisonRow`` records (built by the comparison page from the team
standings) and draws them with the axes helpers of ``reports.figures``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from leaderlog.reports.chart_models import ComparisonRow, signed_change, trend_arrow, week_label
from leaderlog.reports.chart_theme import ChartTheme
from leaderlog.reports.figures import axes_title, friendly_note, style_axes, week_ticks

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


MIN_COMPARISON_ROWS = 4
"""Bars keep a sensible thickness when a team has only a few leaders."""


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
    if not rows:
        ax = figure.add_subplot(1, 1, 1)
        ax.set_axis_off()
        friendly_note(ax, "No active leaders in this team yet.", theme)
        return None
    slots = max(len(rows), MIN_COMPARISON_ROWS)
    # margins in inches (names on the left, axis labels below) so any size and team fits
    width, height = figure.get_size_inches()
    longest = max(len(row.name) for row in rows)
    left = min(0.4, (0.25 + longest * 0.075 * theme.font_size / 8.5) / max(width, 1.0))
    grid = figure.add_gridspec(
        1, 2, width_ratios=(1.0, 1.1), left=left, right=0.97,
        top=1 - 0.45 / max(height, 1.0), bottom=0.8 / max(height, 1.0), wspace=0.08,
    )  # fmt: skip
    ax = figure.add_subplot(grid[0, 0])
    trend = figure.add_subplot(grid[0, 1], sharey=ax)
    for axes in (ax, trend):
        style_axes(axes, theme)
        axes.yaxis.grid(False)
        axes.xaxis.grid(True, color=theme.grid, linewidth=0.6)
    axes_title(ax, title, theme)
    ax.set_xlabel("score at the end of the latest week (0–100)", fontsize=theme.font_size - 0.5)
    positions = np.arange(len(rows))
    scores = [row.score if row.score is not None else 0.0 for row in rows]
    colours = [theme.corrective if row.falling else theme.customer for row in rows]
    ax.barh(positions, scores, height=0.62, color=colours)
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
    ax.set_ylim(slots - 0.5, -0.5)
    ax.set_xlim(0, 135)
    ax.set_xticks([0, 25, 50, 75, 100])
    figure.text(
        left, 0.1 / max(height, 1.0), f"▲ ▼ change over the last {window_weeks} weeks; "
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
