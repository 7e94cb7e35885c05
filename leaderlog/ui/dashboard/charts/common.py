"""What every chart widget shares without matplotlib: window-palette themes and export file choices."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QPoint, QStandardPaths, Qt
from PySide6.QtGui import QAction, QColor, QContextMenuEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import QFileDialog, QMenu, QToolTip

from leaderlog.reports import chart_models
from leaderlog.reports.chart_theme import ChartTheme, from_window_colours

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


def export_format(path: str | Path) -> str:
    """'png', 'svg' or 'pdf' from a file's suffix (ValueError names the choices)."""
    target = Path(path)
    suffix = target.suffix.lower().lstrip(".")
    if suffix not in EXPORT_FORMATS:
        raise ValueError(
            f"'{target.name}' has no chart format suffix; use one of "
            + ", ".join(f".{s}" for s in EXPORT_FORMATS)
        )
    return suffix


def with_chosen_suffix(path: str, chosen_filter: str) -> str:
    """A save dialog's answer with the suffix of the format chosen in its filter when none was typed."""
    if Path(path).suffix:
        return path
    suffix = next((s for s, label in EXPORT_FORMATS.items() if label in chosen_filter), "png")
    return f"{path}.{suffix}"


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


WEEKLY_PANELS = ("score", "customer", "coaching", "reinforcement")
"""Reading order of the weekly panels: score and customer time, then coaching and reinforcement."""


class ChartActions:
    """What both chart widgets do alike, mixed in before their Qt class.

    Left/Right (Home/End) choose a week, Enter opens it in the Journal; right-click and
    File › Export chart save it. The widget provides ``week_clicked``, ``chart_name``,
    ``week_count``, ``describe``, ``dates_of``, ``select_week`` and ``export``.
    """

    selected_week: int | None = None
    """the week chosen with the arrow keys (Enter opens it in the Journal)"""
    _hover_key: tuple[str, int] | None = None

    def shown(self) -> tuple[chart_models.WeeklySeries, chart_models.CalendarDays | None]:
        """The weeks and calendar days the chart shows now."""
        raise NotImplementedError

    def describe(self, panel: str, index: int) -> str:
        """The tooltip text for one week of a panel, or one day of the calendar."""
        series, days = self.shown()
        if panel == "calendar" and days is not None:
            return chart_models.describe_day(days, index)
        text = chart_models.describe_week(series, index, panel)
        explanations: tuple[str, ...] = getattr(self, "explanations", ())
        if panel == "score" and index < len(explanations) and explanations[index]:
            # the headline repeats the week and score: the reasons and the way back follow
            text += "\n" + explanations[index].split("\n", 1)[-1]
        return text

    def dates_of(self, panel: str, index: int) -> tuple[dt.date, dt.date]:
        """The first and last date of a week of a panel, or the one day of a calendar cell."""
        series, days = self.shown()
        if panel == "calendar" and days is not None:
            day = days.day(index)
            return day, day
        first = series.week_start[index]
        return first, first + dt.timedelta(days=6)

    def hover(self, found: tuple[str, int] | None, position: QPoint) -> None:
        """Show the values of the week (or day) under the pointer at a global position."""
        if found == self._hover_key:
            return
        self._hover_key = found
        if found is None:
            QToolTip.hideText()
            self.unsetCursor()  # type: ignore[attr-defined]
            return
        self.setCursor(Qt.CursorShape.PointingHandCursor)  # type: ignore[attr-defined]
        QToolTip.showText(
            position,
            self.describe(*found) + "\nClick to open in the Journal",
            self,  # type: ignore[arg-type]
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        count = self.week_count()  # type: ignore[attr-defined]
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
            self.select_week(min(count - 1, max(0, current + moves[key])))  # type: ignore[attr-defined]
            return
        if (
            count
            and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.selected_week is not None
        ):
            self.week_clicked.emit(*self.dates_of("score", self.selected_week))  # type: ignore[attr-defined]
            return
        super().keyPressEvent(event)  # type: ignore[misc]

    def week_values(self, index: int) -> str:
        """Every weekly panel's values for one week, its 'Week of …' line once."""
        parts = [self.describe(panel, index) for panel in WEEKLY_PANELS]  # type: ignore[attr-defined]
        return "\n".join([parts[0], *(part.split("\n", 1)[1] for part in parts[1:])])

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)  # type: ignore[call-overload]
        action = QAction("Export chart…", menu)
        action.triggered.connect(self.export_with_dialog)
        menu.addAction(action)
        menu.exec(event.globalPos())

    def suggested_file_name(self) -> str:
        name: str = self.chart_name  # type: ignore[attr-defined]
        return name.lower().replace(" ", "-").replace("—", "-") + ".png"

    def export_with_dialog(self) -> Path | None:
        """Ask where to save the chart (PNG, SVG or PDF by suffix) and save it there."""
        start = str(save_directory() / self.suggested_file_name())
        path, chosen = QFileDialog.getSaveFileName(
            self,  # type: ignore[arg-type]
            "Export chart",
            start,
            export_filter(),
        )
        if not path:
            return None
        saved: Path = self.export(with_chosen_suffix(path, chosen))  # type: ignore[attr-defined]
        remember_directory(saved)
        return saved
