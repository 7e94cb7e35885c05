"""The fair score (issue 14) through the journal: dated settings changes never rewrite past weeks,
a new leader is judged from their start, and days off recompute stored walk states from their week.

Real SQLite files, the journal's own functions (people.edit_leader with a date, time_off,
holidays), and what a manager sees: the weekly CSV, the team comparison, the chart's and
the review pack's weeks. The pure-walk properties are in test_fair_score.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from reports.test_metrics_checkpoints import TODAY, days_from_scratch, from_scratch, stored_days
from sqlalchemy import insert

from leaderlog.core.records import WorkPattern
from leaderlog.data import models
from leaderlog.data.engine import Database
from leaderlog.journal import holidays, logbook, people, settings_history, time_off
from leaderlog.reports import chart_models, overview, reporting, review_pack
from leaderlog.transfer import csv_export

FIRST = dt.date(2026, 6, 1)  # a Monday: Ana's start
MONDAY_D = dt.date(2026, 9, 14)
WEDNESDAY_D = dt.date(2026, 9, 16)


@pytest.fixture
def ana(db: Database) -> int:
    """Ana (North, Mon-Fri, 60 min / 3 / 5) since 1 Jun 2026: a steady, imperfect record up to yesterday.

    TODAY is test_metrics_checkpoints' (Wednesday 18 Nov 2026), so its plain walks apply.
    """
    leader = people.add_leader(db, "Ana Ruiz", team="North")
    people.set_start_date(db, leader.id, FIRST)
    # one history row from the start, as every leader of a migrated journal has
    settings_history.change_settings(db, leader.id, effective_from=FIRST, today=TODAY)
    member = people.add_member(db, leader.id, "Sam Lee")
    rows: dict[type[models.Base], list[dict[str, object]]] = {
        models.DayLog: [],
        models.CoachingNote: [],
        models.ReinforcementAction: [],
    }
    day = FIRST
    count = 0
    while day < TODAY:
        if day.weekday() < 5:
            count += 1
            base = {"leader_id": leader.id, "day": day}
            if count % 9:  # a day without a log now and then
                minutes = 30 if count % 7 == 0 else 60
                rows[models.DayLog].append({**base, "uuid": uuid.uuid4(), "minutes": minutes})
            if day.weekday() in (0, 2, 3):
                rows[models.CoachingNote].append(
                    {**base, "uuid": uuid.uuid4(), "member_id": member.id, "observation": "Seen"}
                )
            for _ in range(1 + (day.weekday() == 1)):
                rows[models.ReinforcementAction].append(
                    {**base, "uuid": uuid.uuid4(), "kind": "praise"}
                )
        day += dt.timedelta(days=1)
    now = models.utc_now()
    with db.write() as session:
        for model, values in rows.items():
            session.execute(
                insert(model.__table__),
                [{"created_at": now, "updated_at": now, "version": 1, **v} for v in values],
            )
    return leader.id


def weekly_csv(db: Database, path: Path) -> dict[str, str]:
    """Each weekly row's line of the export, by its week_start (after checking the header)."""
    csv_export.export_weekly(db, path, start=FIRST, end=TODAY, today=TODAY)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert tuple(lines[0].split(",")) == csv_export.WEEKLY_COLUMNS
    return {row["week_start"]: line for row, line in zip(_rows(lines), lines[1:], strict=True)}


def _rows(lines: list[str]) -> list[dict[str, str]]:
    return list(csv.DictReader(lines))


def by_week(lines: dict[str, str]) -> dict[str, dict[str, str]]:
    header = ",".join(csv_export.WEEKLY_COLUMNS)
    return {week: _rows([header, line])[0] for week, line in lines.items()}


def _edit(db: Database, leader_id: int, day: dt.date, **changes: object) -> None:
    leader = people.get_leader(db, leader_id)
    people.edit_leader(db, replace(leader, **changes), day, today=TODAY)


CHANGES = {
    "coaching target": {"target_coaching": 5},
    "minutes target": {"target_minutes": 90},
    "work pattern": {"work_pattern": WorkPattern.from_mask("1111000")},
    "team": {"team": "South"},
}


