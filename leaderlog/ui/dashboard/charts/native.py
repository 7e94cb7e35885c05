"""The Leader dashboard drawn with QPainter: the panels' models, their layout and the painting.

Matplotlib spends ~50x an empty figure on five labelled axes alone, so the on-screen
dashboard is painted directly (docs/performance.md). The numbers, words and colours come
from the same Qt-free places as the matplotlib charts: ``figures.WeeklySeries`` /
``CalendarDays``, ``figures.PANELS`` and the ``ChartTheme``. One ``paint_dashboard`` call
draws on any paint device: the widget, a QImage, an SVG generator or a PDF writer.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from leaderlog.reports import figures
from leaderlog.reports.chart_theme import ChartTheme
from leaderlog.ui.dashboard.charts.common import WEEKLY_PANELS

PT = 100 / 72
"""Pixels per point: line widths and text keep the size the matplotlib charts had on screen."""
WEEK_LABELS = 5
"""Date labels under each weekly panel: the same weeks in every panel."""
HEADROOM = 1.45
"""Room above the tallest bar for the panel's key line."""
SCORE_TOP = 135.0
SCORE_TICKS = (0.0, 25.0, 50.0, 75.0, 100.0)
CALENDAR_LEGEND = (
    ("met_target", "met customer-time target"),
    ("below_target", "logged, below target"),
    ("missed", "missed workday (×)"),
    ("non_workday", "not a workday"),
)
CELL_COLOURS = {
    figures.NON_WORKDAY: "non_workday",
    figures.MISSED: "missed",
    figures.BELOW_TARGET: "below_target",
    figures.MET_TARGET: "met_target",
    figures.EXTRA_DAY: "below_target",
}
"""Theme colour of each calendar day state; days outside the year or before the start stay blank."""


# ---------------------------------------------------------------- models (what is drawn)


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
    text: figures.PanelText
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

    days: figures.CalendarDays
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

    series: figures.WeeklySeries
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


def colour(value: str) -> QColor:
    return QColor(value)


def mix(front: str, back: str, weights: Sequence[float]) -> tuple[QColor, ...]:
    """Colours each ``weight`` of the way from back to front (as ``figures.shade`` mixes)."""
    a, b = QColor(back).getRgbF()[:3], QColor(front).getRgbF()[:3]
    made: dict[float, QColor] = {}  # one QColor per shade: the bars are drawn per colour
    for weight in weights:
        if weight not in made:
            made[weight] = QColor.fromRgbF(
                *(start + (end - start) * weight for start, end in zip(a, b, strict=True))
            )
    return tuple(made[weight] for weight in weights)


def _count_panel(
    name: str,
    series: figures.WeeklySeries,
    bars: Sequence[BarSeries],
    target: Sequence[float],
    integer: bool,
    has_data: bool,
) -> WeeklyPanel:
    tops = [b + h for bars_ in bars for b, h in zip(bars_.bottoms, bars_.heights, strict=True)]
    top = max(1.0, *tops, *target) * HEADROOM
    text = figures.PANELS[name]
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
    series: figures.WeeklySeries,
    days: figures.CalendarDays | None,
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
            [figures.shade_weight(share) for share in figures.met_target_shares(series)],
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
            text=figures.PANELS["score"],
            count=count,
            top=SCORE_TOP,
            ticks=SCORE_TICKS,
            lines=tuple(
                ScoreLine(label, tuple(values), QColor(line_colour), dashes, width)
                for label, values, line_colour, dashes, width in figures.score_lines(series, theme)
            ),
        ),
        "customer": _count_panel(
            "customer",
            series,
            [customer],
            series.customer_target_minutes,
            integer=False,
            has_data=any(series.customer_minutes),
        ),
        "coaching": _count_panel(
            "coaching",
            series,
            [coaching],
            series.coaching_target,
            integer=True,
            has_data=any(series.coaching_count),
        ),
        "reinforcement": _count_panel(
            "reinforcement",
            series,
            [positive, corrective],
            series.reinforcement_target,
            integer=True,
            has_data=any(totals),
        ),
    }
    positions, labels = figures.week_tick_labels(series.week_start, WEEK_LABELS)
    return DashboardModel(
        series,
        theme,
        panels,
        _calendar(days) if days is not None and days.states else None,
        week_labels=(tuple(positions), tuple(labels)),
    )


