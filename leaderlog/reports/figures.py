"""Figure builders: draw the metrics layer's numbers on a matplotlib Figure (no pyplot, no Qt).

Every builder takes plain columns (week dates and values copied from the metrics
records) and a ChartTheme, so the window, the exports and the headless review pack
draw exactly the same charts. Nothing here computes a metric.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from leaderlog.reports.chart_theme import ChartTheme

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Day states of the calendar heatmap, in colour-map order.
OUTSIDE, NON_WORKDAY, MISSED, BELOW_TARGET, MET_TARGET, EXTRA_DAY, BEFORE_START = range(7)
DAY_STATE_LABELS = {
    BEFORE_START: "before the first entry in the journal",
    NON_WORKDAY: "not a workday",
    MISSED: "workday, nothing logged",
    BELOW_TARGET: "logged, below the customer-time target",
    MET_TARGET: "met the customer-time target",
    EXTRA_DAY: "logged on a day off",
}
WEEKDAY_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class WeeklySeries:
    """One leader's weekly figures as columns, copied field by field from metrics.WeekFigures."""

    week_start: tuple[dt.date, ...] = ()
    workdays_scheduled: tuple[int, ...] = ()
    days_logged: tuple[int, ...] = ()
    customer_minutes: tuple[int, ...] = ()
    customer_target_minutes: tuple[int, ...] = ()
    days_meeting_customer_target: tuple[int, ...] = ()
    coaching_count: tuple[int, ...] = ()
    coaching_target: tuple[int, ...] = ()
    reinforcements_positive: tuple[int, ...] = ()
    reinforcements_corrective: tuple[int, ...] = ()
    reinforcement_target: tuple[int, ...] = ()
    followups_due: tuple[int, ...] = ()
    followups_closed_on_time: tuple[int, ...] = ()
    customer_score: tuple[float, ...] = ()
    coaching_score: tuple[float, ...] = ()
    reinforcement_score: tuple[float, ...] = ()
    consistency_score: tuple[float, ...] = ()
    current_streak: tuple[int, ...] = ()
    longest_streak: tuple[int, ...] = ()

    @classmethod
    def from_weeks(cls, weeks: Sequence[Any]) -> WeeklySeries:
        """Columns from a list of metrics.WeekFigures (any objects with those attributes)."""
        return cls(**{f.name: tuple(getattr(w, f.name) for w in weeks) for f in fields(cls)})

    def __len__(self) -> int:
        return len(self.week_start)

    @property
    def has_entries(self) -> bool:
        return any(
            any(column)
            for column in (
                self.days_logged,
                self.customer_minutes,
                self.coaching_count,
                self.reinforcements_positive,
                self.reinforcements_corrective,
            )
        )


@dataclass(frozen=True)
class CalendarDays:
    """A run of calendar days and the state of each (one of the heatmap day states)."""

    first: dt.date
    states: tuple[int, ...]
    minutes: tuple[int | None, ...] = ()
    week_start: int = 0
    """0 when weeks start on Monday, 6 when on Sunday (date.weekday() of the first row)"""

    @classmethod
    def from_day_scores(
        cls, days: Sequence[Any], week_start: int = 0, started_on: dt.date | None = None
    ) -> CalendarDays:
        """States from metrics.DayScore records (workday, pending, logged, met_customer_target).

        Days before started_on (the leader's first entry) are BEFORE_START, not missed.
        """
        if not days:
            return cls(dt.date.today(), ())
        return cls(
            days[0].day,
            tuple(
                BEFORE_START if started_on is not None and d.day < started_on else day_state(d)
                for d in days
            ),
            tuple(d.minutes for d in days),
            week_start,
        )

    def day(self, index: int) -> dt.date:
        return self.first + dt.timedelta(days=index)


def day_state(day: Any) -> int:
    """The heatmap state of one metrics.DayScore."""
    if day.pending:
        return OUTSIDE
    if not day.workday:
        return EXTRA_DAY if day.logged else NON_WORKDAY
    if not day.logged:
        return MISSED
    return MET_TARGET if day.met_customer_target else BELOW_TARGET


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


def week_label(day: dt.date, with_year: bool = False) -> str:
    """'5 Jan' (or '5 Jan 2026'): day first, so it never reads as a US or ISO date."""
    text = f"{day.day} {day:%b}"
    return f"{text} {day.year}" if with_year else text


def _signed(value: float) -> str:
    return f"{value:+.1f}".replace("-", "−")


