"""Shared parts of the benchmarks: timing, ratios against a same-run baseline, and reporting.

Each benchmark module is a script: it measures its rows, prints each figure with its
ratio and target, writes them as JSON when asked (``--json FILE``, for ``bench/run``)
and exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
if str(REPO) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(REPO))
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))


@dataclass(frozen=True)
class Timing:
    """Repeated measurements of one thing, in seconds."""

    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def low(self) -> float:
        return min(self.samples)

    @property
    def high(self) -> float:
        return max(self.samples)

    def describe(self, unit: str = "ms") -> str:
        scale = 1000 if unit == "ms" else 1
        return (
            f"{self.median * scale:.1f} {unit} (min {self.low * scale:.1f}, "
            f"max {self.high * scale:.1f}, n={len(self.samples)})"
        )


@dataclass(frozen=True)
class Row:
    """One line of the results table."""

    name: str
    figure: str
    baseline: str
    ratio: float | None
    target: str
    passed: bool
    note: str = ""
    # the number the verdict rests on (lower is better) when it is not the ratio, e.g. a
    # time in seconds against an absolute limit: bench/run takes the median round by it
    value: float | None = None

    def line(self) -> str:
        ratio = "—" if self.ratio is None else f"{self.ratio:.2f}×"
        verdict = "ok" if self.passed else "MISSED"
        return (
            f"[{verdict}] {self.name}: {self.figure}; baseline {self.baseline}; "
            f"ratio {ratio} (target {self.target})" + (f" — {self.note}" if self.note else "")
        )


def measure(action: Callable[[], object], repeat: int, warmup: int = 1) -> Timing:
    """Time ``action`` with perf_counter, ``warmup`` untimed calls first; GC off while timing."""
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            action()
            samples.append(time.perf_counter() - started)
        finally:
            gc.enable()
    return Timing(tuple(samples))


def interleaved(actions: dict[str, Callable[[], object]], repeat: int) -> dict[str, Timing]:
    """Time several actions in turns (one sample of each per round, the order rotating).

    On a machine shared with other work a busy moment then slows every action alike,
    instead of whichever happened to be measured during it; GC off while timing.
    """
    for action in actions.values():
        action()
    samples: dict[str, list[float]] = {name: [] for name in actions}
    names = list(actions)
    for round_ in range(repeat):
        for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
            gc.collect()
            gc.disable()
            try:
                started = time.perf_counter()
                actions[name]()
                samples[name].append(time.perf_counter() - started)
            finally:
                gc.enable()
    return {name: Timing(tuple(values)) for name, values in samples.items()}


def measure_process(
    command: Sequence[str], repeat: int, warmup: int = 1, **kwargs: object
) -> Timing:
    """Wall time of whole processes from spawn to exit (start-up benchmarks)."""

    def once() -> None:
        done = subprocess.run(command, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
        if done.returncode != 0:
            raise RuntimeError(
                f"{' '.join(command)} exited with {done.returncode}:\n{done.stdout}{done.stderr}"
            )

    for _ in range(warmup):
        once()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        once()
        samples.append(time.perf_counter() - started)
    return Timing(tuple(samples))


def ratio_row(
    name: str,
    measured: Timing,
    baseline: Timing,
    target: float,
    baseline_name: str,
    *,
    absolute_limit_s: float | None = None,
    note: str = "",
) -> Row:
    """A row whose figure is measured.median / baseline.median, passing when <= target."""
    ratio = measured.median / baseline.median
    passed = ratio <= target
    target_text = f"≤ {target:g}×"
    if absolute_limit_s is not None:
        passed = passed and measured.median <= absolute_limit_s
        target_text += f" and ≤ {absolute_limit_s * 1000:g} ms"
    return Row(
        name,
        measured.describe(),
        f"{baseline_name} {baseline.describe()}",
        ratio,
        target_text,
        passed,
        note,
    )


def parser(description: str) -> argparse.ArgumentParser:
    """The options every benchmark script takes."""
    result = argparse.ArgumentParser(description=description)
    result.add_argument("--quick", action="store_true", help="small database, fewer repeats")
    result.add_argument("--json", type=Path, help="also write the rows to this file")
    return result


def database_for(quick: bool, scale: str | None = None) -> Path:
    """The cached benchmark database (built on first use)."""
    from make_db import ensure_database

    return ensure_database(scale or ("quick" if quick else "large"))


def finish(rows: list[Row], json_path: Path | None) -> int:
    """Print the rows, write them as JSON if asked; exit status 1 if any target was missed."""
    for row in rows:
        print(row.line(), flush=True)
    if json_path is not None:
        json_path.write_text(json.dumps([asdict(r) for r in rows], indent=1), encoding="utf-8")
    return 0 if all(r.passed for r in rows) else 1


def offscreen_environment() -> dict[str, str]:
    """The environment for Qt subprocesses: offscreen, no user settings touched."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Start-up is measured as an installed app runs: with compiled bytecode (pip writes
    # it at install time). Kept under bench/out so the source tree stays clean.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(BENCH_DIR / "out" / "pycache")
    return env
