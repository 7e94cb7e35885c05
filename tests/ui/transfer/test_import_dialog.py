"""File › Import CSV…: a preview first; a file with problems lists each by line and column and imports nothing."""

from __future__ import annotations

from pathlib import Path

from leaderlog.journal import listing
from leaderlog.ui.transfer.import_dialog import ImportCsvDialog


def sheet(path: Path, *lines: str) -> Path:
    path.write_text("date,leader,minutes,note\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_clean_sheet_is_previewed_then_imported(db, leader, open_window, qtbot, tmp_path):
    window = open_window()
    dialog = ImportCsvDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.show_file(
        sheet(tmp_path / "days.csv", "2026-11-18,Ana Ruiz,30,", "2026-11-19,Ana Ruiz,45,busy")
    )
    assert "2 rows: 2 day logs" in dialog.summary_label.text()
    assert dialog.rows_table.rowCount() == 2
    assert dialog.rows_table.item(1, 2).text() == "45"
    assert listing.list_entries(db) == []  # nothing before Import
    with qtbot.waitSignal(window.context.entries_changed):
        dialog.import_button.click()
    assert sorted(entry.minutes for entry in listing.list_entries(db)) == [30, 45]
    assert "Imported 2 day" in dialog.summary_label.text()


def test_every_problem_is_listed_by_line_and_column_and_nothing_is_imported(
    db, leader, open_window, qtbot, tmp_path
):
    window = open_window()
    dialog = ImportCsvDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.show_file(
        sheet(
            tmp_path / "bad.csv",
            "2026-11-18,Ana Ruiz,30,",
            "2026-11-19,Ana Ruiz,lots,",
            "2026-13-01,Ana Ruiz,20,",
        )
    )
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.problems_table.rowCount() > 0)
    cells = [
        (dialog.problems_table.item(row, 0).text(), dialog.problems_table.item(row, 1).text())
        for row in range(dialog.problems_table.rowCount())
    ]
    assert cells == [("3", "C (minutes)"), ("4", "A (date)")]
    assert "Nothing was imported: 2 problem(s)" in dialog.summary_label.text()
    assert listing.list_entries(db) == []
    assert dialog.import_button.isEnabled()  # fixed on disk, it can be tried again


def test_a_file_that_is_not_an_import_cannot_be_imported(db, leader, open_window, qtbot, tmp_path):
    window = open_window()
    dialog = ImportCsvDialog(window.context, window)
    qtbot.addWidget(dialog)
    other = tmp_path / "other.csv"
    other.write_text("name,amount\nx,1\n", encoding="utf-8")
    dialog.show_file(other)
    assert "neither LeaderLog's entries export" in dialog.summary_label.text()
    assert not dialog.import_button.isEnabled()
