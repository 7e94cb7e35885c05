"""The manager's week review: every leader's week in one ranked table, each flagged row with its reason.

One call (``week_review``) gathers the weekly figures, each leader's calendar (leave,
holidays, settings in force that week), the follow-ups open at the week's end and each
leader's latest coaching and reinforcement; the rules that flag a row are in
``leaderlog.reports.attention`` (and docs/metrics.md, "Attention rules"). The page, the
PDF and the CSV only show the frozen rows built here. No Qt.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from leaderlog.core.errors import ValidationError
from leaderlog.core.schedule import LeaderCalendar, WeekPlan
from leaderlog.data.attention_queries import (
    OpenFollowUps,
    last_practice_days,
    open_follow_ups_as_of,
    open_follow_ups_due_before,
)
from leaderlog.data.engine import Database
from leaderlog.journal import people
from leaderlog.reports import attention, batch_walk, formulas, reporting

LOOKBACK_WEEKS = 26
"""How far back a run of workdays without coaching or reinforcement is counted."""
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class ReviewRow:
    """One leader's week as the review shows it."""

    leader_id: int
    name: str
    team: str
    """the team the leader was in that week"""
    score: float | None
    change: float | None
    """points gained since the end of the week FALL_WEEKS weeks earlier"""
    workdays: int
    """judged workdays: the rota's days less leave and holidays (up to today)"""
    days_logged: int
    days_off: int
    coaching: int
    coaching_target: int | None
    """that week's own target, shrunk for days off; None when the week was all off"""
    reinforcements: int
    reinforcement_target: int | None
    overdue: int
    """coaching follow-ups open and past due at the week's end"""
    reasons: tuple[attention.AttentionReason, ...]
    status: str
    """'on leave', 'public holidays', '2 days off' or ''"""

    @property
    def flagged(self) -> bool:
        return bool(self.reasons)

    @property
    def on_leave(self) -> bool:
        return self.status in ("on leave", "public holidays")

    @property
    def why(self) -> str:
        """The reasons in words; else why nobody asks ('on leave'); else 'on track'."""
        if self.reasons:
            return "; ".join(reason.text for reason in self.reasons)
        if self.on_leave:
            return self.status
        return "on track"


@dataclass(frozen=True)
class WeekReview:
    """The review of one week: its rows, ranked by the attention rules."""

    first_day: dt.date
    last_day: dt.date
    today: dt.date
    team: str | None
    """None: all teams"""
    teams: tuple[str, ...]
    """the teams leaders were in that week (for the team choice)"""
    rows: tuple[ReviewRow, ...]
    week_start: formulas.WeekStart = "monday"

    @property
    def flagged(self) -> tuple[ReviewRow, ...]:
        return tuple(row for row in self.rows if row.flagged)

    @property
    def is_current(self) -> bool:
        """The week is still going on: figures run to today."""
        return self.last_day >= self.today

    @property
    def has_next(self) -> bool:
        return self.first_day + dt.timedelta(weeks=1) <= self.today

    def title(self) -> str:
        """'Week of 30 Nov – 6 Dec 2026 · all teams'."""
        return f"Week of {week_words(self.first_day)} · {self.team or 'all teams'}"

    def summary(self) -> str:
        """'3 of 24 leaders need attention · 2 on leave'."""
        if not self.rows:
            return "No leaders had a record this week."
        off = sum(1 for row in self.rows if row.on_leave)
        need = len(self.flagged)
        text = (
            f"{need} of {len(self.rows)} leaders need attention"
            if need
            else f"Nobody of {len(self.rows)} leaders needs attention"
        )
        if off:
            text += f" · {off} off all week"
        if self.is_current:
            text += f" · figures up to {self.today.day} {self.today:%b}"
        return text


def week_words(first_day: dt.date) -> str:
    """'30 Nov – 6 Dec 2026' for the week beginning first_day."""
    last = first_day + dt.timedelta(days=6)
    start = f"{first_day.day} {first_day:%b}" + (
        "" if first_day.year == last.year else f" {first_day.year}"
    )
    return f"{start} – {last.day} {last:%b} {last.year}"


