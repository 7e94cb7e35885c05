"""The GUI entry point (`leaderlog-gui`, and the frozen app): `leaderlog` that also runs without a console.

On Windows a gui-script runs under pythonw.exe (and a windowed PyInstaller app has no
console), so sys.stdout and sys.stderr are None: anything printed (a warning, a
start-up message) would raise. They are pointed at the null device instead; the log
file keeps what matters (see leaderlog.ui.start.app.setup_logging).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Run LeaderLog (the window, or a command) with writable standard streams."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    from leaderlog.__main__ import main as leaderlog_main

    return leaderlog_main(sys.argv[1:] if argv is None else argv)
