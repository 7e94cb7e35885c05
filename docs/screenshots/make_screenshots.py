"""Take the README/docs screenshots: every page on the demo journal, light and dark.

Run under Xvfb so the real xcb platform draws the window, e.g.:

    xvfb-run -a -s "-screen 0 1440x900x24" env QT_QPA_PLATFORM=xcb \
        python docs/screenshots/make_screenshots.py --theme light
    QT_SCALE_FACTOR=2 xvfb-run ... make_screenshots.py --theme light --suffix light-200 --pages today

The demo journal and settings live in a temporary LEADERLOG_HOME, never the real one.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZE = (1280, 800)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--suffix", help="file name suffix (default: the theme)")
    parser.add_argument("--pages", nargs="*", help="page keys to grab (default: all + welcome)")
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args()
    os.environ.setdefault("LEADERLOG_HOME", tempfile.mkdtemp(prefix="leaderlog-shots-"))

    from PySide6.QtWidgets import QApplication

    from leaderlog.core.paths import AppPaths
    from leaderlog.ui.start.app import (
        build_main_window,
        create_application,
        open_database_for_window,
    )
    from leaderlog.ui.window.appearance import apply_theme
    from leaderlog.ui.window.pages import PAGES

    suffix = args.suffix or args.theme
    wanted = args.pages or [*(spec.key for spec in PAGES), "welcome"]
    app = create_application()
    apply_theme(app, args.theme)
    paths = AppPaths.default()

    def settle() -> None:
        for _ in range(10):
            app.processEvents()

    def save(window: QApplication, name: str) -> None:
        settle()
        target = args.out / f"{name}-{suffix}.png"
        window.grab().save(str(target))  # type: ignore[attr-defined]
        print(target)

    if any(key != "welcome" for key in wanted):
        db = open_database_for_window(str(paths.demo_database_file), demo=True)
        assert db is not None
        window = build_main_window(db, paths, demo=True)
        window.resize(*SIZE)
        window.show()
        window.go_to(0)
        settle()
        _log_a_day(window)
        for index, spec in enumerate(PAGES):
            if spec.key in wanted:
                window.go_to(index)
                save(window, spec.key)
        window.close()
        db.dispose()

    if "welcome" in wanted:
        empty = Path(tempfile.mkdtemp(prefix="leaderlog-empty-"))
        db = open_database_for_window(str(empty / "journal.sqlite3"), demo=False)
        assert db is not None
        window = build_main_window(db, AppPaths(empty / "data", empty / "config", empty / "log"))
        window.resize(*SIZE)
        window.show()
        save(window, "welcome")
        window.close()
        db.dispose()
    return 0


def _log_a_day(window: object) -> None:
    """Fill the Today form the way a user would, once, so the page shows a real day."""
    today = window.page("today")  # type: ignore[attr-defined]
    if today.today_list.count():
        return
    today.minutes_edit.setText("75")
    today.day_note_edit.setText("Busy lunch; covered the counter for an hour")
    today.who_edit.setText(today.completer.model().stringList()[0])
    today.coach_standard.setCurrentIndex(1)
    today.observation_edit.setPlainText("Greeted customers within seconds even with a queue.")
    today.action_edit.setText("Show the new starter how you scan the queue")
    today.follow_combo.setCurrentIndex(3)
    today.kind_combo.setCurrentIndex(3)
    today.description_edit.setText("Read out the customer's thank-you email at the huddle")
    today.save()
    today.who_edit.setText(today.completer.model().stringList()[1])
    today.observation_edit.setPlainText("Explained the returns policy clearly and")


if __name__ == "__main__":
    sys.exit(main())
