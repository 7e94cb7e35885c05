"""The Help menu's dialogs: getting started, keyboard shortcuts, about."""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaderlog import APP_NAME, __version__
from leaderlog.ui.window.pages import PAGES

if TYPE_CHECKING:
    from leaderlog.ui.window.main_window import MainWindow

# QMessageBox is imported when a dialog opens, not at start-up: its enums cost ~1 ms


def show_about(window: MainWindow) -> None:
    """Help › About: the version and where the journal, settings and log file are."""
    from PySide6.QtWidgets import QMessageBox

    context = window.context
    database = context.db.display_name if window.is_open else "still opening"
    QMessageBox.about(
        window,
        f"About {APP_NAME}",
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>A private, fast, local journal for frontline leaders: time with customers, "
        "coaching and reinforcement, every working day, and charts that show whether the "
        "habit holds.</p>"
        f"<p>Database: {database}<br>"
        f"Settings: {context.paths.config_dir}<br>"
        f"Log file: {context.paths.log_file}</p><p>MIT licence.</p>",
    )


def show_getting_started(window: MainWindow) -> None:
    """Help › Getting started: the daily habit in four steps."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(
        window,
        "Getting started",
        "<ol><li>Add yourself as a leader (People, or the welcome form on Today).</li>"
        "<li>Add your team members and the service standards you coach to (People).</li>"
        "<li>Each working day, on Today: type your minutes with customers (or use the "
        "timer), then a coaching note and a reinforcement when you have them, and press "
        "Enter.</li><li>Follow-ups reminds you of coaching check-ins; the Dashboard shows "
        "whether the habit holds week after week.</li></ol>",
    )


def show_shortcuts(window: MainWindow) -> None:
    """Help › Keyboard shortcuts."""
    from PySide6.QtWidgets import QMessageBox

    rows = "".join(
        f"<tr><td>Ctrl+{i}</td><td>{spec.title}</td></tr>" for i, spec in enumerate(PAGES, 1)
    )
    QMessageBox.information(
        window,
        "Keyboard shortcuts",
        "<table cellpadding=3>"
        f"{rows}"
        "<tr><td>Enter / Ctrl+Enter</td><td>Save the Today form</td></tr>"
        "<tr><td>Alt + underlined letter</td><td>Jump to that field</td></tr>"
        "<tr><td>Ctrl+L</td><td>Choose the leader</td></tr>"
        "<tr><td>Delete, Ctrl+Z</td><td>Delete the selected entry, undo the delete</td></tr>"
        "<tr><td>Space</td><td>Mark the selected follow-up done</td></tr>"
        "<tr><td>Ctrl+F</td><td>Search the journal</td></tr></table>",
    )
