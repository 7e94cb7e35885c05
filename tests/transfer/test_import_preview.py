"""The import's preview: what a file holds (rows per kind, first rows) before anything is checked or imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from leaderlog.journal import logbook, people
from leaderlog.transfer import csv_export
from leaderlog.transfer.import_preview import PreviewError, preview_csv


def test_an_entries_export_is_counted_by_kind(db, leader, tmp_path: Path, today):
    member = people.add_member(db, leader.id, "Sam")
    logbook.add_day_log(db, leader.id, today, 30, today=today)
    logbook.add_reinforcement(db, leader.id, today, "recognition", "Calm", member.id, today=today)
    path = tmp_path / "entries.csv"
    csv_export.export_entries(db, path, bom=True)
    preview = preview_csv(path)
    assert preview.layout == "entries"
    assert preview.rows == 2
    assert preview.by_kind["day"] == 1 and preview.by_kind["reinforcement"] == 1
    assert preview.header[0] == "type"  # the BOM is not part of the first column's name
    assert preview.describe() == "2 rows: 1 day logs, 1 reinforcements"


def test_a_simple_sheet_is_all_day_logs_and_shows_its_first_rows(tmp_path: Path):
    path = tmp_path / "sheet.csv"
    lines = ["date,leader,minutes,note"] + [f"2026-11-{d:02d},Ana,{d},x" for d in range(1, 16)]
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    preview = preview_csv(path, first=10)
    assert (preview.layout, preview.rows, preview.by_kind["day"]) == ("simple", 15, 15)
    assert preview.first_rows[0] == ("2026-11-01", "Ana", "1", "x")
    assert len(preview.first_rows) == 10


def test_an_unknown_header_says_what_is_expected(tmp_path: Path):
    path = tmp_path / "other.csv"
    path.write_text("name,amount\nx,1\n", encoding="utf-8")
    preview = preview_csv(path)
    assert preview.layout == "unknown"
    assert "date, leader, minutes" in preview.describe()


def test_an_empty_or_missing_file_is_a_plain_error(tmp_path: Path):
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(PreviewError, match="empty"):
        preview_csv(empty)
    with pytest.raises(PreviewError, match="Cannot read"):
        preview_csv(tmp_path / "missing.csv")