@pytest.mark.parametrize("effective", [MONDAY_D, WEDNESDAY_D], ids=["monday", "wednesday"])
@pytest.mark.parametrize("change", list(CHANGES))
def test_a_dated_change_leaves_every_weekly_row_before_it_byte_identical(
    db: Database, ana: int, tmp_path: Path, change: str, effective: dt.date
) -> None:
    before = weekly_csv(db, tmp_path / "before.csv")
    _edit(db, ana, effective, **CHANGES[change])
    after = weekly_csv(db, tmp_path / "after.csv")
    assert list(after) == list(before)  # the same weeks, from Ana's start to this week
    assert min(after) == FIRST.isoformat()
    earlier = [week for week in before if dt.date.fromisoformat(week) + dt.timedelta(6) < effective]
    assert len(earlier) == 15
    for week in earlier:
        assert after[week] == before[week], week
    # from the change on, the new values
    new_weeks = {week: row for week, row in by_week(after).items() if week >= effective.isoformat()}
    assert len(new_weeks) == (10 if effective == MONDAY_D else 9)
    for row in new_weeks.values():
        days = int(row["workdays_scheduled"])
        if change == "coaching target":
            assert row["coaching_target"] == "5"
        elif change == "minutes target":
            assert row["customer_target_minutes"] == str(90 * days)
        elif change == "work pattern":
            # this week: Monday and Tuesday, today (Wednesday) not logged yet
            assert days == (2 if row["week_end"] == TODAY.isoformat() else 4)
        else:
            assert row["team"] == "South"
    if change == "team":
        assert {row["team"] for row in by_week(after).values() if row["week_start"] in earlier} == {
            "North"
        }
    # the week the change falls in takes the values in force on its last day
    week_of_change = by_week(after)[(effective - dt.timedelta(effective.weekday())).isoformat()]
    assert week_of_change != by_week(before)[week_of_change["week_start"]]


def test_team_comparisons_before_a_team_change_still_list_the_leader_in_the_old_team(
    db: Database, ana: int
) -> None:
    ben = people.add_leader(db, "Ben Okafor", team="South")
    people.set_start_date(db, ben.id, FIRST)
    logbook.add_day_log(db, ben.id, dt.date(2026, 9, 1), 60, today=TODAY)
    _edit(db, ana, MONDAY_D, team="South")
    summer = (dt.date(2026, 7, 6), dt.date(2026, 8, 30))
    north = reporting.weekly_figures_by_leader(db, *summer, team="North", today=TODAY)
    south = reporting.weekly_figures_by_leader(db, *summer, team="South", today=TODAY)
    assert list(north) == [ana] and len(north[ana]) == 8
    assert list(south) == [ben.id]
    autumn = (dt.date(2026, 9, 21), dt.date(2026, 10, 18))
    assert list(reporting.weekly_figures_by_leader(db, *autumn, team="North", today=TODAY)) == []
    south = reporting.weekly_figures_by_leader(db, *autumn, team="South", today=TODAY)
    assert sorted(south) == sorted([ana, ben.id]) and len(south[ana]) == 4
    # a period across the change: the North weeks before it, the South weeks from it
    across = (dt.date(2026, 8, 31), dt.date(2026, 9, 27))
    north = reporting.weekly_figures_by_leader(db, *across, team="North", today=TODAY)[ana]
    south = reporting.weekly_figures_by_leader(db, *across, team="South", today=TODAY)[ana]
    assert [w.week_start for w in north] == [dt.date(2026, 8, 31), dt.date(2026, 9, 7)]
    assert [w.week_start for w in south] == [MONDAY_D, dt.date(2026, 9, 21)]
    assert {w.team for w in north} == {"North"} and {w.team for w in south} == {"South"}
    # the history says when
    assert [c.period.team for c in settings_history.history(db, ana)][-2:] == ["North", "South"]


