"""CSV import: round trips byte for byte, all or nothing, every problem by line and column, idempotent."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from leaderlog.core.errors import ValidationError
from leaderlog.core.records import Leader
from leaderlog.core.text import column_letter
from leaderlog.data.engine import Database
from leaderlog.data.store import open_database
from leaderlog.journal import logbook, people
from leaderlog.transfer import csv_export
from leaderlog.transfer.csv_export import ENTRY_COLUMNS
from leaderlog.transfer.csv_import import ImportFailedError, import_csv

# every test here that uses `db` runs on SQLite and on PostgreSQL
pytestmark = pytest.mark.all_backends

TODAY = dt.date(2026, 11, 20)
TABLES = ("leader", "team_member", "standard", "day_log", "coaching_note", "reinforcement")


def counts(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {t: session.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}


def write_csv(path: Path, rows: list[list[str]], header: tuple[str, ...] = ENTRY_COLUMNS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def entry(**cells: str) -> list[str]:
    """One entries-format row; unnamed cells empty."""
    return [cells.get(name, "") for name in ENTRY_COLUMNS]


@pytest.fixture
def rich_db(db: Database, leader: Leader) -> Database:
    """Two leaders with every kind of entry, tricky text, follow-ups and an archived member."""
    sam = people.add_member(db, leader.id, "Sam Lee")
    kim = people.add_member(db, leader.id, "+Kim")
    greet = people.add_standard(db, "Greet within 10 seconds")
    own = people.add_standard(db, "=Own the problem")
    ben = people.add_leader(db, "Ben Okafor", team="South", workdays="tue-sat", target_minutes=90)
    jo = people.add_member(db, ben.id, "Jo Park")
    texts = ("=SUM(A1:A9)", "- first\n- second", "'=quoted", 'a "quote", a comma', "Ünïcødé ✓", "")
    for offset in range(40):
        day = dt.date(2026, 10, 1) + dt.timedelta(days=offset)
        text = texts[offset % len(texts)]
        logbook.add_day_log(db, leader.id, day, 15 * (offset % 7), text, today=TODAY)
        if offset % 2:
            note = logbook.add_coaching_note(
                db, leader.id, day, (sam if offset % 4 == 1 else kim).id, text or "seen",
                "@ practise", greet.id if offset % 3 else None,
                day + dt.timedelta(days=3) if offset % 5 else None, today=TODAY,
            )  # fmt: skip
            if note.follow_up_on and offset % 3 == 0:
                logbook.complete_follow_up(db, note.id, day + dt.timedelta(days=4), today=TODAY)
        logbook.add_reinforcement(
            db, ben.id, day, ("praise", "corrective_feedback", "team_celebration")[offset % 3],
            text, jo.id if offset % 2 else None, own.id if offset % 4 == 0 else None, today=TODAY,
        )  # fmt: skip
        if offset % 3 == 0:
            logbook.add_day_log(db, ben.id, day, 120, today=TODAY)
    people.archive_member(db, kim.id)
    return db


def test_export_import_export_gives_byte_identical_entries(
    rich_db: Database, tmp_path: Path
) -> None:
    first = tmp_path / "first.csv"
    csv_export.export_entries(rich_db, first)
    empty = open_database(tmp_path / "empty.sqlite3")
    try:
        result = import_csv(empty, first, create_missing=True, today=TODAY)
        second = tmp_path / "second.csv"
        csv_export.export_entries(empty, second)
    finally:
        empty.dispose()
    assert result.added == {"day": 54, "coaching": 20, "reinforcement": 40}
    assert set(result.created_leaders) == {"Ana Ruiz", "Ben Okafor"}
    assert set(result.created_standards) == {"Greet within 10 seconds", "=Own the problem"}
    assert second.read_bytes() == first.read_bytes()


def test_weekly_export_is_identical_once_leader_settings_match(
    rich_db: Database, tmp_path: Path
) -> None:
    entries = tmp_path / "entries.csv"
    csv_export.export_entries(rich_db, entries)
    csv_export.export_weekly(rich_db, tmp_path / "weekly-1.csv", today=TODAY)
    copy = open_database(tmp_path / "copy.sqlite3")
    try:
        import_csv(copy, entries, create_missing=True, today=TODAY)
        for original in people.list_leaders(rich_db):
            twin = people.find_leader(copy, original.name)
            # the settings apply from before the first entry: the copy's whole history matches
            people.edit_leader(
                copy,
                replace(original, id=twin.id, version=twin.version),
                dt.date(2020, 1, 1),
                today=TODAY,
            )
        csv_export.export_weekly(copy, tmp_path / "weekly-2.csv", today=TODAY)
    finally:
        copy.dispose()
    first = (tmp_path / "weekly-1.csv").read_bytes()
    assert first.count(b"\r\n") > 10
    assert (tmp_path / "weekly-2.csv").read_bytes() == first


def _texts(db: Database) -> dict[str, tuple[object, ...]]:
    """Every entry's type, date and text fields by UUID."""
    fields = ("entry_type", "day", "minutes", "note", "observation", "action", "description")
    return {e.uuid: tuple(getattr(e, f, None) for f in fields) for e in logbook.list_entries(db)}


