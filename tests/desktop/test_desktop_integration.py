"""The menu entry, icons and metainfo: installed into an XDG data home, validated, and removed without a trace."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from leaderlog.desktop import integration


def _cli(env: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "leaderlog", *argv],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=60,
    )


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.fixture
def xdg_env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "LEADERLOG_HOME": str(tmp_path / "leaderlog-home"),
    }


def test_user_install_writes_valid_files_and_uninstall_leaves_nothing(
    tmp_path: Path, xdg_env: dict[str, str]
) -> None:
    data_home = tmp_path / "xdg-data"
    journal = tmp_path / "leaderlog-home" / "data" / "leaderlog.sqlite3"
    journal.parent.mkdir(parents=True)
    journal.write_bytes(b"the journal")

    shown = _cli(xdg_env, "desktop-install", "--user")
    assert str(data_home / "applications" / "leaderlog.desktop") in shown.stdout

    installed = sorted(p.relative_to(data_home).as_posix() for p in data_home.rglob("*.*"))
    assert installed == sorted(
        [
            "applications/leaderlog.desktop",
            "metainfo/io.github.leaderlog.LeaderLog.metainfo.xml",
            "icons/hicolor/scalable/apps/leaderlog.svg",
            *(f"icons/hicolor/{n}x{n}/apps/leaderlog.png" for n in integration.ICON_SIZES),
        ]
    )
    for size in integration.ICON_SIZES:
        icon = data_home / f"icons/hicolor/{size}x{size}/apps/leaderlog.png"
        assert _png_size(icon) == (size, size)

    entry = (data_home / "applications" / "leaderlog.desktop").read_text("utf-8")
    # the menu starts this environment's own launcher, by absolute path (no PATH needed)
    launcher = Path(sys.executable).parent / "leaderlog"
    assert f"Exec={launcher}\n" in entry
    assert "Icon=leaderlog\n" in entry
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(
            ["desktop-file-validate", str(data_home / "applications" / "leaderlog.desktop")],
            capture_output=True,
            text=True,
        )
        assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout
    if shutil.which("appstreamcli"):
        metainfo = data_home / "metainfo" / "io.github.leaderlog.LeaderLog.metainfo.xml"
        checked = subprocess.run(
            ["appstreamcli", "validate", "--no-net", str(metainfo)],
            capture_output=True,
            text=True,
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr

    removed = _cli(xdg_env, "desktop-uninstall", "--user")
    assert "Removed" in removed.stdout and str(journal.parent) in removed.stdout
    assert list(data_home.iterdir()) == []  # no file and no folder left behind
    assert journal.read_bytes() == b"the journal"
    again = _cli(xdg_env, "desktop-uninstall", "--user")
    assert "No LeaderLog menu entry was installed" in again.stdout
    if not shutil.which("desktop-file-validate"):
        pytest.skip(
            "installed and removed, but desktop-file-validate is missing (desktop-file-utils)"
        )


def test_uninstall_keeps_other_applications_files(tmp_path: Path) -> None:
    other = tmp_path / "icons" / "hicolor" / "48x48" / "apps" / "other.png"
    other.parent.mkdir(parents=True)
    other.write_bytes(b"png")
    integration.install(user=True, command=["/opt/leaderlog/leaderlog"], home=tmp_path)
    integration.uninstall(user=True, home=tmp_path)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [other]


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="needs desktop-file-utils")
def test_a_launcher_path_with_spaces_and_dollars_is_quoted_validly(tmp_path: Path) -> None:
    command = ["/opt/My Apps/leader$log 100%/leaderlog"]
    integration.install(user=True, command=command, home=tmp_path)
    entry = tmp_path / "applications" / "leaderlog.desktop"
    text = entry.read_text("utf-8")
    # spec quoting ("..." with \$), then the key file's own escaping of the backslash
    assert 'Exec="/opt/My Apps/leader\\\\$log 100%%/leaderlog"\n' in text
    assert "TryExec=/opt/My Apps/leader$log 100%/leaderlog\n" in text
    checked = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout


@pytest.mark.skipif(not shutil.which("update-desktop-database"), reason="needs desktop-file-utils")
def test_an_existing_desktop_database_is_refreshed_and_none_is_created(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    outcome = integration.install(user=True, command=["/opt/ll/leaderlog"], home=fresh)
    assert outcome.refreshed == []
    assert not (fresh / "applications" / "mimeinfo.cache").exists()

    managed = tmp_path / "managed"
    cache = managed / "applications" / "mimeinfo.cache"
    cache.parent.mkdir(parents=True)
    cache.write_text("stale\n")
    outcome = integration.install(user=True, command=["/opt/ll/leaderlog"], home=managed)
    assert outcome.refreshed == [f"update-desktop-database -q {managed / 'applications'}"]
    assert cache.read_text().startswith("[MIME Cache]")


def test_user_data_home_follows_xdg_and_system_is_usr_local_share(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert integration.data_home(user=True) == tmp_path
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    assert integration.data_home(user=True) == Path.home() / ".local" / "share"
    assert integration.data_home(user=False) == Path("/usr/local/share")
