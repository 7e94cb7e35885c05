"""What every page shares: the database, paths, settings, the chosen leader and change signals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal

from leaderlog.core.paths import AppPaths

if TYPE_CHECKING:
    # The window shell is built and painted before SQLAlchemy is imported
    # (see leaderlog.ui.start.app.run_app): the domain is imported where it is used.
    from leaderlog.core.records import Entry, Leader
    from leaderlog.safety.opening import Database, Outbox

SETTINGS_FILENAME = "leaderlog.ini"


def open_settings(paths: AppPaths) -> QSettings:
    """The app's settings as an INI file under the config dir (never the global registry)."""
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    return QSettings(str(paths.config_dir / SETTINGS_FILENAME), QSettings.Format.IniFormat)


def _local_now() -> dt.datetime:
    return dt.datetime.now().astimezone()


class AppContext(QObject):
    """Shared state handed to every page as its one constructor argument.

    Pages read ``db``, ``paths``, ``settings`` and ``leader``; they listen to the
    signals instead of talking to each other, and report to the user with
    ``show_status``. ``clock`` is swappable so tests can move time. At start-up the
    context exists before the journal is open (``db`` is None until
    ``attach_database``); pages are only built once it is.
    """

    leader_changed = Signal(object)
    """the chosen leader changed: a records.Leader, or None when there is none"""
    entries_changed = Signal()
    """an entry was added, edited, deleted or restored"""
    people_changed = Signal()
    """leaders, team members or standards were added, edited or archived"""
    status_message = Signal(str)
    """a short confirmation for the status bar"""
    undo_available = Signal(bool)
    """whether Edit > Undo has something to restore"""

    def __init__(
        self, db: Database | None, paths: AppPaths, settings: QSettings, *, demo: bool = False
    ) -> None:
        super().__init__()
        self.db: Database = None  # type: ignore[assignment]  # set by attach_database
        self.demo = demo
        self.paths = paths
        self.settings = settings
        # team mode: saves made while the server is unreachable wait here (None: local file)
        self.outbox: Outbox | None = None
        self.leader: Leader | None = None
        self.clock: Callable[[], dt.datetime] = _local_now
        self._deleted: list[Entry] = []
        if db is not None:
            self.attach_database(db)

    def attach_database(self, db: Database) -> None:
        """The journal is open: pages may now read and write it.

        At start-up ``db`` may be a safety.opening.DeferredDatabase: the window is filled before
        SQLAlchemy is loaded, and the app attaches the opened Database right after.
        """
        self.db = db
        if db.is_sqlite:
            self.outbox = None  # saves to a local file never wait
        else:
            from leaderlog.team.sync import outbox_for

            self.outbox = outbox_for(self.paths, db)

    @property
    def has_database(self) -> bool:
        """Whether the journal is open (False while the window shell waits for it)."""
        return self.db is not None

    # ---------------------------------------------------------------- time

    def now(self) -> dt.datetime:
        """The current instant, timezone-aware."""
        return self.clock()

    def today(self) -> dt.date:
        """Today's local calendar date."""
        return self.clock().date()

    # ---------------------------------------------------------------- leader

    def set_leader(self, leader: Leader | None) -> None:
        """Choose the leader every page works on; remembered for the next start."""
        if leader == self.leader:
            return
        self.leader = leader
        if leader is not None:
            self.settings.setValue("leader/last", leader.uuid)
        self.leader_changed.emit(leader)

    def remembered_leader(self, leaders: list[Leader]) -> Leader | None:
        """The leader chosen last time if still active, else the first one."""
        last = self.settings.value("leader/last", "", type=str)
        for leader in leaders:
            if leader.uuid == last:
                return leader
        return leaders[0] if leaders else None

    def reload_leader(self) -> None:
        """Re-read the chosen leader after an edit; drop it if archived."""
        if self.leader is None:
            return
        from leaderlog.journal import people

        fresh = people.get_leader(self.db, self.leader.id)
        if fresh.archived:
            self.set_leader(self.remembered_leader(people.list_leaders(self.db)))
        elif fresh != self.leader:
            self.leader = fresh
            self.leader_changed.emit(fresh)

    # ---------------------------------------------------------------- undo

    def remember_deleted(self, entry: Entry) -> None:
        """Keep a deleted entry so Edit > Undo can put it back."""
        self._deleted.append(entry)
        self.undo_available.emit(True)

    def pop_deleted(self) -> Entry | None:
        entry = self._deleted.pop() if self._deleted else None
        self.undo_available.emit(bool(self._deleted))
        return entry

    def push_back_deleted(self, entry: Entry) -> None:
        """Undo failed: keep the entry available for another try."""
        self._deleted.append(entry)
        self.undo_available.emit(True)

    @property
    def can_undo(self) -> bool:
        return bool(self._deleted)

    # ---------------------------------------------------------------- feedback

    def show_status(self, text: str) -> None:
        self.status_message.emit(text)

    @property
    def drafts_dir(self) -> Path:
        return self.paths.drafts_dir
