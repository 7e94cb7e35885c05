"""Use cases for a leader's effective-dated settings, start date and rota swaps, and their calendar.

A leader's team, work pattern and targets are a history of (effective from, values): a
change applies from a chosen day (default today) and every day before it keeps the
values in force then. A change dated on a day that already has a row replaces that
row's values. A leader's start date is explicit, or the earlier of the local day they
were added and their first entry. ``calendar_for`` / ``calendars_for`` read all of it,
with leave and holidays, into ``leaderlog.core.schedule.LeaderCalendar`` objects.

A leader without history rows (added by code that does not write one) is read as one
period from their start with the leader row's values, and the first change writes
that period down before the change, so the days before it keep those values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, Select, func, select, update
from sqlalchemy.orm import Session

from leaderlog.core.errors import NotFoundError, ValidationError
from leaderlog.core.records import WorkPattern
from leaderlog.core.schedule import (
    MAX_CYCLE_DAYS,
    CyclePattern,
    LeaderCalendar,
    Pattern,
    SettingsPeriod,
    WeekStart,
    pattern_from_storage,
    pattern_to_storage,
)
from leaderlog.core.validation import (
    MAX_NAME_LENGTH,
    as_count,
    as_date,
    as_minutes,
    as_optional_date,
    as_text,
    as_work_pattern,
)
from leaderlog.data import models, queries
from leaderlog.data.engine import Database
from leaderlog.data.models import utc_now
from leaderlog.journal import holidays, time_off

WEEK_START_SETTING = "week_start"
"""the app_setting key of the organisation's first day of the week (reports set it)"""
_PAD = dt.timedelta(days=6)


@dataclass(frozen=True)
class SettingsChange:
    """One row of a leader's settings history."""

    id: int
    uuid: str
    leader_id: int
    effective_from: dt.date
    team: str
    pattern: Pattern
    target_minutes: int
    target_coaching: int
    target_reinforcement: int
    version: int

    @property
    def period(self) -> SettingsPeriod:
        return SettingsPeriod(
            self.effective_from,
            self.team,
            self.pattern,
            self.target_minutes,
            self.target_coaching,
            self.target_reinforcement,
        )


@dataclass(frozen=True)
class Swap:
    """A day off a leader's rota: works a day they normally do not (or a holiday), or the reverse."""

    id: int
    uuid: str
    leader_id: int
    day: dt.date
    works: bool
    note: str
    version: int


def change_record(row: models.LeaderSettings) -> SettingsChange:
    return SettingsChange(
        id=row.id,
        uuid=str(row.uuid),
        leader_id=row.leader_id,
        effective_from=row.effective_from,
        team=row.team,
        pattern=pattern_from_storage(row.workdays, row.cycle_anchor),
        target_minutes=row.target_minutes,
        target_coaching=row.target_coaching,
        target_reinforcement=row.target_reinforcement,
        version=row.version,
    )


def swap_record(row: models.DaySwap) -> Swap:
    return Swap(row.id, str(row.uuid), row.leader_id, row.day, row.works, row.note, row.version)


# ---------------------------------------------------------------- validation


def as_pattern(
    workdays: Pattern | str, cycle_anchor: dt.date | str | None = None, field: str = "workdays"
) -> Pattern:
    """A rota: a weekly pattern ('mon-fri', 'mon,wed,fri', a 7-character mask), or with an
    anchor a cycle of 1 to 28 days written as 0s and 1s from the anchor ('11110000')."""
    if isinstance(workdays, CyclePattern):
        pattern: Pattern = workdays
    elif cycle_anchor is None or (isinstance(cycle_anchor, str) and not cycle_anchor.strip()):
        return as_work_pattern(workdays, field)
    else:
        anchor = as_date(cycle_anchor, "cycle start")
        mask = "".join(str(workdays).split())
        if not mask or set(mask) - {"0", "1"} or len(mask) > MAX_CYCLE_DAYS:
            raise ValidationError(
                field,
                f"'{workdays}' is not a cycle; write 1 for a workday and 0 for a day off, "
                f"1 to {MAX_CYCLE_DAYS} days from the cycle start (four on, four off: 11110000)",
            )
        pattern = CyclePattern.from_mask(mask, anchor)
    if not any(pattern.days):
        raise ValidationError(field, "choose at least one workday")
    return pattern


