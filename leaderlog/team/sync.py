"""Saves that survive a flaky network: an entry saved while the team server is unreachable waits
in the local outbox and is sent when the server is back, exactly once (its UUID decides).

New day logs, coaching notes, reinforcements and ranges of leave travel this way; edits,
deletions, holidays and settings changes need the server (docs/architecture.md).
"""

from __future__ import annotations

import datetime as dt
import time
import uuid as uuid_module
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select

from leaderlog.core import records
from leaderlog.core.errors import (
    DuplicateError,
    LeaderLogError,
    ServerUnreachableError,
    ValidationError,
)
from leaderlog.core.paths import AppPaths
from leaderlog.data import models
from leaderlog.data.engine import Database
from leaderlog.data.outbox import Outbox, PendingSave, outbox_file
from leaderlog.journal import logbook, people, time_off
from leaderlog.journal.today import (
    SavedToday,
    TodayInput,
    TodayUuids,
    check_today,
    match_member,
    pending_records,
)
from leaderlog.journal.today import save_today as save_today_now


def _send_coaching_note(
    db: Database, *, member_name: str | None = None, **fields: object
) -> records.CoachingNote:
    """add_coaching_note for a waiting save; one queued from Today names its member as typed."""
    if member_name is not None:
        # matched now: while the server was away the team could not be read
        leader_id = int(fields["leader_id"])  # type: ignore[call-overload]
        team = people.list_members(db, leader_id)
        leader = people.get_leader(db, leader_id)
        fields["member_id"] = match_member(team, member_name, leader.name).id
    return logbook.add_coaching_note(db, **fields)  # type: ignore[arg-type]


# after the server was found unreachable, saves go straight to the outbox for this long
RETRY_AFTER_S = 30.0

_SAVERS: dict[str, Callable[..., records.Entry | time_off.TimeOff]] = {
    "day": logbook.add_day_log,
    "coaching": _send_coaching_note,
    "reinforcement": logbook.add_reinforcement,
    "time_off": time_off.add,
}
_MODELS = {
    "day": models.DayLog,
    "coaching": models.CoachingNote,
    "reinforcement": models.ReinforcementAction,
    "time_off": models.TimeOff,
}


@dataclass(frozen=True)
class Queued:
    """A save kept locally because the server could not be reached; it is sent later."""

    uuid: str
    entry_type: str
    reason: str


@dataclass
class SendReport:
    """What one attempt to empty the outbox did."""

    sent: int = 0
    already_there: int = 0
    refused: list[tuple[PendingSave, str]] = field(default_factory=list)
    waiting: int = 0
    unreachable: str | None = None

    def describe(self) -> str:
        parts = [f"sent {self.sent} waiting entr{'y' if self.sent == 1 else 'ies'}"]
        if self.already_there:
            parts.append(f"{self.already_there} had already arrived")
        if self.refused:
            parts.append(f"{len(self.refused)} refused by the server (kept, see below)")
        if self.unreachable:
            parts.append(f"{self.waiting} still waiting: the server cannot be reached")
        return "; ".join(parts)


def outbox_for(paths: AppPaths, db: Database) -> Outbox | None:
    """The outbox of a server database, under the user's data dir; None for a local SQLite file."""
    if db.is_sqlite:
        return None
    return Outbox(outbox_file(paths.data_dir, db.url))


def _payload(fields: dict[str, object]) -> dict[str, object]:
    return {
        key: value.isoformat() if isinstance(value, dt.date) else value
        for key, value in fields.items()
        if key != "today"
    }


def save_entry(
    db: Database, outbox: Outbox | None, entry_type: records.EntryType, **fields: object
) -> records.Entry | Queued:
    """Save a new day log, coaching note or reinforcement; keep it locally if the server is unreachable.

    ``fields`` are the keyword arguments of logbook.add_day_log / add_coaching_note /
    add_reinforcement. Invalid input raises at once, as without an outbox; waiting
    entries are sent first whenever the server answers.
    """
    return _save(db, outbox, entry_type, fields)  # type: ignore[return-value]


def save_time_off(
    db: Database,
    outbox: Outbox | None,
    leader_id: int,
    first_day: dt.date | str,
    last_day: dt.date | str | None = None,
    kind: str | None = "vacation",
    note: str | None = "",
) -> time_off.TimeOff | Queued:
    """time_off.add, kept in the outbox when the server is unreachable and sent later, once.

    Bad dates, kind or note are refused at once, online or not; a range that overlaps
    leave recorded meanwhile elsewhere is refused when sent and stays waiting with the
    reason, like any save the server refuses.
    """
    fields: dict[str, object] = {
        "leader_id": leader_id,
        "first_day": first_day,
        "last_day": last_day,
        "kind": kind,
        "note": note,
    }
    return _save(db, outbox, "time_off", fields)  # type: ignore[return-value]


