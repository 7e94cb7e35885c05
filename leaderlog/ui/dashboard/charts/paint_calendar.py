"""Painting the native dashboard's calendar: a year of workdays as weekday rows x week columns."""

from __future__ import annotations

from array import array

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter

from leaderlog.reports import chart_models
from leaderlog.reports.chart_theme import ChartTheme
from leaderlog.ui.dashboard.charts.paint_tools import line_pen
from leaderlog.ui.dashboard.charts.panel_layout import PT, CalendarGeometry, Fonts
from leaderlog.ui.dashboard.charts.panel_models import CalendarPanel

CALENDAR_LEGEND = chart_models.CALENDAR_LEGEND
FILLED_STATES = (
    chart_models.NON_WORKDAY,
    chart_models.MISSED,
    chart_models.BELOW_TARGET,
    chart_models.MET_TARGET,
    chart_models.EXTRA_DAY,
    chart_models.LEAVE,
    chart_models.HOLIDAY,
)
"""The calendar day states drawn in a colour; days outside the year or before the start stay blank."""


def paint_calendar(
    painter: QPainter,
    calendar: CalendarPanel,
    where: CalendarGeometry,
    fonts: Fonts,
    theme: ChartTheme,
    vector: bool = False,
) -> None:
    grid = where.grid
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    fills = {state: QColor(chart_models.state_colour(state, theme)) for state in FILLED_STATES}
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
        painter.setPen(line_pen(theme.background, gap / PT))
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
    marked = {chart_models.MISSED: [], chart_models.EXTRA_DAY: []}
    for row, states in enumerate(calendar.rows):
        for column, state in enumerate(states):
            if state in marked:
                marked[state].append(
                    QPointF(
                        left + (column + 0.5) * cell_width - gap / 2,
                        top + (row + 0.5) * cell_height - gap / 2,
                    )
                )
    missed, extra = marked[chart_models.MISSED], marked[chart_models.EXTRA_DAY]
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    size = min(width, height) * 0.18
    if missed:
        painter.setPen(line_pen(theme.missed_mark, 0.8))
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
        label = chart_models.WEEKDAY_LABELS[(calendar.days.week_start + row) % 7]
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
    painter.drawText(QPointF(grid.left(), grid.top() - 6), chart_models.CALENDAR_TITLE)
    # the legend: a swatch and a name per day colour, on one row under the month names
    key = QFontMetricsF(fonts.key)
    painter.setFont(fonts.key)
    x = where.cell.left() + 4
    y = month_baseline + metrics.descent() + 6
    swatch = key.height() * 0.7
    for state, label in CALENDAR_LEGEND:
        painter.fillRect(QRectF(x, y + (key.height() - swatch) / 2, swatch, swatch), fills[state])
        painter.setPen(foreground)
        painter.drawText(QPointF(x + swatch + 5, y + key.ascent()), label)
        x += swatch + 5 + key.horizontalAdvance(label) + 1.5 * key.height()
