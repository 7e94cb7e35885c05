"""The Today page: log minutes (typed or timed), a coaching note and a reinforcement in seconds.

At start-up the page is shown from a first screen read without SQLAlchemy
(leaderlog.journal.first_screen); the domain modules are imported where they are used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from leaderlog.core.errors import FieldProblem, LeaderLogError, ValidationError
from leaderlog.core.records import DayLog, Entry, Leader, Standard, TeamMember
from leaderlog.core.validation import KIND_LABELS, as_minutes, as_text, name_key
from leaderlog.ui.context import AppContext
from leaderlog.ui.entries import (
    TYPE_LABELS,
    delete_with_undo,
    edit_entry,
    entry_details,
    entry_who,
    to_qdate,
)
from leaderlog.ui.page import Page
from leaderlog.ui.today.drafts import DraftStore
from leaderlog.ui.widgets import FieldErrorLabel, FormErrors, add_field_row, guarded, show_error

if TYPE_CHECKING:
    from leaderlog.journal.first_screen import FirstScreen

DRAFT_INTERVAL_MS = 3000
LONG_TIMER_MINUTES = 16 * 60

FOLLOW_UP_CHOICES: tuple[tuple[str, int | None], ...] = (
    ("No follow-up", None),
    ("Tomorrow", 1),
    ("In 3 days", 3),
    ("In 1 week", 7),
    ("In 2 weeks", 14),
    ("In 1 month", 30),
    ("On a date…", -1),
)
PICK_DATE = -1


class _SubmitFilter(QObject):
    """Enter saves the form: Ctrl+Enter in a multi-line field, plain Enter on a drop-down list."""

    def __init__(self, submit: Callable[[], None], parent: QObject, *, plain: bool) -> None:
        super().__init__(parent)
        self._submit = submit
        self._plain = plain

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            control = bool(key_event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                control or self._plain
            ):
                self._submit()
                return True
        return False


class WelcomePanel(QWidget):
    """First start on an empty journal: explains the idea and adds the first leader in one step."""

    leader_added = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        title = QLabel("<h2>Welcome to LeaderLog</h2>")
        intro = QLabel(
            "Customer experience follows leadership. Each working day, log three habits:"
            "<ol><li><b>Time with customers</b>: minutes you spent serving customers yourself"
            "</li><li><b>Coaching</b>: a conversation with a team member against a service "
            "standard</li><li><b>Reinforcement</b>: recognition, praise, a customer compliment "
            "shared, or a prompt correction</li></ol>"
            "It takes under 30 seconds a day. The Dashboard then shows whether the habit holds, "
            "week after week.<br><br><b>Step 1:</b> who is logging? Enter your name (you can add "
            "more leaders, team members and standards on the People page later)."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Your name")
        self.name_edit.setPlaceholderText("e.g. Ana Ruiz")
        self.team_edit = QLineEdit()
        self.team_edit.setAccessibleName("Team or site")
        self.team_edit.setPlaceholderText("e.g. North store, optional")
        self.name_error = FieldErrorLabel()
        general = FieldErrorLabel()
        self.errors = FormErrors(general)
        self.errors.add("name", self.name_error, self.name_edit)
        form = QFormLayout()
        form.addRow("Your &name", self.name_edit)
        form.addRow("", self.name_error)
        form.addRow("&Team or site", self.team_edit)
        self.add_button = QPushButton("Start &logging")
        self.add_button.setAccessibleName("Add this leader and start logging")
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self._add)
        self.name_edit.returnPressed.connect(self._add)
        self.team_edit.returnPressed.connect(self._add)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(general)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        next_step = QLabel(
            "<b>Step 2:</b> the daily form opens. Type today's minutes with customers and press "
            "Enter. Name a team member in a coaching note and LeaderLog offers to add them to "
            "your team, so there is nothing else to set up first."
        )
        next_step.setWordWrap(True)
        layout.addWidget(next_step)
        layout.addStretch(1)
        self.setMaximumWidth(760)

    def _add(self) -> None:
        from leaderlog.journal import people

        leader = guarded(
            self,
            self.errors,
            lambda: people.add_leader(
                self.context.db, self.name_edit.text(), team=self.team_edit.text()
            ),
        )
        if leader is None:
            return
        self.errors.clear()
        self.name_edit.clear()
        self.team_edit.clear()
        self.leader_added.emit(leader)


class DraftBanner(QFrame):
    """Offers back text that was typed but never saved."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.backgroundRole().AlternateBase)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.restore_button = QPushButton("&Bring back")
        self.restore_button.setAccessibleName("Bring back the unsaved text")
        self.discard_button = QPushButton("Discard")
        self.discard_button.setAccessibleName("Discard the unsaved text")
        layout = QHBoxLayout(self)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.discard_button)
        self.hide()


