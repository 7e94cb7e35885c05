"""File › Export CSV…: the chosen rows reach the file in the background, cancel leaves nothing, Show in folder opens it."""

from __future__ import annotations

import csv
import datetime as dt
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from leaderlog.journal import logbook, people
from leaderlog.transfer import csv_export
from leaderlog.ui.transfer import export_dialog
from leaderlog.ui.transfer.export_dialog import ExportCsvDialog
from leaderlog.ui.transfer.periods import preset_period

FRIDAY = dt.date(2026, 11, 20)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_exports_the_chosen_leaders_entries_of_the_period_with_a_bom(
    db, leader, open_window, qtbot, tmp_path
):
    other = people.add_leader(db, "Bo Chen", team="South")
    logbook.add_day_log(db, leader.id, FRIDAY, 30, today=FRIDAY)
    logbook.add_day_log(db, leader.id, FRIDAY - dt.timedelta(days=200), 10, today=FRIDAY)
    logbook.add_day_log(db, other.id, FRIDAY, 45, today=FRIDAY)
    window = open_window()
    window.context.set_leader(leader)
    dialog = ExportCsvDialog(window.context, window)
    qtbot.addWidget(dialog)
    assert dialog.whose_combo.currentText() == "Ana Ruiz (North)"  # the chosen leader
    assert dialog.period_combo.currentText() == "Last 12 weeks"
    dialog.bom_check.setChecked(True)
    out = tmp_path / "ana"
    dialog.export_to(out)
    qtbot.waitUntil(lambda: dialog.written is not None)
    written = tmp_path / "ana.csv"
    assert written.read_bytes().startswith(b"\xef\xbb\xbf")
    assert [(r["leader"], r["minutes"]) for r in rows(written)] == [("Ana Ruiz", "30")]
    assert "Wrote 1 entries" in dialog.status_label.text()
    assert dialog.show_folder_button.isVisible() or not dialog.isVisible()
    assert not dialog.cancel_button.isVisible()


def test_weekly_summaries_of_a_team(db, leader, open_window, qtbot, tmp_path):
    people.add_leader(db, "Bo Chen", team="South")
    cy = people.add_leader(db, "Cy Dale", team="North")
    for started in (leader, cy):  # both in post long before last week
        people.set_start_date(db, started.id, "2026-01-05")
    window = open_window()
    dialog = ExportCsvDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.weekly_radio.setChecked(True)
    dialog.whose_combo.setCurrentIndex(dialog.whose_combo.findText("Team North (2 leaders)"))
    dialog.period_combo.setCurrentText("Last week")
    dialog.export_to(tmp_path / "weekly.csv")
    qtbot.waitUntil(lambda: dialog.written is not None)
    weeks = rows(tmp_path / "weekly.csv")
    assert {r["leader"] for r in weeks} == {"Ana Ruiz", "Cy Dale"}
    assert {r["week_start"] for r in weeks} == {"2026-11-09"}


def test_typing_dates_makes_the_period_custom_and_a_reversed_one_is_explained(
    db, leader, open_window, qtbot, tmp_path
):
    window = open_window()
    dialog = ExportCsvDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.to_edit.setDate(dialog.from_edit.date().addDays(-3))
    assert dialog.period_combo.currentText() == "Custom"
    dialog.export_to(tmp_path / "x.csv")
    qtbot.waitUntil(lambda: "Nothing was exported" in dialog.status_label.text())
    assert "is before" in dialog.status_label.text()
    assert not (tmp_path / "x.csv").exists()


def test_cancel_leaves_no_file_and_says_so(db, leader, open_window, qtbot, tmp_path, monkeypatch):
    logbook.add_day_log(db, leader.id, FRIDAY, 30, today=FRIDAY)
    may_start = threading.Event()
    real_export = csv_export.export_csv

    def export_when_allowed(*args, **kwargs):  # the real export, held until Cancel was pressed
        may_start.wait(10)
        return real_export(*args, **kwargs)

    monkeypatch.setattr(export_dialog.csv_export, "export_csv", export_when_allowed)
    window = open_window()
    dialog = ExportCsvDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.export_to(tmp_path / "cancelled.csv")
    assert dialog.progress_bar.isVisible() and dialog.cancel_button.isVisible()
    dialog.cancel_button.click()
    may_start.set()
    qtbot.waitUntil(lambda: "cancelled" in dialog.status_label.text())
    assert "no file was written" in dialog.status_label.text()
    assert list(tmp_path.glob("*cancelled*")) == []
    assert dialog.export_button.isEnabled()


class UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


def test_show_in_folder_opens_the_folder_of_the_file(db, leader, open_window, qtbot, tmp_path):
    window = open_window()
    dialog = ExportCsvDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.export_to(tmp_path / "out" / "entries.csv")
    qtbot.waitUntil(lambda: dialog.written is not None)
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        dialog.show_folder_button.click()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [url.toLocalFile() for url in catcher.opened] == [str(tmp_path / "out")]


def test_period_presets_end_today_at_the_latest():
    assert preset_period("This week", FRIDAY) == (dt.date(2026, 11, 16), FRIDAY)
    assert preset_period("This week", FRIDAY, "sunday") == (dt.date(2026, 11, 15), FRIDAY)
    assert preset_period("Last week", FRIDAY) == (dt.date(2026, 11, 9), dt.date(2026, 11, 15))
    assert preset_period("Last month", FRIDAY) == (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert preset_period("Last 4 weeks", FRIDAY) == (dt.date(2026, 10, 26), FRIDAY)
    assert preset_period("Last year", FRIDAY) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert preset_period("Everything", FRIDAY) == (None, None)


def test_file_menu_offers_csv_export_and_import_and_the_shortcuts_list_names_them(
    db, leader, open_window
):
    from leaderlog.ui.window.help_dialogs import menu_shortcuts

    window = open_window()
    listed = dict((what, keys) for keys, what in menu_shortcuts(window))
    assert listed["Export CSV"] == "Ctrl+E"
    assert listed["Import CSV"] == "Ctrl+I"
    assert listed["Preferences"] == "Ctrl+,"
    assert listed["Export chart"] == "Ctrl+Shift+E"
    assert len(set(listed.values())) == len(listed)  # no shortcut does two things
