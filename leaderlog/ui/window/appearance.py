"""Look and feel: Fusion style, the system/light/dark palette choice, and the application icon."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

THEMES = ("system", "light", "dark")
ICON_FILE = "leaderlog.svg"
ICON_SIZES = (16, 32, 64, 256)


def dark_palette() -> QPalette:
    """A calm dark palette for Fusion (contrast checked for body text and links)."""
    palette = QPalette()
    base, window, text = QColor(30, 32, 36), QColor(43, 45, 50), QColor(230, 230, 230)
    disabled = QColor(130, 130, 130)
    highlight = QColor(64, 128, 200)
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor(38, 40, 45),
        QPalette.ColorRole.ToolTipBase: QColor(50, 52, 58),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor(150, 150, 150),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: window,
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor(255, 90, 90),
        QPalette.ColorRole.Light: QColor(70, 72, 78),
        QPalette.ColorRole.Midlight: QColor(58, 60, 66),
        QPalette.ColorRole.Mid: QColor(70, 73, 80),
        QPalette.ColorRole.Dark: QColor(22, 23, 26),
        QPalette.ColorRole.Shadow: QColor(0, 0, 0),
        QPalette.ColorRole.Highlight: highlight,
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.Link: QColor(110, 170, 240),
        QPalette.ColorRole.LinkVisited: QColor(170, 140, 230),
    }
    for role, color in roles.items():
        palette.setColor(role, color)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def system_is_dark() -> bool:
    """Whether the desktop asks for a dark colour scheme."""
    from PySide6.QtCore import Qt  # its first use creates every Qt enum (~15 ms)

    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, theme: str, *, judge_by_palette: bool = False) -> str:
    """Use Fusion with the platform's palette ('system') or a fixed light or dark one.

    ``judge_by_palette``: for 'system', tell dark from the platform palette's lightness
    instead of asking the colour scheme (see system_is_dark), so the window's first
    paint needs no Qt enum; the window confirms with the colour scheme right after.
    """
    if theme not in THEMES:
        theme = "system"
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    hints = QGuiApplication.styleHints()
    if theme == "system":
        hints.unsetColorScheme()
        dark = is_dark(app.palette()) if judge_by_palette else system_is_dark()
        if dark:
            app.setPalette(dark_palette())
        else:
            app.setPalette(app.style().standardPalette())
        return theme
    from PySide6.QtCore import Qt

    if theme == "dark":
        hints.setColorScheme(Qt.ColorScheme.Dark)
        app.setPalette(dark_palette())
    else:
        hints.setColorScheme(Qt.ColorScheme.Light)
        app.setPalette(app.style().standardPalette())
    return theme


def is_dark(palette: QPalette) -> bool:
    """Whether a palette draws light text on a dark window."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def app_icon() -> QIcon:
    """The LeaderLog icon, read from the package resources and rendered crisply at a few sizes."""
    # after the window's first paint, like the icon: PySide creates each class on first import
    from importlib import resources

    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QIcon, QImageReader, QPixmap

    data = QByteArray(resources.files("leaderlog.resources").joinpath(ICON_FILE).read_bytes())
    icon = QIcon()
    for size in ICON_SIZES:
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer, b"svg")
        reader.setScaledSize(QSize(size, size))
        image = reader.read()
        if not image.isNull():
            icon.addPixmap(QPixmap.fromImage(image))
    return icon
