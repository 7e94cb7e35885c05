"""Entry point of the frozen (PyInstaller) app: an export worker when asked, else LeaderLog.

Under PyInstaller ``sys.executable`` is the app itself, so a parallel CSV export
starts its worker processes as ``<app> --leaderlog-export-worker`` (see
leaderlog.data.parallel_export). That argument is handled here before anything
else is imported, so a worker loads the standard library and the small
export_worker module only, as it does from a source install.
"""

from __future__ import annotations

import os
import sys


def _run_export_worker() -> int:
    from leaderlog.data import export_worker

    trace = os.environ.get("LEADERLOG_EXPORT_WORKER_TRACE")
    if trace:
        # packaging/smoke-test sets this to a folder, to see that the workers really ran
        # (an export falls back to one process, silently, when none can start)
        with open(os.path.join(trace, f"worker-{os.getpid()}"), "w", encoding="utf-8"):
            pass
    return export_worker.serve(sys.stdin.buffer, sys.stdout.buffer)


def _keep_matplotlib_cache() -> None:
    """Point matplotlib at a lasting config folder instead of PyInstaller's new temporary one.

    PyInstaller's run-time hook sets MPLCONFIGDIR to a fresh temporary folder at every
    start, so matplotlib would rebuild its font list (seconds on a desktop with many
    fonts) before every review pack or comparison chart. A folder in the user's cache
    keeps it, as ~/.cache/matplotlib does for a source install.
    """
    home = os.environ.get("LEADERLOG_HOME")
    if home:
        cache = os.path.join(os.path.expanduser(home), "cache")
    else:
        import platformdirs

        cache = platformdirs.user_cache_dir("LeaderLog", appauthor=False)
    folder = os.path.join(cache, "matplotlib")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return  # the temporary folder still works, only slower
    os.environ["MPLCONFIGDIR"] = folder


def _main() -> int:
    from leaderlog.data.export_worker import FROZEN_APP_ARGUMENT

    if sys.argv[1:2] == [FROZEN_APP_ARGUMENT]:
        return _run_export_worker()
    if getattr(sys, "frozen", False):
        _keep_matplotlib_cache()
    from leaderlog.desktop.gui import main

    return main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(_main())
