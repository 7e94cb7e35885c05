"""Today's save as one use case: the day's minutes, a coaching note and a reinforcement.

The Today form may hold all three at once. ``save_today`` checks every part before
anything is written and raises one ValidationError naming every bad field (the field
names are the Today form's), then saves the parts in one transaction: all or nothing.
The page only shows what it returns and clears what was saved.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from sqlalchemy import select

from leaderlog.core import records
from leaderlog.core.errors import FieldProblem, ValidationError
from leaderlog.core.records import CoachingNote, DayLog, Reinforcement
from leaderlog.core.validation import (
    KIND_LABELS,
    as_date,
    as_kind,
    as_minutes,
    as_text,
    name_key,
    not_in_future,
)
from leaderlog.data import models
from leaderlog.data.engine import Database
from leaderlog.journal import logbook
from leaderlog.journal.lookups import active_leader_row, member_of, optional_standard

NOTHING_TO_SAVE = (
    "Nothing to save yet: type your minutes with customers, or fill in a coaching note "
    "or a reinforcement."
)
QUEUED_NOTE = " (kept on this computer until the server answers)"

# the Today form's fields, top to bottom: problems are listed in this order
FIELD_ORDER = (
    "date",
    "minutes",
    "note",
    "member",
    "coach standard",
    "observation",
    "agreed action",
    "follow-up",
    "kind",
    "reinforcement member",
    "standard",
    "description",
)


@dataclass(frozen=True)
class CoachingInput:
    member: str
    """the name as typed; matched in the leader's active team: exact (name_key) or a unique substring"""
    observation: str
    action: str = ""
    standard_id: int | None = None
    follow_up_on: dt.date | None = None


@dataclass(frozen=True)
class ReinforcementInput:
    kind: str | None
    """None: refused on field "kind" with "choose the kind of reinforcement\""""
    description: str = ""
    member_id: int | None = None
    standard_id: int | None = None


@dataclass(frozen=True)
class TodayInput:
    minutes: str | None = None
    """raw text; None = the day log is not being saved"""
    note: str = ""
    """the day's reflection note, saved with the minutes"""
    coaching: CoachingInput | None = None
    reinforcement: ReinforcementInput | None = None


@dataclass(frozen=True)
class TodayUuids:
    """The UUIDs the parts are saved under: a retry of the same save (team outbox) reuses them."""

    day: str = field(default_factory=lambda: str(uuid_module.uuid4()))
    coaching: str = field(default_factory=lambda: str(uuid_module.uuid4()))
    reinforcement: str = field(default_factory=lambda: str(uuid_module.uuid4()))


@dataclass(frozen=True)
class SavedToday:
    """What one save of the Today form stored (None for a part that was not filled in).

    When ``queued`` (team mode, server unreachable) the records are what waits in the
    outbox: their ids (and the coached member's id) are 0 until the server has them,
    and the coached member's name is as typed.
    """

    day_log: DayLog | None
    coaching_note: CoachingNote | None
    reinforcement: Reinforcement | None
    queued: bool = False

    def parts(self) -> list[str]:
        """What was saved, in the words the status bar shows."""
        done = QUEUED_NOTE if self.queued else ""
        parts = []
        if self.day_log is not None:
            parts.append(f"{self.day_log.minutes} min with customers{done}")
        if self.coaching_note is not None:
            parts.append(f"coaching note with {self.coaching_note.member_name}{done}")
        if self.reinforcement is not None:
            parts.append(KIND_LABELS[self.reinforcement.kind].lower() + done)
        return parts


@dataclass(frozen=True)
class CheckedToday:
    """The Today input with every check that needs no database done: clean values and problems."""

    day: dt.date
    minutes: int | None
    note: str
    member_typed: str
    observation: str
    action: str
    follow_up: dt.date | None
    kind: str | None
    description: str
    problems: tuple[FieldProblem, ...]


T = TypeVar("T")


def _collect(problems: list[FieldProblem], check: Callable[[], T]) -> T | None:
    """The check's value, or None with its problems added to ``problems``."""
    try:
        return check()
    except ValidationError as exc:
        problems.extend(exc.problems)
        return None


def in_form_order(problems: Sequence[FieldProblem]) -> list[FieldProblem]:
    def position(problem: FieldProblem) -> int:
        return (
            FIELD_ORDER.index(problem.field) if problem.field in FIELD_ORDER else len(FIELD_ORDER)
        )

    return sorted(problems, key=position)


def check_today(day: dt.date, entry: TodayInput, *, today: dt.date | None = None) -> CheckedToday:
    """Check every part of the input that can be checked without the database."""
    if entry.minutes is None and entry.coaching is None and entry.reinforcement is None:
        raise ValidationError("", NOTHING_TO_SAVE)
    problems: list[FieldProblem] = []
    when = _collect(problems, lambda: not_in_future(as_date(day), today or dt.date.today()))
    minutes = note = None
    if entry.minutes is not None:
        minutes = _collect(problems, lambda: as_minutes(entry.minutes or ""))
        note = _collect(problems, lambda: as_text(entry.note, "note"))
    typed = observation = action = ""
    follow_up = None
    if (coaching := entry.coaching) is not None:
        typed = " ".join(coaching.member.split())
        if not typed:
            problems.append(FieldProblem("member", "who did you coach? Type a team member's name"))
        observation = _collect(problems, lambda: as_text(coaching.observation, "observation"))
        if observation == "":
            problems.append(FieldProblem("observation", "write what you observed"))
        observation = observation or ""
        action = _collect(problems, lambda: as_text(coaching.action, "agreed action")) or ""
        if when is not None:
            follow_up = _collect(
                problems, lambda: logbook.checked_follow_up(when, coaching.follow_up_on)
            )
    kind = None
    description = ""
    if (reinforcement := entry.reinforcement) is not None:
        if reinforcement.kind is None:
            problems.append(FieldProblem("kind", "choose the kind of reinforcement"))
        else:
            kind = _collect(problems, lambda: as_kind(reinforcement.kind or ""))
        description = (
            _collect(problems, lambda: as_text(reinforcement.description, "description")) or ""
        )
    return CheckedToday(
        day=when or day,
        minutes=minutes,
        note=note or "",
        member_typed=typed,
        observation=observation,
        action=action,
        follow_up=follow_up,
        kind=kind,
        description=description,
        problems=tuple(problems),
    )


