"""The week review's table: an item model over the review's rows, sortable by any column."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from leaderlog.reports.week_review import ReviewRow
from leaderlog.reports.week_review_export import TABLE_HEADER, table_cells

SORT_ROLE = Qt.ItemDataRole.UserRole
LEADER_ROLE = Qt.ItemDataRole.UserRole + 1
RANK_HEADER = "#"
FLAGGED_BACKGROUND = QColor(220, 70, 50, 46)
"""A translucent red: a tint on the light palette and on the dark one alike."""

SORTS = (
    ("Attention rules (flagged first)", 0, Qt.SortOrder.AscendingOrder),
    ("Score, lowest first", 3, Qt.SortOrder.AscendingOrder),
    ("Score, highest first", 3, Qt.SortOrder.DescendingOrder),
    ("Biggest fall first", 4, Qt.SortOrder.AscendingOrder),
    ("Most overdue follow-ups", 8, Qt.SortOrder.DescendingOrder),
    ("Name", 1, Qt.SortOrder.AscendingOrder),
    ("Team", 2, Qt.SortOrder.AscendingOrder),
)
"""The 'Sort by' choices: label, column, order (the header's clicks sort the same columns)."""

Index = QModelIndex | QPersistentModelIndex


def _sort_value(rank: int, row: ReviewRow, column: int) -> Any:
    """What a column sorts by: numbers as numbers, missing values last, names without case."""
    values: tuple[Any, ...] = (
        rank,
        row.name.casefold(),
        (row.team.casefold(), rank),
        row.score if row.score is not None else 1000.0,
        row.change if row.change is not None else 1000.0,
        (row.workdays and row.days_logged / row.workdays, rank),
        (row.coaching - (row.coaching_target or 0), rank),
        (row.reinforcements - (row.reinforcement_target or 0), rank),
        (row.overdue, -rank),
        (not row.flagged, row.why, rank),
    )
    return values[column]


class ReviewTableModel(QAbstractTableModel):
    """One row per leader, in the review's rank; a rank column first so that order can come back."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: tuple[ReviewRow, ...] = ()
        self._cells: list[tuple[str, ...]] = []

    def set_rows(self, rows: tuple[ReviewRow, ...]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._cells = [(str(rank), *table_cells(row)) for rank, row in enumerate(rows, start=1)]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TABLE_HEADER) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return RANK_HEADER if section == 0 else TABLE_HEADER[section - 1]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cells[index.row()][column]
        if role == SORT_ROLE:
            return _sort_value(index.row() + 1, row, column)
        if role == LEADER_ROLE:
            return row.leader_id
        if role == Qt.ItemDataRole.BackgroundRole and row.flagged:
            return FLAGGED_BACKGROUND
        if role == Qt.ItemDataRole.FontRole and row.flagged and column == 1:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 3, 4, 8):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{TABLE_HEADER[column - 1] if column else 'Rank'}: {self._cells[index.row()][column]}"
        return None
