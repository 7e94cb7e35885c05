"""Use cases that write journal entries: day logs, coaching notes, reinforcement actions.

All validation happens here, before anything is written; each call is one short
transaction; results are frozen records (see leaderlog.core.records). The
``write_*`` functions do one write inside a session the caller opened, so a use case
that saves several entries (journal.today.save_today) can save them all or none.
Reading entries back (the list, the search, follow-ups) lives in journal.listing; its
names are importable from here too.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module

from sqlalchemy import select
from sqlalchemy.orm import Session

from leaderlog.core import records
from leaderlog.core.errors import DuplicateError, NotFoundError, ValidationError
from leaderlog.core.validation import (
    MAX_MINUTES_PER_DAY,
    as_date,
    as_kind,
    as_minutes,
    as_optional_date,
    as_text,
    not_in_future,
)
from leaderlog.data import models
from leaderlog.data.engine import Database
from leaderlog.journal.listing import list_entries as list_entries
from leaderlog.journal.listing import list_follow_ups as list_follow_ups
from leaderlog.journal.lookups import (
    ENTRY_MODELS,
    active_leader_row,
    check_version,
    entry_uuid,
    flush,
    leader_row,
    member_of,
    optional_standard,
)
from leaderlog.journal.rows import coaching_record, day_log_record, reinforcement_record


def _today(today: dt.date | None) -> dt.date:
    return today or dt.date.today()


def _name(row: models.TeamMember | models.Standard | None) -> str | None:
    return row.name if row is not None else None


# ---------------------------------------------------------------- day logs


def get_day_log(db: Database, leader_id: int, day: dt.date | str) -> records.DayLog | None:
    """The leader's day log for a date, or None."""
    when = as_date(day)
    with db.read() as session:
        row = session.scalar(
            select(models.DayLog).where(
                models.DayLog.leader_id == leader_id, models.DayLog.day == when
            )
        )
        return day_log_record(row) if row else None


def write_day_log(
    session: Session,
    leader: models.Leader,
    when: dt.date,
    minutes: int,
    note: str,
    *,
    replace: bool,
    uuid: uuid_module.UUID,
) -> records.DayLog:
    """Store the leader's day log (values already checked) in the caller's session."""
    row = session.scalar(
        select(models.DayLog).where(models.DayLog.leader_id == leader.id, models.DayLog.day == when)
    )
    if row is not None and not replace:
        raise DuplicateError(
            "date",
            f"{leader.name} already has a day log for {when.isoformat()} "
            f"({row.minutes} min); edit it instead",
        )
    if row is None:
        row = models.DayLog(leader_id=leader.id, day=when, uuid=uuid)
        session.add(row)
    row.minutes, row.note = minutes, note
    flush(session, "date", f"{leader.name} already has a day log for {when.isoformat()}")
    return day_log_record(row)


def add_day_log(
    db: Database,
    leader_id: int,
    day: dt.date | str,
    minutes: int | str,
    note: str = "",
    *,
    replace: bool = False,
    today: dt.date | None = None,
    uuid: str | None = None,
) -> records.DayLog:
    """Log a day's customer-facing minutes. A second log for the same date is refused unless replace."""
    when = not_in_future(as_date(day), _today(today))
    clean_minutes = as_minutes(minutes)
    clean_note = as_text(note, "note")
    new_uuid = entry_uuid(uuid)
    with db.write() as session:
        leader = active_leader_row(session, leader_id)
        return write_day_log(
            session, leader, when, clean_minutes, clean_note, replace=replace, uuid=new_uuid
        )


