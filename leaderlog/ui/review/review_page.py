"""The Week review page: for one week, every leader's figures ranked by the attention rules, with reasons.

The page only lays out and wires: the rows and their reasons come from
``leaderlog.reports.week_review``, the table model is ``review_table``, the PDF and CSV
are saved by ``review_files``. Enter (or a double-click) on a row opens that leader on
the Dashboard.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from leaderlog.core.errors import LeaderLogError
from leaderlog.journal import people
from leaderlog.reports import week_review
from leaderlog.reports.week_review_export import RULES_TEXT
from leaderlog.ui.context import AppContext
from leaderlog.ui.page import Page
from leaderlog.ui.review.review_files import ReviewFileSaver
from leaderlog.ui.review.review_table import LEADER_ROLE, SORT_ROLE, SORTS, ReviewTableModel
from leaderlog.ui.widgets import busy_cursor, show_error

ALL_TEAMS = "All teams"
WHY_COLUMN = 9


class WeekReviewPage(Page):
    """The manager's week: who needs attention and why, all teams or one, week by week."""

    title = "Week review"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.first_day: dt.date | None = None
        """the week shown (None until first shown: then the last full week)"""
        self.review: week_review.WeekReview | None = None
        self.files = ReviewFileSaver(context, self)

        self.previous_button = QPushButton("◀ &Previous week")
        self.previous_button.setToolTip("The week before (Alt+Left)")
        self.next_button = QPushButton("&Next week ▶")
        self.next_button.setToolTip("The week after (Alt+Right)")
        self.week_label = QLabel()
        self.week_label.setAccessibleName("Week shown")
        font = self.week_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.week_label.setFont(font)
        self.team_combo = QComboBox()
        self.team_combo.setAccessibleName("Team")
        self.team_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        team_label = QLabel("&Team")
        team_label.setBuddy(self.team_combo)
        self.sort_combo = QComboBox()
        self.sort_combo.setAccessibleName("Sort by")
        for label, _column, _order in SORTS:
            self.sort_combo.addItem(label)
        sort_label = QLabel("&Sort by")
        sort_label.setBuddy(self.sort_combo)
        self.pdf_button = QPushButton("Export P&DF…")
        self.pdf_button.setToolTip("This week's review on one A4 page")
        self.csv_button = QPushButton("Export &CSV…")
        self.csv_button.setToolTip("This week's review as a spreadsheet, one row per leader")

        self.summary_label = QLabel()
        self.summary_label.setAccessibleName("Summary")
        self.model = ReviewTableModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setAccessibleName("Leaders ranked by attention")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        table_label = QLabel("Leaders, &ranked by attention (Enter opens one on the Dashboard)")
        table_label.setBuddy(self.table)
        self.rules_label = QLabel(RULES_TEXT)
        self.rules_label.setWordWrap(True)
        self.rules_label.setAccessibleName("Attention rules")

        top = QHBoxLayout()
        top.addWidget(self.previous_button)
        top.addWidget(self.week_label)
        top.addWidget(self.next_button)
        top.addStretch(1)
        top.addWidget(team_label)
        top.addWidget(self.team_combo)
        top.addWidget(sort_label)
        top.addWidget(self.sort_combo)
        top.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        top.addWidget(self.pdf_button)
        top.addWidget(self.csv_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(table_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.rules_label)
        QWidget.setTabOrder(self.table, self.previous_button)

        self.previous_button.clicked.connect(lambda: self.move_week(-1))
        self.next_button.clicked.connect(lambda: self.move_week(1))
        for keys, step in (("Alt+Left", -1), ("Alt+Right", 1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.move_week(step))
        self.team_combo.activated.connect(lambda _index: self.refresh())
        self.sort_combo.currentIndexChanged.connect(self._sort_chosen)
        self.pdf_button.clicked.connect(lambda: self.save("pdf"))
        self.csv_button.clicked.connect(lambda: self.save("csv"))
        self.table.activated.connect(self.open_leader)

    # ---------------------------------------------------------------- reading

    @property
    def team(self) -> str | None:
        text = self.team_combo.currentText()
        return None if not text or text == ALL_TEAMS else text

    def refresh(self) -> None:
        today = self.context.today()
        try:
            with busy_cursor():
                review = week_review.week_review(
                    self.context.db, self.first_day, self.team, today=today
                )
                if self.team is not None and self.team not in review.teams:
                    review = week_review.week_review(self.context.db, self.first_day, today=today)
        except LeaderLogError as exc:
            show_error(self, exc, "The week review could not be read.")
            return
        self.show_review(review)

    def show_review(self, review: week_review.WeekReview) -> None:
        self.review = review
        self.first_day = review.first_day
        self.week_label.setText(f"Week of {week_review.week_words(review.first_day)}")
        self.summary_label.setText(review.summary())
        self.next_button.setEnabled(review.has_next)
        self._fill_teams(review)
        self.model.set_rows(review.rows)
        self._fit_columns()
        self.pdf_button.setEnabled(bool(review.rows))
        self.csv_button.setEnabled(bool(review.rows))
        if review.rows and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def _fill_teams(self, review: week_review.WeekReview) -> None:
        chosen = review.team or ALL_TEAMS
        self.team_combo.blockSignals(True)
        self.team_combo.clear()
        self.team_combo.addItems([ALL_TEAMS, *review.teams])
        self.team_combo.setCurrentText(chosen)
        self.team_combo.blockSignals(False)

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WHY_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()

    # ---------------------------------------------------------------- actions

    def move_week(self, step: int) -> None:
        """Show the week before (-1) or after (+1); never a week that has not begun."""
        if self.review is None:
            return
        if step > 0 and not self.review.has_next:
            return
        self.first_day = self.review.first_day + dt.timedelta(weeks=step)
        self.refresh()

    def _sort_chosen(self, index: int) -> None:
        _label, column, order = SORTS[index]
        self.table.sortByColumn(column, order)

    def save(self, suffix: str) -> None:
        if self.review is not None:
            self.files.save(self.review, suffix)

    def open_leader(self, index: QModelIndex) -> None:
        """Enter on a row: that leader becomes the chosen one and the Dashboard opens."""
        leader_id = index.siblingAtColumn(0).data(LEADER_ROLE)
        if leader_id is None:
            return
        try:
            leader = people.get_leader(self.context.db, int(leader_id))
        except LeaderLogError as exc:
            show_error(self, exc)
            return
        self.context.set_leader(leader)
        window = self.window()
        if hasattr(window, "go_to"):
            from leaderlog.ui.window.pages import page_index

            window.go_to(page_index("dashboard"))

    def focus_first_input(self) -> None:
        self.table.setFocus()
