"""The all-leader walk on SQLite: leaders in batches, their days as arrays, resumed from stored states.

``reporting.iter_weekly_figures`` hands its leaders here on SQLite. Each batch of
WALK_BATCH leaders is read in four GROUP BY queries (``data.daily_columns``) and walked
together with numpy (``reports.walk_numpy``). A batch whose leaders all have a stored
walk state (``data.walk_states``) before the report's first week resumes from the latest
day they share and reads only the entries from that day's 7-day windows on; the week
ends it walks are stored for the next report, as the one-leader report does. Resuming
and storing both need calendars known to be those of the read's snapshot:
``walk_calendars`` notes the calendar stamp and each leader's first entry before it
reads them, and the walk checks both inside its read transaction; states are written
only if no other connection committed since that read began.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Collection, Iterator, Mapping

from leaderlog.core import records
from leaderlog.core.schedule import MAX_CYCLE_DAYS, LeaderCalendar
from leaderlog.data import calendar_version, daily_columns, queries, walk_states
from leaderlog.data.engine import Database
from leaderlog.journal import settings_history
from leaderlog.reports import formulas, sqlite_reads, walk, walk_numpy
from leaderlog.reports.day_plan import window_start
from leaderlog.reports.formulas import WalkState, WeekFigures, WeekStart

WALK_BATCH = 50
"""Leaders walked together on SQLite (their days as arrays: ~35 MB for five years a batch)."""


class WalkCalendars(Mapping[int, LeaderCalendar]):
    """Leaders' calendars by id for a walk: right from covers_from on, with what told them
    apart when read (SQLite): the calendar stamp (``data.calendar_version``) and each
    leader's first entry day (ISO)."""

    def __init__(
        self,
        by_leader: dict[int, LeaderCalendar],
        covers_from: dt.date,
        *,
        whole_record: bool,
        stamp: int | None = None,
        first_entries: dict[int, str] | None = None,
    ) -> None:
        self._by_leader = by_leader
        self.covers_from = covers_from
        self.whole_record = whole_record
        """read from the chosen leaders' earliest entry on"""
        self.stamp = stamp
        self.first_entries = first_entries

    def __getitem__(self, leader_id: int) -> LeaderCalendar:
        return self._by_leader[leader_id]

    def __iter__(self) -> Iterator[int]:
        return iter(self._by_leader)

    def __len__(self) -> int:
        return len(self._by_leader)

    def cover_whole_walk(self, leader_ids: Collection[int], first_week: dt.date) -> bool:
        """Whether a walk of these leaders from their first entry needs nothing earlier."""
        if self.whole_record:
            return True
        if self.first_entries is None:  # not known (PostgreSQL)
            return False
        firsts = [self.first_entries[i] for i in leader_ids if i in self.first_entries]
        begins = min([first_week.isoformat(), *firsts])
        return self.covers_from.isoformat() <= begins


def walk_calendars(
    db: Database,
    ids: list[int] | None,
    first_day: dt.date,
    last_day: dt.date,
    week_start: WeekStart,
    *,
    whole_record: bool = True,
) -> WalkCalendars:
    """The chosen leaders' calendars for a walk over first_day..last_day (one read): from
    their earliest entry on, or (whole_record=False) from first_day on only, enough for a
    walk that resumes from stored states (iter_weekly_figures reads what else it needs)."""
    stamp = first_entries = earliest = None
    with db.read() as session:
        if db.is_sqlite and ids is not None:
            # read before the calendars: a change after this is seen by the walk's read
            raw = session.connection().connection.driver_connection
            stamp = calendar_version.read(raw)
            first_entries = walk_states.first_entry_days(raw, ids)
            if whole_record and first_entries:
                earliest = dt.date.fromisoformat(min(first_entries.values()))
        elif whole_record:
            earliest = queries.first_entry_day(session, ids)
    first = first_day if earliest is None else min(first_day, earliest)
    calendars = settings_history.calendars_for(db, ids, first, max(first, last_day), week_start)
    return WalkCalendars(
        calendars, first, whole_record=whole_record, stamp=stamp, first_entries=first_entries
    )