# Any text the journal accepts: every printable character, new lines and tabs; the other
# control characters are refused on input (tested in tests/core/test_validation.py).
any_text = st.text(
    alphabet=st.one_of(st.characters(blacklist_categories=("Cs", "Cc")), st.sampled_from("\n\t")),
    max_size=40,
)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.integers(0, 60), st.integers(0, 1440), any_text, any_text, any_text),
        min_size=1,
        max_size=8,
        unique_by=lambda entry: entry[0],
    )
)
def test_any_text_survives_the_round_trip(
    tmp_path_factory: pytest.TempPathFactory, entries: list[tuple[int, int, str, str, str]]
) -> None:
    folder = tmp_path_factory.mktemp("round-trip")
    source, copy = open_database(folder / "a.sqlite3"), open_database(folder / "b.sqlite3")
    try:
        ana = people.add_leader(source, "Ana Ruiz")
        sam = people.add_member(source, ana.id, "Sam Lee")
        for offset, minutes, note, observation, description in entries:
            day = dt.date(2026, 9, 1) + dt.timedelta(days=offset)
            logbook.add_day_log(source, ana.id, day, minutes, note, today=TODAY)
            logbook.add_coaching_note(
                source, ana.id, day, sam.id, observation.strip() or "seen", note, today=TODAY
            )
            logbook.add_reinforcement(
                source, ana.id, day, "praise", description, sam.id, today=TODAY
            )
        csv_export.export_entries(source, folder / "a.csv")
        import_csv(copy, folder / "a.csv", create_missing=True, today=TODAY)
        csv_export.export_entries(copy, folder / "b.csv")
        assert (folder / "b.csv").read_bytes() == (folder / "a.csv").read_bytes()
        assert _texts(copy) == _texts(source)
    finally:
        source.dispose()
        copy.dispose()


def test_reimporting_the_same_file_changes_nothing(rich_db: Database, tmp_path: Path) -> None:
    exported = tmp_path / "entries.csv"
    csv_export.export_entries(rich_db, exported)
    before = counts(rich_db)
    result = import_csv(rich_db, exported, today=TODAY)
    assert result.added == {"day": 0, "coaching": 0, "reinforcement": 0}
    assert result.unchanged == result.rows == 114
    assert counts(rich_db) == before
    again = tmp_path / "again.csv"
    csv_export.export_entries(rich_db, again)
    assert again.read_bytes() == exported.read_bytes()


def test_neutralised_formulas_are_restored_on_import(
    db: Database, leader: Leader, tmp_path: Path
) -> None:
    texts = ['=HYPERLINK("http://x")', "+1 customer", "-5 then 0", "@all", "'=kept one quote"]
    for offset, note in enumerate(texts):
        logbook.add_day_log(db, leader.id, dt.date(2026, 11, 2 + offset), 5, note, today=TODAY)
    exported = tmp_path / "entries.csv"
    csv_export.export_entries(db, exported)
    cells = [row["note"] for row in csv.DictReader(exported.open(encoding="utf-8", newline=""))]
    assert cells == ["'" + text for text in texts]
    fresh = open_database(tmp_path / "fresh.sqlite3")
    try:
        import_csv(fresh, exported, create_missing=True, today=TODAY)
        notes = [e.note for e in logbook.list_entries(fresh)]  # newest first
    finally:
        fresh.dispose()
    assert notes == list(reversed(texts))


