"""Start-up order: the window's shell is painted before the journal is opened, then filled in."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from leaderlog import people
from leaderlog.data.engine import Database
from leaderlog.paths import AppPaths
from leaderlog.ui.context import AppContext, open_settings
from leaderlog.ui.main_window import MainWindow


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
    settings = open_settings(app_paths)
    settings.setValue("window/page", "people")
    window = MainWindow(AppContext(None, app_paths, settings))
    qtbot.addWidget(window)
    window.show()
    assert window.sidebar.currentRow() == 4  # the remembered page is selected in the shell

    window.context.attach_database(db)
    window.journal_opened()

    assert window.context.leader is None
    assert window.stack.currentWidget() is window.pages["today"]
    assert window.sidebar.currentRow() == 0


def test_the_real_app_paints_its_window_before_importing_sqlalchemy_or_opening_the_journal(
    db: Database, leader, db_path: Path, app_paths: AppPaths
) -> None:  # type: ignore[no-untyped-def]
    db.dispose()
    script = textwrap.dedent(
        f"""
        import sys
        import leaderlog.ui.app as app_module
        from leaderlog.cli import run

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