def _calendar(days: figures.CalendarDays) -> CalendarPanel:
    grid, origin = figures.calendar_grid(days)
    rows = tuple(tuple(row) for row in grid.tolist())
    weeks = len(rows[0])
    month_columns, month_labels = figures._month_ticks(origin, weeks)
    # the days before the first entry are the first ones of the run
    before = days.states.count(figures.BEFORE_START)
    last_column = ((days.first - origin).days + before - 1) // 7
    note, start_columns = "", 0
    if before and last_column >= 8:
        note = f"journal started {figures.week_label(days.day(before), with_year=True)}"
        start_columns = last_column
    return CalendarPanel(
        days, origin, rows, tuple(month_columns), tuple(month_labels), note, start_columns
    )


# ---------------------------------------------------------------- layout (where it is drawn)


@dataclass(frozen=True)
class Fonts:
    """The dashboard's text sizes, in pixels (the matplotlib charts' point sizes at 100 dpi)."""

    tick: QFont
    title: QFont
    key: QFont
    label: QFont
    note: QFont

    @classmethod
    def from_base(cls, base: QFont, theme: ChartTheme) -> Fonts:
        def sized(points: float, bold: bool = False) -> QFont:
            font = QFont(base)
            font.setPixelSize(max(6, round(points * PT)))
            font.setBold(bold)
            return font

        size = theme.font_size
        return cls(
            tick=sized(size - 1),
            title=sized(size + 0.5, bold=True),
            key=sized(size - 1.5),
            label=sized(size - 0.5),
            note=sized(size),
        )


@dataclass(frozen=True)
class PanelGeometry:
    """Where one weekly panel sits: its whole cell and the plot area inside it."""

    cell: QRectF
    plot: QRectF
    count: int
    top: float

    @property
    def slot(self) -> float:
        """Width of one week (0.1 of a week of padding at each end, as the old charts had)."""
        return self.plot.width() / (self.count + 0.2) if self.count else self.plot.width()

    def x_of(self, index: float) -> float:
        return self.plot.left() + (index + 0.6) * self.slot

    def y_of(self, value: float) -> float:
        return self.plot.bottom() - value / self.top * self.plot.height()

    def week_at(self, point: QPointF) -> int | None:
        if not self.plot.contains(point) or not self.count:
            return None
        index = round((point.x() - self.plot.left()) / self.slot - 0.6)
        if 0 <= index < self.count and abs(point.x() - self.x_of(index)) <= 0.45 * self.slot:
            return index
        return None


@dataclass(frozen=True)
class CalendarGeometry:
    cell: QRectF
    grid: QRectF
    """the cells' area: weeks x 7 cells"""
    weeks: int

    @property
    def cell_width(self) -> float:
        return self.grid.width() / max(1, self.weeks)

    @property
    def cell_height(self) -> float:
        return self.grid.height() / 7

    def cell_rect(self, column: int, row: int) -> QRectF:
        width, height = self.cell_width, self.cell_height
        return QRectF(
            self.grid.left() + column * width, self.grid.top() + row * height, width, height
        )

    def cell_at(self, point: QPointF) -> tuple[int, int] | None:
        if not self.grid.contains(point):
            return None
        column = int((point.x() - self.grid.left()) / self.cell_width)
        row = int((point.y() - self.grid.top()) / self.cell_height)
        return (column, row) if column < self.weeks and row < 7 else None


@dataclass(frozen=True)
class DashboardGeometry:
    panels: dict[str, PanelGeometry] = field(default_factory=dict)
    calendar: CalendarGeometry | None = None