def last_full_week(today: dt.date, week_start: formulas.WeekStart = "monday") -> dt.date:
    """The first day of the last week that has ended (the review's default week)."""
    return formulas.week_start_of(today, week_start) - dt.timedelta(weeks=1)


# ---------------------------------------------------------------- facts from the calendar


def _practice_gap(
    calendar: LeaderCalendar, last_done: dt.date | None, end: dt.date, lookback: dt.date
) -> attention.PracticeGap:
    """Judged workdays after last_done up to end (days off skipped), counted back to lookback."""
    start = calendar.start or lookback
    floor = max(start, lookback)
    count = 0
    day = end
    stop = last_done if last_done is not None and last_done >= floor else floor - _DAY
    while day > stop:
        count += calendar.day_status(day).counts
        day -= _DAY
    reached_floor = stop == floor - _DAY
    since_start = reached_floor and last_done is None and start >= lookback
    at_least = reached_floor and not since_start and (last_done is None or last_done < floor)
    return attention.PracticeGap(count, since_start=since_start, at_least=at_least)


def _days_off_between(calendar: LeaderCalendar, first: dt.date, last: dt.date) -> list[dt.date]:
    """The leader's days off first..last, in order (read once per leader, then bisected)."""
    # only days of leave or holidays can be days off: ask about those, not every day
    candidates = sorted(
        day for day in {*calendar.leave, *calendar.holidays} if first <= day <= last
    )
    return [day for day in candidates if calendar.day_status(day).is_day_off]


def _overdue_late(
    calendar: LeaderCalendar,
    open_ups: OpenFollowUps,
    end: dt.date,
    lookback: dt.date,
    older_due_before: Callable[[dt.date], int],
) -> int:
    """Open follow-ups past due by more than OVERDUE_GRACE_DAYS days at end, not counting the
    leader's days off from lookback on (open_ups lists those due from lookback one by one)."""
    if not open_ups.count:
        return 0
    days_off = _days_off_between(calendar, lookback, end)
    late = 0
    for due in open_ups.listed:
        off_since = len(days_off) - bisect.bisect_right(days_off, due)
        late += (end - due).days - off_since > attention.OVERDUE_GRACE_DAYS
    if open_ups.older:
        # due before every counted day off: late when due before this day
        late_if_before = end - dt.timedelta(days=attention.OVERDUE_GRACE_DAYS + len(days_off))
        if open_ups.latest_older is not None and open_ups.latest_older < late_if_before:
            late += open_ups.older
        else:  # off for most of the lookback: count them by their dates
            late += older_due_before(late_if_before)
    return late


def _short_workdays(
    plans: Sequence[WeekPlan], figures: Mapping[dt.date, formulas.WeekFigures], end: dt.date
) -> int:
    """Judged workdays short of the customer target, and weeks short of a weekly target."""
    short = 0
    for plan in plans:
        week = figures.get(plan.first_day)
        judged = sum(1 for day in plan.workdays if day <= end)
        if week is None or not judged:
            continue
        short += max(0, judged - week.days_meeting_customer_target)
        short += week.coaching_count < (plan.coaching_target or 0)
        short += week.reinforcements < (plan.reinforcement_target or 0)
    return short


