"""The window's menus (File, Edit, View, Help) and their keyboard shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from leaderlog import APP_NAME
from leaderlog.ui.window import help_dialogs
from leaderlog.ui.window.pages import PAGES

if TYPE_CHECKING:
    from leaderlog.ui.window.theme_choice import ThemeChoice
    from leaderlog.ui.window.window_protocols import MenuCommands

    Shortcut = QKeySequence.StandardKey | str


class WindowMenus:
    """The menu bar; each action is also the window's, so its shortcut works anywhere.

    Shortcuts are set by ``assign_shortcuts()``: the shell calls it after its first
    paint, since the first QKeySequence makes PySide create every enum of the Qt
    namespace (~15 ms) that nothing before the paint needs.
    """

    def __init__(self, window: MenuCommands, themes: ThemeChoice) -> None:
        self.window = window
        self.pending_shortcuts: list[tuple[QAction, Shortcut]] = []
        bar = window.menuBar()
        w = window

        file_menu = bar.addMenu("&File")
        self.new_entry_action = self.add(
            file_menu, "&New entry for today", w.new_entry, QKeySequence.StandardKey.New
        )
        # actions that read or write the journal: disabled while the shell waits for it
        self.journal_actions = [self.add(file_menu, "New &leader…", w.add_leader, "Ctrl+Shift+N")]
        file_menu.addSeparator()
        self.journal_actions += [
            self.add(file_menu, "&Export chart…", w.export_chart, "Ctrl+Shift+E"),
            self.add(file_menu, "&Review pack…", w.save_review_pack, "Ctrl+Shift+R"),
        ]
        file_menu.addSeparator()
        self.journal_actions += [
            self.add(file_menu, "Export &CSV…", w.export_csv, "Ctrl+E"),
            self.add(file_menu, "&Import CSV…", w.import_csv, "Ctrl+I"),
        ]
        file_menu.addSeparator()
        self.journal_actions += [
            self.add(file_menu, "&Back up now", w.back_up_now),
            self.add(file_menu, "Restore from bac&kup…", w.restore_from_backup),
        ]
        file_menu.addSeparator()
        self.add(file_menu, "&Quit", w.quit, QKeySequence.StandardKey.Quit)

        edit_menu = bar.addMenu("&Edit")
        self.undo_action = self.add(
            edit_menu, "&Undo delete", w.undo_delete, QKeySequence.StandardKey.Undo
        )
        self.undo_action.setEnabled(False)
        edit_menu.addSeparator()
        self.add(edit_menu, "&Find in journal", w.find_in_journal, QKeySequence.StandardKey.Find)
        self.add(edit_menu, "Choose &leader", w.focus_leader_picker, "Ctrl+L")
        edit_menu.addSeparator()
        self.journal_actions.append(
            self.add(edit_menu, "&Preferences…", w.show_preferences, "Ctrl+,")
        )

        view_menu = bar.addMenu("&View")
        for index, spec in enumerate(PAGES, start=1):
            self.add(view_menu, spec.title, lambda i=index - 1: w.go_to(i), f"Ctrl+{index}")
        view_menu.addSeparator()
        self.journal_actions.append(
            self.add(view_menu, "&Refresh", w.refresh_current, QKeySequence.StandardKey.Refresh)
        )
        themes.fill_menu(view_menu.addMenu("&Appearance"))
        self.add(
            view_menu, "&Full screen", w.toggle_full_screen, QKeySequence.StandardKey.FullScreen
        )

        help_menu = bar.addMenu("&Help")
        self.add(
            help_menu,
            "&Getting started",
            lambda: help_dialogs.show_getting_started(w),
            QKeySequence.StandardKey.HelpContents,
        )
        self.add(help_menu, "&Keyboard shortcuts", lambda: help_dialogs.show_shortcuts(w))
        self.add(help_menu, f"&About {APP_NAME}", w.show_about)

    def add(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: Shortcut | None = None,
    ) -> QAction:
        """An action in ``menu`` and on the window, running ``slot``."""
        action = QAction(text, self.window)
        if shortcut is not None:
            self.pending_shortcuts.append((action, shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self.window.addAction(action)
        return action

    def assign_shortcuts(self) -> None:
        """The menus' shortcuts (once; the shell sets them after its first paint)."""
        for action, shortcut in self.pending_shortcuts:
            if isinstance(shortcut, str):
                action.setShortcut(QKeySequence(shortcut))
            else:
                action.setShortcuts(QKeySequence.keyBindings(shortcut))
        self.pending_shortcuts.clear()

    def enable_journal_actions(self, enabled: bool) -> None:
        """The actions that read or write the journal: off while the shell waits for it."""
        for action in self.journal_actions:
            action.setEnabled(enabled)