def add_minutes(
    db: Database, leader_id: int, day: dt.date | str, minutes: int, *, today: dt.date | None = None
) -> records.DayLog:
    """Add minutes (e.g. from the start/stop timer) to the day's log, creating it if needed."""
    when = not_in_future(as_date(day), _today(today))
    extra = as_minutes(minutes)
    with db.write() as session:
        active_leader_row(session, leader_id)
        row = session.scalar(
            select(models.DayLog).where(
                models.DayLog.leader_id == leader_id, models.DayLog.day == when
            )
        )
        if row is None:
            row = models.DayLog(leader_id=leader_id, day=when, minutes=0, note="")
            session.add(row)
        total = row.minutes + extra
        if total > MAX_MINUTES_PER_DAY:
            raise ValidationError(
                "minutes", f"{row.minutes} + {extra} would be more than a day (1440 minutes)"
            )
        row.minutes = total
        flush(session, "date", "")
        return day_log_record(row)


def update_day_log(
    db: Database, log: records.DayLog, *, today: dt.date | None = None
) -> records.DayLog:
    """Save an edited day log (date, minutes, note); refuses if someone else changed it meanwhile."""
    when = not_in_future(as_date(log.day), _today(today))
    clean_minutes = as_minutes(log.minutes)
    clean_note = as_text(log.note, "note")
    with db.write() as session:
        row = session.get(models.DayLog, log.id)
        if row is None:
            raise NotFoundError("entry", "this day log no longer exists (deleted elsewhere?)")
        check_version("day log", row.version, log.version)
        row.day, row.minutes, row.note = when, clean_minutes, clean_note
        flush(session, "date", f"there is already a day log for {when.isoformat()}")
        return day_log_record(row)


# ---------------------------------------------------------------- coaching notes


def checked_follow_up(when: dt.date, follow_up_on: dt.date | str | None) -> dt.date | None:
    """The follow-up date, refused if it falls before the conversation it follows up."""
    follow_up = as_optional_date(follow_up_on, "follow-up")
    if follow_up is not None and follow_up < when:
        raise ValidationError(
            "follow-up",
            f"{follow_up.isoformat()} is before the note's date {when.isoformat()}; "
            "a follow-up cannot be due before the conversation",
        )
    return follow_up


def _coaching_values(
    session: Session,
    leader_id: int,
    day: dt.date | str,
    member_id: int,
    standard_id: int | None,
    follow_up_on: dt.date | str | None,
    today: dt.date | None,
) -> tuple[dt.date, models.TeamMember, models.Standard | None, dt.date | None]:
    when = not_in_future(as_date(day), _today(today))
    follow_up = checked_follow_up(when, follow_up_on)
    leader = leader_row(session, leader_id)
    member = member_of(session, leader, member_id)
    assert member is not None
    return when, member, optional_standard(session, standard_id), follow_up


def write_coaching_note(
    session: Session,
    leader: models.Leader,
    when: dt.date,
    member: models.TeamMember,
    standard: models.Standard | None,
    observation: str,
    action: str,
    follow_up: dt.date | None,
    *,
    uuid: uuid_module.UUID,
) -> records.CoachingNote:
    """Store a coaching note (values already checked) in the caller's session."""
    if member.archived_at is not None:
        raise ValidationError("member", f"{member.name} is archived")
    row = models.CoachingNote(
        uuid=uuid,
        leader_id=leader.id,
        day=when,
        member_id=member.id,
        standard_id=standard.id if standard else None,
        observation=observation,
        action=action,
        follow_up_on=follow_up,
    )
    session.add(row)
    flush(session, "uuid", "an entry with this UUID already exists")
    return coaching_record(row, member.name, _name(standard))


def add_coaching_note(
    db: Database,
    leader_id: int,
    day: dt.date | str,
    member_id: int,
    observation: str,
    action: str = "",
    standard_id: int | None = None,
    follow_up_on: dt.date | str | None = None,
    *,
    today: dt.date | None = None,
    uuid: str | None = None,
) -> records.CoachingNote:
    """Record a coaching conversation: who, which standard, what was seen, what was agreed, when to follow up."""
    clean_observation = as_text(observation, "observation", required=True)
    clean_action = as_text(action, "agreed action")
    new_uuid = entry_uuid(uuid)
    with db.write() as session:
        leader = active_leader_row(session, leader_id)
        when, member, standard, follow_up = _coaching_values(
            session, leader_id, day, member_id, standard_id, follow_up_on, today
        )
        return write_coaching_note(
            session,
            leader,
            when,
            member,
            standard,
            clean_observation,
            clean_action,
            follow_up,
            uuid=new_uuid,
        )


