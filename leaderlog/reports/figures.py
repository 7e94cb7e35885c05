"""Figure builders: draw the chart models on a matplotlib Figure (no pyplot, no Qt).

Every builder takes the plain models of ``reports.chart_models`` (week columns, calendar
days, panel texts) and a ChartTheme, so the headless review pack draws the same numbers in
the same words as the QPainter dashboard; ``reports.comparison_figure`` draws the team
comparison with the same axes helpers. Nothing here computes a metric.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from leaderlog.reports.chart_models import (
    BEFORE_START,
    CALENDAR_LEGEND,
    CALENDAR_TITLE,
    EXTRA_DAY,
    HOLIDAY,
    MISSED,
    PANELS,
    WEEKDAY_LABELS,
    CalendarDays,
    WeeklySeries,
    calendar_rows,
    met_target_shares,
    month_ticks,
    panel_text,
    score_lines,
    shade_weight,
    state_colour,
    week_label,
    week_tick_labels,
)
from leaderlog.reports.chart_theme import ChartTheme

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


@dataclass
class ChartMap:
    """What each axes shows, so hover and click can name a week or a day."""

    weekly: dict[Any, str] = field(default_factory=dict)
    """axes -> panel name ('customer', 'coaching', 'reinforcement', 'score')"""
    calendar: Any = None
    calendar_origin: dt.date | None = None
    """the date drawn in column 0, row 0 of the heatmap"""
    series: WeeklySeries = field(default_factory=WeeklySeries)
    days: CalendarDays | None = None


# ---------------------------------------------------------------- formatting


# ---------------------------------------------------------------- axes helpers


def style_axes(ax: Axes, theme: ChartTheme) -> None:
    """Theme colours, a light horizontal grid, no top/right frame."""
    ax.set_facecolor(theme.background)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(theme.muted)
    ax.tick_params(colors=theme.muted, labelcolor=theme.foreground, labelsize=theme.font_size - 1)
    ax.yaxis.grid(True, color=theme.grid, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.title.set_color(theme.foreground)
    ax.xaxis.label.set_color(theme.foreground)
    ax.yaxis.label.set_color(theme.foreground)


def axes_title(ax: Axes, text: str, theme: ChartTheme) -> None:
    # a plain text artist: Axes.set_title re-measures every tick label on each draw
    ax.text(
        0.0, 1.0, text, transform=ax.transAxes, ha="left", va="bottom",
        fontsize=theme.font_size + 0.5, fontweight="bold", color=theme.foreground,
    )  # fmt: skip


def week_ticks(ax: Axes, weeks: Sequence[dt.date], max_labels: int) -> None:
    """Week-start dates under the bars: at most max_labels (0: none), evenly spaced, with years."""
    ax.set_xlim(-0.6, len(weeks) - 0.4)
    positions, labels = week_tick_labels(weeks, max_labels)
    ax.set_xticks(positions, labels)


def friendly_note(ax: Axes, text: str, theme: ChartTheme) -> None:
    """A plain-words explanation in the middle of an axes that has nothing to draw."""
    ax.text(
        0.5,
        0.5,
        text,
        transform=ax.transAxes,
        ha="center",
        va="center",
        wrap=True,
        fontsize=theme.font_size,
        color=theme.muted,
        bbox={"boxstyle": "round,pad=0.5", "facecolor": theme.background, "edgecolor": theme.grid},
    )


def _edges(count: int) -> Any:
    import numpy as np

    return np.arange(count + 1) - 0.5


def bars(
    ax: Axes,
    heights: Sequence[float],
    bottom: Sequence[float] | None = None,
    width: float = 0.75,
    **style: Any,
) -> Any:
    """One bar per week as a single PolyCollection: one artist instead of a patch per bar.

    Bar i spans x = i ± width/2 and y = bottom[i] .. bottom[i] + heights[i];
    ``bar_heights`` reads the heights back.
    """
    import numpy as np
    from matplotlib.collections import PolyCollection

    tops = np.asarray(heights, dtype=float)
    base = np.zeros_like(tops) if bottom is None else np.asarray(bottom, dtype=float)
    left = np.arange(len(tops)) - width / 2
    right = left + width
    vertices = np.stack(
        [
            np.column_stack([left, base]),
            np.column_stack([left, base + tops]),
            np.column_stack([right, base + tops]),
            np.column_stack([right, base]),
        ],
        axis=1,
    )
    collection = PolyCollection(vertices, **style)
    if "edgecolor" in style and (tops == 0).any():
        # an empty bar would still draw its outline as a stray line
        edges = np.tile(collection.get_edgecolor()[:1], (len(tops), 1))
        edges[tops == 0, 3] = 0.0
        collection.set_edgecolor(edges)
    ax.add_collection(collection, autolim=False)
    return collection


def shade(colour: str, background: str, amounts: Sequence[float]) -> Any:
    """RGBA colours from background (amount 0) to colour (amount 1), never fainter than 20%."""
    import numpy as np
    from matplotlib.colors import to_rgba

    start, end = np.array(to_rgba(background)), np.array(to_rgba(colour))
    weight = np.array([shade_weight(amount) for amount in amounts], dtype=float)[:, None]
    return start + (end - start) * weight


def _key(ax: Axes, text: str, theme: ChartTheme) -> None:
    """How to read a panel, in one line at its top: far cheaper to draw than a legend box."""
    ax.text(
        0.01, 0.98, text, transform=ax.transAxes, ha="left", va="top",
        fontsize=theme.font_size - 1.5, color=theme.muted, zorder=5,
    )  # fmt: skip


def _panel_texts(ax: Axes, panel: str, theme: ChartTheme) -> None:
    text = panel_text(panel, theme)
    axes_title(ax, text.title, theme)
    ax.set_ylabel(text.y_label, fontsize=theme.font_size - 0.5)
    if text.key:
        _key(ax, text.key, theme)


def bar_heights(collection: Any) -> list[float]:
    """The heights of the bars drawn by ``bars`` (what a test or a tooltip reads back)."""
    return [float(path.vertices[1, 1] - path.vertices[0, 1]) for path in collection.get_paths()]


def _target_stairs(ax: Axes, target: Sequence[float], theme: ChartTheme, label: str) -> None:
    """The weekly target as a step line across each week's bar, with a tint above it."""
    import numpy as np

    edges = _edges(len(target))
    values = np.asarray(target, dtype=float)
    top = max(1.0, float(values.max()) * 1.6)
    ax.stairs(
        np.full_like(values, top), edges, baseline=values, fill=True, color=theme.target_zone,
        linewidth=0, label="_at or above target", zorder=0,
    )  # fmt: skip
    ax.stairs(
        values, edges, baseline=None, color=theme.target, linewidth=1.3, linestyle="--",
        label=label, gid="target",
    )  # fmt: skip


