"""One window per journal: the lock taken before anything reads or repairs the file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QMessageBox, QWidget

from leaderlog import APP_NAME
from leaderlog.safety import backups


def acquire_instance_lock(database: Path) -> QLockFile | None:
    """Lock the journal for this window; None if another LeaderLog window already has it.

    A lock left by a crashed LeaderLog (its process is gone) is stale and taken over.
    """
    lock = QLockFile(str(backups.lock_file_for(database)))
    # Never treat a lock as stale because of its age: a window can stay open for days.
    lock.setStaleLockTime(0)
    if lock.tryLock(0):
        return lock
    return None


def explain_second_instance(database: Path, parent: QWidget | None = None) -> None:
    """Tell the user why this copy of LeaderLog will not open the journal."""
    pid = backups.running_instance(database)
    who = f" (process {pid})" if pid else ""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(f"{APP_NAME} is already open")
    box.setText(f"LeaderLog is already open on this journal{who}.")
    box.setInformativeText(
        "Switch to that window. Two windows on one journal could overwrite each other's "
        f"half-typed drafts.\n\nJournal: {database}"
    )
    box.exec()
