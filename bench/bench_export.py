"""CSV export of every entry of the large database: time, and peak memory.

Each export runs in a fresh process (``--child``) so its peak resident memory is its
own. Time baseline, same run: the sqlite3 command-line shell exporting the same three
tables with ``.mode csv``. Memory baseline: the same export of a ~100,000-entry database.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
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


def _child(database: Path, out: Path) -> int:
    """Export every entry, then print elapsed seconds and peak memory (KiB)."""
    from leaderlog import csv_export
    from leaderlog.data.store import open_database

    db = open_database(database)
    started = time.perf_counter()
    result = csv_export.export_entries(db, out)
    elapsed = time.perf_counter() - started
    db.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{elapsed} {peak} {result.rows}")
    return 0


def _export(database: Path, out: Path) -> tuple[float, int, int]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(database), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed, peak, rows = done.stdout.split()
    return float(elapsed), int(peak), int(rows)


def _shell_export(database: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        ["sqlite3", "-readonly", str(database)],
        input=SHELL_SCRIPT.format(out=out),
        text=True,
        check=True,
    )
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    if argv is None and sys.argv[1:2] == ["--child"]:
        return _child(Path(sys.argv[2]), Path(sys.argv[3]))
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    if shutil.which("sqlite3") is None:
        print("bench_export: the sqlite3 command-line shell is not installed", file=sys.stderr)
        return 2
    large = database_for(args.quick)
    small = database_for(args.quick, "quick" if args.quick else "100k")
    repeat = 1 if args.quick else 3
    with tempfile.TemporaryDirectory(prefix="leaderlog-export-") as folder:
        out = Path(folder) / "entries.csv"
        _shell_export(large, out)  # warm-up: the file in the page cache
        shell = Timing(tuple(_shell_export(large, out) for _ in range(repeat)))
        runs = [_export(large, out) for _ in range(repeat)]
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
            f"{peak / 1024:.0f} MiB",
            f"the same export of a {small_runs[0][2]:,}-entry database: {small_peak / 1024:.0f} MiB",
            memory_ratio,
            "≤ 1.2×",
            memory_ratio <= 1.2,
        ),
    ]
    return finish(rows, args.json)


if __name__ == "__main__":
    sys.exit(main())