MARGIN = 8.0
COLUMN_GAP = 40.0
ROW_GAP = 14.0


def layout(model: DashboardModel, size: QSizeF, fonts: Fonts) -> DashboardGeometry:
    """Panel rectangles for a paint device of ``size`` (logical pixels)."""
    if model.is_empty:
        return DashboardGeometry()
    width, height = size.width(), size.height()
    tick = QFontMetricsF(fonts.tick)
    title_height = QFontMetricsF(fonts.title).height() + 4
    label_height = QFontMetricsF(fonts.label).height()
    calendar = None
    bottom = height - MARGIN
    if model.calendar is not None:
        weeks = model.calendar.weeks
        left = MARGIN + tick.horizontalAdvance("Wed") + 6
        cell_width = (width - MARGIN - left) / weeks
        text_rows = title_height + tick.height() + 4 + QFontMetricsF(fonts.key).height() + 10
        cell_height = min(cell_width, 15.0, max(6.0, (height * 0.3 - text_rows) / 7))
        block = text_rows + 7 * cell_height
        top = height - MARGIN - block
        grid = QRectF(left, top + title_height, weeks * cell_width, 7 * cell_height)
        calendar = CalendarGeometry(QRectF(MARGIN, top, width - 2 * MARGIN, block), grid, weeks)
        bottom = top - ROW_GAP
    column_width = (width - 2 * MARGIN - COLUMN_GAP) / 2
    row_height = (bottom - MARGIN - ROW_GAP) / 2
    panels = {}
    for position, name in enumerate(WEEKLY_PANELS):
        panel = model.panels[name]
        cell = QRectF(
            MARGIN + (position % 2) * (column_width + COLUMN_GAP),
            MARGIN + (position // 2) * (row_height + ROW_GAP),
            column_width,
            row_height,
        )
        # both panels of a column share their left edge, as a grid of axes would
        widest = max(
            tick.horizontalAdvance(_tick_text(t))
            for other in WEEKLY_PANELS[position % 2 :: 2]
            for t in model.panels[other].ticks
        )
        left = cell.left() + label_height + 4 + widest + 3.5 * PT + 3
        plot = QRectF(
            left,
            cell.top() + title_height,
            max(10.0, cell.right() - left),
            max(10.0, row_height - title_height - 3.5 * PT - 2 - tick.height()),
        )
        panels[name] = PanelGeometry(cell, plot, panel.count, panel.top)
    return DashboardGeometry(panels, calendar)


def _tick_text(value: float) -> str:
    return f"{value:g}"


# ---------------------------------------------------------------- painting


def paint_dashboard(
    painter: QPainter,
    model: DashboardModel,
    size: QSizeF,
    fonts: Fonts,
    selected_week: int | None = None,
    vector: bool = False,
) -> DashboardGeometry:
    """Draw the whole dashboard in a rectangle of ``size`` at the painter's origin; returns where.

    ``vector``: the device is an SVG or PDF file (the calendar is drawn day by day).
    """
    theme = model.theme
    painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor(theme.background))
    if model.is_empty:
        _note(painter, QRectF(0, 0, size.width(), size.height()), model.empty_message, fonts, theme)
        return DashboardGeometry()
    geometry = layout(model, size, fonts)
    for name in WEEKLY_PANELS:
        _paint_weekly(
            painter, model, model.panels[name], geometry.panels[name], fonts, selected_week
        )
    if model.calendar is not None and geometry.calendar is not None:
        _paint_calendar(painter, model.calendar, geometry.calendar, fonts, theme, vector)
    return geometry


