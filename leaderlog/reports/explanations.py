"""Why a week's score is what it is, in words: the days that moved it and the way back on track.

Pure (no database, no Qt): built from a leader's weekly figures, their day scores and their
``core.schedule.LeaderCalendar``, so the dashboard and the review pack say the same thing.
The days needed to get back above the on-track line are found by running the habit-strength
EMA of ``reports.formulas`` forward, one workday at every target after another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from leaderlog.reports.chart_models import ON_TRACK_SCORE, signed_change, week_label
from leaderlog.reports.formulas import DayScore, WeekFigures, smoothing_factor

MAX_DAYS_AHEAD = 260
"""Recovery is simulated at most a year of workdays ahead."""
_ONE_DAY = dt.timedelta(days=1)


def days_to_on_track(
    customer: float,
    coaching: float,
    reinforcement: float,
    workdays_per_week: float,
    line: float = ON_TRACK_SCORE,
) -> int | None:
    """Workdays at every target it takes for the overall score (mean of the three, 0–100) to reach line.

    0 when it is there already; None when it cannot within MAX_DAYS_AHEAD workdays (a
    pattern without workdays). Each day moves every practice score s to
    (1 − α)·s + α·100, α = formulas.smoothing_factor(workdays per week), as the walk does
    on a workday whose three credits are 1.
    """
    # a cycle's average (5.5 for alternate Saturdays) is used as it is
    alpha = smoothing_factor(cast(int, workdays_per_week))
    scores = [customer, coaching, reinforcement]
    for day in range(MAX_DAYS_AHEAD + 1):
        if sum(scores) / 3.0 >= line:
            return day
        if alpha <= 0.0:
            return None
        scores = [(1.0 - alpha) * s + alpha * 100.0 for s in scores]
    return None


@dataclass(frozen=True)
class ScoreExplanation:
    """One week's score in words: a headline, the days that moved it, the way back on track."""

    week_start: dt.date
    score: float
    headline: str
    reasons: tuple[str, ...]
    recovery: str
    days_needed: int | None
    """workdays at every target to get back to ON_TRACK_SCORE (0: on track already)"""

    @property
    def text(self) -> str:
        return "\n".join([self.headline, *self.reasons, self.recovery])


def _day_name(day: dt.date) -> str:
    return f"{day:%a} {week_label(day)}"


def _runs(days: Sequence[tuple[dt.date, str]]) -> list[str]:
    """Consecutive days with the same words as one 'Mon 3 Aug – Fri 7 Aug: words'."""
    parts: list[str] = []
    index = 0
    while index < len(days):
        first, words = days[index]
        last = first
        while (
            index + 1 < len(days)
            and days[index + 1][1] == words
            and days[index + 1][0] - last <= dt.timedelta(days=3)
        ):
            index += 1
            last = days[index][0]
        span = _day_name(first) if last == first else f"{_day_name(first)} – {_day_name(last)}"
        parts.append(f"{span} ({words})")
        index += 1
    return parts


def _pattern_days(calendar: Any, day: dt.date, fallback: float) -> float:
    if calendar is None:
        return fallback
    return float(calendar.settings_on(day).pattern.workdays_per_week)


