"""Records built from stored rows: one builder per record, shared by the ORM reads and the first screen.

A row is anything with the table's column names as attributes: an ORM object, a
SQLAlchemy result row, or a plain sqlite3 row read at start-up (see first_screen).
Stored values may come back as Python objects (the ORM) or as the text SQLite keeps
(UUIDs as 32 hex digits, dates as ISO text); each builder accepts both, so this
module needs no SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from typing import Any

from leaderlog.core import records


def uuid_text(stored: object) -> str:
    """The usual dashed form of a UUID, from a UUID object or the 32 hex digits SQLite keeps."""
    if isinstance(stored, uuid_module.UUID):
        return str(stored)
    return str(uuid_module.UUID(str(stored)))


def as_stored_date(stored: object) -> dt.date:
    """A date from a date object or the ISO text SQLite keeps."""
    return stored if isinstance(stored, dt.date) else dt.date.fromisoformat(str(stored))


def optional_stored_date(stored: object) -> dt.date | None:
    return None if stored is None else as_stored_date(stored)


def leader_record(row: Any) -> records.Leader:
    return records.Leader(
        id=row.id,
        uuid=uuid_text(row.uuid),
        name=row.name,
        team=row.team,
        work_pattern=records.WorkPattern.from_mask(row.workdays),
        target_minutes=row.target_minutes,
        target_coaching=row.target_coaching,
        target_reinforcement=row.target_reinforcement,
        archived=row.archived_at is not None,
        version=row.version,
    )


def member_record(row: Any) -> records.TeamMember:
    return records.TeamMember(
        id=row.id,
        uuid=uuid_text(row.uuid),
        leader_id=row.leader_id,
        name=row.name,
        archived=row.archived_at is not None,
        version=row.version,
    )


def standard_record(row: Any) -> records.Standard:
    return records.Standard(
        id=row.id,
        uuid=uuid_text(row.uuid),
        name=row.name,
        description=row.description,
        archived=row.archived_at is not None,
        version=row.version,
    )


def day_log_record(row: Any) -> records.DayLog:
    return records.DayLog(
        id=row.id,
        uuid=uuid_text(row.uuid),
        leader_id=row.leader_id,
        day=as_stored_date(row.day),
        minutes=row.minutes,
        note=row.note,
        version=row.version,
    )


def coaching_record(row: Any, member: str, standard: str | None) -> records.CoachingNote:
    return records.CoachingNote(
        id=row.id,
        uuid=uuid_text(row.uuid),
        leader_id=row.leader_id,
        day=as_stored_date(row.day),
        member_id=row.member_id,
        member_name=member,
        standard_id=row.standard_id,
        standard_name=standard,
        observation=row.observation,
        action=row.action,
        follow_up_on=optional_stored_date(row.follow_up_on),
        follow_up_done_on=optional_stored_date(row.follow_up_done_on),
        version=row.version,
    )


def reinforcement_record(
    row: Any, member: str | None, standard: str | None
) -> records.Reinforcement:
    return records.Reinforcement(
        id=row.id,
        uuid=uuid_text(row.uuid),
        leader_id=row.leader_id,
        day=as_stored_date(row.day),
        kind=row.kind,
        member_id=row.member_id,
        member_name=member,
        standard_id=row.standard_id,
        standard_name=standard,
        description=row.description,
        version=row.version,
    )