def _clean_team(team: str) -> str:
    text = " ".join((team or "").split())
    if len(text) > MAX_NAME_LENGTH:
        raise ValidationError("team", f"is {len(text)} characters long; at most {MAX_NAME_LENGTH}")
    return text


def _leader(session: Session, leader_id: int) -> models.Leader:
    row = session.get(models.Leader, leader_id)
    if row is None:
        raise NotFoundError("leader", f"no leader with id {leader_id}")
    return row


# ---------------------------------------------------------------- start dates


def _first_entries(session: Session, leader_ids: Sequence[int] | None) -> dict[int, dt.date]:
    # one index seek per leader and table (leader_id, day leads every entry index): a
    # GROUP BY leader_id would walk the whole index, ~0.4 s on 1.5 million entries
    leader = models.Leader.__table__
    firsts = [
        select(func.min(model.day)).where(model.leader_id == leader.c.id).scalar_subquery()
        for model in (models.DayLog, models.CoachingNote, models.ReinforcementAction)
    ]
    query = select(leader.c.id, *firsts)
    if leader_ids is not None:
        query = query.where(leader.c.id.in_(leader_ids))
    found: dict[int, dt.date] = {}
    for leader_id, *days in session.execute(query):
        chosen = [queries.date_of(day) for day in days if day is not None]
        if chosen:
            found[leader_id] = min(chosen)
    return found


def _start_of(
    created_at: dt.datetime, explicit: dt.date | None, first_entry: dt.date | None
) -> dt.date:
    if explicit is not None:
        return explicit
    added = created_at.astimezone().date()
    return added if first_entry is None else min(added, first_entry)


def start_dates(db: Database, leader_ids: Iterable[int] | None = None) -> dict[int, dt.date]:
    """Each leader's start: explicit, or the earlier of the day they were added and their first entry."""
    ids = None if leader_ids is None else list(leader_ids)
    with db.read() as session:
        return _start_dates(session, ids)


def _start_dates(session: Session, ids: Sequence[int] | None) -> dict[int, dt.date]:
    leader = models.Leader.__table__
    query = select(leader.c.id, leader.c.created_at, leader.c.start_date)
    if ids is not None:
        query = query.where(leader.c.id.in_(ids))
    first = _first_entries(session, ids)
    return {
        leader_id: _start_of(created_at, explicit, first.get(leader_id))
        for leader_id, created_at, explicit in session.execute(query)
    }


def set_start_date(db: Database, leader_id: int, day: dt.date | str | None) -> dt.date:
    """Set a leader's start by hand (None: derive it again); returns the start now in force."""
    clean = as_optional_date(day, "start date")
    with db.write() as session:
        row = _leader(session, leader_id)
        # Core: the column is not mapped (models.LEADER_START_DATE); bump the version as
        # an ORM edit of the leader would, so a stale edit elsewhere is still caught
        session.execute(
            update(models.Leader.__table__)
            .where(models.Leader.id == leader_id)
            .values({"start_date": clean, "version": row.version + 1, "updated_at": utc_now()})
        )
        session.expire(row)
        return _start_dates(session, [leader_id])[leader_id]


# ---------------------------------------------------------------- history


def _rows(session: Session, leader_ids: Sequence[int] | None) -> list[models.LeaderSettings]:
    query = select(models.LeaderSettings).order_by(
        models.LeaderSettings.leader_id, models.LeaderSettings.effective_from
    )
    if leader_ids is not None:
        query = query.where(models.LeaderSettings.leader_id.in_(leader_ids))
    return list(session.scalars(query))


def _period_rows(
    session: Session, leader_ids: Sequence[int] | None
) -> list[tuple[int, SettingsPeriod]]:
    """(leader id, period) of every history row by leader and date: only the columns a
    calendar needs (no ORM object, uuid or timestamps per row)."""
    columns = models.LeaderSettings.__table__.c
    names = ("leader_id", "effective_from", "team", "workdays", "cycle_anchor")
    targets = ("target_minutes", "target_coaching", "target_reinforcement")
    query = select(*(columns[name] for name in names + targets))
    if leader_ids is not None:
        query = query.where(columns.leader_id.in_(leader_ids))
    rows = session.execute(query.order_by(columns.leader_id, columns.effective_from))
    return [
        (leader_id, SettingsPeriod(day, team, pattern_from_storage(mask, anchor), *values))
        for leader_id, day, team, mask, anchor, *values in rows
    ]