def _dashed(points: Sequence[tuple[float, float]], pattern: Sequence[float]) -> list[QLineF]:
    """The 'on' pieces of a dash pattern (lengths in pixels) along a polyline, as segments.

    A dash that turns a corner is split there, so the dashes follow the line exactly.
    """
    segments: list[QLineF] = []
    phase, left, drawing = 0, pattern[0], True
    for (ax, ay), (bx, by) in itertools.pairwise(points):
        length = math.hypot(bx - ax, by - ay)
        if length == 0:
            continue
        dx, dy = (bx - ax) / length, (by - ay) / length
        at = 0.0
        while at < length:
            step = left if left < length - at else length - at
            if drawing:
                end = at + step
                segments.append(QLineF(ax + dx * at, ay + dy * at, ax + dx * end, ay + dy * end))
            at += step
            left -= step
            if left <= 1e-9:
                phase = (phase + 1) % len(pattern)
                left, drawing = pattern[phase], not drawing
    return segments


def _runs(values: Sequence[float]) -> list[tuple[int, int, float]]:
    """Runs of equal values as (first index, index after the last, value)."""
    runs: list[tuple[int, int, float]] = []
    for index, value in enumerate(values):
        if runs and runs[-1][2] == value:
            runs[-1] = (runs[-1][0], index + 1, value)
        else:
            runs.append((index, index + 1, value))
    return runs


def _pen(value: QColor | str, points: float, dashes: Sequence[float] = ()) -> QPen:
    pen = QPen(QColor(value) if isinstance(value, str) else value)
    pen.setWidthF(points * PT)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    if dashes:
        pen.setDashPattern(list(dashes))
    return pen


def _paint_weekly(
    painter: QPainter,
    model: DashboardModel,
    panel: WeeklyPanel,
    where: PanelGeometry,
    fonts: Fonts,
    selected_week: int | None,
) -> None:
    theme = model.theme
    plot = where.plot
    count = panel.count
    slot = where.slot
    # plain floats: this runs for every week of four panels
    first_x = plot.left() + 0.6 * slot
    plot_top, plot_bottom = plot.top(), plot.bottom()
    per_unit = plot.height() / where.top
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    # the tint above the target: one rectangle per run of weeks with the same target
    target = panel.target
    runs = _runs(target)
    if target:
        zone = QColor(theme.target_zone)
        for start, stop, value in runs:
            y = max(plot_top, plot_bottom - value * per_unit)
            left = first_x + (start - 0.5) * slot
            painter.fillRect(QRectF(left, plot_top, (stop - start) * slot, y - plot_top), zone)
    # grid lines at the value ticks
    painter.setPen(_pen(theme.grid, 0.6))
    painter.drawLines(
        [
            QLineF(
                plot.left(), plot_bottom - v * per_unit, plot.right(), plot_bottom - v * per_unit
            )
            for v in panel.ticks
        ]
    )
    if selected_week is not None and 0 <= selected_week < count:
        band = QColor(theme.grid)
        band.setAlphaF(0.6)
        left = first_x + (selected_week - 0.5) * slot
        painter.fillRect(QRectF(left, plot_top, slot, plot.height()), band)
    # bars
    width = 0.75 * slot
    offset = first_x - width / 2
    for bars in panel.bars:
        if bars.outline is not None:
            painter.setPen(_pen(bars.outline, bars.outline_width))
        else:
            painter.setPen(Qt.PenStyle.NoPen)
        # one drawRects call per colour (bars of one shade share their QColor)
        groups: dict[int, tuple[QColor, list[QRectF]]] = {}
        fills = bars.fills
        for index, (bottom, height) in enumerate(zip(bars.bottoms, bars.heights, strict=True)):
            if height <= 0:
                continue
            fill = fills[index]
            group = groups.get(id(fill))
            if group is None:
                group = groups[id(fill)] = (fill, [])
            group[1].append(
                QRectF(
                    offset + index * slot,
                    plot_bottom - (bottom + height) * per_unit,
                    width,
                    height * per_unit,
                )
            )
        for fill, rects in groups.values():
            painter.setBrush(fill)
            painter.drawRects(rects)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if target:
        # the weekly target as steps across each week, joined where it changes (square:
        # no antialiasing needed)
        points = []
        for start, stop, value in runs:
            y = plot_bottom - value * per_unit
            points += [
                QPointF(first_x + (start - 0.5) * slot, y),
                QPointF(first_x + (stop - 0.5) * slot, y),
            ]
        painter.setPen(_pen(theme.target, 1.3, (3.7, 1.6)))
        painter.drawPolyline(points)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for line in panel.lines:
        xy = [(first_x + i * slot, plot_bottom - v * per_unit) for i, v in enumerate(line.values)]
        pen = _pen(line.colour, line.width)
        # separate segments are several times cheaper for Qt to antialias than a dashed
        # polyline; round caps close the joints of a solid line
        if line.dashes:
            segments = _dashed(xy, [d * line.width * PT for d in line.dashes])
        else:
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            segments = [QLineF(*a, *b) for a, b in itertools.pairwise(xy)]
        painter.setPen(pen)
        if segments:
            painter.drawLines(segments)
        if count <= 6:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(line.colour)
            for x, y in xy:
                painter.drawEllipse(QPointF(x, y), 1.5 * PT, 1.5 * PT)
            painter.setBrush(Qt.BrushStyle.NoBrush)
    _paint_axes(painter, model, panel, where, fonts)
    if panel.lines:
        _score_legend(painter, panel, where, fonts, theme)
    elif panel.text.key:
        painter.setFont(fonts.key)
        metrics = QFontMetricsF(fonts.key)
        box = QRectF(
            plot.left() + 2,
            plot.top() + 2,
            metrics.horizontalAdvance(panel.text.key) + 4,
            metrics.height() + 1,
        )
        # on what lies behind it (the target tint, or the plain plot), so no grid line
        # runs through the words
        below_target = bool(panel.target) and box.bottom() <= where.y_of(max(panel.target))
        painter.fillRect(box, QColor(theme.target_zone if below_target else theme.background))
        painter.setPen(QColor(theme.muted))
        painter.drawText(QPointF(box.left() + 2, box.top() + metrics.ascent()), panel.text.key)
    if panel.note:
        _note(painter, plot, panel.note, fonts, theme)


