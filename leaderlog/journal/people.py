"""Use cases for the people and standards a journal refers to: leaders, team members, standards.

Leaders and team members are archived, never silently deleted: their entries stay.
Every function opens one short transaction and returns frozen records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from leaderlog.core import records
from leaderlog.core.errors import DuplicateError, NotFoundError, ValidationError
from leaderlog.core.schedule import SettingsPeriod
from leaderlog.core.validation import (
    MAX_STANDARD_LENGTH,
    as_count,
    as_minutes,
    as_name,
    as_optional_date,
    as_text,
    as_work_pattern,
    name_key,
    refuse_look_alike,
)
from leaderlog.data import models
from leaderlog.data.engine import Database
from leaderlog.data.models import utc_now
from leaderlog.journal import settings_history
from leaderlog.journal.lookups import check_version, flush, leader_row, member_row, standard_row
from leaderlog.journal.rows import leader_record, member_record, standard_record

DEFAULT_TARGET_MINUTES = 60
DEFAULT_TARGET_COACHING = 3
DEFAULT_TARGET_REINFORCEMENT = 5

T = TypeVar("T")


def _write(db: Database, action: Callable[[Session], T]) -> T:
    with db.write() as session:
        return action(session)


# ---------------------------------------------------------------- leaders


def _require_unique_leader(session: Session, key: str, name: str, except_id: int | None) -> None:
    clash = session.scalar(select(models.Leader).where(models.Leader.name_key == key))
    if clash is not None and clash.id != except_id:
        state = " (archived)" if clash.archived_at else ""
        raise DuplicateError("name", f"a leader named '{clash.name}'{state} already exists")
    others = select(models.Leader.name).where(models.Leader.id != except_id)
    refuse_look_alike(name, session.scalars(others), "leader")


def add_leader(
    db: Database,
    name: str,
    team: str = "",
    workdays: records.WorkPattern | str = "mon-fri",
    target_minutes: int | str = DEFAULT_TARGET_MINUTES,
    target_coaching: int | str = DEFAULT_TARGET_COACHING,
    target_reinforcement: int | str = DEFAULT_TARGET_REINFORCEMENT,
) -> records.Leader:
    """Add a leader with a work pattern and personal weekly targets (defaults: 60 min/day, 3, 5)."""
    clean_name = as_name(name, "name")
    clean_team = " ".join((team or "").split())
    pattern = as_work_pattern(workdays)
    minutes = as_minutes(target_minutes, "target minutes")
    coaching = as_count(target_coaching, "coaching target")
    reinforcement = as_count(target_reinforcement, "reinforcement target")

    def action(session: Session) -> records.Leader:
        key = name_key(clean_name)
        _require_unique_leader(session, key, clean_name, None)
        row = models.Leader(
            name=clean_name,
            name_key=key,
            team=clean_team,
            workdays=pattern.mask,
            target_minutes=minutes,
            target_coaching=coaching,
            target_reinforcement=reinforcement,
        )
        session.add(row)
        flush(session, "name", f"a leader named '{clean_name}' already exists")
        return leader_record(row)

    return _write(db, action)


def update_leader(db: Database, leader: records.Leader) -> records.Leader:
    """Save an edited leader record; a settings change applies from today (see edit_leader)."""
    return edit_leader(db, leader)


def edit_leader(
    db: Database,
    leader: records.Leader,
    effective_from: dt.date | str | None = None,
    *,
    today: dt.date | None = None,
) -> records.Leader:
    """Save an edited leader: name and archived at once, team, work pattern and targets from a day.

    A change of team, work pattern or targets is written to the settings history from
    ``effective_from`` (default today): every day before it keeps the values in force
    then (``settings_history.change_settings``). Settings equal to those in force that
    day write nothing. The leader row then holds the settings in force today, which the
    lists show. Refused with ConflictError when the leader changed since it was read.
    """
    clean_name = as_name(leader.name, "name")
    clean_team = " ".join((leader.team or "").split())
    pattern = as_work_pattern(leader.work_pattern)
    minutes = as_minutes(leader.target_minutes, "target minutes")
    coaching = as_count(leader.target_coaching, "coaching target")
    reinforcement = as_count(leader.target_reinforcement, "reinforcement target")
    now = today or dt.date.today()
    day = as_optional_date(effective_from, "from") or now
    current = get_leader(db, leader.id)
    check_version("leader", current.version, leader.version)

    in_force = settings_history.settings_in_force(db, day, [leader.id])[leader.id]
    wanted = {
        "team": clean_team,
        "workdays": pattern,
        "target_minutes": minutes,
        "target_coaching": coaching,
        "target_reinforcement": reinforcement,
    }
    old = {
        "team": in_force.team,
        "workdays": in_force.pattern,
        "target_minutes": in_force.target_minutes,
        "target_coaching": in_force.target_coaching,
        "target_reinforcement": in_force.target_reinforcement,
    }
    changed = {name: value for name, value in wanted.items() if old[name] != value}
    if changed:
        settings_history.change_settings(
            db,
            leader.id,
            effective_from=day,
            today=now,
            **changed,  # type: ignore[arg-type]
        )
    shown = settings_history.settings_in_force(db, now, [leader.id])[leader.id]

    def action(session: Session) -> records.Leader:
        row = leader_row(session, leader.id)
        check_version("leader", row.version, leader.version)
        key = name_key(clean_name)
        _require_unique_leader(session, key, clean_name, row.id)
        if (row.name, row.name_key) != (clean_name, key):
            row.name, row.name_key = clean_name, key
        _show_settings(row, shown)
        if leader.archived != (row.archived_at is not None):
            row.archived_at = utc_now() if leader.archived else None
        flush(session, "name", f"a leader named '{clean_name}' already exists")
        return leader_record(row)

    return _write(db, action)


def _show_settings(row: models.Leader, period: SettingsPeriod) -> None:
    """Copy the settings in force today onto the leader row (a cycle keeps the row's weekdays)."""
    values: dict[str, object] = {
        "team": period.team,
        "target_minutes": period.target_minutes,
        "target_coaching": period.target_coaching,
        "target_reinforcement": period.target_reinforcement,
    }
    if isinstance(period.pattern, records.WorkPattern):
        values["workdays"] = period.pattern.mask
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)


