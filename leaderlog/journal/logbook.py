"""Use cases for journal entries: day logs, coaching notes, reinforcement actions.

All validation happens here, before anything is written; each call is one short
transaction; results are frozen records (see leaderlog.core.records).
"""

from __future__ import annotations

import datetime as dt
import heapq
import uuid as uuid_module
from collections.abc import Iterable, Iterator

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, aliased

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
from leaderlog.data import models, search
from leaderlog.data.engine import Database
from leaderlog.journal.people import _check_version, _flush, _leader_row

_ENTRY_MODELS: dict[
    records.EntryType, type[models.DayLog | models.CoachingNote | models.ReinforcementAction]
] = {
    "day": models.DayLog,
    "coaching": models.CoachingNote,
    "reinforcement": models.ReinforcementAction,
}


def _today(today: dt.date | None) -> dt.date:
    return today or dt.date.today()


def _active_leader(session: Session, leader_id: int) -> models.Leader:
    leader = _leader_row(session, leader_id)
    if leader.archived_at is not None:
        raise ValidationError(
            "leader", f"{leader.name} is archived; bring them back to log for them"
        )
    return leader


def _member_of(
    session: Session, leader: models.Leader, member_id: int | None, field: str = "member"
) -> models.TeamMember | None:
    if member_id is None:
        return None
    member = session.get(models.TeamMember, member_id)
    if member is None:
        raise NotFoundError(field, f"no team member with id {member_id}")
    if member.leader_id != leader.id:
        raise ValidationError(field, f"{member.name} is not in {leader.name}'s team")
    return member


def _standard(session: Session, standard_id: int | None) -> models.Standard | None:
    if standard_id is None:
        return None
    standard = session.get(models.Standard, standard_id)
    if standard is None:
        raise NotFoundError("standard", f"no standard with id {standard_id}")
    return standard


def _entry_uuid(value: str | uuid_module.UUID | None) -> uuid_module.UUID:
    if value is None:
        return uuid_module.uuid4()
    if isinstance(value, uuid_module.UUID):
        return value
    try:
        return uuid_module.UUID(str(value))
    except ValueError:
        raise ValidationError("uuid", f"'{value}' is not a UUID") from None


# ---------------------------------------------------------------- records from rows


def day_log_record(row: models.DayLog) -> records.DayLog:
    return records.DayLog(
        id=row.id,
        uuid=str(row.uuid),
        leader_id=row.leader_id,
        day=row.day,
        minutes=row.minutes,
        note=row.note,
        version=row.version,
    )


def _coaching_record(
    row: models.CoachingNote, member: str, standard: str | None
) -> records.CoachingNote:
    return records.CoachingNote(
        id=row.id,
        uuid=str(row.uuid),
        leader_id=row.leader_id,
        day=row.day,
        member_id=row.member_id,
        member_name=member,
        standard_id=row.standard_id,
        standard_name=standard,
        observation=row.observation,
        action=row.action,
        follow_up_on=row.follow_up_on,
        follow_up_done_on=row.follow_up_done_on,
        version=row.version,
    )


def _reinforcement_record(
    row: models.ReinforcementAction, member: str | None, standard: str | None
) -> records.Reinforcement:
    return records.Reinforcement(
        id=row.id,
        uuid=str(row.uuid),
        leader_id=row.leader_id,
        day=row.day,
        kind=row.kind,
        member_id=row.member_id,
        member_name=member,
        standard_id=row.standard_id,
        standard_name=standard,
        description=row.description,
        version=row.version,
    )


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
    entry_uuid = _entry_uuid(uuid)

    with db.write() as session:
        leader = _active_leader(session, leader_id)
        row = session.scalar(
            select(models.DayLog).where(
                models.DayLog.leader_id == leader_id, models.DayLog.day == when
            )
        )
        if row is not None and not replace:
            raise DuplicateError(
                "date",
                f"{leader.name} already has a day log for {when.isoformat()} "
                f"({row.minutes} min); edit it instead",
            )
        if row is None:
            row = models.DayLog(leader_id=leader_id, day=when, uuid=entry_uuid)
            session.add(row)
        row.minutes, row.note = clean_minutes, clean_note
        _flush(session, "date", f"{leader.name} already has a day log for {when.isoformat()}")
        return day_log_record(row)


