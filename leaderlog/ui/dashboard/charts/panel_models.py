"""The native dashboard's panel models: what each panel shows (bars, targets, lines, calendar cells).

Built by ``build_model`` from the chart models of ``reports.chart_models`` (the weekly
series, the calendar days, the panels' words) and a ``ChartTheme``; nothing is recomputed.
The layout (``panel_layout``) places them and the painters (``paint_weekly``,
``paint_calendar``) draw them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtGui import QColor

from leaderlog.reports import chart_models
from leaderlog.reports.chart_theme import ChartTheme

WEEK_LABELS = 5
"""Date labels under each weekly panel: the same weeks in every panel."""
HEADROOM = 1.45
"""Room above the tallest bar for the panel's key line."""
SCORE_TOP = 135.0
SCORE_TICKS = (0.0, 25.0, 50.0, 75.0, 100.0)


@dataclass(frozen=True)
class BarSeries:
    """One set of bars, one per week: bar i spans bottoms[i] .. bottoms[i] + heights[i]."""

    label: str
    heights: tuple[float, ...]
    bottoms: tuple[float, ...]
    fills: tuple[QColor, ...]
    outline: QColor | None = None
    outline_width: float = 0.0
    """in points"""


@dataclass(frozen=True)
class ScoreLine:
    label: str
    values: tuple[float, ...]
    colour: QColor
    dashes: tuple[float, ...]
    """on/off lengths in line widths; empty for a solid line"""
    width: float
    """in points"""


@dataclass(frozen=True)
class WeeklyPanel:
    """One weekly panel: its words, value axis, bars, target steps and lines."""

    name: str
    text: chart_models.PanelText
    count: int
    top: float
    """the value at the top of the plot"""
    ticks: tuple[float, ...]
    bars: tuple[BarSeries, ...] = ()
    target: tuple[float, ...] = ()
    lines: tuple[ScoreLine, ...] = ()
    note: str = ""
    """a plain-words note instead of an empty plot ('' when there is something to see)"""

    def series(self, label: str) -> BarSeries:
        """The bars with this label (KeyError names the ones there are)."""
        for bars in self.bars:
            if bars.label == label:
                return bars
        raise KeyError(f"no bars labelled {label!r} in {self.name}: {[b.label for b in self.bars]}")

    def line(self, label: str) -> ScoreLine:
        for line in self.lines:
            if line.label == label:
                return line
        raise KeyError(f"no line labelled {label!r} in {self.name}")


