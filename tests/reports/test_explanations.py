"""Why a week's score is what it is: the days named in words, and the days back to the on-track line."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.chart_data import FIRST_MONDAY, TODAY, fill_known_journal

from leaderlog.journal import holidays, settings_history, time_off
from leaderlog.reports import chart_models, explanations, overview


def test_days_back_on_track_match_hand_computed_values_for_a_five_day_week():
    # α = 1 − 0.5^(1/(2.5·5)) = 1 − 0.5^0.08 = 0.053943; each day at target leaves
    # (1 − α)^n of the distance to 100. From 50: 0.5·0.946057^n ≤ 0.3 ⇔ n ≥ 9.21 -> 10.
    assert explanations.days_to_on_track(50, 50, 50, 5) == 10
    # from 0: 0.946057^n ≤ 0.3 ⇔ n ≥ 21.71 -> 22
    assert explanations.days_to_on_track(0, 0, 0, 5) == 22
    # the line is the mean of the three practices: 60, 70, 80 is on it already
    assert explanations.days_to_on_track(60, 70, 80, 5) == 0
    assert chart_models.ON_TRACK_SCORE == 70.0


def test_days_back_on_track_use_the_capped_step_of_a_two_day_week():
    # 1 − 0.5^(1/5) = 0.1294 is over MAX_DAILY_STEP, so α = 0.095:
    # 0.5·0.905^n ≤ 0.3 ⇔ n ≥ ln 0.6 / ln 0.905 = 5.12 -> 6
    assert explanations.days_to_on_track(50, 50, 50, 2) == 6
    n = explanations.days_to_on_track(50, 50, 50, 2)
    assert 100 - 50 * 0.905**n >= 70 > 100 - 50 * 0.905 ** (n - 1)


def test_a_pattern_without_workdays_cannot_get_back_on_track():
    assert explanations.days_to_on_track(10, 10, 10, 0) is None


@pytest.fixture
def explained(db, leader):
    """The known journal with a Friday of sick leave and a company holiday on a Thursday."""
    fill_known_journal(db, leader)
    settings_history.set_start_date(db, leader.id, FIRST_MONDAY)
    time_off.add(db, leader.id, dt.date(2026, 10, 30), None, "sick")  # week 3's Friday
    holidays.add_company_day(db, dt.date(2026, 10, 29), "Founders' Day")  # its Thursday
    data = overview.leader_review(db, leader, *overview.last_weeks(6, TODAY), today=TODAY)
    return data, data.explanations()


def test_the_week_with_the_missed_wednesday_names_it(explained):
    _data, texts = explained
    week = next(t for t in texts if t.week_start == dt.date(2026, 10, 19))
    assert "Missed, nothing logged (lowers the score): Wed 21 Oct." in week.reasons
    assert week.headline.startswith("Week of 19 Oct 2026: consistency score ")


def test_days_off_are_named_with_their_kind_and_not_counted(explained):
    _data, texts = explained
    week = next(t for t in texts if t.week_start == dt.date(2026, 10, 26))
    off = next(reason for reason in week.reasons if reason.startswith("Days off"))
    assert "Thu 29 Oct (Public holiday: Founders' Day)" in off
    assert "Fri 30 Oct (On leave (Sick leave))" in off
    assert "not counted" in off


def test_the_way_back_is_the_simulated_number_of_days(explained):
    data, texts = explained
    for week, text in zip(data.weeks, texts, strict=True):
        needed = explanations.days_to_on_track(
            week.customer_score, week.coaching_score, week.reinforcement_score, 5
        )
        assert text.days_needed == needed
        if needed:
            assert f"{needed} workday" in text.recovery and "(70)" in text.recovery
        else:
            assert text.recovery.startswith("On track")


def test_weeks_before_the_start_are_not_explained_or_shown(db, leader):
    fill_known_journal(db, leader)
    settings_history.set_start_date(db, leader.id, dt.date(2026, 11, 4))  # a Wednesday
    data = overview.leader_review(db, leader, *overview.last_weeks(8, TODAY), today=TODAY)
    assert [w.week_start for w in data.weeks] == [dt.date(2026, 11, 2), dt.date(2026, 11, 9),
                                                   dt.date(2026, 11, 16)]  # fmt: skip
    assert data.since == dt.date(2026, 11, 4)
    first = data.explanations()[0]
    assert any(r.startswith("Before the start of the record (4 Nov 2026)") for r in first.reasons)
    assert not any("Mon 2 Nov" in r or "Tue 3 Nov" in r for r in first.reasons[:-1])
