"""Small QPainter helpers the native dashboard's painters share: pens, dashes, runs and notes."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from leaderlog.reports.chart_theme import ChartTheme
from leaderlog.ui.dashboard.charts.panel_layout import PT, Fonts


def dashed_segments(
    points: Sequence[tuple[float, float]], pattern: Sequence[float]
) -> list[QLineF]:
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


def runs_of_equal(values: Sequence[float]) -> list[tuple[int, int, float]]:
    """Runs of equal values as (first index, index after the last, value)."""
    runs: list[tuple[int, int, float]] = []
    for index, value in enumerate(values):
        if runs and runs[-1][2] == value:
            runs[-1] = (runs[-1][0], index + 1, value)
        else:
            runs.append((index, index + 1, value))
    return runs


def line_pen(value: QColor | str, points: float, dashes: Sequence[float] = ()) -> QPen:
    pen = QPen(QColor(value) if isinstance(value, str) else value)
    pen.setWidthF(points * PT)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    if dashes:
        pen.setDashPattern(list(dashes))
    return pen


def paint_note(painter: QPainter, area: QRectF, text: str, fonts: Fonts, theme: ChartTheme) -> None:
    """A plain-words note in a rounded box in the middle of an area that has nothing to draw."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setFont(fonts.note)
    metrics = QFontMetricsF(fonts.note)
    flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
    bounds = metrics.boundingRect(area.adjusted(16, 8, -16, -8), int(flags), text)
    box = bounds.adjusted(-8, -5, 8, 5)
    painter.setPen(line_pen(theme.grid, 0.8))
    painter.setBrush(QColor(theme.background))
    painter.drawRoundedRect(box, 5, 5)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QColor(theme.muted))
    painter.drawText(bounds, int(flags), text)