def _legend(ax: Axes, theme: ChartTheme, columns: int, **options: Any) -> None:
    handles, labels = ax.get_legend_handles_labels()
    legend = ax.legend(
        handles,
        labels,
        loc=options.pop("loc", "upper left"),
        ncols=columns,
        fontsize=theme.font_size - 1.5,
        frameon=True,
        framealpha=0.85,
        facecolor=theme.background,
        edgecolor=theme.grid,
        labelcolor=theme.foreground,
        handlelength=1.6,
        borderpad=0.3,
        columnspacing=1.0,
        **options,
    )
    legend.set_zorder(5)


def _count_ticks(ax: Axes, integer: bool = True) -> None:
    """At most five round y ticks: enough to read a bar, few labels to draw."""
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=integer, min_n_ticks=2))


def _headroom(ax: Axes, highest: float, factor: float = 1.45) -> None:
    """Leave room above the tallest bar for the legend row."""
    ax.set_ylim(0, max(1.0, highest) * factor)


# ---------------------------------------------------------------- weekly panels


def draw_customer_time(
    ax: Axes, series: WeeklySeries, theme: ChartTheme, max_labels: int = 6
) -> None:
    """Weekly customer-facing minutes as bars against the week's target (step line, tinted above)."""
    style_axes(ax, theme)
    _panel_texts(ax, "customer", theme)
    # shade = share of the week's workdays that met the daily target: a burst week is pale
    rates = met_target_shares(series)
    bars(
        ax, series.customer_minutes, facecolor=shade(theme.customer, theme.background, rates),
        edgecolor=theme.customer, linewidth=0.6, gid="customer_minutes",
    )  # fmt: skip
    _target_stairs(ax, series.customer_target_minutes, theme, "target")
    _headroom(ax, max([*series.customer_minutes, *series.customer_target_minutes, 1]))
    _count_ticks(ax, integer=False)
    week_ticks(ax, series.week_start, max_labels)
    if not any(series.customer_minutes):
        friendly_note(ax, PANELS["customer"].empty, theme)


