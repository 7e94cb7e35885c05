"""Reading journal entries back: the filtered, searched list and the follow-ups that are due.

Each call is one read transaction and returns frozen records (leaderlog.core.records);
the text search uses the full-text index where there is one (leaderlog.data.search).
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, aliased

from leaderlog.core import records
from leaderlog.core.errors import ValidationError
from leaderlog.core.validation import as_optional_date
from leaderlog.data import models, search
from leaderlog.data.engine import Database
from leaderlog.journal.lookups import ENTRY_MODELS
from leaderlog.journal.rows import coaching_record, day_log_record, reinforcement_record

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
            found.extend(coaching_record(row, m, s) for row, m, s in session.execute(query))
        if "reinforcement" in wanted:
            query = _reinforcement_query()
            query = scoped(query, models.ReinforcementAction)
            if needle:
                query = query.where(
                    _contains(
                        needle, models.ReinforcementAction.description, _MEMBER.name, _STANDARD.name
                    )
                )
            found.extend(reinforcement_record(row, m, s) for row, m, s in session.execute(query))
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
    if session.get_bind().dialect.name == "sqlite":
        for row in search.rows_by_id(session.connection(), entry_type, ids):
            yield (entry_type, row.id), _record_of(entry_type, row)
        return
    model = ENTRY_MODELS[entry_type]  # type: ignore[index]
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
    make = coaching_record if entry_type == "coaching" else reinforcement_record
    for row in session.execute(query):
        yield (entry_type, row.id), make(row, row.member_name, row.standard_name)  # type: ignore[arg-type]


def _record_of(entry_type: str, row: Any) -> records.Entry:
    if entry_type == "day":
        return day_log_record(row)
    make = coaching_record if entry_type == "coaching" else reinforcement_record
    return make(row, row.member_name, row.standard_name)


_ID_CHUNK = 10_000


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
        return [coaching_record(row, m, s) for row, m, s in session.execute(query)]
