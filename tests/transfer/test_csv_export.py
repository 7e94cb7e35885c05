"""CSV export: the documented columns, RFC 4180 text, spreadsheet safety, atomic writes, flat memory."""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import String, create_engine, literal, select

from leaderlog.core.errors import ValidationError
from leaderlog.core.records import Leader
from leaderlog.data import parallel_export, queries
from leaderlog.data.engine import Database
from leaderlog.data.queries import FORMULA_TRIGGERS
from leaderlog.data.store import open_database
from leaderlog.journal import holidays, logbook, people, settings_history, time_off
from leaderlog.reports import reporting
from leaderlog.transfer import csv_export
from leaderlog.transfer.csv_export import ENTRY_COLUMNS, WEEKLY_COLUMNS, neutralise, restore

# every test here that uses `db` runs on SQLite and on PostgreSQL
pytestmark = pytest.mark.all_backends

TODAY = dt.date(2026, 11, 20)
TRICKY = (
    '=HYPERLINK("http://evil.example","click")',
    "+1 more customer",
    "-5 complaints\nthen none",
    "@channel said thanks",
    "'=already quoted",
    "''+two quotes",
    "'plain apostrophe",
    'She said "thanks", twice',
    "Crème brûlée, 10% busier",
    "line one\r\nline two",
)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def journal_db(db: Database, leader: Leader) -> Database:
    """Ana with a day log, a coaching note with a follow-up, and a whole-team reinforcement."""
    sam = people.add_member(db, leader.id, "Sam Lee")
    greet = people.add_standard(db, "Greet within 10 seconds")
    logbook.add_day_log(
        db, leader.id, "2026-11-16", 75, "Busy\nmorning, queue out the door", today=TODAY
    )
    note = logbook.add_coaching_note(
        db, leader.id, "2026-11-17", sam.id, "Greeting came late", "Greet within 10 s",
        greet.id, "2026-11-19", today=TODAY,
    )  # fmt: skip
    logbook.complete_follow_up(db, note.id, "2026-11-18", today=TODAY)
    logbook.add_reinforcement(
        db, leader.id, "2026-11-18", "customer_compliment", "Read out a 5-star review", today=TODAY
    )
    ben = people.add_leader(db, "Ben Okafor", team="South")
    logbook.add_day_log(db, ben.id, "2026-11-02", 30, today=TODAY)
    return db


def test_entries_export_has_the_documented_columns_and_every_field(
    journal_db: Database, tmp_path: Path
) -> None:
    out = tmp_path / "entries.csv"
    result = csv_export.export_entries(journal_db, out)
    rows = read_csv(out)
    assert result.rows == 4 == len(rows)
    assert tuple(rows[0]) == ENTRY_COLUMNS
    ana = [row for row in rows if row["leader"] == "Ana Ruiz"]
    assert [row["type"] for row in ana] == ["day", "coaching", "reinforcement"]
    day, coaching, reinforcement = ana
    assert (day["date"], day["minutes"], day["note"]) == (
        "2026-11-16", "75", "Busy\nmorning, queue out the door",
    )  # fmt: skip
    assert coaching["member"] == "Sam Lee"
    assert coaching["standard"] == "Greet within 10 seconds"
    assert (coaching["observation"], coaching["action"]) == (
        "Greeting came late",
        "Greet within 10 s",
    )
    assert (coaching["follow_up_on"], coaching["follow_up_done_on"]) == ("2026-11-19", "2026-11-18")
    assert coaching["minutes"] == "" and coaching["note"] == ""
    assert reinforcement["kind"] == "customer_compliment"
    assert reinforcement["member"] == ""  # the whole team
    assert reinforcement["description"] == "Read out a 5-star review"
    entries = logbook.list_entries(journal_db)
    assert {row["uuid"] for row in rows} == {entry.uuid for entry in entries}


