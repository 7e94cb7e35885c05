"""Run every benchmark (one core at a time), in rounds until each median settles, and write the results.

Each benchmark module (a "row" of this list) runs as its own process, so one's imports,
caches and memory never colour another's figures. A module is run again, round after
round, until the running median of every one of its judged numbers (a row's ratio
against its baseline measured in the same round) has moved less than TOLERANCE over the
last STABLE_ROUNDS rounds, or until the module's time cap is spent. The table shows the
round whose number is the median, so its figure, baseline and ratio belong together.

The runner watches the machine around each module: the load average and CPU frequency
before and after, the highest load average while it runs, and from /proc/stat how much
CPU the other programs used meanwhile. A module run on a busy machine is reported as
"not judged (busy machine: load X)" instead of a pass or a miss. Exit statuses are
listed at the top of bench/run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from common import BENCH_DIR, Row

BENCHMARKS = (
    "bench_startup",
    "bench_metrics",
    "bench_export",
    "bench_save",
    "bench_search",
    "bench_dashboard",
    "bench_week_review",
)

EXIT_MET = 0  # every judged row met its target
EXIT_MISSED = 1  # a judged row missed its target, or a benchmark failed to run
EXIT_USAGE = 2  # bad arguments (argparse's own status)
EXIT_NOTHING_JUDGED = 3  # every row was run on a busy machine: nothing could be judged


@dataclass(frozen=True)
class Settings:
    """When to stop repeating a module and when to call the machine busy.

    The defaults: three rounds at least, a running median that moved under 5 % over
    those last three, at most 60 s per module for --quick (240 s for the full run) and
    never more than 15 rounds. Busy: a load average above the core count less 0.5 (1.5
    on two cores) before a module, or while it runs once its own processes' share is
    taken off, or other programs using over a quarter of the machine's CPU meanwhile.
    """

    stable_rounds: int = 3
    tolerance: float = 0.05
    cap_s: float = 60.0
    max_rounds: int = 15
    load_margin: float = 0.5
    others_limit: float = 0.25


# -- the machine's state ---------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """The load average (1, 5, 15 min) and mean CPU frequency at one moment."""

    load: tuple[float, float, float]
    mhz: float | None

    def describe(self) -> str:
        frequency = "CPU frequency unknown" if self.mhz is None else f"CPU {self.mhz:.0f} MHz"
        return f"load {self.load[0]:.2f} {self.load[1]:.2f} {self.load[2]:.2f}, {frequency}"


def cpu_mhz(
    cpu_dir: Path = Path("/sys/devices/system/cpu"), cpuinfo: Path = Path("/proc/cpuinfo")
) -> float | None:
    """Mean current frequency of the cores in MHz: cpufreq when the kernel has it, else
    /proc/cpuinfo's "cpu MHz" lines; None when neither exists (the report says unknown)."""
    readings = []
    for path in sorted(cpu_dir.glob("cpu[0-9]*/cpufreq/scaling_cur_freq")):
        try:
            readings.append(int(path.read_text().strip()) / 1000)  # kHz
        except (OSError, ValueError):
            continue
    if not readings:
        try:
            text = cpuinfo.read_text()
        except OSError:
            return None
        for line in text.splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "cpu MHz":
                try:
                    readings.append(float(value))
                except ValueError:
                    continue
    return statistics.fmean(readings) if readings else None


def snapshot() -> Snapshot:
    return Snapshot(os.getloadavg(), cpu_mhz())


def parse_cpu_times(proc_stat: str) -> tuple[int, int]:
    """(busy, total) clock ticks of all cores from /proc/stat's first "cpu" line.

    Idle and iowait count as idle; steal (a hypervisor giving the core to someone else)
    counts as busy. guest time is already inside user, so it is not added twice.
    """
    fields = proc_stat.splitlines()[0].split()
    if fields[0] != "cpu":
        raise ValueError(f"not a /proc/stat cpu line: {fields[0]!r}")
    ticks = [int(value) for value in fields[1:9]] + [0] * max(0, 9 - len(fields))
    total = sum(ticks)
    return total - ticks[3] - ticks[4], total


def cpu_times() -> tuple[int, int] | None:
    try:
        return parse_cpu_times(Path("/proc/stat").read_text())
    except (OSError, ValueError, IndexError):
        return None


