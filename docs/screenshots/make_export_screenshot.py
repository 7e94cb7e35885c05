"""Take export-progress.png: File › Export CSV… half-way through a real export of the demo journal.

The export runs for real in its background thread; it is held at half-way (the progress
callback waits) only while the dialog is grabbed, then finishes. Run under Xvfb, e.g.:

    xvfb-run -a -s "-screen 0 1440x900x24" env QT_QPA_PLATFORM=xcb \
        python docs/screenshots/make_export_screenshot.py

The demo journal and settings live in a temporary LEADERLOG_HOME unless one is set.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--name", default="export-progress")
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args()
    os.environ.setdefault("LEADERLOG_HOME", tempfile.mkdtemp(prefix="leaderlog-shots-"))

    from leaderlog.core.paths import AppPaths
    from leaderlog.transfer import csv_export
    from leaderlog.ui.start.app import (
        build_main_window,
        create_application,
        open_database_for_window,
    )
    from leaderlog.ui.transfer import export_dialog
    from leaderlog.ui.window.appearance import apply_theme

    app = create_application()
    apply_theme(app, args.theme)
    paths = AppPaths.default()
    db = open_database_for_window(str(paths.demo_database_file), demo=True)
    assert db is not None
    window = build_main_window(db, paths, demo=True)
    window.resize(1280, 800)
    window.show()

    half_way, shot_taken = threading.Event(), threading.Event()
    real_export = csv_export.export_csv

    def held_at_half_way(db, what, path, progress, **options):  # type: ignore[no-untyped-def]
        def report(done: int, total: int) -> None:
            progress(done, total)
            if total and done >= total // 2 and not half_way.is_set():
                half_way.set()
                shot_taken.wait(30)

        return real_export(db, what, path, progress=report, **options)

    export_dialog.csv_export.export_csv = held_at_half_way  # type: ignore[assignment]
    dialog = export_dialog.ExportCsvDialog(window.context, window)
    dialog.whose_combo.setCurrentIndex(0)  # everyone
    for row in range(dialog.period_combo.count()):
        if dialog.period_combo.itemText(row) == "Everything":
            dialog.period_combo.setCurrentIndex(row)
    dialog.show()
    target_csv = Path(tempfile.mkdtemp(prefix="leaderlog-export-")) / "leaderlog-entries.csv"
    dialog.export_to(target_csv)
    while not half_way.is_set() or dialog.progress_bar.value() <= 0:
        app.processEvents()
    for _ in range(10):
        app.processEvents()
    target = args.out / f"{args.name}.png"
    dialog.grab().save(str(target))
    print(target, dialog.progress_bar.value(), dialog.progress_bar.maximum())
    shot_taken.set()
    dialog.job.wait(30)  # type: ignore[union-attr]
    for _ in range(10):
        app.processEvents()
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
