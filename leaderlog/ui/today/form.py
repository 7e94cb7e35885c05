"""The Today form: its three boxes of fields, which parts are filled in, drafts' text, clearing."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from leaderlog.core.errors import ValidationError
from leaderlog.core.records import DayLog, Standard, TeamMember
from leaderlog.core.validation import KIND_LABELS
from leaderlog.ui.entries import to_qdate
from leaderlog.ui.today.member_creation import (
    member_id_in_team_combo,
    show_team,
    team_combo,
    with_add_button,
)
from leaderlog.ui.widgets import FieldErrorLabel, FormErrors, add_field_row

if TYPE_CHECKING:
    from leaderlog.journal.today import SavedToday, TodayInput

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


class SubmitFilter(QObject):
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


class FollowUpPicker(QWidget):
    """When to follow a coaching note up: none, in a few days, or on a picked date."""

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.combo = QComboBox()
        self.combo.setAccessibleName("Follow-up")
        for label, days in FOLLOW_UP_CHOICES:
            self.combo.addItem(label, days)
        self.date_edit = QDateEdit()
        self.date_edit.setAccessibleName("Follow-up date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setDate(to_qdate(today() + dt.timedelta(days=7)))
        self.date_edit.hide()
        self.combo.currentIndexChanged.connect(self._choice_changed)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo)
        row.addWidget(self.date_edit)
        row.addStretch(1)

    def _choice_changed(self) -> None:
        days = self.combo.currentData()
        self.date_edit.setVisible(days == PICK_DATE)
        today = self.today()
        if days == PICK_DATE:
            self.date_edit.setDate(to_qdate(today + dt.timedelta(days=7)))
            self.date_edit.setFocus()
        elif days:
            self.date_edit.setDate(to_qdate(today + dt.timedelta(days=days)))

    def date(self, today: dt.date) -> dt.date | None:
        """The follow-up date chosen, counted from ``today``; None for no follow-up."""
        days = self.combo.currentData()
        if days is None:
            return None
        if days == PICK_DATE:
            value: QDate = self.date_edit.date()
            return dt.date(value.year(), value.month(), value.day())
        return today + dt.timedelta(days=days)


class TodayForm(QWidget):
    """Time with customers, a coaching note and a reinforcement, with an error line under each field.

    The form knows what is typed and what of it was saved; it neither checks nor saves.
    """

    submitted = Signal()
    """Enter in a one-line field or on a drop-down list, Ctrl+Enter in the observation"""
    edited = Signal()
    """the user changed what is typed (not the form filling itself in)"""

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.saved_minutes: int | None = None
        """the day log's minutes as last read or saved (a draft leaves them out)"""
        self.saved_note = ""
        self._filling = False
        self._labels: list[QLabel] = []
        self._field_errors: dict[str, FieldErrorLabel] = {}
        """each row's error line by the domain's field name, hidden once the field is edited"""
        self.general_error = FieldErrorLabel()
        self.errors = FormErrors(self.general_error)
        day_box = self._build_day()
        coach_box = self._build_coaching()
        reinforce_box = self._build_reinforcement()
        buttons = self._build_buttons()
        # one label column width for the three boxes, so their fields line up
        label_width = max(label.sizeHint().width() for label in self._labels)
        for label in self._labels:
            label.setMinimumWidth(label_width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(day_box)
        layout.addWidget(coach_box)
        layout.addWidget(reinforce_box)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._connect_keys()

    # ---------------------------------------------------------------- building

    def _build_day(self) -> QGroupBox:
        self.minutes_edit = QLineEdit()
        self.minutes_edit.setAccessibleName("Minutes with customers today")
        self.minutes_edit.setPlaceholderText("e.g. 45 or 1:30")
        self.minutes_edit.setToolTip("Minutes (90) or hours and minutes (1:30 or 1h30)")
        self.minutes_edit.setMaxLength(9)  # 1h 30 min
        self.minutes_edit.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.timer_button = QPushButton("Start &timer")
        self.timer_button.setAccessibleName("Start or stop the customer-time timer")
        self.timer_button.setToolTip(
            "Start when you go out to serve customers, stop when you are back; the minutes are "
            "added to today. The timer keeps running if you close LeaderLog."
        )
        self.timer_label = QLabel()
        self.timer_label.setAccessibleName("Timer state")
        minutes_row = QHBoxLayout()
        minutes_row.addWidget(self.minutes_edit)
        minutes_row.addWidget(self.timer_button)
        minutes_row.addWidget(self.timer_label, 1)
        self.day_note_edit = QLineEdit()
        self.day_note_edit.setAccessibleName("Day note")
        self.day_note_edit.setPlaceholderText("Optional reflection on the day")
        box = QGroupBox("Time with customers")
        form = self._form(box)
        self._row(form, "&Minutes", minutes_row, "minutes", self.minutes_edit)
        self._row(form, "Da&y note", self.day_note_edit, "note", self.day_note_edit)
        return box

    def _build_coaching(self) -> QGroupBox:
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
        self.follow_up = FollowUpPicker(self.today)
        self.follow_combo = self.follow_up.combo
        box = QGroupBox("Coaching note")
        form = self._form(box)
        # the button is shown by InlineMemberCreation when the typed name is not in the team
        who_row, self.add_member_button = with_add_button(self.who_edit)
        self._row(form, "&Who", who_row, "member", self.who_edit)
        self._row(form, "Sta&ndard", self.coach_standard, "coach standard", None)
        self._row(form, "&Observation", self.observation_edit, "observation", None)
        self._row(form, "&Agreed action", self.action_edit, "agreed action", None)
        self._row(form, "Follow-&up", self.follow_up, "follow-up", self.follow_combo)
        return box

    def _build_reinforcement(self) -> QGroupBox:
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Kind of reinforcement")
        self.kind_combo.addItem("— none today —", None)
        for key, label in KIND_LABELS.items():
            self.kind_combo.addItem(label, key)
        self.for_combo = team_combo()
        self.for_combo.setAccessibleName("Reinforcement for")
        self.reinforce_standard = QComboBox()
        self.reinforce_standard.setAccessibleName("Standard reinforced")
        self.description_edit = QLineEdit()
        self.description_edit.setAccessibleName("Reinforcement description")
        self.description_edit.setPlaceholderText("What happened?")
        box = QGroupBox("Reinforcement")
        form = self._form(box)
        self._row(form, "&Kind", self.kind_combo, "kind", self.kind_combo)
        for_row, self.for_add_member_button = with_add_button(self.for_combo)
        self._row(form, "Fo&r", for_row, "reinforcement member", self.for_combo)
        self._row(form, "Standar&d", self.reinforce_standard, "standard", None)
        self._row(form, "Descr&iption", self.description_edit, "description", None)
        return box

    def _build_buttons(self) -> QHBoxLayout:
        self.save_button = QPushButton("&Save")
        self.save_button.setAccessibleName("Save today's entries")
        self.save_button.setToolTip("Save (Enter in a one-line field, or Ctrl+Enter anywhere)")
        self.save_button.clicked.connect(self.submitted)
        self.clear_button = QPushButton("&Clear")
        self.clear_button.setAccessibleName("Clear the form")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(QLabel("Enter or Ctrl+Enter saves everything filled in."), 1)
        return buttons

    def _connect_keys(self) -> None:
        self._ctrl_enter = SubmitFilter(self.submitted.emit, self, plain=False)
        self.observation_edit.installEventFilter(self._ctrl_enter)
        self._enter = SubmitFilter(self.submitted.emit, self, plain=True)
        for combo in (
            self.coach_standard,
            self.follow_combo,
            self.kind_combo,
            self.for_combo,
            self.reinforce_standard,
        ):
            combo.installEventFilter(self._enter)
        for line in (
            self.minutes_edit,
            self.day_note_edit,
            self.action_edit,
            self.description_edit,
        ):
            line.returnPressed.connect(self.submitted)
            line.textEdited.connect(self._changed)
        # Enter in the name field first accepts the completion; saving needs a second Enter
        self.who_edit.returnPressed.connect(self._who_return)
        self.who_edit.textEdited.connect(self._changed)
        self.observation_edit.textChanged.connect(self._changed)
        self.kind_combo.currentIndexChanged.connect(self._changed)
        self.error_clearing = ErrorsClearedOnEdit(self)

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
        self._labels.append(add_field_row(form, self.errors, text, field_item, error_field, focus))
        # add_field_row puts the error line last under the field
        box = form.itemAt(form.rowCount() - 1, QFormLayout.ItemRole.FieldRole).layout()
        error = box.itemAt(box.count() - 1).widget() if box is not None else None
        if isinstance(error, FieldErrorLabel):
            self._field_errors[error_field] = error

    # ---------------------------------------------------------------- user intent

    def _changed(self) -> None:
        if not self._filling:
            self.edited.emit()

    def _who_return(self) -> None:
        popup = self.completer.popup()
        if popup is not None and popup.isVisible():
            return
        self.submitted.emit()

    @contextlib.contextmanager
    def quietly(self) -> Iterator[None]:
        """The form filling itself in: no `edited` signal, so no draft is written for it."""
        self._filling = True
        try:
            yield
        finally:
            self._filling = False

    # ---------------------------------------------------------------- what is shown

    def show_choices(self, members: list[TeamMember], standards: list[Standard]) -> None:
        """The leader's team in the name completer and the For list; the standards in both lists."""
        names = [m.name for m in members]
        self.completer.model().setStringList(names)  # type: ignore[attr-defined]
        self.who_edit.setPlaceholderText(
            "Start typing a name"
            if names
            else "No team members yet: type a name and save; you can add them in one click"
        )
        show_team(self.for_combo, members)
        choices = [("No standard", None)] + [(s.name, s.id) for s in standards]
        _fill_combo(self.coach_standard, choices)
        _fill_combo(self.reinforce_standard, choices)

    def show_day_log(self, log: DayLog | None) -> None:
        """The day's saved minutes and note, without overwriting what the user has typed."""
        previous = self.saved_minutes
        self.saved_minutes = log.minutes if log else None
        self.saved_note = log.note if log else ""
        shown = self.minutes_edit.text().strip()
        # keep what the user typed; only replace text that mirrors the saved value
        with self.quietly():
            if not shown or (previous is not None and shown == str(previous)):
                self.minutes_edit.setText("" if log is None else str(log.minutes))
            note = self.day_note_edit.text()
            if not note.strip() or note == self.saved_note:
                self.day_note_edit.setText(self.saved_note)

    def forget_day(self) -> None:
        """A new day began: yesterday's total is no longer today's."""
        self.saved_minutes = None
        with self.quietly():
            self.minutes_edit.setText("")

    # ---------------------------------------------------------------- which parts are filled in

    def minutes_text(self) -> str | None:
        """The typed minutes when the day part is to be saved: typed, or its note changed.

        None when nothing changed since the last save (the total shown is the saved one).
        """
        minutes = self.minutes_edit.text().strip()
        note_changed = self.day_note_edit.text().strip() != self.saved_note.strip()
        if not minutes and not note_changed:
            return None
        if (
            not note_changed
            and self.saved_minutes is not None
            and minutes == str(self.saved_minutes)
        ):
            return None
        return minutes

    def coaching_filled(self) -> bool:
        return any(
            text.strip()
            for text in (
                self.who_edit.text(),
                self.observation_edit.toPlainText(),
                self.action_edit.text(),
            )
        )

    def reinforcement_filled(self) -> bool:
        return self.kind_combo.currentData() is not None or bool(
            self.description_edit.text().strip()
        )

    def today_input(self, today: dt.date) -> TodayInput:
        """What to save: the filled-in parts as typed (the domain checks them all)."""
        from leaderlog.journal.today import CoachingInput, ReinforcementInput, TodayInput

        coaching = reinforcement = None
        if self.coaching_filled():
            coaching = CoachingInput(
                member=self.who_edit.text(),
                observation=self.observation_edit.toPlainText(),
                action=self.action_edit.text(),
                standard_id=self.coach_standard.currentData(),
                follow_up_on=self.follow_up.date(today),
            )
        if self.reinforcement_filled():
            reinforcement = ReinforcementInput(
                kind=self.kind_combo.currentData(),
                description=self.description_edit.text(),
                member_id=member_id_in_team_combo(self.for_combo),
                standard_id=self.reinforce_standard.currentData(),
            )
        return TodayInput(
            minutes=self.minutes_text(),
            note=self.day_note_edit.text(),
            coaching=coaching,
            reinforcement=reinforcement,
        )

    def show_problems(self, error: ValidationError) -> None:
        """Each problem under its field; one about the form as a whole (no field) under the boxes."""
        placed = [problem for problem in error.problems if problem.field]
        loose = [problem.message for problem in error.problems if not problem.field]
        if placed:
            self.errors.show(ValidationError.from_problems(placed))
        else:
            self.errors.clear()
        if loose:
            shown = self.general_error.text() if self.general_error.isVisibleTo(self) else ""
            self.general_error.show_message("\n".join([shown, *loose] if shown else loose))
            if not placed:
                self.minutes_edit.setFocus()

    def mark_saved(self, saved: SavedToday) -> None:
        """After a save: the day log as stored; the saved coaching and reinforcement cleared."""
        if saved.day_log is not None:
            self.saved_minutes, self.saved_note = saved.day_log.minutes, saved.day_log.note
            with self.quietly():  # 1:30 typed shows as the 90 saved, so it reads as saved
                self.minutes_edit.setText(str(saved.day_log.minutes))
        if saved.coaching_note is not None:
            self.clear_coaching()
        if saved.reinforcement is not None:
            self.clear_reinforcement()

    # ---------------------------------------------------------------- drafts and clearing

    def draft_fields(self) -> dict[str, str]:
        """The typed text, for drafts (minutes and note only when they differ from the saved log)."""
        minutes = self.minutes_edit.text().strip()
        if self.saved_minutes is not None and minutes == str(self.saved_minutes):
            minutes = ""
        note = self.day_note_edit.text()
        return {
            "minutes": minutes,
            "day_note": "" if note == self.saved_note else note,
            "who": self.who_edit.text(),
            "observation": self.observation_edit.toPlainText(),
            "action": self.action_edit.text(),
            "kind": self.kind_combo.currentData() or "",
            "description": self.description_edit.text(),
        }

    def apply_fields(self, fields: dict[str, str]) -> None:
        """Put a draft's text back (empty minutes and note keep the saved ones)."""
        with self.quietly():
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

    def clear_coaching(self) -> None:
        with self.quietly():
            self.who_edit.clear()
            self.observation_edit.clear()
            self.action_edit.clear()
            self.coach_standard.setCurrentIndex(0)
            self.follow_combo.setCurrentIndex(0)

    def clear_reinforcement(self) -> None:
        with self.quietly():
            self.kind_combo.setCurrentIndex(0)
            self.for_combo.setCurrentIndex(0)
            self.reinforce_standard.setCurrentIndex(0)
            self.description_edit.clear()

    def clear_fields(self) -> None:
        """Empty every field and its error, and forget the saved day log."""
        with self.quietly():
            self.minutes_edit.clear()
            self.day_note_edit.clear()
        self.clear_coaching()
        self.clear_reinforcement()
        self.saved_minutes = None
        self.saved_note = ""
        self.errors.clear()


class ErrorsClearedOnEdit:
    """A field's error goes as soon as the field is changed; the form-wide one with any change."""

    def __init__(self, form: TodayForm) -> None:
        self.form = form
        edits = {
            "minutes": (form.minutes_edit.textEdited,),
            "note": (form.day_note_edit.textEdited,),
            "member": (form.who_edit.textEdited,),
            "observation": (form.observation_edit.textChanged,),
            "agreed action": (form.action_edit.textEdited,),
            "description": (form.description_edit.textEdited,),
            "coach standard": (form.coach_standard.activated,),
            "follow-up": (form.follow_combo.activated, form.follow_up.date_edit.userDateChanged),
            "kind": (form.kind_combo.activated,),
            "reinforcement member": (
                form.for_combo.activated,
                form.for_combo.lineEdit().textEdited,
            ),
            "standard": (form.reinforce_standard.activated,),
        }
        for field, signals in edits.items():
            for signal in signals:
                signal.connect(lambda *_args, field=field: self.field_edited(field))

    def field_edited(self, field: str) -> None:
        form = self.form
        if form._filling:
            return
        error = form._field_errors.get(field)
        if error is not None and not error.isHidden():
            error.show_message("")
        if not form.general_error.isHidden():
            form.general_error.show_message("")


def _fill_combo(combo: QComboBox, items: list[tuple[str, int | None]]) -> None:
    """New choices that keep the current one when it is still there."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)
