"""The real app in a real X window (Xvfb, the xcb platform): log yesterday from Today's day strip.

Offscreen tests cannot show what the desktop adds: the xcb platform appends the
application's name to window titles that do not end with it (defect 9), and a real
window maps, activates and takes clicks. CI installs xvfb; without it this is skipped.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from leaderlog.journal import logbook, people

XVFB_RUN = shutil.which("xvfb-run")

needs_xvfb = pytest.mark.skipif(
    XVFB_RUN is None or shutil.which("Xvfb") is None,
    reason="needs xvfb-run and Xvfb (apt install xvfb) to open a real X window",
)
pytestmark = pytest.mark.gui


def run_in_x(script: str, env: dict[str, str]) -> dict[str, str]:
    """Run a script under xvfb-run on the xcb platform; the "key|value" lines it printed."""
    assert XVFB_RUN is not None
    result = subprocess.run(
        [XVFB_RUN, "-a", "-s", "-screen 0 1280x900x24", sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, **env, "QT_QPA_PLATFORM": "xcb"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return dict(line.split("|", 1) for line in result.stdout.splitlines() if "|" in line)


X_TITLE = """
def x_title(window):
    # the title the X server holds, as the platform formatted it
    out = subprocess.run(
        ["xprop", "-id", str(int(window.winId())), "_NET_WM_NAME"],
        capture_output=True, text=True,
    ).stdout
    return out.split("=", 1)[-1].strip().strip('"') if "=" in out else "(no xprop)"
"""

SCRIPT = (
    textwrap.dedent(
        """
    import datetime as dt, subprocess, sys
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from leaderlog.cli.main import run
    from leaderlog.ui.start.app import create_application
    from leaderlog.ui.window.main_window import MainWindow

    app = create_application()
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    step = {"done": False}
    """
    )
    + X_TITLE
    + textwrap.dedent(
        """

    def poll():
        shown = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
        if step["done"] or not shown or not shown[0].is_open:
            return
        window = shown[0]
        today = window.page("today")
        buttons = [b for b in today.navigator.strip_buttons if b.property("day") == yesterday]
        if not buttons or not buttons[0].isVisible():
            return  # the habit strip is filled once the journal is read
        step["done"] = True
        QTest.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
        print("heading|" + today.heading.accessibleName())
        today.minutes_edit.setFocus()
        QTest.keyClicks(today.minutes_edit, "35")
        QTest.keyClick(today.minutes_edit, Qt.Key.Key_Return)
        print("status|" + window.statusBar().currentMessage())
        print("title|" + window.windowTitle())
        print("x title|" + x_title(window))
        window.close()

    def give_up():
        widgets = [(type(w).__name__, w.isVisible(), w.windowTitle()) for w in app.topLevelWidgets()]
        print("gave up|" + repr(widgets), file=sys.stderr)
        sys.exit(3)

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(100)
    QTimer.singleShot(40_000, give_up)
    sys.exit(run([]))
    """
    )
)


@needs_xvfb
def test_yesterday_is_logged_from_the_day_strip_in_a_real_window(db, db_path, leader, app_paths):
    today = dt.date.today()
    yesterday = today - dt.timedelta(days=1)
    # a record that began last week, so yesterday is an ordinary day of it
    logbook.add_day_log(db, leader.id, today - dt.timedelta(days=8), 20, today=today)
    people.add_member(db, leader.id, "Sam Lee")
    db.dispose()
    seen = run_in_x(SCRIPT, {"LEADERLOG_DB": str(db_path)})
    plain = f"{yesterday:%A} {yesterday.day} {yesterday:%B %Y}"
    assert seen["heading"] == f"Logging {plain} — not today"
    assert seen["status"] == f"Saved on {plain}: 35 min with customers."
    assert logbook.get_day_log(db, leader.id, yesterday).minutes == 35
    assert logbook.get_day_log(db, leader.id, today) is None
    assert seen["x title"] == "Today — LeaderLog"


DEMO_TITLE = (
    textwrap.dedent(
        """
    import subprocess, sys
    from leaderlog.core.paths import AppPaths
    from leaderlog.safety.opening import open_journal
    from leaderlog.ui.start.app import build_main_window, create_application
    """
    )
    + X_TITLE
    + textwrap.dedent(
        """
    app = create_application()
    window = build_main_window(open_journal(sys.argv[1]), AppPaths.default(), demo=True)
    window.show()
    window.page_stack.show_page(0)
    app.processEvents()
    print("title|" + window.windowTitle())
    print("x title|" + x_title(window))
    """
    )
)


@needs_xvfb
def test_the_demo_window_title_names_the_app_once(db, db_path, app_paths):
    """Defect 9: "Today — LeaderLog (demo journal) — LeaderLog" in the task bar."""
    db.dispose()
    seen = run_in_x(DEMO_TITLE.replace("sys.argv[1]", repr(str(db_path))), {})
    assert seen["x title"] == seen["title"] == "Today (demo journal) — LeaderLog"


REMINDER = textwrap.dedent(
    """
    import datetime as dt, sys
    from PySide6.QtCore import QTimer
    from leaderlog.core.paths import AppPaths
    from leaderlog.safety.opening import open_journal
    from leaderlog.ui.start.app import build_main_window, create_application
    from leaderlog.ui.window.reminder import ReminderSettings

    class Clock:
        # the fake clock the window reads: a Friday, a minute before the reminder
        now = dt.datetime(2026, 11, 20, 15, 59).astimezone()
        def __call__(self):
            return self.now

    app = create_application()
    clock = Clock()
    window = build_main_window(open_journal(sys.argv[1]), AppPaths.default())
    window.context.clock = clock
    window.show()
    while window.reminder is None:
        app.processEvents()
    reminder = window.reminder
    reminder.apply(ReminderSettings(enabled=True, at=dt.time(16, 0)))
    reminder.timer.setInterval(50)  # the real minute timer, ticking faster
    print("before|" + repr(reminder.check()))

    def at_four():
        clock.now = clock.now.replace(hour=16, minute=1)

    def poll():
        if reminder.last_channel is None:
            return
        print("channel|" + reminder.last_channel)
        print("status|" + window.statusBar().currentMessage())
        print("again|" + repr(reminder.check()))
        app.quit()

    def give_up():
        print("gave up|no reminder", file=sys.stderr)
        sys.exit(3)

    QTimer.singleShot(300, at_four)
    poller = QTimer()
    poller.timeout.connect(poll)
    poller.start(50)
    QTimer.singleShot(40_000, give_up)
    app.exec()
    """
)


@needs_xvfb
def test_the_reminder_comes_at_its_time_in_a_real_window_with_a_fake_clock(
    db, db_path, leader, app_paths
):
    from leaderlog.journal import settings_history

    settings_history.set_start_date(db, leader.id, dt.date(2026, 1, 5))
    db.dispose()
    seen = run_in_x(REMINDER.replace("sys.argv[1]", repr(str(db_path))), {})
    assert seen["before"] == "False"  # 15:59: not yet
    # no tray under a bare X server: a desktop notification if D-Bus has the service, else the
    # status bar; either way the window says it
    assert seen["channel"] in ("desktop", "window")
    assert seen["status"].startswith(
        "Nothing is logged yet for Ana Ruiz today (Friday 20 November)"
    )
    assert seen["again"] == "False"  # once a day
