"""The generated names and notes of the forms' test, through CSV import (issue 15): a file is
refused with every problem by line and column and nothing written, or each name is stored
in NFC (white space runs folded) and each note exactly as its cell, trimmed."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import sqlite3
import unicodedata
import uuid
from pathlib import Path

import pytest
from helpers.generated_text import NOTES, names
from hypothesis import HealthCheck, given, settings

from leaderlog.core.errors import ValidationError
from leaderlog.core.paths import AppPaths
from leaderlog.core.records import CoachingNote, Leader
from leaderlog.data.engine import Database
from leaderlog.journal import logbook, people
from leaderlog.transfer.csv_export import ENTRY_COLUMNS, neutralise
from leaderlog.transfer.csv_import import SIMPLE_COLUMNS, ImportFailedError, import_csv

TODAY = dt.date(2026, 11, 20)
FEW = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _write(path: Path, header: tuple[str, ...], cells: dict[str, str]) -> Path:
    """One data row as LeaderLog's export writes it: RFC 4180, formula triggers quoted with '."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerow([neutralise(cells.get(name, "")) for name in header])
    return path


def _as_stored_name(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return list(connection.iterdump())


def _import_or_problems(db: Database, path: Path) -> list[str] | None:
    """None when imported; else the problems said, each checked to be one plain line."""
    try:
        import_csv(db, path, create_missing=True, today=TODAY)
    except ImportFailedError as exc:
        assert exc.problems, "refused without saying why"
        for problem in exc.problems:
            assert problem.line == 2 and problem.column and problem.message.strip()
        return [str(problem) for problem in exc.problems]
    except ValidationError as exc:  # the file as a whole (e.g. not valid CSV): one message
        assert exc.plain_message.strip()
        return [exc.plain_message]
    return None


def test_generated_leader_names_and_day_notes_are_refused_or_imported_exactly(
    db: Database, db_path: Path, leader: Leader, app_paths: AppPaths, tmp_path: Path
) -> None:
    days = itertools.count(1)  # each example's day log on its own date

    @FEW
    @given(names(leader.name), NOTES)
    def import_day(name: str, note: str) -> None:
        day = TODAY - dt.timedelta(days=next(days))
        cells = {"date": day.isoformat(), "leader": name, "minutes": "45", "note": note}
        path = _write(tmp_path / "sheet.csv", SIMPLE_COLUMNS, cells)
        before = _dump(db_path)
        if _import_or_problems(db, path) is not None:
            assert _dump(db_path) == before, "a refused file changed the journal"
            return
        stored = people.find_leader(db, name)
        if stored.id != leader.id:  # a new leader, created from the cell
            assert stored.name == _as_stored_name(name)
        log = logbook.get_day_log(db, stored.id, day)
        assert log is not None and (log.minutes, log.note) == (45, note.strip())

    import_day()


def test_generated_member_names_and_coaching_notes_are_refused_or_imported_exactly(
    db: Database, db_path: Path, leader: Leader, app_paths: AppPaths, tmp_path: Path
) -> None:
    people.add_member(db, leader.id, "Sam Lee")

    @FEW
    @given(names("Sam Lee"), NOTES, NOTES)
    def import_coaching(member: str, observation: str, action: str) -> None:
        row_uuid = str(uuid.uuid4())
        cells = {
            "type": "coaching",
            "uuid": row_uuid,
            "date": TODAY.isoformat(),
            "leader": leader.name,
            "member": member,
            "observation": observation,
            "action": action,
        }
        path = _write(tmp_path / "entries.csv", ENTRY_COLUMNS, cells)
        before = _dump(db_path)
        if _import_or_problems(db, path) is not None:
            assert _dump(db_path) == before, "a refused file changed the journal"
            return
        (note,) = [
            e for e in logbook.list_entries(db, leader_ids=[leader.id]) if e.uuid == row_uuid
        ]
        assert isinstance(note, CoachingNote)
        assert (note.observation, note.action) == (observation.strip(), action.strip())
        assert people.find_member(db, leader.id, member).name == note.member_name
        if note.member_name != "Sam Lee":
            assert note.member_name == _as_stored_name(member)

    import_coaching()


def _sheet(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(SIMPLE_COLUMNS)
        writer.writerows(rows)
    return path


def test_every_kind_of_problem_in_a_file_is_reported_in_one_pass(
    db: Database, db_path: Path, leader: Leader, app_paths: AppPaths, tmp_path: Path
) -> None:
    path = _sheet(
        tmp_path / "sheet.csv",
        [
            ["2026-02-30", "Ana Ruiz", "30", ""],  # malformed date
            ["2026-11-02", "Zoe Quinn", "30", ""],  # unknown leader
            ["2026-11-03", "Ａｎａ Ｒｕｉｚ", "30", ""],  # full-width look-alike of Ana Ruiz
            ["2026-11-04", "Ana Ruiz", "30", "ok\x1b[2Jgone"],  # ESC in the note
            ["2026-11-05", "Ana\u202eRuiz", "99999", ""],  # bidi override, minutes out of range
        ],
    )
    before = _dump(db_path)
    with pytest.raises(ImportFailedError) as caught:
        import_csv(db, path, today=TODAY)
    said = [str(problem) for problem in caught.value.problems]
    assert _dump(db_path) == before
    assert said[0] == "line 2, column A (date): '2026-02-30' is not a real calendar date"
    assert said[1].startswith("line 3, column B (leader): no leader named 'Zoe Quinn'")
    assert said[2].startswith("line 4, column B (leader): ") and "'Ana Ruiz'" in said[2]
    assert said[3].startswith(
        "line 5, column D (note): contains the control character U+001B (ESCAPE) at character 3"
    )
    assert said[4].startswith("line 6, column B (leader): contains the text-direction control")
    assert said[5] == (
        "line 6, column C (minutes): 99999 is more than a day holds; minutes must be at most 1440"
    )
    assert len(said) == 6


def test_past_50_problems_the_rest_are_counted_not_listed(
    db: Database, leader: Leader, app_paths: AppPaths, tmp_path: Path
) -> None:
    rows = [[f"2026-11-{n % 19 + 1:02d}", f"Leader {n}", "lots", ""] for n in range(120)]
    with pytest.raises(ImportFailedError) as caught:
        import_csv(db, _sheet(tmp_path / "sheet.csv", rows), today=TODAY)
    failed = caught.value
    assert failed.total == 240  # minutes and leader on each of the 120 rows
    assert len(failed.problems) == 50 and failed.omitted == 190
    assert failed.summary() == "240 problems, the first 50 listed and 190 more not shown"
    assert [p.line for p in failed.problems] == sorted(p.line for p in failed.problems)