def _period_of_leader_row(row: models.Leader, start: dt.date) -> SettingsPeriod:
    return SettingsPeriod(
        start,
        row.team,
        WorkPattern.from_mask(row.workdays),
        row.target_minutes,
        row.target_coaching,
        row.target_reinforcement,
    )


def history(db: Database, leader_id: int) -> list[SettingsChange]:
    """A leader's settings history, oldest first (`leaderlog leader history`)."""
    with db.read() as session:
        _leader(session, leader_id)
        return [change_record(row) for row in _rows(session, [leader_id])]


def _in_force(rows: Sequence[models.LeaderSettings], day: dt.date) -> models.LeaderSettings | None:
    """The row in force on day among one leader's rows sorted by date (the first before any)."""
    chosen = None
    for row in rows:
        if row.effective_from <= day or chosen is None:
            chosen = row
        if row.effective_from > day:
            break
    return chosen


def settings_in_force(
    db: Database, day: dt.date, leader_ids: Iterable[int] | None = None
) -> dict[int, SettingsPeriod]:
    """Each leader's settings on one day (what the leader list shows 'now')."""
    ids = None if leader_ids is None else list(leader_ids)
    with db.read() as session:
        return {
            leader_id: periods[-1] if periods[-1].effective_from <= day else periods[0]
            for leader_id, periods in _periods(session, ids, upto=day).items()
        }


def _periods(
    session: Session, ids: Sequence[int] | None, upto: dt.date | None = None
) -> dict[int, list[SettingsPeriod]]:
    """Each leader's periods, oldest first (all, or those begun by upto plus the first)."""
    by_leader: dict[int, list[SettingsPeriod]] = {}
    for leader_id, period in _period_rows(session, ids):
        periods = by_leader.setdefault(leader_id, [])
        if upto is None or period.effective_from <= upto or not periods:
            periods.append(period)
    missing = None if ids is None else [i for i in ids if i not in by_leader]
    if missing is None or missing:
        starts = _start_dates(session, missing)
        query = select(models.Leader.__table__).where(models.Leader.id.in_(list(starts)))
        for leader in session.execute(query):
            if leader.id not in by_leader:
                by_leader[leader.id] = [_period_of_leader_row(leader, starts[leader.id])]
    return by_leader


def change_settings(
    db: Database,
    leader_id: int,
    *,
    effective_from: dt.date | str | None = None,
    team: str | None = None,
    workdays: Pattern | str | None = None,
    cycle_anchor: dt.date | str | None = None,
    target_minutes: int | str | None = None,
    target_coaching: int | str | None = None,
    target_reinforcement: int | str | None = None,
    today: dt.date | None = None,
) -> SettingsChange:
    """Change some of a leader's settings from a day on (default today); the rest carry over.

    The values not given are those in force on that day. A row already dated that day is
    replaced; otherwise a row is added, and later rows keep their own values.
    """
    day = as_optional_date(effective_from, "from") or today or dt.date.today()
    clean_team = None if team is None else _clean_team(team)
    pattern = None if workdays is None else as_pattern(workdays, cycle_anchor)
    minutes = None if target_minutes is None else as_minutes(target_minutes, "target minutes")
    coaching = None if target_coaching is None else as_count(target_coaching, "coaching target")
    reinforcement = (
        None
        if target_reinforcement is None
        else as_count(target_reinforcement, "reinforcement target")
    )
    with db.write() as session:
        leader = _leader(session, leader_id)
        rows = _rows(session, [leader_id])
        if not rows:  # write down what was in force, so the days before keep it
            start = _start_dates(session, [leader_id])[leader_id]
            # dated before the change even when the change is dated before the start, so
            # the old values stay in force before it if the start is later moved earlier
            before = min(start, day - dt.timedelta(days=1))
            first = _new_row(leader_id, _period_of_leader_row(leader, before))
            session.add(first)
            rows = [first]
        base = change_record(_in_force(rows, day)).period  # type: ignore[arg-type]
        values = SettingsPeriod(
            day,
            base.team if clean_team is None else clean_team,
            base.pattern if pattern is None else pattern,
            base.target_minutes if minutes is None else minutes,
            base.target_coaching if coaching is None else coaching,
            base.target_reinforcement if reinforcement is None else reinforcement,
        )
        row = next((r for r in rows if r.effective_from == day), None)
        if row is None:
            row = _new_row(leader_id, values)
            session.add(row)
        else:
            _assign(row, values)
        session.flush()
        return change_record(row)