def delete_settings_change(
    db: Database, change_id: int, *, today: dt.date | None = None
) -> settings_history.SettingsChange:
    """Remove one dated change (not the only one); the leader row then shows today's settings."""
    removed = settings_history.delete_change(db, change_id)
    shown = settings_history.settings_in_force(db, today or dt.date.today(), [removed.leader_id])

    def action(session: Session) -> None:
        row = leader_row(session, removed.leader_id)
        _show_settings(row, shown[removed.leader_id])
        flush(session, "leader", "")

    _write(db, action)
    return removed


def set_start_date(db: Database, leader_id: int, day: dt.date | str | None) -> dt.date:
    """Set a leader's start by hand (None: the earlier of the day added and the first entry)."""
    return settings_history.set_start_date(db, leader_id, day)


def start_date(db: Database, leader_id: int) -> dt.date:
    """A leader's start: explicit, or the earlier of the day they were added and their first entry."""
    get_leader(db, leader_id)
    return settings_history.start_dates(db, [leader_id])[leader_id]


def archive_leader(db: Database, leader_id: int, archived: bool = True) -> records.Leader:
    """Archive (or bring back) a leader; their entries are kept."""

    def action(session: Session) -> records.Leader:
        row = leader_row(session, leader_id)
        if archived != (row.archived_at is not None):
            row.archived_at = utc_now() if archived else None
            flush(session, "leader", "")
        return leader_record(row)

    return _write(db, action)


def list_leaders(db: Database, include_archived: bool = False) -> list[records.Leader]:
    """Leaders sorted by team then name."""
    query = select(models.Leader).order_by(models.Leader.team, models.Leader.name_key)
    if not include_archived:
        query = query.where(models.Leader.archived_at.is_(None))
    with db.read() as session:
        return [leader_record(row) for row in session.scalars(query)]


