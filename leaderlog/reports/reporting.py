"""Consistency reports: fetch per-day aggregates with set-based SQL, compute them with the walks (reports.walk, reports.walk_numpy).

This is what the UI, the CLI, the charts and the exports call; none of them
recompute a number. Every function opens one short read transaction.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass

from sqlalchemy import select

from leaderlog.core import records
from leaderlog.core.errors import ValidationError
from leaderlog.core.schedule import LeaderCalendar, SettingsPeriod
from leaderlog.data import models, queries, walk_states
from leaderlog.data.engine import Database
from leaderlog.journal import people, settings_history
from leaderlog.reports import batch_walk, calendar_cache, formulas, sqlite_reads, walk
from leaderlog.reports.day_plan import window_start
from leaderlog.reports.formulas import DayScore, WalkState, WeekFigures, WeekStart

WEEK_START_SETTING = "week_start"
FOLLOW_UP_BATCH = 50
"""Leaders whose follow-up counts one query reads (bounded memory, few round trips)."""


# ---------------------------------------------------------------- the first day of the week


def get_week_start(db: Database) -> WeekStart:
    """The organisation's first day of the week ('monday' unless set to 'sunday')."""
    with db.read() as session:
        value = session.scalar(
            select(models.AppSetting.value).where(models.AppSetting.key == WEEK_START_SETTING)
        )
    return _stored_week_start(value)


def _stored_week_start(value: str | None) -> WeekStart:
    if value is None:
        return "monday"
    try:
        return formulas.as_week_start(value)
    except ValueError:
        return "monday"


def set_week_start(db: Database, value: str) -> WeekStart:
    """Store the organisation's first day of the week ('monday' or 'sunday')."""
    try:
        week_start = formulas.as_week_start(value)
    except ValueError as exc:
        raise ValidationError("week start", str(exc)) from None
    with db.write() as session:
        row = session.get(models.AppSetting, WEEK_START_SETTING)
        if row is None:
            session.add(models.AppSetting(key=WEEK_START_SETTING, value=week_start))
        else:
            row.value = week_start
    return week_start


def _week_start(db: Database, week_start: str | None) -> WeekStart:
    return get_week_start(db) if week_start is None else formulas.as_week_start(week_start)