def update_coaching_note(
    db: Database, note: records.CoachingNote, *, today: dt.date | None = None
) -> records.CoachingNote:
    """Save an edited coaching note; refuses if someone else changed it meanwhile."""
    clean_observation = as_text(note.observation, "observation", required=True)
    clean_action = as_text(note.action, "agreed action")
    done_on = as_optional_date(note.follow_up_done_on, "follow-up done")
    with db.write() as session:
        row = session.get(models.CoachingNote, note.id)
        if row is None:
            raise NotFoundError("entry", "this coaching note no longer exists (deleted elsewhere?)")
        check_version("coaching note", row.version, note.version)
        when, member, standard, follow_up = _coaching_values(
            session,
            row.leader_id,
            note.day,
            note.member_id,
            note.standard_id,
            note.follow_up_on,
            today,
        )
        row.day, row.member_id = when, member.id
        row.standard_id = standard.id if standard else None
        row.observation, row.action = clean_observation, clean_action
        row.follow_up_on, row.follow_up_done_on = follow_up, done_on
        flush(session, "entry", "")
        return coaching_record(row, member.name, standard.name if standard else None)


def complete_follow_up(
    db: Database,
    note_id: int,
    done_on: dt.date | str | None = None,
    *,
    today: dt.date | None = None,
) -> records.CoachingNote:
    """Mark a coaching follow-up done (today unless a date is given); pass done_on='' to reopen."""
    reopen = isinstance(done_on, str) and not done_on.strip()
    when = (
        None
        if reopen
        else not_in_future(as_date(done_on or _today(today), "done on"), _today(today))
    )
    with db.write() as session:
        row = session.get(models.CoachingNote, note_id)
        if row is None:
            raise NotFoundError("entry", "this coaching note no longer exists")
        if when is not None and when < row.day:
            raise ValidationError("done on", "a follow-up cannot be done before the conversation")
        row.follow_up_done_on = when
        flush(session, "entry", "")
        member = session.get(models.TeamMember, row.member_id)
        standard = session.get(models.Standard, row.standard_id) if row.standard_id else None
        return coaching_record(
            row, member.name if member else "", standard.name if standard else None
        )


# ---------------------------------------------------------------- reinforcements


def write_reinforcement(
    session: Session,
    leader: models.Leader,
    when: dt.date,
    kind: str,
    member: models.TeamMember | None,
    standard: models.Standard | None,
    description: str,
    *,
    uuid: uuid_module.UUID,
) -> records.Reinforcement:
    """Store a reinforcement action (values already checked) in the caller's session."""
    if member is not None and member.archived_at is not None:
        raise ValidationError("member", f"{member.name} is archived")
    row = models.ReinforcementAction(
        uuid=uuid,
        leader_id=leader.id,
        day=when,
        kind=kind,
        member_id=member.id if member else None,
        standard_id=standard.id if standard else None,
        description=description,
    )
    session.add(row)
    flush(session, "uuid", "an entry with this UUID already exists")
    return reinforcement_record(row, _name(member), _name(standard))


def add_reinforcement(
    db: Database,
    leader_id: int,
    day: dt.date | str,
    kind: str,
    description: str = "",
    member_id: int | None = None,
    standard_id: int | None = None,
    *,
    today: dt.date | None = None,
    uuid: str | None = None,
) -> records.Reinforcement:
    """Record a reinforcement action for a team member, or for the whole team (member_id None)."""
    when = not_in_future(as_date(day), _today(today))
    clean_kind = as_kind(kind)
    clean_description = as_text(description, "description")
    new_uuid = entry_uuid(uuid)
    with db.write() as session:
        leader = active_leader_row(session, leader_id)
        member = member_of(session, leader, member_id)
        standard = optional_standard(session, standard_id)
        return write_reinforcement(
            session, leader, when, clean_kind, member, standard, clean_description, uuid=new_uuid
        )