def test_rows_come_by_type_each_in_the_order_entries_were_saved(
    journal_db: Database, tmp_path: Path
) -> None:
    ana = people.find_leader(journal_db, "Ana Ruiz")
    logbook.add_day_log(
        journal_db, ana.id, "2026-11-01", 20, today=TODAY
    )  # saved last, dated first
    out = tmp_path / "entries.csv"
    csv_export.export_entries(journal_db, out)
    rows = read_csv(out)
    assert [(row["leader"], row["type"], row["date"]) for row in rows] == [
        ("Ana Ruiz", "day", "2026-11-16"),
        ("Ben Okafor", "day", "2026-11-02"),
        ("Ana Ruiz", "day", "2026-11-01"),
        ("Ana Ruiz", "coaching", "2026-11-17"),
        ("Ana Ruiz", "reinforcement", "2026-11-18"),
    ]


def test_file_is_rfc_4180_utf8_with_crlf_records_and_newlines_kept_in_cells(
    journal_db: Database, tmp_path: Path
) -> None:
    out = tmp_path / "entries.csv"
    csv_export.export_entries(journal_db, out)
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.startswith(b"type,uuid,date,leader,")
    assert raw.count(b"\r\n") == 5  # header + 4 records
    assert b'"Busy\nmorning, queue out the door"' in raw


def test_bom_is_written_only_when_asked(journal_db: Database, tmp_path: Path) -> None:
    csv_export.export_entries(journal_db, tmp_path / "bom.csv", bom=True)
    csv_export.export_weekly(journal_db, tmp_path / "week.csv", bom=True, today=TODAY)
    assert (tmp_path / "bom.csv").read_bytes().startswith(b"\xef\xbb\xbftype,")
    assert (tmp_path / "week.csv").read_bytes().startswith(b"\xef\xbb\xbfleader,")


def test_filters_by_leader_and_dates(journal_db: Database, tmp_path: Path) -> None:
    ana = people.find_leader(journal_db, "Ana Ruiz")
    out = tmp_path / "ana.csv"
    csv_export.export_entries(
        journal_db, out, leader_ids=[ana.id], start=dt.date(2026, 11, 17), end=dt.date(2026, 11, 17)
    )
    assert [(row["leader"], row["type"]) for row in read_csv(out)] == [("Ana Ruiz", "coaching")]


def test_formula_cells_are_neutralised_as_owasp_recommends(
    db: Database, leader: Leader, tmp_path: Path
) -> None:
    member = people.add_member(db, leader.id, "=Sam")
    for offset, text in enumerate(TRICKY):
        day = dt.date(2026, 10, 1) + dt.timedelta(days=offset)
        logbook.add_day_log(db, leader.id, day, 10, text, today=TODAY)
        logbook.add_reinforcement(db, leader.id, day, "praise", text, member.id, today=TODAY)
    out = tmp_path / "entries.csv"
    csv_export.export_entries(db, out)
    rows = read_csv(out)
    notes = [row["note"] for row in rows if row["type"] == "day"]
    descriptions = [row["description"] for row in rows if row["type"] == "reinforcement"]
    stored = [t.strip() for t in TRICKY]  # the journal trims notes
    assert notes == [neutralise(text) for text in stored] == descriptions
    assert notes[0] == "'" + stored[0]
    assert notes[4] == "''=already quoted"
    assert notes[6] == "'plain apostrophe"  # not a formula: left alone
    assert notes[7] == stored[7]
    assert {row["member"] for row in rows if row["type"] == "reinforcement"} == {"'=Sam"}
    assert not any(cell[:1] in FORMULA_TRIGGERS for row in rows for cell in row.values())


@given(st.text())
def test_neutralised_text_never_starts_a_formula_and_restores_exactly(text: str) -> None:
    safe = neutralise(text)
    assert safe[:1] not in FORMULA_TRIGGERS
    assert restore(safe) == text
    if text.lstrip("'")[:1] not in FORMULA_TRIGGERS:
        assert safe == text