def _paint_axes(
    painter: QPainter,
    model: DashboardModel,
    panel: WeeklyPanel,
    where: PanelGeometry,
    fonts: Fonts,
) -> None:
    """Frame (left and bottom), ticks, tick labels, the y-axis label and the title."""
    theme = model.theme
    plot = where.plot
    left, bottom = plot.left(), plot.bottom()
    tick_length = 3.5 * PT
    ys = [where.y_of(value) for value in panel.ticks]
    positions, labels = model.week_labels
    xs = [where.x_of(position) for position in positions]
    # the frame and every tick mark in one call (square to the pixels: no antialiasing),
    # then every label in the text colour
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(_pen(theme.muted, 0.8))
    painter.drawLines(
        [
            QLineF(left, plot.top(), left, bottom),
            QLineF(left, bottom, plot.right(), bottom),
            *(QLineF(left - tick_length, y, left, y) for y in ys),
            *(QLineF(x, bottom, x, bottom + tick_length) for x in xs),
        ]
    )
    metrics = QFontMetricsF(fonts.tick)
    ascent = metrics.ascent()
    painter.setFont(fonts.tick)
    painter.setPen(QColor(theme.foreground))
    middle = ascent - metrics.height() / 2
    for value, y in zip(panel.ticks, ys, strict=True):
        text = _tick_text(value)
        x = left - tick_length - 3 - metrics.horizontalAdvance(text)
        painter.drawText(QPointF(x, y + middle), text)
    baseline = bottom + tick_length + 2 + ascent
    right_edge = where.cell.right() + MARGIN
    for x, label in zip(xs, labels, strict=True):
        width = metrics.horizontalAdvance(label)
        # keep the latest week's label inside the panel's cell
        painter.drawText(QPointF(min(x - width / 2, right_edge - width), baseline), label)
    # the y-axis label, reading upwards, centred on the plot
    painter.setFont(fonts.label)
    label_metrics = QFontMetricsF(fonts.label)
    painter.save()
    painter.translate(where.cell.left() + label_metrics.ascent(), plot.center().y())
    painter.rotate(-90)
    painter.drawText(
        QPointF(-label_metrics.horizontalAdvance(panel.text.y_label) / 2, 0), panel.text.y_label
    )
    painter.restore()
    painter.setFont(fonts.title)
    painter.drawText(QPointF(plot.left(), plot.top() - 4), panel.text.title)


