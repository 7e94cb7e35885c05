"""Who needs attention: falling scores, stopped logging, overdue follow-ups, and the trend arrow."""

from __future__ import annotations

import datetime as dt

from leaderlog.reports import attention
from leaderlog.reports.formulas import WeekFigures

MONDAY = dt.date(2026, 9, 7)


def week(index: int, score: float, logged: int = 5, scheduled: int = 5) -> WeekFigures:
    start = MONDAY + dt.timedelta(weeks=index)
    return WeekFigures(
        leader_id=1, week_start=start, week_end=start + dt.timedelta(days=6),
        workdays_scheduled=scheduled, days_logged=logged, customer_minutes=60 * logged,
        customer_target_minutes=60 * scheduled, days_meeting_customer_target=logged,
        coaching_count=3, coaching_target=3, reinforcements_positive=5,
        reinforcements_corrective=0, reinforcement_target=5, followups_due=0,
        followups_closed_on_time=0, customer_score=score, coaching_score=score,
        reinforcement_score=score, consistency_score=score, current_streak=0, longest_streak=0,
    )  # fmt: skip


def weeks_with(scores: list[float], logged: list[int] | None = None) -> list[WeekFigures]:
    logged = logged or [5] * len(scores)
    return [week(i, s, n) for i, (s, n) in enumerate(zip(scores, logged, strict=True))]


def test_score_that_fell_two_weeks_running_needs_attention():
    reasons = attention.attention_reasons(weeks_with([80, 82, 76, 70]), overdue=0)
    assert [r.kind for r in reasons] == ["falling"]
    assert reasons[0].text == "score fell 2 weeks running (12 points, now 70)"


def test_one_falling_week_or_jitter_is_not_a_trend():
    assert attention.attention_reasons(weeks_with([80, 82, 76, 77]), overdue=0) == ()
    assert attention.attention_reasons(weeks_with([80, 79.6, 79.2, 78.9]), overdue=0) == ()


def test_stopping_logging_after_logging_needs_attention():
    weeks = weeks_with([90, 85, 75, 62], logged=[5, 4, 0, 0])
    kinds = [r.kind for r in attention.attention_reasons(weeks, overdue=0)]
    assert "stopped_logging" in kinds


def test_weeks_without_workdays_do_not_count_as_stopping():
    weeks = [week(0, 90), week(1, 90), week(2, 90, logged=0, scheduled=0), week(3, 90, logged=0)]
    assert not attention.stopped_logging(weeks)


def test_a_leader_who_never_logged_has_not_stopped():
    assert not attention.stopped_logging(weeks_with([0, 0, 0, 0], logged=[0, 0, 0, 0]))


def test_overdue_follow_ups_need_attention_with_a_count():
    reasons = attention.attention_reasons(weeks_with([90, 90]), overdue=3)
    assert [(r.kind, r.text) for r in reasons] == [("overdue", "3 overdue coaching follow-ups")]


def test_trend_is_the_change_over_four_weeks_or_what_there_is():
    assert attention.score_change(weeks_with([50, 60, 70, 80, 90, 95])) == 35
    assert attention.score_change(weeks_with([50, 58])) == 8
    assert attention.score_change(weeks_with([50])) is None


def test_standing_carries_latest_score_trend_and_reasons():
    standing = attention.standing(7, "Chloe Martin", weeks_with([80, 70, 60]), overdue=1)
    assert (standing.leader_id, standing.score, standing.change) == (7, 60, -20)
    assert standing.needs_attention
    assert [r.kind for r in standing.reasons] == ["falling", "overdue"]
    empty = attention.standing(8, "New", [], overdue=0)
    assert (empty.score, empty.change, empty.needs_attention) == (None, None, False)


# ---------------------------------------------------------------- the week review's rules


def facts(**changes) -> attention.WeekFacts:
    values = dict(
        score=80.0, score_before=80.0, workdays=5, days_off=0, on_leave=False, days_logged=5,
        short_workdays=0,
    )  # fmt: skip
    values.update(changes)
    return attention.WeekFacts(**values)


def test_week_without_judged_workdays_flags_nobody_and_says_on_leave():
    off = facts(workdays=0, days_off=5, on_leave=True, days_logged=0, overdue_late=2)
    assert attention.week_reasons(off) == ()
    assert attention.off_words(off) == "on leave"
    assert attention.off_words(facts(workdays=0, days_off=5)) == "public holidays"
    assert attention.off_words(facts(workdays=3, days_off=2)) == "2 days off"


def test_a_fall_with_no_short_workday_is_not_flagged():
    fell = facts(score=68.0, score_before=80.0)
    assert attention.week_reasons(fell) == ()
    reasons = attention.week_reasons(facts(score=68.0, score_before=80.0, short_workdays=2))
    assert [r.text for r in reasons] == ["score fell 12 points in two weeks"]


def test_each_week_rule_in_words():
    reasons = attention.week_reasons(
        facts(
            days_logged=1,
            overdue_late=3,
            reinforcement_gap=attention.PracticeGap(9),
            coaching_gap=attention.PracticeGap(12, since_start=True),
        )
    )
    assert [r.text for r in reasons] == [
        "logged 1 of 5 workdays",
        "3 follow-ups overdue by more than a week",
        "no reinforcement for 9 workdays",
        "no coaching in 12 workdays since the start",
    ]
    gap = attention.PracticeGap(130, at_least=True)
    assert attention.week_reasons(facts(reinforcement_gap=gap))[0].text == (
        "no reinforcement for more than 130 workdays"
    )
    assert attention.week_reasons(facts(reinforcement_gap=attention.PracticeGap(6))) == ()
