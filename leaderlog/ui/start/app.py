"""Start the desktop app: Qt application, main window, database (with a clear dialog on failure).

The window comes first: its shell (menus, sidebar, leader bar, status bar) is painted
before SQLAlchemy, the domain and the journal are touched, then the journal is opened
(instance lock, integrity check, recovery or sign-in dialogs, all before any write)
and the window is filled in. A sound local journal at this build's schema revision is
read for that with the plain sqlite3 driver (leaderlog.journal.first_screen), and SQLAlchemy,
the models and the domain are loaded once the filled window has been painted.
"""

from __future__ import annotations

import gc
import importlib
import logging
import os
import sys
import traceback
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from leaderlog import APP_NAME, __version__
from leaderlog.core.errors import CredentialsError, DatabaseError, NewerDatabaseError
from leaderlog.core.paths import AppPaths, ensure_private_dir
from leaderlog.ui import without_qt_import_hook
from leaderlog.ui.context import AppContext, open_settings
from leaderlog.ui.window.appearance import app_icon, apply_theme

if TYPE_CHECKING:
    import threading
    from pathlib import Path

    from PySide6.QtCore import QLockFile

    from leaderlog.journal.first_screen import FirstScreen
    from leaderlog.safety.opening import Database, DeferredDatabase
    from leaderlog.ui.window.main_window import MainWindow

EXIT_DATABASE = 3
EXIT_ALREADY_OPEN = 4
# if the window is never painted (started minimised), open the journal anyway after this
OPEN_WITHOUT_PAINT_MS = 300
# and load SQLAlchemy after a first screen that is not painted (minimised) after this
LOAD_WITHOUT_PAINT_MS = 2000
# After the first screen, what the journal needs is imported a part per turn of the event
# loop, so typing into the form is never held up long: what opening it loads
# (leaderlog.safety.opening.OPENING_MODULES), then what the first save or page needs.
DEFERRED_DOMAIN_IMPORTS = ("leaderlog.journal.logbook", "leaderlog.team.sync")
# the start's automatic backup and a big journal's integrity check begin this long after
# the window is filled in, so their threads do not compete with its first paint
BACKGROUND_WORK_DELAY_MS = 200
log = logging.getLogger("leaderlog")


