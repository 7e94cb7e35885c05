"""Use cases for a leader's time off: ranges of leave (vacation, sick, training, other).

A scheduled workday on leave is a day off: it never counts against the leader (see
``leaderlog.core.schedule``). Ranges may lie in the future (planned leave). Two ranges
of the same leader never overlap: an overlapping one is refused with a message naming
the range already there, so the user edits that one instead.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, Select, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from leaderlog.core.errors import ConflictError, NotFoundError, ValidationError
from leaderlog.core.schedule import LEAVE_KINDS, LEAVE_LABELS
from leaderlog.core.validation import as_date, as_optional_date, as_text
from leaderlog.data import models
from leaderlog.data.engine import Database

MAX_RANGE_DAYS = 3 * 366
"""a longer range is almost surely a mistyped year; longer leave is entered as several ranges"""


@dataclass(frozen=True)
class TimeOff:
    id: int
    uuid: str
    leader_id: int
    first_day: dt.date
    last_day: dt.date
    kind: str
    """one of LEAVE_KINDS"""
    note: str
    version: int

    @property
    def calendar_days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def covers(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day

    def describe(self) -> str:
        """'Vacation 2026-08-03 to 2026-08-14' (or one date for a single day)."""
        label = LEAVE_LABELS.get(self.kind, self.kind)
        if self.first_day == self.last_day:
            return f"{label} on {self.first_day.isoformat()}"
        return f"{label} {self.first_day.isoformat()} to {self.last_day.isoformat()}"


def time_off_record(row: models.TimeOff) -> TimeOff:
    return TimeOff(
        id=row.id,
        uuid=str(row.uuid),
        leader_id=row.leader_id,
        first_day=row.first_day,
        last_day=row.last_day,
        kind=row.kind,
        note=row.note,
        version=row.version,
    )


def as_leave_kind(value: str | None, field: str = "kind") -> str:
    """A leave kind from its key or label, case-insensitively ('Sick leave' -> 'sick')."""
    text = (value or "vacation").strip().lower()
    for kind in LEAVE_KINDS:
        if text in (kind, LEAVE_LABELS[kind].lower()):
            return kind
    raise ValidationError(
        field, f"'{value}' is not a kind of leave; use one of {', '.join(LEAVE_KINDS)}"
    )


def as_range(first: dt.date | str, last: dt.date | str | None) -> tuple[dt.date, dt.date]:
    """First and last day of a range of leave (last defaults to first), checked in order and length."""
    first_day = as_date(first, "first day")
    last_day = as_optional_date(last, "last day") or first_day
    if last_day < first_day:
        raise ValidationError(
            "last day",
            f"{last_day.isoformat()} is before the first day {first_day.isoformat()}",
        )
    if (last_day - first_day).days >= MAX_RANGE_DAYS:
        raise ValidationError(
            "last day",
            f"the range is {(last_day - first_day).days + 1} days long; at most "
            f"{MAX_RANGE_DAYS} (enter longer leave as several ranges)",
        )
    return first_day, last_day


def _require_no_overlap(
    session: Session, leader_id: int, first: dt.date, last: dt.date, except_id: int | None
) -> None:
    query = select(models.TimeOff).where(
        models.TimeOff.leader_id == leader_id,
        models.TimeOff.first_day <= last,
        models.TimeOff.last_day >= first,
    )
    for row in session.scalars(query.order_by(models.TimeOff.first_day)):
        if row.id != except_id:
            raise ValidationError(
                "first day",
                f"overlaps {time_off_record(row).describe().lower()} (#{row.id}) "
                "already recorded; edit that range instead",
            )


def _leader(session: Session, leader_id: int) -> models.Leader:
    row = session.get(models.Leader, leader_id)
    if row is None:
        raise NotFoundError("leader", f"no leader with id {leader_id}")
    return row


def add(
    db: Database,
    leader_id: int,
    first_day: dt.date | str,
    last_day: dt.date | str | None = None,
    kind: str | None = "vacation",
    note: str | None = "",
    *,
    uuid: str | None = None,
) -> TimeOff:
    """Record leave from first_day to last_day (default: the one day); refused if it overlaps.

    ``uuid`` is given by a save sent from the team outbox, so it arrives exactly once.
    """
    first, last = as_range(first_day, last_day)
    clean_kind = as_leave_kind(kind)
    clean_note = as_text(note, "note")
    with db.write() as session:
        _leader(session, leader_id)
        _require_no_overlap(session, leader_id, first, last, None)
        row = models.TimeOff(
            leader_id=leader_id, first_day=first, last_day=last, kind=clean_kind, note=clean_note
        )
        if uuid is not None:
            row.uuid = uuid_module.UUID(uuid)
        session.add(row)
        session.flush()
        return time_off_record(row)


def edit(
    db: Database,
    time_off_id: int,
    *,
    first_day: dt.date | str | None = None,
    last_day: dt.date | str | None = None,
    kind: str | None = None,
    note: str | None = None,
    expected_version: int | None = None,
) -> TimeOff:
    """Change a range's dates, kind or note (what is not given stays as it was)."""
    clean_kind = None if kind is None else as_leave_kind(kind)
    clean_note = None if note is None else as_text(note, "note")
    with db.write() as session:
        row = session.get(models.TimeOff, time_off_id)
        if row is None:
            raise NotFoundError("time off", f"no time off with id {time_off_id}")
        if expected_version is not None and row.version != expected_version:
            raise ConflictError(
                "This time off was changed elsewhere since you opened it; reload it and "
                "make your change again."
            )
        first, last = as_range(
            row.first_day if first_day is None else first_day,
            row.last_day if last_day is None else last_day,
        )
        _require_no_overlap(session, row.leader_id, first, last, row.id)
        row.first_day, row.last_day = first, last
        if clean_kind is not None:
            row.kind = clean_kind
        if clean_note is not None:
            row.note = clean_note
        try:
            session.flush()
        except StaleDataError as exc:
            raise ConflictError(
                "This time off was changed or removed elsewhere; reload it."
            ) from exc
        return time_off_record(row)


