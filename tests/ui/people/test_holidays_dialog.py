"""The holidays dialog: a country and region per team, the year's list, company days and imports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from leaderlog.journal import holidays
from leaderlog.ui.people.holidays_dialog import HolidaysDialog

ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:1@test
DTSTART;VALUE=DATE:20261224
SUMMARY:Christmas Eve
END:VEVENT
END:VCALENDAR
"""


def names(dialog: HolidaysDialog) -> list[str]:
    return [dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())]


def test_choose_a_region_for_a_team_and_see_the_year(db, leader, open_window, qtbot) -> None:
    window = open_window()
    dialog = HolidaysDialog(window.context, window)
    qtbot.addWidget(dialog)
    assert dialog.calendar_label.text() == "No public holidays yet: only company days are days off."
    assert dialog.table.rowCount() == 0 and dialog.year_spin.value() == 2026

    dialog.country_combo.setCurrentIndex(dialog.country_combo.findData("US"))
    dialog.save_calendar_button.click()
    assert "Thanksgiving Day" in names(dialog)
    assert dialog.calendar_label.text() == "In use: United States."

    dialog.team_combo.setCurrentIndex(dialog.team_combo.findData("North"))
    assert dialog.calendar_label.text() == "In use: United States (the organisation's)."
    dialog.country_combo.setCurrentIndex(dialog.country_combo.findData("DE"))
    dialog.subdivision_combo.setCurrentIndex(dialog.subdivision_combo.findData("BY"))
    dialog.save_calendar_button.click()
    assert dialog.calendar_label.text() == "In use: Germany (BY)."
    assert "Epiphany" in names(dialog) and "Thanksgiving Day" not in names(dialog)
    row = names(dialog).index("Epiphany")
    assert [dialog.table.item(row, c).text() for c in range(4)] == [
        "2026-01-06",
        "Tue",
        "Epiphany",
        "public holiday",
    ]
    assert [(c.team, c.country, c.subdivision) for c in holidays.list_calendars(db)] == [
        ("", "US", ""),
        ("North", "DE", "BY"),
    ]
    dialog.year_spin.setValue(2027)
    assert dialog.table.item(0, 0).text().startswith("2027-")


def test_company_days_added_imported_and_deleted(
    db, leader, open_window, qtbot, tmp_path: Path
) -> None:
    window = open_window()
    dialog = HolidaysDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.company_name.setText("")
    dialog.add_button.click()
    assert not dialog.name_error.isHidden() and holidays.list_company_days(db) == []

    dialog.company_date.setDate(dt.date(2026, 8, 7))
    dialog.company_name.setText("Stocktake")
    dialog.add_button.click()
    assert names(dialog) == ["Stocktake"]
    assert dialog.table.item(0, 3).text() == "company day"

    ics = tmp_path / "days.ics"
    ics.write_text(ICS, encoding="utf-8")
    dialog.import_file(ics)
    dialog.import_file(ics)  # the same file again changes nothing
    assert names(dialog) == ["Stocktake", "Christmas Eve"]
    assert window.statusBar().currentMessage() == (
        "Imported days.ics: 0 added, 0 renamed, 1 already there."
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("date,name\n2026-02-30,Nope\n", encoding="utf-8")
    dialog.import_file(bad)
    assert "Line 2, column A (date)" in dialog.general.text()
    assert len(holidays.list_company_days(db)) == 2

    dialog.table.selectRow(0)
    assert dialog.delete_button.isEnabled()
    dialog.delete_button.click()
    assert [d.name for d in holidays.list_company_days(db)] == ["Christmas Eve"]


def test_render_dialogs_offscreen(db, leader, open_window, qtbot, tmp_path: Path) -> None:
    window = open_window()
    holidays.set_calendar(db, "GB", "SCT")
    holidays.add_company_day(db, "2026-12-24", "Christmas Eve")
    dialog = HolidaysDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.grab().isNull()
    dialog.grab().save(str(tmp_path / "holidays.png"))