def _check_range(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError("to", f"{end.isoformat()} is before {start.isoformat()}")


# ---------------------------------------------------------------- weekly figures


def iter_weekly_figures(
    db: Database,
    leaders: Collection[records.Leader],
    start: dt.date,
    end: dt.date,
    *,
    week_start: str | None = None,
    today: dt.date | None = None,
    calendars: Mapping[int, LeaderCalendar] | None = None,
) -> Iterator[tuple[records.Leader, list[WeekFigures]]]:
    """Each leader (in the order given) with their weeks touching start..end, one leader at a time.

    Each leader is judged by their calendar (``settings_history.calendars_for``: days off,
    start date and the settings in force each week), read once for all of them; weeks
    that end before a leader's start are left out. GROUP BY queries feed each leader:
    per day entry aggregates from the leader's first entry (so scores do not depend on
    the range asked for) and per due date follow-up counts (read for FOLLOW_UP_BATCH
    leaders at a time). All entries are read in one transaction, a consistent snapshot.
    """
    _check_range(start, end)
    chosen = _week_start(db, week_start)
    today = today or dt.date.today()
    first_day = formulas.week_start_of(start, chosen)
    last_day = min(formulas.week_start_of(end, chosen) + dt.timedelta(days=6), today)
    ordered = list(leaders)
    if not ordered:
        return
    ids = [leader.id for leader in ordered]
    batched = db.is_sqlite and len(ordered) > 1
    # else the caller's, read by walk_calendars for these weeks; the batches read what
    # they need beyond them, the walk one leader at a time needs every day
    if calendars is None or (
        not batched and not batch_walk.covers_whole_walk(calendars, ids, first_day)
    ):
        calendars = batch_walk.walk_calendars(db, ids, first_day, last_day, chosen)
    if batched:
        yield from batch_walk.weekly_figures_of_batches(
            db, ordered, calendars, start, end, chosen, today
        )
        return
    with db.read() as session:
        follow_ups: dict[int, list[tuple[dt.date, int, int]]] = {}
        for index, leader in enumerate(ordered):
            if index % FOLLOW_UP_BATCH == 0:
                # one GROUP BY per batch of leaders instead of one query per leader
                batch = [
                    chosen_leader.id for chosen_leader in ordered[index : index + FOLLOW_UP_BATCH]
                ]
                follow_ups = {leader_id: [] for leader_id in batch}
                for leader_id, due_on, due, closed in queries.follow_up_counts(
                    session, batch, first_day, last_day
                ):
                    follow_ups[leader_id].append((due_on, due, closed))
            # per leader, so memory holds one leader's days however many leaders there are
            # (plain rows: the walk reads them by position, no DayActivity per day needed)
            activity = queries.daily_activity(session, leader.id, None, last_day)
            weeks = walk.weekly_figures(
                leader.id,
                activity,
                calendars[leader.id],
                start,
                end,
                follow_ups=follow_ups.get(leader.id, ()),
                week_start=chosen,
                today=today,
            )
            yield leader, weeks


def weekly_figures(
    db: Database,
    leader_id: int,
    start: dt.date,
    end: dt.date,
    *,
    week_start: str | None = None,
    today: dt.date | None = None,
) -> list[WeekFigures]:
    """One leader's WeekFigures for every week touching start..end (up to today), oldest first.

    Weeks that end before the leader's start are left out. On SQLite the walk resumes
    from the latest stored state before the first week (``leaderlog.data.walk_states``)
    and stores the states of the weeks it walked.
    """
    if db.is_sqlite:
        return _resumed_weekly_figures(db, leader_id, start, end, week_start, today)
    leader = people.get_leader(db, leader_id)
    for _leader, weeks in iter_weekly_figures(
        db, [leader], start, end, week_start=week_start, today=today
    ):
        return weeks
    return []


def _resumed_weekly_figures(
    db: Database,
    leader_id: int,
    start: dt.date,
    end: dt.date,
    week_start: str | None,
    today: dt.date | None,
) -> list[WeekFigures]:
    """weekly_figures on SQLite: from a stored walk state, read on the driver's connection."""
    _check_range(start, end)
    chosen = None if week_start is None else formulas.as_week_start(week_start)
    today = today or dt.date.today()
    with sqlite_reads.driver_connection(db) as raw:
        with sqlite_reads.read_transaction(raw):
            # before any data is read: the stored states must come from this snapshot
            read_version = walk_states.data_version(raw)
            row = walk_states.leader_settings(raw, leader_id, WEEK_START_SETTING)
            if row is not None:
                chosen = chosen or _stored_week_start(row[4])
                first_week = formulas.week_start_of(start, chosen)
                last_day = min(formulas.week_start_of(end, chosen) + dt.timedelta(days=6), today)
                calendar = _calendar_of(db, raw, leader_id, first_week, last_day, chosen)
                resume, last_stored, activity = _days_from_state(
                    raw, leader_id, calendar, min(first_week, today), last_day
                )
                follow_ups = walk_states.follow_ups(raw, leader_id, first_week, last_day)
        if row is None:
            people.get_leader(db, leader_id)  # raises NotFoundError, worded as everywhere
            return []
        weeks, states = walk.weekly_figures_and_states(
            leader_id,
            activity,
            calendar,
            start,
            end,
            follow_ups=follow_ups,
            week_start=chosen,
            today=today,
            resume=resume,
            # states up to the latest stored one are there already: an edit deletes the
            # states from its week on, so what is stored is always the walk's first weeks
            states_after=None if last_stored is None else dt.date.fromisoformat(last_stored),
            plan_of=calendar_cache.plan,
        )
        if states:
            walk_states.store(raw, leader_id, formulas.WALK_VERSION, states, read_version)
        return weeks


def _calendar_of(
    db: Database,
    raw: sqlite3.Connection,
    leader_id: int,
    first_day: dt.date,
    last_day: dt.date,
    week_start: WeekStart,
) -> LeaderCalendar:
    """One leader's calendar from their first entry (or first_day) to last_day.

    Read after the entries' snapshot began: a calendar change committed meanwhile moves
    ``PRAGMA data_version``, so the walk states of this read are then not stored.
    """
    earliest = walk_states.first_entry_day(raw, leader_id)
    first = first_day if earliest is None else min(first_day, earliest)
    last = max(first, last_day)
    return calendar_cache.calendar(
        str(db.url),
        raw,
        leader_id,
        week_start,
        earliest,
        first,
        last,
        lambda: settings_history.calendar_for(db, leader_id, first, last, week_start),
    )


def _days_from_state(
    raw: sqlite3.Connection,
    leader_id: int,
    calendar: LeaderCalendar,
    before: dt.date,
    last: dt.date,
) -> tuple[WalkState | None, str | None, list[formulas.Activity]]:
    """The latest stored state before a day (if any), the day of the latest at all, and the
    leader's days up to last from the start of that state's 7-day window (else from the
    first entry)."""
    state, last_stored = walk_states.latest_state(raw, leader_id, formulas.WALK_VERSION, before)
    resume = None if state is None else WalkState(dt.date.fromisoformat(state[0]), *state[1:])
    read_from = None if resume is None else window_start(calendar, resume.day)
    return resume, last_stored, walk_states.activity(raw, leader_id, read_from, last)


def weekly_figures_by_leader(
    db: Database,
    start: dt.date,
    end: dt.date,
    leader_ids: Collection[int] | None = None,
    *,
    team: str | None = None,
    include_archived: bool = False,
    week_start: str | None = None,
    today: dt.date | None = None,
) -> dict[int, list[WeekFigures]]:
    """WeekFigures per leader id for the chosen leaders, one team, or all (sorted by team, name).

    With team, a leader's weeks are those they spent in that team (the team in force
    each week): a leader who moved team on D is listed with the old team's weeks before
    D and the new team's from D on.
    """
    leaders = _chosen_leaders(db, leader_ids, include_archived)
    if team is None:
        return {
            leader.id: weeks
            for leader, weeks in iter_weekly_figures(
                db, leaders, start, end, week_start=week_start, today=today
            )
        }
    chosen = _week_start(db, week_start)
    first = formulas.week_start_of(start, chosen)
    last = formulas.week_start_of(end, chosen) + dt.timedelta(days=6)
    in_force = settings_history.calendars_for(db, [leader.id for leader in leaders], first, first)
    members = [
        leader
        for leader in leaders
        if any(p.team == team for p in _periods_touching(in_force[leader.id], first, last))
    ]
    found = {}
    for leader, weeks in iter_weekly_figures(
        db, members, start, end, week_start=chosen, today=today
    ):
        found[leader.id] = [week for week in weeks if week.team == team]
    return found


def _periods_touching(
    calendar: LeaderCalendar, first: dt.date, last: dt.date
) -> list[SettingsPeriod]:
    """The settings periods in force on some day first..last (a week's team is its last day's)."""
    periods = calendar.periods
    touching = []
    for index, period in enumerate(periods):
        ends = periods[index + 1].effective_from if index + 1 < len(periods) else None
        if (index == 0 or period.effective_from <= last) and (ends is None or ends > first):
            touching.append(period)
    return touching


def _chosen_leaders(
    db: Database, leader_ids: Collection[int] | None, include_archived: bool
) -> list[records.Leader]:
    leaders = people.list_leaders(db, include_archived=include_archived or leader_ids is not None)
    if leader_ids is not None:
        wanted = set(leader_ids)
        missing = wanted - {leader.id for leader in leaders}
        if missing:
            raise ValidationError("leader", f"no leader with id {min(missing)}")
        leaders = [leader for leader in leaders if leader.id in wanted]
    return leaders


# ---------------------------------------------------------------- daily series


def daily_scores(
    db: Database, leader_id: int, start: dt.date, end: dt.date, *, today: dt.date | None = None
) -> list[DayScore]:
    """One DayScore per calendar day start..end (up to today): the heatmap and score-line data.

    Days off and days before the leader's start are not workdays (``workday`` False); on
    SQLite the walk resumes from the latest stored state before start (see weekly_figures).
    """
    _check_range(start, end)
    today = today or dt.date.today()
    if db.is_sqlite:
        with sqlite_reads.driver_connection(db) as raw, sqlite_reads.read_transaction(raw):
            row = walk_states.leader_settings(raw, leader_id, WEEK_START_SETTING)
            if row is not None:
                chosen = _stored_week_start(row[4])
                calendar = _calendar_of(db, raw, leader_id, start, end, chosen)
                resume, _last_stored, activity = _days_from_state(
                    raw, leader_id, calendar, min(start, today), end
                )
        if row is None:
            people.get_leader(db, leader_id)  # raises NotFoundError, worded as everywhere
            return []
        return walk.daily_scores(
            activity, calendar, start, end, today, resume=resume, plan_of=calendar_cache.plan
        )
    people.get_leader(db, leader_id)
    chosen = get_week_start(db)
    calendar = batch_walk.walk_calendars(db, [leader_id], start, end, chosen)[leader_id]
    with db.read() as session:
        activity = queries.daily_activity(session, leader_id, None, end)
    return walk.daily_scores(activity, calendar, start, end, today)


# ---------------------------------------------------------------- accountability and balance


@dataclass(frozen=True)
class FollowUpSummary:
    """Coaching follow-ups due in a period (up to today) and the open ones now overdue."""

    due: int
    closed_on_time: int
    overdue: tuple[records.CoachingNote, ...]
    """open follow-ups due before today, earliest first (whatever their due date)"""

    @property
    def on_time_rate(self) -> float | None:
        """Share of the follow-ups due in the period that were closed by their due date."""
        return formulas.share(self.closed_on_time, self.due)


def follow_up_accountability(
    db: Database,
    leader_id: int | None,
    start: dt.date,
    end: dt.date,
    *,
    today: dt.date | None = None,
) -> FollowUpSummary:
    """Follow-ups due start..end (not after today), how many were closed on time, and what is overdue."""
    from leaderlog.journal import logbook

    _check_range(start, end)
    today = today or dt.date.today()
    ids = None if leader_id is None else [leader_id]
    due = closed = 0
    with db.read() as session:
        for _leader, _day, count, on_time in queries.follow_up_counts(
            session, ids, start, min(end, today)
        ):
            due += count
            closed += on_time
    overdue = tuple(
        note for note in logbook.list_follow_ups(db, leader_id) if note.is_overdue(today)
    )
    return FollowUpSummary(due, closed, overdue)


@dataclass(frozen=True)
class ReinforcementBalance:
    """Positive and corrective reinforcements in a period, and their ratio."""

    positive: int
    corrective: int

    @property
    def ratio(self) -> float | None:
        """Positive per corrective; None when there was no corrective feedback."""
        return formulas.positive_corrective_ratio(self.positive, self.corrective)


def reinforcement_balance(
    db: Database, leader_ids: Collection[int] | None, start: dt.date, end: dt.date
) -> ReinforcementBalance:
    """Positive vs corrective reinforcements of the chosen leaders (or all) in start..end."""
    _check_range(start, end)
    with db.read() as session:
        positive, corrective = queries.reinforcement_counts(session, leader_ids, start, end)
    return ReinforcementBalance(positive, corrective)


@dataclass(frozen=True)
class StandardCoverage:
    """How often a standard was coached or reinforced in a period (zero: never)."""

    standard_id: int
    name: str
    archived: bool
    coaching_count: int
    reinforcement_count: int
    last_day: dt.date | None

    @property
    def covered(self) -> bool:
        return bool(self.coaching_count or self.reinforcement_count)


def standards_coverage(
    db: Database, leader_ids: Collection[int] | None, start: dt.date, end: dt.date
) -> list[StandardCoverage]:
    """Every standard (active, or archived but used) with its use in the period; unused ones first."""
    _check_range(start, end)
    with db.read() as session:
        usage = queries.standard_usage(session, leader_ids, start, end)
    result = []
    for standard in people.list_standards(db, include_archived=True):
        coached, reinforced, last = usage.get(standard.id, (0, 0, None))
        if standard.archived and not (coached or reinforced):
            continue
        result.append(
            StandardCoverage(
                standard.id, standard.name, standard.archived, coached, reinforced, last
            )
        )
    result.sort(
        key=lambda s: (s.covered, s.coaching_count + s.reinforcement_count, s.name.casefold())
    )
    return result
