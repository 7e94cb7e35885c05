"""Set-based reads for the attention rules: overdue coaching follow-ups and each leader's latest practice day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from leaderlog.data.models import CoachingNote, ReinforcementAction


def overdue_follow_up_counts(
    session: Session, leader_ids: Collection[int], today: dt.date
) -> dict[int, int]:
    """Per leader id: coaching follow-ups due before today and not yet done (leaders with none left out)."""
    if not leader_ids:
        return {}
    query = (
        select(CoachingNote.leader_id, func.count())
        .where(
            CoachingNote.leader_id.in_(list(leader_ids)),
            CoachingNote.follow_up_on < today,
            CoachingNote.follow_up_done_on.is_(None),
        )
        .group_by(CoachingNote.leader_id)
    )
    return {leader_id: int(count) for leader_id, count in session.execute(query)}


def open_follow_ups_as_of(
    session: Session, leader_ids: Collection[int], as_of: dt.date
) -> list[tuple[int, dt.date]]:
    """(leader id, due date) of every follow-up due before as_of and still open at the end of that day.

    A follow-up closed after as_of was still open then: a past week is judged as it stood.
    """
    if not leader_ids:
        return []
    query = (
        select(CoachingNote.leader_id, CoachingNote.follow_up_on)
        .where(
            CoachingNote.leader_id.in_(list(leader_ids)),
            CoachingNote.follow_up_on < as_of,
            or_(CoachingNote.follow_up_done_on.is_(None), CoachingNote.follow_up_done_on > as_of),
        )
        .order_by(CoachingNote.leader_id, CoachingNote.follow_up_on)
    )
    return [(leader_id, due) for leader_id, due in session.execute(query)]


def last_practice_days(
    session: Session, leader_ids: Collection[int], on_or_before: dt.date
) -> tuple[dict[int, dt.date], dict[int, dt.date]]:
    """Per leader id: the latest day with a coaching note, and with a reinforcement, up to a day.

    Leaders who never coached (or reinforced) by then are left out of that mapping.
    """
    if not leader_ids:
        return {}, {}
    ids = list(leader_ids)
    found = []
    for table in (CoachingNote, ReinforcementAction):
        query = (
            select(table.leader_id, func.max(table.day))
            .where(table.leader_id.in_(ids), table.day <= on_or_before)
            .group_by(table.leader_id)
        )
        found.append({leader_id: day for leader_id, day in session.execute(query)})
    return found[0], found[1]
