"""SQLite's fast reports equal the plain walk from the first entry: one leader resumed from stored states, whatever changed; all leaders read as arrays."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert

from leaderlog.core.records import WorkPattern
from leaderlog.core.schedule import LeaderCalendar
from leaderlog.data import daily_columns, models, queries
from leaderlog.data.engine import Database, database_url, make_engine
from leaderlog.data.migrate import upgrade_database
from leaderlog.data.store import open_database
from leaderlog.journal import logbook, people, settings_history
from leaderlog.reports import batch_walk, formulas, reporting, walk
from leaderlog.reports.formulas import WeekFigures
from leaderlog.transfer import csv_import, privacy

TODAY = dt.date(2026, 11, 18)  # a Wednesday
FIRST = dt.date(2026, 1, 5)
EARLY = dt.date(2026, 2, 11)
"""a day early in the history: every period below starts weeks after it"""


def _periods() -> list[tuple[dt.date, dt.date]]:
    # the periods that can resume from a stored state come first: the last one walks from
    # before the first entry and stores every state afresh
    return [
        (TODAY - dt.timedelta(weeks=4), TODAY),
        (TODAY - dt.timedelta(weeks=12), TODAY),
        (dt.date(2026, 6, 3), dt.date(2026, 8, 20)),
        (TODAY - dt.timedelta(weeks=52), TODAY),
    ]


def from_scratch(
    db: Database, leader_id: int, start: dt.date, end: dt.date, today: dt.date = TODAY
) -> list[WeekFigures]:
    """The plain walk from the leader's first entry, with nothing stored (what PostgreSQL does)."""
    calendar = _calendar(db, leader_id)
    with db.read() as session:
        activity = queries.daily_activity(session, leader_id, None, TODAY)
        follow_ups = [
            (day, due, closed)
            for _leader, day, due, closed in queries.follow_up_counts(session, [leader_id])
        ]
    return walk.weekly_figures(
        leader_id,
        activity,
        calendar,
        start,
        end,
        follow_ups=follow_ups,
        week_start=reporting.get_week_start(db),
        today=today,
    )


def days_from_scratch(
    db: Database, leader_id: int, start: dt.date, end: dt.date, today: dt.date = TODAY
) -> list[formulas.DayScore]:
    calendar = _calendar(db, leader_id)
    with db.read() as session:
        activity = queries.daily_activity(session, leader_id, None, end)
    return walk.daily_scores(activity, calendar, start, end, today)


def _calendar(db: Database, leader_id: int) -> LeaderCalendar:
    """The leader's calendar (start, days off, settings history) over every day a walk reaches."""
    with db.read() as session:
        first = queries.first_entry_day(session, [leader_id]) or FIRST
    return settings_history.calendar_for(
        db,
        leader_id,
        min(first, FIRST) - dt.timedelta(weeks=60),
        TODAY,
        reporting.get_week_start(db),
    )


def stored_days(db_path: Path, leader_id: int) -> list[dt.date]:
    with sqlite3.connect(db_path) as connection:
        rows = connection.execute(
            "SELECT day FROM metrics_checkpoint WHERE leader_id = ? ORDER BY day", (leader_id,)
        ).fetchall()
    return [dt.date.fromisoformat(day) for (day,) in rows]


def assert_reports_match(db: Database, leader_id: int) -> list[list[WeekFigures]]:
    """Every period, twice (the second read resumes from what the first stored), equals the plain walk."""
    reports = []
    for start, end in _periods():
        expected = from_scratch(db, leader_id, start, end)
        assert reporting.weekly_figures(db, leader_id, start, end, today=TODAY) == expected
        assert reporting.weekly_figures(db, leader_id, start, end, today=TODAY) == expected
        # the day series (the Dashboard's calendar) resumes from the same states
        days = days_from_scratch(db, leader_id, start, end)
        assert reporting.daily_scores(db, leader_id, start, end, today=TODAY) == days
        reports.append(expected)
    return reports


