"""The main window: assembles the sidebar and pages, leader picker, menus and status bar.

At start-up the window is built and painted before the journal is open (and before
SQLAlchemy and the domain are imported): an empty but real shell whose journal
actions wait until ``journal_opened()`` fills it in, possibly from a first screen read
without SQLAlchemy; ``database_ready()`` then adds what needs the domain layer. Each
part lives in its own module beside this one; this class builds them and wires them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QWidget

from leaderlog import APP_NAME
from leaderlog.core.errors import LeaderLogError
from leaderlog.ui.context import AppContext
from leaderlog.ui.window import geometry, help_dialogs
from leaderlog.ui.window.follow_up_badge import FollowUpBadge
from leaderlog.ui.window.leader_picker import LeaderPickerToolBar
from leaderlog.ui.window.menus import WindowMenus
from leaderlog.ui.window.page_stack import PageStack
from leaderlog.ui.window.pages import PageSpec, page_index
from leaderlog.ui.window.theme_choice import ThemeChoice

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from leaderlog.core.records import Leader
    from leaderlog.journal.first_screen import FirstScreen
    from leaderlog.ui.page import Page
    from leaderlog.ui.window.reminder import DailyReminder

# The journal modules (leaderlog.journal.logbook, people, records and the pages) are imported
# inside the methods that run once the journal is open, so the shell paints first.

STATUS_TIMEOUT_MS = 8000


class MainWindow(QMainWindow):
    """LeaderLog's one window. Pages are constructed as ``Page(context)`` when first shown.

    Given a context without a database, the window is a shell (menus, sidebar, leader
    bar, status bar) that says it is opening the journal; ``first_painted`` tells the
    app when to open it, and ``journal_opened()`` fills the window in.
    """

    first_painted = Signal()
    """the window has been painted once (the moment to open the journal at start-up)"""
    filled_painted = Signal()
    """the page shown by journal_opened() has been painted (at start-up: the Today form)"""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setWindowTitle(APP_NAME)
        self._painted = False
        self._first_screen: FirstScreen | None = None
        self._page_to_paint: Page | None = None
        self._painting_watched: list[QWidget] = []
        self.reminder: DailyReminder | None = None
        """the daily reminder and tray icon, set up by database_ready()"""
        self._quitting = False
        self._started_minimized = False
        self.installEventFilter(self)

        self.page_stack = PageStack(self, context, self._page_built)
        self.pages: dict[str, Page] = self.page_stack.pages
        self.sidebar = self.page_stack.sidebar
        self.stack = self.page_stack.stack
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.leader_picker = LeaderPickerToolBar(context)
        self.leader_combo = self.leader_picker.combo
        self.addToolBar(self.leader_picker)
        self.themes = ThemeChoice(context.settings, self)
        self.menus = WindowMenus(self, self.themes)
        self.undo_action = self.menus.undo_action
        self.statusBar().setSizeGripEnabled(True)
        self.database_label = QLabel("Demo journal" if context.demo else "")
        self.waiting_label: QLabel | None = None
        self.statusBar().addPermanentWidget(self.database_label)
        context.status_message.connect(self.show_status)
        context.people_changed.connect(self.reload_leaders)
        context.undo_available.connect(self.undo_action.setEnabled)

        self.follow_up_badge = FollowUpBadge(context, self.sidebar)
        self.badge_timer = self.follow_up_badge.timer

        geometry.restore_geometry(self, context.settings)
        if context.has_database:
            self.journal_opened()
        else:
            self._wait_for_journal()

    @property
    def is_open(self) -> bool:
        """Whether the journal is open and the window filled in (False while it is a shell)."""
        return self.context.has_database

    def _wait_for_journal(self) -> None:
        """The shell: the remembered page is selected, journal actions wait for the journal.

        Its menus get their shortcuts, and a 'system' theme its check of the desktop's
        colour scheme, after its first paint: the first QKeySequence or Qt enum makes
        PySide create every enum of the Qt namespace (~15 ms), which nothing before the
        paint needs (run_app judged the theme by the platform palette).
        """
        self.first_painted.connect(self.menus.assign_shortcuts)
        self.first_painted.connect(self.themes.confirm_system_theme)
        self.menus.enable_journal_actions(False)
        self.leader_combo.setEnabled(False)
        self.page_stack.select_while_opening()
        self.statusBar().showMessage("Opening the journal…")

    def journal_opened(self, first: FirstScreen | None = None) -> None:
        """Fill the window from the open journal: leaders, the remembered page, the status bar.

        ``first``: the leaders and the Today form's day, read at start-up before SQLAlchemy
        was loaded; the app calls ``database_ready()`` once it is. Without it, the
        window reads the journal and is ready at once.
        """
        context = self.context
        self.menus.assign_shortcuts()
        self.statusBar().clearMessage()
        self.menus.enable_journal_actions(True)
        where = context.db.path.name if context.db.path else context.db.display_name
        self.database_label.setText("Demo journal" if context.demo else where)
        self.database_label.setToolTip(f"Database: {context.db.display_name}")
        self._first_screen = first
        self.reload_leaders(first.leaders if first is not None else None)
        self.page_stack.restore_page()
        self._first_screen = None  # only the page shown now may use it
        # when the page just shown is painted (start-up's "form usable"): its own paint
        # events may never come (its scroll area covers it), so watch its widgets' too
        self._page_to_paint = self.current_page()
        self._painting_watched = [self._page_to_paint, *self._page_to_paint.findChildren(QWidget)]
        for widget in self._painting_watched:
            widget.installEventFilter(self)
        if first is None:
            self.database_ready()

    def database_ready(self) -> None:
        """The domain layer is loaded: the team-mode outbox note, the follow-up badge, the reminder."""
        from leaderlog.ui.window.outbox_status import WaitingEntriesLabel
        from leaderlog.ui.window.reminder import DailyReminder

        if self.waiting_label is not None:
            return
        self.waiting_label = WaitingEntriesLabel(self.context)
        self.statusBar().insertPermanentWidget(0, self.waiting_label)
        self.follow_up_badge.start()  # after the Today form: it is what the user waits for
        self.reminder = DailyReminder(self)
        if self._started_minimized and self.reminder.keeps_running_in_tray:
            self.hide()  # started at login: only the tray icon shows

    def start_minimized(self) -> None:
        """--minimized (the start-at-login entry): minimised, or only in the tray once the reminder keeps it there."""
        self._started_minimized = True
        self.showMinimized()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint:
            return False
        if watched is self and not self._painted:
            self._painted = True
            self.removeEventFilter(self)
            # after this paint has reached the screen
            QTimer.singleShot(0, self.first_painted.emit)
        elif self._page_to_paint is not None and watched is not self:
            for widget in self._painting_watched:
                widget.removeEventFilter(self)
            self._painting_watched = []
            self._page_to_paint = None
            QTimer.singleShot(0, self.filled_painted.emit)  # after this paint is on screen
        return False

    # ---------------------------------------------------------------- pages

    def _page_built(self, spec: PageSpec, page: Page) -> None:
        """A page was just constructed: give it the first screen and wire its signals in."""
        if spec.key == "today":
            if self._first_screen is not None:
                page.show_first_screen(self._first_screen)  # type: ignore[attr-defined]
            page.leader_added.connect(self._first_leader_added)  # type: ignore[attr-defined]
            page.reminder_wanted.connect(self.turn_on_reminder)  # type: ignore[attr-defined]
        if spec.key == "dashboard" and hasattr(page, "week_activated"):
            page.week_activated.connect(self.show_journal_period)

    def page(self, key: str) -> Page:
        """The page with this key, constructed on first use."""
        return self.page_stack.page(key)

    def go_to(self, index: int) -> None:
        """Show page number ``index`` (0 = Today) and put the focus where work starts."""
        self.page_stack.go_to(index)

    def current_page(self) -> Page:
        return self.page_stack.current_page()

    def refresh_current(self) -> None:
        self.current_page().mark_stale()

    def new_entry(self) -> None:
        self.go_to(page_index("today"))

    def find_in_journal(self) -> None:
        self.go_to(page_index("journal"))

    def show_journal_period(self, first: object, last: object) -> None:
        """Open the Journal on first..last (a week clicked in a Dashboard chart)."""
        self.go_to(page_index("journal"))
        self.page("journal").show_period(first, last)  # type: ignore[attr-defined]

    def _dashboard(self) -> Page | None:
        """Show the Dashboard and return it, or None when the charts are not installed."""
        self.go_to(page_index("dashboard"))
        page = self.page("dashboard")
        if not hasattr(page, "export_chart"):
            self.show_status("Charts are not available: matplotlib is not installed.")
            return None
        return page

    def export_chart(self) -> None:
        """File > Export chart: save the Dashboard chart on screen as PNG, SVG or PDF."""
        page = self._dashboard()
        if page is not None:
            page.export_chart()  # type: ignore[attr-defined]

    def save_review_pack(self) -> None:
        """File > Review pack: the chosen leader's PDF for the Dashboard's period."""
        page = self._dashboard()
        if page is not None:
            page.save_review_pack()  # type: ignore[attr-defined]

    def export_csv(self) -> None:
        """File › Export CSV…: entries or weekly summaries, in the background."""
        from leaderlog.ui.transfer.export_dialog import ExportCsvDialog

        ExportCsvDialog(self.context, self).exec()

    def import_csv(self) -> None:
        """File › Import CSV…: preview, then all rows or none."""
        from leaderlog.ui.transfer.import_dialog import ImportCsvDialog

        ImportCsvDialog(self.context, self).exec()

    def turn_on_reminder(self) -> None:
        """The welcome's offer was taken: the daily reminder on, at the time set."""
        from dataclasses import replace

        from leaderlog.ui.window.reminder import ReminderSettings

        if self.reminder is None:  # not set up yet: it reads the setting when it is
            settings = ReminderSettings.load(self.context.settings)
            replace(settings, enabled=True).save(self.context.settings)
            return
        self.reminder.apply(replace(self.reminder.settings, enabled=True))

    def show_preferences(self) -> None:
        """Edit › Preferences…: the daily reminder, the tray, start at login."""
        if self.reminder is None:
            self.show_status("Preferences open once the journal is ready.")
            return
        from leaderlog.ui.window.reminder_dialog import PreferencesDialog

        PreferencesDialog(self.reminder, self).exec()

    # ---------------------------------------------------------------- leaders

    def reload_leaders(self, leaders: list[Leader] | None = None) -> None:
        """Fill the leader picker with active leaders and keep the chosen one if still there."""
        self.leader_picker.reload(leaders)

    def focus_leader_picker(self) -> None:
        self.leader_picker.open_list()

    def _first_leader_added(self, leader: Leader) -> None:
        self.context.people_changed.emit()
        self.context.set_leader(leader)
        self.reload_leaders()
        self.go_to(page_index("today"))
        self.show_status(
            f"Welcome, {leader.name}! Step 2: type the minutes you spent with customers today "
            "and press Enter."
        )

    def add_leader(self) -> None:
        self.go_to(page_index("people"))
        people_page = self.page("people")
        people_page.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
        people_page.leaders_tab.add()  # type: ignore[attr-defined]

    # ---------------------------------------------------------------- journal actions

    def back_up_now(self) -> None:
        """File › Back up now."""
        from leaderlog.ui.window import backup_actions

        backup_actions.back_up_now(self)

    def restore_from_backup(self) -> None:
        """File › Restore from backup…: the journal as it is now is kept as a backup first."""
        from leaderlog.ui.window import backup_actions

        backup_actions.restore_from_backup(self)

    def refresh_after_restore(self) -> None:
        """Another journal file is in place: every page shows it afresh."""
        self.context.people_changed.emit()
        self.context.entries_changed.emit()

    def undo_delete(self) -> None:
        """Edit › Undo delete: put the entry deleted last back."""
        from leaderlog.journal import logbook
        from leaderlog.ui.entries import entry_summary
        from leaderlog.ui.widgets import show_error

        entry = self.context.pop_deleted()
        if entry is None:
            return
        try:
            restored = logbook.restore_entry(self.context.db, entry)
        except LeaderLogError as exc:
            self.context.push_back_deleted(entry)
            show_error(self, exc, "The deleted entry could not be restored.")
            return
        self.show_status(f"Restored {entry_summary(restored)}.")
        self.context.entries_changed.emit()

    # ---------------------------------------------------------------- view

    def set_theme(self, theme: str) -> None:
        """System, light or dark, saved for the next start."""
        self.themes.set_theme(theme)

    def toggle_full_screen(self) -> None:
        from PySide6.QtCore import Qt

        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_TIMEOUT_MS)

    def show_about(self) -> None:
        help_dialogs.show_about(self)

    def quit(self) -> None:
        """File › Quit, the tray's Quit, the session ending: close for good, even when the tray keeps the app."""
        from PySide6.QtWidgets import QApplication

        self._quitting = True
        self.close()
        app = QApplication.instance()
        if app is not None and not QApplication.quitOnLastWindowClosed():
            QApplication.quit()  # the tray kept the app running past its last window

    def closeEvent(self, event: QCloseEvent) -> None:
        today = self.pages.get("today")
        if today is not None:
            today.flush_draft()  # type: ignore[attr-defined]
        geometry.save_geometry(self, self.context.settings)
        if not self._quitting and self.reminder is not None and self.reminder.keeps_running_in_tray:
            event.ignore()
            self.hide()  # the tray icon's Open brings it back
            return
        super().closeEvent(event)
