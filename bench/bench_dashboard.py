"""Rendering the 52-week leader dashboard (every chart) once its data is loaded.

The Dashboard page's own chart widget (``DashboardView``: five panels painted with
QPainter) for one leader of the large database, timed from creating the widget to the
finished paint of all panels into a new QImage of SIZE — a full paint every time, nothing
kept from an earlier one. Baseline, same run and same size: creating a
``FigureCanvasQTAgg`` and drawing one empty matplotlib figure on it. A second row paints
another leader's dashboard on the existing widget (another leader or period chosen). An
informational row times the matplotlib dashboard the page drew before (it still draws
the review pack's PDF pages).
"""

from __future__ import annotations

import datetime as dt
import os
import sys

from common import Row, database_for, finish, interleaved, measure, parser, ratio_row

SIZE = (1100, 720)
BASELINE = "new FigureCanvasQTAgg + one empty figure drawn"


def main(argv: list[str] | None = None) -> int:
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure
    from PySide6.QtCore import QSize

    from leaderlog.data.store import open_database
    from leaderlog.journal import people
    from leaderlog.reports import chart_models, figures, overview
    from leaderlog.ui.dashboard.charts.canvas import ChartCanvas
    from leaderlog.ui.dashboard.charts.dashboard_view import DashboardView
    from leaderlog.ui.start.app import create_application

    app = create_application()
    db = open_database(database_for(args.quick))
    today = dt.date.today()
    first, last = overview.last_weeks(52, today)

    def load(leader: object) -> tuple[chart_models.WeeklySeries, chart_models.CalendarDays]:
        loaded = overview.leader_review(db, leader, first, last, today=today)
        series = chart_models.WeeklySeries.from_weeks(loaded.weeks)
        days = chart_models.CalendarDays.from_day_scores(
            loaded.days, 0 if loaded.week_start == "monday" else 6, loaded.started_on
        )
        return series, days

    leaders = people.list_leaders(db)
    series, days = load(leaders[-1])
    other = load(leaders[-2])
    db.dispose()
    size = QSize(*SIZE)
    kept: list[object] = []  # kept alive until the end, as a page keeps its chart widget

    def dashboard() -> None:
        view = DashboardView("Leader dashboard")
        view.resize(size)
        view.set_data(series, days)
        view.render_image(size)
        kept.append(view)

    def empty_figure() -> None:
        canvas = FigureCanvasQTAgg(Figure())
        canvas.resize(*SIZE)
        canvas.draw()
        kept.append(canvas)

    shown = DashboardView("Leader dashboard")
    shown.resize(size)
    shown.set_data(series, days)
    shown.render_image(size)
    turn = [0]

    def again() -> None:
        # alternate two leaders: each call lays out and paints new data
        turn[0] += 1
        shown.set_data(*(other if turn[0] % 2 else (series, days)))
        shown.render_image(size)

    def matplotlib_dashboard() -> None:
        canvas = ChartCanvas("Leader dashboard")
        canvas.resize(*SIZE)
        figures.draw_dashboard(canvas.figure, series, days, canvas.theme())
        canvas.draw()
        kept.append(canvas)

    repeat = 9 if args.quick else 31
    timed = interleaved({"baseline": empty_figure, "drawn": dashboard, "again": again}, repeat)
    baseline, drawn, redrawn = timed["baseline"], timed["drawn"], timed["again"]
    old = measure(matplotlib_dashboard, repeat=3 if args.quick else 7)
    app.processEvents()
    rows = [
        ratio_row(
            f"rendering a 52-week dashboard (all charts), {len(series)} weeks",
            drawn,
            baseline,
            4.0,
            BASELINE,
            note="each round times the baseline and both dashboard rows in turn",
        ),
        ratio_row(
            "rendering another leader's dashboard on the existing view",
            redrawn,
            baseline,
            4.0,
            BASELINE,
        ),
        Row(
            "(informational) the same dashboard drawn with matplotlib, as before",
            old.describe(),
            f"{BASELINE} {baseline.describe()}",
            old.median / baseline.median,
            "— (review-pack PDF only)",
            True,
        ),
    ]
    return finish(rows, args.json)


if __name__ == "__main__":
    sys.exit(main())