def delete(db: Database, time_off_id: int) -> TimeOff:
    """Remove a range; returns what was removed (for an undo or a message)."""
    with db.write() as session:
        row = session.get(models.TimeOff, time_off_id)
        if row is None:
            raise NotFoundError("time off", f"no time off with id {time_off_id}")
        record = time_off_record(row)
        session.delete(row)
        return record


def get(db: Database, time_off_id: int) -> TimeOff:
    with db.read() as session:
        row = session.get(models.TimeOff, time_off_id)
        if row is None:
            raise NotFoundError("time off", f"no time off with id {time_off_id}")
        return time_off_record(row)


def list_time_off(
    db: Database,
    leader_ids: Iterable[int] | None = None,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
) -> list[TimeOff]:
    """Ranges that touch start..end (either open), of some leaders or all, by first day."""
    first = as_optional_date(start, "from")
    last = as_optional_date(end, "to")
    with db.read() as session:
        return ranges_in(session, None if leader_ids is None else list(leader_ids), first, last)


def ranges_in(
    session: Session,
    leader_ids: Sequence[int] | None,
    first: dt.date | None,
    last: dt.date | None,
) -> list[TimeOff]:
    """The rows of list_time_off inside an open session."""
    query = _touching(select(models.TimeOff), leader_ids, first, last)
    return [time_off_record(row) for row in session.scalars(query)]


def leave_in(
    session: Session, leader_ids: Sequence[int] | None, first: dt.date, last: dt.date
) -> list[Row[tuple[int, dt.date, dt.date, str]]]:
    """(leader_id, first_day, last_day, kind) of the ranges touching first..last (calendar_for's read).

    Only what a calendar needs: a journal's whole leave history is read for a walk over
    years, and its uuids and timestamps would cost several times the rest.
    """
    table = models.TimeOff.__table__
    columns = select(table.c.leader_id, table.c.first_day, table.c.last_day, table.c.kind)
    return list(session.execute(_touching(columns, leader_ids, first, last)))


def _touching(
    query: Select[Any],
    leader_ids: Sequence[int] | None,
    first: dt.date | None,
    last: dt.date | None,
) -> Select[Any]:
    if leader_ids is not None:
        query = query.where(models.TimeOff.leader_id.in_(leader_ids))
    if first is not None:
        query = query.where(models.TimeOff.last_day >= first)
    if last is not None:
        query = query.where(models.TimeOff.first_day <= last)
    return query.order_by(models.TimeOff.first_day, models.TimeOff.leader_id)


def upcoming_first(ranges: Iterable[TimeOff], today: dt.date) -> list[TimeOff]:
    """The People list's order: current and planned leave soonest first, then past, newest first."""
    ranges = list(ranges)
    ahead = sorted((r for r in ranges if r.last_day >= today), key=lambda r: r.first_day)
    past = sorted(
        (r for r in ranges if r.last_day < today), key=lambda r: r.first_day, reverse=True
    )
    return ahead + past


def on_leave(db: Database, leader_id: int, day: dt.date) -> TimeOff | None:
    """The range covering a day, if the leader is on leave then (Today's 'On leave today')."""
    found = list_time_off(db, [leader_id], day, day)
    return found[0] if found else None
