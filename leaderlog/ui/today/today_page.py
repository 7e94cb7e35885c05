"""The Today page: log minutes (typed or timed), a coaching note and a reinforcement in seconds.

The page lays out and wires the form (form.py) and the helpers that own its actions: the
timer (timer.py), drafts (drafts.py), inline member creation (member_creation.py) and the
welcome panel (welcome.py). At start-up it is shown from a first screen read without
SQLAlchemy (leaderlog.journal.first_screen); the domain modules are imported where they are used.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from leaderlog.core.errors import FieldProblem, LeaderLogError, ValidationError
from leaderlog.core.records import DayLog, Entry, Leader, Standard, TeamMember
from leaderlog.ui.context import AppContext
from leaderlog.ui.entries import (
    TYPE_LABELS,
    delete_with_undo,
    edit_entry,
    entry_details,
    entry_who,
)
from leaderlog.ui.page import Page
from leaderlog.ui.today.day_strip import DayNavigator, HabitReader, plain_date
from leaderlog.ui.today.drafts import DraftKeeper, DraftStore
from leaderlog.ui.today.form import TodayForm
from leaderlog.ui.today.member_creation import InlineMemberCreation, name_in_team_combo
from leaderlog.ui.today.timer import TimerControl
from leaderlog.ui.today.welcome import DraftBanner, WelcomePanel
from leaderlog.ui.widgets import FieldErrorLabel, show_error

if TYPE_CHECKING:
    from leaderlog.journal.first_screen import FirstScreen
    from leaderlog.journal.today import TodayInput

DRAFT_INTERVAL_MS = 3000


class TodayPage(Page):
    """Quick entry for today: minutes, timer, coaching note, reinforcement; today's entries below."""

    title = "Today"
    leader_added = Signal(object)
    reminder_wanted = Signal()
    """the welcome's "Remind me" was ticked when the first leader was added"""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._entries: list[Entry] = []
        self._members: list[TeamMember] = []
        """the leader's active team as shown in Who's completer and the For list"""
        self._form_leader: Leader | None = None
        """whose form is on screen (drafts belong to them, even while the leader changes)"""
        self._first_screen: FirstScreen | None = None
        self._shown_day: dt.date | None = None
        """the day on screen (the form saves to it)"""
        self._chosen_day: dt.date | None = None
        """a day picked in the navigator; None follows today (also past midnight)"""

        self.welcome = WelcomePanel(context)
        self.welcome.leader_added.connect(self.leader_added)
        self.welcome.reminder_wanted.connect(self.reminder_wanted)
        self.form_panel = QWidget()
        self._build_form_panel()

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.addWidget(self.welcome)
        holder_layout.addWidget(self.form_panel)
        scroll.setWidget(holder)
        outer.addWidget(scroll)

        # the helpers that own the form's actions
        form = self.form
        self.timer = TimerControl(context, form.timer_button, form.timer_label, self.errors, self)
        self.member_creation = InlineMemberCreation(
            context, form.add_member_button, form.who_edit, self.errors, self
        )
        self.member_creation.member_added.connect(self._member_added)
        self.for_member_creation = InlineMemberCreation(
            context, form.for_add_member_button, form.for_combo.lineEdit(), self.errors, self
        )
        self.for_member_creation.member_added.connect(self._for_member_added)
        self.drafts = DraftStore(context.drafts_dir)
        self.draft_keeper = DraftKeeper(
            self.drafts,
            form,
            self.banner,
            context,
            shown_leader=lambda: self._form_leader,
            focus=self.focus_first_input,
        )
        form.submitted.connect(self.save)
        form.clear_button.clicked.connect(self.clear_form)

        self.autosave = QTimer(self)
        self.autosave.setInterval(DRAFT_INTERVAL_MS)
        self.autosave.timeout.connect(self.draft_keeper.save)
        self.autosave.timeout.connect(self._check_date)
        self.autosave.start()
        self.habit = HabitReader(context, self.navigator, self)

    # ---------------------------------------------------------------- building

    def _build_form_panel(self) -> None:
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.navigator = DayNavigator()
        self.navigator.day_chosen.connect(self.go_to_day)
        self.date_error = FieldErrorLabel()
        self.banner = DraftBanner()
        self.form = TodayForm(self.context.today)
        form = self.form
        # the fields by the names the window, the start-up check and the tests use
        self.errors = form.errors
        self.errors.add("date", self.date_error, self.navigator.date_edit)
        self.minutes_edit, self.day_note_edit = form.minutes_edit, form.day_note_edit
        self.timer_button, self.timer_label = form.timer_button, form.timer_label
        self.who_edit, self.completer = form.who_edit, form.completer
        self.add_member_button = form.add_member_button
        self.coach_standard, self.observation_edit = form.coach_standard, form.observation_edit
        self.action_edit, self.follow_combo = form.action_edit, form.follow_combo
        self.kind_combo, self.for_combo = form.kind_combo, form.for_combo
        self.reinforce_standard = form.reinforce_standard
        self.description_edit = form.description_edit
        self.save_button, self.clear_button = form.save_button, form.clear_button

        self.today_list = QListWidget()
        self.today_list.setAccessibleName("Today's entries")
        self.today_list.itemActivated.connect(self._edit_item)
        self.today_list.installEventFilter(self)
        self.today_list.setWordWrap(True)
        self.today_list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.today_list.setAlternatingRowColors(True)
        self.today_list.setSpacing(3)
        self.today_hint = QLabel()
        self.today_hint.setWordWrap(True)
        self.today_hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        right = QVBoxLayout()
        self.list_title = QLabel("Lo&gged today")
        self.list_title.setBuddy(self.today_list)
        right.addWidget(self.list_title)
        right.addWidget(self.today_list, 1)
        right.addWidget(self.today_hint)
        # takes the room only while the list is hidden, so the empty-day hint sits under the title
        right.addStretch(0)
        columns = QHBoxLayout()
        columns.addWidget(form, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self.form_panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.navigator)
        layout.addWidget(self.date_error)
        layout.addWidget(self.banner)
        layout.addLayout(columns, 1)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(key), self.form_panel)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save)
        for key, days in (("Alt+Left", -1), ("Alt+Right", 1)):
            shortcut = QShortcut(QKeySequence(key), self.form_panel)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda days=days: self.navigator.step(days))

    # ---------------------------------------------------------------- page interface

    def set_leader(self, leader: Leader | None) -> None:
        shown = self._form_leader
        if leader is not None and shown is not None and leader.id == shown.id:
            super().set_leader(leader)  # the same leader, edited: keep what is typed
            return
        self.draft_keeper.save()
        self._form_leader = None
        self.draft_keeper.withdraw()
        self.form.clear_fields()
        super().set_leader(leader)

    def refresh(self) -> None:
        leader = self.context.leader
        self.welcome.setVisible(leader is None)
        self.form_panel.setVisible(leader is not None)
        if leader is None:
            self.timer.show_state()
            return
        today = self.context.today()
        if self._chosen_day is not None and self._chosen_day >= today:
            self._chosen_day = None
        day = self._chosen_day or today
        self._shown_day = day
        self._form_leader = leader
        self._show_heading(leader, day, today)
        self.navigator.show_day(day, today)
        first_paint = self._first_screen is not None
        members, standards, day_log, entries = self._read_day(leader, day)
        self._members = members
        self.form.show_choices(members, standards)
        self.form.show_day_log(day_log)
        self._show_entries(entries, day, today)
        self.timer.show_state()
        self.draft_keeper.offer(leader)
        # at start-up the habit needs SQLAlchemy, which loads once this form is painted
        self.habit.show(leader, day, at_start_up=first_paint)

    def _show_heading(self, leader: Leader, day: dt.date, today: dt.date) -> None:
        """The day in plain words, so nobody logs to the wrong one."""
        when = f"Today, {plain_date(day)}" if day == today else f"{plain_date(day)} — not today"
        rest_day = "" if leader.work_pattern.is_workday(day) else " (not a scheduled workday)"
        self.heading.setText(
            f"<h2>{when} <small>· {html.escape(leader.name, quote=False)}{rest_day}</small></h2>"
        )
        self.heading.setAccessibleName(
            f"{when}, {leader.name}{rest_day}" if day == today else f"Logging {when}"
        )

    def go_to_day(self, day: dt.date) -> None:
        """Show and log another day (never after today): its saved entries, the form kept."""
        today = self.context.today()
        if day > today:
            return
        self._chosen_day = None if day == today else day
        self.form.general_error.show_message("")
        self.date_error.show_message("")
        self.mark_stale()

    def show_first_screen(self, first: FirstScreen) -> None:
        """Show the start-up's first screen when the page is shown (it holds its leader's day)."""
        self._first_screen = first

    def _read_day(
        self, leader: Leader, today: dt.date
    ) -> tuple[list[TeamMember], list[Standard], DayLog | None, list[Entry]]:
        """The leader's members, the standards, today's day log and entries (once from the first screen)."""
        first, self._first_screen = self._first_screen, None
        shown = first.leader if first is not None else None
        if first is not None and shown is not None and shown.id == leader.id and first.day == today:
            return first.members, first.standards, first.day_log, first.entries
        from leaderlog.journal import logbook, people

        db = self.context.db
        return (
            people.list_members(db, leader.id),
            people.list_standards(db),
            logbook.get_day_log(db, leader.id, today),
            logbook.list_entries(db, leader_ids=[leader.id], start=today, end=today),
        )

    def _check_date(self) -> None:
        """Left open overnight, the page moves on to the new day by itself (a picked day stays)."""
        if self._shown_day is None or self.navigator.day is None:
            return
        today = self.context.today()
        if self._chosen_day is None and today != self._shown_day:
            self.form.forget_day()
            self.mark_stale()
        elif self._chosen_day is not None and today != self._today_shown():
            self.mark_stale()  # the heading and the navigator's last day move on

    def _today_shown(self) -> dt.date | None:
        edit = self.navigator.date_edit.maximumDate()
        return dt.date(edit.year(), edit.month(), edit.day())

    def focus_first_input(self) -> None:
        if self.context.leader is None:
            self.welcome.name_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        self.minutes_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.minutes_edit.selectAll()

    def _show_entries(self, entries: list[Entry], day: dt.date, today: dt.date) -> None:
        self._entries = entries
        self.today_list.clear()
        for entry in self._entries:
            who = entry_who(entry)
            standard = getattr(entry, "standard_name", None)
            text = (
                f"{TYPE_LABELS[entry.entry_type]}{' · ' + who if who else ''}"
                f"{' · ' + standard if standard else ''}: "
            )
            item = QListWidgetItem(text + entry_details(entry, today))
            item.setToolTip(item.text())
            self.today_list.addItem(item)
        self.today_list.setVisible(bool(self._entries))
        on_day = "today" if day == today else f"on {day:%a} {day.day} {day:%b}"
        self.list_title.setText(f"Lo&gged {on_day}")
        self.today_list.setAccessibleName(f"Entries logged {on_day}")
        if self._entries:
            self.today_hint.setText(
                "Enter edits the selected entry; Delete removes it (Ctrl+Z undoes)."
            )
        else:
            self.today_hint.setText(
                f"Nothing logged {on_day} yet. Type your minutes with customers and press Enter; "
                "add a coaching note or a reinforcement when you have one."
            )

    # ---------------------------------------------------------------- form actions

    def clear_form(self) -> None:
        """Empty the form (the saved entries stay) and forget the draft."""
        self.form.clear_fields()
        leader = self.context.leader
        if leader is not None:
            from leaderlog.journal import logbook

            self.form.show_day_log(
                logbook.get_day_log(self.context.db, leader.id, self._day_on_screen())
            )
            self.draft_keeper.forget()
        self.draft_keeper.dirty = False
        self.focus_first_input()

    def _day_on_screen(self) -> dt.date:
        """The day the form saves to: the one shown (today until another is picked)."""
        return self._chosen_day or self.context.today()

    def flush_draft(self) -> None:
        """On close: keep whatever was typed, even while an older draft is still on offer."""
        self.draft_keeper.flush()

    def _member_added(self, member: TeamMember) -> None:
        self.refresh()
        self.save()

    def _for_member_added(self, member: TeamMember) -> None:
        self.refresh()
        self._choose_for_member(member.id)
        self.save()

    # ---------------------------------------------------------------- saving

    def save(self) -> None:
        """Save every filled-in part of the form at once; say what was saved in the status bar."""
        leader = self.context.leader
        if leader is None:
            return
        self.errors.clear()
        self.member_creation.hide()
        self.for_member_creation.hide()
        today = self.context.today()
        day = self._day_on_screen()
        entry = self.form.today_input(today)
        from leaderlog.team import sync

        try:
            entry = self._with_for_member(leader, day, entry, today)
            # team mode: a save while the server is unreachable waits on this computer
            saved = sync.save_today(
                self.context.db, self.context.outbox, leader.id, day, entry, today=today
            )
        except ValidationError as exc:
            self.form.show_problems(exc)
            if any(problem.field == "member" for problem in exc.problems):
                self.member_creation.offer()
            elif any(problem.field == "reinforcement member" for problem in exc.problems):
                self.for_member_creation.offer()
            return
        except LeaderLogError as exc:
            show_error(self, exc, "Nothing was saved; what you typed is still in the form.")
            return
        self.form.mark_saved(saved)
        on_day = "" if day == today else f" on {plain_date(day)}"
        # the draft first: the refresh entries_changed brings must not offer what was just saved
        self.draft_keeper.after_save()
        self.context.show_status("Saved" + on_day + ": " + ", ".join(saved.parts()) + ".")
        self.context.entries_changed.emit()

    def _with_for_member(
        self, leader: Leader, day: dt.date, entry: TodayInput, today: dt.date
    ) -> TodayInput:
        """A name typed in For is found in the team as Who's is, or refused with the form's
        other problems (the domain takes For as a member id, so the name is looked up here)."""
        typed = name_in_team_combo(self.for_combo)
        if entry.reinforcement is None or not typed or entry.reinforcement.member_id is not None:
            return entry
        from leaderlog.journal.today import check_today, in_form_order, match_member

        try:
            member = match_member(self._members, typed, leader.name)
        except ValidationError as exc:
            problems = [
                FieldProblem("reinforcement member", problem.message) for problem in exc.problems
            ]
            problems += check_today(day, entry, today=today).problems
            raise ValidationError.from_problems(in_form_order(problems)) from None
        self._choose_for_member(member.id)  # a unique part of a name: the list shows whose
        return self.form.today_input(today)

    def _choose_for_member(self, member_id: int) -> None:
        with self.form.quietly():
            self.for_combo.setCurrentIndex(max(0, self.for_combo.findData(member_id)))

    # ---------------------------------------------------------------- today's list

    def _selected_entry(self) -> Entry | None:
        row = self.today_list.currentRow()
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def _edit_item(self) -> None:
        entry = self._selected_entry()
        if entry is not None:
            edit_entry(self.context, self, entry)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.today_list and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.matches(QKeySequence.StandardKey.Delete):
                entry = self._selected_entry()
                if entry is not None:
                    delete_with_undo(self.context, self, entry)
                return True
        return super().eventFilter(watched, event)
