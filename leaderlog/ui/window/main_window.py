"""The main window: sidebar navigation, leader picker, menus, status bar; pages built on first use.

At start-up the window is built and painted before the journal is open (and before
SQLAlchemy and the domain are imported): an empty but real shell whose journal
actions wait until ``journal_opened()`` fills it in, possibly from a first screen read
without SQLAlchemy; ``database_ready()`` then adds what needs the domain layer.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QSize, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from leaderlog import APP_NAME, __version__
from leaderlog.core.errors import LeaderLogError
from leaderlog.ui.context import AppContext
from leaderlog.ui.window.appearance import THEMES, apply_theme, is_dark, system_is_dark

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from leaderlog.core.records import Leader
    from leaderlog.journal.first_screen import FirstScreen
    from leaderlog.ui.page import Page

# The journal modules (leaderlog.journal.logbook, people, records and the pages) are imported
# inside the methods that run once the journal is open, so the shell paints first.

STATUS_TIMEOUT_MS = 8000
DEFAULT_SIZE = QSize(1200, 760)


@dataclass(frozen=True)
class PageSpec:
    """One sidebar entry: its name, shortcut, and where its Page class lives (imported on first use)."""

    key: str
    title: str
    module: str
    class_name: str
    fallback: tuple[str, str] | None = None
    """module and class to use when ``module`` is not installed (the charts dashboard)"""


PAGES: tuple[PageSpec, ...] = (
    PageSpec("today", "Today", "leaderlog.ui.today.today_page", "TodayPage"),
    PageSpec("journal", "Journal", "leaderlog.ui.journal.journal_page", "JournalPage"),
    PageSpec("followups", "Follow-ups", "leaderlog.ui.followups.followups_page", "FollowUpsPage"),
    PageSpec(
        "dashboard",
        "Dashboard",
        "leaderlog.ui.dashboard.dashboard_page",
        "DashboardPage",
        fallback=("leaderlog.ui.dashboard.weekly_table_page", "WeeklyTablePage"),
    ),
    PageSpec("people", "People", "leaderlog.ui.people.people_page", "PeoplePage"),
)


def load_page_class(spec: PageSpec) -> Callable[[AppContext], Page]:
    """Import a page's module on first use; fall back when an optional page is missing."""
    try:
        module = importlib.import_module(spec.module)
    except ModuleNotFoundError as exc:
        if spec.fallback is None or exc.name != spec.module:
            raise
        module = importlib.import_module(spec.fallback[0])
        return getattr(module, spec.fallback[1])
    return getattr(module, spec.class_name)


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
        self.pages: dict[str, Page] = {}
        self._painted = False
        self._first_screen: FirstScreen | None = None
        self._page_to_paint: Page | None = None
        self._painting_watched: list[QWidget] = []
        self._shortcuts: list[tuple[QAction, QKeySequence.StandardKey | str]] = []
        self.installEventFilter(self)

        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName("Pages")
        for index, spec in enumerate(PAGES, start=1):
            item = QListWidgetItem(spec.title)
            item.setToolTip(f"{spec.title} (Ctrl+{index})")
            item.setSizeHint(QSize(0, self.fontMetrics().height() * 2 + 4))
            self.sidebar.addItem(item)
        width = max(self.fontMetrics().horizontalAdvance(f"{s.title} (99)") for s in PAGES)
        self.sidebar.setFixedWidth(width + self.fontMetrics().averageCharWidth() * 8)
        self.stack = QStackedWidget()
        self._holders: list[QWidget] = []
        for _spec in PAGES:
            holder = QWidget()
            self._holders.append(holder)
            self.stack.addWidget(holder)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.sidebar.currentRowChanged.connect(self._show_page)

        self._build_toolbar()
        self._build_menus()
        self.statusBar().setSizeGripEnabled(True)
        self.database_label = QLabel("Demo journal" if context.demo else "")
        self.waiting_label: QLabel | None = None
        self.statusBar().addPermanentWidget(self.database_label)
        context.status_message.connect(self.show_status)
        context.people_changed.connect(self.reload_leaders)
        context.leader_changed.connect(self._leader_changed)
        context.undo_available.connect(self.undo_action.setEnabled)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

        self.badge_timer = QTimer(self)
        self.badge_timer.setSingleShot(True)
        self.badge_timer.setInterval(0)
        self.badge_timer.timeout.connect(self.update_follow_up_badge)

        self._restore_geometry()
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
        self.first_painted.connect(self._assign_shortcuts)
        self.first_painted.connect(self._confirm_system_theme)
        for action in self._journal_actions:
            action.setEnabled(False)
        self.leader_combo.setEnabled(False)
        self.sidebar.setCurrentRow(self._remembered_page_index())
        self.statusBar().showMessage("Opening the journal…")

    def journal_opened(self, first: FirstScreen | None = None) -> None:
        """Fill the window from the open journal: leaders, the remembered page, the status bar.

        ``first``: the leaders and the Today form's day, read at start-up before SQLAlchemy
        was loaded; the app calls ``database_ready()`` once it is. Without it, the
        window reads the journal and is ready at once.
        """
        context = self.context
        self._assign_shortcuts()
        self.statusBar().clearMessage()
        for action in self._journal_actions:
            action.setEnabled(True)
        where = context.db.path.name if context.db.path else context.db.display_name
        self.database_label.setText("Demo journal" if context.demo else where)
        self.database_label.setToolTip(f"Database: {context.db.display_name}")
        self._first_screen = first
        self.reload_leaders(first.leaders if first is not None else None)
        self._restore_page()
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
        """The domain layer is loaded: the team-mode outbox note and the follow-up badge."""
        from leaderlog.ui.window.outbox_status import WaitingEntriesLabel

        if self.waiting_label is not None:
            return
        self.waiting_label = WaitingEntriesLabel(self.context)
        self.statusBar().insertPermanentWidget(0, self.waiting_label)
        self.context.entries_changed.connect(self.badge_timer.start)
        self.context.leader_changed.connect(self.badge_timer.start)
        self.badge_timer.start()  # after the Today form: it is what the user waits for

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

    # ---------------------------------------------------------------- building

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Leader")
        toolbar.setObjectName("leader-toolbar")
        toolbar.setMovable(False)
        label = QLabel("&Leader ")
        self.leader_combo = QComboBox()
        self.leader_combo.setAccessibleName("Leader")
        self.leader_combo.setToolTip("Whose journal you are working on (Ctrl+L)")
        self.leader_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.leader_combo.setMinimumContentsLength(18)
        label.setBuddy(self.leader_combo)
        self.leader_combo.activated.connect(self._leader_picked)
        toolbar.addWidget(label)
        toolbar.addWidget(self.leader_combo)
        self.addToolBar(toolbar)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.new_entry_action = self._action(
            file_menu, "&New entry for today", self.new_entry, QKeySequence.StandardKey.New
        )
        # actions that read or write the journal: disabled while the shell waits for it
        self._journal_actions = [
            self._action(file_menu, "New &leader…", self.add_leader, "Ctrl+Shift+N")
        ]
        file_menu.addSeparator()
        self._journal_actions += [
            self._action(file_menu, "&Export chart…", self.export_chart, "Ctrl+Shift+E"),
            self._action(file_menu, "&Review pack…", self.save_review_pack, "Ctrl+Shift+R"),
        ]
        file_menu.addSeparator()
        self._journal_actions += [
            self._action(file_menu, "&Back up now", self.back_up_now),
            self._action(file_menu, "Restore from bac&kup…", self.restore_from_backup),
        ]
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        edit_menu = bar.addMenu("&Edit")
        self.undo_action = self._action(
            edit_menu, "&Undo delete", self.undo_delete, QKeySequence.StandardKey.Undo
        )
        self.undo_action.setEnabled(False)
        edit_menu.addSeparator()
        self._action(
            edit_menu, "&Find in journal", self.find_in_journal, QKeySequence.StandardKey.Find
        )
        self._action(edit_menu, "Choose &leader", self.focus_leader_picker, "Ctrl+L")

        view_menu = bar.addMenu("&View")
        for index, spec in enumerate(PAGES, start=1):
            self._action(view_menu, spec.title, lambda i=index - 1: self.go_to(i), f"Ctrl+{index}")
        view_menu.addSeparator()
        self._journal_actions.append(
            self._action(
                view_menu, "&Refresh", self.refresh_current, QKeySequence.StandardKey.Refresh
            )
        )
        theme_menu = view_menu.addMenu("&Appearance")
        self.theme_group = QActionGroup(self)
        chosen = self.context.settings.value("view/theme", "system", type=str)
        for theme in THEMES:
            action = QAction(theme.capitalize() if theme != "system" else "Follow the system", self)
            action.setCheckable(True)
            action.setChecked(theme == chosen)
            action.setData(theme)
            action.triggered.connect(lambda _checked=False, t=theme: self.set_theme(t))
            self.theme_group.addAction(action)
            theme_menu.addAction(action)
        self._action(
            view_menu, "&Full screen", self._toggle_full_screen, QKeySequence.StandardKey.FullScreen
        )

        help_menu = bar.addMenu("&Help")
        self._action(
            help_menu,
            "&Getting started",
            self.show_getting_started,
            QKeySequence.StandardKey.HelpContents,
        )
        self._action(help_menu, "&Keyboard shortcuts", self.show_shortcuts)
        self._action(help_menu, f"&About {APP_NAME}", self.show_about)

    def _action(
        self,
        menu: object,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            self._shortcuts.append((action, shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)  # type: ignore[attr-defined]
        self.addAction(action)
        return action

    def _assign_shortcuts(self) -> None:
        """The menus' shortcuts; the shell sets them once painted (see _wait_for_journal)."""
        for action, shortcut in self._shortcuts:
            if isinstance(shortcut, str):
                action.setShortcut(QKeySequence(shortcut))
            else:
                action.setShortcuts(QKeySequence.keyBindings(shortcut))
        self._shortcuts.clear()

    # ---------------------------------------------------------------- pages

    def page(self, key: str) -> Page:
        """The page with this key, constructed on first use."""
        index = next(i for i, spec in enumerate(PAGES) if spec.key == key)
        return self._page_at(index)

    def _page_at(self, index: int) -> Page:
        spec = PAGES[index]
        page = self.pages.get(spec.key)
        if page is None:
            page = load_page_class(spec)(self.context)
            self.pages[spec.key] = page
            if spec.key == "today" and self._first_screen is not None:
                page.show_first_screen(self._first_screen)  # type: ignore[attr-defined]
            self.stack.removeWidget(self._holders[index])
            self._holders[index].deleteLater()
            self.stack.insertWidget(index, page)
            if spec.key == "today":
                page.leader_added.connect(self._first_leader_added)  # type: ignore[attr-defined]
            if spec.key == "dashboard" and hasattr(page, "week_activated"):
                page.week_activated.connect(self.show_journal_period)
        return page

    def go_to(self, index: int) -> None:
        """Show page number ``index`` (0 = Today) and put the focus where work starts."""
        self.sidebar.setCurrentRow(index)
        if self.is_open:  # else the page is shown once the journal is open
            self._page_at(index).focus_first_input()

    def current_page(self) -> Page:
        return self._page_at(self.stack.currentIndex())

    def _show_page(self, index: int) -> None:
        if index < 0:
            return
        if self.is_open:
            self.stack.setCurrentWidget(self._page_at(index))
        else:
            self.stack.setCurrentIndex(index)  # its empty holder until the journal is open
        self.context.settings.setValue("window/page", PAGES[index].key)
        demo = " (demo journal)" if self.context.demo else ""
        self.setWindowTitle(f"{PAGES[index].title} — {APP_NAME}{demo}")

    def refresh_current(self) -> None:
        self.current_page().mark_stale()

    # ---------------------------------------------------------------- leaders

    def reload_leaders(self, leaders: list[Leader] | None = None) -> None:
        """Fill the leader picker with active leaders and keep the chosen one if still there.

        ``leaders``: already read (the start-up's first screen); else they are read now.
        """
        if leaders is None:
            from leaderlog.journal import people

            leaders = people.list_leaders(self.context.db)
        self.leader_combo.blockSignals(True)
        self.leader_combo.clear()
        for leader in leaders:
            text = f"{leader.name} · {leader.team}" if leader.team else leader.name
            self.leader_combo.addItem(text, leader)
        self.leader_combo.blockSignals(False)
        self.leader_combo.setEnabled(bool(leaders))
        if not leaders:
            self.leader_combo.addItem("No leaders yet")
            self.context.set_leader(None)
            return
        current = self.context.leader
        keep = next((x for x in leaders if current and x.id == current.id), None)
        self.context.set_leader(keep or self.context.remembered_leader(leaders))
        self._select_in_combo(self.context.leader)

    def _select_in_combo(self, leader: Leader | None) -> None:
        from leaderlog.core.records import Leader

        for row in range(self.leader_combo.count()):
            data = self.leader_combo.itemData(row)
            if isinstance(data, Leader) and leader is not None and data.id == leader.id:
                self.leader_combo.setCurrentIndex(row)
                return

    def _leader_picked(self, row: int) -> None:
        from leaderlog.core.records import Leader

        leader = self.leader_combo.itemData(row)
        if isinstance(leader, Leader):
            self.context.set_leader(leader)
            self.show_status(f"Now working on {leader.name}'s journal.")

    def _leader_changed(self, leader: Leader | None) -> None:
        self._select_in_combo(leader)

    def update_follow_up_badge(self) -> None:
        """The sidebar says how many of the leader's coaching follow-ups are overdue."""
        index = next(i for i, spec in enumerate(PAGES) if spec.key == "followups")
        item = self.sidebar.item(index)
        leader = self.context.leader
        overdue = 0
        if leader is not None:
            from leaderlog.journal import logbook

            try:
                today = self.context.today()
                notes = logbook.list_follow_ups(self.context.db, leader.id)
                overdue = sum(1 for note in notes if note.is_overdue(today))
            except LeaderLogError:
                return  # keep what it said (team server away, database busy)
        title = PAGES[index].title
        item.setText(f"{title} ({overdue})" if overdue else title)
        item.setToolTip(
            f"{title} (Ctrl+{index + 1}): {overdue} overdue"
            if overdue
            else f"{title} (Ctrl+{index + 1})"
        )

    def _first_leader_added(self, leader: Leader) -> None:
        self.context.people_changed.emit()
        self.context.set_leader(leader)
        self.reload_leaders()
        self.go_to(0)
        self.show_status(
            f"Welcome, {leader.name}! Step 2: type the minutes you spent with customers today "
            "and press Enter."
        )

    def focus_leader_picker(self) -> None:
        from PySide6.QtCore import Qt

        self.leader_combo.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.leader_combo.showPopup()

    def add_leader(self) -> None:
        self.go_to(next(i for i, s in enumerate(PAGES) if s.key == "people"))
        people_page = self.page("people")
        people_page.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
        people_page.leaders_tab.add()  # type: ignore[attr-defined]

    # ---------------------------------------------------------------- actions

    def new_entry(self) -> None:
        self.go_to(0)

    def show_journal_period(self, first: object, last: object) -> None:
        """Open the Journal on first..last (a week clicked in a Dashboard chart)."""
        self.go_to(next(i for i, s in enumerate(PAGES) if s.key == "journal"))
        self.page("journal").show_period(first, last)  # type: ignore[attr-defined]

    def _dashboard(self) -> Page | None:
        """Show the Dashboard and return it, or None when the charts are not installed."""
        self.go_to(next(i for i, s in enumerate(PAGES) if s.key == "dashboard"))
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

    def back_up_now(self) -> None:
        """File › Back up now."""
        from leaderlog.safety.backups import entries_text
        from leaderlog.ui.start.data_safety import back_up_now

        info = back_up_now(self, self.context.db, self.context.paths)
        if info is not None:
            self.show_status(f"Backed up {entries_text(info.entries)} to {info.path}.")

    def restore_from_backup(self) -> None:
        """File › Restore from backup…: the journal as it is now is kept as a backup first."""
        from leaderlog.safety.backups import entries_text
        from leaderlog.ui.start.data_safety import restore_from_backup

        today = self.pages.get("today")
        if today is not None:
            today.flush_draft()  # type: ignore[attr-defined]
        outcome = restore_from_backup(self, self.context.db)
        if outcome is None:
            return
        self.refresh_after_restore()
        restored = outcome.restored
        self.show_status(
            f"Restored the backup of {restored.local_time:%Y-%m-%d %H:%M} "
            f"({entries_text(restored.entries)}); the journal as it was is kept as "
            f"{outcome.kept_aside}."
        )

    def refresh_after_restore(self) -> None:
        """Another journal file is in place: every page shows it afresh."""
        self.context.people_changed.emit()
        self.context.entries_changed.emit()

    def find_in_journal(self) -> None:
        self.go_to(1)

    def undo_delete(self) -> None:
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

    def set_theme(self, theme: str) -> None:
        """System, light or dark; saved first because applying it emits colorSchemeChanged."""
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.context.settings.setValue("view/theme", theme if theme in THEMES else "system")
        apply_theme(app, theme)

    def _system_scheme_changed(self) -> None:
        """The desktop switched between light and dark: follow it if the user chose 'system'."""
        if self.context.settings.value("view/theme", "system", type=str) == "system":
            app = QApplication.instance()
            assert isinstance(app, QApplication)
            apply_theme(app, "system")

    def _confirm_system_theme(self) -> None:
        """Follow the desktop's colour scheme where the platform palette told otherwise."""
        app = QApplication.instance()
        chosen = self.context.settings.value("view/theme", "system", type=str)
        if (
            isinstance(app, QApplication)
            and chosen not in ("light", "dark")
            and system_is_dark() != is_dark(app.palette())
        ):
            apply_theme(app, "system")

    def _toggle_full_screen(self) -> None:
        from PySide6.QtCore import Qt

        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_TIMEOUT_MS)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # not at start-up: its enums cost ~1 ms

        database = self.context.db.display_name if self.is_open else "still opening"
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>A private, fast, local journal for frontline leaders: time with customers, "
            "coaching and reinforcement, every working day, and charts that show whether the "
            "habit holds.</p>"
            f"<p>Database: {database}<br>"
            f"Settings: {self.context.paths.config_dir}<br>"
            f"Log file: {self.context.paths.log_file}</p><p>MIT licence.</p>",
        )

    def show_getting_started(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(
            self,
            "Getting started",
            "<ol><li>Add yourself as a leader (People, or the welcome form on Today).</li>"
            "<li>Add your team members and the service standards you coach to (People).</li>"
            "<li>Each working day, on Today: type your minutes with customers (or use the "
            "timer), then a coaching note and a reinforcement when you have them, and press "
            "Enter.</li><li>Follow-ups reminds you of coaching check-ins; the Dashboard shows "
            "whether the habit holds week after week.</li></ol>",
        )

    def show_shortcuts(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        rows = "".join(
            f"<tr><td>Ctrl+{i}</td><td>{spec.title}</td></tr>" for i, spec in enumerate(PAGES, 1)
        )
        QMessageBox.information(
            self,
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

    # ---------------------------------------------------------------- state

    def _restore_geometry(self) -> None:
        geometry = self.context.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(DEFAULT_SIZE)

    def _remembered_page_index(self) -> int:
        key = self.context.settings.value("window/page", "today", type=str)
        return next((i for i, s in enumerate(PAGES) if s.key == key), 0)

    def _restore_page(self) -> None:
        """Show the page used last (or the one picked while the journal was opening)."""
        index = self.sidebar.currentRow()
        if index < 0:
            index = self._remembered_page_index()
        if self.context.leader is None:
            index = 0  # the welcome lives on Today
        if self.sidebar.currentRow() == index:
            self._show_page(index)
        else:
            self.sidebar.setCurrentRow(index)
        self._page_at(index).focus_first_input()

    def closeEvent(self, event: QCloseEvent) -> None:
        today = self.pages.get("today")
        if today is not None:
            today.flush_draft()  # type: ignore[attr-defined]
        self.context.settings.setValue("window/geometry", self.saveGeometry())
        self.context.settings.sync()
        super().closeEvent(event)
