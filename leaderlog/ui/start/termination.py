"""Quitting from outside: SIGTERM, SIGHUP and the desktop session's logout close the window."""

from __future__ import annotations

import signal
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication


def quit_on_termination_signals(close: Callable[[], object]) -> QTimer:
    """SIGTERM, SIGHUP and the desktop session's logout close the window like Ctrl+Q.

    Closing saves the drafts. Python runs signal handlers only when it gets control,
    so a short timer wakes it while Qt's event loop waits.
    """

    def handler(_signum: int, _frame: object) -> None:
        QTimer.singleShot(0, close)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), handler)
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        # Qt 6 no longer closes windows at logout by itself; the session ends right after
        app.commitDataRequest.connect(lambda _manager: close())
    waker = QTimer()
    waker.setInterval(250)
    waker.timeout.connect(lambda: None)
    waker.start()
    return waker
