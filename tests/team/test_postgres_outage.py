"""Flaky network: saves made while the server is down wait locally and arrive exactly once."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import pytest
from helpers.postgres_cluster import PostgresCluster
from sqlalchemy import func, select

from leaderlog.core import records
from leaderlog.core.errors import ServerUnreachableError, ValidationError
from leaderlog.core.paths import AppPaths
from leaderlog.data import models
from leaderlog.data.engine import Database
from leaderlog.data.outbox import Outbox
from leaderlog.data.store import open_database
from leaderlog.journal import logbook, people, time_off
from leaderlog.journal.today import CoachingInput, ReinforcementInput, TodayInput
from leaderlog.team import sync

ENTRY_MODELS = (models.DayLog, models.CoachingNote, models.ReinforcementAction)


def _uuid_counts(db: Database) -> dict[str, int]:
    counts: dict[str, int] = {}
    with db.read() as session:
        for model in ENTRY_MODELS:
            for value, n in session.execute(select(model.uuid, func.count()).group_by(model.uuid)):
                counts[str(value)] = counts.get(str(value), 0) + n
    return counts


def _entry_fields(i: int, leader_id: int, member_id: int) -> tuple[str, dict[str, object]]:
    day = dt.date.today() - dt.timedelta(days=i + 1)
    kind = ("day", "coaching", "reinforcement")[i % 3]
    if kind == "day":
        return kind, {"leader_id": leader_id, "day": day, "minutes": 10 + i, "note": f"offline {i}"}
    if kind == "coaching":
        return kind, {
            "leader_id": leader_id, "day": day, "member_id": member_id,
            "observation": f"offline note {i}", "follow_up_on": day + dt.timedelta(days=7),
        }  # fmt: skip
    return kind, {"leader_id": leader_id, "day": day, "kind": "praise", "description": f"{i}"}


@pytest.mark.postgres
def test_entries_saved_while_the_server_is_down_arrive_exactly_once(
    postgres_cluster: PostgresCluster, postgres_url: str, app_paths: AppPaths
) -> None:
    db = open_database(postgres_url)
    try:
        leader = people.add_leader(db, "Ana Ruiz", team="North")
        member = people.add_member(db, leader.id, "Sam Lee")
        outbox = sync.outbox_for(app_paths, db)
        assert outbox is not None
        online = sync.save_entry(
            db, outbox, "day", leader_id=leader.id, day=dt.date.today(), minutes=5
        )
        assert isinstance(online, records.DayLog)

        postgres_cluster.stop()
        try:
            queued = [
                sync.save_entry(db, outbox, kind, **fields)
                for kind, fields in (_entry_fields(i, leader.id, member.id) for i in range(10))
            ]
            assert all(isinstance(q, sync.Queued) for q in queued)
            with pytest.raises(ValidationError, match="minutes"):  # bad input: refused, not queued
                sync.save_entry(db, outbox, "day", leader_id=leader.id, day=dt.date.today(),
                                minutes=2000)  # fmt: skip
            assert outbox.count() == 10
            # a fresh handle on the same queue file sees them too: they are on disk
            assert Outbox(outbox.path).count() == 10
            with pytest.raises(ServerUnreachableError, match="cannot be reached"):
                people.list_leaders(db)
        finally:
            postgres_cluster.start()

        # the next save once the server is back sends the waiting ones first
        back = sync.save_entry(
            db, outbox, "reinforcement", leader_id=leader.id, day=dt.date.today(), kind="praise"
        )
        assert isinstance(back, records.Reinforcement)
        assert outbox.count() == 0
        assert sync.send_waiting(db, outbox).sent == 0

        counts = _uuid_counts(db)
        expected = {q.uuid for q in queued} | {online.uuid, back.uuid}  # type: ignore[union-attr]
        assert set(counts) == expected
        assert set(counts.values()) == {1}
        notes = [e for e in logbook.list_entries(db) if e.entry_type == "coaching"]
        assert sorted(n.observation for n in notes) == [f"offline note {i}" for i in (1, 4, 7)]  # type: ignore[union-attr]
    finally:
        db.dispose()


@pytest.mark.all_backends
def test_a_save_sent_again_after_its_answer_was_lost_is_not_doubled(
    db: Database, leader: records.Leader, tmp_path: Path
) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    day = dt.date.today()
    # the first send reached the database but its answer never came back
    arrived = logbook.add_reinforcement(db, leader.id, day, "praise", "Great save")
    payload = {"leader_id": leader.id, "day": day.isoformat(), "kind": "praise",
               "description": "Great save", "uuid": arrived.uuid}  # fmt: skip
    outbox.add("reinforcement", payload)
    outbox.add("reinforcement", payload)  # queued twice by a retrying window: kept once
    assert outbox.count() == 1
    report = sync.send_waiting(db, outbox)
    assert (report.sent, report.already_there, outbox.count()) == (0, 1, 0)
    assert _uuid_counts(db) == {arrived.uuid: 1}


@pytest.mark.all_backends
def test_a_save_the_database_refuses_stays_waiting_with_the_reason(
    db: Database, leader: records.Leader, tmp_path: Path
) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    day = dt.date.today()
    logbook.add_day_log(db, leader.id, day, 30)  # logged meanwhile on another computer
    waiting = {"leader_id": leader.id, "day": day.isoformat(), "minutes": 45,
               "uuid": str(uuid.uuid4())}  # fmt: skip
    outbox.add("day", waiting)
    report = sync.send_waiting(db, outbox)
    assert report.sent == 0 and len(report.refused) == 1
    assert "already has a day log" in report.refused[0][1]
    [kept] = outbox.pending()
    assert kept.uuid == waiting["uuid"] and "already has a day log" in (kept.last_error or "")
    assert logbook.get_day_log(db, leader.id, day).minutes == 30  # type: ignore[union-attr]


@pytest.mark.postgres
def test_a_today_save_while_the_server_is_down_arrives_once_part_by_part(
    postgres_cluster: PostgresCluster, postgres_url: str, app_paths: AppPaths
) -> None:
    db = open_database(postgres_url)
    try:
        leader = people.add_leader(db, "Ana Ruiz", team="North")
        people.add_member(db, leader.id, "Sam Lee")
        outbox = sync.outbox_for(app_paths, db)
        assert outbox is not None
        day = dt.date.today()
        entry = TodayInput(
            minutes="45",
            note="Busy",
            coaching=CoachingInput(member="Sam Lee", observation="Greeted late"),
            reinforcement=ReinforcementInput(kind="praise", description="Calm"),
        )
        postgres_cluster.stop()
        try:
            saved = sync.save_today(db, outbox, leader.id, day, entry)
            assert saved.queued
            assert saved.parts() == [
                "45 min with customers (kept on this computer until the server answers)",
                "coaching note with Sam Lee (kept on this computer until the server answers)",
                "praise (kept on this computer until the server answers)",
            ]
            with pytest.raises(ValidationError) as caught:  # bad input: refused, not queued
                sync.save_today(db, outbox, leader.id, day, TodayInput(minutes="lots"))
            assert caught.value.field == "minutes"
            assert outbox.count() == 3
        finally:
            postgres_cluster.start()

        report = sync.send_waiting(db, outbox)
        assert (report.sent, outbox.count()) == (3, 0)
        assert sync.send_waiting(db, outbox).sent == 0
        counts = _uuid_counts(db)
        assert set(counts.values()) == {1} and len(counts) == 3
        [note] = [e for e in logbook.list_entries(db) if e.entry_type == "coaching"]
        assert note.member_name == "Sam Lee"  # type: ignore[union-attr]
        assert logbook.get_day_log(db, leader.id, day).minutes == 45  # type: ignore[union-attr]
    finally:
        db.dispose()


@pytest.mark.all_backends
def test_a_waiting_today_note_for_a_name_not_in_the_team_stays_with_the_reason(
    db: Database, leader: records.Leader, tmp_path: Path
) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    people.add_member(db, leader.id, "Sam Lee")
    waiting = {"leader_id": leader.id, "day": dt.date.today().isoformat(), "member_name": "Zoe",
               "observation": "Late", "uuid": str(uuid.uuid4())}  # fmt: skip
    outbox.add("coaching", waiting)
    report = sync.send_waiting(db, outbox)
    assert report.sent == 0 and "'Zoe' is not in Ana Ruiz's team" in report.refused[0][1]
    assert outbox.count() == 1


@pytest.mark.all_backends
def test_a_today_save_with_the_server_there_is_saved_at_once(
    db: Database, leader: records.Leader, tmp_path: Path
) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    people.add_member(db, leader.id, "Sam Lee")
    entry = TodayInput(minutes="20", coaching=CoachingInput(member="sam", observation="Fine"))
    saved = sync.save_today(db, outbox, leader.id, dt.date.today(), entry)
    assert not saved.queued and outbox.count() == 0
    assert saved.parts() == ["20 min with customers", "coaching note with Sam Lee"]


@pytest.mark.postgres
def test_leave_saved_while_the_server_is_down_arrives_once(
    postgres_cluster: PostgresCluster, postgres_url: str, app_paths: AppPaths
) -> None:
    db = open_database(postgres_url)
    try:
        leader = people.add_leader(db, "Ana Ruiz", team="North")
        outbox = sync.outbox_for(app_paths, db)
        assert outbox is not None
        postgres_cluster.stop()
        try:
            queued = sync.save_time_off(
                db, outbox, leader.id, "2027-01-04", "2027-01-15", "vacation", "Lisbon"
            )
            planned = sync.save_time_off(db, outbox, leader.id, "2027-02-01", kind="training")
            assert isinstance(queued, sync.Queued) and isinstance(planned, sync.Queued)
            assert queued.entry_type == "time_off"
            # bad input is refused at once, not kept to fail later
            with pytest.raises(ValidationError, match="before the first day"):
                sync.save_time_off(db, outbox, leader.id, "2027-03-10", "2027-03-01")
            with pytest.raises(ValidationError, match="not a kind of leave"):
                sync.save_time_off(db, outbox, leader.id, "2027-03-10", kind="holiday")
            assert Outbox(outbox.path).count() == 2  # on disk
        finally:
            postgres_cluster.start()
        report = sync.send_waiting(db, outbox)
        assert (report.sent, outbox.count()) == (2, 0)
        assert sync.send_waiting(db, outbox).sent == 0
        ranges = time_off.list_time_off(db, [leader.id])
        assert [(str(r.uuid), r.first_day, r.last_day, r.kind, r.note) for r in ranges] == [
            (queued.uuid, dt.date(2027, 1, 4), dt.date(2027, 1, 15), "vacation", "Lisbon"),
            (planned.uuid, dt.date(2027, 2, 1), dt.date(2027, 2, 1), "training", ""),
        ]
    finally:
        db.dispose()


@pytest.mark.all_backends
def test_waiting_leave_that_overlaps_leave_recorded_meanwhile_stays_with_the_reason(
    db: Database, leader: records.Leader, tmp_path: Path
) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    time_off.add(db, leader.id, "2027-01-11", "2027-01-12")  # entered meanwhile elsewhere
    waiting = {"leader_id": leader.id, "first_day": "2027-01-04", "last_day": "2027-01-15",
               "kind": "vacation", "note": "", "uuid": str(uuid.uuid4())}  # fmt: skip
    outbox.add("time_off", waiting)
    report = sync.send_waiting(db, outbox)
    assert report.sent == 0 and len(report.refused) == 1
    [kept] = outbox.pending()
    assert kept.uuid == waiting["uuid"] and "overlaps vacation" in (kept.last_error or "")
    assert [(r.first_day, r.last_day) for r in time_off.list_time_off(db, [leader.id])] == [
        (dt.date(2027, 1, 11), dt.date(2027, 1, 12))
    ]


def test_leave_saved_to_a_local_file_is_saved_at_once(db: Database, leader: records.Leader) -> None:
    saved = sync.save_time_off(db, None, leader.id, "2027-01-04")
    assert isinstance(saved, time_off.TimeOff)
    assert time_off.get(db, saved.id).first_day == dt.date(2027, 1, 4)