def draw_coaching(ax: Axes, series: WeeklySeries, theme: ChartTheme, max_labels: int = 6) -> None:
    """Coaching conversations per week as bars against the weekly target."""
    style_axes(ax, theme)
    _panel_texts(ax, "coaching", theme)
    bars(
        ax, series.coaching_count, facecolor=theme.coaching, label="coaching conversations",
        gid="coaching_count",
    )  # fmt: skip
    _target_stairs(ax, series.coaching_target, theme, "target")
    _headroom(ax, max([*series.coaching_count, *series.coaching_target, 1]))
    _count_ticks(ax)
    week_ticks(ax, series.week_start, max_labels)
    if not any(series.coaching_count):
        friendly_note(ax, PANELS["coaching"].empty, theme)


def draw_reinforcement(
    ax: Axes, series: WeeklySeries, theme: ChartTheme, max_labels: int = 6
) -> None:
    """Reinforcements per week: positive (filled) with corrective (hollow) stacked on top, vs target.

    Filled against hollow tells the two apart in any colour vision and on paper; hatching
    would too, but costs more to draw than the rest of the dashboard together.
    """
    style_axes(ax, theme)
    _panel_texts(ax, "reinforcement", theme)
    bars(
        ax, series.reinforcements_positive, facecolor=theme.positive, label="positive",
        gid="reinforcements_positive",
    )  # fmt: skip
    bars(
        ax,
        series.reinforcements_corrective,
        bottom=series.reinforcements_positive,
        facecolor=theme.background,
        edgecolor=theme.corrective,
        linewidth=1.4,
        gid="reinforcements_corrective",
    )
    _target_stairs(ax, series.reinforcement_target, theme, "target")
    totals = [
        p + c
        for p, c in zip(
            series.reinforcements_positive, series.reinforcements_corrective, strict=True
        )
    ]
    _headroom(ax, max([*totals, *series.reinforcement_target, 1]))
    _count_ticks(ax)
    week_ticks(ax, series.week_start, max_labels)
    if not any(totals):
        friendly_note(ax, PANELS["reinforcement"].empty, theme)


def draw_scores(ax: Axes, series: WeeklySeries, theme: ChartTheme, max_labels: int = 6) -> None:
    """Consistency score per practice (thin) and overall (thick) at each week's end, 0–100."""
    style_axes(ax, theme)
    _panel_texts(ax, "score", theme)
    positions = range(len(series))
    for label, values, colour, dashes, width in score_lines(series, theme):
        ax.plot(
            positions, values, color=colour, linestyle=(0, dashes) if dashes else "-",
            linewidth=width, label=label, marker="o" if len(series) <= 6 else None, markersize=3,
        )  # fmt: skip
    ax.set_ylim(0, 135)
    ax.set_yticks([0, 25, 50, 75, 100])
    week_ticks(ax, series.week_start, max_labels)
    _legend(ax, theme, 4)


# ---------------------------------------------------------------- calendar heatmap


def calendar_grid(days: CalendarDays) -> tuple[Any, dt.date]:
    """A 7 x weeks array of day states (rows = weekdays from the week's first day) and its origin."""
    import numpy as np

    rows, origin = calendar_rows(days)
    return np.array(rows, dtype=np.int8), origin


