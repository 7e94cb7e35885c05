"""UI fixtures: the real main window on a real SQLite file, a fixed clock, and keyboard helpers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from leaderlog.core.paths import AppPaths
from leaderlog.data.engine import Database
from leaderlog.ui.start.app import build_main_window
from leaderlog.ui.window.main_window import MainWindow

# Messages the offscreen platform plugin prints about window-manager features it lacks
# (size hints, raising windows, keyboard grabs for popups). They are not problems in
# LeaderLog; every other Qt warning still fails the test (qt_log_level_fail).
OFFSCREEN_LIMITS = (
    r"^This plugin does not support propagateSizeHints\(\)$",
    r"^This plugin does not support raise\(\)$",
    r"^This plugin does not support grabbing the keyboard$",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(*OFFSCREEN_LIMITS))


# the fixed "today" of tests/conftest.py (a Friday), at 10:00 local time
NOW = dt.datetime(2026, 11, 20, 10, 0).astimezone()


class Clock:
    """A settable clock the window reads instead of the real time."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, minutes: int) -> None:
        self.now += dt.timedelta(minutes=minutes)


class Keyboard:
    """Types into whatever has the keyboard focus, like a user, and counts keystrokes."""

    def __init__(self) -> None:
        self.count = 0

    def target(self) -> QWidget:
        widget = QApplication.activePopupWidget() or QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def type(self, text: str) -> None:
        for char in text:
            QTest.keyClick(self.target(), char)
            self.count += 1

    def press(
        self,
        key: Qt.Key,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
        times: int = 1,
    ) -> None:
        for _ in range(times):
            QTest.keyClick(self.target(), key, modifier)
            self.count += 1

    def alt(self, letter: str) -> None:
        """Alt + an underlined letter: jump to that field."""
        self.press(getattr(Qt.Key, f"Key_{letter.upper()}"), Qt.KeyboardModifier.AltModifier)

    def ctrl(self, key: Qt.Key) -> None:
        self.press(key, Qt.KeyboardModifier.ControlModifier)


@pytest.fixture
def next_dialog() -> Callable[[], list[str]]:
    """Arrange to read and close the next modal dialog; returns the list its text goes into."""

    def arrange() -> list[str]:
        shown: list[str] = []

        def read_and_close() -> None:
            box = QApplication.activeModalWidget()
            assert isinstance(box, QMessageBox), f"expected a message box, got {box!r}"
            shown.append(box.text() + "\n" + box.informativeText())
            box.close()

        QTimer.singleShot(0, read_and_close)
        return shown

    return arrange


@pytest.fixture
def answer_modal() -> Callable[[Callable[[QWidget], object]], None]:
    """Arrange for ``handle(dialog)`` to answer the next modal dialog, as a user would."""

    def arrange(handle: Callable[[QWidget], object]) -> None:
        def answer() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                QTimer.singleShot(10, answer)
                return
            handle(dialog)

        QTimer.singleShot(0, answer)

    return arrange


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def keyboard() -> Keyboard:
    return Keyboard()


@pytest.fixture
def open_window(
    qtbot, db: Database, app_paths: AppPaths, clock: Clock
) -> Iterator[Callable[[], MainWindow]]:
    """Open the real main window on the test database (call again to 'restart' the app)."""
    windows: list[MainWindow] = []

    def opener() -> MainWindow:
        window = build_main_window(db, app_paths)
        window.context.clock = clock
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.current_page().focus_first_input()
        windows.append(window)
        return window

    yield opener
    for window in windows:
        window.context.settings.sync()