class Named(Protocol):
    @property
    def name(self) -> str: ...


N = TypeVar("N", bound=Named)


def match_member(team: Sequence[N], typed: str, leader_name: str) -> N:
    """The team member whose name is ``typed`` (ignoring case and spaces), or the one name containing it."""
    key = name_key(typed)
    for member in team:
        if name_key(member.name) == key:
            return member
    matches = [m for m in team if key and key in name_key(m.name)]
    if len(matches) == 1:
        return matches[0]
    if not key:
        raise ValidationError("member", "who did you coach? Type a team member's name")
    raise ValidationError(
        "member",
        f"'{typed.strip()}' is not in {leader_name}'s team; "
        "pick a name from the list, or add them to the team",
    )


def save_today(
    db: Database,
    leader_id: int,
    day: dt.date,
    entry: TodayInput,
    *,
    today: dt.date | None = None,
    uuids: TodayUuids | None = None,
) -> SavedToday:
    """Check every filled-in part of the Today form, then save them all in one transaction.

    Raises one ValidationError naming every bad field, or (field "") NOTHING_TO_SAVE for
    an empty entry; nothing is written then, nor if any part fails while being written.
    The day log replaces the day's earlier one.
    """
    checked = check_today(day, entry, today=today)
    ids = uuids or TodayUuids()
    coaching, reinforcement = entry.coaching, entry.reinforcement
    with db.write() as session:
        leader = active_leader_row(session, leader_id)
        problems = list(checked.problems)
        member = coach_standard = for_member = standard = None
        if coaching is not None:
            if checked.member_typed:
                team = session.scalars(
                    select(models.TeamMember)
                    .where(
                        models.TeamMember.leader_id == leader.id,
                        models.TeamMember.archived_at.is_(None),
                    )
                    .order_by(models.TeamMember.name_key)
                ).all()
                member = _collect(
                    problems, lambda: match_member(team, checked.member_typed, leader.name)
                )
            coach_standard = _collect(
                problems,
                lambda: optional_standard(session, coaching.standard_id, "coach standard"),
            )
        if reinforcement is not None:
            for_member = _collect(
                problems,
                lambda: member_of(session, leader, reinforcement.member_id, "reinforcement member"),
            )
            if for_member is not None and for_member.archived_at is not None:
                problems.append(
                    FieldProblem("reinforcement member", f"{for_member.name} is archived")
                )
            standard = _collect(
                problems, lambda: optional_standard(session, reinforcement.standard_id)
            )
        if problems:
            raise ValidationError.from_problems(in_form_order(problems))

        day_log = note = action = None
        if checked.minutes is not None:
            day_log = logbook.write_day_log(
                session,
                leader,
                checked.day,
                checked.minutes,
                checked.note,
                replace=True,
                uuid=uuid_module.UUID(ids.day),
            )
        if coaching is not None:
            assert member is not None
            note = logbook.write_coaching_note(
                session,
                leader,
                checked.day,
                member,
                coach_standard,
                checked.observation,
                checked.action,
                checked.follow_up,
                uuid=uuid_module.UUID(ids.coaching),
            )
        if reinforcement is not None:
            assert checked.kind is not None
            action = logbook.write_reinforcement(
                session,
                leader,
                checked.day,
                checked.kind,
                for_member,
                standard,
                checked.description,
                uuid=uuid_module.UUID(ids.reinforcement),
            )
    return SavedToday(day_log, note, action)


def pending_records(
    leader_id: int, checked: CheckedToday, entry: TodayInput, uuids: TodayUuids
) -> SavedToday:
    """The records a queued save will become once the server has it (ids still 0)."""
    day_log = coaching_note = reinforcement = None
    if checked.minutes is not None:
        day_log = records.DayLog(
            0, uuids.day, leader_id, checked.day, checked.minutes, checked.note, 0
        )
    if (coaching := entry.coaching) is not None:
        coaching_note = records.CoachingNote(
            id=0,
            uuid=uuids.coaching,
            leader_id=leader_id,
            day=checked.day,
            member_id=0,
            member_name=checked.member_typed,
            standard_id=coaching.standard_id,
            standard_name=None,
            observation=checked.observation,
            action=checked.action,
            follow_up_on=checked.follow_up,
            follow_up_done_on=None,
            version=0,
        )
    if (wanted := entry.reinforcement) is not None and checked.kind is not None:
        reinforcement = records.Reinforcement(
            id=0,
            uuid=uuids.reinforcement,
            leader_id=leader_id,
            day=checked.day,
            kind=checked.kind,
            member_id=wanted.member_id,
            member_name=None,
            standard_id=wanted.standard_id,
            standard_name=None,
            description=checked.description,
            version=0,
        )
    return SavedToday(day_log, coaching_note, reinforcement, queued=True)
