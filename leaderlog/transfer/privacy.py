"""A team member's rights over their data: export everything about them, or erase it.

Export (for a subject-access request) writes one CSV of the member, every coaching
note and reinforcement about them, and every other entry whose text mentions their
name. Erase deletes the member, their notes and reinforcements, and replaces their
name in other entries' text with "[erased]", all in one transaction; then, on
SQLite, re-indexes the full-text search index (whose deleted tokens would otherwise
linger), rewrites the file (secure_delete, VACUUM) and empties the write-ahead log, so
their name's bytes no longer occur in the database or -wal file.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from leaderlog.core.atomic import atomic_write
from leaderlog.core.errors import DatabaseError
from leaderlog.data import models, search
from leaderlog.data.engine import Database
from leaderlog.journal.lookups import member_row
from leaderlog.safety.backups import BackupInfo, RotationPolicy, backup_before
from leaderlog.transfer.csv_export import neutralise

REDACTION = "[erased]"
EXPORT_COLUMNS = (
    "record",
    "uuid",
    "date",
    "leader",
    "team_member",
    "standard",
    "kind",
    "text",
    "agreed_action",
    "follow_up_on",
    "follow_up_done_on",
    "created_at_utc",
    "updated_at_utc",
)
# (model, text columns) scanned for mentions of a name
_TEXT_COLUMNS: tuple[tuple[type, tuple[str, ...]], ...] = (
    (models.DayLog, ("note",)),
    (models.CoachingNote, ("observation", "action")),
    (models.ReinforcementAction, ("description",)),
)


def _name_pattern(name: str) -> re.Pattern[str]:
    """The name as a whole word, any case: erasing "Sam Lee" leaves "Sam Leeson" alone."""
    return re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)


def _mentions(
    session: Session, pattern: re.Pattern[str], member_id: int
) -> Iterator[tuple[object, list[str]]]:
    """Rows (not about the member) whose text mentions the name, with the columns that do."""
    for model, columns in _TEXT_COLUMNS:
        query = select(model).execution_options(yield_per=500)
        if hasattr(model, "member_id"):
            query = query.where(
                (model.member_id.is_(None)) | (model.member_id != member_id)  # type: ignore[attr-defined]
            )
        for row in session.scalars(query):
            hits = [column for column in columns if pattern.search(getattr(row, column) or "")]
            if hits:
                yield row, hits


# ---------------------------------------------------------------- export


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        text = value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value)
    return neutralise(text)


@dataclass(frozen=True)
class MemberExport:
    """What an export wrote."""

    path: Path
    member_name: str
    coaching_notes: int
    reinforcements: int
    mentions: int


def export_member(db: Database, member_id: int, out: Path) -> MemberExport:
    """Write everything about one team member to a CSV file (atomic, private)."""
    with db.read() as session:
        member = member_row(session, member_id)
        leaders = {row.id: row.name for row in session.scalars(select(models.Leader))}
        standards = {row.id: row.name for row in session.scalars(select(models.Standard))}
        rows: list[list[object]] = [
            [
                "team member",
                member.uuid,
                "",
                leaders[member.leader_id],
                member.name,
                "",
                "archived" if member.archived_at else "active",
                "",
                "",
                "",
                "",
                member.created_at,
                member.updated_at,
            ]
        ]
        notes = session.scalars(
            select(models.CoachingNote)
            .where(models.CoachingNote.member_id == member_id)
            .order_by(models.CoachingNote.day, models.CoachingNote.id)
        ).all()
        for note in notes:
            rows.append(
                ["coaching note", note.uuid, note.day, leaders[note.leader_id], member.name,
                 standards.get(note.standard_id or 0, ""), "", note.observation, note.action,
                 note.follow_up_on, note.follow_up_done_on, note.created_at, note.updated_at]
            )  # fmt: skip
        given = session.scalars(
            select(models.ReinforcementAction)
            .where(models.ReinforcementAction.member_id == member_id)
            .order_by(models.ReinforcementAction.day, models.ReinforcementAction.id)
        ).all()
        for item in given:
            rows.append(
                ["reinforcement", item.uuid, item.day, leaders[item.leader_id], member.name,
                 standards.get(item.standard_id or 0, ""), item.kind, item.description, "",
                 "", "", item.created_at, item.updated_at]
            )  # fmt: skip
        mentions = 0
        for row, columns in _mentions(session, _name_pattern(member.name), member_id):
            mentions += 1
            record = {
                models.DayLog: "mention in a day log",
                models.CoachingNote: "mention in a coaching note about someone else",
                models.ReinforcementAction: "mention in a reinforcement",
            }[type(row)]
            text = " | ".join(getattr(row, column) for column in columns)
            rows.append(
                [record, row.uuid, row.day, leaders[row.leader_id], "", "", "", text,  # type: ignore[attr-defined]
                 "", "", "", row.created_at, row.updated_at]  # type: ignore[attr-defined]
            )  # fmt: skip
        name = member.name
    with atomic_write(out, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(EXPORT_COLUMNS)
        writer.writerows([_cell(value) for value in row] for row in rows)
    return MemberExport(out, name, len(notes), len(given), mentions)


# ---------------------------------------------------------------- erase


@dataclass(frozen=True)
class ErasePlan:
    """What erasing a team member will remove, to show before asking for confirmation."""

    member_id: int
    member_name: str
    leader_name: str
    coaching_notes: int
    reinforcements: int
    mentions: int

    def describe(self) -> str:
        return (
            f"Erase {self.member_name} ({self.leader_name}'s team): "
            f"{self.coaching_notes} coaching notes and {self.reinforcements} reinforcements "
            f"will be deleted, and their name will be replaced by {REDACTION} in "
            f"{self.mentions} other entries. This cannot be undone."
        )


def erase_plan(db: Database, member_id: int) -> ErasePlan:
    """Count what erase_member would remove."""
    from sqlalchemy import func

    with db.read() as session:
        member = member_row(session, member_id)
        leader = session.get(models.Leader, member.leader_id)
        notes = session.scalar(
            select(func.count()).where(models.CoachingNote.member_id == member_id)
        )
        given = session.scalar(
            select(func.count()).where(models.ReinforcementAction.member_id == member_id)
        )
        mentions = sum(1 for _ in _mentions(session, _name_pattern(member.name), member_id))
        return ErasePlan(
            member_id, member.name, leader.name if leader else "", notes or 0, given or 0, mentions
        )


@dataclass(frozen=True)
class EraseOutcome:
    """What erasing did."""

    plan: ErasePlan
    backup: BackupInfo | None
    """the safety copy made first; it still holds the member's data (see docs/data-safety.md)"""