def test_weekly_export_has_every_metric_column(
    db: Database, leader: Leader, tmp_path: Path
) -> None:
    sam = people.add_member(db, leader.id, "Sam Lee")
    for offset in range(5):
        day = dt.date(2026, 11, 9) + dt.timedelta(days=offset)
        logbook.add_day_log(db, leader.id, day, 60, today=TODAY)
        logbook.add_coaching_note(db, leader.id, day, sam.id, "seen", today=TODAY)
    out = tmp_path / "weekly.csv"
    result = csv_export.export_weekly(
        db, out, start=dt.date(2026, 11, 9), end=dt.date(2026, 11, 20), today=TODAY
    )
    rows = read_csv(out)
    assert tuple(rows[0]) == WEEKLY_COLUMNS
    assert result.rows == 2
    first = rows[0]
    assert (first["leader"], first["team"], first["week_start"]) == (
        "Ana Ruiz",
        "North",
        "2026-11-09",
    )
    assert first["workdays_scheduled"] == first["days_logged"] == "5"
    assert first["days_off"] == "0"
    assert (first["customer_minutes"], first["customer_target_minutes"]) == ("300", "300")
    assert (first["coaching_count"], first["coaching_target"]) == ("5", "3")
    weeks = reporting.weekly_figures(
        db, leader.id, dt.date(2026, 11, 9), dt.date(2026, 11, 20), today=TODAY
    )
    assert [row["consistency_score"] for row in rows] == [
        f"{w.consistency_score:.1f}" for w in weeks
    ]
    assert rows[1]["week_end"] == "2026-11-20"  # the current week stops at today
    assert rows[1]["current_streak"] == "0" and rows[0]["current_streak"] == "5"


def test_weekly_export_counts_days_off_and_the_targets_in_force_that_week(
    db: Database, leader: Leader, tmp_path: Path
) -> None:
    """Two days of leave and a Thursday holiday in the week of 9 Nov: 2 workdays judged, 3 off,
    the weekly targets shrunk to 2 of 5 days (3 -> 1.2 -> 1, 5 -> 2); from 16 Nov a target of 4."""
    people.set_start_date(db, leader.id, dt.date(2026, 11, 2))
    time_off.add(db, leader.id, "2026-11-09", "2026-11-10")
    holidays.add_company_day(db, "2026-11-12", "Founders' Day")
    settings_history.change_settings(
        db, leader.id, effective_from="2026-11-16", target_coaching=4, today=TODAY
    )
    out = tmp_path / "weekly.csv"
    csv_export.export_weekly(
        db, out, start=dt.date(2026, 11, 2), end=dt.date(2026, 11, 20), today=TODAY
    )
    rows = {row["week_start"]: row for row in read_csv(out)}
    columns = ("workdays_scheduled", "days_off", "customer_target_minutes", "coaching_target")
    assert [tuple(rows[week][c] for c in columns) for week in sorted(rows)] == [
        ("5", "0", "300", "3"),
        ("2", "3", "120", "1"),
        ("4", "0", "240", "4"),  # up to today, Friday: not logged yet, so not judged yet
    ]
    assert rows["2026-11-09"]["reinforcement_target"] == "2"