def describe_week(series: WeeklySeries, index: int, panel: str) -> str:
    """Exact values of one week for the hover tooltip of a weekly panel."""
    start = series.week_start[index]
    head = f"Week of {week_label(start, with_year=True)}"
    if panel == "customer":
        return (
            f"{head}\nCustomer-facing time: {series.customer_minutes[index]} min "
            f"(target {series.customer_target_minutes[index]} min)\n"
            f"Workdays meeting the daily target: {series.days_meeting_customer_target[index]} "
            f"of {series.workdays_scheduled[index]}\n"
            f"Workdays logged: {series.days_logged[index]} of {series.workdays_scheduled[index]}"
        )
    if panel == "coaching":
        closed, due = series.followups_closed_on_time[index], series.followups_due[index]
        return (
            f"{head}\nCoaching conversations: {series.coaching_count[index]} "
            f"(target {series.coaching_target[index]})\n"
            f"Follow-ups due: {due}, closed on time: {closed}"
        )
    if panel == "reinforcement":
        return (
            f"{head}\nReinforcements: {series.reinforcements_positive[index]} positive, "
            f"{series.reinforcements_corrective[index]} corrective "
            f"(target {series.reinforcement_target[index]} in all)"
        )
    return (
        f"{head}\nConsistency score: {series.consistency_score[index]:.1f}\n"
        f"Customer time {series.customer_score[index]:.1f} · "
        f"coaching {series.coaching_score[index]:.1f} · "
        f"reinforcement {series.reinforcement_score[index]:.1f}\n"
        f"Streak: {series.current_streak[index]} workdays "
        f"(longest {series.longest_streak[index]})"
    )


def describe_day(days: CalendarDays, index: int) -> str:
    """The hover text of one heatmap cell."""
    day = days.day(index)
    state = days.states[index]
    text = f"{day:%a} {week_label(day, with_year=True)}: {DAY_STATE_LABELS.get(state, 'not yet')}"
    minutes = days.minutes[index] if index < len(days.minutes) else None
    if minutes is not None:
        text += f"\n{minutes} min with customers"
    return text


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


def _title(ax: Axes, text: str, theme: ChartTheme) -> None:
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


def week_tick_labels(weeks: Sequence[dt.date], max_labels: int) -> tuple[list[int], list[str]]:
    """Which weeks get a date label (at most max_labels, evenly spaced, ending at the latest) and its text."""
    count = len(weeks)
    if not count or max_labels <= 0:
        return [], []
    step = max(1, math.ceil(count / max(1, max_labels)))
    positions = list(range(count - 1, -1, -step))[::-1]
    labels = []
    previous_year = None
    for position in positions:
        day = weeks[position]
        labels.append(week_label(day, with_year=day.year != previous_year))
        previous_year = day.year
    return positions, labels


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


def shade_weight(amount: float) -> float:
    """How far ``shade`` moves from the background to the colour for an amount 0..1."""
    return 0.2 + 0.8 * min(1.0, max(0.0, float(amount)))


def met_target_shares(series: WeeklySeries) -> list[float]:
    """Each week's share of scheduled workdays that met the daily customer-time target."""
    return [
        met / scheduled if scheduled else 0.0
        for met, scheduled in zip(
            series.days_meeting_customer_target, series.workdays_scheduled, strict=True
        )
    ]


def _key(ax: Axes, text: str, theme: ChartTheme) -> None:
    """How to read a panel, in one line at its top: far cheaper to draw than a legend box."""
    ax.text(
        0.01, 0.98, text, transform=ax.transAxes, ha="left", va="top",
        fontsize=theme.font_size - 1.5, color=theme.muted, zorder=5,
    )  # fmt: skip


@dataclass(frozen=True)
class PanelText:
    """The words of one weekly panel: title, y-axis label, how to read it, and its empty note."""

    title: str
    y_label: str
    key: str = ""
    empty: str = ""


PANELS = {
    "score": PanelText("Consistency score (0–100)", "score at week's end"),
    "customer": PanelText(
        "Customer-facing time per week",
        "minutes / week",
        "dashed: target  ·  darker bar: more workdays met the daily target",
        "No customer-facing minutes logged in these weeks.",
    ),
    "coaching": PanelText(
        "Coaching conversations per week",
        "number / week",
        "dashed: weekly target",
        "No coaching conversations logged in these weeks.",
    ),
    "reinforcement": PanelText(
        "Reinforcement actions per week",
        "number / week",
        "filled: positive  ·  outlined: corrective  ·  dashed: target",
        "No reinforcement actions logged in these weeks.",
    ),
}
CALENDAR_TITLE = "Workdays over the year"