def own_cpu_s() -> float:
    """CPU seconds used so far by this runner and every benchmark process it waited for."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


@dataclass(frozen=True)
class Watch:
    """What the machine did while one module ran (all its rounds)."""

    before: Snapshot
    after: Snapshot
    peak_load: float  # highest 1-minute load average sampled while it ran
    own_cores: float  # cores this run kept busy on average (its own share of the load)
    others_share: float | None  # the machine's CPU used by other programs; None: no /proc/stat

    def describe(self) -> str:
        others = "" if self.others_share is None else f", others {self.others_share:.0%} of the CPU"
        frequency = (
            "CPU frequency unknown"
            if self.before.mhz is None or self.after.mhz is None
            else f"{self.before.mhz:.0f}→{self.after.mhz:.0f} MHz"
        )
        return (
            f"load {self.before.load[0]:.2f}→{self.after.load[0]:.2f} "
            f"(peak {self.peak_load:.2f}){others}, {frequency}"
        )


class Watcher:
    """Takes a Watch around the rounds of one module; sample() is called while one runs."""

    def __init__(self) -> None:
        self.before = snapshot()
        self.peak_load = self.before.load[0]
        self._started = time.monotonic()
        self._own = own_cpu_s()
        self._cpu = cpu_times()

    def sample(self) -> None:
        self.peak_load = max(self.peak_load, os.getloadavg()[0])

    def finish(self) -> Watch:
        wall = max(time.monotonic() - self._started, 1e-6)
        own = own_cpu_s() - self._own
        cpu = cpu_times()
        others = None
        if self._cpu is not None and cpu is not None and cpu[1] > self._cpu[1]:
            tick = os.sysconf("SC_CLK_TCK")
            busy_s = (cpu[0] - self._cpu[0]) / tick
            capacity_s = (cpu[1] - self._cpu[1]) / tick
            others = max(0.0, busy_s - own) / capacity_s
        after = snapshot()
        return Watch(self.before, after, max(self.peak_load, after.load[0]), own / wall, others)


def busy_reason(watch: Watch, cores: int, settings: Settings) -> str | None:
    """Why the machine was too busy to judge a module's rows ("load X, ..."); None if quiet.

    The load average counts this run's own processes too, so while a module runs its
    average share of the cores is taken off before comparing with the limit.
    """
    limit = cores - settings.load_margin
    during = watch.peak_load - watch.own_cores
    load = max(watch.before.load[0], during)
    reasons = []
    if load > limit:
        reasons.append(f"load {load:.2f} over {limit:g} on {cores} cores")
    if watch.others_share is not None and watch.others_share > settings.others_limit:
        reasons.append(f"other programs used {watch.others_share:.0%} of the CPU")
    if not reasons:
        return None
    if not reasons[0].startswith("load"):
        reasons.insert(0, f"load {load:.2f}")
    return "; ".join(reasons)


# -- rounds and their medians -----------------------------------------------------------


def judged_number(row: Row) -> float | None:
    """The number a row's verdict rests on (lower is better): its value, else its ratio."""
    return row.value if row.value is not None else row.ratio


def running_median_stable(values: Sequence[float], rounds: int, tolerance: float) -> bool:
    """Whether the median of all values so far moved less than ``tolerance`` (a fraction
    of the latest median) over the last ``rounds`` values; never before that many."""
    if len(values) < rounds:
        return False
    medians = [statistics.median(values[: n + 1]) for n in range(len(values) - rounds, len(values))]
    latest = medians[-1]
    if latest == 0:
        return max(medians) == min(medians)
    return (max(medians) - min(medians)) / abs(latest) < tolerance


def _rounds_of(rounds: Sequence[Sequence[Row]], name: str) -> list[Row]:
    return [row for one in rounds for row in one if row.name == name]


def row_stable(rows: Sequence[Row], settings: Settings) -> bool:
    """A numbered row: its running median settled; a row with no number (only a verdict):
    the same verdict in each of the last ``stable_rounds`` rounds."""
    numbers = [judged_number(row) for row in rows]
    if all(number is not None for number in numbers):
        return running_median_stable(
            [n for n in numbers if n is not None], settings.stable_rounds, settings.tolerance
        )
    last = rows[-settings.stable_rounds :]
    return len(rows) >= settings.stable_rounds and len({row.passed for row in last}) == 1


def settled(rounds: Sequence[Sequence[Row]], settings: Settings) -> bool:
    """Whether a module may stop: every row it judges is stable ("(informational)" rows
    have no target, so they never keep it going)."""
    if len(rounds) < settings.stable_rounds:
        return False
    names = [row.name for row in rounds[0] if not row.name.startswith("(informational)")]
    return all(row_stable(_rounds_of(rounds, name), settings) for name in names)


