"""Row lookups and checks that the journal's writes share inside one open session."""

from __future__ import annotations

import uuid as uuid_module

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from leaderlog.core import records
from leaderlog.core.errors import ConflictError, DuplicateError, NotFoundError, ValidationError
from leaderlog.data import models


def check_version(what: str, current: int, expected: int | None) -> None:
    """Refuse an edit made on a copy older than the stored row (someone else saved meanwhile)."""
    if expected is not None and current != expected:
        raise ConflictError(
            f"This {what} was changed elsewhere since you opened it; "
            "reload it and make your change again."
        )


def flush(session: Session, field: str, duplicate_message: str) -> None:
    """Flush, turning a unique-constraint race into a clear DuplicateError."""
    try:
        session.flush()
    except IntegrityError as exc:
        raise DuplicateError(field, duplicate_message) from exc
    except StaleDataError as exc:
        raise ConflictError(
            "This record was changed or removed elsewhere while you edited it; reload it."
        ) from exc


def leader_row(session: Session, leader_id: int) -> models.Leader:
    row = session.get(models.Leader, leader_id)
    if row is None:
        raise NotFoundError("leader", f"no leader with id {leader_id}")
    return row


def active_leader_row(session: Session, leader_id: int) -> models.Leader:
    """The leader, refused if archived: nobody logs for an archived leader."""
    leader = leader_row(session, leader_id)
    if leader.archived_at is not None:
        raise ValidationError(
            "leader", f"{leader.name} is archived; bring them back to log for them"
        )
    return leader


def member_row(session: Session, member_id: int) -> models.TeamMember:
    row = session.get(models.TeamMember, member_id)
    if row is None:
        raise NotFoundError("member", f"no team member with id {member_id}")
    return row


def member_of(
    session: Session, leader: models.Leader, member_id: int | None, field: str = "member"
) -> models.TeamMember | None:
    """The team member with this id, refused unless in the leader's team; None for no member."""
    if member_id is None:
        return None
    member = session.get(models.TeamMember, member_id)
    if member is None:
        raise NotFoundError(field, f"no team member with id {member_id}")
    if member.leader_id != leader.id:
        raise ValidationError(field, f"{member.name} is not in {leader.name}'s team")
    return member


def standard_row(session: Session, standard_id: int) -> models.Standard:
    row = session.get(models.Standard, standard_id)
    if row is None:
        raise NotFoundError("standard", f"no standard with id {standard_id}")
    return row


def optional_standard(
    session: Session, standard_id: int | None, field: str = "standard"
) -> models.Standard | None:
    """The standard with this id, or None when no standard was chosen."""
    if standard_id is None:
        return None
    standard = session.get(models.Standard, standard_id)
    if standard is None:
        raise NotFoundError(field, f"no standard with id {standard_id}")
    return standard


def entry_uuid(value: str | uuid_module.UUID | None) -> uuid_module.UUID:
    """The entry's UUID: the one given (the outbox's, an import's), or a new one."""
    if value is None:
        return uuid_module.uuid4()
    if isinstance(value, uuid_module.UUID):
        return value
    try:
        return uuid_module.UUID(str(value))
    except ValueError:
        raise ValidationError("uuid", f"'{value}' is not a UUID") from None


ENTRY_MODELS: dict[
    records.EntryType, type[models.DayLog | models.CoachingNote | models.ReinforcementAction]
] = {
    "day": models.DayLog,
    "coaching": models.CoachingNote,
    "reinforcement": models.ReinforcementAction,
}
"""The table each kind of entry is stored in."""