@pytest.fixture
def history(db: Database) -> tuple[int, int]:
    """Ana's and Ben's irregular journals since FIRST (bulk inserts, like a big import); returns their ids."""
    ana = people.add_leader(db, "Ana Ruiz", team="North")
    ben = people.add_leader(db, "Ben Okafor", team="North")
    randomness = random.Random(7)
    rows: dict[type[models.Base], list[dict[str, object]]] = {
        models.DayLog: [],
        models.CoachingNote: [],
        models.ReinforcementAction: [],
    }
    for leader in (ana, ben):
        member = people.add_member(db, leader.id, "Sam Lee")
        day = FIRST
        while day < TODAY:
            base = {"leader_id": leader.id, "day": day, "uuid": uuid.uuid4()}
            if randomness.random() < 0.7:
                rows[models.DayLog].append({**base, "minutes": randomness.choice([0, 30, 60, 95])})
            if randomness.random() < 0.4:
                due = day + dt.timedelta(days=randomness.randint(0, 9))
                done = randomness.choice([None, due, due + dt.timedelta(days=2)])
                rows[models.CoachingNote].append(
                    {
                        **base,
                        "uuid": uuid.uuid4(),
                        "member_id": member.id,
                        "observation": "Greeted late",
                        "follow_up_on": due,
                        "follow_up_done_on": done,
                    }
                )
            for _ in range(randomness.choice([0, 0, 1, 2])):
                rows[models.ReinforcementAction].append(
                    {
                        **base,
                        "uuid": uuid.uuid4(),
                        "kind": randomness.choice(["praise", "corrective_feedback"]),
                    }
                )
            day += dt.timedelta(days=1)
    now = models.utc_now()
    with db.write() as session:
        for model, values in rows.items():
            session.execute(
                insert(model.__table__),
                [{"created_at": now, "updated_at": now, "version": 1, **v} for v in values],
            )
    return ana.id, ben.id


def test_reports_resume_from_stored_states_and_equal_the_plain_walk(
    db: Database, db_path: Path, history: tuple[int, int]
) -> None:
    ana, ben = history
    assert stored_days(db_path, ana) == []
    assert_reports_match(db, ana)
    days = stored_days(db_path, ana)
    # a state at the end of every week from the first entry to the last week before today
    assert days[0] < EARLY and days[-1] == dt.date(2026, 11, 15)
    assert all((later - earlier).days == 7 for earlier, later in itertools.pairwise(days))
    assert stored_days(db_path, ben) == []


def test_a_stored_state_is_what_the_report_starts_from(
    db: Database, db_path: Path, history: tuple[int, int]
) -> None:
    """The proof that the cache is read (and why a stale state must never survive an edit)."""
    ana, _ben = history
    start = TODAY - dt.timedelta(weeks=4)
    honest = reporting.weekly_figures(db, ana, start, TODAY, today=TODAY)
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "UPDATE metrics_checkpoint SET customer = 0.999 WHERE leader_id = ?", (ana,)
        )
    tampered = reporting.weekly_figures(db, ana, start, TODAY, today=TODAY)
    assert tampered[0].customer_score > honest[0].customer_score


def _back_dated_day_log(db: Database, leader_id: int, _tmp_path: Path) -> None:
    day = next(
        EARLY + dt.timedelta(days=i)
        for i in range(30)
        if logbook.get_day_log(db, leader_id, EARLY + dt.timedelta(days=i)) is None
    )
    logbook.add_day_log(db, leader_id, day, 240, today=TODAY)


def _edited_minutes(db: Database, leader_id: int, _tmp_path: Path) -> None:
    day = next(
        EARLY + dt.timedelta(days=i)
        for i in range(30)
        if logbook.get_day_log(db, leader_id, EARLY + dt.timedelta(days=i)) is not None
    )
    log = logbook.get_day_log(db, leader_id, day)
    assert log is not None
    logbook.update_day_log(db, replace(log, minutes=0 if log.minutes else 120), today=TODAY)