def _save(
    db: Database, outbox: Outbox | None, entry_type: str, fields: dict[str, object]
) -> records.Entry | time_off.TimeOff | Queued:
    saver = _SAVERS[entry_type]
    fields.setdefault("uuid", str(uuid_module.uuid4()))
    if outbox is None:
        return saver(db, **fields)
    # one connection attempt per save: right after the server was found away, skip the resend
    recently_away = time.monotonic() - outbox.unreachable_at < RETRY_AFTER_S
    if outbox.count() and not recently_away:
        send_waiting(db, outbox)
    try:
        saved = saver(db, **fields)  # validates first: bad input is refused even offline
    except ServerUnreachableError as exc:
        outbox.unreachable_at = time.monotonic()
        outbox.add(entry_type, _payload(fields))
        return Queued(str(fields["uuid"]), entry_type, exc.message)
    if recently_away and outbox.count():  # it answered after all: empty the queue now
        outbox.unreachable_at = float("-inf")
        send_waiting(db, outbox)
    return saved


def entry_exists(db: Database, entry_type: str, entry_uuid: str) -> bool:
    """Whether the server already holds the entry with this UUID (visible to the signed-in user)."""
    model = _MODELS[entry_type]
    with db.read() as session:
        return (
            session.scalar(select(model.id).where(model.uuid == uuid_module.UUID(entry_uuid)))
            is not None
        )


def send_waiting(db: Database, outbox: Outbox) -> SendReport:
    """Send every waiting save, oldest first; stop at the first sign the server is unreachable.

    A save whose UUID is already on the server (sent before, answer lost) is dropped
    from the outbox, not sent again; one the server refuses stays, with the reason.
    """
    report = SendReport()
    waiting = outbox.pending()
    for position, item in enumerate(waiting):
        try:
            if entry_exists(db, item.entry_type, item.uuid):
                report.already_there += 1
            else:
                try:
                    _SAVERS[item.entry_type](db, **item.payload)
                    report.sent += 1
                except DuplicateError:
                    # a concurrent send of the same entry won the race: fine, it is there once
                    if not entry_exists(db, item.entry_type, item.uuid):
                        raise
                    report.already_there += 1
            outbox.remove(item.uuid)
        except ServerUnreachableError as exc:
            outbox.unreachable_at = time.monotonic()
            report.unreachable = exc.message
            report.waiting = len(waiting) - position
            return report
        except LeaderLogError as exc:
            outbox.record_failure(item.uuid, exc.message)
            report.refused.append((item, exc.message))
    report.waiting = len(report.refused)
    return report


def _today_payloads(
    leader_id: int, entry: TodayInput, uuids: TodayUuids, saved: SavedToday
) -> list[tuple[str, dict[str, object]]]:
    """The outbox items of a Today save, one per part, each under its own UUID."""
    items: list[tuple[str, dict[str, object]]] = []
    if (log := saved.day_log) is not None:
        items.append(
            (
                "day",
                {
                    "leader_id": leader_id,
                    "day": log.day,
                    "minutes": log.minutes,
                    "note": log.note,
                    "replace": True,
                    "uuid": uuids.day,
                },
            )
        )
    if (note := saved.coaching_note) is not None and entry.coaching is not None:
        items.append(
            (
                "coaching",
                {
                    "leader_id": leader_id,
                    "day": note.day,
                    "member_name": note.member_name,
                    "observation": note.observation,
                    "action": note.action,
                    "standard_id": note.standard_id,
                    "follow_up_on": note.follow_up_on,
                    "uuid": uuids.coaching,
                },
            )
        )
    if (action := saved.reinforcement) is not None:
        items.append(
            (
                "reinforcement",
                {
                    "leader_id": leader_id,
                    "day": action.day,
                    "kind": action.kind,
                    "description": action.description,
                    "member_id": action.member_id,
                    "standard_id": action.standard_id,
                    "uuid": uuids.reinforcement,
                },
            )
        )
    return items


def save_today(
    db: Database,
    outbox: Outbox | None,
    leader_id: int,
    day: dt.date,
    entry: TodayInput,
    *,
    today: dt.date | None = None,
) -> SavedToday:
    """journal.today.save_today, kept in the outbox (queued=True) when the server is unreachable.

    Bad input is refused at once, online or not. A save kept locally is sent part by
    part when the server answers, each part exactly once (its UUID decides); the
    coached member's name is matched in the team then.
    """
    uuids = TodayUuids()
    if outbox is None:
        return save_today_now(db, leader_id, day, entry, today=today, uuids=uuids)
    recently_away = time.monotonic() - outbox.unreachable_at < RETRY_AFTER_S
    if outbox.count() and not recently_away:
        send_waiting(db, outbox)
    try:
        saved = save_today_now(db, leader_id, day, entry, today=today, uuids=uuids)
    except ServerUnreachableError:
        outbox.unreachable_at = time.monotonic()
        checked = check_today(day, entry, today=today)
        if checked.problems:
            raise ValidationError.from_problems(list(checked.problems)) from None
        pending = pending_records(leader_id, checked, entry, uuids)
        for entry_type, fields in _today_payloads(leader_id, entry, uuids, pending):
            outbox.add(entry_type, _payload(fields))
        return pending
    if recently_away and outbox.count():  # it answered after all: empty the queue now
        outbox.unreachable_at = float("-inf")
        send_waiting(db, outbox)
    return saved