def test_malformed_file_imports_nothing_and_names_every_bad_line(
    rich_db: Database, tmp_path: Path
) -> None:
    good = entry(type="day", date="2026-11-03", leader="Ana Ruiz", minutes="30")
    path = write_csv(
        tmp_path / "bad.csv",
        [
            good,
            entry(type="day", date="2026-02-30", leader="Ana Ruiz", minutes="30"),
            entry(type="meeting", date="2026-11-03", leader="Ana Ruiz"),
            entry(type="day", date="2026-11-04", leader="Ana Ruiz", minutes="-5"),
            [*good[:5]],
            [*good, "surplus"],
            entry(type="coaching", date="2026-11-04", leader="Ana Ruiz", member="Sam Lee"),
        ],
    )
    with path.open("ab") as handle:  # a row with bytes that are not UTF-8
        handle.write(b"day,,2026-11-05,Ana Ruiz,,,30,,caf\xe9 note,,,,,\r\n")
    before = counts(rich_db)
    with pytest.raises(ImportFailedError) as caught:
        import_csv(rich_db, path, today=TODAY)
    assert counts(rich_db) == before
    # one pass: the clash with a saved day log is listed with the malformed rows
    assert [str(problem) for problem in caught.value.problems] == [
        "line 2, column C (date): Ana Ruiz already has a different day log for 2026-11-03 "
        "(75 min); change or delete one of them",
        "line 3, column C (date): '2026-02-30' is not a real calendar date",
        "line 4, column A (type): unknown type 'meeting'; use day, coaching or reinforcement",
        "line 5, column G (minutes): -5 is negative; minutes must be 0 or more",
        "line 6, column F (standard): missing: the row has 5 columns, the header 14",
        "line 7, column O: unexpected extra value: the row has 15 columns, the header 14",
        "line 8, column J (observation): must not be empty",
        "line 9, column I (note): is not valid UTF-8 text",
    ]
    assert "nothing was imported" in str(caught.value)


def test_line_numbers_count_physical_lines_of_multi_line_notes(
    db: Database, leader: Leader, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "notes.csv",
        [
            entry(type="day", date="2026-11-02", leader="Ana Ruiz", minutes="5", note="a\nb\nc"),
            entry(type="day", date="2026-11-03", leader="Ana Ruiz", minutes="lots"),
        ],
    )
    with pytest.raises(ImportFailedError) as caught:
        import_csv(db, path, today=TODAY)
    assert [p.line for p in caught.value.problems] == [5]