def _new_row(leader_id: int, period: SettingsPeriod) -> models.LeaderSettings:
    row = models.LeaderSettings(leader_id=leader_id, effective_from=period.effective_from)
    _assign(row, period)
    return row


def _assign(row: models.LeaderSettings, period: SettingsPeriod) -> None:
    workdays, anchor = pattern_to_storage(period.pattern)
    if row.workdays != workdays or row.cycle_anchor != anchor:
        row.workdays, row.cycle_anchor = workdays, anchor
    for name in ("team", "target_minutes", "target_coaching", "target_reinforcement"):
        if getattr(row, name) != getattr(period, name):
            setattr(row, name, getattr(period, name))


def delete_change(db: Database, change_id: int) -> SettingsChange:
    """Remove one history row: the values before it apply until the next one. Not the only row."""
    with db.write() as session:
        row = session.get(models.LeaderSettings, change_id)
        if row is None:
            raise NotFoundError("settings change", f"no settings change with id {change_id}")
        if len(_rows(session, [row.leader_id])) == 1:
            raise ValidationError(
                "settings change", "this is the leader's only settings row; change it instead"
            )
        record = change_record(row)
        session.delete(row)
        return record


# ---------------------------------------------------------------- rota swaps


def set_swap(
    db: Database, leader_id: int, day: dt.date | str, works: bool, note: str | None = ""
) -> Swap:
    """Make one day a workday (works=True, also on a public holiday) or not; replaces that day's swap."""
    clean_day = as_date(day, "date")
    clean_note = as_text(note, "note")
    with db.write() as session:
        _leader(session, leader_id)
        row = session.scalar(
            select(models.DaySwap).where(
                models.DaySwap.leader_id == leader_id, models.DaySwap.day == clean_day
            )
        )
        if row is None:
            row = models.DaySwap(leader_id=leader_id, day=clean_day, works=works, note=clean_note)
            session.add(row)
        else:
            if row.works != works:
                row.works = works
            if row.note != clean_note:
                row.note = clean_note
        session.flush()
        return swap_record(row)


def swap_days(
    db: Database, leader_id: int, day_off: dt.date | str, day_worked: dt.date | str, note: str = ""
) -> tuple[Swap, Swap]:
    """'Works Saturday instead of Monday': day_off is not a workday, day_worked is (one action)."""
    off = as_date(day_off, "day off")
    worked = as_date(day_worked, "day worked")
    if off == worked:
        raise ValidationError("day worked", "must differ from the day off")
    clean_note = as_text(note, "note")
    with db.write() as session:
        _leader(session, leader_id)
        existing = {
            row.day: row
            for row in session.scalars(
                select(models.DaySwap).where(
                    models.DaySwap.leader_id == leader_id, models.DaySwap.day.in_((off, worked))
                )
            )
        }
        made = []
        for day, works in ((off, False), (worked, True)):
            row = existing.get(day)
            if row is None:
                row = models.DaySwap(leader_id=leader_id, day=day, works=works, note=clean_note)
                session.add(row)
            else:
                row.works, row.note = works, clean_note
            made.append(row)
        session.flush()
        return swap_record(made[0]), swap_record(made[1])


def remove_swap(db: Database, swap_id: int) -> Swap:
    with db.write() as session:
        row = session.get(models.DaySwap, swap_id)
        if row is None:
            raise NotFoundError("swap", f"no swapped day with id {swap_id}")
        record = swap_record(row)
        session.delete(row)
        return record


def list_swaps(
    db: Database, leader_id: int, start: dt.date | None = None, end: dt.date | None = None
) -> list[Swap]:
    with db.read() as session:
        return [swap_record(row) for row in _swaps(session, [leader_id], start, end)]


def _swaps(
    session: Session, ids: Sequence[int] | None, start: dt.date | None, end: dt.date | None
) -> list[models.DaySwap]:
    return list(session.scalars(_in_days(select(models.DaySwap), ids, start, end)))