def add_minutes(
    db: Database, leader_id: int, day: dt.date | str, minutes: int, *, today: dt.date | None = None
) -> records.DayLog:
    """Add minutes (e.g. from the start/stop timer) to the day's log, creating it if needed."""
    when = not_in_future(as_date(day), _today(today))
    extra = as_minutes(minutes)
    with db.write() as session:
        _active_leader(session, leader_id)
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
        _flush(session, "date", "")
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
        _check_version("day log", row.version, log.version)
        row.day, row.minutes, row.note = when, clean_minutes, clean_note
        _flush(session, "date", f"there is already a day log for {when.isoformat()}")
        return day_log_record(row)


# ---------------------------------------------------------------- coaching notes


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
    follow_up = as_optional_date(follow_up_on, "follow-up")
    if follow_up is not None and follow_up < when:
        raise ValidationError(
            "follow-up",
            f"{follow_up.isoformat()} is before the note's date {when.isoformat()}; "
            "a follow-up cannot be due before the conversation",
        )
    leader = _leader_row(session, leader_id)
    member = _member_of(session, leader, member_id)
    assert member is not None
    return when, member, _standard(session, standard_id), follow_up


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
    entry_uuid = _entry_uuid(uuid)
    with db.write() as session:
        _active_leader(session, leader_id)
        when, member, standard, follow_up = _coaching_values(
            session, leader_id, day, member_id, standard_id, follow_up_on, today
        )
        if member.archived_at is not None:
            raise ValidationError("member", f"{member.name} is archived")
        row = models.CoachingNote(
            uuid=entry_uuid,
            leader_id=leader_id,
            day=when,
            member_id=member.id,
            standard_id=standard.id if standard else None,
            observation=clean_observation,
            action=clean_action,
            follow_up_on=follow_up,
        )
        session.add(row)
        _flush(session, "uuid", "an entry with this UUID already exists")
        return _coaching_record(row, member.name, standard.name if standard else None)


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
        _check_version("coaching note", row.version, note.version)
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
        _flush(session, "entry", "")
        return _coaching_record(row, member.name, standard.name if standard else None)


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
        _flush(session, "entry", "")
        member = session.get(models.TeamMember, row.member_id)
        standard = session.get(models.Standard, row.standard_id) if row.standard_id else None
        return _coaching_record(
            row, member.name if member else "", standard.name if standard else None
        )


def list_follow_ups(
    db: Database, leader_id: int | None = None, *, include_done: bool = False
) -> list[records.CoachingNote]:
    """Coaching notes that have a follow-up date, earliest due first (open ones only by default)."""
    query = _coaching_query().where(models.CoachingNote.follow_up_on.is_not(None))
    if leader_id is not None:
        query = query.where(models.CoachingNote.leader_id == leader_id)
    if not include_done:
        query = query.where(models.CoachingNote.follow_up_done_on.is_(None))
    query = query.order_by(models.CoachingNote.follow_up_on, models.CoachingNote.id)
    with db.read() as session:
        return [_coaching_record(row, m, s) for row, m, s in session.execute(query)]


