"""Set-based reads for the team comparison: open, overdue coaching follow-ups counted per leader."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from leaderlog.data.models import CoachingNote


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
