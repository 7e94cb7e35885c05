"""The Journal page: every entry of the chosen leader, filtered by period, type and text as you type."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from leaderlog.core.errors import ValidationError
from leaderlog.core.records import Entry, EntryType, Leader
from leaderlog.journal import logbook, time_off
from leaderlog.ui.context import AppContext
from leaderlog.ui.entries import (
    TYPE_LABELS,
    delete_with_undo,
    edit_entry,
    entry_details,
    entry_who,
    from_qdate,
)
from leaderlog.ui.page import Page
from leaderlog.ui.widgets import (
    FieldErrorLabel,
    busy_cursor,
    fit_columns,
    period_pickers,
    set_dates_quietly,
)

SEARCH_DELAY_MS = 150
# rows read at a time: a few screenfuls, so each keystroke of a search reads only these;
# the table reads the next ones as the user scrolls down to them
PAGE_SIZE = 300

PERIODS: tuple[tuple[str, int | None], ...] = (
    ("Last 7 days", 7),
    ("Last 30 days", 30),
    ("Last 90 days", 90),
    ("Last 12 months", 365),
    ("All time", None),
    ("Custom range", -1),
)
CUSTOM = -1
DEFAULT_PERIOD = 2

TYPE_FILTERS: tuple[tuple[str, tuple[EntryType, ...] | None], ...] = (
    ("All entries", None),
    ("Day logs", ("day",)),
    ("Coaching notes", ("coaching",)),
    ("Reinforcements", ("reinforcement",)),
)

Index = QModelIndex | QPersistentModelIndex


# reads up to ``limit`` entries after skipping ``offset`` of them, newest first
EntryReader = Callable[[int, int], list[Entry]]


class EntryTableModel(QAbstractTableModel):
    """Journal entries as rows: date, type, team member, standard, details.

    Rows are read PAGE_SIZE at a time: the view asks for more (canFetchMore/fetchMore)
    when the user scrolls to the last row read.
    """

    HEADERS = ("Date", "Type", "Team member", "Standard", "Details")
    more_read = Signal()
    """fetchMore read the next page (the row count and whether more is left changed)"""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []
        self._today: dt.date | None = None
        self._reader: EntryReader | None = None
        self._more = False

    def set_entries(self, entries: list[Entry], today: dt.date) -> None:
        """Show exactly these entries (nothing more to read)."""
        self.beginResetModel()
        self._entries = entries
        self._today = today
        self._reader = None
        self._more = False
        self.endResetModel()

    def read_from(self, reader: EntryReader, today: dt.date) -> None:
        """Show the first page ``reader`` returns; later pages are read on scrolling.

        Errors of the first read (e.g. a ValidationError) reach the caller, and the
        table is left as it was.
        """
        first, more = self._read(reader, 0)
        self.beginResetModel()
        self._entries = first
        self._today = today
        self._reader = reader
        self._more = more
        self.endResetModel()

    @staticmethod
    def _read(reader: EntryReader, offset: int) -> tuple[list[Entry], bool]:
        entries = reader(offset, PAGE_SIZE + 1)  # one more: is there a next page?
        return entries[:PAGE_SIZE], len(entries) > PAGE_SIZE

    @property
    def has_more(self) -> bool:
        """Whether older entries are left to read (shown as the user scrolls)."""
        return self._more

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or self._reader is None:
            return
        entries, self._more = self._read(self._reader, len(self._entries))
        if entries:
            start = len(self._entries)
            self.beginInsertRows(QModelIndex(), start, start + len(entries) - 1)
            self._entries.extend(entries)
            self.endInsertRows()
        self.more_read.emit()

    def entry(self, row: int) -> Entry:
        return self._entries[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return entry.day.isoformat()
            if column == 1:
                return TYPE_LABELS[entry.entry_type]
            if column == 2:
                return entry_who(entry)
            if column == 3:
                return getattr(entry, "standard_name", None) or ""
            return entry_details(entry, self._today)
        return None


MAX_LEAVE_SHOWN = 4


def leave_banner(ranges: list[time_off.TimeOff]) -> str:
    """'Time off in this period: vacation 2026-08-03 to 2026-08-14 · …', newest first."""
    newest = sorted(ranges, key=lambda r: r.first_day, reverse=True)
    shown = " · ".join(r.describe() for r in newest[:MAX_LEAVE_SHOWN])
    more = len(newest) - MAX_LEAVE_SHOWN
    tail = f" · and {more} more (People › Time off)" if more > 0 else ""
    return f"Time off in this period (never counted against them): {shown}{tail}"


class JournalPage(Page):
    """History of the chosen leader with filters, search, edit and delete (undo with Ctrl+Z)."""

    title = "Journal"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.period_combo, self.from_edit, self.to_edit = period_pickers(
            PERIODS, DEFAULT_PERIOD, self._custom_dates_changed
        )
        self.type_combo = QComboBox()
        self.type_combo.setAccessibleName("Entry type")
        for label, types in TYPE_FILTERS:
            self.type_combo.addItem(label, types)
        self.search_edit = QLineEdit()
        self.search_edit.setAccessibleName("Search notes")
        self.search_edit.setPlaceholderText("Search notes, names and standards…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.refresh)
        self.search_edit.textChanged.connect(self.search_timer.start)
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        self.type_combo.currentIndexChanged.connect(self.refresh)

        self._columns_fitted = False
        self.model = EntryTableModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Journal entries")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.activated.connect(self.edit_selected)
        self.table.installEventFilter(self)
        self.model.more_read.connect(self._more_rows_read)

        self.edit_button = QPushButton("&Open…")
        self.edit_button.setAccessibleName("Edit the selected entry")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("&Delete")
        self.delete_button.setAccessibleName("Delete the selected entry")
        self.delete_button.clicked.connect(self.delete_selected)
        self.count_label = QLabel()
        self.leave_label = QLabel()
        self.leave_label.setWordWrap(True)
        self.leave_label.setAccessibleName("Time off in this period")
        self.leave_label.hide()
        self.error_label = FieldErrorLabel()
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        filters = QHBoxLayout()
        for text, widget in (
            ("Pe&riod", self.period_combo),
            ("", self.from_edit),
            ("to", self.to_edit),
            ("T&ype", self.type_combo),
            ("&Search", self.search_edit),
        ):
            if text:
                label = QLabel(text)
                label.setBuddy(widget)
                filters.addWidget(label)
                if widget is self.to_edit:
                    self.to_label = label
            filters.addWidget(widget, 1 if widget is self.search_edit else 0)
        actions = QHBoxLayout()
        actions.addWidget(self.count_label, 1)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.error_label)
        layout.addWidget(self.leave_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(actions)
        self._period_changed()

    # ---------------------------------------------------------------- filters

    def _period_changed(self) -> None:
        days = self.period_combo.currentData()
        custom = days == CUSTOM
        self.from_edit.setVisible(custom)
        self.to_edit.setVisible(custom)
        self.to_label.setVisible(custom)
        if custom:
            today = self.context.today()
            self._set_dates(today - dt.timedelta(days=30), today)
        self.refresh()

    def _set_dates(self, first: dt.date, last: dt.date) -> None:
        set_dates_quietly(self.from_edit, self.to_edit, first, last)

    def _custom_dates_changed(self) -> None:
        if self.period_combo.currentData() == CUSTOM:
            self.refresh()

    def show_period(self, first: dt.date, last: dt.date) -> None:
        """Show every entry of first..last (the Dashboard opens a clicked week here).

        A search or type filter left from earlier would hide most of the week the user asked
        for, so both are cleared.
        """
        for widget in (self.period_combo, self.type_combo, self.search_edit):
            widget.blockSignals(True)
        self.period_combo.setCurrentIndex(self.period_combo.findData(CUSTOM))
        self.type_combo.setCurrentIndex(0)
        self.search_edit.clear()
        for widget in (self.period_combo, self.type_combo, self.search_edit):
            widget.blockSignals(False)
        for widget in (self.from_edit, self.to_edit, self.to_label):
            widget.setVisible(True)
        self._set_dates(first, last)
        self.refresh()

    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        days = self.period_combo.currentData()
        today = self.context.today()
        if days == CUSTOM:
            return from_qdate(self.from_edit.date()), from_qdate(self.to_edit.date())
        if days is None:
            return None, None
        return today - dt.timedelta(days=days - 1), today

    def set_leader(self, leader: Leader | None) -> None:
        self._columns_fitted = False
        super().set_leader(leader)

    def focus_first_input(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    # ---------------------------------------------------------------- data

    def refresh(self) -> None:
        self.search_timer.stop()
        leader = self.context.leader
        self.error_label.show_message("")
        self.leave_label.hide()
        if leader is None:
            self.model.set_entries([], self.context.today())
            self._show_count(0, "Add a leader on the People page (or on Today) to start a journal.")
            return
        first, last = self.date_range()
        db, types, text = self.context.db, self.type_combo.currentData(), self.search_edit.text()
        try:
            leave = time_off.list_time_off(db, [leader.id], first, last)
        except ValidationError:
            leave = []  # a bad custom period: the entries' read below says so
        self.leave_label.setText(leave_banner(leave))
        self.leave_label.setVisible(bool(leave))

        def read(offset: int, limit: int) -> list[Entry]:
            with busy_cursor():
                return logbook.list_entries(
                    db,
                    leader_ids=[leader.id],
                    start=first,
                    end=last,
                    types=types,
                    text=text,
                    limit=limit,
                    offset=offset,
                )

        try:
            self.model.read_from(read, self.context.today())
        except ValidationError as exc:
            self.error_label.show_message(str(exc))
            self.model.set_entries([], self.context.today())
        entries = self.model.rowCount()
        if not self._columns_fitted:
            # once per leader, so columns do not jump while the user types a search
            fit_columns(self.table)
            self._columns_fitted = bool(entries)
        if entries:
            self.table.selectRow(0)
        hint = ""
        if not entries:
            if self.search_edit.text().strip():
                hint = f"No entries match “{self.search_edit.text().strip()}” in this period."
            else:
                hint = (
                    f"No entries for {leader.name} in this period. Log one on the Today page "
                    "(Ctrl+1), or choose a longer period."
                )
        self._show_count(entries, hint)

    def _more_rows_read(self) -> None:
        self._show_count(self.model.rowCount(), "")

    def _show_count(self, count: int, hint: str) -> None:
        if self.model.has_more:
            self.count_label.setText(f"Showing the newest {count} entries — scroll for more")
        else:
            self.count_label.setText(f"{count} {'entry' if count == 1 else 'entries'}")
        self.empty_label.setText(hint)
        self.empty_label.setVisible(bool(hint))
        self.edit_button.setEnabled(count > 0)
        self.delete_button.setEnabled(count > 0)

    def selected_entry(self) -> Entry | None:
        index = self.table.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    def edit_selected(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            edit_entry(self.context, self, entry)

    def delete_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        row = self.table.currentIndex().row()
        if delete_with_undo(self.context, self, entry):
            self.table.setFocus()
            if self.model.rowCount():
                self.table.selectRow(min(row, self.model.rowCount() - 1))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.matches(QKeySequence.StandardKey.Delete)
        ):
            self.delete_selected()
            return True
        return super().eventFilter(watched, event)
