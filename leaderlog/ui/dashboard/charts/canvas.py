"""The chart widget: a FigureCanvasQTAgg with window-palette theming, hover values, week clicks and export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

from leaderlog.reports import chart_models, figures
from leaderlog.reports.chart_theme import ChartTheme
from leaderlog.ui.dashboard.charts.common import (
    EXPORT_DPI,
    ChartActions,
    export_format,
    theme_for_palette,
)


def export_figure(figure: Figure, path: str | Path) -> Path:
    """Save a figure as PNG, SVG or PDF, chosen by the file's suffix (ValueError names the choices)."""
    target = Path(path)
    suffix = export_format(target)
    from leaderlog.core.atomic import atomic_write

    with atomic_write(target, "wb") as handle:
        figure.savefig(
            handle, format=suffix, dpi=EXPORT_DPI, facecolor=figure.get_facecolor(),
            metadata={"Creator": "LeaderLog"} if suffix != "png" else None,
        )  # fmt: skip
    return target


class ChartCanvas(ChartActions, FigureCanvasQTAgg):
    """One matplotlib figure in the window.

    Hovering a weekly panel shows that week's exact values; clicking it emits
    ``week_clicked`` with the week's first day. Right-click offers export.
    """

    week_clicked = Signal(object, object)
    """the user clicked a week (or a day of the calendar): its first and last datetime.date"""
    resized = Signal()
    """the canvas changed size (charts whose margins are not in the figure's grid redraw)"""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(Figure(figsize=(8, 5), dpi=100))
        if parent is not None:
            self.setParent(parent)
        self.chart_name = name
        self.chart_map = figures.ChartMap()
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 220)
        self.setMouseTracking(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._hover_key: object = None
        self.selected_week: int | None = None
        """the week chosen with the arrow keys (Enter opens it in the Journal)"""
        self._highlights: list[Any] = []
        self.mpl_connect("motion_notify_event", self._on_motion)
        self.mpl_connect("button_press_event", self._on_press)
        self.mpl_connect("figure_leave_event", self._on_leave)

    # ---------------------------------------------------------------- drawing

    def theme(self) -> ChartTheme:
        """Colours from the surrounding window's palette (matplotlib gives the canvas a white one)."""
        parent = self.parentWidget()
        return theme_for_palette(parent.palette() if parent is not None else QApplication.palette())

    def set_chart_map(self, chart_map: figures.ChartMap) -> None:
        """What the figure now shows, so hover and clicks can name weeks and days."""
        self.chart_map = chart_map
        self._hover_key = None
        self.selected_week = None
        self._highlights = []

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        figures.apply_layout(self.figure)
        self.resized.emit()

    # ---------------------------------------------------------------- hover and click

    def _week_at(self, event: Any) -> tuple[str, int] | None:
        """The panel and week (or calendar day) index under the mouse, if any."""
        chart_map = self.chart_map
        if event.inaxes is None or event.xdata is None or event.ydata is None:
            return None
        panel = chart_map.weekly.get(event.inaxes)
        if panel is not None:
            index = round(event.xdata)
            if 0 <= index < len(chart_map.series) and abs(event.xdata - index) <= 0.45:
                return panel, index
            return None
        if event.inaxes is chart_map.calendar and chart_map.days is not None:
            column, row = round(event.xdata), round(event.ydata)
            if not 0 <= row < 7 or chart_map.calendar_origin is None:
                return None
            day = chart_map.calendar_origin + dt.timedelta(days=7 * column + row)
            index = (day - chart_map.days.first).days
            if 0 <= index < len(chart_map.days.states):
                return "calendar", index
        return None

    def shown(self) -> tuple[chart_models.WeeklySeries, chart_models.CalendarDays | None]:
        return self.chart_map.series, self.chart_map.days

    def _on_motion(self, event: Any) -> None:
        self.hover(self._week_at(event), self.global_position(event))

    def global_position(self, event: Any) -> QPoint:
        gui = getattr(event, "guiEvent", None)
        if gui is not None and hasattr(gui, "globalPosition"):
            return gui.globalPosition().toPoint() + QPoint(12, 12)
        ratio = self.devicePixelRatioF() or 1.0
        local = QPoint(int(event.x / ratio), int(self.height() - event.y / ratio))
        return self.mapToGlobal(local) + QPoint(12, 12)

    def _on_press(self, event: Any) -> None:
        if event.button != 1:
            return
        found = self._week_at(event)
        if found is not None:
            self.week_clicked.emit(*self.dates_of(*found))

    def _on_leave(self, _event: Any) -> None:
        self._hover_key = None
        QToolTip.hideText()

    # ---------------------------------------------------------------- keyboard

    def week_count(self) -> int:
        return len(self.chart_map.series) if self.chart_map.weekly else 0

    def select_week(self, index: int) -> None:
        """Mark one week on every weekly panel and show its values, as hovering it would."""
        self.selected_week = index
        for artist in self._highlights:
            artist.remove()
        self._highlights = [
            ax.axvspan(index - 0.5, index + 0.5, color=self.theme().grid, alpha=0.6, zorder=0.5)
            for ax in self.chart_map.weekly
        ]
        self.draw_idle()
        text = self.week_values(index)
        self.setAccessibleDescription(text)
        QToolTip.showText(
            self.mapToGlobal(QPoint(self.width() // 3, self.height() // 3)),
            text + "\nEnter opens this week in the Journal",
            self,
        )

    # ---------------------------------------------------------------- export

    def export(self, path: str | Path) -> Path:
        """Save exactly what the chart shows now as PNG, SVG or PDF (by the file's suffix)."""
        return export_figure(self.figure, path)