def test_a_leader_added_today_with_entries_from_3_august_has_nothing_before_that_week(
    db: Database, tmp_path: Path
) -> None:
    """No explicit start: the earlier of the day added (the real clock) and the first entry."""
    leader = people.add_leader(db, "Cleo Diaz", team="North")
    start = dt.date(2026, 8, 3)
    for offset in range((TODAY - start).days):
        day = start + dt.timedelta(days=offset)
        if day.weekday() < 5:
            logbook.add_day_log(db, leader.id, day, 60, today=TODAY)
    assert people.start_date(db, leader.id) == start
    path = tmp_path / "weekly.csv"
    csv_export.export_weekly(db, path, start=FIRST, end=TODAY, today=TODAY)
    weeks = _rows(path.read_text(encoding="utf-8").splitlines())
    assert weeks[0]["week_start"] == start.isoformat()
    assert all(row["leader"] == "Cleo Diaz" for row in weeks)
    review = overview.leader_review(db, leader, FIRST, TODAY, today=TODAY)
    assert review.weeks[0].week_start == start
    chart = chart_models.WeeklySeries.from_weeks(review.weeks)
    assert chart.week_start[0] == start and len(chart) == len(weeks)
    # the review pack's table and its period line
    assert [review_pack.week_row(w)[0] for w in review.weeks] == [
        review_pack.week_row(w)[0] for w in review.weeks if w.week_start >= start
    ]
    assert "since 3 Aug 2026" in review_pack.period_text(review)
    assert sum(w.workdays_scheduled for w in review.weeks) == sum(
        int(row["workdays_scheduled"]) for row in weeks
    )
    # judged only from the start: every workday logged at target is a perfect record
    assert all(w.days_logged == w.workdays_scheduled for w in review.weeks)
    days = reporting.daily_scores(db, leader.id, FIRST, start, today=TODAY)
    assert not any(d.workday for d in days[:-1]) and days[-1].workday


# ---------------------------------------------------------------- stored walk states


def _states(db_path: Path, leader_id: int) -> list[tuple[object, ...]]:
    with sqlite3.connect(db_path) as connection:
        return connection.execute(
            "SELECT * FROM metrics_checkpoint WHERE leader_id = ? ORDER BY day", (leader_id,)
        ).fetchall()


W = dt.date(2026, 9, 14)  # the Monday of the week the calendar changes in


def _leave(db: Database, leader_id: int) -> None:
    time_off.add(db, leader_id, W + dt.timedelta(days=2), W + dt.timedelta(days=4))


def _holiday(db: Database, _leader_id: int) -> None:
    holidays.add_company_day(db, W + dt.timedelta(days=3), "Founders' Day")


def _settings(db: Database, leader_id: int) -> None:
    _edit(db, leader_id, W + dt.timedelta(days=2), target_minutes=90)


def _history_row(db: Database, leader_id: int) -> None:
    """The settings history alone (the leader row, which shows today's settings, untouched)."""
    settings_history.change_settings(
        db, leader_id, effective_from=W + dt.timedelta(days=2), target_coaching=4, today=TODAY
    )


CALENDAR_CHANGES = {
    "leave": _leave,
    "holiday": _holiday,
    "settings history row": _history_row,
    "settings change": _settings,
}


@pytest.mark.parametrize(
    "change",
    [
        "leave",
        "holiday",
        "settings history row",
        "settings change",
    ],
)
def test_a_calendar_change_in_week_w_recomputes_from_w_and_leaves_earlier_states_alone(
    db: Database, db_path: Path, ana: int, change: str
) -> None:
    period = (FIRST, TODAY)
    before = reporting.weekly_figures(db, ana, *period, today=TODAY)
    assert before == from_scratch(db, ana, *period)
    stored = _states(db_path, ana)
    earlier = [row for row in stored if dt.date.fromisoformat(str(row[1])) < W]
    assert len(earlier) == 15 and len(stored) > len(earlier)
    CALENDAR_CHANGES[change](db, ana)
    # the change forgot the states from its week on, and only those
    assert _states(db_path, ana) == earlier
    after = reporting.weekly_figures(db, ana, *period, today=TODAY)
    assert after == from_scratch(db, ana, *period)
    assert reporting.daily_scores(db, ana, W, TODAY, today=TODAY) == days_from_scratch(
        db, ana, W, TODAY
    )
    split = [w.week_start < W for w in after].index(False)
    assert after[:split] == before[:split]
    assert after[split] != before[split]
    # the report stored its states again, the earlier ones untouched
    assert _states(db_path, ana)[: len(earlier)] == earlier
    assert stored_days(db_path, ana) == [dt.date.fromisoformat(str(row[1])) for row in stored]


def test_the_first_change_of_a_leader_without_history_leaves_earlier_states_alone(
    db: Database, db_path: Path, ana: int
) -> None:
    with sqlite3.connect(db_path) as connection:
        connection.execute("DELETE FROM leader_settings WHERE leader_id = ?", (ana,))
    reporting.weekly_figures(db, ana, FIRST, TODAY, today=TODAY)
    earlier = [row for row in _states(db_path, ana) if dt.date.fromisoformat(str(row[1])) < W]
    _settings(db, ana)
    assert _states(db_path, ana) == earlier
