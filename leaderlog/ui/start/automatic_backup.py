"""The automatic backups of an open journal: at start, hourly while open, and at quit."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from leaderlog.core.errors import LeaderLogError
from leaderlog.core.paths import AppPaths
from leaderlog.safety import backups

if TYPE_CHECKING:
    from leaderlog.safety.opening import Database

log = logging.getLogger("leaderlog")
BACKUP_CHECK_INTERVAL_MS = 60 * 60 * 1000


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
