"""The chart widget: a FigureCanvasQTAgg with window-palette theming, hover values, week clicks and export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QPoint, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction, QColor, QContextMenuEvent, QKeyEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QSizePolicy, QToolTip, QWidget

from leaderlog.charts import figures
from leaderlog.charts.theme import ChartTheme, from_window_colours

EXPORT_FORMATS = {"png": "PNG image", "svg": "SVG drawing", "pdf": "PDF document"}
EXPORT_DPI = 150
"""PNG exports at print-friendly resolution; SVG and PDF are vector anyway."""


_last_directory: Path | None = None


def save_directory() -> Path:
    """Where save dialogs start: the folder used last in this session, else Documents (or home)."""
    if _last_directory is not None and _last_directory.is_dir():
        return _last_directory
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def remember_directory(saved: Path) -> None:
    global _last_directory
    _last_directory = saved.parent


def export_filter() -> str:
    """The file-dialog filter listing every export format, PNG first."""
    return ";;".join(f"{label} (*.{suffix})" for suffix, label in EXPORT_FORMATS.items())


def export_figure(figure: Figure, path: str | Path) -> Path:
    """Save a figure as PNG, SVG or PDF, chosen by the file's suffix (ValueError names the choices)."""
    target = Path(path)
    suffix = target.suffix.lower().lstrip(".")
    if suffix not in EXPORT_FORMATS:
        raise ValueError(
            f"'{target.name}' has no chart format suffix; use one of "
            + ", ".join(f".{s}" for s in EXPORT_FORMATS)
        )
    from leaderlog.atomic import atomic_write

    with atomic_write(target, "wb") as handle:
        figure.savefig(
            handle, format=suffix, dpi=EXPORT_DPI, facecolor=figure.get_facecolor(),
            metadata={"Creator": "LeaderLog"} if suffix != "png" else None,
        )  # fmt: skip
    return target


def theme_for_palette(palette: QPalette) -> ChartTheme:
    """The chart theme matching a window palette: its base, text and a muted mix of the two."""
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    muted = QColor(
        (2 * text.red() + base.red()) // 3,
        (2 * text.green() + base.green()) // 3,
        (2 * text.blue() + base.blue()) // 3,
    )
    return from_window_colours(base.name(), text.name(), muted.name())


class ChartCanvas(FigureCanvasQTAgg):
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

    def describe(self, panel: str, index: int) -> str:
        """The tooltip text for one week of a panel, or one day of the calendar."""
        if panel == "calendar" and self.chart_map.days is not None:
            return figures.describe_day(self.chart_map.days, index)
        return figures.describe_week(self.chart_map.series, index, panel)

    def dates_of(self, panel: str, index: int) -> tuple[dt.date, dt.date]:
        """The first and last date of a week of a panel, or the one day of a calendar cell."""
        if panel == "calendar" and self.chart_map.days is not None:
            day = self.chart_map.days.day(index)
            return day, day
        first = self.chart_map.series.week_start[index]
        return first, first + dt.timedelta(days=6)

    def _on_motion(self, event: Any) -> None:
        found = self._week_at(event)
        if found == self._hover_key:
            return
        self._hover_key = found
        if found is None:
            QToolTip.hideText()
            self.unsetCursor()
            return
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        position = self.global_position(event)
        QToolTip.showText(position, self.describe(*found) + "\nClick to open in the Journal", self)

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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Left/Right (Home/End) choose a week and show its values; Enter opens it in the Journal."""
        count = len(self.chart_map.series) if self.chart_map.weekly else 0
        key = event.key()
        moves = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Home: -count,
            Qt.Key.Key_End: count,
        }
        if count and key in moves:
            start = count if self.selected_week is None and moves[key] < 0 else -1
            current = self.selected_week if self.selected_week is not None else start
            self.select_week(min(count - 1, max(0, current + moves[key])))
            return
        if (
            count
            and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.selected_week is not None
        ):
            self.week_clicked.emit(*self.dates_of("score", self.selected_week))
            return
        super().keyPressEvent(event)

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
        parts = [
            self.describe(panel, index)
            for panel in ("score", "customer", "coaching", "reinforcement")
        ]
        # every part starts with the same "Week of …" line: keep it once
        text = "\n".join([parts[0], *(part.split("\n", 1)[1] for part in parts[1:])])
        self.setAccessibleDescription(text)
        QToolTip.showText(
            self.mapToGlobal(QPoint(self.width() // 3, self.height() // 3)),
            text + "\nEnter opens this week in the Journal",
            self,
        )

    # ---------------------------------------------------------------- export

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        action = QAction("Export chart…", menu)
        action.triggered.connect(self.export_with_dialog)
        menu.addAction(action)
        menu.exec(event.globalPos())

    def suggested_file_name(self) -> str:
        return self.chart_name.lower().replace(" ", "-").replace("—", "-") + ".png"

    def export_with_dialog(self) -> Path | None:
        """Ask where to save the chart (PNG, SVG or PDF by suffix) and save it there."""
        start = str(save_directory() / self.suggested_file_name())
        path, chosen = QFileDialog.getSaveFileName(self, "Export chart", start, export_filter())
        if not path:
            return None
        if not Path(path).suffix:
            suffix = next((s for s, label in EXPORT_FORMATS.items() if label in chosen), "png")
            path += "." + suffix
        saved = self.export(path)
        remember_directory(saved)
        return saved

    def export(self, path: str | Path) -> Path:
        """Save exactly what the chart shows now as PNG, SVG or PDF (by the file's suffix)."""
        return export_figure(self.figure, path)
