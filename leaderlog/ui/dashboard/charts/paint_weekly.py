"""Painting the native dashboard's weekly panels: target tint and steps, bars, score lines, axes and keys."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter

from leaderlog.reports.chart_theme import ChartTheme
from leaderlog.ui.dashboard.charts.paint_tools import (
    dashed_segments,
    line_pen,
    paint_note,
    runs_of_equal,
)
from leaderlog.ui.dashboard.charts.panel_layout import MARGIN, PT, Fonts, PanelGeometry, tick_text
from leaderlog.ui.dashboard.charts.panel_models import DashboardModel, WeeklyPanel


def paint_weekly_panel(
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
    runs = runs_of_equal(target)
    if target:
        # one drawRects for every run: weeks with days off shrink their targets, so a
        # year with leave has dozens of runs, and a fillRect each cost more than the rest
        zones = []
        for start, stop, value in runs:
            y = max(plot_top, plot_bottom - value * per_unit)
            left = first_x + (start - 0.5) * slot
            zones.append(QRectF(left, plot_top, (stop - start) * slot, y - plot_top))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.target_zone))
        painter.drawRects(zones)
        painter.setBrush(Qt.BrushStyle.NoBrush)
    # grid lines at the value ticks
    painter.setPen(line_pen(theme.grid, 0.6))
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
            painter.setPen(line_pen(bars.outline, bars.outline_width))
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
        painter.setPen(line_pen(theme.target, 1.3, (3.7, 1.6)))
        painter.drawPolyline(points)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for line in panel.lines:
        xy = [(first_x + i * slot, plot_bottom - v * per_unit) for i, v in enumerate(line.values)]
        pen = line_pen(line.colour, line.width)
        # separate segments are several times cheaper for Qt to antialias than a dashed
        # polyline; square caps close the joints of a solid line (as matplotlib's default
        # "projecting" cap does) at a fifth of what round caps cost Qt's stroker
        if line.dashes:
            segments = dashed_segments(xy, [d * line.width * PT for d in line.dashes])
        else:
            pen.setCapStyle(Qt.PenCapStyle.SquareCap)
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
        paint_note(painter, plot, panel.note, fonts, theme)


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
    painter.setPen(line_pen(theme.muted, 0.8))
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
        text = tick_text(value)
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
    painter.setPen(line_pen(theme.grid, 0.8))
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
        painter.setPen(line_pen(line.colour, line.width, line.dashes))
        painter.drawLine(QLineF(x, middle, x + sample, middle))
        painter.setPen(foreground)
        painter.drawText(
            QPointF(x + sample + 4, middle - metrics.height() / 2 + metrics.ascent()), line.label
        )
        x += item_width + gap
