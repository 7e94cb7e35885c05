"""Who needs attention: the team comparison's trend rules and the manager's week-review rules (pure).

Works on figures the metrics layer and the calendars have already gathered; no database,
no Qt. The team comparison and the CLI show what ``attention_reasons`` finds; the Week
review page and its exports show what ``week_reasons`` finds.

The week-review rules (also in docs/metrics.md, "Attention rules"), for one leader and
one week, each judged only on days the leader was there (judged workdays: a rota day that
is neither leave, a public holiday nor before their start):

1. **Score falling**: the consistency score at the week's end is FALL_POINTS (10) or more
   below the score FALL_WEEKS (2) weeks earlier -> "score fell 12 points in two weeks".
   A fall over a fortnight with no judged workday missed or short of a target is not
   flagged: it can only come from days off, which must never count.
2. **Not logging**: fewer than half of the week's judged workdays logged -> "logged 1 of
   5 workdays".
3. **Overdue follow-ups**: coaching follow-ups still open at the week's end and more than
   OVERDUE_GRACE_DAYS (7) days past due, leave and holidays not counted ->
   "3 follow-ups overdue by more than a week".
4. **No reinforcement** (and **no coaching**): QUIET_WORKDAYS (7) or more judged workdays
   in a row up to the week's end without one, days off skipped (they neither break nor
   extend the run), with a weekly target above 0 -> "no reinforcement for 9 workdays".

A week with no judged workday because of leave or holidays flags nobody: the row says
"on leave" (or "public holidays"). Flagged leaders come first, ranked by how many rules
they trip, then by the score's two-week change (biggest fall first), then by score
(lowest first), then by name; leaders not flagged follow by score, lowest first, and
leaders off all week come last.
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

FALL_POINTS = 10.0
"""Week review: a score this many points below FALL_WEEKS weeks earlier is falling."""
FALL_WEEKS = 2
OVERDUE_GRACE_DAYS = 7
"""Week review: a follow-up overdue by more than this many days (days off not counted) is flagged."""
QUIET_WORKDAYS = 7
"""Week review: this many judged workdays in a row without a reinforcement (or coaching) is flagged."""
LOW_LOGGING_SHARE = 0.5
"""Week review: logging fewer than this share of the week's judged workdays is flagged."""


@dataclass(frozen=True)
class AttentionReason:
    """One reason a leader needs attention, in plain words."""

    kind: str
    """'falling', 'stopped_logging' or 'overdue'; the week review adds 'not_logging',
    'no_reinforcement' and 'no_coaching'"""
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


# ---------------------------------------------------------------- the manager's week review


@dataclass(frozen=True)
class PracticeGap:
    """Judged workdays in a row, up to a week's end, without one practice (coaching or reinforcement)."""

    workdays: int
    since_start: bool = False
    """True when the count runs from the leader's start: they never did it"""
    at_least: bool = False
    """True when the count reached the end of the lookback: it is a lower bound"""


@dataclass(frozen=True)
class WeekFacts:
    """What the week-review rules read about one leader's week, every count leave-aware."""

    score: float | None
    score_before: float | None
    """the score FALL_WEEKS weeks earlier (None when the leader's record began since)"""
    workdays: int
    """judged workdays of the week (up to today in the current week)"""
    days_off: int
    """rota days of the week on leave or public holidays"""
    on_leave: bool
    """some of those days off were leave (not only holidays)"""
    days_logged: int
    short_workdays: int
    """judged workdays of the last FALL_WEEKS weeks that were missed or short of a target,
    plus weeks short of their coaching or reinforcement target"""
    overdue_late: int = 0
    """open follow-ups past due by more than OVERDUE_GRACE_DAYS days at the week's end, leave
    and holidays not counted"""
    reinforcement_gap: PracticeGap | None = None
    coaching_gap: PracticeGap | None = None

    @property
    def entirely_off(self) -> bool:
        """Nothing was judged this week because the leader was off: nobody is flagged."""
        return self.workdays == 0 and self.days_off > 0

    @property
    def score_change(self) -> float | None:
        if self.score is None or self.score_before is None:
            return None
        return self.score - self.score_before


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _gap_reason(kind: str, practice: str, gap: PracticeGap | None) -> AttentionReason | None:
    if gap is None or gap.workdays < QUIET_WORKDAYS:
        return None
    if gap.since_start:
        text = f"no {practice} in {_plural(gap.workdays, 'workday')} since the start"
    elif gap.at_least:
        text = f"no {practice} for more than {gap.workdays} workdays"
    else:
        text = f"no {practice} for {gap.workdays} workdays"
    return AttentionReason(kind, text)


FALL_WEEKS_WORDS = {1: "a week", 2: "two weeks", 3: "three weeks", 4: "four weeks"}


def week_reasons(facts: WeekFacts) -> tuple[AttentionReason, ...]:
    """Why a leader needs attention this week, in words (the rules: the module docstring)."""
    if facts.entirely_off or facts.workdays == 0:
        return ()
    reasons = []
    change = facts.score_change
    if change is not None and -change >= FALL_POINTS and facts.short_workdays > 0:
        span = FALL_WEEKS_WORDS.get(FALL_WEEKS, f"{FALL_WEEKS} weeks")
        reasons.append(AttentionReason("falling", f"score fell {-change:.0f} points in {span}"))
    if facts.days_logged < LOW_LOGGING_SHARE * facts.workdays:
        reasons.append(
            AttentionReason(
                "not_logging", f"logged {facts.days_logged} of {_plural(facts.workdays, 'workday')}"
            )
        )
    if facts.overdue_late:
        follow_ups = _plural(facts.overdue_late, "follow-up")
        reasons.append(AttentionReason("overdue", f"{follow_ups} overdue by more than a week"))
    for kind, practice, gap in (
        ("no_reinforcement", "reinforcement", facts.reinforcement_gap),
        ("no_coaching", "coaching", facts.coaching_gap),
    ):
        reason = _gap_reason(kind, practice, gap)
        if reason is not None:
            reasons.append(reason)
    return tuple(reasons)


def off_words(facts: WeekFacts) -> str:
    """'on leave', 'public holidays', '2 days off' or '' for the row's status."""
    if facts.entirely_off:
        return "on leave" if facts.on_leave else "public holidays"
    if facts.days_off:
        return _plural(facts.days_off, "day") + " off"
    return ""


def rank_key(
    reasons: Sequence[AttentionReason],
    change: float | None,
    score: float | None,
    name: str,
    off_all_week: bool = False,
) -> tuple[object, ...]:
    """The week review's order: flagged first, more reasons first, biggest fall, lowest score,
    name; then the others by score; leaders off all week last."""
    return (
        not reasons,
        off_all_week,
        -len(reasons),
        change if change is not None and reasons else 0.0,
        score if score is not None else 101.0,
        name.casefold(),
    )