def _entries_around_early(db: Database, leader_id: int, entry_type: str) -> list:  # type: ignore[type-arg]
    return [
        e
        for e in logbook.list_entries(
            db, leader_ids=[leader_id], start=EARLY, end=EARLY + dt.timedelta(days=20)
        )
        if e.entry_type == entry_type
    ]


def _coaching_note_moved_back(db: Database, leader_id: int, _tmp_path: Path) -> None:
    note = _entries_around_early(db, leader_id, "coaching")[0]
    moved = FIRST - dt.timedelta(days=10)  # before the first entry: the walk starts earlier
    logbook.update_coaching_note(
        db, replace(note, day=moved, follow_up_on=None, follow_up_done_on=None), today=TODAY
    )


def _reinforcement_deleted(db: Database, leader_id: int, _tmp_path: Path) -> None:
    for entry in _entries_around_early(db, leader_id, "reinforcement")[:3]:
        logbook.delete_entry(db, "reinforcement", entry.id)


def _daily_target_changed(db: Database, leader_id: int, _tmp_path: Path) -> None:
    leader = people.get_leader(db, leader_id)
    people.edit_leader(db, replace(leader, target_minutes=45), EARLY, today=TODAY)


def _weekly_targets_changed(db: Database, leader_id: int, _tmp_path: Path) -> None:
    leader = people.get_leader(db, leader_id)
    people.edit_leader(
        db, replace(leader, target_coaching=1, target_reinforcement=8), EARLY, today=TODAY
    )


def _work_pattern_changed(db: Database, leader_id: int, _tmp_path: Path) -> None:
    leader = people.get_leader(db, leader_id)
    people.edit_leader(
        db, replace(leader, work_pattern=WorkPattern.from_mask("0111110")), EARLY, today=TODAY
    )


def _week_start_changed(db: Database, leader_id: int, _tmp_path: Path) -> None:
    reporting.set_week_start(db, "sunday")


def _imported(db: Database, leader_id: int, tmp_path: Path) -> None:
    leader = people.get_leader(db, leader_id)
    day = next(
        EARLY + dt.timedelta(days=i)
        for i in range(30)
        if logbook.get_day_log(db, leader_id, EARLY + dt.timedelta(days=i)) is None
    )
    sheet = tmp_path / "import.csv"
    sheet.write_text(
        "type,uuid,date,leader,member,standard,minutes,kind,note,observation,action,"
        "description,follow_up_on,follow_up_done_on\n"
        f"day,{uuid.uuid4()},{day.isoformat()},{leader.name},,,300,,,,,,,\n"
        f"reinforcement,{uuid.uuid4()},{day.isoformat()},{leader.name},,,,praise,,,,Well done,,\n",
        encoding="utf-8",
    )
    result = csv_import.import_csv(db, sheet, today=TODAY)
    assert sum(result.added.values()) == 2


def _member_erased(db: Database, leader_id: int, _tmp_path: Path) -> None:
    [member] = people.list_members(db, leader_id)
    privacy.erase_member(db, member.id)


def _bulk_inserted(db: Database, leader_id: int, _tmp_path: Path) -> None:
    """Rows written with plain SQL, as the benchmark's builder or another program would."""
    with sqlite3.connect(db.path) as connection:  # type: ignore[arg-type]
        connection.execute(
            "INSERT INTO coaching_note (uuid, created_at, updated_at, version, leader_id, day,"
            " member_id, observation, action) SELECT ?, '2026-02-11 09:00:00',"
            " '2026-02-11 09:00:00', 1, ?, ?, id, 'Kept the queue moving', '' FROM team_member"
            " WHERE leader_id = ?",
            (uuid.uuid4().hex, leader_id, EARLY.isoformat(), leader_id),
        )


