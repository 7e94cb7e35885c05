"""Start-up order: the shell is painted, the form is filled before SQLAlchemy loads, then the journal opens."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from alembic import command
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from leaderlog.core.paths import AppPaths
from leaderlog.data.engine import Database
from leaderlog.data.file_copies import backup_folder
from leaderlog.data.migrate import alembic_config
from leaderlog.data.sqlite_file import stamped_revision
from leaderlog.data.store import SCHEMA_REVISION
from leaderlog.journal import logbook, people
from leaderlog.safety import backups
from leaderlog.ui.context import AppContext, open_settings
from leaderlog.ui.start.app import JournalOpener
from leaderlog.ui.window.appearance import apply_theme, dark_palette, is_dark
from leaderlog.ui.window.main_window import MainWindow


def test_the_shell_waits_for_the_journal_then_opens_the_remembered_leaders_today(
    qtbot, db: Database, leader, app_paths: AppPaths
) -> None:  # type: ignore[no-untyped-def]
    people.add_leader(db, "Ben Okafor", team="South")
    window = MainWindow(AppContext(None, app_paths, open_settings(app_paths)))
    qtbot.addWidget(window)
    window.show()
    assert not window.is_open
    assert window.pages == {}  # no page reads the journal before it is open
    assert window.statusBar().currentMessage() == "Opening the journal…"
    assert not window.leader_combo.isEnabled()
    actions = {a.text(): a for a in window.actions()}
    assert not actions["&Back up now"].isEnabled()
    assert not actions["Restore from bac&kup…"].isEnabled()
    window.go_to(1)  # a page picked while the journal opens is remembered, not built
    assert window.pages == {}

    window.context.attach_database(db)
    window.journal_opened()

    assert window.is_open
    assert actions["&Back up now"].isEnabled()
    assert window.leader_combo.isEnabled()
    assert window.leader_combo.count() == 2
    assert window.context.leader is not None
    assert window.statusBar().currentMessage() == ""
    assert window.database_label.text() == db.path.name  # type: ignore[union-attr]
    assert window.stack.currentWidget() is window.pages["journal"]


def test_the_shell_of_an_empty_journal_opens_on_the_welcome(
    qtbot, db: Database, app_paths: AppPaths
) -> None:
    window = MainWindow(AppContext(None, app_paths, open_settings(app_paths)))
    qtbot.addWidget(window)
    window.show()
    assert window.sidebar.currentRow() == 0

    window.context.attach_database(db)
    window.journal_opened()

    assert window.context.leader is None
    assert window.stack.currentWidget() is window.pages["today"]
    assert window.sidebar.currentRow() == 0


def test_the_app_opens_on_today_whatever_page_was_used_last_time(
    qtbot, db: Database, leader, app_paths: AppPaths
) -> None:  # type: ignore[no-untyped-def]
    first = MainWindow(AppContext(None, app_paths, open_settings(app_paths)))
    qtbot.addWidget(first)
    first.show()
    first.context.attach_database(db)
    first.journal_opened()
    first.go_to(4)  # People, the last page used before quitting
    assert first.stack.currentWidget() is first.pages["people"]
    first.close()

    window = MainWindow(AppContext(None, app_paths, open_settings(app_paths)))
    qtbot.addWidget(window)
    window.show()
    assert window.sidebar.currentRow() == 0  # the shell shows Today while the journal opens
    window.context.attach_database(db)
    window.journal_opened()
    assert window.sidebar.currentRow() == 0
    assert window.stack.currentWidget() is window.pages["today"]
    assert window.windowTitle().startswith("Today")


def test_the_real_app_paints_its_window_before_importing_sqlalchemy_or_opening_the_journal(
    db: Database, leader, db_path: Path, app_paths: AppPaths
) -> None:  # type: ignore[no-untyped-def]
    db.dispose()
    script = textwrap.dedent(
        f"""
        import sys
        import leaderlog.ui.start.app as app_module
        from leaderlog.cli.main import run

        seen = []
        opening = app_module.JournalOpener.open

        def open_spy(self):
            if seen:
                return opening(self)  # the fallback timer's call: does nothing
            window = self.window
            seen.append(
                (window.isVisible(), window._painted, window.is_open,
                 "sqlalchemy" in sys.modules, window.menuBar().actions()[0].text())
            )
            opening(self)
            seen.append((window.is_open, window.context.leader.name))
            window.close()

        app_module.JournalOpener.open = open_spy
        code = run(["--db", {str(db_path)!r}])
        print(code, *seen, sep="\\n")
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("LEADERLOG_EXIT_WHEN_READY", None)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    code, before, after = result.stdout.splitlines()
    assert code == "0"
    # visible and painted, with its menus, while the journal and SQLAlchemy wait
    assert before == "(True, True, False, False, '&File')"
    assert after == "(True, 'Ana Ruiz')"


