"""The native dashboard's layout: fonts and where each panel and the calendar sit on a paint device."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, QSizeF
from PySide6.QtGui import QFont, QFontMetricsF

from leaderlog.reports.chart_theme import ChartTheme
from leaderlog.ui.dashboard.charts.common import WEEKLY_PANELS
from leaderlog.ui.dashboard.charts.panel_models import DashboardModel

PT = 100 / 72
"""Pixels per point: line widths and text keep the size the matplotlib charts had on screen."""


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
            tick.horizontalAdvance(tick_text(t))
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


def tick_text(value: float) -> str:
    return f"{value:g}"