CHANGES: dict[str, Callable[[Database, int, Path], None]] = {
    "back-dated day log": _back_dated_day_log,
    "edited minutes": _edited_minutes,
    "coaching note moved before the first entry": _coaching_note_moved_back,
    "reinforcements deleted": _reinforcement_deleted,
    "daily target changed": _daily_target_changed,
    "weekly targets changed": _weekly_targets_changed,
    "work pattern changed": _work_pattern_changed,
    "week start changed": _week_start_changed,
    "csv import": _imported,
    "team member erased": _member_erased,
    "plain SQL insert": _bulk_inserted,
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_after_a_change_the_report_equals_the_plain_walk_never_a_stale_state(
    change: str, db: Database, db_path: Path, tmp_path: Path, history: tuple[int, int]
) -> None:
    ana, ben = history
    before = assert_reports_match(db, ana)
    assert_reports_match(db, ben)
    ben_states = stored_days(db_path, ben)
    CHANGES[change](db, ana, tmp_path)
    after = assert_reports_match(db, ana)
    # the change moved Ana's numbers, so a stale state would have been caught above
    assert after != before
    # and only Ana's stored states were affected
    if change != "week start changed":
        assert stored_days(db_path, ben) == ben_states


def test_an_edit_forgets_the_states_from_its_day_on(
    db: Database, db_path: Path, history: tuple[int, int]
) -> None:
    ana, _ben = history
    assert_reports_match(db, ana)
    logbook.add_reinforcement(db, ana, EARLY, "praise", today=TODAY)
    assert stored_days(db_path, ana)
    assert max(stored_days(db_path, ana)) < EARLY


@pytest.mark.parametrize("weeks", [4, 52, 60])  # 60: the history starts inside the period
def test_a_repeated_report_writes_nothing(
    db: Database, db_path: Path, history: tuple[int, int], weeks: int
) -> None:
    ana, _ben = history
    start = TODAY - dt.timedelta(weeks=weeks)
    watcher = sqlite3.connect(db_path)
    try:

        def commits_seen() -> int:
            return watcher.execute("PRAGMA data_version").fetchone()[0]

        before = commits_seen()
        reporting.weekly_figures(db, ana, start, TODAY, today=TODAY)
        stored = commits_seen()
        assert stored != before  # the first report stored its states
        for _ in range(3):
            reporting.weekly_figures(db, ana, start, TODAY, today=TODAY)
            reporting.daily_scores(db, ana, start, TODAY, today=TODAY)
        assert commits_seen() == stored
    finally:
        watcher.close()


def test_a_report_as_of_an_earlier_day_ignores_states_stored_after_it(
    db: Database, db_path: Path, history: tuple[int, int]
) -> None:
    """A report for a past 'today' (a review of an earlier date) walks without later states."""
    ana, _ben = history
    assert_reports_match(db, ana)
    earlier = TODAY - dt.timedelta(days=60)
    assert max(stored_days(db_path, ana)) > earlier
    for start, end in [
        (earlier - dt.timedelta(weeks=8), earlier),
        (earlier, TODAY),
        (earlier + dt.timedelta(days=20), TODAY),  # starts after that day: nothing
    ]:
        expected = from_scratch(db, ana, start, end, earlier)
        assert reporting.weekly_figures(db, ana, start, end, today=earlier) == expected
        days = days_from_scratch(db, ana, start, end, earlier)
        assert reporting.daily_scores(db, ana, start, end, today=earlier) == days


def test_a_report_while_another_program_holds_the_write_lock_still_answers(
    db: Database, db_path: Path, history: tuple[int, int]
) -> None:
    ana, _ben = history
    start = TODAY - dt.timedelta(weeks=52)
    expected = from_scratch(db, ana, start, TODAY)
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        assert reporting.weekly_figures(db, ana, start, TODAY, today=TODAY) == expected
        other.execute("ROLLBACK")
    finally:
        other.close()
    assert stored_days(db_path, ana) == []
    assert reporting.weekly_figures(db, ana, start, TODAY, today=TODAY) == expected
    assert stored_days(db_path, ana) != []


def test_states_computed_before_a_concurrent_edit_are_not_stored(
    db: Database, db_path: Path, history: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program saves a back-dated entry while a report walks: its states would be stale."""
    ana, _ben = history
    real_walk = walk.weekly_figures_and_states

    def walk_then_someone_saves(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        result = real_walk(*args, **kwargs)  # type: ignore[arg-type]
        other = open_database(db_path)
        try:
            logbook.add_reinforcement(other, ana, EARLY, "praise", today=TODAY)
        finally:
            other.dispose()
        return result

    monkeypatch.setattr(walk, "weekly_figures_and_states", walk_then_someone_saves)
    start = TODAY - dt.timedelta(weeks=4)
    reporting.weekly_figures(db, ana, start, TODAY, today=TODAY)
    assert stored_days(db_path, ana) == []
    monkeypatch.undo()
    assert_reports_match(db, ana)


def test_upgrade_from_0004_keeps_entries_and_reports_resume_afterwards(db_path: Path) -> None:
    engine = make_engine(database_url(db_path))
    upgrade_database(engine, db_path, target="0004")
    engine.dispose()
    old = Database(database_url(db_path), make_engine(database_url(db_path)))
    ana = people.add_leader(old, "Ana Ruiz")
    for offset in range(0, 60, 2):
        logbook.add_day_log(old, ana.id, FIRST + dt.timedelta(days=offset), 60, today=TODAY)
    old.dispose()

    db = open_database(db_path)
    try:
        logs = logbook.list_entries(db, leader_ids=[ana.id], limit=100)
        assert len(logs) == 30
        start = TODAY - dt.timedelta(weeks=52)
        expected = from_scratch(db, ana.id, start, TODAY)
        assert reporting.weekly_figures(db, ana.id, start, TODAY, today=TODAY) == expected
        assert stored_days(db_path, ana.id) != []
        # the triggers came with the upgrade
        logbook.add_day_log(db, ana.id, FIRST + dt.timedelta(days=1), 60, today=TODAY)
        assert max(stored_days(db_path, ana.id)) < FIRST + dt.timedelta(days=1)
        assert reporting.weekly_figures(db, ana.id, start, TODAY, today=TODAY) == from_scratch(
            db, ana.id, start, TODAY
        )
    finally:
        db.dispose()


# ---------------------------------------------------------------- all leaders at once


@pytest.mark.parametrize(
    "period",
    [
        (FIRST, TODAY),
        (TODAY - dt.timedelta(weeks=4), TODAY),
        (dt.date(2025, 12, 1), dt.date(2026, 3, 4)),
        (dt.date(2026, 6, 3), dt.date(2026, 8, 20)),
    ],
)
@pytest.mark.parametrize("week_start", ["monday", "sunday"])
def test_all_leaders_read_as_arrays_equal_the_plain_walk_of_each(
    db: Database, history: tuple[int, int], period: tuple[dt.date, dt.date], week_start: str
) -> None:
    ana, ben = history
    reporting.set_week_start(db, week_start)
    quiet = people.add_leader(db, "Cy Quiet", team="South")  # no entries at all
    logbook.add_day_log(db, ben, TODAY, 20, today=TODAY)  # today, below target
    every = reporting.weekly_figures_by_leader(db, *period, today=TODAY)
    assert set(every) == {ana, ben, quiet.id}
    for leader_id in (ana, ben, quiet.id):
        assert every[leader_id] == from_scratch(db, leader_id, *period)
    assert every[ana] and any(week.followups_due for week in every[ana])


def test_a_leader_given_twice_gets_the_same_weeks_twice(
    db: Database, history: tuple[int, int]
) -> None:
    ana, ben = history
    leaders = [people.get_leader(db, leader_id) for leader_id in (ana, ben, ana)]
    reports = list(reporting.iter_weekly_figures(db, leaders, FIRST, TODAY, today=TODAY))
    assert [leader for leader, _weeks in reports] == leaders
    for leader, weeks in reports:
        assert weeks == from_scratch(db, leader.id, FIRST, TODAY)


def test_a_value_no_leaderlog_writes_falls_back_to_reading_day_by_day(
    db: Database, db_path: Path, history: tuple[int, int]
) -> None:
    ana, ben = history
    with sqlite3.connect(db_path) as connection:
        # another program stored a fraction of a minute; the arrays cannot hold it as written
        connection.execute(
            "UPDATE day_log SET minutes = 61.5 WHERE id = (SELECT min(id) FROM day_log "
            "WHERE leader_id = ? AND day >= ?)",
            (ben, EARLY.isoformat()),
        )
    every = reporting.weekly_figures_by_leader(db, FIRST, TODAY, today=TODAY)
    assert every[ana] == from_scratch(db, ana, FIRST, TODAY)
    assert every[ben] == from_scratch(db, ben, FIRST, TODAY)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)), max_size=30))
def test_iso_days_become_the_ordinals_python_counts(days: list[dt.date]) -> None:
    texts = [",".join(day.isoformat() for day in days[:split]) for split in (len(days) // 2,)]
    texts.append(",".join(day.isoformat() for day in days[len(days) // 2 :]))
    texts = [text for text in texts if text]
    assert daily_columns.iso_days_to_ordinals(texts).tolist() == [day.toordinal() for day in days]


def test_text_that_is_not_an_iso_day_is_refused() -> None:
    assert daily_columns.iso_days_to_ordinals(["2026-11-18,2026-1-189"]) is None
    assert daily_columns.iso_days_to_ordinals(["2026-11-18,2026/11/19"]) is None
    assert daily_columns.iso_days_to_ordinals(["2026-13-18"]) is None


# ---------------------------------------------------------------- all leaders, resumed


def stored_states(db_path: Path, leader_id: int) -> dict[str, tuple[object, ...]]:
    with sqlite3.connect(db_path) as connection:
        rows = connection.execute(
            "SELECT day, customer, coaching, reinforcement, streak, longest "
            "FROM metrics_checkpoint WHERE leader_id = ?",
            (leader_id,),
        ).fetchall()
    return {row[0]: row[1:] for row in rows}


@pytest.fixture
def columns_read_from(monkeypatch: pytest.MonkeyPatch) -> list[dt.date | None]:
    """The first day each all-leader batch read its entries from (None: from the first entry)."""
    seen: list[dt.date | None] = []
    real_read = daily_columns.read

    def spy(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        seen.append(args[5] if len(args) > 5 else kwargs.get("first"))  # type: ignore[arg-type]
        return real_read(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(daily_columns, "read", spy)
    return seen


@pytest.mark.parametrize("change", list(CHANGES))
def test_all_leaders_resume_from_stored_states_and_equal_the_plain_walk_after_any_change(
    change: str,
    db: Database,
    tmp_path: Path,
    history: tuple[int, int],
    columns_read_from: list[dt.date | None],
) -> None:
    ana, ben = history
    period = (TODAY - dt.timedelta(weeks=4), TODAY)
    first = reporting.weekly_figures_by_leader(db, *period, today=TODAY)
    assert columns_read_from == [None]  # nothing stored yet: walked from the first entries
    resumed = reporting.weekly_figures_by_leader(db, *period, today=TODAY)
    assert columns_read_from[1] is not None and columns_read_from[1] > EARLY
    assert resumed == first
    for leader_id in (ana, ben):
        assert resumed[leader_id] == from_scratch(db, leader_id, *period)
    CHANGES[change](db, ana, tmp_path)
    after = reporting.weekly_figures_by_leader(db, *period, today=TODAY)
    assert after[ana] == from_scratch(db, ana, *period)
    assert after[ben] == from_scratch(db, ben, *period)
    assert after[ana] != first[ana]  # the change moved Ana's weeks: a stale state shows


def test_an_all_leader_walk_stores_the_states_a_one_leader_walk_stores(
    db: Database, db_path: Path, history: tuple[int, int]
) -> None:
    ana, ben = history
    reporting.weekly_figures_by_leader(db, TODAY - dt.timedelta(weeks=4), TODAY, today=TODAY)
    batch = {leader_id: stored_states(db_path, leader_id) for leader_id in (ana, ben)}
    with sqlite3.connect(db_path) as connection:
        connection.execute("DELETE FROM metrics_checkpoint")
    for leader_id in (ana, ben):
        reporting.weekly_figures(db, leader_id, TODAY - dt.timedelta(weeks=4), TODAY, today=TODAY)
        one = stored_states(db_path, leader_id)
        assert one and batch[leader_id] == one  # the same days, the same floats


def test_an_all_leader_walk_stores_nothing_from_calendars_read_before_a_change(
    db: Database, db_path: Path, history: tuple[int, int]
) -> None:
    ana, ben = history
    leaders = [people.get_leader(db, leader_id) for leader_id in (ana, ben)]
    calendars = batch_walk.walk_calendars(db, [ana, ben], FIRST, TODAY, "monday")
    settings_history.set_start_date(db, ben, FIRST + dt.timedelta(days=3))  # after the read
    period = (TODAY - dt.timedelta(weeks=4), TODAY)
    list(reporting.iter_weekly_figures(db, leaders, *period, today=TODAY, calendars=calendars))
    assert stored_states(db_path, ana) == {} and stored_states(db_path, ben) == {}
    weeks = dict(reporting.iter_weekly_figures(db, leaders, *period, today=TODAY))
    assert stored_states(db_path, ana) != {}
    assert weeks[leaders[1]] == from_scratch(db, ben, *period)


def test_calendars_from_a_late_day_still_give_the_whole_walk(
    db: Database, history: tuple[int, int], columns_read_from: list[dt.date | None]
) -> None:
    """Calendars that do not reach back to the first entries (the week review's): a batch that
    cannot resume reads the calendars it needs itself, and the figures are the plain walk's."""
    ana, ben = history
    leaders = [people.get_leader(db, leader_id) for leader_id in (ana, ben)]
    period = (TODAY - dt.timedelta(weeks=2), TODAY)
    for _round in range(2):  # cold, then resumed
        late = batch_walk.walk_calendars(
            db, [ana, ben], TODAY - dt.timedelta(weeks=26), TODAY, "monday", whole_record=False
        )
        weeks = dict(
            reporting.iter_weekly_figures(db, leaders, *period, today=TODAY, calendars=late)
        )
        assert weeks[leaders[0]] == from_scratch(db, ana, *period)
        assert weeks[leaders[1]] == from_scratch(db, ben, *period)
    assert columns_read_from[0] is None and columns_read_from[1] is not None


def test_a_streak_runs_on_across_the_day_an_all_leader_walk_resumes_from(
    db: Database, history: tuple[int, int], columns_read_from: list[dt.date | None]
) -> None:
    ana, _ben = history
    steady = people.add_leader(db, "Di Steady")
    day = FIRST
    while day < TODAY:
        if day.weekday() < 5:
            logbook.add_day_log(db, steady.id, day, 60, today=TODAY)
        day += dt.timedelta(days=1)
    period = (TODAY - dt.timedelta(weeks=3), TODAY)
    for _round in range(2):  # cold, then resumed from the last stored week end
        every = reporting.weekly_figures_by_leader(db, *period, today=TODAY)
        assert every[steady.id] == from_scratch(db, steady.id, *period)
        assert every[ana] == from_scratch(db, ana, *period)
    assert columns_read_from[1] is not None
    last = every[steady.id][-1]
    assert last.current_streak == last.longest_streak > 200  # never missed since January
