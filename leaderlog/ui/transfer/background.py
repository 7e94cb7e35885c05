"""One long job (an export, an import) in a background thread, reporting to the dialog through queued signals."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from leaderlog.core.errors import LeaderLogError

log = logging.getLogger("leaderlog")


class Cancelled(Exception):
    """Raised from the job's progress callback once the user pressed Cancel."""


class BackgroundJob(QObject):
    """Runs ``work(progress)`` in a thread; ``progress(done, total)`` raises Cancelled after cancel().

    The signals are emitted from the thread and delivered in the dialog's (queued), so
    widgets are only touched there. Errors users can cause arrive as ``failed(message)``;
    anything else is logged and reported the same way, so the dialog never hangs.
    """

    progressed = Signal(int, int)
    finished = Signal(object)
    """the job's return value"""
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self, work: Callable[[Callable[[int, int], None]], object], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self.thread = threading.Thread(target=self._run, name="leaderlog-transfer", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def running(self) -> bool:
        return self.thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the thread to end (after cancel(): it stops at its next progress report)."""
        if self.thread.ident is not None:
            self.thread.join(timeout)
        return not self.thread.is_alive()

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self.progressed.emit(done, total)

    def _run(self) -> None:
        try:
            result = self._work(self._progress)
        except Cancelled:
            self.cancelled.emit()
        except LeaderLogError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # shown, not swallowed: the dialog must end either way
            log.exception("background transfer failed")
            self.failed.emit(f"Something went wrong: {exc}")
        else:  # a cancel after the last progress report is too late: the file is complete
            self.finished.emit(result)
