"""Which leader a command means when it names none: the only active one, else the last one who logged."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, union_all

from leaderlog.core import records
from leaderlog.core.errors import NotFoundError
from leaderlog.data import models
from leaderlog.data.engine import Database
from leaderlog.journal import people
from leaderlog.journal.lookups import ENTRY_MODELS
from leaderlog.journal.rows import leader_record

LISTED_NAMES = 10
"""Names shown when the leader has to be chosen; a bigger journal is pointed to `leader list`."""


@dataclass(frozen=True)
class DefaultLeader:
    """The leader a command without --leader writes for, and whether saying so matters."""

    leader: records.Leader
    only_active: bool
    """True when the journal has just this one active leader: nothing to choose, nothing to say."""


class LeaderNotChosenError(NotFoundError):
    """Several active leaders (or none) and nobody has logged yet: the command must name one."""


def default_leader(db: Database) -> DefaultLeader:
    """The only active leader, or the active leader whose entry was written last.

    LeaderNotChosenError says how to choose when neither exists.
    """
    active = people.list_leaders(db)
    if len(active) == 1:
        return DefaultLeader(active[0], only_active=True)
    stamps = union_all(
        *(
            select(model.leader_id.label("leader_id"), model.created_at.label("created_at"))
            for model in ENTRY_MODELS.values()
        )
    ).subquery()
    last = (
        select(models.Leader)
        .join(stamps, stamps.c.leader_id == models.Leader.id)
        .where(models.Leader.archived_at.is_(None))
        .group_by(models.Leader.id)
        .order_by(func.max(stamps.c.created_at).desc(), models.Leader.id.desc())
        .limit(1)
    )
    with db.read() as session:
        row = session.scalar(last)
        if row is not None:
            return DefaultLeader(leader_record(row), only_active=False)
    if not active:
        raise LeaderNotChosenError(
            "leader", "there is no leader yet; add one with `leaderlog leader add NAME`"
        )
    names = ", ".join(leader.name for leader in active[:LISTED_NAMES])
    more = len(active) - LISTED_NAMES
    shown = f"{names} and {more} more (see `leaderlog leader list`)" if more > 0 else names
    raise LeaderNotChosenError(
        "leader",
        f"{len(active)} leaders and none has logged yet; choose one with --leader NAME "
        f"(one of: {shown})",
    )
