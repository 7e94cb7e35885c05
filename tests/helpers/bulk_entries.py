"""Build large journals fast for export, import and memory tests: bulk Core inserts, no ORM objects."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from leaderlog.data import models
from leaderlog.data.engine import Database
from leaderlog.data.models import REINFORCEMENT_KINDS, utc_now

BATCH = 5_000
# text a spreadsheet would choke on: formula triggers, quotes, commas, newlines, non-ASCII
NOTES = (
    "Quiet morning, steady queue.",
    '=HYPERLINK("http://evil.example","click")',
    "- bullet one\n- bullet two",
    'She said "thanks", twice',
    "@mention the night shift",
    "Crème brûlée day; 10% busier",
    "'=already quoted",
    "",
)


def _tracked() -> dict[str, object]:
    now = utc_now()
    return {"uuid": uuid.uuid4(), "created_at": now, "updated_at": now, "version": 1}


def _ids(session: Session, model: type[models.Base]) -> list[int]:
    table = model.__table__
    return list(session.scalars(select(table.c.id).order_by(table.c.id)))


def add_people(db: Database, leaders: int) -> tuple[list[int], list[int], list[int]]:
    """leaders leaders (one team member each) and three standards; returns their ids."""
    with db.write() as session:
        leader_rows = [
            {
                **_tracked(),
                "name": f"Leader {n:04d}",
                "name_key": f"leader {n:04d}",
                "team": f"Team {n % 7}",
                "workdays": "1111100",
                "target_minutes": 60,
                "target_coaching": 3,
                "target_reinforcement": 5,
            }
            for n in range(leaders)
        ]
        session.execute(insert(models.Leader.__table__), leader_rows)
        leader_ids = _ids(session, models.Leader)
        session.execute(
            insert(models.TeamMember.__table__),
            [
                {**_tracked(), "leader_id": leader_id, "name": "Sam Lee", "name_key": "sam lee"}
                for leader_id in leader_ids
            ],
        )
        member_ids = _ids(session, models.TeamMember)
        session.execute(
            insert(models.Standard.__table__),
            [
                {**_tracked(), "name": name, "name_key": name.lower(), "description": ""}
                for name in ("Greet within 10 seconds", "+Own the problem", "Thank every customer")
            ],
        )
        standard_ids = _ids(session, models.Standard)
    return leader_ids, member_ids, standard_ids


def _rows(
    total: int,
    leader_ids: list[int],
    member_ids: list[int],
    standard_ids: list[int],
    first: dt.date,
) -> Iterator[tuple[str, dict[str, object]]]:
    per_day = len(leader_ids) * 3
    for i in range(total):
        slot = i % len(leader_ids)
        kind = (i // len(leader_ids)) % 3
        day = first + dt.timedelta(days=i // per_day)
        note = NOTES[i % len(NOTES)]
        base = {**_tracked(), "leader_id": leader_ids[slot], "day": day}
        if kind == 0:
            yield "day", {**base, "minutes": 30 + i % 90, "note": note}
        elif kind == 1:
            follow = day + dt.timedelta(days=7) if i % 2 else None
            yield (
                "coaching",
                {
                    **base,
                    "member_id": member_ids[slot],
                    "standard_id": standard_ids[i % len(standard_ids)] if i % 4 else None,
                    "observation": note or "Greeted late",
                    "action": "Practise the greeting",
                    "follow_up_on": follow,
                    "follow_up_done_on": follow if i % 3 == 0 else None,
                },
            )
        else:
            yield (
                "reinforcement",
                {
                    **base,
                    "member_id": member_ids[slot] if i % 5 else None,
                    "kind": REINFORCEMENT_KINDS[i % len(REINFORCEMENT_KINDS)],
                    "standard_id": standard_ids[i % len(standard_ids)] if i % 2 else None,
                    "description": note,
                },
            )


def insert_entries(
    db: Database, total: int, leaders: int = 20, first: dt.date = dt.date(2020, 1, 6)
) -> list[int]:
    """Add leaders and exactly total entries (day logs, coaching, reinforcements in turn); returns leader ids."""
    leader_ids, member_ids, standard_ids = add_people(db, leaders)
    tables = {
        "day": models.DayLog.__table__,
        "coaching": models.CoachingNote.__table__,
        "reinforcement": models.ReinforcementAction.__table__,
    }
    batches: dict[str, list[dict[str, object]]] = {name: [] for name in tables}
    with db.write() as session:
        if db.is_sqlite:
            # random UUIDs hit the whole unique index: keep it in memory while filling
            session.execute(text("PRAGMA cache_size = -262144"))
        for name, row in _rows(total, leader_ids, member_ids, standard_ids, first):
            batch = batches[name]
            batch.append(row)
            if len(batch) >= BATCH:
                session.execute(insert(tables[name]), batch)
                batch.clear()
        for name, batch in batches.items():
            if batch:
                session.execute(insert(tables[name]), batch)
    return leader_ids
