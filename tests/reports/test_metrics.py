"""Consistency metrics: the score's promised properties, streaks, weeks, and the docs' worked example."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaderlog.core.errors import ValidationError
from leaderlog.core.records import Leader, WorkPattern
from leaderlog.data.engine import Database
from leaderlog.journal import logbook, people
from leaderlog.reports import formulas, reporting, walk
from leaderlog.reports.formulas import DayActivity, Targets

# the tests that read a database (`db`) run on SQLite and on PostgreSQL
pytestmark = pytest.mark.all_backends

MONDAY = dt.date(2026, 1, 5)
MON_FRI = WorkPattern.from_mask("1111100")
DEFAULT_TARGETS = Targets(MON_FRI, 60, 3, 5)

# work patterns with at least three workdays: the ones for which every promise holds
# (docs/metrics.md explains why one- and two-day patterns cannot keep all of them)
patterns = st.lists(st.booleans(), min_size=7, max_size=7).filter(lambda d: sum(d) >= 3)
targets_strategy = st.builds(
    lambda days, minutes, coaching, reinforcement: Targets(
        WorkPattern(tuple(days)), minutes, coaching, reinforcement
    ),
    patterns,
    st.integers(1, 480),
    st.integers(1, 10),
    st.integers(1, 15),
)


def _day(offset: int) -> dt.date:
    return MONDAY + dt.timedelta(days=offset)


def steady(targets: Targets, weeks: int, start: int = 0) -> list[DayActivity]:
    """Every target met on every workday: the daily minutes and a fair daily share of the weekly counts."""
    per_week = targets.work_pattern.workdays_per_week
    coaching = math.ceil(targets.coaching_per_week / per_week)
    reinforcement = math.ceil(targets.reinforcement_per_week / per_week)
    return [
        DayActivity(_day(offset), targets.minutes_per_workday, coaching, reinforcement, 0)
        for offset in range(start, start + 7 * weeks)
        if targets.work_pattern.is_workday(_day(offset))
    ]


def scores(activity: list[DayActivity], targets: Targets, days: int) -> list[formulas.DayScore]:
    return walk.daily_scores(activity, targets, MONDAY, _day(days - 1))


def _all_scores(day: formulas.DayScore) -> tuple[float, float, float, float]:
    return (day.score, day.customer_score, day.coaching_score, day.reinforcement_score)


activity_strategy = st.lists(
    st.tuples(
        st.integers(0, 83),
        st.one_of(st.none(), st.integers(0, 1440)),
        st.integers(0, 6),
        st.integers(0, 6),
        st.integers(0, 3),
    ),
    unique_by=lambda entry: entry[0],
    max_size=84,
).map(lambda rows: [DayActivity(_day(o), m, c, p, k) for o, m, c, p, k in rows])


# ---------------------------------------------------------------- the promised properties


@settings(max_examples=60, deadline=None)
@given(activity_strategy, targets_strategy)
def test_every_score_stays_within_0_and_100(activity: list[DayActivity], targets: Targets) -> None:
    for day in scores(activity, targets, 84):
        assert all(0.0 <= value <= 100.0 for value in _all_scores(day))
    for week in walk.weekly_figures(1, activity, targets, MONDAY, _day(83)):
        assert 0.0 <= week.consistency_score <= 100.0


@settings(max_examples=40, deadline=None)
@given(targets_strategy)
def test_twelve_weeks_meeting_every_target_scores_at_least_95(targets: Targets) -> None:
    last = scores(steady(targets, 12), targets, 84)[-1]
    assert min(_all_scores(last)) >= 95.0


@settings(max_examples=40, deadline=None)
@given(activity_strategy, targets_strategy)
def test_twelve_weeks_of_nothing_scores_at_most_5_whatever_came_before(
    history: list[DayActivity], targets: Targets
) -> None:
    # the history fills weeks 0-11; weeks 12-23 are empty
    last = scores(history, targets, 168)[-1]
    assert max(_all_scores(last)) <= 5.0


def test_a_leader_who_never_logged_scores_zero() -> None:
    weeks = walk.weekly_figures(1, [], DEFAULT_TARGETS, MONDAY, _day(83))
    assert len(weeks) == 12
    assert {w.consistency_score for w in weeks} == {0.0}
    assert {w.days_logged for w in weeks} == {0}


@settings(max_examples=30, deadline=None)
@given(st.integers(30, 240), st.integers(2, 12))
def test_crammed_week_scores_clearly_below_the_same_total_spread_evenly(
    minutes_per_day: int, weeks: int
) -> None:
    targets = Targets(MON_FRI, minutes_per_day, 3, 5)
    even, crammed = [], []
    for week in range(weeks):
        for weekday in range(5):
            day = _day(7 * week + weekday)
            even.append(DayActivity(day, minutes_per_day, 0, 0, 0))
            if weekday == 0:
                crammed.append(DayActivity(day, 5 * minutes_per_day, 0, 0, 0))
    even_weeks = walk.weekly_figures(1, even, targets, MONDAY, _day(7 * weeks - 1))
    crammed_weeks = walk.weekly_figures(1, crammed, targets, MONDAY, _day(7 * weeks - 1))
    assert [w.customer_minutes for w in even_weeks] == [w.customer_minutes for w in crammed_weeks]
    for steady_week, burst_week in zip(even_weeks, crammed_weeks, strict=True):
        # the crammed leader earns at most a fifth of the steady leader's customer score
        assert burst_week.customer_score <= steady_week.customer_score / 5 + 1e-9
        assert steady_week.consistency_score - burst_week.consistency_score > 0
    assert even_weeks[-1].customer_score - crammed_weeks[-1].customer_score >= 20


def test_coaching_every_other_week_scores_below_the_same_total_every_week() -> None:
    weekly = [DayActivity(_day(7 * w), 60, 3, 5, 0) for w in range(12)]
    bursts = [DayActivity(_day(7 * w), 60, 6 if w % 2 == 0 else 0, 5, 0) for w in range(12)]
    every_week = scores(weekly, DEFAULT_TARGETS, 84)[-1]
    every_other = scores(bursts, DEFAULT_TARGETS, 84)[-1]
    assert every_week.coaching_score > 90
    assert every_week.coaching_score - every_other.coaching_score > 30


@settings(max_examples=40, deadline=None)
@given(targets_strategy, st.integers(0, 6))
def test_one_missed_workday_after_a_steady_run_costs_under_10_points_and_recovery_restores_it(
    targets: Targets, skip: int
) -> None:
    workdays = [o for o in range(70, 77) if targets.work_pattern.is_workday(_day(o))]
    missed = workdays[skip % len(workdays)]
    run = [e for e in steady(targets, 16) if e.day != _day(missed)]
    series = scores(run, targets, 112)
    before = series[missed - 1]
    dip = [_all_scores(day) for day in series[missed : missed + 14]]
    for practice in range(4):
        lowest = min(values[practice] for values in dip)
        assert _all_scores(before)[practice] - lowest < 10.0
    after = series[-1]  # five more weeks of the steady rhythm
    assert after.score > min(values[0] for values in dip)
    assert after.score >= before.score - 1.0


@settings(max_examples=60, deadline=None)
@given(activity_strategy, targets_strategy, activity_strategy)
def test_entries_on_non_workdays_never_lower_a_score_but_count_in_totals(
    activity: list[DayActivity], targets: Targets, extra: list[DayActivity]
) -> None:
    taken = {entry.day for entry in activity}
    weekend = [
        e for e in extra if not targets.work_pattern.is_workday(e.day) and e.day not in taken
    ]
    plain = scores(activity, targets, 84)
    more = scores(activity + weekend, targets, 84)
    for without, with_extra in zip(plain, more, strict=True):
        for low, high in zip(_all_scores(without), _all_scores(with_extra), strict=True):
            assert high >= low - 1e-9
        if not without.workday and without.day > MONDAY:
            previous = plain[(without.day - MONDAY).days - 1]
            assert _all_scores(without) == _all_scores(previous)
    total = sum(
        w.customer_minutes for w in walk.weekly_figures(1, activity, targets, MONDAY, _day(83))
    )
    total_more = sum(
        w.customer_minutes
        for w in walk.weekly_figures(1, activity + weekend, targets, MONDAY, _day(83))
    )
    assert total_more - total == sum(e.minutes or 0 for e in weekend)


# ---------------------------------------------------------------- streaks, today, weeks


def test_streak_counts_workdays_meeting_target_and_skips_non_workdays() -> None:
    # Mon-Fri met, weekend empty, Mon met, Tue short, Wed-Thu met
    minutes = {0: 60, 1: 60, 2: 60, 3: 60, 4: 60, 7: 60, 8: 20, 9: 60, 10: 70}
    activity = [DayActivity(_day(o), m) for o, m in minutes.items()]
    series = scores(activity, DEFAULT_TARGETS, 11)
    assert [day.streak for day in series] == [1, 2, 3, 4, 5, 5, 5, 6, 0, 1, 2]
    weeks = walk.weekly_figures(1, activity, DEFAULT_TARGETS, MONDAY, _day(10), today=_day(10))
    assert weeks[-1].current_streak == 2
    assert weeks[-1].longest_streak == 6
    assert weeks[0].days_meeting_customer_target == 5


def test_today_not_yet_logged_is_pending_and_lowers_nothing() -> None:
    activity = steady(DEFAULT_TARGETS, 4)[:-1]  # everything but the last Friday
    friday = _day(25)
    series = walk.daily_scores(activity, DEFAULT_TARGETS, MONDAY, friday, today=friday)
    assert series[-1].pending and not series[-1].workday
    assert series[-1].score == series[-2].score
    assert series[-1].streak == series[-2].streak == 19
    week = walk.weekly_figures(1, activity, DEFAULT_TARGETS, _day(21), friday, today=friday)
    assert (week[-1].workdays_scheduled, week[-1].days_logged) == (4, 4)
    assert week[-1].week_end == friday
    logged = walk.daily_scores(
        steady(DEFAULT_TARGETS, 4), DEFAULT_TARGETS, MONDAY, friday, today=friday
    )
    assert logged[-1].workday and logged[-1].score > series[-1].score


def test_days_after_today_are_not_reported() -> None:
    weeks = walk.weekly_figures(1, [], DEFAULT_TARGETS, MONDAY, _day(60), today=_day(16))
    assert [w.week_start for w in weeks] == [MONDAY, _day(7), _day(14)]
    assert weeks[-1].week_end == _day(16)


def test_sunday_weeks_start_on_sunday() -> None:
    wednesday = dt.date(2026, 11, 18)
    assert formulas.week_start_of(wednesday) == dt.date(2026, 11, 16)
    assert formulas.week_start_of(wednesday, "sunday") == dt.date(2026, 11, 15)
    assert formulas.week_start_of(dt.date(2026, 11, 15), "sunday") == dt.date(2026, 11, 15)
    sunday_weeks = walk.weekly_figures(
        1, steady(DEFAULT_TARGETS, 2), DEFAULT_TARGETS, MONDAY, _day(13), week_start="sunday"
    )
    assert [w.week_start.weekday() for w in sunday_weeks] == [6, 6, 6]
    assert sunday_weeks[0].week_start == dt.date(2026, 1, 4)
    assert [w.days_logged for w in sunday_weeks] == [5, 5, 0]


def test_ratio_and_rates_are_none_when_there_is_nothing_to_divide_by() -> None:
    assert formulas.positive_corrective_ratio(6, 2) == 3.0
    assert formulas.positive_corrective_ratio(6, 0) is None
    week = walk.weekly_figures(1, [], DEFAULT_TARGETS, MONDAY, _day(6))[0]
    assert week.followup_rate is None and week.logging_rate == 0.0


def test_a_zero_target_is_met_by_logging_the_workday() -> None:
    targets = Targets(MON_FRI, 0, 0, 0)
    logged = [DayActivity(_day(o), 0) for o in range(84) if _day(o).weekday() < 5]
    last = scores(logged, targets, 84)[-1]
    assert min(_all_scores(last)) >= 95.0
    assert last.streak == 60
    silent = scores([], targets, 84)[-1]
    assert max(_all_scores(silent)) == 0.0


def test_smoothing_keeps_one_workday_below_a_tenth_of_the_scale() -> None:
    assert formulas.smoothing_factor(5) == pytest.approx(1 - 0.5 ** (1 / 12.5))
    assert all(formulas.smoothing_factor(n) < 0.1 for n in range(1, 8))


# ---------------------------------------------------------------- the docs' worked example, end to end


def _worked_example(db: Database) -> Leader:
    """The week of docs/metrics.md, entered through the journal like a user would."""
    ana = people.add_leader(db, "Ana Ruiz", team="North")
    sam = people.add_member(db, ana.id, "Sam Lee")
    today = dt.date(2026, 11, 20)

    def log(day: str, minutes: int) -> None:
        logbook.add_day_log(db, ana.id, day, minutes, today=today)

    def reinforce(day: str, kind: str) -> None:
        logbook.add_reinforcement(db, ana.id, day, kind, "x", sam.id, today=today)

    log("2026-11-02", 60)
    first = logbook.add_coaching_note(
        db, ana.id, "2026-11-02", sam.id, "greeting late", follow_up_on="2026-11-05", today=today
    )
    logbook.complete_follow_up(db, first.id, "2026-11-04", today=today)
    reinforce("2026-11-02", "praise")
    log("2026-11-03", 30)
    log("2026-11-04", 90)
    logbook.add_coaching_note(
        db, ana.id, "2026-11-04", sam.id, "no handover", follow_up_on="2026-11-06", today=today
    )
    reinforce("2026-11-04", "corrective_feedback")
    reinforce("2026-11-04", "recognition")
    log("2026-11-06", 60)
    logbook.add_coaching_note(db, ana.id, "2026-11-06", sam.id, "used the name", today=today)
    reinforce("2026-11-06", "recognition")
    log("2026-11-07", 45)  # Saturday: not a workday
    reinforce("2026-11-07", "team_celebration")
    return ana


def test_worked_example_of_docs_metrics_md(db: Database) -> None:
    ana = _worked_example(db)
    [week] = reporting.weekly_figures(
        db, ana.id, dt.date(2026, 11, 2), dt.date(2026, 11, 8), today=dt.date(2026, 11, 20)
    )
    assert (week.week_start, week.week_end) == (dt.date(2026, 11, 2), dt.date(2026, 11, 8))
    assert week.workdays_scheduled == 5
    assert week.days_logged == 4
    assert week.customer_minutes == 285
    assert week.customer_target_minutes == 300
    assert week.days_meeting_customer_target == 3
    assert (week.coaching_count, week.coaching_target) == (3, 3)
    assert (week.reinforcements_positive, week.reinforcements_corrective) == (4, 1)
    assert week.reinforcement_target == 5
    assert (week.followups_due, week.followups_closed_on_time) == (2, 1)
    assert week.customer_score == pytest.approx(16.83, abs=0.005)
    assert week.coaching_score == pytest.approx(14.98, abs=0.005)
    assert week.reinforcement_score == pytest.approx(12.05, abs=0.005)
    assert week.consistency_score == pytest.approx(14.62, abs=0.005)
    assert (week.current_streak, week.longest_streak) == (1, 1)
    assert week.logging_rate == 0.8
    assert week.positive_corrective_ratio == 4.0


def test_worked_example_numbers_after_twelve_steady_weeks_and_one_miss() -> None:
    twelve = scores(steady(DEFAULT_TARGETS, 12), DEFAULT_TARGETS, 84)[-1]
    assert twelve.customer_score == pytest.approx(96.41, abs=0.005)
    missed = [e for e in steady(DEFAULT_TARGETS, 13) if e.day != _day(84)]
    after_miss = scores(missed, DEFAULT_TARGETS, 85)
    assert after_miss[-2].customer_score - after_miss[-1].customer_score == pytest.approx(
        5.20, abs=0.005
    )


# ---------------------------------------------------------------- through the database


def test_adding_data_for_one_leader_never_changes_anothers_figures(db: Database) -> None:
    ana = _worked_example(db)
    ben = people.add_leader(db, "Ben Okafor", team="North", workdays="tue-sat")
    today = dt.date(2026, 11, 20)
    span = (dt.date(2026, 10, 1), dt.date(2026, 11, 20))
    before = reporting.weekly_figures_by_leader(db, *span, today=today)[ana.id]
    ben_member = people.add_member(db, ben.id, "Jo Park")
    for offset in range(30):
        day = dt.date(2026, 10, 20) + dt.timedelta(days=offset)
        logbook.add_day_log(db, ben.id, day, 200, today=today)
        logbook.add_coaching_note(
            db, ben.id, day, ben_member.id, "seen", follow_up_on=day, today=today
        )
        logbook.add_reinforcement(db, ben.id, day, "corrective_feedback", today=today)
    after = reporting.weekly_figures_by_leader(db, *span, today=today)
    assert after[ana.id] == before
    assert reporting.weekly_figures(db, ana.id, *span, today=today) == before
    assert sum(w.coaching_count for w in after[ben.id]) == 30


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 48),
            st.integers(0, 600),
            st.booleans(),
            st.sampled_from(("praise", "corrective_feedback")),
        ),
        min_size=1,
        max_size=25,
        unique_by=lambda entry: entry[0],
    ),
    st.sampled_from(("mon-fri", "tue-sat", "mon,wed,fri")),
)
def test_any_other_leaders_entries_leave_a_leaders_figures_unchanged(
    db: Database, entries: list[tuple[int, int, bool, str]], workdays: str
) -> None:
    # each example adds one more leader to the same journal: Ana's figures never move
    today = dt.date(2026, 11, 20)
    span = (dt.date(2026, 10, 1), today)
    leaders = {leader.name: leader for leader in people.list_leaders(db)}
    ana = leaders.get("Ana Ruiz") or _worked_example(db)
    baseline = reporting.weekly_figures(db, ana.id, *span, today=today)
    other = people.add_leader(db, f"Other {len(leaders)}", workdays=workdays)
    member = people.add_member(db, other.id, "Jo Park")
    for offset, minutes, coached, kind in entries:
        day = dt.date(2026, 10, 1) + dt.timedelta(days=offset)
        logbook.add_day_log(db, other.id, day, minutes, today=today)
        if coached:
            logbook.add_coaching_note(
                db, other.id, day, member.id, "seen", follow_up_on=day, today=today
            )
        logbook.add_reinforcement(db, other.id, day, kind, today=today)
    every = reporting.weekly_figures_by_leader(db, *span, today=today)
    assert every[ana.id] == baseline
    assert reporting.weekly_figures(db, ana.id, *span, today=today) == baseline
    assert sum(w.customer_minutes for w in every[other.id]) == sum(e[1] for e in entries)


def test_scores_do_not_depend_on_the_range_asked_for(db: Database) -> None:
    ana = _worked_example(db)
    today = dt.date(2026, 11, 20)
    long = reporting.weekly_figures(db, ana.id, dt.date(2026, 9, 1), today, today=today)
    short = reporting.weekly_figures(db, ana.id, dt.date(2026, 11, 9), today, today=today)
    assert long[-len(short) :] == short


def test_week_start_setting_is_stored_and_used(db: Database) -> None:
    ana = _worked_example(db)
    assert reporting.get_week_start(db) == "monday"
    assert reporting.set_week_start(db, "Sunday") == "sunday"
    assert reporting.get_week_start(db) == "sunday"
    weeks = reporting.weekly_figures(
        db, ana.id, dt.date(2026, 11, 2), dt.date(2026, 11, 8), today=dt.date(2026, 11, 20)
    )
    assert [w.week_start for w in weeks] == [dt.date(2026, 11, 1), dt.date(2026, 11, 8)]
    with pytest.raises(ValidationError, match="monday or sunday"):
        reporting.set_week_start(db, "friday")


def test_daily_scores_feed_the_heatmap(db: Database) -> None:
    ana = _worked_example(db)
    days = reporting.daily_scores(
        db, ana.id, dt.date(2026, 11, 2), dt.date(2026, 11, 8), today=dt.date(2026, 11, 20)
    )
    assert [d.logged for d in days] == [True, True, True, False, True, True, False]
    assert [d.workday for d in days] == [True] * 5 + [False] * 2
    assert [d.met_customer_target for d in days] == [True, False, True, False, True, False, False]
    assert days[-1].score == pytest.approx(14.62, abs=0.005)


def test_follow_up_accountability_counts_on_time_and_lists_overdue(db: Database) -> None:
    ana = _worked_example(db)
    summary = reporting.follow_up_accountability(
        db, ana.id, dt.date(2026, 11, 1), dt.date(2026, 11, 30), today=dt.date(2026, 11, 20)
    )
    assert (summary.due, summary.closed_on_time, summary.on_time_rate) == (2, 1, 0.5)
    assert [note.observation for note in summary.overdue] == ["no handover"]


def test_reinforcement_balance_and_standards_coverage(db: Database) -> None:
    ana = _worked_example(db)
    balance = reporting.reinforcement_balance(
        db, [ana.id], dt.date(2026, 11, 1), dt.date(2026, 11, 30)
    )
    assert (balance.positive, balance.corrective, balance.ratio) == (4, 1, 4.0)
    greet = people.add_standard(db, "Greet within 10 seconds")
    people.add_standard(db, "Own the problem")
    member = people.list_members(db, ana.id)[0]
    logbook.add_coaching_note(
        db, ana.id, "2026-11-10", member.id, "late greeting", standard_id=greet.id,
        today=dt.date(2026, 11, 20),
    )  # fmt: skip
    coverage = reporting.standards_coverage(
        db, [ana.id], dt.date(2026, 11, 1), dt.date(2026, 11, 30)
    )
    assert [(s.name, s.covered, s.coaching_count) for s in coverage] == [
        ("Own the problem", False, 0),
        ("Greet within 10 seconds", True, 1),
    ]
    assert coverage[1].last_day == dt.date(2026, 11, 10)
