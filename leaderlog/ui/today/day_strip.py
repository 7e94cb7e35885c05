"""Today's day navigation: previous/next, a date field, a strip of the last days and the habit line.

The strip and the habit line only draw the plain state built in
``leaderlog.reports.habit``; until the journal is open (the first paint) they stay empty.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from leaderlog.core.errors import LeaderLogError
from leaderlog.ui.entries import to_qdate

if TYPE_CHECKING:
    from leaderlog.core.records import Leader
    from leaderlog.reports.habit import HabitState, StripDay
    from leaderlog.ui.context import AppContext

ONE_DAY = dt.timedelta(days=1)
HABIT_WAIT_MS = 100
"""how often, at start-up, the habit line looks whether the journal is open yet"""

# the mark each state shows (besides its colour, so it reads in print and for the colour-blind)
STATE_MARKS = {
    "logged": "✓",
    "missing": "✗",
    "pending": "…",
    "non-workday": "–",
    "off": "off",
    "future": "",
}
# light and dark variants: (on a light window, on a dark window)
STATE_COLOURS = {
    "logged": ("#1b7f3b", "#6fd08c"),
    "missing": ("#b3261e", "#ff8a80"),
    "off": ("#1f5fa8", "#8ab4f8"),
}


def plain_date(day: dt.date) -> str:
    """'Friday 4 December 2026' (no leading zero)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


