"""The Dashboard: one leader's trends over a period, and the team comparison beside it.

The leader's charts are painted natively (``ui/dashboard/charts/dashboard_view.py``); matplotlib is
imported only for the team comparison and the review pack, so the main window opens
without it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from leaderlog.core.errors import LeaderLogError
from leaderlog.core.records import Leader
from leaderlog.reports import overview
from leaderlog.ui.context import AppContext
from leaderlog.ui.dashboard import summary_texts
from leaderlog.ui.entries import from_qdate
from leaderlog.ui.page import Page
from leaderlog.ui.widgets import period_pickers, set_dates_quietly, show_error

if TYPE_CHECKING:
    from leaderlog.ui.dashboard.charts.canvas import ChartCanvas
    from leaderlog.ui.dashboard.charts.dashboard_view import DashboardView
    from leaderlog.ui.dashboard.comparison_page import TeamComparisonWidget

CUSTOM = 0
PERIODS = (
    *((f"Last {weeks} weeks", weeks) for weeks in overview.PERIOD_WEEKS),
    ("Custom…", CUSTOM),
)
DEFAULT_PERIOD = 2  # 26 weeks: long enough to see a habit, short enough to see this month


class SummaryCard(QFrame):
    """A headline figure: a small caption, a large value and one line of detail."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel(caption)
        self.value = QLabel("—")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(1)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        self.setAccessibleName(caption)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)

    def show_figure(self, value: str, detail: str) -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.setAccessibleDescription(f"{value}. {detail}")