def _run_app_with_spy(db_path: Path, spy: str) -> list[str]:
    """Run the real app on ``db_path``; ``spy`` (code in a function of ``window``) runs once the form is painted."""
    script = textwrap.dedent(
        """
        import sys
        import leaderlog.ui.window.main_window as main_window
        from PySide6.QtWidgets import QApplication
        from leaderlog.cli.main import run

        seen = []
        opened = main_window.MainWindow.journal_opened

        def journal_opened(self, first=None):
            opened(self, first)
            self.filled_painted.connect(lambda: form_painted(self))

        def form_painted(window):
        {spy}

        main_window.MainWindow.journal_opened = journal_opened
        code = run(["--db", {path!r}])
        print(code, *seen, sep="\\n")
        """
    ).format(spy=textwrap.indent(textwrap.dedent(spy), " " * 4), path=str(db_path))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("LEADERLOG_EXIT_WHEN_READY", None)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_the_form_shows_the_remembered_leaders_day_before_sqlalchemy_then_the_journal_opens(
    db: Database, leader, db_path: Path, app_paths: AppPaths
) -> None:  # type: ignore[no-untyped-def]
    today = dt.date.today()
    zoe = people.add_member(db, leader.id, "Zoe Park")
    logbook.add_day_log(db, leader.id, today, 45, today=today)
    logbook.add_reinforcement(db, leader.id, today, "praise", member_id=zoe.id, today=today)
    logbook.add_coaching_note(
        db,
        leader.id,
        today - dt.timedelta(days=10),
        zoe.id,
        "greeted late",
        follow_up_on=today - dt.timedelta(days=3),
        today=today,
    )
    ben = people.add_leader(db, "Ben Okafor", team="South")
    logbook.add_day_log(db, ben.id, today, 5, today=today)
    settings = open_settings(app_paths)
    settings.setValue("leader/last", leader.uuid)
    settings.sync()
    db.dispose()

    lines = _run_app_with_spy(
        db_path,
        """
        today = window.pages["today"]
        seen.append((
            "sqlalchemy" in sys.modules, "leaderlog.data.models" in sys.modules,
            window.context.leader.name, today.minutes_edit.text(), today.today_list.count(),
            today.completer.model().stringList(), today.for_combo.count(),
            QApplication.focusWidget() is today.minutes_edit,
        ))

        def later():  # the journal is opened with SQLAlchemy right after this paint
            window.badge_timer.timeout.disconnect(later)
            seen.append((
                type(window.context.db).__name__, "leaderlog.data.models" in sys.modules,
                window.sidebar.item(2).text(),
            ))
            window.close()

        window.badge_timer.timeout.connect(later)  # after the follow-up badge's update
        """,
    )
    code, at_form, after = lines
    assert code == "0"
    assert at_form == "(False, False, 'Ana Ruiz', '45', 2, ['Zoe Park'], 2, True)"
    assert after == "('Database', True, 'Follow-ups (1)')"


def test_a_journal_needing_migration_is_migrated_before_the_form_shows_it(
    db: Database, leader, db_path: Path, app_paths: AppPaths
) -> None:  # type: ignore[no-untyped-def]
    with db.engine.begin() as connection:  # as if the previous LeaderLog had written it
        command.downgrade(alembic_config(connection), "-1")
    db.dispose()
    older = stamped_revision(db_path)
    assert older != SCHEMA_REVISION

    lines = _run_app_with_spy(
        db_path,
        """
        from leaderlog.data.sqlite_file import stamped_revision

        seen.append((
            stamped_revision(window.context.db.path), window.context.leader.name,
            window.pages["today"].isVisible(),
        ))
        window.close()
        """,
    )
    code, at_form = lines
    assert code == "0"
    assert at_form == f"({SCHEMA_REVISION!r}, 'Ana Ruiz', True)"
    assert list(backup_folder(db_path).glob(f"*.before-upgrade-from-{older}.sqlite3"))