def test_failed_export_leaves_the_previous_file_untouched(
    journal_db: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "entries.csv"
    out.write_text("the good old export\n", encoding="utf-8")
    seen: list[tuple[int, int]] = []

    def cancel(done: int, total: int) -> None:
        seen.append((done, total))
        if done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        csv_export.export_entries(journal_db, out, progress=cancel)
    assert out.read_text(encoding="utf-8") == "the good old export\n"
    assert [p.name for p in folder.iterdir()] == ["entries.csv"]  # no temporary file left
    assert seen[0] == (0, 4)


def test_progress_reports_rows_written_up_to_the_total(
    journal_db: Database, tmp_path: Path
) -> None:
    seen: list[tuple[int, int]] = []
    csv_export.export_entries(
        journal_db, tmp_path / "e.csv", progress=lambda done, total: seen.append((done, total))
    )
    assert seen[0] == (0, 4) and seen[-1] == (4, 4)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_unwritable_target_is_a_clear_error(journal_db: Database, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(csv_export.ExportError, match="Cannot write"):
        csv_export.export_entries(journal_db, blocker / "entries.csv")


def test_cli_export_writes_the_file(journal_db: Database, tmp_path: Path) -> None:
    target = journal_db.url.render_as_string(hide_password=False)
    out = tmp_path / "cli.csv"
    done = subprocess.run(
        [sys.executable, "-m", "leaderlog", "--db", target, "export", "--what", "entries",
         "--out", str(out), "--leader", "ana ruiz", "--from", "2026-11-17", "--bom"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Wrote 2 entries rows" in done.stdout
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert [row["type"] for row in read_csv(out)] == ["coaching", "reinforcement"]
    unknown = subprocess.run(
        [sys.executable, "-m", "leaderlog", "--db", target, "export", "--what", "weekly",
         "--out", str(out), "--leader", "Nobody"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert unknown.returncode == 1
    assert "no leader named 'Nobody'" in unknown.stderr


def test_cli_week_start_setting_shapes_the_weekly_export(
    journal_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], app_paths: object
) -> None:
    from leaderlog.__main__ import main

    target = journal_db.url.render_as_string(hide_password=False)
    out = tmp_path / "weekly.csv"

    def weeks(*extra: str) -> list[str]:
        code = main(["--db", target, "export", "--what", "weekly", "--out", str(out),
                     "--from", "2026-11-16", "--to", "2026-11-18", *extra])  # fmt: skip
        assert code == 0, capsys.readouterr().err
        return sorted({row["week_start"] for row in read_csv(out)})

    assert weeks() == ["2026-11-16"]
    assert main(["--db", target, "week-start", "sunday"]) == 0
    assert "Weeks now start on Sunday" in capsys.readouterr().out
    assert weeks() == ["2026-11-15"]
    assert weeks("--week-start", "monday") == ["2026-11-16"]
    assert main(["--db", target, "week-start"]) == 0
    assert "Weeks start on Sunday" in capsys.readouterr().out
    assert reporting.get_week_start(journal_db) == "sunday"


def _peak_export_memory(path: Path, entries: int, out: Path) -> tuple[int, int]:
    from helpers.bulk_entries import insert_entries

    database = open_database(path)
    try:
        insert_entries(database, entries)
        gc.collect()
        tracemalloc.start()
        try:
            # one process (tracemalloc sees no worker): the stream every export path relies on
            result = csv_export.export_entries(database, out, workers=1)
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    finally:
        database.dispose()
    return result.rows, peak


@pytest.mark.slow
def test_export_memory_does_not_grow_with_the_number_of_rows(tmp_path: Path) -> None:
    small_rows, small_peak = _peak_export_memory(
        tmp_path / "small.sqlite3", 10_000, tmp_path / "small.csv"
    )
    large_rows, large_peak = _peak_export_memory(
        tmp_path / "large.sqlite3", 100_000, tmp_path / "large.csv"
    )
    assert (small_rows, large_rows) == (10_000, 100_000)
    assert (tmp_path / "large.csv").stat().st_size > 9 * (tmp_path / "small.csv").stat().st_size
    # ten times the rows: the peak stays within a chunk's worth of the small export's
    assert large_peak < small_peak * 1.5 + 1_000_000, (small_peak, large_peak)


def test_export_csv_names_the_unknown_kind(journal_db: Database, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="not an export; use entries or weekly"):
        csv_export.export_csv(journal_db, "everything", tmp_path / "x.csv")  # type: ignore[arg-type]
    assert not (tmp_path / "x.csv").exists()


# ------------------------------------------------------------ SQLite: cells in SQL, workers


@given(
    st.text(
        st.one_of(
            st.sampled_from(list(",\"'\r\n\t=+-@ \x00")),
            st.characters(blacklist_categories=("Cs",)),
        )
    )
)
def test_sqlite_cells_are_exactly_what_csv_writer_writes(text: str) -> None:
    # SQLite exports build each cell in SQL; any text must give csv.writer's bytes
    engine = create_engine("sqlite://")
    with engine.connect() as connection:
        cell = connection.execute(select(queries.csv_field(literal(text, String)))).scalar()
    line = io.StringIO()
    csv.writer(line, lineterminator="\r\n").writerow([neutralise(text), "next"])
    assert cell == line.getvalue().removesuffix(",next\r\n")


def _sqlite_journal(path: Path) -> Database:
    """A SQLite journal with every tricky text in each entry type (the parallel export is SQLite's)."""
    database = open_database(path)
    ana = people.add_leader(database, '=Ana, "the" lead', team="North")
    sam = people.add_member(database, ana.id, "'+Sam\nLee")
    greet = people.add_standard(database, "-Greet, fast")
    for offset, text in enumerate(TRICKY):
        day = dt.date(2026, 10, 1) + dt.timedelta(days=offset)
        logbook.add_day_log(database, ana.id, day, 10 + offset, text, today=TODAY)
        logbook.add_coaching_note(
            database, ana.id, day, sam.id, text, text, greet.id if offset % 2 else None,
            day + dt.timedelta(days=3) if offset % 3 else None, today=TODAY,
        )  # fmt: skip
        logbook.add_reinforcement(
            database, ana.id, day, "praise", text, sam.id if offset % 2 else None, today=TODAY
        )
    return database


@pytest.fixture
def sqlite_journal(tmp_path: Path) -> Database:
    database = _sqlite_journal(tmp_path / "tricky.sqlite3")
    yield database  # type: ignore[misc]
    database.dispose()


@pytest.fixture(scope="module")
def big_sqlite_journal(tmp_path_factory: pytest.TempPathFactory) -> Database:
    """36,000 entries: enough for the export to cut each entry type into several segments."""
    from helpers.bulk_entries import insert_entries

    database = open_database(tmp_path_factory.mktemp("big") / "big.sqlite3")
    insert_entries(database, 36_000)
    yield database  # type: ignore[misc]
    database.dispose()


def test_parallel_export_writes_the_same_bytes_as_one_stream(
    big_sqlite_journal: Database, tmp_path: Path
) -> None:
    ids = [1, 3, 5, 8]
    for options in ({}, {"bom": True}, {"leader_ids": ids, "start": dt.date(2020, 1, 20)}):
        one = csv_export.export_entries(
            big_sqlite_journal, tmp_path / "one.csv", workers=1, **options
        )
        split = csv_export.export_entries(
            big_sqlite_journal, tmp_path / "split.csv", workers=3, parallel_from_rows=0, **options
        )
        assert split.rows == one.rows > 0
        assert (tmp_path / "split.csv").read_bytes() == (tmp_path / "one.csv").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.csv", "split.csv"]


@pytest.mark.parametrize("period", [(None, None), (dt.date(2026, 10, 3), dt.date(2026, 10, 8))])
def test_sqlite_export_keeps_the_bytes_of_the_csv_writer_export(
    sqlite_journal: Database, tmp_path: Path, period: tuple[dt.date | None, dt.date | None]
) -> None:
    # the rows through csv.writer, as the export wrote them before cells were built in SQL
    start, end = period
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\r\n")
    writer.writerow(ENTRY_COLUMNS)
    with sqlite_journal.read() as session:
        for statement in queries.entry_export_statements(session, None, start, end):
            writer.writerows(session.execute(statement))
    for options in ({"workers": 1}, {"workers": 2, "parallel_from_rows": 0}):
        out = tmp_path / f"{options['workers']}.csv"
        csv_export.export_entries(sqlite_journal, out, start=start, end=end, **options)
        assert out.read_bytes() == expected.getvalue().encode("utf-8")


def test_parallel_export_progress_counts_every_row_up_to_the_total(
    big_sqlite_journal: Database, tmp_path: Path
) -> None:
    seen: list[tuple[int, int]] = []
    result = csv_export.export_entries(
        big_sqlite_journal,
        tmp_path / "e.csv",
        workers=2,
        parallel_from_rows=0,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen[0] == (0, 36_000) and seen[-1] == (36_000, 36_000) == (result.rows, 36_000)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert len(seen) > 10  # rows are reported as the workers write them, not at the end


def test_cancelling_a_parallel_export_leaves_no_file_and_no_segments(
    big_sqlite_journal: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "entries.csv").write_text("the good old export\n", encoding="utf-8")
    seen: list[int] = []

    def cancel(done: int, total: int) -> None:
        seen.append(done)
        if done >= 4_000:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        csv_export.export_entries(
            big_sqlite_journal, folder / "entries.csv", parallel_from_rows=0, progress=cancel
        )
    assert seen[-1] < 36_000
    assert [p.name for p in folder.iterdir()] == ["entries.csv"]  # no temporary file, no segment
    assert (folder / "entries.csv").read_text(encoding="utf-8") == "the good old export\n"


def test_worker_that_cannot_write_its_segment_is_a_clear_error_and_nothing_is_written(
    sqlite_journal: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()

    def remove_segment_folder(done: int, total: int) -> None:
        if done == 0:  # the workers have started; their segment folder goes away
            for path in folder.iterdir():
                if path.is_dir():
                    shutil.rmtree(path)

    with pytest.raises(csv_export.ExportError, match=r"Cannot write .*entries\.csv: No such file"):
        csv_export.export_entries(
            sqlite_journal,
            folder / "entries.csv",
            workers=2,
            parallel_from_rows=0,
            progress=remove_segment_folder,
        )
    assert list(folder.iterdir()) == []


def test_worker_reading_a_broken_statement_is_a_clear_error(tmp_path: Path) -> None:
    database = open_database(tmp_path / "j.sqlite3")
    database.dispose()
    broken = parallel_export.Segment(
        "SELECT no_such_column FROM day_log WHERE id BETWEEN ? AND ?", 1, 9
    )
    with (
        (tmp_path / "out.csv").open("wb") as target,
        pytest.raises(parallel_export.SegmentError, match="no such column") as failure,
    ):
        parallel_export.write_segments(
            tmp_path / "j.sqlite3", lambda: [broken], target, lambda rows: None, workers=2,
            beside=tmp_path,
        )  # fmt: skip
    assert failure.value.kind == "db"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["j.sqlite3", "out.csv"]  # no segments


def test_export_is_one_snapshot_even_when_the_journal_changes_while_workers_read(
    sqlite_journal: Database, tmp_path: Path
) -> None:
    ana = people.find_leader(sqlite_journal, '=Ana, "the" lead')
    added: list[bool] = []

    def save_while_exporting(done: int, total: int) -> None:
        if not added:  # another window saves a day log while the workers read
            added.append(True)
            logbook.add_day_log(sqlite_journal, ana.id, "2026-11-19", 99, "late save", today=TODAY)

    result = csv_export.export_entries(
        sqlite_journal,
        tmp_path / "during.csv",
        workers=2,
        parallel_from_rows=0,
        progress=save_while_exporting,
    )
    csv_export.export_entries(sqlite_journal, tmp_path / "after.csv", workers=1)
    assert (tmp_path / "during.csv").read_bytes() == (tmp_path / "after.csv").read_bytes()
    assert result.rows == 3 * len(TRICKY) + 1


def test_without_its_worker_program_the_export_is_written_in_one_process(
    sqlite_journal: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csv_export.export_entries(sqlite_journal, tmp_path / "one.csv", workers=1)
    # e.g. a frozen app that ships no export_worker.py
    monkeypatch.setattr(parallel_export, "_WORKER_SCRIPT", str(tmp_path / "missing.py"))
    result = csv_export.export_entries(
        sqlite_journal, tmp_path / "fallback.csv", workers=2, parallel_from_rows=0
    )
    assert result.rows == 3 * len(TRICKY)
    assert (tmp_path / "fallback.csv").read_bytes() == (tmp_path / "one.csv").read_bytes()


def test_a_worker_that_dies_is_a_clear_error_naming_its_last_words(
    sqlite_journal: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dying = tmp_path / "dying_worker.py"
    dying.write_text("import sys\nsys.exit('out of memory, say')\n", encoding="utf-8")
    monkeypatch.setattr(parallel_export, "_WORKER_SCRIPT", str(dying))
    folder = tmp_path / "exports"
    with pytest.raises(
        csv_export.ExportError, match=r"export worker stopped unexpectedly \(out of memory, say\)"
    ):
        csv_export.export_entries(
            sqlite_journal, folder / "entries.csv", workers=2, parallel_from_rows=0
        )
    assert list(folder.iterdir()) == []
