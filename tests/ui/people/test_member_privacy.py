"""The People page exports everything about a team member, and erases them once their name is typed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QInputDialog

from leaderlog.journal import logbook, people
from leaderlog.ui.people import member_privacy

TODAY = dt.date(2026, 11, 20)


def test_people_page_exports_and_erases_a_team_member_after_confirmation(
    db, leader, open_window, tmp_path, monkeypatch, answer_modal
):
    sam = people.add_member(db, leader.id, "Sam Lee")
    people.add_member(db, leader.id, "Kim Park")
    logbook.add_coaching_note(db, leader.id, TODAY, sam.id, "Greeted late", today=TODAY)
    window = open_window()
    window.go_to(4)
    page = window.page("people")
    page.tabs.setCurrentIndex(1)
    tab = page.members_tab
    row = next(r for r in range(tab.table.rowCount()) if tab.table.item(r, 0).text() == "Sam Lee")
    tab.table.selectRow(row)

    out = tmp_path / "sam.csv"
    monkeypatch.setattr(
        member_privacy.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "")
    )
    tab.export_button.click()
    assert "Greeted late" in out.read_text(encoding="utf-8")

    def type_name(answer: str):  # type: ignore[no-untyped-def]
        def handle(dialog) -> None:  # type: ignore[no-untyped-def]
            assert isinstance(dialog, QInputDialog)
            assert "1 coaching notes" in dialog.labelText()
            dialog.setTextValue(answer)
            dialog.accept()

        return handle

    answer_modal(type_name("Sam"))  # not the full name: nothing happens
    tab.erase_button.click()
    assert "Sam Lee" in [m.name for m in people.list_members(db, leader.id)]

    answer_modal(type_name("sam lee"))
    tab.erase_button.click()
    assert [m.name for m in people.list_members(db, leader.id)] == ["Kim Park"]
    assert logbook.list_entries(db) == []
    assert "Erased Sam Lee" in window.statusBar().currentMessage()
    assert [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())] == ["Kim Park"]
