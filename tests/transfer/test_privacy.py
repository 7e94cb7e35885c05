"""Coaching notes are personal data: private files, export and erase of one team member, atomic exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from leaderlog.__main__ import main
from leaderlog.core.atomic import atomic_write
from leaderlog.core.paths import AppPaths
from leaderlog.core.records import Leader
from leaderlog.data.engine import Database
from leaderlog.data.file_copies import backup_folder
from leaderlog.data.store import open_database
from leaderlog.journal import logbook, people
from leaderlog.safety import backups
from leaderlog.transfer import privacy

# a name whose bytes occur nowhere else in a journal
NAME = "Zoë Quillfeather"
DAY = dt.date(2026, 11, 2)
posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def files_of(db_path: Path) -> dict[str, bytes]:
    return {
        suffix or "db": db_path.with_name(db_path.name + suffix).read_bytes()
        for suffix in ("", "-wal")
        if db_path.with_name(db_path.name + suffix).exists()
    }


def name_forms() -> list[bytes]:
    """The name as typed, in other cases and encodings, and as search-index tokens."""
    words = [word.casefold() for word in NAME.split() if len(word) >= 5]
    unaccented = [
        unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode() for w in words
    ]
    forms = [NAME, NAME.casefold(), NAME.upper(), *words, *unaccented]
    return [form.encode() for form in forms] + [NAME.encode("utf-16-le")]


@pytest.fixture
def team(db: Database, leader: Leader) -> dict[str, int]:
    """Zoë with notes and reinforcements, Sam whose note mentions her, and a day log naming her."""
    zoe = people.add_member(db, leader.id, NAME)
    sam = people.add_member(db, leader.id, "Sam Lee")
    greet = people.add_standard(db, "Greet within 10 seconds")
    for offset in range(3):
        day = DAY + dt.timedelta(days=offset)
        logbook.add_coaching_note(
            db, leader.id, day, zoe.id, f"{NAME} greeted late", "practise", greet.id, today=day
        )
        logbook.add_reinforcement(db, leader.id, day, "praise", "Quick greeting", zoe.id, today=day)
    logbook.add_coaching_note(
        db, leader.id, DAY, sam.id, f"Sam covered for {NAME.lower()} at the till", today=DAY
    )
    logbook.add_coaching_note(db, leader.id, DAY, sam.id, "=SUM(A1:A9) typed in a note", today=DAY)
    logbook.add_reinforcement(
        db, leader.id, DAY, "team_celebration", f"Cake for {NAME}'s first month", today=DAY
    )
    logbook.add_day_log(db, leader.id, DAY, 45, f"Long talk with {NAME}", today=DAY)
    return {"zoe": zoe.id, "sam": sam.id}


@posix_only
def test_data_folder_database_wal_backups_and_exports_are_private_under_umask_022(
    app_paths: AppPaths, umask_022: None, tmp_path: Path
) -> None:
    db = open_database(app_paths.database_file)
    try:
        leader = people.add_leader(db, "Ana Ruiz")
        member = people.add_member(db, leader.id, NAME)
        logbook.add_coaching_note(db, leader.id, DAY, member.id, "observed", today=DAY)
        wal = app_paths.database_file.with_name(app_paths.database_file.name + "-wal")
        shm = app_paths.database_file.with_name(app_paths.database_file.name + "-shm")
        assert wal.exists() and shm.exists()  # the connection is open: both are in use
        backup = backups.create_backup(app_paths.database_file, "manual")
        export = privacy.export_member(db, member.id, tmp_path / "exports" / "zoe.csv")
        modes = {
            path: path.stat().st_mode & 0o777
            for path in (app_paths.database_file, wal, shm, backup.path, export.path)
        }
        assert modes == dict.fromkeys(modes, 0o600)
        assert app_paths.data_dir.stat().st_mode & 0o777 == 0o700
        assert backup_folder(app_paths.database_file).stat().st_mode & 0o777 == 0o700
    finally:
        db.dispose()


def test_after_erasing_a_member_their_name_is_nowhere_in_the_database_or_wal(
    db: Database, db_path: Path, team: dict[str, int]
) -> None:
    before = files_of(db_path)
    assert any(NAME.encode() in data for data in before.values())  # the check can fail
    assert any(b"quillfeather" in data for data in before.values())  # a search-index token

    outcome = privacy.erase_member(db, team["zoe"])

    # checked while the journal is still open, as it is in the app
    after = files_of(db_path)
    for where, data in after.items():
        for form in name_forms():
            assert form not in data, f"{form!r} still in {where}"
    assert outcome.plan.coaching_notes == 3 and outcome.plan.reinforcements == 3
    assert outcome.plan.mentions == 3
    remaining = logbook.list_entries(db)
    assert len(remaining) == 4  # Sam's two notes, the celebration, the day log
    texts = " ".join(
        getattr(entry, field)
        for entry in remaining
        for field in ("observation", "description", "note")
        if hasattr(entry, field)
    )
    assert "Sam covered for [erased] at the till" in texts
    assert "Cake for [erased]'s first month" in texts
    assert [m.name for m in people.list_members(db, include_archived=True)] == ["Sam Lee"]
    db.dispose()
    for data in files_of(db_path).values():
        for form in name_forms():
            assert form not in data


def test_erase_is_all_or_nothing(
    db: Database, team: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_delete = privacy.delete
    calls: list[object] = []

    def failing_delete(model: type) -> object:
        calls.append(model)
        if len(calls) == 3:  # notes and reinforcements are gone by now, in the transaction
            raise OSError("disk unplugged")
        return real_delete(model)

    monkeypatch.setattr(privacy, "delete", failing_delete)
    with pytest.raises(OSError, match="disk unplugged"):
        privacy.erase_member(db, team["zoe"])

    assert len(logbook.list_entries(db)) == 10
    assert NAME in [m.name for m in people.list_members(db)]
    assert any(NAME.lower() in getattr(e, "observation", "") for e in logbook.list_entries(db))


def test_a_before_erase_backup_is_made_and_purging_replaces_every_backup(
    db: Database, db_path: Path, team: dict[str, int]
) -> None:
    outcome = privacy.erase_member(db, team["zoe"])
    assert outcome.backup is not None and outcome.backup.reason == "before-erase"
    assert NAME.encode() in outcome.backup.path.read_bytes()  # why docs tell how to purge
    fresh, removed = backups.purge_backups(db_path)
    assert outcome.backup.path in removed
    assert NAME.encode() not in fresh.path.read_bytes()


def test_export_holds_everything_about_the_member_and_is_safe_in_a_spreadsheet(
    db: Database, team: dict[str, int], tmp_path: Path
) -> None:
    result = privacy.export_member(db, team["zoe"], tmp_path / "zoe.csv")
    with result.path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    kinds = [row["record"] for row in rows]
    assert kinds.count("team member") == 1
    assert kinds.count("coaching note") == 3
    assert kinds.count("reinforcement") == 3
    assert {row["text"] for row in rows if row["record"].startswith("mention")} == {
        f"Sam covered for {NAME.lower()} at the till",
        f"Cake for {NAME}'s first month",
        f"Long talk with {NAME}",
    }
    assert (result.coaching_notes, result.reinforcements, result.mentions) == (3, 3, 3)
    assert all(row["team_member"] == NAME for row in rows if row["record"] != "team member" and not row["record"].startswith("mention"))  # fmt: skip
    assert rows[1]["date"] == "2026-11-02" and rows[1]["standard"] == "Greet within 10 seconds"
    # Sam's formula-looking note is not about Zoë, so it is not exported at all
    assert not any("SUM" in row["text"] for row in rows)


def test_export_neutralises_cells_a_spreadsheet_would_run(
    db: Database, leader: Leader, tmp_path: Path
) -> None:
    member = people.add_member(db, leader.id, "Kim Park")
    logbook.add_coaching_note(db, leader.id, DAY, member.id, "=HYPERLINK(1)", "+1 more", today=DAY)
    result = privacy.export_member(db, member.id, tmp_path / "kim.csv")
    text = result.path.read_text(encoding="utf-8")
    assert "'=HYPERLINK(1)" in text and "'+1 more" in text


def test_exports_are_atomic_a_failure_leaves_the_old_complete_file(
    db: Database, team: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "zoe.csv"
    privacy.export_member(db, team["zoe"], out)
    complete = out.read_bytes()
    real_cell = privacy._cell
    calls = iter(range(10_000))

    def failing_cell(value: object) -> str:
        if next(calls) == 40:  # part-way through the rows
            raise RuntimeError("export interrupted")
        return real_cell(value)

    monkeypatch.setattr(privacy, "_cell", failing_cell)
    with pytest.raises(RuntimeError, match="export interrupted"):
        privacy.export_member(db, team["zoe"], out)
    assert out.read_bytes() == complete
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


def test_atomic_write_never_leaves_a_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    target.write_text("old complete")
    with pytest.raises(ValueError), atomic_write(target) as handle:
        handle.write("new but")
        raise ValueError("crash in the middle")
    assert target.read_text() == "old complete"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_cli_member_export_and_erase(
    capsys: pytest.CaptureFixture[str],
    db: Database,
    db_path: Path,
    team: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    app_paths: AppPaths,
) -> None:
    out = tmp_path / "sar.csv"
    code = main(["--db", str(db_path), "member", "export", NAME, "--leader", "Ana Ruiz", "--out", str(out)])  # fmt: skip
    assert code == 0 and "3 coaching notes" in capsys.readouterr().out
    assert out.exists()

    monkeypatch.setattr("sys.stdin", io.StringIO("someone else\n"))
    code = main(["--db", str(db_path), "member", "erase", NAME, "--leader", "Ana Ruiz"])
    assert code == 1 and "Nothing was erased" in capsys.readouterr().out
    assert NAME in [m.name for m in people.list_members(db)]

    monkeypatch.setattr("sys.stdin", io.StringIO(NAME.upper() + "\n"))
    code = main(["--db", str(db_path), "member", "erase", NAME, "--leader", "Ana Ruiz", "--purge-backups"])  # fmt: skip
    assert code == 0 and f"Erased {NAME}" in capsys.readouterr().out
    assert [m.name for m in people.list_members(db)] == ["Sam Lee"]
    for info in backups.list_backups(db_path):
        assert NAME.encode() not in info.path.read_bytes()


@pytest.mark.all_backends
def test_export_and_erase_work_on_every_backend(
    db: Database, team: dict[str, int], tmp_path: Path
) -> None:
    exported = privacy.export_member(db, team["zoe"], tmp_path / "zoe.csv")
    assert (exported.coaching_notes, exported.reinforcements, exported.mentions) == (3, 3, 3)
    outcome = privacy.erase_member(db, team["zoe"])
    assert outcome.plan.coaching_notes == 3
    assert [m.name for m in people.list_members(db, include_archived=True)] == ["Sam Lee"]
    remaining = logbook.list_entries(db)
    assert len(remaining) == 4
    assert not any(NAME.casefold() in str(entry).casefold() for entry in remaining)


def test_only_whole_word_mentions_of_the_name_are_erased(db: Database, leader: Leader) -> None:
    sam = people.add_member(db, leader.id, "Sam Lee")
    logbook.add_day_log(db, leader.id, DAY, 30, "Sam Leeson covered; sam lee left early", today=DAY)
    assert privacy.erase_plan(db, sam.id).mentions == 1
    privacy.erase_member(db, sam.id)
    [log] = logbook.list_entries(db)
    assert log.note == "Sam Leeson covered; [erased] left early"  # type: ignore[union-attr]