def weekly_figures_of_batches(
    db: Database,
    leaders: list[records.Leader],
    calendars: Mapping[int, LeaderCalendar],
    start: dt.date,
    end: dt.date,
    week_start: WeekStart,
    today: dt.date,
) -> Iterator[tuple[records.Leader, list[WeekFigures]]]:
    """``reporting.iter_weekly_figures`` on SQLite: WALK_BATCH leaders' days as arrays, walked together.

    A batch whose leaders all have a stored walk state before the first week resumes from
    the latest day they share (reading only the entries from that day's 7-day windows on);
    the week ends walked are stored for the next report. Both only with calendars from
    walk_calendars that are still those of this read's snapshot.
    """
    first_day = formulas.week_start_of(start, week_start)
    last_day = min(formulas.week_start_of(end, week_start) + dt.timedelta(days=6), today)
    kept: dict[int, list[WalkState]] = {}
    with sqlite_reads.driver_connection(db) as raw:
        with sqlite_reads.read_transaction(raw):
            read_version = walk_states.data_version(raw)
            current = _still_current(raw, calendars, [leader.id for leader in leaders])
            for index in range(0, len(leaders), WALK_BATCH):
                batch = leaders[index : index + WALK_BATCH]
                ids = [leader.id for leader in batch]
                found = resume = None
                distinct = len(set(ids)) == len(ids)
                if current and distinct:
                    resume = _batch_resume(raw, ids, calendars, min(first_day, today))
                batch_calendars = calendars
                if resume is None and not covers_whole_walk(calendars, ids, first_day):
                    # read after this read began: should they hold a change committed since,
                    # the states are not stored (data_version moved)
                    batch_calendars = walk_calendars(db, ids, first_day, last_day, week_start)
                if distinct:
                    found = daily_columns.read(
                        raw,
                        ids,
                        last_day,
                        first_day,
                        last_day,
                        None if resume is None else resume.read_from,
                    )
                if found is None:
                    # a leader given twice, or a value in a form LeaderLog never writes: read
                    # those leaders day by day
                    for leader in batch:
                        yield (
                            leader,
                            walk.weekly_figures(
                                leader.id,
                                walk_states.activity(raw, leader.id, None, last_day),
                                batch_calendars[leader.id],
                                start,
                                end,
                                follow_ups=walk_states.follow_ups(
                                    raw, leader.id, first_day, last_day
                                ),
                                week_start=week_start,
                                today=today,
                            ),
                        )
                    continue
                weeks, states = walk_numpy.weekly_figures_and_states_of_many(
                    [(leader.id, batch_calendars[leader.id]) for leader in batch],
                    walk_numpy.DailyColumns(**found),
                    start,
                    end,
                    week_start=week_start,
                    today=today,
                    resume=resume,
                    keep_states=current,
                )
                if current:
                    kept.update(_new_states(raw, ids, states))
                yield from zip(batch, weeks, strict=True)
        if kept:
            walk_states.store_many(raw, formulas.WALK_VERSION, kept, read_version)


def covers_whole_walk(
    calendars: Mapping[int, LeaderCalendar], ids: list[int], first_week: dt.date
) -> bool:
    """Whether calendars hold every day a walk of these leaders from their first entry needs
    (a plain mapping is taken to)."""
    return not isinstance(calendars, WalkCalendars) or calendars.cover_whole_walk(ids, first_week)


def _still_current(
    raw: sqlite3.Connection, calendars: Mapping[int, LeaderCalendar], ids: list[int]
) -> bool:
    """Whether calendars from walk_calendars are those of this snapshot (nothing they are
    built from changed since: the calendar stamp, and each leader's first entry)."""
    if not isinstance(calendars, WalkCalendars) or calendars.first_entries is None:
        return False  # not read by walk_calendars on SQLite
    seen = calendars.first_entries
    return calendars.stamp == calendar_version.read(raw) and walk_states.first_entry_days(
        raw, ids
    ) == {i: seen[i] for i in ids if i in seen}


def _batch_resume(
    raw: sqlite3.Connection,
    ids: list[int],
    calendars: Mapping[int, LeaderCalendar],
    before: dt.date,
) -> walk_numpy.BatchResume | None:
    """Where a batch can resume: every leader's stored state on the latest day they share."""
    day = walk_states.common_state_day(raw, ids, formulas.WALK_VERSION, before)
    if day is None:
        return None
    states = walk_states.states_on(raw, ids, formulas.WALK_VERSION, day)
    if len(states) != len(ids):
        return None
    customer, coaching, reinforcement, streak, longest = zip(
        *(states[leader_id] for leader_id in ids), strict=True
    )
    read_from = min(window_start(calendars[leader_id], day) for leader_id in ids)
    # the walk's day plan looks up to MAX_CYCLE_DAYS before its first week for a day off
    needed = read_from - dt.timedelta(days=MAX_CYCLE_DAYS + 7)
    if isinstance(calendars, WalkCalendars) and calendars.covers_from > needed:
        return None
    return walk_numpy.BatchResume(
        day, read_from, customer, coaching, reinforcement, streak, longest
    )


def _new_states(
    raw: sqlite3.Connection, ids: list[int], states: list[list[WalkState]]
) -> dict[int, list[WalkState]]:
    """The states of a batch walk not stored yet (after each leader's latest stored one)."""
    latest = walk_states.latest_state_days(raw, ids, formulas.WALK_VERSION)
    found = {}
    for leader_id, leader_states in zip(ids, states, strict=True):
        stored = latest.get(leader_id)
        fresh = [s for s in leader_states if stored is None or s.day.isoformat() > stored]
        if fresh:
            found[leader_id] = fresh
    return found
