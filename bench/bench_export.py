"""CSV export of every entry of the large database: time, and peak memory.

Each export runs in a fresh process (``--child``) so its peak resident memory is its
own. A big export runs worker processes: their peaks (VmHWM, sampled from /proc while
they run; ``RUSAGE_CHILDREN`` would report the exporting process's size at each fork)
are added to it. Time baseline, same run: the sqlite3 command-line shell exporting the
same three tables with ``.mode csv``. Memory baseline: the same export of a
~100,000-entry database.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import Row, Timing, database_for, finish, parser, ratio_row

SHELL_SCRIPT = """.headers on
.mode csv
.output {out}
SELECT * FROM day_log;
SELECT * FROM coaching_note;
SELECT * FROM reinforcement;
"""


def _children() -> list[int]:
    own = os.getpid()
    try:
        found: list[int] = []
        for task in os.listdir(f"/proc/{own}/task"):
            with open(f"/proc/{own}/task/{task}/children", encoding="ascii") as handle:
                found.extend(int(pid) for pid in handle.read().split())
        return found
    except OSError:  # no /proc/.../children here: look for processes whose parent is this one
        found = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat", encoding="ascii") as handle:
                        fields = handle.read().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == own:
                    found.append(int(entry))
        return found


def _peak_kib(pid: int, own_command: bytes) -> int | None:
    """A child's peak resident memory so far; None until it has run its own program."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            if handle.read() == own_command:  # forked, not yet exec'd: this process's pages
                return None
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


class _WorkerPeaks(threading.Thread):
    """Samples the peak resident memory of this process's children while an export runs."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peaks: dict[int, int] = {}
        self.stopping = threading.Event()
        with open("/proc/self/cmdline", "rb") as handle:
            self.own_command = handle.read()

    def run(self) -> None:
        while not self.stopping.wait(0.02):
            for pid in _children():
                # VmHWM only grows while a program runs: the last sample is its peak
                peak = _peak_kib(pid, self.own_command)
                if peak is not None:
                    self.peaks[pid] = peak


def _child(database: Path, out: Path) -> int:
    """Export every entry, then print elapsed seconds, peak memory (KiB, workers included), rows."""
    from leaderlog.data.store import open_database
    from leaderlog.transfer import csv_export

    db = open_database(database)
    workers = _WorkerPeaks()
    workers.start()
    started = time.perf_counter()
    result = csv_export.export_entries(db, out)
    elapsed = time.perf_counter() - started
    workers.stopping.set()
    workers.join()
    db.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + sum(workers.peaks.values())
    print(f"{elapsed} {peak} {result.rows} {len(workers.peaks)}")
    return 0


def _export(database: Path, out: Path) -> tuple[float, int, int, int]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(database), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed, peak, rows, workers = done.stdout.split()
    return float(elapsed), int(peak), int(rows), int(workers)


def _shell_export(database: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        ["sqlite3", "-readonly", str(database)],
        input=SHELL_SCRIPT.format(out=out),
        text=True,
        check=True,
    )
    return time.perf_counter() - started


def _with_workers(count: int) -> str:
    return f" (with its {count} worker processes)" if count else ""


def main(argv: list[str] | None = None) -> int:
    if argv is None and sys.argv[1:2] == ["--child"]:
        return _child(Path(sys.argv[2]), Path(sys.argv[3]))
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    if shutil.which("sqlite3") is None:
        print("bench_export: the sqlite3 command-line shell is not installed", file=sys.stderr)
        return 2
    large = database_for(args.quick)
    small = database_for(args.quick, "quick" if args.quick else "100k")
    repeat = 5 if args.quick else 3
    with tempfile.TemporaryDirectory(prefix="leaderlog-export-") as folder:
        out = Path(folder) / "entries.csv"
        _shell_export(large, out)  # warm-up: the file in the page cache
        shell_times: list[float] = []
        runs = []
        # in turns (the order alternating), so a busy moment on a shared machine slows both
        for round_ in range(repeat):
            if round_ % 2:
                runs.append(_export(large, out))
                shell_times.append(_shell_export(large, out))
            else:
                shell_times.append(_shell_export(large, out))
                runs.append(_export(large, out))
        shell = Timing(tuple(shell_times))
        exported = Timing(tuple(r[0] for r in runs))
        rows_written = runs[0][2]
        small_runs = [_export(small, out) for _ in range(repeat)]
    peak = max(r[1] for r in runs)
    small_peak = max(r[1] for r in small_runs)
    memory_ratio = peak / small_peak
    rows = [
        ratio_row(
            f"CSV export of every entry ({rows_written:,} rows)",
            exported,
            shell,
            2.5,
            "sqlite3 shell .mode csv",
        ),
        Row(
            "peak memory of that export",
            f"{peak / 1024:.0f} MiB{_with_workers(runs[0][3])}",
            f"the same export of a {small_runs[0][2]:,}-entry database: "
            f"{small_peak / 1024:.0f} MiB{_with_workers(small_runs[0][3])}",
            memory_ratio,
            "≤ 1.2×",
            memory_ratio <= 1.2,
        ),
    ]
    return finish(rows, args.json)


if __name__ == "__main__":
    sys.exit(main())