def update_reinforcement(
    db: Database, entry: records.Reinforcement, *, today: dt.date | None = None
) -> records.Reinforcement:
    """Save an edited reinforcement; refuses if someone else changed it meanwhile."""
    when = not_in_future(as_date(entry.day), _today(today))
    clean_kind = as_kind(entry.kind)
    clean_description = as_text(entry.description, "description")
    with db.write() as session:
        row = session.get(models.ReinforcementAction, entry.id)
        if row is None:
            raise NotFoundError("entry", "this reinforcement no longer exists (deleted elsewhere?)")
        check_version("reinforcement", row.version, entry.version)
        leader = leader_row(session, row.leader_id)
        member = member_of(session, leader, entry.member_id)
        standard = optional_standard(session, entry.standard_id)
        row.day, row.kind, row.description = when, clean_kind, clean_description
        row.member_id = member.id if member else None
        row.standard_id = standard.id if standard else None
        flush(session, "entry", "")
        return reinforcement_record(
            row, member.name if member else None, standard.name if standard else None
        )


# ---------------------------------------------------------------- any entry


def delete_entry(db: Database, entry_type: records.EntryType, entry_id: int) -> records.Entry:
    """Delete one entry and return it as it was, so the caller can offer undo (restore_entry)."""
    model = ENTRY_MODELS[entry_type]
    with db.write() as session:
        row = session.get(model, entry_id)
        if row is None:
            raise NotFoundError("entry", "this entry no longer exists")
        record = _record_in_session(session, entry_type, row)
        session.delete(row)
        return record


def restore_entry(db: Database, entry: records.Entry) -> records.Entry:
    """Put back a deleted entry with its original UUID (undo of delete_entry)."""
    with db.write() as session:
        model = ENTRY_MODELS[entry.entry_type]
        values: dict[str, object] = {
            "uuid": uuid_module.UUID(entry.uuid),
            "leader_id": entry.leader_id,
            "day": entry.day,
        }
        if isinstance(entry, records.DayLog):
            values.update(minutes=entry.minutes, note=entry.note)
        elif isinstance(entry, records.CoachingNote):
            values.update(
                member_id=entry.member_id,
                standard_id=entry.standard_id,
                observation=entry.observation,
                action=entry.action,
                follow_up_on=entry.follow_up_on,
                follow_up_done_on=entry.follow_up_done_on,
            )
        else:
            values.update(
                member_id=entry.member_id,
                kind=entry.kind,
                standard_id=entry.standard_id,
                description=entry.description,
            )
        row = model(**values)
        session.add(row)
        flush(session, "entry", "this entry (or another for the same day) exists again already")
        return _record_in_session(session, entry.entry_type, row)


def _record_in_session(
    session: Session, entry_type: records.EntryType, row: object
) -> records.Entry:
    if entry_type == "day":
        return day_log_record(row)  # type: ignore[arg-type]
    member = session.get(models.TeamMember, row.member_id) if row.member_id else None  # type: ignore[attr-defined]
    standard = session.get(models.Standard, row.standard_id) if row.standard_id else None  # type: ignore[attr-defined]
    if entry_type == "coaching":
        return coaching_record(
            row, member.name if member else "", standard.name if standard else None
        )  # type: ignore[arg-type]
    return reinforcement_record(
        row, member.name if member else None, standard.name if standard else None
    )  # type: ignore[arg-type]


def get_entry(db: Database, entry_type: records.EntryType, entry_id: int) -> records.Entry:
    """One entry by type and id."""
    with db.read() as session:
        row = session.get(ENTRY_MODELS[entry_type], entry_id)
        if row is None:
            raise NotFoundError("entry", "this entry no longer exists")
        return _record_in_session(session, entry_type, row)