def explain_week(
    weeks: Sequence[WeekFigures],
    index: int,
    days: Mapping[dt.date, DayScore],
    calendar: Any = None,
    *,
    minutes_target: int = 0,
    workdays_per_week: float = 5,
) -> ScoreExplanation:
    """Why weeks[index] ended with its score (see the module docstring).

    ``days`` holds the leader's day scores by date (the week's days at least); ``calendar``
    is their LeaderCalendar (None: the days' own workday flags, no days off known);
    ``minutes_target`` and ``workdays_per_week`` stand in for the settings without one.
    """
    week = weeks[index]
    before = weeks[index - 1].consistency_score if index > 0 else None
    change = (
        f" ({signed_change(week.consistency_score - before)} on the week before)"
        if before is not None
        else ""
    )
    headline = (
        f"Week of {week_label(week.week_start, with_year=True)}: consistency score "
        f"{week.consistency_score:.0f}{change}"
    )
    missed: list[str] = []
    below: list[str] = []
    met: list[str] = []
    off: list[tuple[dt.date, str]] = []
    extra: list[str] = []
    not_started: list[dt.date] = []
    day = week.week_start
    while day <= week.week_end:
        score = days.get(day)
        status = calendar.day_status(day) if calendar is not None else None
        logged = score is not None and score.logged
        if status is not None and status.kind == "before-start":
            not_started.append(day)
        elif status is not None and status.is_day_off:
            off.append((day, status.describe()))
            if logged:
                extra.append(_day_name(day))
        elif score is None or score.pending:
            pass
        elif (status is not None and not status.counts) or (status is None and not score.workday):
            if logged:
                extra.append(_day_name(day))
        elif not logged:
            missed.append(_day_name(day))
        elif score.met_customer_target:
            met.append(_day_name(day))
        else:
            target = (
                calendar.settings_on(day).target_minutes if calendar is not None else minutes_target
            )
            below.append(f"{_day_name(day)} ({score.minutes or 0} of {target} min)")
        day += _ONE_DAY
    so_far = (
        " so far (the week is not over)" if week.week_end < week.week_start + 6 * _ONE_DAY else ""
    )
    reasons: list[str] = []
    if missed:
        reasons.append("Missed, nothing logged (lowers the score): " + ", ".join(missed) + ".")
    if below:
        reasons.append(
            "Below the customer-time target (lowers it a little): " + ", ".join(below) + "."
        )
    if met:
        reasons.append("At the customer-time target (raises it): " + ", ".join(met) + ".")
    if week.workdays_scheduled and week.coaching_count < week.coaching_target:
        reasons.append(
            f"Coaching {week.coaching_count} of the week's target {week.coaching_target}{so_far}."
        )
    if week.workdays_scheduled and week.reinforcements < week.reinforcement_target:
        reasons.append(
            f"Reinforcement {week.reinforcements} of the week's target "
            f"{week.reinforcement_target}{so_far}."
        )
    if off:
        reasons.append(
            "Days off, not counted (the score and streak carry across them): "
            + ", ".join(_runs(off))
            + "."
        )
    if extra:
        reasons.append(
            "Extra days, logged on a day that is not judged (their entries count towards "
            "the weekly targets): " + ", ".join(extra) + "."
        )
    if not_started:
        reasons.append(
            f"Before the start of the record ({week_label(not_started[-1] + _ONE_DAY, with_year=True)}): "
            "not counted."
        )
    if not week.workdays_scheduled:
        reasons.append(
            "No workday was judged this week"
            + (" yet" if so_far else "")
            + ": the score stays as it was."
        )
    needed = days_to_on_track(
        week.customer_score,
        week.coaching_score,
        week.reinforcement_score,
        _pattern_days(calendar, week.week_end, workdays_per_week),
    )
    line = f"{ON_TRACK_SCORE:.0f}"
    if needed == 0:
        recovery = f"On track: at or above the on-track line ({line})."
    elif needed is None:
        recovery = f"Below the on-track line ({line}), with no workdays to get back on it."
    else:
        plural = "s" if needed != 1 else ""
        recovery = (
            f"Below the on-track line ({line}): {needed} workday{plural} in a row at every "
            "target (customer time, coaching and reinforcement) bring it back above."
        )
    return ScoreExplanation(
        week.week_start, week.consistency_score, headline, tuple(reasons), recovery, needed
    )


def explain_weeks(
    weeks: Sequence[WeekFigures],
    days: Sequence[DayScore],
    calendar: Any = None,
    *,
    minutes_target: int = 0,
    workdays_per_week: float = 5,
) -> tuple[ScoreExplanation, ...]:
    """explain_week for every week, oldest first."""
    by_day = {day.day: day for day in days}
    return tuple(
        explain_week(
            weeks,
            index,
            by_day,
            calendar,
            minutes_target=minutes_target,
            workdays_per_week=workdays_per_week,
        )
        for index in range(len(weeks))
    )
