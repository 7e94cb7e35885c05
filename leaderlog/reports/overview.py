"""A leader's review for a period: every figure the dashboard and the review pack show, in one call.

Gathers the metrics layer's results (``leaderlog.reports.reporting``) and the period's coaching
follow-ups; computes nothing itself, so the window and the PDF always agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from leaderlog.core.errors import ValidationError
from leaderlog.core.records import CoachingNote, Leader
from leaderlog.core.schedule import LeaderCalendar
from leaderlog.data.attention_queries import overdue_follow_up_counts
from leaderlog.data.engine import Database
from leaderlog.journal import logbook, people, settings_history
from leaderlog.reports import attention, explanations, formulas, reporting

PERIOD_WEEKS = (4, 12, 26, 52)
"""The dashboard's ready-made periods: the last N weeks, the current week included."""
CALENDAR_DAYS = 371
"""The heatmap shows 53 weeks: a whole year ending with the period, whatever its length."""


@dataclass(frozen=True)
class LeaderReview:
    """What one leader's dashboard and review pack show for one period."""

    leader: Leader
    start: dt.date
    end: dt.date
    today: dt.date
    weeks: tuple[formulas.WeekFigures, ...]
    days: tuple[formulas.DayScore, ...]
    """the calendar year ending with the period (for the heatmap)"""
    follow_ups: reporting.FollowUpSummary
    balance: reporting.ReinforcementBalance
    coverage: tuple[reporting.StandardCoverage, ...]
    coaching_notes: tuple[CoachingNote, ...]
    """the period's coaching notes that set a follow-up, oldest first"""
    week_start: formulas.WeekStart = "monday"
    started_on: dt.date | None = None
    """the leader's start when it falls inside the calendar year: days before it are
    drawn as 'before the journal started', not as missed workdays"""
    calendar: LeaderCalendar | None = None
    """the leader's working calendar over the calendar year and the period (days off, targets)"""
    record_start: dt.date | None = None
    """the leader's start date (explicit, or the earlier of being added and the first entry)"""

    @property
    def since(self) -> dt.date | None:
        """The start date when the record begins inside the period ('since 3 Aug 2026')."""
        if self.record_start is not None and self.record_start > self.start:
            return self.record_start
        return None

    def explanations(self) -> tuple[explanations.ScoreExplanation, ...]:
        """Why each week's score is what it is, oldest first (reports.explanations)."""
        return explanations.explain_weeks(
            self.weeks,
            self.days,
            self.calendar,
            minutes_target=self.leader.target_minutes,
            workdays_per_week=self.leader.work_pattern.workdays_per_week,
        )

    @property
    def latest(self) -> formulas.WeekFigures | None:
        return self.weeks[-1] if self.weeks else None

    @property
    def days_logged(self) -> int:
        return sum(week.days_logged for week in self.weeks)

    @property
    def workdays_scheduled(self) -> int:
        return sum(week.workdays_scheduled for week in self.weeks)

    @property
    def is_empty(self) -> bool:
        """Nothing at all was logged in the period."""
        return not any(
            week.days_logged or week.customer_minutes or week.coaching_count or week.reinforcements
            for week in self.weeks
        )

    @property
    def is_sparse(self) -> bool:
        """Too little logged for the scores to mean much yet: under two weeks' worth of workdays."""
        per_week = self.leader.work_pattern.workdays_per_week or 5
        return not self.is_empty and self.days_logged < 2 * per_week


def last_weeks(
    weeks: int, today: dt.date, week_start: formulas.WeekStart = "monday"
) -> tuple[dt.date, dt.date]:
    """The period 'last N weeks': from the first day of the week N-1 weeks ago up to today."""
    if weeks < 1:
        raise ValidationError("period", f"{weeks} weeks is not a period; choose 1 or more")
    first = formulas.week_start_of(today, week_start) - dt.timedelta(weeks=weeks - 1)
    return first, today