# ---------------------------------------------------------------- reinforcements


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
    entry_uuid = _entry_uuid(uuid)
    with db.write() as session:
        leader = _active_leader(session, leader_id)
        member = _member_of(session, leader, member_id)
        if member is not None and member.archived_at is not None:
            raise ValidationError("member", f"{member.name} is archived")
        standard = _standard(session, standard_id)
        row = models.ReinforcementAction(
            uuid=entry_uuid,
            leader_id=leader_id,
            day=when,
            kind=clean_kind,
            member_id=member.id if member else None,
            standard_id=standard.id if standard else None,
            description=clean_description,
        )
        session.add(row)
        _flush(session, "uuid", "an entry with this UUID already exists")
        return _reinforcement_record(
            row, member.name if member else None, standard.name if standard else None
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
        _check_version("reinforcement", row.version, entry.version)
        leader = _leader_row(session, row.leader_id)
        member = _member_of(session, leader, entry.member_id)
        standard = _standard(session, entry.standard_id)
        row.day, row.kind, row.description = when, clean_kind, clean_description
        row.member_id = member.id if member else None
        row.standard_id = standard.id if standard else None
        _flush(session, "entry", "")
        return _reinforcement_record(
            row, member.name if member else None, standard.name if standard else None
        )


# ---------------------------------------------------------------- any entry


def delete_entry(db: Database, entry_type: records.EntryType, entry_id: int) -> records.Entry:
    """Delete one entry and return it as it was, so the caller can offer undo (restore_entry)."""
    model = _ENTRY_MODELS[entry_type]
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
        model = _ENTRY_MODELS[entry.entry_type]
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
        _flush(session, "entry", "this entry (or another for the same day) exists again already")
        return _record_in_session(session, entry.entry_type, row)


def _record_in_session(
    session: Session, entry_type: records.EntryType, row: object
) -> records.Entry:
    if entry_type == "day":
        return day_log_record(row)  # type: ignore[arg-type]
    member = session.get(models.TeamMember, row.member_id) if row.member_id else None  # type: ignore[attr-defined]
    standard = session.get(models.Standard, row.standard_id) if row.standard_id else None  # type: ignore[attr-defined]
    if entry_type == "coaching":
        return _coaching_record(
            row, member.name if member else "", standard.name if standard else None
        )  # type: ignore[arg-type]
    return _reinforcement_record(
        row, member.name if member else None, standard.name if standard else None
    )  # type: ignore[arg-type]


def get_entry(db: Database, entry_type: records.EntryType, entry_id: int) -> records.Entry:
    """One entry by type and id."""
    with db.read() as session:
        row = session.get(_ENTRY_MODELS[entry_type], entry_id)
        if row is None:
            raise NotFoundError("entry", "this entry no longer exists")
        return _record_in_session(session, entry_type, row)


_MEMBER = aliased(models.TeamMember, name="member")
_STANDARD = aliased(models.Standard, name="standard")


def _coaching_query() -> Select[tuple[models.CoachingNote, str, str | None]]:
    return (
        select(models.CoachingNote, _MEMBER.name, _STANDARD.name)
        .join(_MEMBER, _MEMBER.id == models.CoachingNote.member_id)
        .outerjoin(_STANDARD, _STANDARD.id == models.CoachingNote.standard_id)
    )


def _reinforcement_query() -> Select[tuple[models.ReinforcementAction, str | None, str | None]]:
    return (
        select(models.ReinforcementAction, _MEMBER.name, _STANDARD.name)
        .outerjoin(_MEMBER, _MEMBER.id == models.ReinforcementAction.member_id)
        .outerjoin(_STANDARD, _STANDARD.id == models.ReinforcementAction.standard_id)
    )


def _contains(text: str, *columns: object) -> object:
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return or_(*(column.ilike(pattern, escape="\\") for column in columns))  # type: ignore[attr-defined]


def list_entries(
    db: Database,
    *,
    leader_ids: Iterable[int] | None = None,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    types: Iterable[records.EntryType] | None = None,
    text: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[records.Entry]:
    """Entries newest first, filtered by leaders, date range (inclusive), types and a text search.

    ``offset`` skips that many of the newest matches first (the Journal loads a screenful
    at a time as the user scrolls).

    The text search matches notes, observations, actions, descriptions and the
    names of the team member and standard, ignoring case. On SQLite it uses the
    full-text index (leaderlog.data.search): words match from their start, and the
    last word typed may be incomplete ("refu" finds "refund", "own the" finds "Own
    the problem", "fund" does not find "refund"). Text with no letter or digit in it,
    and every search on PostgreSQL, matches anywhere inside the text instead.
    """
    first = as_optional_date(start, "from")
    last = as_optional_date(end, "to")
    if first and last and last < first:
        raise ValidationError("to", f"{last.isoformat()} is before {first.isoformat()}")
    wanted = set(types) if types is not None else set(records.ENTRY_TYPES)
    leaders = list(leader_ids) if leader_ids is not None else None
    needle = (text or "").strip()

    def scoped(query: Select, model: type) -> Select:  # type: ignore[type-arg]
        if leaders is not None:
            query = query.where(model.leader_id.in_(leaders))  # type: ignore[attr-defined]
        if first:
            query = query.where(model.day >= first)  # type: ignore[attr-defined]
        if last:
            query = query.where(model.day <= last)  # type: ignore[attr-defined]
        query = query.order_by(model.day.desc(), model.id.desc())  # type: ignore[attr-defined]
        return query.limit(offset + limit) if limit else query

    found: list[records.Entry] = []
    with db.read() as session:
        query_words = search.words(needle) if needle else []
        if query_words and search.is_available(session.connection()):
            return _search_entries(
                session, query_words, leaders, first, last, wanted, limit, offset
            )
        if "day" in wanted:
            query = scoped(select(models.DayLog), models.DayLog)
            if needle:
                query = query.where(_contains(needle, models.DayLog.note))
            found.extend(day_log_record(row) for row in session.scalars(query))
        if "coaching" in wanted:
            query = _coaching_query()
            query = scoped(query, models.CoachingNote)
            if needle:
                query = query.where(
                    _contains(
                        needle,
                        models.CoachingNote.observation,
                        models.CoachingNote.action,
                        _MEMBER.name,
                        _STANDARD.name,
                    )
                )
            found.extend(_coaching_record(row, m, s) for row, m, s in session.execute(query))
        if "reinforcement" in wanted:
            query = _reinforcement_query()
            query = scoped(query, models.ReinforcementAction)
            if needle:
                query = query.where(
                    _contains(
                        needle, models.ReinforcementAction.description, _MEMBER.name, _STANDARD.name
                    )
                )
            found.extend(_reinforcement_record(row, m, s) for row, m, s in session.execute(query))
    records.sort_newest_first(found)
    return found[offset : offset + limit] if limit else found[offset:]


def _matching_names(
    session: Session,
    model: type[models.TeamMember | models.Standard],
    query_words: list[str],
    leaders: list[int] | None = None,
) -> list[int]:
    """Ids of members (of the leaders, if given) or standards whose name has the words."""
    # a cheap SQL prefilter on the longest word, then the exact word-prefix rule in Python
    hint = max(query_words, key=len)
    query = select(model.id, model.name).where(_contains(hint, model.name))  # type: ignore[arg-type]
    if leaders is not None and model is models.TeamMember:
        query = query.where(models.TeamMember.leader_id.in_(leaders))
    matches = search.phrase_matcher(query_words)
    return [i for i, name in session.execute(query) if matches(name)]


def _search_entries(
    session: Session,
    query_words: list[str],
    leaders: list[int] | None,
    first: dt.date | None,
    last: dt.date | None,
    wanted: set[records.EntryType],
    limit: int | None,
    offset: int = 0,
) -> list[records.Entry]:
    """list_entries with a text search, answered by the full-text index."""
    if leaders is not None and not leaders:
        return []
    named = bool(wanted - {"day"})
    # only the chosen leaders' members can appear in the results
    member_ids = _matching_names(session, models.TeamMember, query_words, leaders) if named else []
    standard_ids = _matching_names(session, models.Standard, query_words) if named else []
    expression = search.match_expression(
        query_words,
        leader_ids=leaders,
        entry_types=wanted,
        member_ids=member_ids,
        standard_ids=standard_ids,
    )
    end = offset + limit if limit else None
    if leaders is not None and len(leaders) <= _SCAN_LEADERS:
        keys = _scanned_keys(
            session,
            query_words,
            leaders,
            first,
            last,
            wanted,
            set(member_ids),
            set(standard_ids),
            needed=end,
        )[offset:end]
    else:
        keys = search.matching_keys(session.connection(), expression, first, last, end)[offset:]
    wanted_ids: dict[str, list[int]] = {"day": [], "coaching": [], "reinforcement": []}
    for key in keys:
        entry_type, entry_id = search.split_key(key)
        wanted_ids[entry_type].append(entry_id)
    loaded: dict[tuple[str, int], records.Entry] = {}
    for entry_type, ids in wanted_ids.items():
        for start in range(0, len(ids), _ID_CHUNK):
            loaded.update(_records_by_id(session, entry_type, ids[start : start + _ID_CHUNK]))
    # the index's order is the list's order; an entry deleted meanwhile is simply skipped
    return [e for key in keys if (e := loaded.get(search.split_key(key))) is not None]


# Up to this many leaders, a search reads their entries and matches in Python (see
# leaderlog.data.search): a leader's years of entries take ~10 ms to read whatever the query.
_SCAN_LEADERS = 3


def _scanned_keys(
    session: Session,
    query_words: list[str],
    leaders: list[int],
    first: dt.date | None,
    last: dt.date | None,
    wanted: set[records.EntryType],
    member_ids: set[int],
    standard_ids: set[int],
    needed: int | None = None,
) -> list[int]:
    """Index keys, newest first, of the leaders' entries that match: the index's rule, no index.

    With ``needed``, the first ``needed`` keys are exact and the scan of each entry type
    stops soon after them (a common prefix no longer reads a leader's whole history).
    """
    matches = search.phrase_matcher(query_words)
    connection = session.connection()

    def matched(entry_type: str) -> Iterator[tuple[int, int, bool]]:
        # every row, newest day first, as (-day number, key, whether it matches)
        rows = search.scan_rows(connection, entry_type, leaders, first, last)
        if entry_type == "day":
            for day, key, note in rows:
                yield day, key, bool(note) and matches(note)
            return
        for day, key, member_id, standard_id, *texts in rows:
            hit = member_id in member_ids or standard_id in standard_ids
            yield day, key, hit or any(text and matches(text) for text in texts)

    keys = []
    boundary = None
    # the entry types side by side, day by day: once `needed` keys are found, only the
    # rest of that day can still belong in the first `needed`, so reading stops there
    merged = heapq.merge(*(matched(t) for t in sorted(wanted)))
    for day, key, hit in merged:
        if boundary is not None and day != boundary:
            break
        if hit:
            keys.append(key)
            if needed is not None and len(keys) == needed:
                boundary = day
    keys.sort(reverse=True)
    return keys


def _records_by_id(
    session: Session, entry_type: str, ids: list[int]
) -> Iterator[tuple[tuple[str, int], records.Entry]]:
    """Records for entry ids, read as plain columns (no ORM objects: a search may load thousands)."""
    model = _ENTRY_MODELS[entry_type]  # type: ignore[index]
    columns = [c for c in model.__table__.columns if c.name not in ("created_at", "updated_at")]  # type: ignore[union-attr]
    if entry_type == "day":
        for row in session.execute(select(*columns).where(model.id.in_(ids))):
            yield ("day", row.id), day_log_record(row)  # type: ignore[arg-type]
        return
    query = (
        select(*columns, _MEMBER.name.label("member_name"), _STANDARD.name.label("standard_name"))
        .outerjoin(_MEMBER, _MEMBER.id == model.member_id)
        .outerjoin(_STANDARD, _STANDARD.id == model.standard_id)
        .where(model.id.in_(ids))
    )
    make = _coaching_record if entry_type == "coaching" else _reinforcement_record
    for row in session.execute(query):
        yield (entry_type, row.id), make(row, row.member_name, row.standard_name)  # type: ignore[arg-type]


_ID_CHUNK = 10_000