def _swap_days(
    session: Session, ids: Sequence[int] | None, start: dt.date, end: dt.date
) -> list[Row[tuple[int, dt.date, bool]]]:
    """(leader_id, day, works) of the swaps in start..end: what a calendar needs."""
    table = models.DaySwap.__table__
    query = select(table.c.leader_id, table.c.day, table.c.works)
    return list(session.execute(_in_days(query, ids, start, end)))


def _in_days(
    query: Select[Any], ids: Sequence[int] | None, start: dt.date | None, end: dt.date | None
) -> Select[Any]:
    if ids is not None:
        query = query.where(models.DaySwap.leader_id.in_(ids))
    if start is not None:
        query = query.where(models.DaySwap.day >= start)
    if end is not None:
        query = query.where(models.DaySwap.day <= end)
    return query.order_by(models.DaySwap.day)


# ---------------------------------------------------------------- calendars


def _week_start(session: Session) -> WeekStart:
    value = session.get(models.AppSetting, WEEK_START_SETTING)
    return "sunday" if value is not None and value.value.strip().lower() == "sunday" else "monday"


def calendars_for(
    db: Database,
    leader_ids: Iterable[int] | None,
    start: dt.date,
    end: dt.date,
    week_start: WeekStart | None = None,
) -> dict[int, LeaderCalendar]:
    """Calendars of some leaders (None: all) that are right for every week touching start..end.

    Reads every table once (leaders, first entries, history, swaps, leave, holiday
    calendars, company days), whatever the number of leaders. Leave, swaps and holidays
    outside the weeks of start..end are not read: ask only about those weeks. The week
    start is the organisation's setting unless given.
    """
    ids = None if leader_ids is None else list(leader_ids)
    first, last = start - _PAD, end + _PAD
    with db.read() as session:
        starts = _start_dates(session, ids)
        periods = _periods(session, ids)
        swaps = _swap_days(session, ids, first, last)
        leave = time_off.leave_in(session, ids, first, last)
        calendars = holidays.calendars_by_team(session)
        teams = {p.team for leader in periods.values() for p in leader}
        company = holidays.company_days_in(session, teams, first, last)
        chosen_week_start = week_start or _week_start(session)
    by_team = {
        team: holidays.merge_holidays(calendars, company, team, first, last) for team in teams
    }
    swaps_of: dict[int, list[Row[tuple[int, dt.date, bool]]]] = {}
    for swap in swaps:
        swaps_of.setdefault(swap.leader_id, []).append(swap)
    leave_of: dict[int, list[Row[tuple[int, dt.date, dt.date, str]]]] = {}
    for item in leave:
        leave_of.setdefault(item.leader_id, []).append(item)
    result = {}
    for leader_id, start_day in starts.items():
        leader_periods = periods[leader_id]
        result[leader_id] = LeaderCalendar.build(
            start=start_day,
            periods=leader_periods,
            swaps=swaps_of.get(leader_id, ()),
            leave=leave_of.get(leader_id, ()),
            holidays=_holidays_by_period(leader_periods, by_team),
            week_start=chosen_week_start,
        )
    return result


def _holidays_by_period(
    periods: Sequence[SettingsPeriod], by_team: dict[str, dict[dt.date, str]]
) -> dict[dt.date, str]:
    """A leader's holidays: each day from the calendar of the team they were in that day."""
    ordered = sorted(periods, key=lambda p: p.effective_from)
    if len({p.team for p in ordered}) == 1:
        return by_team[ordered[0].team]
    merged: dict[dt.date, str] = {}
    for index, period in enumerate(ordered):
        begins = None if index == 0 else period.effective_from
        ends = ordered[index + 1].effective_from if index + 1 < len(ordered) else None
        for day, name in by_team[period.team].items():
            if (begins is None or day >= begins) and (ends is None or day < ends):
                merged[day] = name
    return merged


def calendar_for(
    db: Database,
    leader_id: int,
    start: dt.date,
    end: dt.date,
    week_start: WeekStart | None = None,
) -> LeaderCalendar:
    """One leader's calendar for the weeks touching start..end (see calendars_for)."""
    found = calendars_for(db, [leader_id], start, end, week_start)
    if leader_id not in found:
        raise NotFoundError("leader", f"no leader with id {leader_id}")
    return found[leader_id]