@dataclass(frozen=True)
class Result:
    """One line of the table: the median round of a row, and how it was obtained."""

    row: Row
    rounds: int
    low: float | None
    high: float | None
    stable: bool
    busy: str | None = None
    machine: str = ""

    @property
    def judged(self) -> bool:
        return self.busy is None

    def verdict(self) -> str:
        if self.busy is not None:
            return f"not judged (busy machine: {self.busy})"
        return "ok" if self.row.passed else "missed"

    def rounds_text(self, settings: Settings) -> str:
        spread = "" if self.low is None else f", {self.low:.2f}–{self.high:.2f}"
        if self.stable:
            return f"{self.rounds}{spread}, stable"
        return f"{self.rounds}{spread}, not stable within {settings.cap_s:g} s"


def combine(rounds: Sequence[Sequence[Row]], settings: Settings) -> list[Result]:
    """One Result per row, in the order of the first round: the round holding the median
    number (the lower middle one for an even count, so it is a real round), or for a row
    with no number the first round giving the verdict most rounds gave."""
    results = []
    for name in [row.name for row in rounds[0]]:
        rows = _rounds_of(rounds, name)
        numbered = [(n, i) for i, row in enumerate(rows) if (n := judged_number(row)) is not None]
        if len(numbered) == len(rows):
            numbered.sort()
            chosen = rows[numbered[(len(numbered) - 1) // 2][1]]
            low, high = numbered[0][0], numbered[-1][0]
        else:
            passing = sum(row.passed for row in rows) * 2 > len(rows)
            chosen = next(row for row in rows if row.passed == passing)
            low = high = None
        results.append(Result(chosen, len(rows), low, high, row_stable(rows, settings)))
    return results


def exit_status(results: Sequence[Result], failures: Sequence[str]) -> int:
    """EXIT_MISSED when a judged row missed or a module failed; EXIT_NOTHING_JUDGED when
    every row was busy; else EXIT_MET. Busy rows never count as a pass or a miss."""
    if failures or any(r.judged and not r.row.passed for r in results):
        return EXIT_MISSED
    if results and not any(r.judged for r in results):
        return EXIT_NOTHING_JUDGED
    return EXIT_MET


# -- running and reporting ---------------------------------------------------------------


def _machine() -> str:
    import sqlite3

    cores = os.cpu_count()
    return (
        f"{platform.system()} {platform.machine()}, {cores} CPU cores, Python "
        f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}, Qt offscreen"
    )


def table(results: Sequence[Result], settings: Settings) -> str:
    lines = [
        "| what | figure | baseline (same run) | ratio | target | rounds (spread) "
        "| machine during the row | result |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        row = result.row
        ratio = "—" if row.ratio is None else f"{row.ratio:.2f}×"
        verdict = result.verdict()
        if result.judged and not row.passed:
            verdict = f"**{verdict}**"
        figure = row.figure + (f" ({row.note})" if row.note else "")
        lines.append(
            f"| {row.name} | {figure} | {row.baseline} | {ratio} | {row.target} "
            f"| {result.rounds_text(settings)} | {result.machine} | {verdict} |"
        )
    return "\n".join(lines)


def summary_line(result: Result) -> str:
    row = result.row
    ratio = "—" if row.ratio is None else f"{row.ratio:.2f}×"
    tag = "BUSY" if not result.judged else ("ok" if row.passed else "MISSED")
    return f"[{tag}] {row.name}: ratio {ratio} (target {row.target}); {result.verdict()}"


def _run_round(name: str, quick: bool, out: Path, watcher: Watcher) -> tuple[list[Row], int]:
    command = [sys.executable, str(BENCH_DIR / f"{name}.py"), "--json", str(out)]
    if quick:
        command.append("--quick")
    out.unlink(missing_ok=True)
    process = subprocess.Popen(command)
    while True:
        try:
            code = process.wait(timeout=1.0)
            break
        except subprocess.TimeoutExpired:
            watcher.sample()
    if not out.exists():
        return [], code
    return [Row(**r) for r in json.loads(out.read_text(encoding="utf-8"))], code


def run_module(
    name: str, quick: bool, folder: Path, settings: Settings, cores: int
) -> tuple[list[Result], str | None]:
    """Run one module in rounds; its Results (each marked busy or not), or why it failed."""
    watcher = Watcher()
    started = time.monotonic()
    rounds: list[list[Row]] = []
    failure = None
    while True:
        print(f"== {name} round {len(rounds) + 1}", flush=True)
        rows, code = _run_round(name, quick, folder / f"{name}.json", watcher)
        if code not in (0, 1) or not rows:
            failure = f"{name} failed to run (exit status {code})"
            break
        rounds.append(rows)
        if (
            settled(rounds, settings)
            or len(rounds) >= settings.max_rounds
            or time.monotonic() - started >= settings.cap_s
        ):
            break
    watch = watcher.finish()
    busy = busy_reason(watch, cores, settings)
    if not rounds:
        return [], failure
    results = [
        replace(result, busy=busy, machine=watch.describe()) for result in combine(rounds, settings)
    ]
    return results, failure


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/run", description="Run LeaderLog's benchmarks and write the results table."
    )
    parser.add_argument("names", nargs="*", help="only these modules (bench_x or x)")
    parser.add_argument("--quick", action="store_true", help="small database, smoke check")
    parser.add_argument("--cap", type=float, help="seconds per module (60 quick, 240 full)")
    parser.add_argument("--rounds", type=int, default=Settings.stable_rounds)
    parser.add_argument("--tolerance", type=float, default=Settings.tolerance * 100, help="percent")
    args = parser.parse_args(argv)
    known = {n for name in BENCHMARKS for n in (name, name.removeprefix("bench_"))}
    unknown = [n for n in args.names if n not in known]
    if unknown:
        parser.error(f"no such benchmark: {', '.join(unknown)}")
    return args


def main(argv: list[str]) -> int:
    args = _arguments(argv)
    settings = Settings(
        stable_rounds=max(1, args.rounds),
        tolerance=args.tolerance / 100,
        cap_s=args.cap if args.cap is not None else (60.0 if args.quick else 240.0),
    )
    cores = os.cpu_count() or 1
    started = time.perf_counter()
    from make_db import ensure_database

    for scale in ("quick",) if args.quick else ("large", "100k"):
        ensure_database(scale)
    run_before = snapshot()
    results: list[Result] = []
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="leaderlog-bench-") as folder:
        for name in BENCHMARKS:
            if args.names and not {name, name.removeprefix("bench_")} & set(args.names):
                continue
            module_results, failure = run_module(name, args.quick, Path(folder), settings, cores)
            results += module_results
            failures += [failure] if failure else []
    run_after = snapshot()
    elapsed = time.perf_counter() - started
    kind = "quick run (small database, smoke check)" if args.quick else "full run"
    busy = [r for r in results if not r.judged]
    report = [
        "# LeaderLog benchmark results",
        "",
        f"{kind}, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {_machine()}; "
        f"took {elapsed:.0f} s. Written by `bench/run{' --quick' if args.quick else ''}`; "
        "see docs/performance.md for what each row measures.",
        "",
        f"Machine before the run: {run_before.describe()}; after: {run_after.describe()}. "
        f"Each module ran in rounds until the running median of each row's ratio moved "
        f"under {settings.tolerance:.0%} over {settings.stable_rounds} rounds (at most "
        f"{settings.cap_s:g} s per module); the row shows the median round. Busy machine: "
        f"load average over {cores - settings.load_margin:g} ({cores} cores) before or "
        f"during a module, or other programs using over {settings.others_limit:.0%} of "
        "the CPU meanwhile; such rows are not judged.",
        "",
        table(results, settings),
        "",
    ]
    report += [f"- {failure}" for failure in failures]
    # the quick smoke run (CI) leaves the committed full results alone
    target = BENCH_DIR / "out" / "results-quick.md" if args.quick else BENCH_DIR / "results.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(report) + "\n", encoding="utf-8")
    print(f"\nmachine before: {run_before.describe()}; after: {run_after.describe()}")
    for result in results:
        print(summary_line(result))
    print(f"wrote {target.relative_to(BENCH_DIR.parent)} in {elapsed:.0f} s")
    status = exit_status(results, failures)
    missed = [r.row.name for r in results if r.judged and not r.row.passed]
    if missed or failures:
        print("missed: " + "; ".join(missed + failures))
    if busy:
        print(f"not judged (busy machine): {len(busy)} of {len(results)} rows")
    if status == EXIT_MET:
        print("every judged target met" if busy else "every target met")
    elif status == EXIT_NOTHING_JUDGED:
        print("nothing judged: the machine was busy throughout; run again when it is quiet")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
