"""The Leader dashboard drawn with QPainter: ``paint_dashboard`` lays out and paints every panel.

Matplotlib spends ~50x an empty figure on five labelled axes alone, so the on-screen
dashboard is painted directly (docs/performance.md). The numbers, words and colours come
from the same Qt-free places as the matplotlib charts: ``chart_models.WeeklySeries`` /
``CalendarDays``, ``chart_models.PANELS`` and the ``ChartTheme``. The pieces live beside
this module: ``panel_models`` (what is drawn), ``panel_layout`` (where), ``paint_weekly``
and ``paint_calendar`` (how). One ``paint_dashboard`` call draws on any paint device: the
widget, a QImage, an SVG generator or a PDF writer.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter

from leaderlog.ui.dashboard.charts.common import WEEKLY_PANELS
from leaderlog.ui.dashboard.charts.paint_calendar import paint_calendar
from leaderlog.ui.dashboard.charts.paint_tools import paint_note
from leaderlog.ui.dashboard.charts.paint_weekly import paint_weekly_panel
from leaderlog.ui.dashboard.charts.panel_layout import DashboardGeometry, Fonts, layout
from leaderlog.ui.dashboard.charts.panel_models import DashboardModel


def paint_dashboard(
    painter: QPainter,
    model: DashboardModel,
    size: QSizeF,
    fonts: Fonts,
    selected_week: int | None = None,
    vector: bool = False,
    caption: str = "",
) -> DashboardGeometry:
    """Draw the whole dashboard in a rectangle of ``size`` at the painter's origin; returns where.

    ``vector``: the device is an SVG or PDF file (the calendar is drawn day by day).
    ``caption``: a first line naming who and which period (exported charts stand alone);
    the panels are drawn below it.
    """
    theme = model.theme
    painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor(theme.background))
    if caption:
        metrics = QFontMetricsF(fonts.title)
        band = metrics.height() * 2.0
        painter.setFont(fonts.title)
        painter.setPen(QColor(theme.foreground))
        painter.drawText(
            QRectF(8, 0, size.width() - 16, band),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            caption,
        )
        painter.save()
        painter.translate(0, band)
        geometry = paint_dashboard(
            painter, model, QSizeF(size.width(), size.height() - band), fonts, selected_week, vector
        )
        painter.restore()
        return geometry
    if model.is_empty:
        paint_note(
            painter, QRectF(0, 0, size.width(), size.height()), model.empty_message, fonts, theme
        )
        return DashboardGeometry()
    geometry = layout(model, size, fonts)
    for name in WEEKLY_PANELS:
        paint_weekly_panel(
            painter, model, model.panels[name], geometry.panels[name], fonts, selected_week
        )
    if model.calendar is not None and geometry.calendar is not None:
        paint_calendar(painter, model.calendar, geometry.calendar, fonts, theme, vector)
    return geometry