@dataclass(frozen=True)
class CalendarPanel:
    """The year's days as weekday rows x week columns of heatmap states."""

    days: chart_models.CalendarDays
    origin: dt.date
    """the date in column 0, row 0"""
    rows: tuple[tuple[int, ...], ...]
    """7 rows (weekdays from the week's first day) of one state per week column"""
    month_columns: tuple[int, ...]
    month_labels: tuple[str, ...]
    start_note: str = ""
    start_columns: int = 0
    """columns before the first entry (the note is centred over them)"""

    @property
    def weeks(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    def index_at(self, column: int, row: int) -> int | None:
        """The day index in ``days`` of a cell, or None outside the run of days."""
        if not (0 <= row < 7 and 0 <= column < self.weeks):
            return None
        index = (self.origin + dt.timedelta(days=7 * column + row) - self.days.first).days
        return index if 0 <= index < len(self.days.states) else None


@dataclass(frozen=True)
class DashboardModel:
    """Everything the dashboard draws for one leader and period, in one theme."""

    series: chart_models.WeeklySeries
    theme: ChartTheme
    panels: dict[str, WeeklyPanel] = field(default_factory=dict)
    calendar: CalendarPanel | None = None
    empty_message: str = ""
    """shown alone when the period has no entries"""
    week_labels: tuple[tuple[int, ...], tuple[str, ...]] = ((), ())

    @property
    def is_empty(self) -> bool:
        return not self.panels


def nice_ticks(top: float, integer: bool, most: int = 5) -> tuple[float, ...]:
    """Round tick values from 0 up to top: at most ``most`` of them, steps of 1, 2, 2.5 or 5 x 10^k."""
    steps = (1.0, 2.0, 3.0, 4.0, 5.0) if integer else (1.0, 2.0, 2.5, 5.0)
    magnitude = 10.0 ** max(0 if integer else -3, math.floor(math.log10(max(top, 1e-9) / most)))
    while True:
        for step in steps:
            size = step * magnitude
            if top / size <= most - 1:
                return tuple(size * i for i in range(int(top / size + 1e-9) + 1))
        magnitude *= 10


def mix(front: str, back: str, weights: Sequence[float]) -> tuple[QColor, ...]:
    """Colours each ``weight`` of the way from back to front (as ``figures.shade`` mixes for the review pack)."""
    a, b = QColor(back).getRgbF()[:3], QColor(front).getRgbF()[:3]
    made: dict[float, QColor] = {}  # one QColor per shade: the bars are drawn per colour
    for weight in weights:
        if weight not in made:
            made[weight] = QColor.fromRgbF(
                *(start + (end - start) * weight for start, end in zip(a, b, strict=True))
            )
    return tuple(made[weight] for weight in weights)


def count_panel(
    name: str,
    series: chart_models.WeeklySeries,
    bars: Sequence[BarSeries],
    target: Sequence[float],
    integer: bool,
    has_data: bool,
    theme: ChartTheme,
) -> WeeklyPanel:
    tops = [b + h for bars_ in bars for b, h in zip(bars_.bottoms, bars_.heights, strict=True)]
    top = max(1.0, *tops, *target) * HEADROOM
    text = chart_models.panel_text(name, theme)
    return WeeklyPanel(
        name=name,
        text=text,
        count=len(series),
        top=top,
        ticks=nice_ticks(top, integer),
        bars=tuple(bars),
        target=tuple(float(t) for t in target),
        note="" if has_data else text.empty,
    )


def build_model(
    series: chart_models.WeeklySeries,
    days: chart_models.CalendarDays | None,
    theme: ChartTheme,
    empty_message: str = "",
) -> DashboardModel:
    """What each panel shows, from the metrics layer's columns (nothing recomputed)."""
    if not series.has_entries:
        return DashboardModel(
            series, theme, empty_message=empty_message or "Nothing logged in this period yet."
        )
    count = len(series)
    zeros = (0.0,) * count
    background = theme.background
    customer = BarSeries(
        "customer minutes",
        tuple(float(v) for v in series.customer_minutes),
        zeros,
        mix(
            theme.customer,
            background,
            [chart_models.shade_weight(share) for share in chart_models.met_target_shares(series)],
        ),
        QColor(theme.customer),
        0.6,
    )
    coaching = BarSeries(
        "coaching conversations",
        tuple(float(v) for v in series.coaching_count),
        zeros,
        (QColor(theme.coaching),) * count,
    )
    positive = BarSeries(
        "positive",
        tuple(float(v) for v in series.reinforcements_positive),
        zeros,
        (QColor(theme.positive),) * count,
    )
    corrective = BarSeries(
        "corrective",
        tuple(float(v) for v in series.reinforcements_corrective),
        positive.heights,
        (QColor(background),) * count,
        QColor(theme.corrective),
        1.4,
    )
    totals = [p + c for p, c in zip(positive.heights, corrective.heights, strict=True)]
    panels = {
        "score": WeeklyPanel(
            name="score",
            text=chart_models.panel_text("score", theme),
            count=count,
            top=SCORE_TOP,
            ticks=SCORE_TICKS,
            lines=tuple(
                ScoreLine(label, tuple(values), QColor(line_colour), dashes, width)
                for label, values, line_colour, dashes, width in chart_models.score_lines(
                    series, theme
                )
            ),
        ),
        "customer": count_panel(
            "customer",
            series,
            [customer],
            series.customer_target_minutes,
            integer=False,
            has_data=any(series.customer_minutes),
            theme=theme,
        ),
        "coaching": count_panel(
            "coaching",
            series,
            [coaching],
            series.coaching_target,
            integer=True,
            has_data=any(series.coaching_count),
            theme=theme,
        ),
        "reinforcement": count_panel(
            "reinforcement",
            series,
            [positive, corrective],
            series.reinforcement_target,
            integer=True,
            has_data=any(totals),
            theme=theme,
        ),
    }
    positions, labels = chart_models.week_tick_labels(series.week_start, WEEK_LABELS)
    return DashboardModel(
        series,
        theme,
        panels,
        calendar_panel(days) if days is not None and days.states else None,
        week_labels=(tuple(positions), tuple(labels)),
    )


def calendar_panel(days: chart_models.CalendarDays) -> CalendarPanel:
    rows, origin = chart_models.calendar_rows(days)
    weeks = len(rows[0])
    month_columns, month_labels = chart_models.month_ticks(origin, weeks)
    # the days before the first entry are the first ones of the run
    before = days.states.count(chart_models.BEFORE_START)
    last_column = ((days.first - origin).days + before - 1) // 7
    note, start_columns = "", 0
    if before and last_column >= 8:
        note = f"journal started {chart_models.week_label(days.day(before), with_year=True)}"
        start_columns = last_column
    return CalendarPanel(
        days, origin, rows, tuple(month_columns), tuple(month_labels), note, start_columns
    )
