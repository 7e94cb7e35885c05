"""Start at login: the XDG autostart entry is written where the spec says, starts minimised, and is removed."""

from __future__ import annotations

import configparser
from pathlib import Path

import pytest

from leaderlog.desktop import autostart


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


def read_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_entry_goes_to_xdg_config_home_autostart_and_starts_minimised(config_home):
    path = autostart.write_autostart_entry(["/opt/Leader Log/bin/leaderlog"])
    assert path == config_home / "autostart" / "leaderlog.desktop"
    entry = read_entry(path)
    assert entry["Type"] == "Application"
    assert entry["Exec"] == '"/opt/Leader Log/bin/leaderlog" --minimized'
    assert entry["X-GNOME-Autostart-enabled"] == "true"
    assert autostart.autostart_enabled()


def test_entry_is_removed_and_removing_twice_is_harmless(config_home):
    autostart.write_autostart_entry(["leaderlog"])
    assert autostart.remove_autostart_entry() is True
    assert not (config_home / "autostart" / "leaderlog.desktop").exists()
    assert autostart.remove_autostart_entry() is False
    assert not autostart.autostart_enabled()


def test_without_xdg_config_home_the_entry_goes_under_dot_config(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert autostart.autostart_dir({}) == tmp_path / ".config" / "autostart"
    assert autostart.autostart_dir({"XDG_CONFIG_HOME": "relative"}) == (
        tmp_path / ".config" / "autostart"
    )


def test_the_launcher_of_this_installation_is_used_by_default(config_home):
    entry = read_entry(autostart.write_autostart_entry())
    assert entry["Exec"].endswith(" --minimized")
    assert entry["Exec"].count("--minimized") == 1


def test_only_xdg_desktops_are_offered_start_at_login():
    assert autostart.autostart_supported("linux")
    assert not autostart.autostart_supported("win32")
    assert not autostart.autostart_supported("darwin")


def test_the_app_accepts_the_entrys_minimized_option():
    from leaderlog.cli import main

    assert main._window_only(["--minimized"]) == (None, False, True)
    assert main.build_parser().parse_args(["--minimized"]).minimized is True