def get_leader(db: Database, leader_id: int) -> records.Leader:
    with db.read() as session:
        return leader_record(leader_row(session, leader_id))


def find_leader(db: Database, name: str) -> records.Leader:
    """The leader with this exact name, ignoring case; NotFoundError lists the known ones."""
    key = name_key(name or "")
    with db.read() as session:
        row = session.scalar(select(models.Leader).where(models.Leader.name_key == key))
        if row is not None:
            return leader_record(row)
        known = [
            n for (n,) in session.execute(select(models.Leader.name).order_by(models.Leader.name))
        ]
    hint = (
        f"; known leaders: {', '.join(known)}"
        if known
        else "; add one first with `leaderlog leader add`"
    )
    raise NotFoundError("leader", f"no leader named '{name}'{hint}")


def list_teams(db: Database) -> list[str]:
    """Distinct team names of active leaders, sorted."""
    query = (
        select(models.Leader.team)
        .where(models.Leader.archived_at.is_(None))
        .distinct()
        .order_by(models.Leader.team)
    )
    with db.read() as session:
        return [team for (team,) in session.execute(query)]


# ---------------------------------------------------------------- team members


def _require_unique_member(
    session: Session, leader_id: int, key: str, name: str, except_id: int | None
) -> None:
    clash = session.scalar(
        select(models.TeamMember).where(
            models.TeamMember.leader_id == leader_id, models.TeamMember.name_key == key
        )
    )
    if clash is not None and clash.id != except_id:
        state = " (archived)" if clash.archived_at else ""
        raise DuplicateError(
            "name", f"this leader already has a team member named '{clash.name}'{state}"
        )
    others = select(models.TeamMember.name).where(
        models.TeamMember.leader_id == leader_id, models.TeamMember.id != except_id
    )
    refuse_look_alike(name, session.scalars(others), "team member")


def add_member(db: Database, leader_id: int, name: str) -> records.TeamMember:
    """Add a team member to a leader's team."""
    clean_name = as_name(name, "name")

    def action(session: Session) -> records.TeamMember:
        leader = leader_row(session, leader_id)
        if leader.archived_at is not None:
            raise ValidationError("leader", f"{leader.name} is archived; bring them back first")
        key = name_key(clean_name)
        _require_unique_member(session, leader_id, key, clean_name, None)
        row = models.TeamMember(leader_id=leader_id, name=clean_name, name_key=key)
        session.add(row)
        flush(session, "name", f"this leader already has a team member named '{clean_name}'")
        return member_record(row)

    return _write(db, action)


def update_member(db: Database, member: records.TeamMember) -> records.TeamMember:
    """Rename, move to another leader, or archive a team member."""
    clean_name = as_name(member.name, "name")

    def action(session: Session) -> records.TeamMember:
        row = member_row(session, member.id)
        check_version("team member", row.version, member.version)
        leader_row(session, member.leader_id)
        key = name_key(clean_name)
        _require_unique_member(session, member.leader_id, key, clean_name, row.id)
        row.name, row.name_key, row.leader_id = clean_name, key, member.leader_id
        if member.archived != (row.archived_at is not None):
            row.archived_at = utc_now() if member.archived else None
        flush(session, "name", f"this leader already has a team member named '{clean_name}'")
        return member_record(row)

    return _write(db, action)


def archive_member(db: Database, member_id: int, archived: bool = True) -> records.TeamMember:
    """Archive (or bring back) a team member; their notes are kept."""

    def action(session: Session) -> records.TeamMember:
        row = member_row(session, member_id)
        if archived != (row.archived_at is not None):
            row.archived_at = utc_now() if archived else None
            flush(session, "member", "")
        return member_record(row)

    return _write(db, action)


