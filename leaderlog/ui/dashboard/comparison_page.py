"""Team comparison: a team's leaders ranked by consistency score with trends, and who needs attention."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from leaderlog.core.errors import LeaderLogError
from leaderlog.journal import people
from leaderlog.reports import attention, chart_models, comparison_figure, figures, overview
from leaderlog.ui.context import AppContext
from leaderlog.ui.dashboard.charts.canvas import ChartCanvas
from leaderlog.ui.widgets import show_error

SORTS = (
    ("Score, highest first", "score"),
    ("Score, lowest first", "score_low"),
    ("Biggest fall first", "change"),
    ("Name", "name"),
)


def sort_standings(
    standings: list[attention.LeaderStanding], key: str
) -> list[attention.LeaderStanding]:
    """The leaders in the order the user chose; leaders without a score always go last."""
    scored = [s for s in standings if s.score is not None]
    unscored = sorted((s for s in standings if s.score is None), key=lambda s: s.name.casefold())
    if key == "name":
        return sorted(standings, key=lambda s: s.name.casefold())
    if key == "score_low":
        scored.sort(key=lambda s: (s.score, s.name.casefold()))
    elif key == "change":
        scored.sort(key=lambda s: (s.change if s.change is not None else 0.0, s.name.casefold()))
    else:
        scored.sort(key=lambda s: (-(s.score or 0.0), s.name.casefold()))
    return scored + unscored


class TeamComparisonWidget(QWidget):
    """All leaders of one team side by side: ranked score bars with trend arrows, sortable."""

    leader_chosen = Signal(object)
    """the user picked a leader (double-click in the list or click on a bar): a records.Leader"""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.standings: list[attention.LeaderStanding] = []
        self.starts: dict[int, dt.date] = {}
        """each compared leader's start date (a record begun in the period says 'since …')"""
        self.shown: list[attention.LeaderStanding] = []
        self.period: tuple[dt.date, dt.date] | None = None
        self._leader_team: str | None = None

        self.team_combo = QComboBox()
        self.team_combo.setAccessibleName("Team")
        self.team_combo.activated.connect(lambda _row: self.reload())
        self.sort_combo = QComboBox()
        self.sort_combo.setAccessibleName("Sort leaders by")
        for label, key in SORTS:
            self.sort_combo.addItem(label, key)
        self.sort_combo.currentIndexChanged.connect(lambda _row: self.redraw())

        self.canvas = ChartCanvas("Team comparison")
        self.canvas.mpl_connect("button_press_event", self._bar_clicked)
        self.canvas.mpl_connect("motion_notify_event", self._bar_hovered)
        # margins are measured for the canvas size: draw again once a resize settles
        self.resize_timer = QTimer(self)
        self.resize_timer.setSingleShot(True)
        self.resize_timer.setInterval(150)
        self.resize_timer.timeout.connect(self._draw_chart)
        self.canvas.resized.connect(self.resize_timer.start)

        self.attention_list = QTreeWidget()
        self.attention_list.setAccessibleName("Leaders who need attention")
        self.attention_list.setHeaderLabels(["Leader", "Why"])
        self.attention_list.setRootIsDecorated(False)
        self.attention_list.setWordWrap(True)
        self.attention_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.attention_list.header().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.attention_list.itemActivated.connect(self._attention_activated)
        attention_label = QLabel("&Needs attention")
        attention_label.setBuddy(self.attention_list)
        self.attention_note = QLabel()
        self.attention_note.setWordWrap(True)

        top = QHBoxLayout()
        for text, widget in (("Tea&m", self.team_combo), ("S&ort", self.sort_combo)):
            label = QLabel(text)
            label.setBuddy(widget)
            top.addWidget(label)
            top.addWidget(widget)
        top.addStretch(1)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 4, 0, 0)
        side_layout.addWidget(attention_label)
        side_layout.addWidget(self.attention_list, 1)
        side_layout.addWidget(self.attention_note)
        splitter = QSplitter(Qt.Orientation.Vertical)
        # a big team scrolls rather than squeezing names into each other
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(self.canvas)
        splitter.addWidget(self.scroll)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    # ---------------------------------------------------------------- data

    def _fill_teams(self) -> None:
        chosen = self.team_combo.currentData()
        leader_team = self.context.leader.team if self.context.leader is not None else None
        if leader_team != self._leader_team:
            # a new leader was chosen: compare their team (the user may pick another after)
            self._leader_team = leader_team
            chosen = leader_team
        teams = people.list_teams(self.context.db)
        self.team_combo.clear()
        for team in teams:
            self.team_combo.addItem(team or "(no team)", team)
        index = self.team_combo.findData(chosen)
        self.team_combo.setCurrentIndex(max(0, index))

    def show_period(self, first: dt.date, last: dt.date) -> None:
        """Compare the team's leaders over first..last (scores as at the last week's end)."""
        self.period = (first, last)
        self._fill_teams()
        self.reload()

    def reload(self) -> None:
        if self.period is None:
            return
        team = self.team_combo.currentData()
        if team is None:
            self.standings = []
        else:
            try:
                self.standings = overview.team_standings(
                    self.context.db, team, *self.period, today=self.context.today()
                )
                self.starts = overview.record_starts(
                    self.context.db, [s.leader_id for s in self.standings]
                )
            except LeaderLogError as exc:
                show_error(self, exc, "The team comparison could not be loaded.")
                return
        self.redraw()

    def redraw(self) -> None:
        """Draw the standings in the chosen order and list who needs attention."""
        self.shown = sort_standings(self.standings, self.sort_combo.currentData())
        row_height = self.fontMetrics().height() * 2
        self.canvas.setMinimumHeight(max(220, row_height * len(self.shown) + 8 * row_height))
        self._draw_chart()
        self._fill_attention()

    def _draw_chart(self) -> None:
        first = self.period[0] if self.period is not None else None
        starts = self.starts
        rows = [
            chart_models.ComparisonRow(
                s.name,
                s.score,
                s.change,
                s.weekly_scores,
                s.falling,
                s.week_starts,
                since=starts.get(s.leader_id)
                if first is not None and starts.get(s.leader_id, first) > first
                else None,
            )
            for s in self.shown
        ]
        team = self.team_combo.currentText() or "this team"
        # an exported comparison names its period: it stands alone
        period = (
            f", {self.period[0]:%d %b %Y} to {self.period[1]:%d %b %Y}"
            if self.period is not None
            else ""
        )
        longest = max(self.shown, key=lambda s: len(s.week_starts), default=None)
        comparison_figure.draw_comparison(
            self.canvas.figure,
            rows,
            self.canvas.theme(),
            f"Consistency score, {team}{period}",
            attention.TREND_WEEKS,
            longest.week_starts if longest is not None else (),
        )
        self.canvas.set_chart_map(figures.ChartMap())
        self.canvas.draw_idle()

    def _fill_attention(self) -> None:
        self.attention_list.clear()
        flagged = [s for s in self.shown if s.needs_attention]
        for standing in flagged:
            item = QTreeWidgetItem(
                [standing.name, "; ".join(reason.text for reason in standing.reasons)]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, standing.leader_id)
            item.setToolTip(0, f"Open {standing.name}'s dashboard")
            self.attention_list.addTopLevelItem(item)
        if not self.shown:
            self.attention_note.setText("No active leaders in this team.")
        elif not flagged:
            self.attention_note.setText(
                "Nobody needs attention: no falling scores, everyone logging, no overdue "
                "follow-ups."
            )
        else:
            self.attention_note.setText(
                "Press Enter or double-click a leader to open their dashboard."
            )

    # ---------------------------------------------------------------- interaction

    def _choose(self, leader_id: int) -> None:
        try:
            leader = people.get_leader(self.context.db, leader_id)
        except LeaderLogError as exc:
            show_error(self, exc)
            return
        self.leader_chosen.emit(leader)

    def _attention_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self._choose(int(item.data(0, Qt.ItemDataRole.UserRole)))

    def _row_at(self, event: Any) -> attention.LeaderStanding | None:
        if event.inaxes is None or event.ydata is None:
            return None
        row = round(event.ydata)
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def _bar_clicked(self, event: Any) -> None:
        if event.button == 1 and (standing := self._row_at(event)) is not None:
            self._choose(standing.leader_id)

    def _bar_hovered(self, event: Any) -> None:
        standing = self._row_at(event)
        if standing is None:
            return
        lines = [standing.name]
        if standing.score is not None:
            lines.append(f"Consistency score: {standing.score:.1f}")
        if standing.change is not None:
            lines.append(
                f"Change over {attention.TREND_WEEKS} weeks: {standing.change:+.1f} points"
            )
        lines.extend(reason.text for reason in standing.reasons)
        lines.append("Click to open the dashboard")
        QToolTip.showText(self.canvas.global_position(event), "\n".join(lines), self.canvas)
