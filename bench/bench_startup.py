"""Cold start on the large database, as whole processes: window painted, and Today form usable.

The app runs with LEADERLOG_EXIT_WHEN_READY (leaderlog/ui/readiness.py), which prints a
line when ready and quits. Each run is timed from spawning the process to that line (the
exit afterwards is not counted), after one untimed warm-up run (which also makes the day's
automatic backup, so later runs measure an ordinary start). Baselines, in the same run:
a bare PySide6 script that shows an empty QMainWindow and reports its first paint, and
the same script after ``import sqlalchemy.orm``. The four kinds of process run in turns
(one of each per round, the order rotating), so a busy moment on a shared machine slows
the baselines and the app alike instead of one series.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import (
    Row,
    Timing,
    database_for,
    finish,
    offscreen_environment,
    parser,
    ratio_row,
)

BARE_WINDOW = """
import sys, time
{extra_import}
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

def ready():
    print("ready", flush=True)
    app.quit()

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            # reported once the paint has finished, as LEADERLOG_EXIT_WHEN_READY does
            window.removeEventFilter(self)
            QTimer.singleShot(0, ready)
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
watcher = Painted()
window.installEventFilter(watcher)
window.resize(1100, 720)
window.show()
app.exec()
"""


def _time_until_ready(command: list[str], env: dict[str, str], cwd: Path) -> float:
    """Seconds from spawning ``command`` to its first stdout line starting with 'leaderlog ready' or 'ready'."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd
    )
    assert process.stdout is not None
    ready_at = None
    for line in process.stdout:
        if line.startswith(("ready", "leaderlog ready")):
            ready_at = time.perf_counter()
            break
    _out, errors = process.communicate(timeout=120)
    if ready_at is None or process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} never reported ready:\n{errors}")
    return ready_at - started


def _in_turns(
    commands: dict[str, tuple[list[str], dict[str, str]]], cwd: Path, repeat: int
) -> dict[str, Timing]:
    """Time each command ``repeat`` times, one run of each per round, the order rotating."""
    for command, env in commands.values():
        _time_until_ready(command, env, cwd)  # warm-up: page cache, .pyc files, the daily backup
    names = list(commands)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(repeat):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            command, env = commands[name]
            samples[name].append(_time_until_ready(command, env, cwd))
    return {name: Timing(tuple(values)) for name, values in samples.items()}


def main(argv: list[str] | None = None) -> int:
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    database = database_for(args.quick)
    repeat = 5 if args.quick else 7
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="leaderlog-bench-") as home:
        env = offscreen_environment()
        env["LEADERLOG_HOME"] = home  # fresh settings and backups, never the user's
        cwd = Path(home)
        app = [python, "-m", "leaderlog", "--db", str(database)]
        timed = _in_turns(
            {
                "bare": ([python, "-c", BARE_WINDOW.format(extra_import="")], env),
                "bare_orm": (
                    [python, "-c", BARE_WINDOW.format(extra_import="import sqlalchemy.orm")],
                    env,
                ),
                "painted": (app, env | {"LEADERLOG_EXIT_WHEN_READY": "painted"}),
                "form": (app, env | {"LEADERLOG_EXIT_WHEN_READY": "form"}),
            },
            cwd,
            repeat,
        )
        bare, bare_orm, painted, form = (
            timed["bare"],
            timed["bare_orm"],
            timed["painted"],
            timed["form"],
        )
    size = f"{database.stat().st_size / 2**20:.0f} MB database"
    rows: list[Row] = [
        ratio_row(
            "cold start until the main window is painted",
            painted,
            bare,
            1.5,
            "bare PySide6 QMainWindow",
            note=size,
        ),
        ratio_row(
            "cold start until today's entry form is usable with the last leader's data",
            form,
            bare_orm,
            1.3,
            "bare window + import sqlalchemy.orm",
            note=size,
        ),
    ]
    return finish(rows, args.json)


if __name__ == "__main__":
    sys.exit(main())