def list_members(
    db: Database, leader_id: int | None = None, include_archived: bool = False
) -> list[records.TeamMember]:
    """Team members (of one leader, or all) sorted by name."""
    query = select(models.TeamMember).order_by(models.TeamMember.name_key)
    if leader_id is not None:
        query = query.where(models.TeamMember.leader_id == leader_id)
    if not include_archived:
        query = query.where(models.TeamMember.archived_at.is_(None))
    with db.read() as session:
        return [member_record(row) for row in session.scalars(query)]


def find_member(db: Database, leader_id: int, name: str) -> records.TeamMember:
    """The leader's team member with this exact name, ignoring case."""
    key = name_key(name or "")
    with db.read() as session:
        row = session.scalar(
            select(models.TeamMember).where(
                models.TeamMember.leader_id == leader_id, models.TeamMember.name_key == key
            )
        )
        if row is not None:
            return member_record(row)
        # the name is read here: leaving db.read() rolls back, which expires every row
        leader_name = leader_row(session, leader_id).name
    raise NotFoundError(
        "member",
        f"{leader_name} has no team member named '{name}'; add them with `leaderlog member add`",
    )


# ---------------------------------------------------------------- standards


def _require_unique_standard(session: Session, key: str, name: str, except_id: int | None) -> None:
    clash = session.scalar(select(models.Standard).where(models.Standard.name_key == key))
    if clash is not None and clash.id != except_id:
        state = " (archived)" if clash.archived_at else ""
        raise DuplicateError("name", f"a standard named '{clash.name}'{state} already exists")
    others = select(models.Standard.name).where(models.Standard.id != except_id)
    refuse_look_alike(name, session.scalars(others), "standard")


def add_standard(db: Database, name: str, description: str = "") -> records.Standard:
    """Add a service standard or business rule to coach against."""
    clean_name = as_name(name, "name", MAX_STANDARD_LENGTH)
    clean_description = as_text(description, "description")

    def action(session: Session) -> records.Standard:
        key = name_key(clean_name)
        _require_unique_standard(session, key, clean_name, None)
        row = models.Standard(name=clean_name, name_key=key, description=clean_description)
        session.add(row)
        flush(session, "name", f"a standard named '{clean_name}' already exists")
        return standard_record(row)

    return _write(db, action)


def update_standard(db: Database, standard: records.Standard) -> records.Standard:
    clean_name = as_name(standard.name, "name", MAX_STANDARD_LENGTH)
    clean_description = as_text(standard.description, "description")

    def action(session: Session) -> records.Standard:
        row = standard_row(session, standard.id)
        check_version("standard", row.version, standard.version)
        key = name_key(clean_name)
        _require_unique_standard(session, key, clean_name, row.id)
        row.name, row.name_key, row.description = clean_name, key, clean_description
        if standard.archived != (row.archived_at is not None):
            row.archived_at = utc_now() if standard.archived else None
        flush(session, "name", f"a standard named '{clean_name}' already exists")
        return standard_record(row)

    return _write(db, action)


def archive_standard(db: Database, standard_id: int, archived: bool = True) -> records.Standard:
    def action(session: Session) -> records.Standard:
        row = standard_row(session, standard_id)
        if archived != (row.archived_at is not None):
            row.archived_at = utc_now() if archived else None
            flush(session, "standard", "")
        return standard_record(row)

    return _write(db, action)


def list_standards(db: Database, include_archived: bool = False) -> list[records.Standard]:
    query = select(models.Standard).order_by(models.Standard.name_key)
    if not include_archived:
        query = query.where(models.Standard.archived_at.is_(None))
    with db.read() as session:
        return [standard_record(row) for row in session.scalars(query)]


def find_standard(db: Database, name: str) -> records.Standard:
    key = name_key(name or "")
    with db.read() as session:
        row = session.scalar(select(models.Standard).where(models.Standard.name_key == key))
        if row is not None:
            return standard_record(row)
        known = [
            n
            for (n,) in session.execute(select(models.Standard.name).order_by(models.Standard.name))
        ]
    hint = f"; known standards: {', '.join(known)}" if known else ""
    raise NotFoundError("standard", f"no standard named '{name}'{hint}")