class DashboardPage(Page):
    """Trend charts for the chosen leader and period, summary figures, and the team comparison."""

    title = "Dashboard"
    week_activated = Signal(object, object)
    """the user clicked a week or a day in a chart: first and last date to open in the Journal"""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.review: overview.LeaderReview | None = None
        self._shown_period = overview.last_weeks(
            overview.PERIOD_WEEKS[DEFAULT_PERIOD], context.today()
        )
        self.canvas: DashboardView | None = None
        """the leader's charts, created when the page first draws them"""
        self.comparison: TeamComparisonWidget | None = None

        self.period_combo, self.from_edit, self.to_edit = period_pickers(
            PERIODS, DEFAULT_PERIOD, self._custom_dates_changed
        )
        self.to_label = QLabel("to")
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        self.export_button = QPushButton("E&xport chart…")
        self.export_button.setAccessibleName("Export the chart shown as PNG, SVG or PDF")
        self.export_button.clicked.connect(self.export_chart)
        self.pack_button = QPushButton("Review &pack…")
        self.pack_button.setAccessibleName("Save the leader's review pack as a PDF")
        self.pack_button.clicked.connect(self.save_review_pack)

        top = QHBoxLayout()
        period_label = QLabel("Pe&riod")
        period_label.setBuddy(self.period_combo)
        for widget in (
            period_label,
            self.period_combo,
            self.from_edit,
            self.to_label,
            self.to_edit,
        ):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.export_button)
        top.addWidget(self.pack_button)

        self.heading = QLabel()
        heading_font = self.heading.font()
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.25)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.heading.setWordWrap(True)
        self.targets_label = QLabel()
        self.targets_label.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()
        self.why_label = QLabel()
        self.why_label.setWordWrap(True)
        self.why_label.setAccessibleName("Why this score")
        self.why_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.why_label.hide()

        self.score_card = SummaryCard("Consistency score")
        self.streak_card = SummaryCard("Customer-time streak")
        self.followup_card = SummaryCard("Follow-ups closed on time")
        self.balance_card = SummaryCard("Positive per corrective")
        cards = QHBoxLayout()
        for card in (self.score_card, self.streak_card, self.followup_card, self.balance_card):
            cards.addWidget(card, 1)

        self.coverage = QTextBrowser()
        self.coverage.setAccessibleName("Standards coverage")
        self.coverage.setOpenLinks(False)
        self.coverage.setFrameShape(QFrame.Shape.StyledPanel)
        self.coverage_label = QLabel("Standards coverage")
        self.coverage_label.setBuddy(self.coverage)
        self.coverage_note = QLabel()
        self.coverage_note.setWordWrap(True)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.coverage_label)
        side.addWidget(self.coverage, 1)
        side.addWidget(self.coverage_note)
        self.side_panel = QWidget()
        self.side_panel.setLayout(side)
        self.side_panel.setFixedWidth(self.fontMetrics().averageCharWidth() * 36)

        self.drawing_label = QLabel("Drawing the charts…")
        self.drawing_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drawing_label.hide()
        self._first_draw_pending = False
        self.chart_holder = QHBoxLayout()
        self.chart_holder.setContentsMargins(0, 0, 0, 0)
        self.chart_holder.addWidget(self.drawing_label, 1)
        self.chart_holder.addWidget(self.side_panel)
        leader_tab = QWidget()
        leader_layout = QVBoxLayout(leader_tab)
        leader_layout.setContentsMargins(0, 6, 0, 0)
        leader_layout.addWidget(self.heading)
        leader_layout.addWidget(self.targets_label)
        leader_layout.addLayout(cards)
        leader_layout.addWidget(self.note)
        leader_layout.addWidget(self.why_label)
        leader_layout.addLayout(self.chart_holder, 1)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Dashboard views")
        self.tabs.addTab(leader_tab, "Lea&der")
        self.team_tab = QWidget()
        QVBoxLayout(self.team_tab).setContentsMargins(0, 6, 0, 0)
        self.tabs.addTab(self.team_tab, "&Team comparison")
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self._period_changed(refresh=False)

    # ---------------------------------------------------------------- period

    def _period_changed(self, _index: int = 0, refresh: bool = True) -> None:
        custom = self.period_combo.currentData() == CUSTOM
        for widget in (self.from_edit, self.to_label, self.to_edit):
            widget.setVisible(custom)
        if custom:
            # start from what was shown, so "Custom…" is a small edit away
            self._set_dates(*self._shown_period)
        if refresh:
            self.mark_stale()

    def _set_dates(self, first: dt.date, last: dt.date) -> None:
        set_dates_quietly(self.from_edit, self.to_edit, first, last)

    def _custom_dates_changed(self) -> None:
        if self.period_combo.currentData() == CUSTOM:
            self.mark_stale()

    def set_period_weeks(self, weeks: int) -> None:
        """Show the last ``weeks`` weeks (one of overview.PERIOD_WEEKS)."""
        index = self.period_combo.findData(weeks)
        if index < 0:
            raise ValueError(f"{weeks} weeks is not one of {overview.PERIOD_WEEKS}")
        self.period_combo.setCurrentIndex(index)

    def set_custom_period(self, first: dt.date, last: dt.date) -> None:
        """Show first..last (one refresh, not one for the choice and one for the dates)."""
        self._shown_period = (first, last)
        self.period_combo.setCurrentIndex(self.period_combo.findData(CUSTOM))
        if self.period() != (first, last):  # the combo already showed Custom…
            self._set_dates(first, last)
            self.mark_stale()

    def period(self) -> tuple[dt.date, dt.date]:
        """The first and last date the dashboard covers."""
        weeks = self.period_combo.currentData()
        today = self.context.today()
        if weeks == CUSTOM:
            first, last = from_qdate(self.from_edit.date()), from_qdate(self.to_edit.date())
            return (first, last) if first <= last else (last, first)
        week_start = self.review.week_start if self.review is not None else "monday"
        return overview.last_weeks(weeks, today, week_start)

    # ---------------------------------------------------------------- data

    def refresh(self) -> None:
        """Re-read the chosen leader's review for the period and redraw what is visible."""
        if self.tabs.currentWidget() is self.team_tab:
            self._refresh_team()
            return
        leader = self.context.leader
        if leader is None:
            self.review = None
        else:
            first, last = self._shown_period = self.period()
            try:
                self.review = overview.leader_review(
                    self.context.db, leader, first, last, today=self.context.today()
                )
            except LeaderLogError as exc:
                show_error(self, exc, "The dashboard could not be loaded.")
                return
        if self.canvas is None:
            # first show: the figures and cards appear at once; the chart code is imported
            # and the charts drawn right after, once the page is on screen
            self._fill_texts(self.review)
            if not self._first_draw_pending:
                self._first_draw_pending = True
                self.drawing_label.show()
                QTimer.singleShot(0, self._first_draw)
            return
        self.render(self.review)

    def _first_draw(self) -> None:
        self._first_draw_pending = False
        self.drawing_label.hide()
        self.render(self.review)

    @property
    def charts_ready(self) -> bool:
        """The charts have been drawn at least once (their widget exists)."""
        return self.canvas is not None

    def _show_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def _ensure_canvas(self) -> DashboardView:
        if self.canvas is None:
            from leaderlog.ui.dashboard.charts.dashboard_view import DashboardView

            self.canvas = DashboardView("Leader dashboard")
            self.canvas.week_clicked.connect(self._week_clicked)
            self.chart_holder.insertWidget(0, self.canvas, 1)
        return self.canvas

    def _fill_texts(self, data: overview.LeaderReview | None) -> None:
        """Heading, summary cards, notes and standards coverage: everything but the charts."""
        self._fill_cards(data)
        self._fill_coverage(data)
        why = summary_texts.why_text(data)
        self.why_label.setText(why)
        self.why_label.setVisible(bool(why))
        if data is None:
            self.heading.setText("No leader yet")
            self.targets_label.setText("")
            self._show_note(summary_texts.NO_LEADER_NOTE)
            return
        self.heading.setText(summary_texts.heading_text(data))
        self.targets_label.setText(summary_texts.targets_text(data.leader))
        self._show_note(summary_texts.sparse_text(data))

    def render(self, leader_review: overview.LeaderReview | None) -> None:
        """Draw a review: summary cards, standards coverage and the charts (no database access)."""
        from leaderlog.reports import chart_models

        canvas = self._ensure_canvas()
        self._fill_texts(leader_review)
        if leader_review is None:
            series, days = chart_models.WeeklySeries(), None
            message = "No leader to show yet."
            caption, why = "", ()
        else:
            caption = summary_texts.chart_caption(leader_review)
            why = tuple(summary_texts.why_week_text(item) for item in leader_review.explanations())
            series = chart_models.WeeklySeries.from_weeks(leader_review.weeks)
            days = chart_models.CalendarDays.from_day_scores(
                leader_review.days,
                0 if leader_review.week_start == "monday" else 6,
                leader_review.started_on,
                leader_review.calendar,
            )
            message = summary_texts.empty_chart_text(leader_review)
        canvas.set_data(series, days, message, caption=caption, explanations=why)
        canvas.setAccessibleDescription(summary_texts.chart_description(leader_review))

    def _fill_cards(self, data: overview.LeaderReview | None) -> None:
        cards = (self.score_card, self.streak_card, self.followup_card, self.balance_card)
        values = summary_texts.card_figures(data)
        if values is None:
            for card in cards:
                card.show_figure("—", summary_texts.NOTHING_LOGGED)
            return
        for card, (value, detail) in zip(cards, values, strict=True):
            card.show_figure(value, detail)

    def _fill_coverage(self, data: overview.LeaderReview | None) -> None:
        if data is None:
            self.coverage.clear()
            self.coverage_note.setText("")
            return
        self.coverage.setHtml(summary_texts.coverage_html(data))
        self.coverage_note.setText(summary_texts.coverage_note(data))

    # ---------------------------------------------------------------- team tab

    def _tab_changed(self, _index: int) -> None:
        self.mark_stale()

    def _ensure_comparison(self) -> TeamComparisonWidget:
        if self.comparison is None:
            from leaderlog.ui.dashboard.comparison_page import TeamComparisonWidget

            self.comparison = TeamComparisonWidget(self.context)
            self.comparison.leader_chosen.connect(self._show_leader)
            self.team_tab.layout().addWidget(self.comparison)
        return self.comparison

    def _refresh_team(self) -> None:
        first, last = self.period()
        self._ensure_comparison().show_period(first, last)

    def _show_leader(self, leader: Leader) -> None:
        self.context.set_leader(leader)
        self.tabs.setCurrentIndex(0)

    def show_team(self) -> None:
        """Switch to the team comparison tab."""
        self.tabs.setCurrentWidget(self.team_tab)

    # ---------------------------------------------------------------- interaction

    def _week_clicked(self, first: dt.date, last: dt.date) -> None:
        self.week_activated.emit(first, last)

    def current_canvas(self) -> DashboardView | ChartCanvas | None:
        """The chart the user is looking at (leader dashboard or team comparison)."""
        if self.tabs.currentWidget() is self.team_tab and self.comparison is not None:
            return self.comparison.canvas
        return self.canvas

    def export_chart(self) -> Path | None:
        """File › Export chart…: save the chart shown as PNG, SVG or PDF."""
        canvas = self.current_canvas()
        if canvas is None:
            return None
        try:
            saved = canvas.export_with_dialog()
        except (OSError, ValueError) as exc:
            show_error(self, exc, "The chart could not be saved.")
            return None
        if saved is not None:
            self.context.show_status(f"Saved the chart to {saved}.")
        return saved

    def save_review_pack(self) -> Path | None:
        """Ask for a file name and write the leader's review pack PDF for the period shown."""
        leader = self.context.leader
        if leader is None:
            self.context.show_status("Choose a leader first: the review pack is per leader.")
            return None
        first, last = self.period()
        suggestion = f"review-{leader.name.lower().replace(' ', '-')}-{first}-{last}.pdf"
        from leaderlog.ui.dashboard.charts.common import save_directory

        path, _ = QFileDialog.getSaveFileName(
            self, "Save review pack", str(save_directory() / suggestion), "PDF document (*.pdf)"
        )
        if not path:
            return None
        return self.write_review_pack(Path(path), first, last)

    def write_review_pack(self, path: Path, first: dt.date, last: dt.date) -> Path | None:
        from leaderlog.reports.review_pack import write_review_pack

        leader = self.context.leader
        assert leader is not None
        if path.suffix.lower() != ".pdf":
            path = (
                path.with_suffix(path.suffix + ".pdf") if path.suffix else path.with_suffix(".pdf")
            )
        from leaderlog.ui.dashboard.charts.common import remember_directory

        # a few seconds of drawing: say so with the cursor, the window stays as it was
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.context.show_status(f"Writing {leader.name}'s review pack…")
        try:
            pages = write_review_pack(
                self.context.db, leader, first, last, path, today=self.context.today()
            )
        except (LeaderLogError, OSError) as exc:
            QApplication.restoreOverrideCursor()
            show_error(self, exc, "The review pack could not be saved.")
            return None
        QApplication.restoreOverrideCursor()
        remember_directory(path)
        self.context.show_status(f"Saved {leader.name}'s review pack ({pages} pages) to {path}.")
        return path

    def changeEvent(self, event: QEvent) -> None:
        # the window switched between light and dark: redraw in the new colours once the
        # new palette has reached the widgets around the charts
        if event.type() == QEvent.Type.PaletteChange and self.canvas is not None:
            QTimer.singleShot(0, self.redraw)
        super().changeEvent(event)

    def redraw(self) -> None:
        """Draw what is shown again (new colours), without reading the database."""
        if self.canvas is not None:
            self.render(self.review)
        if self.comparison is not None:
            self.comparison.redraw()