def test_the_shell_gets_its_shortcuts_and_the_desktops_colour_scheme_once_painted(
    qtbot, app_paths: AppPaths
) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    app.setPalette(dark_palette())  # a platform palette that looks dark…
    try:
        apply_theme(app, "system", judge_by_palette=True)
        assert is_dark(app.palette())  # …is taken as the system's choice for the first paint
        window = MainWindow(AppContext(None, app_paths, open_settings(app_paths)))
        qtbot.addWidget(window)
        choose = next(a for a in window.actions() if a.text() == "Choose &leader")
        assert choose.shortcut().isEmpty()
        with qtbot.waitSignal(window.first_painted, timeout=10_000):
            window.show()
        assert choose.shortcut().toString() == "Ctrl+L"
        # the offscreen desktop asks for no dark scheme: the light palette comes back
        assert not is_dark(app.palette())
    finally:
        app.setPalette(before)


def test_a_window_that_is_never_painted_still_opens_its_journal_with_sqlalchemy(
    qtbot, db: Database, leader, db_path: Path, app_paths: AppPaths
) -> None:  # type: ignore[no-untyped-def]
    db.dispose()
    handlers = {name: signal.getsignal(name) for name in (signal.SIGTERM, signal.SIGHUP)}
    window = MainWindow(AppContext(None, app_paths, open_settings(app_paths)))
    qtbot.addWidget(window)  # never shown, as when started minimised
    opener = JournalOpener(window, app_paths, str(db_path), demo=False)
    try:
        qtbot.waitUntil(lambda: isinstance(window.context.db, Database), timeout=10_000)
        assert window.is_open and window.context.leader is not None
        assert window.waiting_label is not None  # the parts that need the domain are there
        window.show()  # restored: the form shows the leader's day
        today = window.pages["today"]
        qtbot.waitUntil(lambda: today._form_leader == window.context.leader, timeout=10_000)
    finally:
        opener.close()
        for name, handler in handlers.items():
            signal.signal(name, handler)


def test_a_damaged_journal_is_offered_its_backup_before_any_form_is_shown(
    qtbot, db: Database, leader, db_path: Path, app_paths: AppPaths
) -> None:  # type: ignore[no-untyped-def]
    today = dt.date.today()
    logbook.add_day_log(db, leader.id, today, 30, today=today)
    db.dispose()
    backups.create_backup(db_path, "auto")
    data = bytearray(db_path.read_bytes())
    data[8192 : 8192 + 8] = b"\x55" * 8
    db_path.write_bytes(bytes(data))
    offered: list[tuple[str, bool]] = []

    def restore_when_asked() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, restore_when_asked)
            return
        offered.append((box.text(), "today" in window.pages))
        next(b for b in box.buttons() if b.text().startswith("Restore the backup")).click()

    handlers = {name: signal.getsignal(name) for name in (signal.SIGTERM, signal.SIGHUP)}
    window = MainWindow(AppContext(None, app_paths, open_settings(app_paths)))
    qtbot.addWidget(window)
    QTimer.singleShot(0, restore_when_asked)
    opener = JournalOpener(window, app_paths, str(db_path), demo=False)
    try:
        window.show()
        qtbot.waitUntil(lambda: window.is_open, timeout=10_000)
        [(text, form_built)] = offered
        assert "moved aside, unchanged" in text
        assert not form_built  # asked before any page read the journal
        assert list(db_path.parent.glob("*.damaged"))
        assert type(window.context.db).__name__ == "Database"  # the ordinary way
        assert window.pages["today"].minutes_edit.text() == "30"
    finally:
        opener.close()
        for name, handler in handlers.items():
            signal.signal(name, handler)
