"""The Help menu's dialogs: getting started, keyboard shortcuts, about."""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaderlog import APP_NAME, __version__

if TYPE_CHECKING:
    from leaderlog.ui.window.window_protocols import WindowShell


# QMessageBox is imported when a dialog opens, not at start-up: its enums cost ~1 ms


def show_about(window: WindowShell) -> None:
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


def show_getting_started(window: WindowShell) -> None:
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


KEYS_OUTSIDE_MENUS: tuple[tuple[str, str], ...] = (
    ("Enter / Ctrl+Enter", "Save the Today form"),
    ("Alt + underlined letter", "Jump to that field"),
    ("Alt+Left / Alt+Right", "The day before / after on Today; the week on Week review"),
    ("Enter (in a list)", "Edit the selected entry, or open the selected follow-up's note"),
    ("Delete", "Delete the selected entry (Ctrl+Z brings it back)"),
    ("Space", "Mark the selected follow-up done"),
    ("Alt+U", "Undo marking a follow-up done (Follow-ups)"),
)


def menu_shortcuts(window: WindowShell) -> list[tuple[str, str]]:
    """(keys, what) of every menu action that has a shortcut, in menu order: the list cannot miss one."""
    from PySide6.QtGui import QKeySequence

    rows = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        for action in menu.actions():  # type: ignore[union-attr]
            keys = ", ".join(
                key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()
            )
            if keys:
                what = action.text().replace("&", "").rstrip("…")
                rows.append((keys, what))
    return rows


def show_shortcuts(window: WindowShell) -> None:
    """Help › Keyboard shortcuts: every menu shortcut, then the keys that work inside pages."""
    from html import escape

    from PySide6.QtWidgets import QMessageBox

    rows = "".join(
        f"<tr><td>{escape(keys)}</td><td>{escape(what)}</td></tr>"
        for keys, what in [*menu_shortcuts(window), *KEYS_OUTSIDE_MENUS]
    )
    QMessageBox.information(window, "Keyboard shortcuts", f"<table cellpadding=3>{rows}</table>")