class TodayPage(Page):
    """Quick entry for today: minutes, timer, coaching note, reinforcement; today's entries below."""

    title = "Today"
    leader_added = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.drafts = DraftStore(context.drafts_dir)
        self._members: list[TeamMember] = []
        self._saved_day_minutes: int | None = None
        self._saved_day_note = ""
        self._pending_draft: dict[str, str] | None = None
        self._dirty = False
        self._filling = False
        self._entries: list[Entry] = []
        self._form_leader: Leader | None = None
        """whose form is on screen (drafts belong to them, even while the leader changes)"""
        self._first_screen: FirstScreen | None = None

        self.welcome = WelcomePanel(context)
        self.welcome.leader_added.connect(self.leader_added)

        self.form_panel = QWidget()
        self._build_form()

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

        self.autosave = QTimer(self)
        self.autosave.setInterval(DRAFT_INTERVAL_MS)
        self.autosave.timeout.connect(self.save_draft)
        self.autosave.timeout.connect(self._check_date)
        self.autosave.start()
        self._shown_day: dt.date | None = None
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._show_timer)

    # ---------------------------------------------------------------- building

    def _build_form(self) -> None:
        self._form_labels: list[QLabel] = []
        general = FieldErrorLabel()
        self.errors = FormErrors(general)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.banner = DraftBanner()
        self.banner.restore_button.clicked.connect(self.restore_draft)
        self.banner.discard_button.clicked.connect(self.discard_draft)

        # -- time with customers
        self.minutes_edit = QLineEdit()
        self.minutes_edit.setAccessibleName("Minutes with customers today")
        self.minutes_edit.setPlaceholderText("e.g. 45")
        self.minutes_edit.setMaxLength(4)
        self.minutes_edit.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.timer_button = QPushButton("Start &timer")
        self.timer_button.setAccessibleName("Start or stop the customer-time timer")
        self.timer_button.setToolTip(
            "Start when you go out to serve customers, stop when you are back; the minutes are "
            "added to today. The timer keeps running if you close LeaderLog."
        )
        self.timer_button.clicked.connect(self.toggle_timer)
        self.timer_label = QLabel()
        self.timer_label.setAccessibleName("Timer state")
        minutes_row = QHBoxLayout()
        minutes_row.addWidget(self.minutes_edit)
        minutes_row.addWidget(self.timer_button)
        minutes_row.addWidget(self.timer_label, 1)
        self.day_note_edit = QLineEdit()
        self.day_note_edit.setAccessibleName("Day note")
        self.day_note_edit.setPlaceholderText("Optional reflection on the day")
        day_box = QGroupBox("Time with customers")
        day_form = self._form(day_box)
        self._row(day_form, "&Minutes", minutes_row, "minutes", self.minutes_edit)
        self._row(day_form, "Da&y note", self.day_note_edit, "note", self.day_note_edit)

        # -- coaching
        self.who_edit = QLineEdit()
        self.who_edit.setAccessibleName("Coached team member")
        self.who_edit.setPlaceholderText("Start typing a name")
        self.completer = QCompleter([], self.who_edit)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.who_edit.setCompleter(self.completer)
        self.coach_standard = QComboBox()
        self.coach_standard.setAccessibleName("Standard coached")
        self.observation_edit = QPlainTextEdit()
        self.observation_edit.setAccessibleName("Observation")
        self.observation_edit.setPlaceholderText("What did you see? (Ctrl+Enter saves)")
        self.observation_edit.setTabChangesFocus(True)
        self.observation_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.action_edit = QLineEdit()
        self.action_edit.setAccessibleName("Agreed action")
        self.action_edit.setPlaceholderText("What did you agree?")
        self.follow_combo = QComboBox()
        self.follow_combo.setAccessibleName("Follow-up")
        for label, days in FOLLOW_UP_CHOICES:
            self.follow_combo.addItem(label, days)
        self.follow_date = QDateEdit()
        self.follow_date.setAccessibleName("Follow-up date")
        self.follow_date.setCalendarPopup(True)
        self.follow_date.setDisplayFormat("yyyy-MM-dd")
        self.follow_date.setDate(to_qdate(self.context.today() + dt.timedelta(days=7)))
        self.follow_date.hide()
        self.follow_combo.currentIndexChanged.connect(self._follow_choice_changed)
        follow_row = QHBoxLayout()
        follow_row.addWidget(self.follow_combo)
        follow_row.addWidget(self.follow_date)
        follow_row.addStretch(1)
        coach_box = QGroupBox("Coaching note")
        coach_form = self._form(coach_box)
        self.add_member_button = QPushButton()
        self.add_member_button.setAccessibleName("Add this name to the team and save")
        self.add_member_button.clicked.connect(self._add_typed_member)
        self.add_member_button.hide()
        self.who_edit.textEdited.connect(self.add_member_button.hide)
        who_row = QHBoxLayout()
        who_row.addWidget(self.who_edit, 1)
        who_row.addWidget(self.add_member_button)
        self._row(coach_form, "&Who", who_row, "member", self.who_edit)
        self._row(coach_form, "Sta&ndard", self.coach_standard, "coach standard", None)
        self._row(coach_form, "&Observation", self.observation_edit, "observation", None)
        self._row(coach_form, "&Agreed action", self.action_edit, "agreed action", None)
        self._row(coach_form, "Follow-&up", follow_row, "follow-up", self.follow_combo)

        # -- reinforcement
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Kind of reinforcement")
        self.kind_combo.addItem("— none today —", None)
        for key, label in KIND_LABELS.items():
            self.kind_combo.addItem(label, key)
        self.for_combo = QComboBox()
        self.for_combo.setAccessibleName("Reinforcement for")
        self.reinforce_standard = QComboBox()
        self.reinforce_standard.setAccessibleName("Standard reinforced")
        self.description_edit = QLineEdit()
        self.description_edit.setAccessibleName("Reinforcement description")
        self.description_edit.setPlaceholderText("What happened?")
        reinforce_box = QGroupBox("Reinforcement")
        reinforce_form = self._form(reinforce_box)
        self._row(reinforce_form, "&Kind", self.kind_combo, "kind", self.kind_combo)
        self._row(reinforce_form, "Fo&r", self.for_combo, "reinforcement member", None)
        self._row(reinforce_form, "Standar&d", self.reinforce_standard, "standard", None)
        self._row(reinforce_form, "Descr&iption", self.description_edit, "description", None)

        # -- actions
        self.save_button = QPushButton("&Save")
        self.save_button.setAccessibleName("Save today's entries")
        self.save_button.setToolTip("Save (Enter in a one-line field, or Ctrl+Enter anywhere)")
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton("&Clear")
        self.clear_button.setAccessibleName("Clear the form")
        self.clear_button.clicked.connect(self.clear_form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(QLabel("Enter or Ctrl+Enter saves everything filled in."), 1)

        # -- today's entries
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

        # one label column width for the three boxes, so their fields line up
        label_width = max(label.sizeHint().width() for label in self._form_labels)
        for label in self._form_labels:
            label.setMinimumWidth(label_width)
        left = QVBoxLayout()
        left.addWidget(day_box)
        left.addWidget(coach_box)
        left.addWidget(reinforce_box)
        left.addWidget(general)
        left.addLayout(buttons)
        left.addStretch(1)
        right = QVBoxLayout()
        list_title = QLabel("Lo&gged today")
        list_title.setBuddy(self.today_list)
        right.addWidget(list_title)
        right.addWidget(self.today_list, 1)
        right.addWidget(self.today_hint)
        # takes the room only while the list is hidden, so the empty-day hint sits under the title
        right.addStretch(0)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self.form_panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.banner)
        layout.addLayout(columns, 1)

        self._ctrl_enter = _SubmitFilter(self.save, self, plain=False)
        self.observation_edit.installEventFilter(self._ctrl_enter)
        self._enter = _SubmitFilter(self.save, self, plain=True)
        for combo in (
            self.coach_standard,
            self.follow_combo,
            self.kind_combo,
            self.for_combo,
            self.reinforce_standard,
        ):
            combo.installEventFilter(self._enter)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(key), self.form_panel)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save)
        for line in (
            self.minutes_edit,
            self.day_note_edit,
            self.action_edit,
            self.description_edit,
        ):
            line.returnPressed.connect(self.save)
            line.textEdited.connect(self._changed)
        # Enter in the name field first accepts the completion; saving needs a second Enter
        self.who_edit.returnPressed.connect(self._who_return)
        self.who_edit.textEdited.connect(self._changed)
        self.observation_edit.textChanged.connect(self._changed)
        self.kind_combo.currentIndexChanged.connect(self._changed)

    def _form(self, box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return form

    def _row(
        self,
        form: QFormLayout,
        text: str,
        field_item: QWidget | QHBoxLayout,
        error_field: str,
        focus: QWidget | None,
    ) -> None:
        label = add_field_row(form, self.errors, text, field_item, error_field, focus)
        self._form_labels.append(label)

    # ---------------------------------------------------------------- page interface

    def set_leader(self, leader: Leader | None) -> None:
        shown = self._form_leader
        if leader is not None and shown is not None and leader.id == shown.id:
            super().set_leader(leader)  # the same leader, edited: keep what is typed
            return
        self.save_draft()
        self._form_leader = None
        self._pending_draft = None
        self.banner.hide()
        self._clear_fields()
        super().set_leader(leader)

    def refresh(self) -> None:
        leader = self.context.leader
        self.welcome.setVisible(leader is None)
        self.form_panel.setVisible(leader is not None)
        if leader is None:
            self.ticker.stop()
            return
        today = self.context.today()
        self._shown_day = today
        self._form_leader = leader
        rest_day = (
            ""
            if leader.work_pattern.is_workday(today)
            else " <small>(not a scheduled workday)</small>"
        )
        self.heading.setText(
            f"<h2>{today.strftime('%A %d %B %Y')} — {_escape(leader.name)}{rest_day}</h2>"
        )
        self._members, standard_list, day_log, entries = self._read_day(leader, today)
        names = [m.name for m in self._members]
        self.completer.model().setStringList(names)  # type: ignore[attr-defined]
        self.who_edit.setPlaceholderText(
            "Start typing a name"
            if names
            else "No team members yet: type a name and save; you can add them in one click"
        )
        self._fill_combo(
            self.for_combo, [("Whole team", None)] + [(m.name, m.id) for m in self._members]
        )
        standards = [("No standard", None)] + [(s.name, s.id) for s in standard_list]
        self._fill_combo(self.coach_standard, standards)
        self._fill_combo(self.reinforce_standard, standards)
        self._show_day_log(day_log)
        self._show_entries(entries, today)
        self._show_timer()
        if self._pending_draft is None:
            self._offer_draft()

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
        """Left open overnight, the page moves on to the new day by itself."""
        if self._shown_day is not None and self.context.today() != self._shown_day:
            self._saved_day_minutes = None
            self._set_quietly(self.minutes_edit, "")
            self.mark_stale()

    def focus_first_input(self) -> None:
        if self.context.leader is None:
            self.welcome.name_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        self.minutes_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.minutes_edit.selectAll()

    def _fill_combo(self, combo: QComboBox, items: list[tuple[str, int | None]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def _load_day_log(self) -> None:
        from leaderlog.journal import logbook

        leader = self.context.leader
        assert leader is not None
        self._show_day_log(logbook.get_day_log(self.context.db, leader.id, self.context.today()))

    def _show_day_log(self, log: DayLog | None) -> None:
        previous = self._saved_day_minutes
        self._saved_day_minutes = log.minutes if log else None
        self._saved_day_note = log.note if log else ""
        shown = self.minutes_edit.text().strip()
        # keep what the user typed; only replace text that mirrors the saved value
        if not shown or (previous is not None and shown == str(previous)):
            self._set_quietly(self.minutes_edit, "" if log is None else str(log.minutes))
        if (
            not self.day_note_edit.text().strip()
            or self.day_note_edit.text() == self._saved_day_note
        ):
            self._set_quietly(self.day_note_edit, self._saved_day_note)

    def _show_entries(self, entries: list[Entry], today: dt.date) -> None:
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
        if self._entries:
            self.today_hint.setText(
                "Enter edits the selected entry; Delete removes it (Ctrl+Z undoes)."
            )
        else:
            self.today_hint.setText(
                "Nothing logged today yet. Type your minutes with customers and press Enter; "
                "add a coaching note or a reinforcement when you have one."
            )

    def _set_quietly(self, line: QLineEdit, text: str) -> None:
        self._filling = True
        line.setText(text)
        self._filling = False

    # ---------------------------------------------------------------- form state

    def _changed(self) -> None:
        if not self._filling:
            self._dirty = True

    def _follow_choice_changed(self) -> None:
        days = self.follow_combo.currentData()
        self.follow_date.setVisible(days == PICK_DATE)
        today = self.context.today()
        if days == PICK_DATE:
            self.follow_date.setDate(to_qdate(today + dt.timedelta(days=7)))
            self.follow_date.setFocus()
        elif days:
            self.follow_date.setDate(to_qdate(today + dt.timedelta(days=days)))

    def _who_return(self) -> None:
        popup = self.completer.popup()
        if popup is not None and popup.isVisible():
            return
        self.save()

    def form_fields(self) -> dict[str, str]:
        """The form's typed text, for drafts (minutes only when they differ from the saved log)."""
        minutes = self.minutes_edit.text().strip()
        if self._saved_day_minutes is not None and minutes == str(self._saved_day_minutes):
            minutes = ""
        note = self.day_note_edit.text()
        return {
            "minutes": minutes,
            "day_note": "" if note == self._saved_day_note else note,
            "who": self.who_edit.text(),
            "observation": self.observation_edit.toPlainText(),
            "action": self.action_edit.text(),
            "kind": self.kind_combo.currentData() or "",
            "description": self.description_edit.text(),
        }

    def _apply_fields(self, fields: dict[str, str]) -> None:
        self._filling = True
        if fields.get("minutes"):
            self.minutes_edit.setText(fields["minutes"])
        if fields.get("day_note"):
            self.day_note_edit.setText(fields["day_note"])
        self.who_edit.setText(fields.get("who", ""))
        self.observation_edit.setPlainText(fields.get("observation", ""))
        self.action_edit.setText(fields.get("action", ""))
        self.kind_combo.setCurrentIndex(
            max(0, self.kind_combo.findData(fields.get("kind") or None))
        )
        self.description_edit.setText(fields.get("description", ""))
        self._filling = False
        self._dirty = True

    def _clear_fields(self) -> None:
        self._filling = True
        for line in (self.minutes_edit, self.day_note_edit, self.who_edit, self.action_edit):
            line.clear()
        self.description_edit.clear()
        self.observation_edit.clear()
        for combo in (
            self.kind_combo,
            self.for_combo,
            self.coach_standard,
            self.reinforce_standard,
            self.follow_combo,
        ):
            combo.setCurrentIndex(0)
        self._filling = False
        self._saved_day_minutes = None
        self._saved_day_note = ""
        self.errors.clear()

    def clear_form(self) -> None:
        """Empty the form (the saved entries stay) and forget the draft."""
        self._clear_fields()
        if self.context.leader is not None:
            self._load_day_log()
            self.drafts.discard(self.context.leader.uuid)
        self._dirty = False
        self.focus_first_input()

    # ---------------------------------------------------------------- drafts

    def save_draft(self) -> None:
        """Write unsaved text to the draft file (called every few seconds and on close)."""
        leader = self._form_leader
        if leader is None or not self._dirty or self._pending_draft is not None:
            return
        try:
            self.drafts.save(leader.uuid, self.form_fields(), self.context.now())
        except OSError as exc:
            self.context.show_status(f"Could not keep a draft in {self.drafts.directory}: {exc}")
            return
        self._dirty = False

    def flush_draft(self) -> None:
        """On close: keep whatever was typed, even while an older draft is still on offer."""
        if self._pending_draft is not None and any(v.strip() for v in self.form_fields().values()):
            self._pending_draft = None
        self.save_draft()

    def _offer_draft(self) -> None:
        leader = self.context.leader
        assert leader is not None
        found = self.drafts.load(leader.uuid)
        if found is None:
            self.banner.hide()
            return
        fields, saved_at = found
        self._pending_draft = fields
        when = saved_at.astimezone().strftime("%a %d %b %H:%M") if saved_at else "earlier"
        order = ("observation", "description", "action", "day_note", "who", "minutes")
        sample = next((fields[k] for k in order if fields.get(k, "").strip()), "")
        self.banner.message.setText(
            f"Unsaved text from {when} was kept: “{_escape(' '.join(sample.split())[:80])}”. "
            "Bring it back into the form?"
        )
        self.banner.show()

    def restore_draft(self) -> None:
        if self._pending_draft is None:
            return
        fields, self._pending_draft = self._pending_draft, None
        self._apply_fields(fields)
        self.banner.hide()
        self.context.show_status("Unsaved text brought back; press Enter to save it.")
        self.focus_first_input()

    def discard_draft(self) -> None:
        self._pending_draft = None
        if self.context.leader is not None:
            self.drafts.discard(self.context.leader.uuid)
        self.banner.hide()
        self.focus_first_input()

    # ---------------------------------------------------------------- timer

    def _timer_key(self) -> str:
        assert self.context.leader is not None
        return f"timer/{self.context.leader.uuid}"

    def timer_started(self) -> dt.datetime | None:
        """When the leader's running timer started, or None."""
        if self.context.leader is None:
            return None
        text = self.context.settings.value(self._timer_key(), "", type=str)
        if not text:
            return None
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            self.context.settings.remove(self._timer_key())
            return None

    def toggle_timer(self) -> None:
        """Start the timer, or stop it and add its minutes to today's log."""
        if self.context.leader is None:
            return
        started = self.timer_started()
        if started is None:
            self.context.settings.setValue(
                self._timer_key(), self.context.now().isoformat(timespec="seconds")
            )
            self.context.settings.sync()
            self.context.show_status("Timer started. It keeps running if you close LeaderLog.")
            self._show_timer()
            return
        minutes = round((self.context.now() - started).total_seconds() / 60)
        if minutes > LONG_TIMER_MINUTES:
            answer = QMessageBox.question(
                self,
                "Timer ran very long",
                f"The timer has run since {started.astimezone():%a %d %b %H:%M} "
                f"({minutes // 60} hours); it was probably forgotten. Discard it without adding "
                "minutes? (Choose No to keep it running.)",
            )
            if answer == QMessageBox.StandardButton.Yes:
                self._stop_timer("Timer discarded; no minutes added.")
            return
        if minutes <= 0:
            self._stop_timer("Timer stopped after less than a minute; nothing added.")
            return
        day = min(started.astimezone().date(), self.context.today())
        leader_id = self.context.leader.id
        from leaderlog.journal import logbook

        log = guarded(
            self,
            self.errors,
            lambda: logbook.add_minutes(
                self.context.db, leader_id, day, minutes, today=self.context.today()
            ),
            "The timer's minutes were not added; the timer keeps running.",
        )
        if log is None:
            return
        self._stop_timer(
            f"Added {minutes} min from the timer; {log.minutes} min with customers on {day.isoformat()}."
        )
        self.context.entries_changed.emit()

    def _stop_timer(self, message: str) -> None:
        self.context.settings.remove(self._timer_key())
        self.context.settings.sync()
        self.context.show_status(message)
        self._show_timer()

    def _show_timer(self) -> None:
        started = self.timer_started()
        if started is None:
            self.timer_button.setText("Start &timer")
            self.timer_label.setText("")
            self.ticker.stop()
            return
        elapsed = int((self.context.now() - started).total_seconds() // 60)
        self.timer_button.setText("Stop &timer")
        self.timer_label.setText(
            f"Running since {started.astimezone():%H:%M} · {elapsed} min"
            if started.astimezone().date() == self.context.today()
            else f"Running since {started.astimezone():%a %d %b %H:%M} · {elapsed} min"
        )
        if not self.ticker.isActive():
            self.ticker.start()

    # ---------------------------------------------------------------- saving

    def _member_id(self) -> int:
        text = self.who_edit.text()
        key = name_key(text)
        for member in self._members:
            if name_key(member.name) == key:
                return member.id
        matches = [m for m in self._members if key and key in name_key(m.name)]
        if len(matches) == 1:
            return matches[0].id
        if not key:
            raise ValidationError("member", "who did you coach? Type a team member's name")
        raise ValidationError(
            "member",
            f"'{text.strip()}' is not in {self.context.leader.name if self.context.leader else 'the'}'s "
            "team; pick a name from the list, or add them to the team",
        )

    def _offer_to_add_member(self) -> None:
        """A coached name that is not in the team yet: offer to add it instead of a detour."""
        name = " ".join(self.who_edit.text().split())
        if not name or self.context.leader is None:
            return
        try:
            self._member_id()
        except ValidationError:
            self.add_member_button.setText(f"Add “{name}” to the team")
            self.add_member_button.show()

    def _add_typed_member(self) -> None:
        from leaderlog.journal import people

        leader = self.context.leader
        if leader is None:
            return
        member = guarded(
            self,
            self.errors,
            lambda: people.add_member(self.context.db, leader.id, self.who_edit.text()),
        )
        if member is None:
            return
        self.add_member_button.hide()
        self._set_quietly(self.who_edit, member.name)
        self.context.people_changed.emit()
        self.refresh()
        self.save()

    def _check(self) -> tuple[int | None, bool, bool]:
        """Validate the whole form before writing anything; raises ValidationError with every problem."""
        problems: list[FieldProblem] = []
        minutes: int | None = None
        minutes_text = self.minutes_edit.text().strip()
        day_note = self.day_note_edit.text()
        if minutes_text or day_note.strip() != self._saved_day_note.strip():
            try:
                minutes = as_minutes(minutes_text)
            except ValidationError as exc:
                problems.extend(exc.problems)
        coaching = any(
            t.strip()
            for t in (
                self.who_edit.text(),
                self.observation_edit.toPlainText(),
                self.action_edit.text(),
            )
        )
        if coaching:
            try:
                self._member_id()
            except ValidationError as exc:
                problems.extend(exc.problems)
            try:
                as_text(self.observation_edit.toPlainText(), "observation", required=True)
            except ValidationError as exc:
                problems.append(FieldProblem("observation", "write what you observed"))
                del exc
        reinforcement = self.kind_combo.currentData() is not None or bool(
            self.description_edit.text().strip()
        )
        if reinforcement and self.kind_combo.currentData() is None:
            problems.append(FieldProblem("kind", "choose the kind of reinforcement"))
        if problems:
            raise ValidationError.from_problems(problems)
        if (
            minutes is not None
            and minutes == self._saved_day_minutes
            and (day_note.strip() == self._saved_day_note.strip())
        ):
            minutes = None
        return minutes, coaching, reinforcement

    def save(self) -> None:
        """Save every filled-in part of the form; say what was saved in the status bar."""
        leader = self.context.leader
        if leader is None:
            return
        self.errors.clear()
        self.add_member_button.hide()
        try:
            minutes, coaching, reinforcement = self._check()
        except ValidationError as exc:
            self.errors.show(exc)
            self._offer_to_add_member()
            return
        if minutes is None and not coaching and not reinforcement:
            self.errors.show_message(
                "Nothing to save yet: type your minutes with customers, or fill in a coaching "
                "note or a reinforcement."
            )
            self.minutes_edit.setFocus()
            return
        from leaderlog.team import sync

        db, today, outbox = self.context.db, self.context.today(), self.context.outbox
        saved: list[str] = []
        # team mode: a save while the server is unreachable waits on this computer (sync.Queued)
        queued = " (kept on this computer until the server answers)"
        try:
            if minutes is not None:
                log = sync.save_entry(
                    db,
                    outbox,
                    "day",
                    leader_id=leader.id,
                    day=today,
                    minutes=minutes,
                    note=self.day_note_edit.text(),
                    replace=True,
                    today=today,
                )
                if isinstance(log, sync.Queued):
                    # kept safely in the outbox: not a draft to offer back
                    self._saved_day_minutes = minutes
                    self._saved_day_note = self.day_note_edit.text()
                    saved.append(f"{minutes} min with customers{queued}")
                else:
                    self._saved_day_minutes, self._saved_day_note = log.minutes, log.note  # type: ignore[union-attr]
                    saved.append(f"{log.minutes} min with customers")  # type: ignore[union-attr]
            if coaching:
                follow_up = self._follow_up_date(today)
                note = sync.save_entry(
                    db,
                    outbox,
                    "coaching",
                    leader_id=leader.id,
                    day=today,
                    member_id=self._member_id(),
                    observation=self.observation_edit.toPlainText(),
                    action=self.action_edit.text(),
                    standard_id=self.coach_standard.currentData(),
                    follow_up_on=follow_up,
                    today=today,
                )
                self._filling = True
                self.who_edit.clear()
                self.observation_edit.clear()
                self.action_edit.clear()
                self.coach_standard.setCurrentIndex(0)
                self.follow_combo.setCurrentIndex(0)
                self._filling = False
                if isinstance(note, sync.Queued):
                    saved.append(f"coaching note{queued}")
                else:
                    saved.append(f"coaching note with {note.member_name}")  # type: ignore[union-attr]
            if reinforcement:
                kind = self.kind_combo.currentData()
                action = sync.save_entry(
                    db,
                    outbox,
                    "reinforcement",
                    leader_id=leader.id,
                    day=today,
                    kind=kind,
                    description=self.description_edit.text(),
                    member_id=self.for_combo.currentData(),
                    standard_id=self.reinforce_standard.currentData(),
                    today=today,
                )
                self._filling = True
                self.kind_combo.setCurrentIndex(0)
                self.for_combo.setCurrentIndex(0)
                self.reinforce_standard.setCurrentIndex(0)
                self.description_edit.clear()
                self._filling = False
                done = queued if isinstance(action, sync.Queued) else ""
                saved.append(KIND_LABELS[kind].lower() + done)
        except ValidationError as exc:
            self.errors.show(exc)
        except LeaderLogError as exc:
            show_error(self, exc, "This part was not saved; what you typed is still in the form.")
        if saved:
            self.context.show_status("Saved: " + ", ".join(saved) + ".")
            self.context.entries_changed.emit()
            self._after_save()

    def _after_save(self) -> None:
        assert self.context.leader is not None
        self._dirty = True
        remaining = self.form_fields()
        if any(v.strip() for v in remaining.values()):
            self.save_draft()
        else:
            self.drafts.discard(self.context.leader.uuid)
            self._dirty = False

    def _follow_up_date(self, today: dt.date) -> dt.date | None:
        days = self.follow_combo.currentData()
        if days is None:
            return None
        if days == PICK_DATE:
            value: QDate = self.follow_date.date()
            return dt.date(value.year(), value.month(), value.day())
        return today + dt.timedelta(days=days)

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


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
