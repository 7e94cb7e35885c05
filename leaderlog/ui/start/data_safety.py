"""Data-safety parts of the window: backups, restore, recovery offer, one instance, member privacy.

The work is done by leaderlog.safety.backups, leaderlog.safety.recovery and leaderlog.transfer.privacy; this
module only asks, shows and reports.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from leaderlog import APP_NAME
from leaderlog.core.errors import LeaderLogError
from leaderlog.core.paths import AppPaths
from leaderlog.safety import backups, recovery
from leaderlog.ui.widgets import show_error

if TYPE_CHECKING:
    from leaderlog.core.records import TeamMember
    from leaderlog.data.engine import Database  # the lock and checks come before SQLAlchemy
    from leaderlog.transfer import privacy  # imported when used: CSV and metrics stay off start-up

log = logging.getLogger("leaderlog")
BACKUP_CHECK_INTERVAL_MS = 60 * 60 * 1000


# ---------------------------------------------------------------- one window per journal


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


# ---------------------------------------------------------------- recovery at start


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
    from leaderlog.data.store import open_database

    open_database(db.path).dispose()  # create the empty journal, or upgrade an old backup
    refresh()
    return choice


# ---------------------------------------------------------------- automatic backups


def automatic_backup(db: Database, paths: AppPaths) -> backups.BackupInfo | None:
    """The daily automatic backup (if due); failures are logged, never raised at the user."""
    if db.path is None:
        return None
    try:
        return backups.backup_if_due(db.path, backups.load_policy(paths.config_dir))
    except LeaderLogError as exc:
        log.warning("automatic backup of %s failed: %s", db.path, exc)
        return None


def automatic_backup_in_background(db: Database, paths: AppPaths) -> threading.Thread:
    """The automatic backup without freezing the window (a big journal takes seconds).

    The copy uses its own read-only SQLite connection; if the app exits first, the
    unfinished ``.partial`` file is never renamed into place and is removed next time.
    """
    thread = threading.Thread(
        target=automatic_backup, args=(db, paths), name="automatic-backup", daemon=True
    )
    thread.start()
    return thread


def start_backup_timer(owner: QObject, db: Database, paths: AppPaths) -> QTimer:
    """Check hourly whether a backup is due, for windows left open for days."""
    timer = QTimer(owner)
    timer.setInterval(BACKUP_CHECK_INTERVAL_MS)
    timer.timeout.connect(lambda: automatic_backup_in_background(db, paths))
    timer.start()
    return timer


# ---------------------------------------------------------------- quitting by signal


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


# ---------------------------------------------------------------- File menu


def back_up_now(parent: QWidget, db: Database, paths: AppPaths) -> backups.BackupInfo | None:
    """File › Back up now: a verified backup, then rotation; the result in a status line."""
    if db.path is None:
        QMessageBox.information(
            parent,
            "Back up",
            "This journal lives on a database server; its administrator backs it up.",
        )
        return None
    try:
        return backups.create_backup(
            db.path, "manual", policy=backups.load_policy(paths.config_dir)
        )
    except LeaderLogError as exc:
        show_error(parent, exc, "The backup was not made.")
        return None


class RestoreDialog(QDialog):
    """File › Restore from backup: the backups with their dates and entry counts."""

    def __init__(self, available: list[backups.BackupInfo], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.available = available
        intro = QLabel(
            "Choose the backup to go back to. The journal as it is now is kept as a backup "
            "first, so a restore can itself be undone."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(available), 4)
        self.table.setAccessibleName("Backups")
        self.table.setHorizontalHeaderLabels(["Taken", "Age", "Entries", "Why"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, info in enumerate(available):
            cells = [
                f"{info.local_time:%Y-%m-%d %H:%M}",
                recovery.age_text(info.created),
                "unreadable" if info.entries is None else str(info.entries),
                info.reason_label,
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        if available:
            self.table.selectRow(0)
        self.table.itemActivated.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Restore")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def chosen(self) -> backups.BackupInfo | None:
        row = self.table.currentRow()
        return self.available[row] if 0 <= row < len(self.available) else None


def restore_from_backup(parent: QWidget, db: Database) -> backups.RestoreOutcome | None:
    """File › Restore from backup…: pick a backup, keep the current journal aside, restore."""
    if db.path is None:
        QMessageBox.information(
            parent, "Restore", "This journal lives on a database server; ask its administrator."
        )
        return None
    available = backups.list_backups(db.path)
    if not available:
        QMessageBox.information(
            parent, "Restore", "There are no backups yet. Use File › Back up now to make one."
        )
        return None
    dialog = RestoreDialog(available, parent)
    if not dialog.exec() or dialog.chosen() is None:
        return None
    chosen = dialog.chosen()
    assert chosen is not None
    # every pooled connection is closed; the engine reconnects to the restored file
    db.dispose()
    try:
        outcome = backups.restore_backup(db.path, chosen.path)
        from leaderlog.data.store import open_database

        open_database(db.path).dispose()  # an older backup is brought up to this schema
    except LeaderLogError as exc:
        show_error(parent, exc, "Nothing was restored.")
        return None
    return outcome


# ---------------------------------------------------------------- People page


def export_member(parent: QWidget, db: Database, member: TeamMember) -> Path | None:
    """Export everything about a team member to a CSV file the user chooses."""
    suggested = str(Path.home() / f"{member.name} - LeaderLog records.csv")
    name, _ = QFileDialog.getSaveFileName(
        parent, f"Export everything about {member.name}", suggested, "CSV files (*.csv)"
    )
    if not name:
        return None
    from leaderlog.transfer import privacy

    try:
        result = privacy.export_member(db, member.id, Path(name))
    except (LeaderLogError, OSError) as exc:
        show_error(parent, exc, "Nothing was exported.")
        return None
    return result.path


def erase_member(
    parent: QWidget, db: Database, member: TeamMember, paths: AppPaths
) -> privacy.EraseOutcome | None:
    """Erase a team member after the user types their name to confirm."""
    from leaderlog.transfer import privacy

    try:
        plan = privacy.erase_plan(db, member.id)
    except LeaderLogError as exc:
        show_error(parent, exc)
        return None
    typed, accepted = QInputDialog.getText(
        parent,
        f"Erase {member.name}",
        f"{plan.describe()}\n\nA backup is made first; older backups keep their data "
        "until rotated out (see File › Back up).\n\nType the name to confirm:",
        QLineEdit.EchoMode.Normal,
    )
    if not accepted or typed.strip().casefold() != member.name.casefold():
        return None
    # the file is rewritten (VACUUM): seconds on a big journal
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    outcome: privacy.EraseOutcome | None = None
    problem: LeaderLogError | None = None
    try:
        outcome = privacy.erase_member(
            db, member.id, backup_policy=backups.load_policy(paths.config_dir)
        )
    except LeaderLogError as exc:
        problem = exc
    finally:
        QApplication.restoreOverrideCursor()
    if problem is not None:
        show_error(parent, problem, "Nothing was erased.")
    return outcome
