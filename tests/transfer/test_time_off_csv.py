"""Leave and company days out to CSV and back: a round trip, all or nothing, problems by line and column."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaderlog.core.errors import ValidationError
from leaderlog.data.engine import Database
from leaderlog.data.store import open_database
from leaderlog.journal import holidays, people, time_off
from leaderlog.transfer.csv_import import ImportFailedError
from leaderlog.transfer.time_off_csv import (
    LEAVE_COLUMNS,
    export_company_days,
    export_leave,
    import_company_days,
    import_leave,
)


def _ranges(db: Database) -> list[tuple[str, dt.date, dt.date, str, str]]:
    names = {leader.id: leader.name for leader in people.list_leaders(db, include_archived=True)}
    return sorted(
        (names[r.leader_id], r.first_day, r.last_day, r.kind, r.note)
        for r in time_off.list_time_off(db)
    )


@pytest.fixture
def two_leaders(db: Database) -> tuple[int, int]:
    ana = people.add_leader(db, "Ana Ruiz", team="North")
    ben = people.add_leader(db, "Ben Okafor", team="South")
    return ana.id, ben.id


def test_leave_round_trips_into_an_empty_journal(
    db: Database, two_leaders: tuple[int, int], tmp_path: Path
) -> None:
    ana, ben = two_leaders
    time_off.add(db, ana, "2026-08-03", "2026-08-14", "vacation", 'Summer, in "Porto"\nback 17th')
    time_off.add(db, ana, "2026-09-07", None, "sick", "=SUM(A1)")
    time_off.add(db, ben, "2026-10-01", "2026-10-02", "training", "")
    out = tmp_path / "leave.csv"
    assert export_leave(db, out) == 3
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(LEAVE_COLUMNS)
    assert "'=SUM(A1)" in text  # a spreadsheet shows the note instead of running it

    other = open_database(tmp_path / "other.sqlite3")
    try:
        people.add_leader(other, "Ana Ruiz")
        people.add_leader(other, "Ben Okafor")
        result = import_leave(other, out)
        assert (result.added, result.updated, result.unchanged) == (3, 0, 0)
        assert _ranges(other) == _ranges(db)
        # the same file again changes nothing; exporting again gives the same bytes
        again = import_leave(other, out)
        assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
        second = tmp_path / "again.csv"
        export_leave(other, second)
        assert second.read_bytes() == out.read_bytes()
    finally:
        other.dispose()


def test_export_of_one_leader_holds_only_their_leave(
    db: Database, two_leaders: tuple[int, int], tmp_path: Path
) -> None:
    ana, ben = two_leaders
    time_off.add(db, ana, "2026-08-03")
    time_off.add(db, ben, "2026-08-04")
    out = tmp_path / "ben.csv"
    assert export_leave(db, out, [ben]) == 1
    assert "Ben Okafor" in out.read_text() and "Ana Ruiz" not in out.read_text()


def test_a_row_edited_in_the_sheet_updates_its_range_by_uuid(
    db: Database, two_leaders: tuple[int, int], tmp_path: Path
) -> None:
    ana, _ = two_leaders
    saved = time_off.add(db, ana, "2026-08-03", "2026-08-14")
    out = tmp_path / "leave.csv"
    export_leave(db, out)
    out.write_text(out.read_text().replace("2026-08-14,vacation", "2026-08-07,sick"))
    result = import_leave(db, out)
    assert (result.added, result.updated, result.unchanged) == (0, 1, 0)
    changed = time_off.get(db, saved.id)
    assert (changed.last_day, changed.kind) == (dt.date(2026, 8, 7), "sick")


def test_a_hand_made_sheet_needs_only_leader_and_from(
    db: Database, two_leaders: tuple[int, int], tmp_path: Path
) -> None:
    sheet = tmp_path / "hand.csv"
    sheet.write_text(
        "Leader,From,To,Kind\nana ruiz,2026-12-21,2026-12-31,Sick leave\nBen Okafor,2026-12-24,,\n",
        encoding="utf-8-sig",  # as a spreadsheet saves "CSV UTF-8"
    )
    assert import_leave(db, sheet).added == 2
    assert _ranges(db) == [
        ("Ana Ruiz", dt.date(2026, 12, 21), dt.date(2026, 12, 31), "sick", ""),
        ("Ben Okafor", dt.date(2026, 12, 24), dt.date(2026, 12, 24), "vacation", ""),
    ]
    # no uuids: the same dates of the same leader are recognised, so nothing doubles
    assert import_leave(db, sheet).unchanged == 2
    assert len(_ranges(db)) == 2


def test_a_sheet_without_kind_or_note_leaves_them_as_they_were(
    db: Database, two_leaders: tuple[int, int], tmp_path: Path
) -> None:
    ana, _ = two_leaders
    time_off.add(db, ana, "2026-09-07", "2026-09-08", "sick", "flu")
    sheet = tmp_path / "dates-only.csv"
    sheet.write_text("leader,from,to\nAna Ruiz,2026-09-07,2026-09-08\nAna Ruiz,2026-10-05,\n")
    result = import_leave(db, sheet)
    assert (result.added, result.updated, result.unchanged) == (1, 0, 1)
    assert _ranges(db) == [
        ("Ana Ruiz", dt.date(2026, 9, 7), dt.date(2026, 9, 8), "sick", "flu"),
        ("Ana Ruiz", dt.date(2026, 10, 5), dt.date(2026, 10, 5), "vacation", ""),
    ]


def test_every_problem_is_listed_by_line_and_column_and_nothing_is_imported(
    db: Database, two_leaders: tuple[int, int], tmp_path: Path
) -> None:
    ana, _ = two_leaders
    time_off.add(db, ana, "2026-08-03", "2026-08-14")
    sheet = tmp_path / "bad.csv"
    sheet.write_text(
        "uuid,leader,from,to,kind,note\n"
        ",Ben Okafor,2026-11-02,2026-11-03,vacation,fine on its own\n"
        ",Ana Ruis,2026-11-02,,vacation,\n"
        ",Ana Ruiz,2026-02-30,,vacation,\n"
        ",Ana Ruiz,2026-11-09,2026-11-02,holiday,\n"
        "not-a-uuid,Ana Ruiz,2026-08-10,2026-08-20,vacation,\n"
        ",Ben Okafor,2026-11-03,,sick,\n"
        ",Ana Ruiz,2026-12-01\n"
    )
    with pytest.raises(ImportFailedError) as caught:
        import_leave(db, sheet)
    assert [str(p) for p in caught.value.problems] == [
        "line 3, column B (leader): no leader named 'Ana Ruis'; did you mean Ana Ruiz?",
        "line 4, column C (from): '2026-02-30' is not a real calendar date",
        "line 5, column E (kind): 'holiday' is not a kind of leave; use one of vacation, sick, "
        "training, other",
        "line 6, column A (uuid): 'not-a-uuid' is not a UUID; leave it empty for new leave",
        "line 7, column C (from): overlaps line 2; merge the two or change the dates",
        "line 8, column D (to): the row has 3 columns, the header 6; check its commas",
    ]
    # the good row on line 2 was not imported either
    assert _ranges(db) == [("Ana Ruiz", dt.date(2026, 8, 3), dt.date(2026, 8, 14), "vacation", "")]


def test_a_row_overlapping_saved_leave_names_the_saved_range(
    db: Database, two_leaders: tuple[int, int], tmp_path: Path
) -> None:
    ana, _ = two_leaders
    saved = time_off.add(db, ana, "2026-08-03", "2026-08-14")
    sheet = tmp_path / "overlap.csv"
    sheet.write_text("leader,from,to\nAna Ruiz,2026-08-10,2026-08-21\n")
    with pytest.raises(ImportFailedError) as caught:
        import_leave(db, sheet)
    assert [str(p) for p in caught.value.problems] == [
        f"line 2, column B (from): overlaps vacation 2026-08-03 to 2026-08-14 (#{saved.id}) "
        "already recorded; merge the two or change the dates"
    ]


def test_moving_a_saved_range_in_the_sheet_is_no_overlap_with_its_old_dates(
    db: Database, two_leaders: tuple[int, int], tmp_path: Path
) -> None:
    ana, _ = two_leaders
    time_off.add(db, ana, "2026-08-03", "2026-08-14")
    out = tmp_path / "leave.csv"
    export_leave(db, out)
    out.write_text(out.read_text().replace("2026-08-03,2026-08-14", "2026-08-10,2026-08-21"))
    assert import_leave(db, out).updated == 1
    assert _ranges(db)[0][1:3] == (dt.date(2026, 8, 10), dt.date(2026, 8, 21))


def test_a_file_that_is_not_a_leave_csv_is_refused_at_its_header(
    db: Database, tmp_path: Path
) -> None:
    sheet = tmp_path / "entries.csv"
    sheet.write_text("date,leader,minutes\n2026-08-03,Ana Ruiz,30\n")
    with pytest.raises(ValidationError, match=r"line 1: missing column\(s\) from; unknown column"):
        import_leave(db, sheet)
    with pytest.raises(ValidationError, match="does not exist"):
        import_leave(db, tmp_path / "missing.csv")


def test_company_days_round_trip_through_the_holidays_import(db: Database, tmp_path: Path) -> None:
    holidays.add_company_day(db, "2026-12-24", "Christmas Eve")
    holidays.add_company_day(db, "2026-12-31", "New Year's Eve, afternoon")
    holidays.add_company_day(db, "2026-07-03", "North summer party", team="North")
    org, north = tmp_path / "org.csv", tmp_path / "north.csv"
    assert export_company_days(db, org) == 2
    assert export_company_days(db, north, "North") == 1
    assert org.read_text().splitlines() == [
        "date,name",
        "2026-12-24,Christmas Eve",
        '2026-12-31,"New Year\'s Eve, afternoon"',
    ]

    other = open_database(tmp_path / "other.sqlite3")
    try:
        assert import_company_days(other, org).added == 2
        assert import_company_days(other, north, "North").added == 1
        assert import_company_days(other, org).changed is False  # twice changes nothing
        days = [(d.day, d.name, d.team) for d in holidays.list_company_days(other)]
        assert days == [(d.day, d.name, d.team) for d in holidays.list_company_days(db)]
    finally:
        other.dispose()


_NOTES = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029")
    | st.sampled_from("\n\t,\"'=+-@"),
    max_size=30,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    spans=st.lists(
        st.tuples(
            st.integers(0, 1),
            st.integers(0, 400),
            st.integers(0, 20),
            st.sampled_from(("vacation", "sick", "training", "other")),
            _NOTES,
        ),
        max_size=8,
    )
)
def test_any_leave_the_journal_accepts_round_trips(
    spans: list[tuple[int, int, int, str, str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("round")
    source, target = open_database(folder / "a.sqlite3"), open_database(folder / "b.sqlite3")
    try:
        for database in (source, target):
            for name in ("Ana Ruiz", "Ben Okafor"):
                people.add_leader(database, name)
        source_ids = [leader.id for leader in people.list_leaders(source)]
        start = dt.date(2026, 1, 1)
        for who, offset, length, kind, note in spans:
            first = start + dt.timedelta(days=offset)
            # an overlap or a note the journal refuses is not part of the journal
            with contextlib.suppress(ValidationError):
                time_off.add(
                    source, source_ids[who], first, first + dt.timedelta(days=length), kind, note
                )
        out = folder / "leave.csv"
        export_leave(source, out)
        import_leave(target, out)
        assert _ranges(target) == _ranges(source)
    finally:
        source.dispose()
        target.dispose()
