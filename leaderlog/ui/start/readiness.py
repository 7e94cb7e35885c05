"""Start-up timing for benchmarks: LEADERLOG_EXIT_WHEN_READY makes the app report and quit when ready.

* ``LEADERLOG_EXIT_WHEN_READY=painted``: quit once the main window has been painted (its
  shell: menus, sidebar, leader bar and status bar, before the journal is opened);
* ``LEADERLOG_EXIT_WHEN_READY=form``: quit once the window is painted and the Today form
  showing the remembered leader's day has been painted (the state in which the user can
  start typing; at start-up SQLAlchemy and the domain are loaded right after it).

Before quitting the app prints one line to stdout, e.g.
``leaderlog ready: painted 412.3 ms, form 415.0 ms after process start``. Unset (the
normal case) this costs one environment lookup.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

ENVIRONMENT_VARIABLE = "LEADERLOG_EXIT_WHEN_READY"
MODES = ("painted", "form")
GIVE_UP_AFTER_MS = 60_000
_IMPORTED = time.perf_counter()


def process_age_ms() -> float | None:
    """Milliseconds since this process started (Linux /proc), or None where unknown."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        ticks = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None
    # field 22 of /proc/self/stat (index 19 after the command name) is the start time
    return (uptime - int(fields[19]) / ticks) * 1000


def _since_start_ms() -> tuple[float, str]:
    age = process_age_ms()
    if age is not None:
        return age, "after process start"
    return (time.perf_counter() - _IMPORTED) * 1000, "after the window code was imported"


class ReadyWatcher(QObject):
    """Waits for the main window's first paint (and the Today form's), prints the times, quits."""

    def __init__(self, window: QMainWindow, mode: str) -> None:
        super().__init__(window)
        self.window = window
        self.mode = mode
        self.times: dict[str, float] = {}
        self.origin = ""
        window.installEventFilter(self)
        if mode == "form":
            # the page shown once the journal is open has been painted (MainWindow)
            window.filled_painted.connect(self._filled_painted)  # type: ignore[attr-defined]
            QTimer.singleShot(GIVE_UP_AFTER_MS, self, self._never_shown)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Paint and not self.times:
            self.times["painted"], self.origin = _since_start_ms()
            self.window.removeEventFilter(self)
            if self.mode == "painted":
                QTimer.singleShot(0, self._report)  # let the paint finish
        return False

    def _form_ready(self) -> bool:
        today = getattr(self.window, "pages", {}).get("today")
        context = getattr(self.window, "context", None)
        if today is None or context is None or context.leader is None:
            return False
        shown = getattr(today, "_form_leader", None)
        return today.isVisible() and shown is not None and shown.id == context.leader.id

    def _filled_painted(self) -> None:
        if "form" in self.times:
            return
        if not self._form_ready():
            self._never_shown()
            return
        self.times["form"], _origin = _since_start_ms()
        self._report()

    def _never_shown(self) -> None:
        if "form" in self.times:
            return
        print(
            "leaderlog: the Today form never showed a leader's data "
            "(is there a leader in this journal?)",
            file=sys.stderr,
            flush=True,
        )
        QApplication.instance().exit(1)  # type: ignore[union-attr]

    def _report(self) -> None:
        parts = ", ".join(f"{name} {value:.1f} ms" for name, value in self.times.items())
        print(f"leaderlog ready: {parts} {self.origin}", flush=True)
        QApplication.instance().quit()  # type: ignore[union-attr]


def watch_if_requested(window: QMainWindow) -> ReadyWatcher | None:
    """Install the watcher when LEADERLOG_EXIT_WHEN_READY asks for it."""
    mode = os.environ.get(ENVIRONMENT_VARIABLE)
    if not mode:
        return None
    if mode not in MODES:
        print(
            f"leaderlog: {ENVIRONMENT_VARIABLE}={mode!r} is not one of {', '.join(MODES)}; ignored",
            file=sys.stderr,
        )
        return None
    return ReadyWatcher(window, mode)