def setup_logging(paths: AppPaths) -> None:
    """Log warnings and errors to the log file in the platformdirs log directory."""
    from logging.handlers import RotatingFileHandler  # sockets, pickle…: not before the window

    try:
        ensure_private_dir(paths.log_dir)
        handler = RotatingFileHandler(
            paths.log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError as exc:
        print(f"leaderlog: cannot write the log file {paths.log_file}: {exc}", file=sys.stderr)
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.set_name("leaderlog-file")
    for old in [h for h in log.handlers if h.get_name() == "leaderlog-file"]:
        log.removeHandler(old)
        old.close()
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def install_excepthook(paths: AppPaths) -> None:
    """Unexpected exceptions are logged to the log file and shown as a readable message."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, error, tb)))
        from PySide6.QtWidgets import QMessageBox

        parent = QApplication.activeWindow()
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(f"{APP_NAME}: something went wrong")
        box.setText(
            f"LeaderLog hit an unexpected problem: {error or kind.__name__}.\n\n"
            "Everything you saved is safe, and unsaved text on the Today page is kept as a "
            "draft. You can carry on, or restart LeaderLog if something looks wrong."
        )
        box.setInformativeText(f"The details were written to {paths.log_file}.")
        box.setDetailedText("".join(traceback.format_exception(kind, error, tb)))
        box.exec()

    sys.excepthook = hook


def _database_advice(error: DatabaseError) -> str:
    if isinstance(error, NewerDatabaseError):
        return "Install the newer LeaderLog that wrote this database; the file was left untouched."
    text = str(error).lower()
    if "busy" in text or "locked" in text:
        return (
            "Close other programs using this database (or another LeaderLog window) and try again."
        )
    if "read-only" in text:
        return (
            "Fix the file's permissions, or copy it somewhere writable and start with --db <copy>."
        )
    if "folder" in text or "cannot be opened" in text:
        return "Check that the folder exists and is writable, or choose another file with --db."
    if "damaged" in text or "not a leaderlog database" in text:
        return "Run `leaderlog check`, then restore the newest backup if needed."
    return "Start LeaderLog with --db <file> to use another database."


def explain_database_error(
    error: DatabaseError, target: str, parent: QWidget | None = None
) -> None:
    """A dialog saying which database could not be opened, why, and what to do."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(f"{APP_NAME}: cannot open the database")
    box.setText(f"LeaderLog cannot open its database.\n\n{error}")
    box.setInformativeText(f"What to do: {_database_advice(error)}\n\nDatabase: {target}")
    box.exec()


def open_or_recover(target: str, checked: bool) -> Database | None:
    """Open through the start-up integrity check; a damaged journal is set aside and a backup offered.

    ``checked``: the caller found the file sound a moment ago, so it is not read twice.
    None when the user chose to quit rather than restore or start an empty journal.
    """
    from leaderlog.safety import recovery
    from leaderlog.safety.opening import open_journal
    from leaderlog.ui.start.integrity_watch import offer_recovery

    try:
        return open_journal(target, checked=checked)
    except recovery.DamagedDatabaseError as damaged:
        log.warning("damaged database %s moved aside: %s", target, damaged.report.problems)
        choice = offer_recovery(damaged.report)
        if choice == "quit":
            return None
        if choice == "restore":
            recovery.restore_offer(damaged.report)
        return open_journal(target, checked=True)  # the backup, or a new empty journal


def open_database_for_window(target: str, demo: bool, checked: bool = False) -> Database | None:
    """Open (and for --demo fill) the database; on failure explain it in a dialog and return None.

    ``checked``: the start-up integrity check already passed (see open_or_recover).
    """
    try:
        db = open_or_recover(target, checked)
        if db is None:
            return None
    except CredentialsError as refused:
        # team mode: ask the password (and offer to remember it) rather than give up
        from leaderlog.ui.start.team_login import sign_in

        db = sign_in(target, refused)
        if db is None:
            return None
    except DatabaseError as exc:
        log.warning("cannot open database %s: %s", target, exc)
        explain_database_error(exc, target)
        return None
    if demo:
        from leaderlog.journal import demo as demo_data

        try:
            if demo_data.is_empty(db):
                from PySide6.QtCore import Qt
                from PySide6.QtWidgets import QProgressDialog

                progress = QProgressDialog(
                    "Creating the demo journal (a year of entries)…", "", 0, 0
                )
                progress.setCancelButton(None)
                progress.setWindowTitle(APP_NAME)
                progress.setWindowModality(Qt.WindowModality.ApplicationModal)
                progress.setMinimumDuration(0)
                progress.show()
                QApplication.processEvents()
                try:
                    demo_data.ensure_demo_data(db)
                finally:
                    progress.close()
        except DatabaseError as exc:
            db.dispose()
            explain_database_error(exc, target)
            return None
    return db


def create_application(*, icon: bool = True) -> QApplication:
    """The QApplication with LeaderLog's name and icon (reused if one exists, as in tests).

    ``icon=False`` leaves the icon for later: rendering it loads the SVG plugin, and at
    start-up the window is painted first.
    """
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("leaderlog")
    if icon:
        app.setWindowIcon(app_icon())
    return app


def build_main_window(db: Database, paths: AppPaths, demo: bool = False) -> MainWindow:
    """The context and main window for an open database (used by the tests)."""
    from leaderlog.ui.window.main_window import MainWindow

    context = AppContext(db, paths, open_settings(paths), demo=demo)
    return MainWindow(context)


class JournalOpener(QObject):
    """Opens the journal once the window shell is on screen, then fills the window in.

    In order: the one-window-per-journal lock, the integrity check (with the recovery
    dialog), sign-in for a team server, the demo data; then the automatic backup, the
    hourly backup timer, quitting on SIGTERM and, for a big file, the background
    integrity check. A sound local journal at this build's schema revision fills the
    window from its first screen (read with sqlite3) and is opened with SQLAlchemy once
    that is painted. When the journal cannot be opened the event loop is ended with
    ``exit_code``; ``close()`` releases everything after the loop.
    """

    def __init__(
        self, window: MainWindow, paths: AppPaths, database_target: str, demo: bool
    ) -> None:
        super().__init__(window)
        self.window = window
        self.paths = paths
        self.database_target = database_target
        self.demo = demo
        self.db: Database | DeferredDatabase | None = None
        self.lock: QLockFile | None = None
        self.exit_code: int | None = None
        self.error: BaseException | None = None
        self._starting_backup: threading.Thread | None = None
        self._keep: tuple[QObject, ...] = ()
        self._started = False
        self._ready = False
        self._to_import: list[str] = []  # filled by _open
        window.first_painted.connect(self.open)
        QTimer.singleShot(OPEN_WITHOUT_PAINT_MS, self, self.open)

    def open(self) -> None:
        """Open the journal and fill the window (once; from the first paint or the fallback timer)."""
        if self._started:
            return
        self._started = True
        try:
            self._open()
        except BaseException as exc:  # re-raised by run_app after the event loop
            self.error = exc
            self._give_up(1)

    def _give_up(self, code: int) -> None:
        self.exit_code = code
        self.window.hide()  # not close(): nothing of this start is saved as settings
        app = QApplication.instance()
        if app is not None:
            app.exit(code)

    def _open(self) -> None:
        setup_logging(self.paths)
        app = QApplication.instance()
        if isinstance(app, QApplication) and app.windowIcon().isNull():
            app.setWindowIcon(app_icon())
        with without_qt_import_hook():
            from leaderlog.safety.opening import OPENING_MODULES, DeferredDatabase, journal_file_of
            from leaderlog.ui.start import automatic_backup, instance_lock, termination

        self._to_import = [*OPENING_MODULES, *DEFERRED_DOMAIN_IMPORTS]
        window, target = self.window, self.database_target
        with without_qt_import_hook():  # a URL: SQLAlchemy says whether it names a file
            journal_file = journal_file_of(target)
        if journal_file is not None:
            # one window per journal file, checked before anything reads or repairs it
            ensure_private_dir(journal_file.parent)
            self.lock = instance_lock.acquire_instance_lock(journal_file)
            if self.lock is None:
                instance_lock.explain_second_instance(journal_file, window)
                self._give_up(EXIT_ALREADY_OPEN)
                return
        first, checked = None, False
        if journal_file is not None and "://" not in target:
            first, checked = self._read_first_screen(journal_file)
        db: Database | DeferredDatabase | None
        if first is not None:
            db = DeferredDatabase(journal_file)  # type: ignore[arg-type]
        else:
            with without_qt_import_hook():
                db = open_database_for_window(target, self.demo, checked)
            if db is None:
                self._give_up(EXIT_DATABASE)
                return
        self.db = db
        window.context.attach_database(db)  # type: ignore[arg-type]
        with without_qt_import_hook():
            window.journal_opened(first)
        self._keep = (  # kept alive while the event loop runs
            automatic_backup.start_backup_timer(window, db, self.paths),  # type: ignore[arg-type]
            termination.quit_on_termination_signals(window.quit),
        )
        if first is None:
            self._journal_ready()
        else:
            # SQLAlchemy, the models and the domain load once the filled window is on screen
            window.filled_painted.connect(lambda: QTimer.singleShot(0, self, self._load_next))
            QTimer.singleShot(LOAD_WITHOUT_PAINT_MS, self, self._open_deferred_database)

    def _read_first_screen(self, journal_file: Path) -> tuple[FirstScreen | None, bool]:
        """The integrity check, then the window's first screen read without SQLAlchemy.

        Returns the first screen (None when the journal must go the ordinary way: new,
        read-only, damaged, locked, to be migrated, or an empty demo to fill) and whether
        the check passed.
        """
        if not journal_file.exists() or not os.access(journal_file, os.R_OK | os.W_OK):
            return None, False  # the ordinary way creates it or explains the problem
        with without_qt_import_hook():
            from leaderlog.journal.first_screen import read_first_screen
            from leaderlog.safety import recovery
        try:
            if recovery.find_problems(journal_file):
                return None, False  # the ordinary way sets it aside and offers a backup
        except DatabaseError:
            return None, False  # locked or unreadable: the ordinary way explains it
        context = self.window.context
        first = read_first_screen(journal_file, context.today(), context.remembered_leader)
        if first is not None and self.demo and not first.leaders:
            first = None  # the demo journal is filled first
        return first, True

    def _load_next(self) -> None:
        """Import the next of the modules still to load, then the next turn; then open the journal."""
        if self._ready:
            return
        if self._to_import:
            with without_qt_import_hook():
                importlib.import_module(self._to_import.pop(0))
            QTimer.singleShot(0, self, self._load_next)
            return
        self._open_deferred_database()

    def _open_deferred_database(self) -> None:
        """After the first screen: open the journal with SQLAlchemy and load the domain."""
        from leaderlog.safety.opening import DeferredDatabase

        pending = self.db
        if not isinstance(pending, DeferredDatabase) or self._ready:
            return
        try:
            with without_qt_import_hook():
                db = pending.open()
                # what the first save, edit or page needs, loaded now rather than then
                for name in self._to_import:
                    importlib.import_module(name)
        except DatabaseError as exc:
            log.warning("cannot open database %s: %s", self.database_target, exc)
            explain_database_error(exc, self.database_target, self.window)
            self._give_up(EXIT_DATABASE)
            return
        self.db = db
        self.window.context.attach_database(db)
        self._journal_ready()

    def _journal_ready(self) -> None:
        """The journal is open with SQLAlchemy: the window's remaining parts, then background work."""
        self._ready = True
        with without_qt_import_hook():
            self.window.database_ready()
        # cli.run paused the collector for the start, which makes only long-lived objects;
        # frozen, they are left out of every later collection (the first one would
        # otherwise walk them all, ~0.1 s)
        gc.freeze()
        gc.enable()
        from leaderlog.safety.recovery import QUICK_CHECK_MAX_BYTES

        path = self.db.path if self.db is not None else None
        big = path is not None and path.stat().st_size > QUICK_CHECK_MAX_BYTES
        check = path if big else None  # small files were checked before opening
        QTimer.singleShot(
            BACKGROUND_WORK_DELAY_MS, self, lambda: self._start_background_work(check)
        )

    def _start_background_work(self, check_integrity_of: Path | None) -> None:
        """The automatic backup and, for a big journal, SQLite's quick_check, in threads."""
        from leaderlog.ui.start.automatic_backup import automatic_backup_in_background
        from leaderlog.ui.start.integrity_watch import IntegrityWatcher, recover_while_open

        db, window = self.db, self.window
        if db is None or self._starting_backup is not None:
            return
        self._starting_backup = automatic_backup_in_background(db, self.paths)
        if check_integrity_of is not None:
            watcher = IntegrityWatcher(check_integrity_of, window)
            watcher.damaged.connect(
                lambda problems: recover_while_open(
                    window, db, problems, window.refresh_after_restore
                )
            )
            watcher.start()

    def close(self) -> None:
        """After the event loop: the automatic backup unless one is running, then release the journal."""
        try:
            if self.db is not None:
                from leaderlog.ui.start.automatic_backup import automatic_backup

                if self._starting_backup is None or not self._starting_backup.is_alive():
                    automatic_backup(self.db, self.paths)
        finally:
            if self.db is not None:
                self.db.dispose()
            if self.lock is not None:
                self.lock.unlock()


def run_app(paths: AppPaths, database_target: str, demo: bool, minimized: bool = False) -> int:
    """Run the desktop app on a database; returns the process exit code.

    ``minimized`` (--minimized, used by the start-at-login entry): the window starts
    minimised, or hidden in the tray when the daily reminder keeps LeaderLog there.
    """
    app = create_application(icon=False)  # the icon and the log file come after the first paint
    settings = open_settings(paths)
    # 'system' is judged by the platform palette; the window confirms it once painted
    apply_theme(app, settings.value("view/theme", "system", type=str), judge_by_palette=True)
    install_excepthook(paths)
    with without_qt_import_hook():
        from leaderlog.ui.start.readiness import watch_if_requested
        from leaderlog.ui.window.main_window import MainWindow

    window = MainWindow(AppContext(None, paths, settings, demo=demo))
    opener = JournalOpener(window, paths, database_target, demo)
    watch_if_requested(window)  # LEADERLOG_EXIT_WHEN_READY: start-up benchmarks
    if minimized:
        window.start_minimized()
    else:
        window.show()
    try:
        code = app.exec()
    finally:
        gc.enable()
        opener.close()
    if opener.error is not None:
        raise opener.error
    return opener.exit_code if opener.exit_code is not None else code