def score_lines(
    series: WeeklySeries, theme: ChartTheme
) -> tuple[tuple[str, tuple[float, ...], str, tuple[float, ...], float], ...]:
    """The score panel's lines in drawing order (overall on top).

    Each is (label, values, colour, dash pattern in line widths — empty for solid, width in points).
    """
    return (
        ("customer time", series.customer_score, theme.customer, (4, 2), 1.3),
        ("coaching", series.coaching_score, theme.coaching, (1, 1.5), 1.6),
        ("reinforcement", series.reinforcement_score, theme.positive, (5, 2, 1, 2), 1.3),
        ("overall", series.consistency_score, theme.overall, (), 2.6),
    )


def _panel_texts(ax: Axes, panel: str, theme: ChartTheme) -> None:
    text = PANELS[panel]
    _title(ax, text.title, theme)
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

    offset = (days.first.weekday() - days.week_start) % 7
    origin = days.first - dt.timedelta(days=offset)
    total = offset + len(days.states)
    weeks = max(1, math.ceil(total / 7))
    flat = np.full(weeks * 7, OUTSIDE, dtype=np.int8)
    flat[offset:total] = days.states
    return flat.reshape(weeks, 7).T, origin


def _month_ticks(origin: dt.date, weeks: int) -> tuple[list[int], list[str]]:
    """A label under the first column of each month, never closer than 3 columns to the last one."""
    ticks: list[int] = []
    labels: list[str] = []
    previous_month = None
    for week in range(weeks):
        start = origin + dt.timedelta(weeks=week)
        if start.month == previous_month:
            continue
        previous_month = start.month
        if ticks and week - ticks[-1] < 3:
            ticks.pop()
            labels.pop()
        with_year = not ticks or start.month == 1
        ticks.append(week)
        labels.append(f"{start:%b}" + (f" {start.year}" if with_year else ""))
    return ticks, labels


def draw_calendar(ax: Axes, days: CalendarDays, theme: ChartTheme) -> dt.date:
    """A year of days as a weeks x weekdays heatmap; missed workdays also carry a cross for print."""
    import numpy as np
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch

    style_axes(ax, theme)
    ax.yaxis.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    _title(ax, CALENDAR_TITLE, theme)
    grid, origin = calendar_grid(days)
    colours = [
        theme.background, theme.non_workday, theme.missed, theme.below_target,
        theme.met_target, theme.below_target, theme.background,
    ]  # fmt: skip
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
    for column, label in zip(*_month_ticks(origin, weeks), strict=True):
        ax.text(
            column - 0.5, -0.04, label, transform=columns_axis, ha="left", va="top",
            fontsize=theme.font_size - 1, color=theme.foreground,
        )  # fmt: skip
    ax.set_xlim(-0.5, weeks - 0.5)
    ax.set_ylim(6.5, -0.5)
    handles = [
        Patch(facecolor=theme.met_target, label="met customer-time target"),
        Patch(facecolor=theme.below_target, label="logged, below target"),
        Patch(facecolor=theme.missed, label="missed workday (×)"),
        Patch(facecolor=theme.non_workday, label="not a workday"),
    ]
    legend = ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.0, -0.22),
        ncols=4,
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


# ---------------------------------------------------------------- team comparison


@dataclass(frozen=True)
class ComparisonRow:
    """One leader in the team comparison: the latest score, its recent change, the weekly scores."""

    name: str
    score: float | None
    change: float | None
    """points gained (+) or lost (−) over the trend window; None without history"""
    scores: tuple[float, ...] = ()
    """the overall score at each week's end, oldest first"""
    falling: bool = False
    """the score fell week after week (drawn in the warning colour)"""


def trend_arrow(change: float | None, flat: float = 1.0) -> str:
    """▲ rising, ▼ falling, → about level (within ±flat points), blank without history."""
    if change is None:
        return ""
    if change > flat:
        return "▲"
    if change < -flat:
        return "▼"
    return "→"


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
    _title(ax, title, theme)
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
                text += f"  {trend_arrow(row.change)} {_signed(row.change)}"
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
    _title(trend, "Week by week", theme)
    trend.tick_params(labelleft=False, left=False)
    trend.spines["left"].set_visible(False)
    count = max((len(row.scores) for row in rows), default=0)
    for position, row in zip(positions, rows, strict=True):
        trend.axhspan(position - 0.4, position + 0.4, color=theme.target_zone, linewidth=0)
        if row.scores:
            y = position + 0.4 - 0.8 * np.asarray(row.scores, dtype=float) / 100.0
            trend.plot(
                np.arange(len(row.scores)), y, linewidth=1.6,
                color=theme.corrective if row.falling else theme.overall,
            )  # fmt: skip
    week_ticks(trend, list(week_starts)[:count], 4)
    trend.set_xlabel(
        "overall score per week (band: 0 at the bottom, 100 at the top)",
        fontsize=theme.font_size - 0.5,
    )
    return ax