def _row(
    leader_id: int,
    name: str,
    calendar: LeaderCalendar,
    weeks: Sequence[formulas.WeekFigures],
    first_day: dt.date,
    end: dt.date,
    overdue: tuple[int, int],
    last_done: tuple[dt.date | None, dt.date | None],
    lookback: dt.date,
) -> ReviewRow:
    figures = {week.week_start: week for week in weeks}
    plan = calendar.week(first_day)
    earlier = first_day - dt.timedelta(weeks=attention.FALL_WEEKS)
    week = figures.get(first_day)
    before = figures.get(earlier)
    judged = sum(1 for day in plan.workdays if day <= end)
    off = [day for day in plan.days_off if day <= end]
    window = [calendar.week(first_day - dt.timedelta(weeks=n)) for n in range(attention.FALL_WEEKS)]
    facts = attention.WeekFacts(
        score=None if week is None else week.consistency_score,
        score_before=None if before is None else before.consistency_score,
        workdays=judged,
        days_off=len(off),
        on_leave=any(calendar.day_status(day).kind == "leave" for day in off),
        days_logged=0 if week is None else min(week.days_logged, judged),
        short_workdays=_short_workdays(window, figures, end),
        overdue_late=overdue[1],
        reinforcement_gap=(
            _practice_gap(calendar, last_done[1], end, lookback)
            if plan.settings.target_reinforcement > 0
            else None
        ),
        coaching_gap=(
            _practice_gap(calendar, last_done[0], end, lookback)
            if plan.settings.target_coaching > 0
            else None
        ),
    )
    return ReviewRow(
        leader_id=leader_id,
        name=name,
        team=plan.team,
        score=facts.score,
        change=facts.score_change,
        workdays=judged,
        days_logged=facts.days_logged,
        days_off=len(off),
        coaching=0 if week is None else week.coaching_count,
        coaching_target=plan.coaching_target,
        reinforcements=0 if week is None else week.reinforcements,
        reinforcement_target=plan.reinforcement_target,
        overdue=overdue[0],
        reasons=attention.week_reasons(facts),
        status=attention.off_words(facts),
    )


def week_review(
    db: Database,
    first_day: dt.date | None = None,
    team: str | None = None,
    *,
    today: dt.date | None = None,
) -> WeekReview:
    """The review of the week beginning first_day (default: the last full week), all teams or one."""
    today = today or dt.date.today()
    week_start = reporting.get_week_start(db)
    first_day = formulas.week_start_of(first_day or last_full_week(today, week_start), week_start)
    if first_day > today:
        raise ValidationError("week", f"the week of {week_words(first_day)} has not begun yet")
    last_day = first_day + dt.timedelta(days=6)
    end = min(last_day, today)
    lookback = first_day - dt.timedelta(weeks=LOOKBACK_WEEKS)
    leaders = people.list_leaders(db)
    # one read of every calendar from the lookback on: the review's own, and the walk's when
    # it resumes from stored states (else it reads the earlier days it needs itself)
    calendars = batch_walk.walk_calendars(
        db, [leader.id for leader in leaders], lookback, last_day, week_start, whole_record=False
    )
    in_week = [
        leader
        for leader in leaders
        if leader.id in calendars
        and (calendars[leader.id].start is None or calendars[leader.id].start <= end)
    ]
    teams = tuple(sorted({calendars[leader.id].week(first_day).team for leader in in_week}))
    chosen = [
        leader
        for leader in in_week
        if team is None or calendars[leader.id].week(first_day).team == team
    ]
    ids = [leader.id for leader in chosen]
    weeks = {
        leader.id: figures
        for leader, figures in reporting.iter_weekly_figures(
            db,
            chosen,
            first_day - dt.timedelta(weeks=attention.FALL_WEEKS),
            last_day,
            week_start=week_start,
            today=today,
            calendars=calendars,
        )
    }
    with db.read() as session:
        open_follow_ups = open_follow_ups_as_of(session, ids, end, lookback)
        last_coaching, last_reinforcement = last_practice_days(session, ids, end)
        overdue = {
            leader_id: (
                open_ups.count,
                _overdue_late(
                    calendars[leader_id],
                    open_ups,
                    end,
                    lookback,
                    partial(open_follow_ups_due_before, session, leader_id, end),
                ),
            )
            for leader_id, open_ups in open_follow_ups.items()
        }
    rows = [
        _row(
            leader.id,
            leader.name,
            calendars[leader.id],
            weeks.get(leader.id, ()),
            first_day,
            end,
            overdue.get(leader.id, (0, 0)),
            (last_coaching.get(leader.id), last_reinforcement.get(leader.id)),
            lookback,
        )
        for leader in chosen
    ]
    rows.sort(
        key=lambda row: attention.rank_key(
            row.reasons, row.change, row.score, row.name, row.on_leave
        )
    )
    return WeekReview(first_day, last_day, today, team, teams, tuple(rows), week_start)
