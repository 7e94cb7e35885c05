"""Set-based reads for the attention rules: overdue coaching follow-ups and each leader's latest practice day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any, NamedTuple

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from leaderlog.data.models import CoachingNote, Leader, ReinforcementAction
from leaderlog.data.queries import date_of


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


class OpenFollowUps(NamedTuple):
    """One leader's coaching follow-ups due before a day and still open at its end."""

    older: int
    """how many were due before the listed ones' first day"""
    latest_older: dt.date | None
    """the latest due date among those older ones"""
    listed: tuple[dt.date, ...]
    """the due dates from that first day on, oldest first (one per follow-up)"""

    @property
    def count(self) -> int:
        return self.older + len(self.listed)


def _open_as_of(leader_ids: Collection[int], as_of: dt.date) -> list[Any]:
    return [
        CoachingNote.leader_id.in_(list(leader_ids)),
        CoachingNote.follow_up_on < as_of,
        or_(CoachingNote.follow_up_done_on.is_(None), CoachingNote.follow_up_done_on > as_of),
    ]


def open_follow_ups_as_of(
    session: Session, leader_ids: Collection[int], as_of: dt.date, listed_from: dt.date
) -> dict[int, OpenFollowUps]:
    """Per leader id (those with any): follow-ups due before as_of and still open at the end of
    that day, those due from listed_from on one by one and the older ones counted.

    A follow-up closed after as_of was still open then: a past week is judged as it stood.
    Years of follow-ups never closed are one row per leader, not one each.
    """
    if not leader_ids:
        return {}
    open_then = _open_as_of(leader_ids, as_of)
    older = session.execute(
        select(CoachingNote.leader_id, func.count(), func.max(CoachingNote.follow_up_on))
        .where(*open_then, CoachingNote.follow_up_on < listed_from)
        .group_by(CoachingNote.leader_id)
    )
    counted = {leader_id: (int(count), date_of(latest)) for leader_id, count, latest in older}
    listed: dict[int, list[dt.date]] = {}
    for leader_id, due in session.execute(
        select(CoachingNote.leader_id, CoachingNote.follow_up_on)
        .where(*open_then, CoachingNote.follow_up_on >= listed_from)
        .order_by(CoachingNote.leader_id, CoachingNote.follow_up_on)
    ):
        listed.setdefault(leader_id, []).append(due)
    return {
        leader_id: OpenFollowUps(
            *counted.get(leader_id, (0, None)), tuple(listed.get(leader_id, ()))
        )
        for leader_id in counted.keys() | listed.keys()
    }


def open_follow_ups_due_before(
    session: Session, leader_id: int, as_of: dt.date, before: dt.date
) -> int:
    """How many of one leader's follow-ups open at the end of as_of were due before a day."""
    query = select(func.count()).where(
        *_open_as_of([leader_id], as_of), CoachingNote.follow_up_on < before
    )
    return int(session.scalar(query) or 0)


def last_practice_days(
    session: Session, leader_ids: Collection[int], on_or_before: dt.date
) -> tuple[dict[int, dt.date], dict[int, dt.date]]:
    """Per leader id: the latest day with a coaching note, and with a reinforcement, up to a day.

    Leaders who never coached (or reinforced) by then are left out of that mapping.
    """
    if not leader_ids:
        return {}, {}
    ids = list(leader_ids)
    # one index seek per leader and table ((leader_id, day) leads both indexes): a GROUP BY
    # would walk every entry of the chosen leaders
    latest = [
        select(func.max(table.day))
        .where(table.leader_id == Leader.id, table.day <= on_or_before)
        .scalar_subquery()
        for table in (CoachingNote, ReinforcementAction)
    ]
    coached: dict[int, dt.date] = {}
    reinforced: dict[int, dt.date] = {}
    for leader_id, coaching_day, reinforcement_day in session.execute(
        select(Leader.id, *latest).where(Leader.id.in_(ids))
    ):
        if coaching_day is not None:
            coached[leader_id] = date_of(coaching_day)
        if reinforcement_day is not None:
            reinforced[leader_id] = date_of(reinforcement_day)
    return coached, reinforced