class DayNavigator(QWidget):
    """Chooses the day the Today form logs to; shows the last days and this week's habit."""

    day_chosen = Signal(object)
    """a datetime.date the user picked (never after today)"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._day: dt.date | None = None
        self._today: dt.date | None = None
        self.previous_button = QToolButton()
        self.previous_button.setText("◀")
        self.previous_button.setAccessibleName("Previous day")
        self.previous_button.setToolTip("Previous day (Alt+Left)")
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setAccessibleName("Next day")
        self.next_button.clicked.connect(lambda: self._step(1))
        self.date_edit = QDateEdit()
        self.date_edit.setAccessibleName("Day to log")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.setToolTip("The day the form saves to; days after today cannot be logged")
        self.date_edit.dateChanged.connect(self._date_edited)
        self.today_button = QPushButton("Back to today")
        self.today_button.setAccessibleName("Back to today")
        self.today_button.clicked.connect(self._back_to_today)
        for button in (self.previous_button, self.next_button, self.today_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        self.strip = QWidget()
        self.strip.setAccessibleName("Last days")
        self.strip_layout = QHBoxLayout(self.strip)
        self.strip_layout.setContentsMargins(0, 0, 0, 0)
        self.strip_layout.setSpacing(2)
        self.strip_group = QButtonGroup(self)
        self.strip_group.setExclusive(True)
        self.strip_buttons: list[QToolButton] = []
        self.habit_label = QLabel()
        self.habit_label.setAccessibleName("This week's habit")
        self.habit_label.setWordWrap(True)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.previous_button)
        row.addWidget(self.date_edit)
        row.addWidget(self.next_button)
        row.addWidget(self.today_button)
        row.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        row.addWidget(self.strip)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.habit_label)
        self.habit_label.hide()

    # ---------------------------------------------------------------- what is shown

    @property
    def day(self) -> dt.date | None:
        return self._day

    def show_day(self, day: dt.date, today: dt.date) -> None:
        """The day the form logs to, and today (the last day that can be chosen)."""
        self._day, self._today = day, today
        self.date_edit.blockSignals(True)
        self.date_edit.setMaximumDate(to_qdate(today))
        self.date_edit.setDate(to_qdate(day))
        self.date_edit.blockSignals(False)
        at_today = day >= today
        self.next_button.setEnabled(not at_today)
        self.next_button.setToolTip(
            "Days after today cannot be logged" if at_today else "Next day (Alt+Right)"
        )
        self.today_button.setVisible(not at_today)
        for button in self.strip_buttons:
            button.setChecked(button.property("day") == day.isoformat())

    def show_habit(self, state: HabitState | None) -> None:
        """The strip of days and the habit line (None: not read yet, shown empty)."""
        for button in self.strip_buttons:
            self.strip_group.removeButton(button)
            self.strip_layout.removeWidget(button)
            button.setParent(None)  # gone now: a refresh may come before the event loop runs
            button.deleteLater()
        self.strip_buttons = []
        if state is None:
            self.habit_label.hide()
            return
        for item in state.strip:
            self.strip_buttons.append(self._day_button(item))
        self.habit_label.setText(state.week.text())
        self.habit_label.show()
        if self._day is not None and self._today is not None:
            self.show_day(self._day, self._today)

    def _day_button(self, item: StripDay) -> QToolButton:
        button = QToolButton()
        day = item.day
        button.setText(f"{day:%a}\n{day.day} {STATE_MARKS[item.state]}".rstrip())
        button.setCheckable(True)
        button.setProperty("day", day.isoformat())
        button.setProperty("state", item.state)
        words = f"{plain_date(day)}: {item.description}"
        button.setToolTip(words)
        button.setAccessibleName(words)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setMinimumWidth(self.fontMetrics().averageCharWidth() * 7)
        colours = STATE_COLOURS.get(item.state)
        if colours is not None:
            window = self.palette().color(QPalette.ColorRole.Window)
            palette = button.palette()
            palette.setColor(
                QPalette.ColorRole.ButtonText,
                QColor(colours[1] if window.lightness() < 128 else colours[0]),
            )
            button.setPalette(palette)
        button.setEnabled(item.state != "future")
        button.clicked.connect(lambda _checked=False, chosen=day: self._choose(chosen))
        self.strip_group.addButton(button)
        self.strip_layout.addWidget(button)
        return button

    # ---------------------------------------------------------------- user intent

    def step(self, days: int) -> None:
        """Alt+Left / Alt+Right: the day before or after the one shown (never past today)."""
        self._step(days)

    def _step(self, days: int) -> None:
        if self._day is not None:
            self._choose(self._day + days * ONE_DAY)

    def _back_to_today(self) -> None:
        if self._today is not None:
            self._choose(self._today)

    def _date_edited(self, value: QDate) -> None:
        self._choose(dt.date(value.year(), value.month(), value.day()))

    def _choose(self, day: dt.date) -> None:
        if self._today is not None and day > self._today:
            return  # the date field and the Next button stop at today
        if day != self._day:
            self.day_chosen.emit(day)


class HabitReader(QObject):
    """Reads the strip and the week's progress into the navigator, after every refresh of Today.

    At start-up the form is filled before SQLAlchemy loads (leaderlog.journal.first_screen):
    then the read waits until the app has replaced its stand-in journal with the open one.
    """

    def __init__(self, context: AppContext, navigator: DayNavigator, parent: QObject) -> None:
        super().__init__(parent)
        self.context = context
        self.navigator = navigator
        self._shown: tuple[Leader, dt.date] | None = None
        self._waiting_for: object | None = None
        self.wait = QTimer(self)
        self.wait.setInterval(HABIT_WAIT_MS)
        self.wait.timeout.connect(self._when_open)

    def show(self, leader: Leader, day: dt.date, *, at_start_up: bool = False) -> None:
        self._shown = (leader, day)
        if at_start_up:
            self._waiting_for = self.context.db
            self.wait.start()
        elif not self.wait.isActive():
            self._read()

    def _when_open(self) -> None:
        if self.context.db is self._waiting_for:
            return
        self.wait.stop()
        self._waiting_for = None
        self._read()

    def _read(self) -> None:
        if self._shown is None:
            return
        leader, day = self._shown
        from leaderlog.reports.habit import read_habit

        try:
            state = read_habit(self.context.db, leader.id, day, self.context.today())
        except LeaderLogError as exc:
            self.navigator.show_habit(None)
            self.context.show_status(f"The week's habit could not be read: {exc}")
            return
        self.navigator.show_habit(state)
