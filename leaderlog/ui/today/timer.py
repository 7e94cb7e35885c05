"""The start/stop timer for time with customers: kept in the settings, so it outlives the window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QWidget

from leaderlog.ui.context import AppContext
from leaderlog.ui.widgets import FormErrors, guarded

LONG_TIMER_MINUTES = 16 * 60
"""a run longer than this was probably forgotten: stopping it asks before adding anything"""


@dataclass(frozen=True)
class TimerRun:
    """A running timer as read at one instant."""

    started: dt.datetime
    seconds: float

    @property
    def minutes(self) -> int:
        """The whole minutes the run adds to the day when stopped now (rounded)."""
        return round(self.seconds / 60)

    @property
    def elapsed_minutes(self) -> int:
        """The full minutes shown while it runs."""
        return int(self.seconds // 60)

    @property
    def forgotten(self) -> bool:
        return self.minutes > LONG_TIMER_MINUTES

    def day(self, today: dt.date) -> dt.date:
        """The day the minutes belong to: the day it started (never later than today)."""
        return min(self.started.astimezone().date(), today)


class CustomerTimer:
    """Each leader's timer, one settings key per leader, read again on every question."""

    def __init__(self, settings: QSettings, now: Callable[[], dt.datetime]) -> None:
        self.settings = settings
        self.now = now

    @staticmethod
    def key(leader_uuid: str) -> str:
        return f"timer/{leader_uuid}"

    def started(self, leader_uuid: str) -> dt.datetime | None:
        """When the leader's running timer started, or None (an unreadable value is dropped)."""
        text = self.settings.value(self.key(leader_uuid), "", type=str)
        if not text:
            return None
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            self.forget(leader_uuid)
            return None

    def run(self, leader_uuid: str) -> TimerRun | None:
        """The leader's running timer now, or None when it is not running."""
        started = self.started(leader_uuid)
        if started is None:
            return None
        return TimerRun(started, (self.now() - started).total_seconds())

    def start(self, leader_uuid: str) -> dt.datetime:
        started = self.now()
        self.settings.setValue(self.key(leader_uuid), started.isoformat(timespec="seconds"))
        self.settings.sync()  # a crash right after the click still keeps the start
        return started

    def forget(self, leader_uuid: str) -> None:
        """Stop the timer without adding anything (done once its minutes are saved)."""
        self.settings.remove(self.key(leader_uuid))
        self.settings.sync()


class TimerControl(QObject):
    """Drives the timer button and label of the form: start, stop and add, or discard a long run."""

    def __init__(
        self,
        context: AppContext,
        button: QPushButton,
        label: QLabel,
        errors: FormErrors,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.timer = CustomerTimer(context.settings, context.now)
        self.button = button
        self.label = label
        self.errors = errors
        self.parent_widget = parent
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.show_state)
        button.clicked.connect(self.toggle)

    def toggle(self) -> None:
        """Start the timer, or stop it and add its minutes to the day it started."""
        leader = self.context.leader
        if leader is None:
            return
        run = self.timer.run(leader.uuid)
        if run is None:
            self.timer.start(leader.uuid)
            self.context.show_status("Timer started. It keeps running if you close LeaderLog.")
            self.show_state()
            return
        minutes = run.minutes
        if run.forgotten:
            answer = QMessageBox.question(
                self.parent_widget,
                "Timer ran very long",
                f"The timer has run since {run.started.astimezone():%a %d %b %H:%M} "
                f"({minutes // 60} hours); it was probably forgotten. Discard it without adding "
                "minutes? (Choose No to keep it running.)",
            )
            if answer == QMessageBox.StandardButton.Yes:
                self._stop("Timer discarded; no minutes added.")
            return
        if minutes <= 0:
            self._stop("Timer stopped after less than a minute; nothing added.")
            return
        day = run.day(self.context.today())
        from leaderlog.journal import logbook

        log = guarded(
            self.parent_widget,
            self.errors,
            lambda: logbook.add_minutes(
                self.context.db, leader.id, day, minutes, today=self.context.today()
            ),
            "The timer's minutes were not added; the timer keeps running.",
        )
        if log is None:
            return
        self._stop(
            f"Added {minutes} min from the timer; {log.minutes} min with customers on {day.isoformat()}."
        )
        self.context.entries_changed.emit()

    def _stop(self, message: str) -> None:
        leader = self.context.leader
        assert leader is not None
        self.timer.forget(leader.uuid)
        self.context.show_status(message)
        self.show_state()

    def show_state(self) -> None:
        """The button says Start or Stop; the label how long it has run (updated every second)."""
        leader = self.context.leader
        run = None if leader is None else self.timer.run(leader.uuid)
        if run is None:
            self.button.setText("Start &timer")
            self.label.setText("")
            self.ticker.stop()
            return
        started = run.started.astimezone()
        since = (
            f"{started:%H:%M}"
            if started.date() == self.context.today()
            else f"{started:%a %d %b %H:%M}"
        )
        self.button.setText("Stop &timer")
        self.label.setText(f"Running since {since} · {run.elapsed_minutes} min")
        if not self.ticker.isActive():
            self.ticker.start()