def _score_legend(
    painter: QPainter, panel: WeeklyPanel, where: PanelGeometry, fonts: Fonts, theme: ChartTheme
) -> None:
    """The score lines' key: a framed row of line samples and names at the top of the plot."""
    metrics = QFontMetricsF(fonts.key)
    sample = 1.6 * metrics.height()
    gap = 0.8 * metrics.height()
    widths = [sample + 4 + metrics.horizontalAdvance(line.label) for line in panel.lines]
    box = QRectF(
        where.plot.left() + 4,
        where.plot.top() + 3,
        sum(widths) + gap * (len(widths) - 1) + 10,
        metrics.height() + 6,
    )
    painter.setPen(_pen(theme.grid, 0.8))
    fill = QColor(theme.background)
    fill.setAlphaF(0.85)
    painter.setBrush(fill)
    painter.drawRoundedRect(box, 2, 2)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setFont(fonts.key)
    x = box.left() + 5
    middle = box.center().y()
    foreground = QColor(theme.foreground)
    for line, item_width in zip(panel.lines, widths, strict=True):
        painter.setPen(_pen(line.colour, line.width, line.dashes))
        painter.drawLine(QLineF(x, middle, x + sample, middle))
        painter.setPen(foreground)
        painter.drawText(
            QPointF(x + sample + 4, middle - metrics.height() / 2 + metrics.ascent()), line.label
        )
        x += item_width + gap


