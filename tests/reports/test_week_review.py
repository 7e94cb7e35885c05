"""The manager's week review on hand-built journals: who is flagged, in which words, and who is on leave."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from leaderlog.journal import logbook, people, time_off
from leaderlog.reports import week_review

TODAY = dt.date(2026, 12, 7)  # a Monday: the last full week is 30 Nov - 6 Dec
WEEK = dt.date(2026, 11, 30)
SINCE = dt.date(2026, 10, 5)


def days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def log_steadily(
    db,
    leader,
    first=SINCE,
    last=dt.date(2026, 12, 6),
    reinforce=True,
    skip=(),
):
    """Every weekday: 60 minutes, a reinforcement; coaching Mon-Wed (the default targets met)."""
    member = people.add_member(db, leader.id, f"Member of {leader.name}")
    for day in days(first, last):
        if day.weekday() >= 5 or day in skip:
            continue
        logbook.add_day_log(db, leader.id, day, 60, today=TODAY)
        if day.weekday() < 3:
            logbook.add_coaching_note(db, leader.id, day, member.id, "seen", today=TODAY)
        if reinforce and (reinforce is True or day <= reinforce):
            logbook.add_reinforcement(db, leader.id, day, "praise", "well done", today=TODAY)
    return member


def row_of(review, leader):
    return next(row for row in review.rows if row.leader_id == leader.id)


def test_a_steady_leader_is_on_track(db):
    ana = people.add_leader(db, "Ana Ruiz", team="North")
    log_steadily(db, ana)
    row = row_of(week_review.week_review(db, today=TODAY), ana)
    assert not row.flagged
    assert row.why == "on track"
    assert (row.days_logged, row.workdays, row.days_off) == (5, 5, 0)
    assert (row.coaching, row.coaching_target, row.reinforcements, row.reinforcement_target) == (
        3,
        3,
        5,
        5,
    )


def test_a_leader_on_leave_all_week_is_not_flagged_and_the_row_says_on_leave(db):
    ben = people.add_leader(db, "Ben Okafor", team="North")
    member = log_steadily(db, ben, last=dt.date(2026, 11, 27))
    logbook.add_coaching_note(
        db, ben.id, dt.date(2026, 11, 2), member.id, "seen", follow_up_on=dt.date(2026, 11, 20),
        today=TODAY,
    )  # fmt: skip
    time_off.add(db, ben.id, dt.date(2026, 11, 30), dt.date(2026, 12, 4), "vacation")
    row = row_of(week_review.week_review(db, today=TODAY), ben)
    assert not row.flagged
    assert row.why == "on leave"
    assert (row.workdays, row.days_off, row.coaching_target, row.reinforcement_target) == (
        0,
        5,
        None,
        None,
    )


def test_leave_on_most_days_is_not_read_as_not_logging(db):
    chloe = people.add_leader(db, "Chloe Martin")
    log_steadily(db, chloe, skip=days(dt.date(2026, 11, 30), dt.date(2026, 12, 3)))
    time_off.add(db, chloe.id, dt.date(2026, 11, 30), dt.date(2026, 12, 3), "sick")
    row = row_of(week_review.week_review(db, today=TODAY), chloe)
    assert "not_logging" not in [reason.kind for reason in row.reasons]
    assert (row.days_logged, row.workdays, row.status) == (1, 1, "4 days off")


def test_nothing_logged_says_how_many_workdays_were_logged(db):
    dev = people.add_leader(db, "Dev Patel")
    log_steadily(db, dev, skip=days(dt.date(2026, 11, 30), dt.date(2026, 12, 3)))
    row = row_of(week_review.week_review(db, today=TODAY), dev)
    assert "logged 1 of 5 workdays" in row.why


def test_no_reinforcement_for_nine_workdays(db):
    elena = people.add_leader(db, "Elena Rossi")
    log_steadily(db, elena, reinforce=dt.date(2026, 11, 23))
    row = row_of(week_review.week_review(db, today=TODAY), elena)
    assert [r.text for r in row.reasons if r.kind == "no_reinforcement"] == [
        "no reinforcement for 9 workdays"
    ]


def test_days_off_neither_break_nor_extend_a_run_without_reinforcement(db):
    femi = people.add_leader(db, "Femi Adeyemi")
    leave = days(dt.date(2026, 11, 24), dt.date(2026, 11, 26))
    log_steadily(db, femi, reinforce=dt.date(2026, 11, 23), skip=leave)
    time_off.add(db, femi.id, leave[0], leave[-1], "training")
    row = row_of(week_review.week_review(db, today=TODAY), femi)
    assert "no_reinforcement" not in [reason.kind for reason in row.reasons]  # 6 workdays


def test_follow_ups_overdue_by_more_than_a_week_are_counted_in_words(db):
    gus = people.add_leader(db, "Gus Lind")
    member = log_steadily(db, gus)
    for due in (dt.date(2026, 11, 20),) * 3 + (dt.date(2026, 12, 1),):
        logbook.add_coaching_note(
            db, gus.id, dt.date(2026, 11, 16), member.id, "late", follow_up_on=due, today=TODAY
        )
    row = row_of(week_review.week_review(db, today=TODAY), gus)
    assert row.overdue == 4
    assert [r.text for r in row.reasons] == ["3 follow-ups overdue by more than a week"]


def test_leave_does_not_count_towards_a_follow_up_being_late(db):
    hana = people.add_leader(db, "Hana Sato")
    member = log_steadily(db, hana, skip=days(dt.date(2026, 11, 30), dt.date(2026, 12, 3)))
    logbook.add_coaching_note(
        db, hana.id, dt.date(2026, 11, 16), member.id, "x", follow_up_on=dt.date(2026, 11, 27),
        today=TODAY,
    )  # fmt: skip
    time_off.add(db, hana.id, dt.date(2026, 11, 30), dt.date(2026, 12, 3), "vacation")
    row = row_of(week_review.week_review(db, today=TODAY), hana)
    assert row.overdue == 1
    assert "overdue" not in [reason.kind for reason in row.reasons]


def test_a_falling_score_says_by_how_many_points_in_two_weeks(db):
    ivan = people.add_leader(db, "Ivan Petrov")
    log_steadily(db, ivan, last=dt.date(2026, 11, 22))
    row = row_of(week_review.week_review(db, today=TODAY), ivan)
    falling = [r.text for r in row.reasons if r.kind == "falling"]
    assert len(falling) == 1
    points = int(re.fullmatch(r"score fell (\d+) points in two weeks", falling[0]).group(1))
    assert points == round(-row.change) and points >= 10


def test_flagged_leaders_come_first_with_the_most_reasons_first(db):
    ana = people.add_leader(db, "Ana Ruiz", team="North")
    log_steadily(db, ana)
    ivan = people.add_leader(db, "Ivan Petrov", team="South")
    log_steadily(db, ivan, last=dt.date(2026, 11, 22))
    elena = people.add_leader(db, "Elena Rossi", team="South")
    log_steadily(db, elena, reinforce=dt.date(2026, 11, 23))
    review = week_review.week_review(db, today=TODAY)
    assert [row.name for row in review.rows] == ["Ivan Petrov", "Elena Rossi", "Ana Ruiz"]
    assert review.summary() == "2 of 3 leaders need attention"
    assert review.teams == ("North", "South")
    south = week_review.week_review(db, WEEK, team="South", today=TODAY)
    assert [row.name for row in south.rows] == ["Ivan Petrov", "Elena Rossi"]
    assert south.title() == "Week of 30 Nov – 6 Dec 2026 · South"


def test_the_default_week_is_the_last_full_one_and_the_future_is_refused(db):
    assert week_review.last_full_week(TODAY) == WEEK
    assert week_review.last_full_week(dt.date(2026, 12, 6)) == dt.date(2026, 11, 23)
    review = week_review.week_review(db, today=TODAY)
    assert (review.first_day, review.last_day, review.has_next) == (
        WEEK,
        dt.date(2026, 12, 6),
        True,
    )
    assert not week_review.week_review(db, TODAY, today=TODAY).has_next
    with pytest.raises(Exception, match="has not begun"):
        week_review.week_review(db, TODAY + dt.timedelta(days=7), today=TODAY)


def test_follow_ups_from_before_the_lookback_are_late_by_the_days_the_leader_was_there(db):
    """Off every day of a seven-day rota since the lookback began (1 Jun): a follow-up due on
    29 May is 191 days past due but only 4 of them were days the leader was there."""
    ivo = people.add_leader(db, "Ivo Petrov", workdays="mon-sun")
    member = people.add_member(db, ivo.id, "Sam Lee")
    for due in (dt.date(2026, 5, 29), dt.date(2026, 5, 1)):
        logbook.add_coaching_note(
            db, ivo.id, dt.date(2026, 4, 20), member.id, "late", follow_up_on=due, today=TODAY
        )
    time_off.add(db, ivo.id, dt.date(2026, 6, 1), dt.date(2026, 12, 4), "other")
    for day in (dt.date(2026, 12, 5), dt.date(2026, 12, 6)):
        logbook.add_day_log(db, ivo.id, day, 60, today=TODAY)
        logbook.add_coaching_note(db, ivo.id, day, member.id, "seen", today=TODAY)
        logbook.add_reinforcement(db, ivo.id, day, "praise", "well done", today=TODAY)
    row = row_of(week_review.week_review(db, today=TODAY), ivo)
    assert row.overdue == 2
    assert "1 follow-up overdue by more than a week" in [r.text for r in row.reasons]


def test_a_review_read_again_from_stored_states_is_the_same_review(db, db_path):
    import sqlite3

    for index, name in enumerate(("Ana Ruiz", "Ben Okafor", "Cleo Park")):
        leader = people.add_leader(db, name, team="North" if index else "South")
        log_steadily(db, leader, skip=days(dt.date(2026, 11, 2), dt.date(2026, 11, 3 + index)))
    cold = week_review.week_review(db, today=TODAY)
    with sqlite3.connect(db_path) as connection:
        stored = connection.execute("SELECT count(*) FROM metrics_checkpoint").fetchone()[0]
    assert stored > 0  # the first read kept its walk states
    assert week_review.week_review(db, today=TODAY) == cold
    assert week_review.week_review(db, team="North", today=TODAY).rows == tuple(
        row for row in cold.rows if row.team == "North"
    )


@pytest.mark.all_backends
@pytest.mark.parametrize("others", [0, 2])  # alone: the one-leader walk; with others: batches
def test_the_review_judges_a_week_by_the_whole_record_leave_long_before_included(db, others):
    from leaderlog.reports import reporting

    ana = people.add_leader(db, "Ana Ruiz", team="North")
    leave = days(dt.date(2026, 3, 2), dt.date(2026, 3, 13))  # before the 26-week lookback
    log_steadily(db, ana, first=dt.date(2026, 1, 5), skip=leave)
    time_off.add(db, ana.id, leave[0], leave[-1], "vacation")
    for index in range(others):
        log_steadily(db, people.add_leader(db, f"Other {index}", team="North"))
    for _round in range(2):
        row = row_of(week_review.week_review(db, today=TODAY), ana)
        week = reporting.weekly_figures(db, ana.id, WEEK, WEEK, today=TODAY)[0]
        assert row.score == week.consistency_score
        assert row.score > 95  # the fortnight off in March cost nothing
