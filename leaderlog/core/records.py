"""Frozen records the domain layer returns: what the UI and CLI see instead of ORM objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from leaderlog.core.kinds import CORRECTIVE_KINDS

EntryType = Literal["day", "coaching", "reinforcement"]
ENTRY_TYPES: tuple[EntryType, ...] = ("day", "coaching", "reinforcement")

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class WorkPattern:
    """Which weekdays are workdays, Monday first (index 0 = Monday, as date.weekday())."""

    days: tuple[bool, bool, bool, bool, bool, bool, bool] = (True,) * 5 + (False,) * 2

    def is_workday(self, day: dt.date) -> bool:
        return self.days[day.weekday()]

    @property
    def mask(self) -> str:
        """Seven characters, '1' for a workday, Monday first (how the database stores it)."""
        return "".join("1" if d else "0" for d in self.days)

    @classmethod
    def from_mask(cls, mask: str) -> WorkPattern:
        return cls(tuple(c == "1" for c in mask))  # type: ignore[arg-type]

    @property
    def workdays_per_week(self) -> int:
        return sum(self.days)

    def __str__(self) -> str:
        """Compact text such as 'mon-fri' or 'mon,wed,fri'."""
        picked = [i for i, d in enumerate(self.days) if d]
        if not picked:
            return "none"
        if picked == list(range(picked[0], picked[-1] + 1)) and len(picked) > 2:
            return f"{WEEKDAY_NAMES[picked[0]]}-{WEEKDAY_NAMES[picked[-1]]}"
        return ",".join(WEEKDAY_NAMES[i] for i in picked)


@dataclass(frozen=True)
class Leader:
    id: int
    uuid: str
    name: str
    team: str
    work_pattern: WorkPattern
    target_minutes: int
    """customer-facing minutes per workday"""
    target_coaching: int
    """coaching conversations per week"""
    target_reinforcement: int
    """reinforcement actions per week"""
    archived: bool
    version: int


@dataclass(frozen=True)
class TeamMember:
    id: int
    uuid: str
    leader_id: int
    name: str
    archived: bool
    version: int


@dataclass(frozen=True)
class Standard:
    id: int
    uuid: str
    name: str
    description: str
    archived: bool
    version: int


@dataclass(frozen=True)
class DayLog:
    id: int
    uuid: str
    leader_id: int
    day: dt.date
    minutes: int
    note: str
    version: int
    entry_type: EntryType = "day"


@dataclass(frozen=True)
class CoachingNote:
    id: int
    uuid: str
    leader_id: int
    day: dt.date
    member_id: int
    member_name: str
    standard_id: int | None
    standard_name: str | None
    observation: str
    action: str
    follow_up_on: dt.date | None
    follow_up_done_on: dt.date | None
    version: int
    entry_type: EntryType = "coaching"

    def is_overdue(self, today: dt.date) -> bool:
        """A follow-up that was due before today and is not yet done."""
        return (
            self.follow_up_on is not None
            and self.follow_up_done_on is None
            and self.follow_up_on < today
        )


@dataclass(frozen=True)
class Reinforcement:
    id: int
    uuid: str
    leader_id: int
    day: dt.date
    kind: str
    member_id: int | None
    """None means the whole team"""
    member_name: str | None
    standard_id: int | None
    standard_name: str | None
    description: str
    version: int
    entry_type: EntryType = "reinforcement"

    @property
    def is_corrective(self) -> bool:
        return self.kind in CORRECTIVE_KINDS


Entry = DayLog | CoachingNote | Reinforcement

_TYPE_ORDER = {entry_type: i for i, entry_type in enumerate(ENTRY_TYPES)}


def sort_newest_first(entries: list[Entry]) -> None:
    """Sort in the journal's list order: newest day first; within a day the day log,
    then coaching notes, then reinforcements, each newest first."""
    entries.sort(key=lambda e: (e.day, -_TYPE_ORDER[e.entry_type], e.id), reverse=True)
