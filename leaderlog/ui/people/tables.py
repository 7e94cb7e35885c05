"""Tables and date inputs the People page's tabs and dialogs share."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractItemView, QDateEdit, QTableWidget, QTableWidgetItem

from leaderlog.ui.widgets import fit_columns

RECORD_ROLE = Qt.ItemDataRole.UserRole


def make_table(name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    return table


def fill_table(table: QTableWidget, rows: list[tuple[object, list[str]]]) -> None:
    current = table.currentRow()
    table.setRowCount(len(rows))
    for row, (record, cells) in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(RECORD_ROLE, record)
            table.setItem(row, column, item)
    fit_columns(table)
    if rows:
        table.selectRow(min(max(current, 0), len(rows) - 1))


def selected_record(table: QTableWidget) -> object:
    item = table.item(table.currentRow(), 0)
    return item.data(RECORD_ROLE) if item is not None else None


def date_edit(day: dt.date) -> QDateEdit:
    """A date input with a calendar pop-up, ISO format, showing day."""
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())