def draw_calendar(ax: Axes, days: CalendarDays, theme: ChartTheme) -> dt.date:
    """A year of days as a weeks x weekdays heatmap; missed workdays also carry a cross for print."""
    import numpy as np
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch

    style_axes(ax, theme)
    ax.yaxis.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    axes_title(ax, CALENDAR_TITLE, theme)
    grid, origin = calendar_grid(days)
    # one colour per day state, in state order (blank ones in the background colour)
    colours = [state_colour(state, theme) or theme.background for state in range(HOLIDAY + 1)]
    cmap = ListedColormap(colours)
    norm = BoundaryNorm(np.arange(len(colours) + 1) - 0.5, len(colours))
    ax.imshow(grid, cmap=cmap, norm=norm, aspect="auto", interpolation="nearest")
    weeks = grid.shape[1]
    # white gaps between cells: cheaper as two line collections than one edge per cell
    ax.vlines(np.arange(weeks + 1) - 0.5, -0.5, 6.5, color=theme.background, linewidth=1.2)
    ax.hlines(np.arange(8) - 0.5, -0.5, weeks - 0.5, color=theme.background, linewidth=1.2)
    rows, columns = np.nonzero(grid == MISSED)
    if len(rows):
        ax.scatter(
            columns, rows, marker="x", s=9, linewidths=0.8, color=theme.missed_mark, zorder=3
        )
    rows, columns = np.nonzero(grid == BEFORE_START)
    if len(columns) and columns.max() >= 8:
        start = days.day(int(np.count_nonzero(np.asarray(days.states) == BEFORE_START)))
        ax.text(
            (columns.max() - 1) / 2, 3, f"journal started {week_label(start, with_year=True)}",
            ha="center", va="center", fontsize=theme.font_size, color=theme.muted,
        )  # fmt: skip
    rows, columns = np.nonzero(grid == EXTRA_DAY)
    if len(rows):
        ax.scatter(columns, rows, marker=".", s=10, color=theme.foreground, zorder=3)
    # weekday and month names as plain texts: tick objects cost several times more to build
    ax.set_xticks([])
    ax.set_yticks([])
    rows_axis = ax.get_yaxis_transform()
    for row in (0, 2, 4, 6):
        ax.text(
            -0.006, row, WEEKDAY_LABELS[(days.week_start + row) % 7], transform=rows_axis,
            ha="right", va="center", fontsize=theme.font_size - 1, color=theme.foreground,
        )  # fmt: skip
    columns_axis = ax.get_xaxis_transform()
    for column, label in zip(*month_ticks(origin, weeks), strict=True):
        ax.text(
            column - 0.5, -0.04, label, transform=columns_axis, ha="left", va="top",
            fontsize=theme.font_size - 1, color=theme.foreground,
        )  # fmt: skip
    ax.set_xlim(-0.5, weeks - 0.5)
    ax.set_ylim(6.5, -0.5)
    handles = [
        Patch(facecolor=state_colour(state, theme), label=label) for state, label in CALENDAR_LEGEND
    ]
    legend = ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.0, -0.22),
        ncols=len(handles),
        fontsize=theme.font_size - 1.5,
        frameon=False,
        labelcolor=theme.foreground,
        handlelength=1.0,
        columnspacing=1.2,
        borderaxespad=0.0,
    )
    legend.set_zorder(5)
    return origin


# ---------------------------------------------------------------- whole dashboard


@dataclass(frozen=True)
class DashboardLayout:
    """Margins in inches, so the charts keep their proportions at any window size and DPI."""

    left: float = 0.62
    right: float = 0.15
    top: float = 0.28
    bottom: float = 0.62
    column_gap: float = 0.75
    row_gap: float = 0.5


