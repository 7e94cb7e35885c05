"""Leaders' calendars kept between reports, while nothing they are built from changes (SQLite).

A one-leader report (the dashboard, Today's week, a re-render) needs the leader's
calendar and the walk's day plan; reading the calendar costs several queries and
``holidays`` lookups, building the plan a pass over every day. Both are kept here per
journal file and leader, and used again only when, in the snapshot of the report's
read, ``data.calendar_version`` (moved by SQLite triggers at every calendar change, from
any program) and the leader's first entry (which can move a derived start) are as
they were, and the days asked for lie within those read. A few leaders are kept per
journal, the most recent ones.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from leaderlog.core.schedule import LeaderCalendar
from leaderlog.data import calendar_version
from leaderlog.reports.day_plan import DayPlan, day_plan

KEPT = 64
"""calendars kept per process (the most recently used)"""
_PLANS_KEPT = 8


@dataclass
class _Kept:
    version: int
    first_entry: dt.date | None
    first: dt.date
    last: dt.date
    calendar: LeaderCalendar
    plans: dict[tuple[dt.date, dt.date], DayPlan] = field(default_factory=dict)


_kept: OrderedDict[tuple[str, int, str], _Kept] = OrderedDict()


def calendar(
    where: str,
    raw: sqlite3.Connection,
    leader_id: int,
    week_start: str,
    first_entry: dt.date | None,
    first: dt.date,
    last: dt.date,
    build: Callable[[], LeaderCalendar],
) -> LeaderCalendar:
    """The leader's calendar for first..last: kept, or built by ``build()`` and kept.

    where names the journal (its URL); raw is the connection whose snapshot the report
    reads, so the version compared is the one the report's entries come from.
    """
    key = (where, leader_id, week_start)
    version = calendar_version.read(raw)
    found = _kept.get(key)
    if (
        found is not None
        and found.version == version
        and found.first_entry == first_entry
        and found.first <= first
        and last <= found.last
    ):
        _kept.move_to_end(key)
        return found.calendar
    built = build()
    _kept[key] = _Kept(version, first_entry, first, last, built)
    _kept.move_to_end(key)
    while len(_kept) > KEPT:
        _kept.popitem(last=False)
    return built


def plan(calendar_of_leader: LeaderCalendar, first: dt.date, last: dt.date) -> DayPlan:
    """``day_plan.day_plan``, kept with the calendar when it is one of those kept here."""
    for kept in reversed(_kept.values()):
        if kept.calendar is calendar_of_leader:
            found = kept.plans.get((first, last))
            if found is None:
                if len(kept.plans) >= _PLANS_KEPT:
                    kept.plans.clear()
                found = kept.plans[(first, last)] = day_plan(calendar_of_leader, first, last)
            return found
    return day_plan(calendar_of_leader, first, last)


def forget() -> None:
    """Drop every kept calendar (tests; a journal closed)."""
    _kept.clear()
