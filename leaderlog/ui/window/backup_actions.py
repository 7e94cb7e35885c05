"""File › Back up now and File › Restore from backup…: the window's hand-made backups.

The work is done by leaderlog.safety.backups; this module only asks, shows and reports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from leaderlog.core.errors import LeaderLogError
from leaderlog.core.paths import AppPaths
from leaderlog.safety import backups, recovery
from leaderlog.ui.widgets import show_error

if TYPE_CHECKING:
    from leaderlog.safety.opening import Database
    from leaderlog.ui.context import AppContext
    from leaderlog.ui.page import Page


class BackupWindow(Protocol):
    """What the backup actions need of the main window (kept narrow so this module never imports it)."""

    context: AppContext
    pages: dict[str, Page]

    def refresh_after_restore(self) -> None: ...


def make_manual_backup(parent: QWidget, db: Database, paths: AppPaths) -> backups.BackupInfo | None:
    """A verified manual backup, then rotation; None (and a message) when none was made."""
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


def choose_and_restore(parent: QWidget, db: Database) -> backups.RestoreOutcome | None:
    """Pick a backup, keep the current journal aside, restore; None when nothing was restored."""
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
        from leaderlog.safety.opening import prepare_replaced_journal

        prepare_replaced_journal(db.path)  # an older backup is brought up to this schema
    except LeaderLogError as exc:
        show_error(parent, exc, "Nothing was restored.")
        return None
    return outcome


def back_up_now(window: BackupWindow) -> None:
    """File › Back up now, reported in the window's status bar."""
    context = window.context
    info = make_manual_backup(window, context.db, context.paths)  # type: ignore[arg-type]
    if info is not None:
        context.show_status(f"Backed up {backups.entries_text(info.entries)} to {info.path}.")


def restore_from_backup(window: BackupWindow) -> None:
    """File › Restore from backup…: the journal as it is now is kept as a backup first."""
    today = window.pages.get("today")
    if today is not None:
        today.flush_draft()  # type: ignore[attr-defined]
    outcome = choose_and_restore(window, window.context.db)  # type: ignore[arg-type]
    if outcome is None:
        return
    window.refresh_after_restore()
    restored = outcome.restored
    window.context.show_status(
        f"Restored the backup of {restored.local_time:%Y-%m-%d %H:%M} "
        f"({backups.entries_text(restored.entries)}); the journal as it was is kept as "
        f"{outcome.kept_aside}."
    )
