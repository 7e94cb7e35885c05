"""Who needs attention in a team: falling scores, stopped logging, overdue follow-ups (pure rules).

Works on the metrics layer's weekly figures; no database, no Qt. The team
comparison and the CLI show what these rules find.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from leaderlog.reports.formulas import WeekFigures

TREND_WEEKS = 4
"""The comparison's trend arrow is the change in score over this many weeks."""
MIN_WEEKLY_DROP = 1.0
"""A week's score must fall by at least this many points to count as falling (not noise)."""
QUIET_WEEKS = 2
"""This many weeks in a row with workdays but nothing logged means the leader stopped logging."""


@dataclass(frozen=True)
class AttentionReason:
    """One reason a leader needs attention, in plain words."""

    kind: str
    """'falling', 'stopped_logging' or 'overdue'"""
    text: str


@dataclass(frozen=True)
class LeaderStanding:
    """One leader's place in the team comparison."""

    leader_id: int
    name: str
    score: float | None
    """consistency score at the end of the latest week; None without weeks"""
    change: float | None
    """points gained over the last TREND_WEEKS weeks (or as many as there are)"""
    reasons: tuple[AttentionReason, ...]
    weekly_scores: tuple[float, ...] = ()
    """the consistency score at each week's end, oldest first"""
    week_starts: tuple[dt.date, ...] = ()

    @property
    def needs_attention(self) -> bool:
        return bool(self.reasons)

    @property
    def falling(self) -> bool:
        return any(reason.kind == "falling" for reason in self.reasons)


def score_change(weeks: Sequence[WeekFigures], span: int = TREND_WEEKS) -> float | None:
    """The latest score minus the score span weeks earlier (or the first week's); None under 2 weeks."""
    if len(weeks) < 2:
        return None
    earlier = weeks[max(0, len(weeks) - 1 - span)]
    return weeks[-1].consistency_score - earlier.consistency_score


def falling_weeks(weeks: Sequence[WeekFigures], min_drop: float = MIN_WEEKLY_DROP) -> int:
    """How many of the latest weeks in a row ended with a score at least min_drop below the week before."""
    count = 0
    for index in range(len(weeks) - 1, 0, -1):
        if weeks[index - 1].consistency_score - weeks[index].consistency_score >= min_drop:
            count += 1
        else:
            break
    return count


def stopped_logging(weeks: Sequence[WeekFigures], quiet_weeks: int = QUIET_WEEKS) -> bool:
    """The latest quiet_weeks weeks with workdays had none logged, after some logging earlier."""
    scheduled = [week for week in weeks if week.workdays_scheduled > 0]
    if len(scheduled) <= quiet_weeks:
        return False
    recent, earlier = scheduled[-quiet_weeks:], scheduled[:-quiet_weeks]
    return all(week.days_logged == 0 for week in recent) and any(
        week.days_logged for week in earlier
    )


def attention_reasons(weeks: Sequence[WeekFigures], overdue: int) -> tuple[AttentionReason, ...]:
    """Why a leader needs attention: score fell two weeks running, stopped logging, overdue follow-ups."""
    reasons = []
    falling = falling_weeks(weeks)
    if falling >= 2:
        drop = weeks[-1 - falling].consistency_score - weeks[-1].consistency_score
        reasons.append(
            AttentionReason(
                "falling",
                f"score fell {falling} weeks running ({drop:.0f} points, now {weeks[-1].consistency_score:.0f})",
            )
        )
    if stopped_logging(weeks):
        reasons.append(
            AttentionReason("stopped_logging", f"nothing logged in the last {QUIET_WEEKS} weeks")
        )
    if overdue:
        plural = "s" if overdue != 1 else ""
        reasons.append(AttentionReason("overdue", f"{overdue} overdue coaching follow-up{plural}"))
    return tuple(reasons)


def standing(
    leader_id: int, name: str, weeks: Sequence[WeekFigures], overdue: int
) -> LeaderStanding:
    """A leader's latest score, its trend and any reasons for attention."""
    return LeaderStanding(
        leader_id=leader_id,
        name=name,
        score=weeks[-1].consistency_score if weeks else None,
        change=score_change(weeks),
        reasons=attention_reasons(weeks, overdue),
        weekly_scores=tuple(week.consistency_score for week in weeks),
        week_starts=tuple(week.week_start for week in weeks),
    )