def test_broken_quoting_is_reported_with_its_line(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_text(",".join(ENTRY_COLUMNS) + '\r\nday,,2026-11-02,Ana Ruiz,,,5,,"never closed\r\n')
    with pytest.raises(ValidationError, match=r"line 2: not a valid CSV record"):
        import_csv(db, path, today=TODAY)


def test_unknown_names_need_create_missing(db: Database, leader: Leader, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "names.csv",
        [
            entry(type="coaching", date="2026-11-02", leader="Ana Ruiz", member="Nia Obi",
                  standard="Smile", observation="ok"),
            entry(type="day", date="2026-11-02", leader="Zoe Quinn", minutes="5"),
        ],
    )  # fmt: skip
    before = counts(db)
    with pytest.raises(ImportFailedError) as caught:
        import_csv(db, path, today=TODAY)
    assert [str(p) for p in caught.value.problems] == [
        "line 2, column E (member): Ana Ruiz has no team member named 'Nia Obi'; "
        "add it first, or import with --create-missing",
        "line 2, column F (standard): no standard named 'Smile'; add it first, or import with "
        "--create-missing",
        "line 3, column D (leader): no leader named 'Zoe Quinn'; add it first, or import with "
        "--create-missing",
    ]
    assert counts(db) == before
    result = import_csv(db, path, create_missing=True, today=TODAY)
    assert (result.created_leaders, result.created_members, result.created_standards) == (
        ("Zoe Quinn",), ("Nia Obi",), ("Smile",),
    )  # fmt: skip
    assert counts(db)["coaching_note"] == before["coaching_note"] + 1


def test_duplicates_inside_the_file_are_refused(
    db: Database, leader: Leader, tmp_path: Path
) -> None:
    same = "9b2f1c9e-8a53-4a8e-9a43-bb0c1b6f3b11"
    path = write_csv(
        tmp_path / "dupes.csv",
        [
            entry(type="day", uuid=same, date="2026-11-02", leader="Ana Ruiz", minutes="5"),
            entry(type="reinforcement", uuid=same, date="2026-11-02", leader="Ana Ruiz", kind="praise"),
            entry(type="day", date="2026-11-02", leader="ana ruiz", minutes="7"),
        ],
    )  # fmt: skip
    with pytest.raises(ImportFailedError) as caught:
        import_csv(db, path, today=TODAY)
    assert [str(p) for p in caught.value.problems] == [
        "line 3, column B (uuid): the same UUID as line 2",
        "line 4, column C (date): a second day log for ana ruiz on 2026-11-02 (the first is on line 2)",
    ]


def test_simple_hand_made_sheet_imports_day_logs_and_reimport_changes_nothing(
    db: Database, leader: Leader, tmp_path: Path
) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes(
        "\ufeffDate,Leader,Minutes,Note\r\n"
        "2026-11-02,Ana Ruiz,45,Quiet start\r\n"
        "2026-11-03,ana ruiz,60,\r\n"
        ",,,\r\n"
        '2026-11-04,Ana Ruiz,30,"Two lines:\nqueue, then calm"\r\n'.encode()
    )
    result = import_csv(db, sheet, today=TODAY)
    assert (result.format, result.added["day"], result.unchanged) == ("simple", 3, 0)
    logs = {e.day.isoformat(): (e.minutes, e.note) for e in logbook.list_entries(db)}
    assert logs == {
        "2026-11-02": (45, "Quiet start"),
        "2026-11-03": (60, ""),
        "2026-11-04": (30, "Two lines:\nqueue, then calm"),
    }
    before = counts(db)
    again = import_csv(db, sheet, today=TODAY)
    assert (again.added["day"], again.unchanged) == (0, 3)
    assert counts(db) == before
    sheet.write_text("date,leader,minutes\n2026-11-02,Ana Ruiz,50\n", encoding="utf-8")
    with pytest.raises(ImportFailedError) as caught:
        import_csv(db, sheet, today=TODAY)
    assert [str(p) for p in caught.value.problems] == [
        "line 2, column A (date): Ana Ruiz already has a different day log for 2026-11-02 "
        "(45 min); change or delete one of them"
    ]


def test_unrecognised_header_and_empty_file_are_clear_errors(db: Database, tmp_path: Path) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("when,who,how long\n2026-11-02,Ana,5\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="line 1: the header is neither"):
        import_csv(db, odd)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(ValidationError, match="is empty"):
        import_csv(db, empty)
    with pytest.raises(ValidationError, match="cannot open"):
        import_csv(db, tmp_path / "missing.csv")


def test_column_letters_follow_spreadsheets() -> None:
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA",
    ]  # fmt: skip


def test_cli_import_prints_every_problem_and_exits_1(
    db: Database, leader: Leader, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "date,leader,minutes,note\n2026-11-02,Ana Ruiz,-1,x\n2026-11-31,Ana Ruiz,5,y\n",
        encoding="utf-8",
    )
    command = [
        sys.executable,
        "-m",
        "leaderlog",
        "--db",
        db.url.render_as_string(hide_password=False),
        "import",
    ]
    done = subprocess.run([*command, str(bad)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "nothing was imported; 2 problem(s)" in done.stderr
    assert "line 2, column C (minutes): -1 is negative" in done.stderr
    assert "line 3, column A (date): '2026-11-31' is not a real calendar date" in done.stderr
    good = tmp_path / "good.csv"
    good.write_text("date,leader,minutes\n2026-11-02,New Person,25\n", encoding="utf-8")
    done = subprocess.run(
        [*command, str(good), "--create-missing"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "Imported 1 day" in done.stdout and "created 1 leader(s): New Person" in done.stdout
