"""Start at login on Linux desktops: LeaderLog's XDG autostart entry, written and removed.

The entry is the menu entry (leaderlog.desktop.integration.desktop_entry, same Exec
quoting and launcher) with ``--minimized`` added, placed in $XDG_CONFIG_HOME/autostart
(default ~/.config/autostart) as the freedesktop Desktop Application Autostart
specification says; GNOME, KDE, Xfce, Cinnamon and LXQt start it at login.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from leaderlog.core.atomic import atomic_write
from leaderlog.desktop.integration import DESKTOP_ID, desktop_entry, launcher_command

MINIMIZED_OPTION = "--minimized"
"""The app's start option the entry adds (leaderlog.cli.main; leaderlog.ui.start.app.run_app)."""


def autostart_supported(platform: str = sys.platform) -> bool:
    """Whether this system reads XDG autostart entries (Linux and the BSDs; not Windows or macOS)."""
    return not platform.startswith(("win", "darwin", "cygwin"))


def autostart_dir(environ: Mapping[str, str] | None = None) -> Path:
    """$XDG_CONFIG_HOME/autostart, or ~/.config/autostart when it is unset or not absolute."""
    env = os.environ if environ is None else environ
    configured = env.get("XDG_CONFIG_HOME", "")
    if configured and os.path.isabs(configured):
        return Path(configured) / "autostart"
    return Path.home() / ".config" / "autostart"


def entry_path(directory: Path | None = None) -> Path:
    return (directory or autostart_dir()) / f"{DESKTOP_ID}.desktop"


def autostart_entry(command: Sequence[str]) -> str:
    """The entry's text: the menu entry starting ``command --minimized``, marked enabled for GNOME."""
    words = list(command)
    if MINIMIZED_OPTION not in words:
        words.append(MINIMIZED_OPTION)
    return desktop_entry(words) + "X-GNOME-Autostart-enabled=true\n"


def write_autostart_entry(
    command: Sequence[str] | None = None, directory: Path | None = None
) -> Path:
    """Write (or replace) the entry so LeaderLog starts minimised at login; returns its path."""
    path = entry_path(directory)
    with atomic_write(path) as handle:
        handle.write(autostart_entry(command or launcher_command()))
    return path


def remove_autostart_entry(directory: Path | None = None) -> bool:
    """Remove the entry; False when there was none."""
    try:
        entry_path(directory).unlink()
    except FileNotFoundError:
        return False
    return True


def autostart_enabled(directory: Path | None = None) -> bool:
    return entry_path(directory).is_file()
