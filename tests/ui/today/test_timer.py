"""The customer timer on its own, without a window: it lives in the settings file, per leader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings

from leaderlog.ui.today.timer import LONG_TIMER_MINUTES, CustomerTimer

START = dt.datetime(2026, 11, 20, 9, 0).astimezone()


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now


def _settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "leaderlog.ini"), QSettings.Format.IniFormat)


def test_a_started_timer_is_read_back_from_the_settings_file_by_a_new_timer(tmp_path):
    clock = Clock()
    CustomerTimer(_settings(tmp_path), clock).start("ana")
    clock.now = START + dt.timedelta(minutes=25, seconds=40)

    later = CustomerTimer(_settings(tmp_path), clock)  # as after closing and reopening the app
    run = later.run("ana")
    assert run is not None and run.started == START
    assert (run.elapsed_minutes, run.minutes) == (25, 26)  # shown whole, added rounded
    assert later.run("ben") is None  # each leader has their own timer


def test_a_forgotten_timer_is_no_longer_running(tmp_path):
    clock = Clock()
    timer = CustomerTimer(_settings(tmp_path), clock)
    timer.start("ana")
    timer.forget("ana")
    assert CustomerTimer(_settings(tmp_path), clock).started("ana") is None


def test_a_run_over_sixteen_hours_counts_as_forgotten(tmp_path):
    clock = Clock()
    timer = CustomerTimer(_settings(tmp_path), clock)
    timer.start("ana")
    clock.now = START + dt.timedelta(minutes=LONG_TIMER_MINUTES)
    assert not timer.run("ana").forgotten
    clock.now += dt.timedelta(minutes=1)
    assert timer.run("ana").forgotten


def test_minutes_of_a_run_past_midnight_belong_to_the_day_it_started(tmp_path):
    clock = Clock()
    clock.now = dt.datetime(2026, 11, 19, 23, 30).astimezone()
    timer = CustomerTimer(_settings(tmp_path), clock)
    timer.start("ana")
    clock.now = dt.datetime(2026, 11, 20, 0, 20).astimezone()
    run = timer.run("ana")
    assert run.minutes == 50
    assert run.day(dt.date(2026, 11, 20)) == dt.date(2026, 11, 19)


def test_an_unreadable_start_is_dropped_instead_of_breaking_the_page(tmp_path):
    settings = _settings(tmp_path)
    settings.setValue(CustomerTimer.key("ana"), "not a time")
    timer = CustomerTimer(settings, Clock())
    assert timer.run("ana") is None
    assert not settings.contains(CustomerTimer.key("ana"))
