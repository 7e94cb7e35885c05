"""A damaged journal: the recovery offer at start, and the background check of a big journal."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from leaderlog import APP_NAME
from leaderlog.core.errors import LeaderLogError
from leaderlog.safety import recovery

if TYPE_CHECKING:
    from leaderlog.safety.opening import Database

log = logging.getLogger("leaderlog")


def offer_recovery(report: recovery.DamageReport, parent: QWidget | None = None) -> str:
    """Show what happened to a damaged journal; returns 'restore', 'empty' or 'quit'."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(f"{APP_NAME}: the journal is damaged")
    box.setText(report.describe())
    restore = None
    if report.offer is not None:
        restore = box.addButton(
            f"Restore the backup of {report.offer.local_time:%Y-%m-%d %H:%M}",
            QMessageBox.ButtonRole.AcceptRole,
        )
    empty = box.addButton("Start an empty journal", QMessageBox.ButtonRole.DestructiveRole)
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore or quit_button)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        return "restore"
    return "empty" if clicked is empty else "quit"


class IntegrityWatcher(QObject):
    """SQLite's quick_check of a big journal in a background thread, after the window opened.

    Small journals are checked before the window opens (leaderlog.safety.recovery); reading
    every page of a big one would delay the start by seconds.
    """

    damaged = Signal(list)

    def __init__(self, database: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name="integrity-check", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            problems = recovery.find_problems(self.database, thorough=True)
        except LeaderLogError as exc:  # locked or unreadable now: not damage
            log.warning("background integrity check of %s skipped: %s", self.database, exc)
            return
        if problems:
            self.damaged.emit(problems)  # queued to the window's thread


def recover_while_open(
    window: QWidget, db: Database, problems: list[str], refresh: Callable[[], object]
) -> str:
    """Damage found while the window is open: close the file, set it aside, offer the backup.

    Returns the user's choice ('restore', 'empty' or 'quit').
    """
    from leaderlog.safety.opening import prepare_replaced_journal

    assert db.path is not None
    db.dispose()
    report = recovery.set_aside_damaged(db.path, problems)
    log.warning("damaged database %s moved aside: %s", db.path, problems)
    choice = offer_recovery(report, window)
    if choice == "quit":
        window.close()
        return choice
    if choice == "restore":
        recovery.restore_offer(report)
    prepare_replaced_journal(db.path)  # create the empty journal, or upgrade an old backup
    refresh()
    return choice
