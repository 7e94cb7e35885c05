"""The benchmark journal's calendars, built on a tiny scale and read back through the app's own domain:
leave about 5 % of workdays in runs that never overlap, one country's holidays, one settings change
per leader per year, and nobody logging on a workday off."""

from __future__ import annotations

import datetime as dt
import itertools
import sys
from pathlib import Path

from sqlalchemy import select

BENCH = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import make_db  # noqa: E402

from leaderlog.data import models  # noqa: E402
from leaderlog.data.store import open_database  # noqa: E402
from leaderlog.journal import holidays, people, settings_history, time_off  # noqa: E402

END = dt.date(2026, 11, 27)
TINY = make_db.Scale("tiny", leaders=12, teams=2, years=3)


def test_the_bench_journal_has_leave_holidays_and_a_settings_change_a_year(
    tmp_path: Path,
) -> None:
    path = tmp_path / "tiny.sqlite3"
    counts = make_db.build(TINY, 7, END, path)
    assert 0.03 < counts["leave_workdays"] / counts["workdays"] < 0.07
    db = open_database(path)
    try:
        leaders = people.list_leaders(db)
        assert len(leaders) == 12
        ranges = time_off.list_time_off(db)
        assert counts["time_off"] == len(ranges)
        assert {r.kind for r in ranges} >= {"vacation", "sick"}
        assert any(r.calendar_days >= 7 for r in ranges) and any(
            r.calendar_days <= 3 for r in ranges
        )
        for leader in leaders:
            own = [r for r in ranges if r.leader_id == leader.id]
            for before, after in itertools.pairwise(own):
                assert before.last_day < after.first_day  # as time_off.add would insist
            history = settings_history.history(db, leader.id)
            assert len(history) == TINY.years + 1  # the start, then one change a year
            today = settings_history.settings_in_force(db, END, [leader.id])[leader.id]
            assert (today.target_minutes, today.target_coaching) == (
                leader.target_minutes,
                leader.target_coaching,
            )
        names = {h.name for h in holidays.list_holidays(db, "Team 01", 2025)}
        assert {"Thanksgiving Day", "Independence Day", "Christmas Eve"} <= names

        # the calendar the reports build: leave and holidays are days off, never logged on
        first_leader = leaders[0]
        calendar = settings_history.calendar_for(
            db, first_leader.id, END - dt.timedelta(days=700), END
        )
        off = {
            day.day
            for day in calendar.days(END - dt.timedelta(days=700), END)
            if day.kind in ("leave", "holiday")
        }
        assert off
        with db.read() as session:
            logged = set(
                session.scalars(
                    select(models.DayLog.day).where(models.DayLog.leader_id == first_leader.id)
                )
            )
        assert logged and not logged & off
    finally:
        db.dispose()