def _note(painter: QPainter, area: QRectF, text: str, fonts: Fonts, theme: ChartTheme) -> None:
    """A plain-words note in a rounded box in the middle of an area that has nothing to draw."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setFont(fonts.note)
    metrics = QFontMetricsF(fonts.note)
    flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
    bounds = metrics.boundingRect(area.adjusted(16, 8, -16, -8), int(flags), text)
    box = bounds.adjusted(-8, -5, 8, 5)
    painter.setPen(_pen(theme.grid, 0.8))
    painter.setBrush(QColor(theme.background))
    painter.drawRoundedRect(box, 5, 5)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QColor(theme.muted))
    painter.drawText(bounds, int(flags), text)


def _paint_calendar(
    painter: QPainter,
    calendar: CalendarPanel,
    where: CalendarGeometry,
    fonts: Fonts,
    theme: ChartTheme,
    vector: bool = False,
) -> None:
    grid = where.grid
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    fills = {state: QColor(getattr(theme, name)) for state, name in CELL_COLOURS.items()}
    cell_width, cell_height = where.cell_width, where.cell_height
    gap = min(1.2 * PT, cell_width / 4)
    width, height = cell_width - gap, cell_height - gap
    left = grid.left() + gap / 2
    top = grid.top() + gap / 2
    if vector:
        # SVG and PDF: one rectangle per day (a scaled image could be smoothed by a viewer)
        cells: dict[int, list[QRectF]] = {state: [] for state in fills}
        for row, states in enumerate(calendar.rows):
            y = top + row * cell_height
            for column, state in enumerate(states):
                if state in cells:
                    cells[state].append(QRectF(left + column * cell_width, y, width, height))
        painter.setPen(Qt.PenStyle.NoPen)
        for state, rects in cells.items():
            if rects:
                painter.setBrush(fills[state])
                painter.drawRects(rects)
        painter.setBrush(Qt.BrushStyle.NoBrush)
    else:
        # on screen: one pixel per day scaled up (nearest, so crisp), then the gaps between
        # the days drawn over it: ~20x cheaper than 365 rectangles
        background = QColor(theme.background).rgb()
        pixels = array(
            "I",
            [
                fills[state].rgb() if state in fills else background
                for states in calendar.rows
                for state in states
            ],
        )
        image = QImage(
            pixels.tobytes(), calendar.weeks, 7, 4 * calendar.weeks, QImage.Format.Format_RGB32
        )
        painter.drawImage(grid, image)
        painter.setPen(_pen(theme.background, gap / PT))
        painter.drawLines(
            [
                *(
                    QLineF(
                        grid.left() + c * cell_width,
                        grid.top(),
                        grid.left() + c * cell_width,
                        grid.bottom(),
                    )
                    for c in range(calendar.weeks + 1)
                ),
                *(
                    QLineF(
                        grid.left(),
                        grid.top() + r * cell_height,
                        grid.right(),
                        grid.top() + r * cell_height,
                    )
                    for r in range(8)
                ),
            ]
        )
    marked = {figures.MISSED: [], figures.EXTRA_DAY: []}
    for row, states in enumerate(calendar.rows):
        for column, state in enumerate(states):
            if state in marked:
                marked[state].append(
                    QPointF(
                        left + (column + 0.5) * cell_width - gap / 2,
                        top + (row + 0.5) * cell_height - gap / 2,
                    )
                )
    missed, extra = marked[figures.MISSED], marked[figures.EXTRA_DAY]
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    size = min(width, height) * 0.18
    if missed:
        painter.setPen(_pen(theme.missed_mark, 0.8))
        lines = []
        for centre in missed:
            lines += [
                QLineF(centre.x() - size, centre.y() - size, centre.x() + size, centre.y() + size),
                QLineF(centre.x() - size, centre.y() + size, centre.x() + size, centre.y() - size),
            ]
        painter.drawLines(lines)
    if extra:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.foreground))
        for centre in extra:
            painter.drawEllipse(centre, size * 0.8, size * 0.8)
        painter.setBrush(Qt.BrushStyle.NoBrush)
    foreground = QColor(theme.foreground)
    metrics = QFontMetricsF(fonts.tick)
    painter.setFont(fonts.tick)
    painter.setPen(foreground)
    for row in (0, 2, 4, 6):
        label = figures.WEEKDAY_LABELS[(calendar.days.week_start + row) % 7]
        y = grid.top() + (row + 0.5) * where.cell_height - metrics.height() / 2 + metrics.ascent()
        painter.drawText(QPointF(grid.left() - 4 - metrics.horizontalAdvance(label), y), label)
    month_baseline = grid.bottom() + 3 + metrics.ascent()
    for column, label in zip(calendar.month_columns, calendar.month_labels, strict=True):
        painter.drawText(QPointF(grid.left() + column * where.cell_width, month_baseline), label)
    if calendar.start_note:
        painter.setFont(fonts.note)
        painter.setPen(QColor(theme.muted))
        span = QRectF(
            grid.left(), grid.top(), calendar.start_columns * where.cell_width, grid.height()
        )
        painter.drawText(span, int(Qt.AlignmentFlag.AlignCenter), calendar.start_note)
    painter.setFont(fonts.title)
    painter.setPen(foreground)
    painter.drawText(QPointF(grid.left(), grid.top() - 6), figures.CALENDAR_TITLE)
    # the legend: a swatch and a name per day colour, on one row under the month names
    key = QFontMetricsF(fonts.key)
    painter.setFont(fonts.key)
    x = where.cell.left() + 4
    y = month_baseline + metrics.descent() + 6
    swatch = key.height() * 0.7
    for name, label in CALENDAR_LEGEND:
        painter.fillRect(
            QRectF(x, y + (key.height() - swatch) / 2, swatch, swatch), QColor(getattr(theme, name))
        )
        painter.setPen(foreground)
        painter.drawText(QPointF(x + swatch + 5, y + key.ascent()), label)
        x += swatch + 5 + key.horizontalAdvance(label) + 2 * key.height()
