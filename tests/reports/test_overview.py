"""A leader's review and a team's standings gather the metrics layer's figures without changing them."""

from __future__ import annotations

import datetime as dt

from helpers.chart_data import TODAY, fill_known_journal

from leaderlog.journal import logbook, people
from leaderlog.reports import overview, reporting


def test_leader_review_holds_exactly_what_the_metrics_layer_reports(db, leader):
    fill_known_journal(db, leader)
    first, last = overview.last_weeks(6, TODAY)
    assert first == dt.date(2026, 10, 12)  # six whole weeks, Monday first
    data = overview.leader_review(db, leader, first, last, today=TODAY)
    assert list(data.weeks) == reporting.weekly_figures(db, leader.id, first, last, today=TODAY)
    assert data.follow_ups == reporting.follow_up_accountability(
        db, leader.id, first, last, today=TODAY
    )
    assert [s.name for s in data.coverage if not s.covered] == ["Own the problem"]
    assert data.days[-1].day == TODAY and len(data.days) == overview.CALENDAR_DAYS
    assert all(note.follow_up_on for note in data.coaching_notes)
    assert not data.is_empty and not data.is_sparse


def test_team_standings_count_each_leaders_own_overdue_follow_ups(db, leader):
    fill_known_journal(db, leader)  # one overdue follow-up
    ben = people.add_leader(db, "Ben Okafor", team="North")
    other_team = people.add_leader(db, "Dev Patel", team="South")
    for who in (ben, other_team):
        member = people.add_member(db, who.id, f"Member of {who.name}")
        for day in (dt.date(2026, 11, 2), dt.date(2026, 11, 3)):
            logbook.add_coaching_note(
                db, who.id, day, member.id, "seen", follow_up_on=day + dt.timedelta(days=3),
                today=TODAY,
            )  # fmt: skip
    standings = {
        s.name: s
        for s in overview.team_standings(db, "North", *overview.last_weeks(6, TODAY), today=TODAY)
    }
    assert set(standings) == {"Ana Ruiz", "Ben Okafor"}  # Dev is in another team
    assert [r.text for r in standings["Ana Ruiz"].reasons if r.kind == "overdue"] == [
        "1 overdue coaching follow-up"
    ]
    assert [r.text for r in standings["Ben Okafor"].reasons if r.kind == "overdue"] == [
        "2 overdue coaching follow-ups"
    ]
    ana_weeks = reporting.weekly_figures(db, leader.id, *overview.last_weeks(6, TODAY), today=TODAY)
    assert standings["Ana Ruiz"].weekly_scores == tuple(w.consistency_score for w in ana_weeks)
    assert standings["Ana Ruiz"].score == ana_weeks[-1].consistency_score
