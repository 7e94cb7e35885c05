"""Take the Dashboard and team comparison screenshots on the demo journal.

Run under Xvfb so the real xcb platform draws the window, one shot per run, e.g.:

    xvfb-run -a -s "-screen 0 1440x900x24" env QT_QPA_PLATFORM=xcb \
        python docs/screenshots/make_chart_screenshots.py --leader "Ana Ruiz" \
        --name dashboard-steady-light
    QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 2880x1800x24" env QT_QPA_PLATFORM=xcb \
        python docs/screenshots/make_chart_screenshots.py --name dashboard-200

The demo journal and settings live in a temporary LEADERLOG_HOME unless one is set.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZE = (1280, 800)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--name", required=True, help="file name without .png")
    parser.add_argument("--leader", default="Ana Ruiz")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--team", action="store_true", help="show the team comparison tab")
    parser.add_argument("--weeks", type=int, default=26, choices=(4, 12, 26, 52))
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args()
    os.environ.setdefault("LEADERLOG_HOME", tempfile.mkdtemp(prefix="leaderlog-shots-"))

    from leaderlog.core.paths import AppPaths
    from leaderlog.journal import people
    from leaderlog.ui.start.app import (
        build_main_window,
        create_application,
        open_database_for_window,
    )
    from leaderlog.ui.window.appearance import apply_theme
    from leaderlog.ui.window.pages import PAGES

    app = create_application()
    apply_theme(app, args.theme)
    paths = AppPaths.default()
    db = open_database_for_window(str(paths.demo_database_file), demo=True)
    assert db is not None
    window = build_main_window(db, paths, demo=True)
    window.resize(*SIZE)
    window.move(0, 0)
    window.show()
    window.context.set_leader(people.find_leader(db, args.leader))
    window.go_to(next(i for i, spec in enumerate(PAGES) if spec.key == "dashboard"))
    page = window.page("dashboard")
    page.set_period_weeks(args.weeks)
    if args.team:
        page.show_team()
    for _ in range(20):
        app.processEvents()
    target = args.out / f"{args.name}.png"
    window.grab().save(str(target))
    print(target)
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
