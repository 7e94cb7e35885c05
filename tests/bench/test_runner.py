"""The benchmark runner's decisions from synthetic samples: when a median is stable, which
round a row reports, when the machine counts as busy, and the exit status (nothing timed)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import runner  # noqa: E402
from common import Row  # noqa: E402

SETTINGS = runner.Settings(stable_rounds=3, tolerance=0.05, cap_s=60.0)
QUIET = runner.Snapshot((0.20, 0.10, 0.05), 2596.0)


def _row(ratio: float | None, passed: bool = True, name: str = "dashboard render") -> Row:
    figure = "n/a" if ratio is None else f"{ratio:.2f}"
    return Row(name, f"figure {figure}", "baseline", ratio, "≤ 4×", passed)


def _watch(before: float = 0.2, peak: float = 1.1, own: float = 1.0, others: float | None = 0.02):
    return runner.Watch(runner.Snapshot((before, 0.1, 0.1), 2596.0), QUIET, peak, own, others)


def test_median_is_not_stable_before_the_minimum_number_of_rounds():
    assert not runner.running_median_stable([3.0, 3.0], rounds=3, tolerance=0.05)
    assert runner.running_median_stable([3.0, 3.0, 3.0], rounds=3, tolerance=0.05)


def test_median_that_keeps_moving_is_not_stable():
    # the running medians are 3.0, 3.5, 4.0: a third of the latest value apart
    assert not runner.running_median_stable([3.0, 4.0, 5.0], rounds=3, tolerance=0.05)


def test_one_outlier_round_does_not_unsettle_a_median():
    # running medians 3.32, 3.31, 3.31: an outlier round moves the median very little
    values = [3.3, 3.32, 9.0, 3.3, 3.31]
    assert runner.running_median_stable(values, rounds=3, tolerance=0.05)


def test_module_stops_once_every_judged_row_is_stable_but_not_for_informational_rows():
    rounds = [
        [_row(3.3), _row(v, name="(informational) matplotlib")] for v in (100.0, 150.0, 220.0)
    ]
    assert runner.settled(rounds, SETTINGS)
    rounds = [[_row(v)] for v in (3.0, 3.6, 4.4)]
    assert not runner.settled(rounds, SETTINGS)


def test_rows_without_a_number_settle_when_their_verdicts_agree():
    agreeing = [[_row(None, passed=True)] for _ in range(3)]
    disagreeing = [[_row(None, passed=p)] for p in (True, False, True)]
    assert runner.settled(agreeing, SETTINGS)
    assert not runner.settled(disagreeing, SETTINGS)


def test_row_reports_the_median_round_with_its_own_figure_and_verdict():
    rounds = [[_row(3.1)], [_row(4.4, passed=False)], [_row(3.5)]]
    (result,) = runner.combine(rounds, SETTINGS)
    assert result.row.ratio == 3.5
    assert result.row.figure == "figure 3.50"
    assert (result.rounds, result.low, result.high) == (3, 3.1, 4.4)
    assert result.verdict() == "ok"


def test_even_number_of_rounds_reports_the_lower_middle_round():
    rounds = [[_row(v, passed=v <= 4)] for v in (4.2, 3.9, 3.8, 4.1)]
    (result,) = runner.combine(rounds, SETTINGS)
    assert result.row.ratio == 3.9


def test_value_field_is_preferred_over_the_ratio():
    rows = [
        Row("search", f"slowest {v}", "substring", None, "≤ 50 ms", v <= 0.05, value=v)
        for v in (0.060, 0.030, 0.040)
    ]
    (result,) = runner.combine([[r] for r in rows], SETTINGS)
    assert result.row.value == 0.040 and result.row.passed


def test_row_without_a_number_takes_the_verdict_most_rounds_gave():
    rounds = [[_row(None, passed=p)] for p in (False, True, True)]
    (result,) = runner.combine(rounds, SETTINGS)
    assert result.row.passed and not result.stable


def test_quiet_machine_is_not_busy():
    assert runner.busy_reason(_watch(), cores=2, settings=SETTINGS) is None


def test_high_load_before_a_module_marks_it_busy():
    reason = runner.busy_reason(_watch(before=2.4), cores=2, settings=SETTINGS)
    assert reason is not None and reason.startswith("load 2.40")


def test_load_during_a_module_counts_without_its_own_processes():
    # peak 2.2 with the module keeping 1 core busy itself: 1.2 from others, under 1.5
    assert runner.busy_reason(_watch(peak=2.2, own=1.0), cores=2, settings=SETTINGS) is None
    reason = runner.busy_reason(_watch(peak=3.1, own=1.0), cores=2, settings=SETTINGS)
    assert reason is not None and reason.startswith("load 2.10")


def test_other_programs_cpu_use_marks_a_module_busy_even_under_a_low_load():
    reason = runner.busy_reason(_watch(others=0.40), cores=2, settings=SETTINGS)
    assert reason == "load 0.20; other programs used 40% of the CPU"


def test_busy_row_is_not_judged_in_the_table_and_summary():
    (result,) = runner.combine([[_row(5.0, passed=False)]] * 3, SETTINGS)
    busy = replace(result, busy="load 3.10 over 1.5 on 2 cores", machine="load 3.1")
    assert busy.verdict() == "not judged (busy machine: load 3.10 over 1.5 on 2 cores)"
    line = runner.table([busy], SETTINGS).splitlines()[-1]
    assert "not judged (busy machine: load 3.10" in line and "missed" not in line
    assert runner.summary_line(busy).startswith("[BUSY] dashboard render")


def _result(passed: bool, busy: str | None = None) -> runner.Result:
    return runner.Result(_row(3.0, passed), 3, 3.0, 3.0, True, busy)


@pytest.mark.parametrize(
    ("results", "failures", "status"),
    [
        ([_result(True), _result(True)], [], runner.EXIT_MET),
        ([_result(True), _result(False)], [], runner.EXIT_MISSED),
        # a miss on a busy machine is not a miss
        ([_result(True), _result(False, busy="load 2.5")], [], runner.EXIT_MET),
        ([_result(False, busy="load 2.5"), _result(True, busy="load 2.5")], [], 3),
        ([_result(True)], ["bench_export failed to run (exit status 2)"], runner.EXIT_MISSED),
    ],
)
def test_exit_status_reflects_only_judged_rows(results, failures, status):
    assert runner.exit_status(results, failures) == status


def test_cpu_frequency_from_cpufreq_then_cpuinfo_else_unknown(tmp_path):
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor\t: 0\ncpu MHz\t\t: 2000.0\nprocessor\t: 1\ncpu MHz\t\t: 3000.0\n")
    cpus = tmp_path / "cpu"
    assert runner.cpu_mhz(cpus, cpuinfo) == 2500.0
    (cpus / "cpu0" / "cpufreq").mkdir(parents=True)
    (cpus / "cpu0" / "cpufreq" / "scaling_cur_freq").write_text("1800000\n")
    assert runner.cpu_mhz(cpus, cpuinfo) == 1800.0
    assert runner.cpu_mhz(tmp_path / "none", tmp_path / "missing") is None
    assert runner.Snapshot((0.5, 0.4, 0.3), None).describe().endswith("CPU frequency unknown")


def test_proc_stat_counts_steal_as_busy_and_iowait_as_idle():
    #            user nice system idle iowait irq softirq steal guest guest_nice
    text = "cpu  100 10 50 800 20 5 5 10 30 0\ncpu0 1 2 3 4 5 6 7 8 9 0\n"
    assert runner.parse_cpu_times(text) == (180, 1000)