def apply_layout(figure: Figure) -> None:
    """Fix the dashboard grid's margins for the figure's current size (call again on resize)."""
    width, height = figure.get_size_inches()
    grid = getattr(figure, "_leaderlog_grid", None)
    layout = getattr(figure, "_leaderlog_layout", None) or DashboardLayout()
    if grid is None or width <= 0 or height <= 0:
        return
    axes_width = max(0.5, (width - layout.left - layout.right - layout.column_gap) / 2)
    # GridSpec's hspace is a fraction of the mean row height (3 rows, 2 gaps)
    axes_height = max(0.3, (height - layout.top - layout.bottom - 2 * layout.row_gap) / 3)
    grid.update(
        left=min(0.4, layout.left / width),
        right=max(0.6, 1 - layout.right / width),
        top=max(0.6, 1 - layout.top / height),
        bottom=min(0.4, layout.bottom / height),
        wspace=layout.column_gap / axes_width,
        hspace=layout.row_gap / axes_height,
    )


def _dashboard_axes(
    figure: Figure, with_calendar: bool, layout: DashboardLayout | None
) -> list[Any]:
    """The dashboard's five axes: emptied and reused when the figure already has them.

    Creating axes and their ticks is a large part of drawing a dashboard, so a
    redraw (new period, new entry, palette change) keeps them and replaces only the data.
    """
    kept = getattr(figure, "_leaderlog_axes", None)
    if (
        kept is not None
        and (kept[4] is not None) == with_calendar
        and all(ax in figure.axes for ax in kept if ax is not None)
    ):
        for ax in kept:
            if ax is None:
                continue
            for artist in [*ax.lines, *ax.collections, *ax.patches, *ax.texts, *ax.images]:
                artist.remove()
            if ax.get_legend() is not None:
                ax.get_legend().remove()
        figure._leaderlog_layout = layout  # type: ignore[attr-defined]
        apply_layout(figure)
        return list(kept)
    figure.clear()
    grid = figure.add_gridspec(3, 2, height_ratios=(1.2, 1.2, 1.0))
    figure._leaderlog_grid = grid  # type: ignore[attr-defined]
    figure._leaderlog_layout = layout  # type: ignore[attr-defined]
    apply_layout(figure)
    axes = [
        figure.add_subplot(grid[0, 0]),
        figure.add_subplot(grid[0, 1]),
        figure.add_subplot(grid[1, 0]),
        figure.add_subplot(grid[1, 1]),
        figure.add_subplot(grid[2, :]) if with_calendar else None,
    ]
    figure._leaderlog_axes = axes  # type: ignore[attr-defined]
    return axes


def draw_dashboard(
    figure: Figure,
    series: WeeklySeries,
    days: CalendarDays | None,
    theme: ChartTheme,
    empty_message: str = "",
    layout: DashboardLayout | None = None,
) -> ChartMap:
    """The leader dashboard on one figure: score and customer time, coaching and reinforcement, calendar.

    With no entries in the period the figure holds only empty_message, in plain words.
    """
    figure.set_facecolor(theme.background)
    chart_map = ChartMap(series=series, days=days)
    if not series.has_entries:
        figure.clear()
        figure._leaderlog_axes = None  # type: ignore[attr-defined]
        figure._leaderlog_grid = None  # type: ignore[attr-defined]
        ax = figure.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        friendly_note(ax, empty_message or "Nothing logged in this period yet.", theme)
        return chart_map
    with_calendar = days is not None and bool(days.states)
    score_ax, customer_ax, coaching_ax, reinforcement_ax, calendar_ax = _dashboard_axes(
        figure, with_calendar, layout
    )
    # five dates per panel, the same weeks in every panel: readable, and each label costs time
    draw_scores(score_ax, series, theme, max_labels=5)
    draw_customer_time(customer_ax, series, theme, max_labels=5)
    draw_coaching(coaching_ax, series, theme, max_labels=5)
    draw_reinforcement(reinforcement_ax, series, theme, max_labels=5)
    chart_map.weekly = {
        score_ax: "score",
        customer_ax: "customer",
        coaching_ax: "coaching",
        reinforcement_ax: "reinforcement",
    }
    if calendar_ax is not None and days is not None:
        chart_map.calendar = calendar_ax
        chart_map.calendar_origin = draw_calendar(calendar_ax, days, theme)
    return chart_map