def leader_review(
    db: Database,
    leader: Leader,
    start: dt.date,
    end: dt.date,
    *,
    today: dt.date | None = None,
) -> LeaderReview:
    """Everything the dashboard and review pack need for one leader and period start..end."""
    if end < start:
        raise ValidationError("to", f"{end.isoformat()} is before {start.isoformat()}")
    today = today or dt.date.today()
    week_start = reporting.get_week_start(db)
    weeks = reporting.weekly_figures(db, leader.id, start, end, week_start=week_start, today=today)
    calendar_end = min(end, today)
    calendar_start = calendar_end - dt.timedelta(days=CALENDAR_DAYS - 1)
    days = reporting.daily_scores(db, leader.id, calendar_start, calendar_end, today=today)
    calendar = settings_history.calendar_for(
        db, leader.id, min(start, calendar_start), max(end, calendar_end), week_start
    )
    record_start = calendar.start
    weeks = since_start(weeks, record_start)
    started_on = (
        record_start if record_start is not None and record_start > calendar_start else None
    )
    follow_ups = reporting.follow_up_accountability(db, leader.id, start, end, today=today)
    balance = reporting.reinforcement_balance(db, [leader.id], start, end)
    coverage = reporting.standards_coverage(db, [leader.id], start, end)
    notes = logbook.list_entries(
        db, leader_ids=[leader.id], start=start, end=end, types=["coaching"]
    )
    coaching = tuple(
        sorted(
            (note for note in notes if isinstance(note, CoachingNote) and note.follow_up_on),
            key=lambda note: (note.day, note.id),
        )
    )
    return LeaderReview(
        leader=leader,
        start=start,
        end=end,
        today=today,
        weeks=tuple(weeks),
        days=tuple(days),
        follow_ups=follow_ups,
        balance=balance,
        coverage=tuple(coverage),
        coaching_notes=coaching,
        week_start=week_start,
        started_on=started_on,
        calendar=calendar,
        record_start=record_start,
    )


def since_start(weeks: Any, start: dt.date | None) -> list[Any]:
    """The weeks that end on or after a leader's start: weeks before it are no part of their record."""
    if start is None:
        return list(weeks)
    return [week for week in weeks if week.week_start + dt.timedelta(days=6) >= start]


def follow_up_status(note: CoachingNote, today: dt.date) -> str:
    """Plain words for where a coaching follow-up stands: done on time, done late, overdue, open."""
    if note.follow_up_on is None:
        return "no follow-up"
    if note.follow_up_done_on is not None:
        late = note.follow_up_done_on > note.follow_up_on
        return f"done {note.follow_up_done_on.isoformat()}" + (" (late)" if late else "")
    if note.is_overdue(today):
        return f"OVERDUE ({(today - note.follow_up_on).days} days)"
    return "open"


def team_standings(
    db: Database, team: str, start: dt.date, end: dt.date, *, today: dt.date | None = None
) -> list[attention.LeaderStanding]:
    """Every active leader of a team with their latest score, trend and reasons for attention."""
    today = today or dt.date.today()
    weeks_by_leader = reporting.weekly_figures_by_leader(db, start, end, team=team, today=today)
    starts = settings_history.start_dates(db, list(weeks_by_leader))
    weeks_by_leader = {
        leader_id: since_start(weeks, starts.get(leader_id))
        for leader_id, weeks in weeks_by_leader.items()
    }
    with db.read() as session:
        overdue = overdue_follow_up_counts(session, list(weeks_by_leader), today)
    names = {leader.id: leader.name for leader in people.list_leaders(db)}
    return [
        attention.standing(leader_id, names[leader_id], weeks, overdue.get(leader_id, 0))
        for leader_id, weeks in weeks_by_leader.items()
    ]


def record_starts(db: Database, leader_ids: list[int]) -> dict[int, dt.date]:
    """Each leader's start date: the team comparison says 'since …' for a record begun in the period."""
    return settings_history.start_dates(db, leader_ids)
