"""Run every benchmark one after another (one core at a time) and write bench/results.md.

Each benchmark runs as its own process, so one's imports, caches and memory never
colour another's figures. Exit status 1 when any target was missed (or a benchmark
failed to run); every row is still reported.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import BENCH_DIR, Row

BENCHMARKS = (
    "bench_startup",
    "bench_metrics",
    "bench_export",
    "bench_save",
    "bench_search",
    "bench_dashboard",
)


def _machine() -> str:
    import sqlite3

    cores = os.cpu_count()
    return (
        f"{platform.system()} {platform.machine()}, {cores} CPU cores, Python "
        f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}, Qt offscreen"
    )


def _table(rows: list[Row]) -> str:
    lines = [
        "| what | figure | baseline (same run) | ratio | target | result |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        ratio = "—" if row.ratio is None else f"{row.ratio:.2f}×"
        verdict = "ok" if row.passed else "**missed**"
        figure = row.figure + (f" ({row.note})" if row.note else "")
        lines.append(
            f"| {row.name} | {figure} | {row.baseline} | {ratio} | {row.target} | {verdict} |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    only = [a for a in argv if not a.startswith("-")]
    started = time.perf_counter()
    from make_db import ensure_database

    for scale in ("quick",) if quick else ("large", "100k"):
        ensure_database(scale)
    rows: list[Row] = []
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="leaderlog-bench-") as folder:
        for name in BENCHMARKS:
            if only and name not in only and name.removeprefix("bench_") not in only:
                continue
            out = Path(folder) / f"{name}.json"
            command = [sys.executable, str(BENCH_DIR / f"{name}.py"), "--json", str(out)]
            if quick:
                command.append("--quick")
            print(f"== {name}", flush=True)
            done = subprocess.run(command, check=False)
            if out.exists():
                rows += [Row(**r) for r in json.loads(out.read_text(encoding="utf-8"))]
            if done.returncode not in (0, 1) or not out.exists():
                failures.append(f"{name} failed to run (exit status {done.returncode})")
    elapsed = time.perf_counter() - started
    kind = "quick run (small database, smoke check)" if quick else "full run"
    report = [
        "# LeaderLog benchmark results",
        "",
        f"{kind}, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {_machine()}; "
        f"took {elapsed:.0f} s. Written by `bench/run{' --quick' if quick else ''}`; "
        "see docs/performance.md for what each row measures.",
        "",
        _table(rows),
        "",
    ]
    report += [f"- {failure}" for failure in failures]
    # the quick smoke run (CI) leaves the committed full results alone
    target = BENCH_DIR / "out" / "results-quick.md" if quick else BENCH_DIR / "results.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(report) + "\n", encoding="utf-8")
    missed = [r.name for r in rows if not r.passed]
    print(f"\nwrote {target.relative_to(BENCH_DIR.parent)} in {elapsed:.0f} s")
    if missed or failures:
        print("missed: " + "; ".join(missed + failures))
        return 1
    print("every target met")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