def erase_member(
    db: Database, member_id: int, *, backup_policy: RotationPolicy | None = None
) -> EraseOutcome:
    """Erase a team member and every trace of them (see module docstring); all or nothing."""
    plan = erase_plan(db, member_id)
    backup = backup_before(db, "erase", policy=backup_policy)
    with db.write() as session:
        if db.is_sqlite:
            # deleted cells are zeroed on the pages, not only unlinked
            session.connection().exec_driver_sql("PRAGMA secure_delete = ON")
        member = member_row(session, member_id)
        pattern = _name_pattern(member.name)
        for row, columns in list(_mentions(session, pattern, member_id)):
            for column in columns:
                setattr(row, column, pattern.sub(REDACTION, getattr(row, column)))
        session.flush()
        session.execute(
            delete(models.CoachingNote).where(models.CoachingNote.member_id == member_id)
        )
        session.execute(
            delete(models.ReinforcementAction).where(
                models.ReinforcementAction.member_id == member_id
            )
        )
        session.execute(delete(models.TeamMember).where(models.TeamMember.id == member_id))
        connection = session.connection()
        if search.is_available(connection):
            # A contentless FTS5 index keeps deleted tokens in its segments until they
            # merge; re-indexing from the remaining rows drops every token of the erased.
            search.rebuild(connection)
    if db.is_sqlite:
        scrub_sqlite_file(db)
    return EraseOutcome(plan, backup)


def scrub_sqlite_file(db: Database, attempts: int = 20) -> None:
    """Rewrite the file without free pages and empty the -wal, so deleted bytes are gone.

    VACUUM cannot run inside a transaction, so it goes through the raw driver
    connection; the checkpoint waits briefly for other readers to finish.
    """
    with db.engine.connect() as connection:
        raw = connection.connection.driver_connection
        raw.execute("PRAGMA secure_delete = ON")
        raw.execute("VACUUM")
        for _ in range(attempts):
            busy, _log, _done = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if not busy:
                return
            time.sleep(0.1)
    raise DatabaseError(
        f"The erased data was deleted, but another program kept {db.display_name} open, so "
        "old copies may remain in its -wal file until every LeaderLog window is closed."
    )
