"""The window's size and place, remembered in the settings from one session to the next."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, QSize
from PySide6.QtWidgets import QMainWindow

DEFAULT_SIZE = QSize(1200, 760)


def restore_geometry(window: QMainWindow, settings: QSettings) -> None:
    """Put the window where it was last time, or give it the default size."""
    geometry = settings.value("window/geometry")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    else:
        window.resize(DEFAULT_SIZE)


def save_geometry(window: QMainWindow, settings: QSettings) -> None:
    """Remember the window's size and place (at close), written to disk now."""
    settings.setValue("window/geometry", window.saveGeometry())
    settings.sync()
