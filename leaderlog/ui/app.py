"""Start the desktop app: Qt application, database (with a clear dialog on failure), main window."""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from leaderlog import APP_NAME, __version__
from leaderlog.data.engine import Database
from leaderlog.errors import CredentialsError, DatabaseError, NewerDatabaseError
from leaderlog.paths import AppPaths, ensure_private_dir
from leaderlog.ui.appearance import app_icon, apply_theme
from leaderlog.ui.context import AppContext, open_settings

EXIT_DATABASE = 3
EXIT_ALREADY_OPEN = 4
log = logging.getLogger("leaderlog")


def setup_logging(paths: AppPaths) -> None:
    """Log warnings and errors to the log file in the platformdirs log directory."""
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
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(f"{APP_NAME}: cannot open the database")
    box.setText(f"LeaderLog cannot open its database.\n\n{error}")
    box.setInformativeText(f"What to do: {_database_advice(error)}\n\nDatabase: {target}")
    box.exec()


def _open_checked(target: str) -> Database | None:
    """Open through the start-up integrity check; a damaged journal is set aside and a backup offered."""
    from leaderlog import recovery
    from leaderlog.data.store import open_database
    from leaderlog.ui.data_safety import offer_recovery

    try:
        return recovery.open_journal(target)
    except recovery.DamagedDatabaseError as damaged:
        log.warning("damaged database %s moved aside: %s", target, damaged.report.problems)
        choice = offer_recovery(damaged.report)
        if choice == "quit":
            return None
        if choice == "restore":
            recovery.restore_offer(damaged.report)
        return open_database(target)


def open_database_for_window(target: str, demo: bool) -> Database | None:
    """Open (and for --demo fill) the database; on failure explain it in a dialog and return None."""
    try:
        db = _open_checked(target)
        if db is None:
            return None
    except CredentialsError as refused:
        # team mode: ask the password (and offer to remember it) rather than give up
        from leaderlog.ui.team_login import sign_in

        db = sign_in(target, refused)
        if db is None:
            return None
    except DatabaseError as exc:
        log.warning("cannot open database %s: %s", target, exc)
        explain_database_error(exc, target)
        return None
    if demo:
        from leaderlog import demo as demo_data

        try:
            if demo_data.is_empty(db):
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


def create_application() -> QApplication:
    """The QApplication with LeaderLog's name, icon and style (reused if one exists, as in tests)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("leaderlog")
    app.setWindowIcon(app_icon())
    return app


def build_main_window(db: Database, paths: AppPaths, demo: bool = False):  # -> MainWindow
    """The context and main window for an open database (used by run_app and the tests)."""
    from leaderlog.ui.main_window import MainWindow

    context = AppContext(db, paths, open_settings(paths), demo=demo)
    return MainWindow(context)


def run_app(paths: AppPaths, database_target: str, demo: bool) -> int:
    """Run the desktop app on a database; returns the process exit code."""
    setup_logging(paths)
    app = create_application()
    settings = open_settings(paths)
    apply_theme(app, settings.value("view/theme", "system", type=str))
    install_excepthook(paths)
    from leaderlog.data.engine import database_url, sqlite_path
    from leaderlog.recovery import QUICK_CHECK_MAX_BYTES
    from leaderlog.ui import data_safety

    journal_file = sqlite_path(database_url(database_target))
    lock = None
    if journal_file is not None:
        # one window per journal file, checked before anything reads or repairs it
        ensure_private_dir(journal_file.parent)
        lock = data_safety.acquire_instance_lock(journal_file)
        if lock is None:
            data_safety.explain_second_instance(journal_file)
            return EXIT_ALREADY_OPEN
    db = open_database_for_window(database_target, demo)
    if db is None:
        return EXIT_DATABASE
    try:
        starting_backup = data_safety.automatic_backup_in_background(db, paths)
        window = build_main_window(db, paths, demo)
        from leaderlog.ui.readiness import watch_if_requested

        watch_if_requested(window)  # LEADERLOG_EXIT_WHEN_READY: start-up benchmarks
        _timers = (  # kept alive while the event loop runs
            data_safety.start_backup_timer(window, db, paths),
            data_safety.quit_on_termination_signals(window.close),
        )
        if journal_file is not None and journal_file.stat().st_size > QUICK_CHECK_MAX_BYTES:
            watcher = data_safety.IntegrityWatcher(journal_file, window)
            watcher.damaged.connect(
                lambda problems: data_safety.recover_while_open(
                    window, db, problems, window.refresh_after_restore
                )
            )
            watcher.start()
        window.show()
        code = app.exec()
        if not starting_backup.is_alive():
            data_safety.automatic_backup(db, paths)
        return code
    finally:
        db.dispose()
        if lock is not None:
            lock.unlock()
