"""The daily reminder's rule: remind a leader once, after their chosen time, on a workday with nothing logged.

A workday is judged by the leader's own calendar (work pattern in force, swaps,
leave and holidays, the start of their record): a day off or a non-workday never
reminds. The rule itself is pure (``reminder_due``) so the window can ask it every
minute with a fake clock in tests; ``day_to_remind`` reads the journal only once
the time has come.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from leaderlog.core.errors import ValidationError
from leaderlog.core.schedule import DayStatus
from leaderlog.data.engine import Database
from leaderlog.journal import listing
from leaderlog.journal.settings_history import calendar_for

DEFAULT_REMINDER_TIME = dt.time(16, 0)
"""Late enough that the day's work is mostly done, early enough to log it before leaving."""


@dataclass(frozen=True)
class ReminderDay:
    """What the reminder needs to know about one leader's day."""

    day: dt.date
    status: DayStatus
    logged: bool
    """any day log, coaching note or reinforcement saved for the day"""


def parse_reminder_time(text: str) -> dt.time:
    """A time of day typed or stored as HH:MM (24-hour clock)."""
    try:
        hours, minutes = (int(part) for part in text.strip().split(":"))
        return dt.time(hours, minutes)
    except ValueError:
        raise ValidationError("time", f"'{text}' is not a time of day such as 16:30") from None


def time_has_come(now: dt.datetime, at: dt.time, last_reminded: dt.date | None) -> bool:
    """Whether it is at or after the chosen time today and today's reminder was not shown yet."""
    return now.time() >= at and last_reminded != now.date()


def reminder_due(
    now: dt.datetime, at: dt.time, last_reminded: dt.date | None, day: ReminderDay
) -> bool:
    """Remind now: the time has come, it is a judged workday, and nothing is logged for it yet."""
    return (
        time_has_come(now, at, last_reminded)
        and day.day == now.date()
        and day.status.counts
        and not day.logged
    )


def day_to_remind(db: Database, leader_id: int, day: dt.date) -> ReminderDay:
    """The leader's day as the reminder sees it (two short reads)."""
    status = calendar_for(db, leader_id, day, day).day_status(day)
    logged = bool(listing.list_entries(db, leader_ids=[leader_id], start=day, end=day, limit=1))
    return ReminderDay(day, status, logged)


def reminder_text(leader_name: str, day: dt.date) -> str:
    """The notification's body: whose day, which day, and what to do."""
    return (
        f"Nothing is logged yet for {leader_name} today ({day:%A %d %B}). "
        "Half a minute now keeps the habit going."
    )
