"""The Today screen's panels: the welcome for a first start, the offer of unsaved text."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from leaderlog.ui.context import AppContext
from leaderlog.ui.widgets import FieldErrorLabel, FormErrors, guarded


class WelcomePanel(QWidget):
    """First start on an empty journal: explains the idea and adds the first leader in one step.

    It also offers the daily reminder (off by default): ticked, ``reminder_wanted`` is emitted
    just before ``leader_added`` and the window turns the reminder on.
    """

    leader_added = Signal(object)
    reminder_wanted = Signal()

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
        self.remind_box = QCheckBox(f"&Remind me at {reminder_time(context)} on workdays")
        self.remind_box.setAccessibleName("Remind me on workdays when nothing is logged")
        self.remind_box.setToolTip(
            "A notice on workdays with nothing logged yet; change the time or turn it off "
            "in Edit › Preferences…"
        )
        form.addRow("", self.remind_box)
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
        if self.remind_box.isChecked():
            self.reminder_wanted.emit()
        self.leader_added.emit(leader)


DEFAULT_REMINDER_TIME = dt.time(16, 0)
"""journal.reminders.DEFAULT_REMINDER_TIME, not imported: the welcome is painted before the
domain (and SQLAlchemy) loads; tests/ui/today/test_welcome_reminder.py keeps the two equal."""


def reminder_time(context: AppContext) -> str:
    """The reminder's time as stored by Preferences (the default until changed), e.g. "16:00"."""
    stored = context.settings.value("reminder/time", "", type=str)
    try:
        at = dt.time.fromisoformat(stored) if stored else DEFAULT_REMINDER_TIME
    except ValueError:
        at = DEFAULT_REMINDER_TIME  # as ReminderSettings.load falls back
    return at.strftime("%H:%M")


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
