"""The Dashboard as a plain table of weekly figures, used when the chart dashboard is not installed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from leaderlog.reports import reporting
from leaderlog.reports.formulas import WeekFigures
from leaderlog.ui.context import AppContext
from leaderlog.ui.page import Page
from leaderlog.ui.widgets import busy_cursor, fit_columns

SPANS = (("Last 8 weeks", 8), ("Last 13 weeks", 13), ("Last 26 weeks", 26), ("Last 52 weeks", 52))

HEADERS = (
    "Week",
    "Logged",
    "Customer min",
    "Days on target",
    "Coaching",
    "Reinforcements",
    "Follow-ups on time",
    "Consistency",
    "Streak",
)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def week_cells(week: WeekFigures) -> list[str]:
    """The table row for one week, in plain words and numbers."""
    return [
        f"{week.week_start.isoformat()} (wk {week.week_start.isocalendar().week})",
        f"{week.days_logged}/{week.workdays_scheduled}",
        f"{week.customer_minutes} / {week.customer_target_minutes}",
        f"{week.days_meeting_customer_target}/{week.workdays_scheduled}",
        f"{week.coaching_count} / {week.coaching_target}",
        f"{week.reinforcements} / {week.reinforcement_target}"
        + (
            f" ({week.reinforcements_corrective} corrective)"
            if week.reinforcements_corrective
            else ""
        ),
        "—" if not week.followups_due else f"{week.followups_closed_on_time}/{week.followups_due}",
        f"{round(week.consistency_score)}",
        f"{week.current_streak} (best {week.longest_streak})",
    ]


class WeeklyTablePage(Page):
    """Weekly numbers of the chosen leader, newest week first."""

    title = "Dashboard"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.span_combo = QComboBox()
        self.span_combo.setAccessibleName("Weeks shown")
        for label, weeks in SPANS:
            self.span_combo.addItem(label, weeks)
        self.span_combo.currentIndexChanged.connect(self.refresh)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setAccessibleName("Weekly figures")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        top = QHBoxLayout()
        label = QLabel("&Show")
        label.setBuddy(self.span_combo)
        top.addWidget(label)
        top.addWidget(self.span_combo)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        leader = self.context.leader
        if leader is None:
            self.table.setRowCount(0)
            self.summary.setText(
                "Add a leader and log a few days; their weekly figures appear here."
            )
            return
        today = self.context.today()
        start = today - dt.timedelta(weeks=self.span_combo.currentData())
        with busy_cursor():
            weeks = reporting.weekly_figures(self.context.db, leader.id, start, today, today=today)
        weeks = list(reversed(weeks))
        self.table.setRowCount(len(weeks))
        for row, week in enumerate(weeks):
            for column, text in enumerate(week_cells(week)):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        fit_columns(self.table)
        if weeks:
            latest = weeks[0]
            self.summary.setText(
                f"<b>{leader.name}</b>: consistency <b>{round(latest.consistency_score)}</b>/100 "
                f"this week (customer time {round(latest.customer_score)}, coaching "
                f"{round(latest.coaching_score)}, reinforcement {round(latest.reinforcement_score)}); "
                f"logged {_percent(latest.logging_rate)} of workdays; current streak "
                f"{latest.current_streak} workdays. Targets: {leader.target_minutes} min a workday, "
                f"{leader.target_coaching} coaching and {leader.target_reinforcement} "
                "reinforcements a week."
            )
        else:
            self.summary.setText("No weeks to show yet: log a first day on the Today page.")
