"""The Leader dashboard widget: the QPainter panels with hover values, week clicks, keys and export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QPoint,
    QPointF,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFocusEvent,
    QImage,
    QMouseEvent,
    QPageSize,
    QPainter,
    QPaintEvent,
    QPalette,
    QPdfWriter,
)
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

from leaderlog.reports import chart_models
from leaderlog.reports.chart_theme import PRINT, ChartTheme
from leaderlog.ui.dashboard.charts.common import (
    EXPORT_DPI,
    ChartActions,
    export_format,
    theme_for_palette,
)
from leaderlog.ui.dashboard.charts.native import paint_dashboard
from leaderlog.ui.dashboard.charts.panel_layout import DashboardGeometry, Fonts, layout
from leaderlog.ui.dashboard.charts.panel_models import DashboardModel, build_model

EXPORT_SIZE = QSize(1100, 720)
"""Exported charts' size in logical pixels when the widget has not been laid out yet."""
SCREEN_DPI = 96


class DashboardView(ChartActions, QWidget):
    """The leader's five dashboard panels, painted natively in the window's colours.

    Hovering a week shows its exact values, clicking it (or choosing it with the arrow
    keys and pressing Enter) emits ``week_clicked``; right-click offers export.
    """

    week_clicked = Signal(object, object)
    """the user clicked a week (or a day of the calendar): its first and last datetime.date"""

    def __init__(self, name: str = "Leader dashboard", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart_name = name
        self.series = chart_models.WeeklySeries()
        self.days: chart_models.CalendarDays | None = None
        self.empty_message = ""
        self.caption = ""
        """who and which period: the first line of an exported chart"""
        self.explanations: tuple[str, ...] = ()
        """per week, why its score is what it is (added to the score panel's tooltip)"""
        self._model: DashboardModel | None = None
        self._geometry: tuple[QSize, DashboardGeometry] | None = None
        self._hover_key: tuple[str, int] | None = None
        self.selected_week: int | None = None
        """the week chosen with the arrow keys (Enter opens it in the Journal)"""
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 220)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    # ---------------------------------------------------------------- data and drawing

    def set_data(
        self,
        series: chart_models.WeeklySeries,
        days: chart_models.CalendarDays | None,
        empty_message: str = "",
        *,
        caption: str = "",
        explanations: tuple[str, ...] = (),
    ) -> None:
        """Show these weeks and days (empty_message alone when nothing was logged).

        caption (who and which period) heads an exported chart; explanations (one per
        week) follow the score panel's values in its tooltip.
        """
        self.series, self.days, self.empty_message = series, days, empty_message
        self.caption, self.explanations = caption, explanations
        self._model = None
        self._geometry = None
        self._hover_key = None
        self.selected_week = None
        self.update()

    def theme(self) -> ChartTheme:
        """Colours from the surrounding window's palette."""
        parent = self.parentWidget()
        return theme_for_palette(parent.palette() if parent is not None else QApplication.palette())

    def model(self, theme: ChartTheme | None = None) -> DashboardModel:
        """What the panels show (bars, targets, lines, calendar cells) in a theme (default: the window's)."""
        theme = theme or self.theme()
        if self._model is None or self._model.theme != theme:
            self._model = build_model(self.series, self.days, theme, self.empty_message)
            self._geometry = None
        return self._model

    def fonts(self, theme: ChartTheme) -> Fonts:
        return Fonts.from_base(self.font(), theme)

    def geometry_now(self) -> DashboardGeometry:
        """Where each panel is at the widget's current size."""
        size = self.size()
        if self._geometry is None or self._geometry[0] != size:
            model = self.model()
            self._geometry = (size, layout(model, QSizeF(size), self.fonts(model.theme)))
        return self._geometry[1]

    def paintEvent(self, _event: QPaintEvent) -> None:
        model = self.model()
        painter = QPainter(self)
        geometry = paint_dashboard(
            painter, model, QSizeF(self.size()), self.fonts(model.theme), self.selected_week
        )
        if self.hasFocus():
            # where the arrow keys and Enter go: a frame in the window's highlight colour
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(self.palette().color(QPalette.ColorRole.Highlight))
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()
        self._geometry = (self.size(), geometry)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def render_image(
        self,
        size: QSize | None = None,
        theme: ChartTheme | None = None,
        scale: float = 1.0,
        caption: str = "",
    ) -> QImage:
        """The dashboard painted into a new image of ``size`` logical pixels, ``scale`` device pixels each.

        With a caption (who and which period) on a first line, as exports carry it.
        """
        size = size or self._export_size()
        model = self.model(theme)
        image = QImage(
            round(size.width() * scale), round(size.height() * scale), QImage.Format.Format_RGB32
        )
        image.setDevicePixelRatio(scale)
        painter = QPainter(image)
        paint_dashboard(painter, model, QSizeF(size), self.fonts(model.theme), caption=caption)
        painter.end()
        return image

    def _export_size(self) -> QSize:
        size = self.size()
        laid_out = self.testAttribute(Qt.WidgetAttribute.WA_WState_Created) and self.isVisible()
        return size if laid_out and size.width() >= 320 else QSize(EXPORT_SIZE)

    # ---------------------------------------------------------------- hover and click

    def week_at(self, point: QPointF) -> tuple[str, int] | None:
        """The panel and week index (or 'calendar' and day index) under a widget position."""
        geometry = self.geometry_now()
        for name, panel in geometry.panels.items():
            index = panel.week_at(point)
            if index is not None:
                return name, index
        calendar = self.model().calendar
        if geometry.calendar is not None and calendar is not None:
            cell = geometry.calendar.cell_at(point)
            if cell is not None:
                index = calendar.index_at(*cell)
                if index is not None:
                    return "calendar", index
        return None

    def point_of(self, panel: str, index: int) -> QPointF:
        """The middle of a week's column in a weekly panel, or of a day's calendar cell."""
        geometry = self.geometry_now()
        calendar = self.model().calendar
        if panel == "calendar" and geometry.calendar is not None and calendar is not None:
            offset = (calendar.days.day(index) - calendar.origin).days
            return geometry.calendar.cell_rect(offset // 7, offset % 7).center()
        where = geometry.panels[panel]
        return QPointF(where.x_of(index), where.plot.center().y())

    def shown(self) -> tuple[chart_models.WeeklySeries, chart_models.CalendarDays | None]:
        return self.series, self.days

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.hover(
            self.week_at(event.position()), event.globalPosition().toPoint() + QPoint(12, 12)
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        found = self.week_at(event.position())
        if found is not None:
            self.week_clicked.emit(*self.dates_of(*found))

    def leaveEvent(self, event: object) -> None:
        self._hover_key = None
        QToolTip.hideText()
        super().leaveEvent(event)  # type: ignore[arg-type]

    # ---------------------------------------------------------------- keyboard

    def week_count(self) -> int:
        return len(self.series) if self.series.has_entries else 0

    def select_week(self, index: int) -> None:
        """Mark one week on every weekly panel and show its values, as hovering it would."""
        self.selected_week = index
        self.update()
        text = self.week_values(index)
        self.setAccessibleDescription(text)
        QToolTip.showText(
            self.mapToGlobal(self.point_of("coaching", index).toPoint()),
            text + "\nEnter opens this week in the Journal",
            self,
        )

    # ---------------------------------------------------------------- export

    def export(self, path: str | Path) -> Path:
        """Save the dashboard in the print colours as PNG, SVG or PDF (by the file's suffix)."""
        target = Path(path)
        data = self.export_bytes(export_format(target))
        from leaderlog.core.atomic import atomic_write

        with atomic_write(target, "wb") as handle:
            handle.write(data)
        return target

    def export_bytes(self, kind: str, theme: ChartTheme = PRINT) -> bytes:
        """The dashboard as a 'png', 'svg' or 'pdf' file's bytes, painted by the same code as on screen."""
        size = self._export_size()
        if kind == "png":
            image = self.render_image(size, theme, EXPORT_DPI / SCREEN_DPI, self.caption)
            image.setDotsPerMeterX(round(EXPORT_DPI / 0.0254))
            image.setDotsPerMeterY(round(EXPORT_DPI / 0.0254))
            return _image_bytes(image)
        model = self.model(theme)
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if kind == "svg":
            from PySide6.QtSvg import QSvgGenerator

            device = QSvgGenerator()
            device.setOutputDevice(buffer)
            device.setSize(size)
            device.setViewBox(QRectF(0, 0, size.width(), size.height()))
            device.setResolution(SCREEN_DPI)
            device.setTitle(self.chart_name)
            device.setDescription(
                f"{self.chart_name}: {self.caption}, made by LeaderLog"
                if self.caption
                else f"{self.chart_name}, made by LeaderLog"
            )
        elif kind == "pdf":
            device = QPdfWriter(buffer)
            device.setCreator("LeaderLog")
            device.setTitle(self.chart_name)
            device.setResolution(SCREEN_DPI)
            points = QSizeF(size.width() * 72 / SCREEN_DPI, size.height() * 72 / SCREEN_DPI)
            device.setPageSize(QPageSize(points, QPageSize.Unit.Point, "chart"))
            device.setPageMargins(QMarginsF(0, 0, 0, 0))
        else:
            raise ValueError(f"cannot export a chart as {kind!r}; use png, svg or pdf")
        painter = QPainter(device)
        paint_dashboard(
            painter, model, QSizeF(size), self.fonts(theme), vector=True, caption=self.caption
        )
        painter.end()
        buffer.close()
        return bytes(buffer.data().data())


def _image_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())
