"""Rendering the 52-week leader dashboard (every chart) once its data is loaded.

The dashboard's own figure code (``figures.draw_dashboard`` on a ``ChartCanvas``, as the
Dashboard page draws it) for one leader of the large database, timed from creating the
canvas to the finished Agg drawing. Baseline, same run and same size: creating a
``FigureCanvasQTAgg`` and drawing one empty matplotlib figure on it. A second row times
a redraw on the existing canvas (another leader or period chosen).
"""

from __future__ import annotations

import datetime as dt
import os
import sys

from common import database_for, finish, measure, parser, ratio_row

SIZE = (1100, 720)


def main(argv: list[str] | None = None) -> int:
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    from leaderlog import people, review
    from leaderlog.charts import figures
    from leaderlog.data.store import open_database
    from leaderlog.ui.app import create_application
    from leaderlog.ui.charts.canvas import ChartCanvas

    app = create_application()
    db = open_database(database_for(args.quick))
    leader = people.list_leaders(db)[-1]
    today = dt.date.today()
    first, last = review.last_weeks(52, today)
    loaded = review.leader_review(db, leader, first, last, today=today)
    db.dispose()
    series = figures.WeeklySeries.from_weeks(loaded.weeks)
    days = figures.CalendarDays.from_day_scores(
        loaded.days, 0 if loaded.week_start == "monday" else 6, loaded.started_on
    )
    canvases: list[object] = []  # kept alive until the end, as a page keeps its canvas

    def dashboard() -> None:
        canvas = ChartCanvas("Leader dashboard")
        canvas.resize(*SIZE)
        figures.draw_dashboard(canvas.figure, series, days, canvas.theme())
        canvas.draw()
        canvases.append(canvas)

    def empty_figure() -> None:
        canvas = FigureCanvasQTAgg(Figure())
        canvas.resize(*SIZE)
        canvas.draw()
        canvases.append(canvas)

    redrawn = ChartCanvas("Leader dashboard")
    redrawn.resize(*SIZE)

    def redraw() -> None:
        redrawn.figure.clear()
        figures.draw_dashboard(redrawn.figure, series, days, redrawn.theme())
        redrawn.draw()

    repeat = 5 if args.quick else 15
    baseline = measure(empty_figure, repeat=repeat)
    drawn = measure(dashboard, repeat=repeat)
    again = measure(redraw, repeat=repeat)
    app.processEvents()
    rows = [
        ratio_row(
            f"rendering a 52-week dashboard (all charts), {len(series)} weeks",
            drawn,
            baseline,
            4.0,
            "new FigureCanvasQTAgg + one empty figure drawn",
        ),
        ratio_row(
            "redrawing that dashboard on its existing canvas",
            again,
            baseline,
            4.0,
            "new FigureCanvasQTAgg + one empty figure drawn",
        ),
    ]
    return finish(rows, args.json)


if __name__ == "__main__":
    sys.exit(main())
