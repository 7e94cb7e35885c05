"""Install and remove LeaderLog's menu entry, icons and AppStream metainfo in the XDG data folders.

Pure Python (no Qt): the files come from the package resources (``leaderlog.resources``:
the .desktop template, the SVG, the PNGs rendered by packaging/render_icons.py and the
metainfo). ``user=True`` writes under $XDG_DATA_HOME (default ~/.local/share), otherwise
under /usr/local/share (for everyone; needs root). The .desktop file's Exec line is the
absolute path of the running launcher (the bundle's executable, or the ``leaderlog``
script of this Python environment), so the menu entry works without PATH.

A desktop or icon cache that is already in a folder is refreshed with its tool
(update-desktop-database, gtk-update-icon-cache) when the tool is installed: a stale
cache would hide the new entry. A folder without a cache is left without one (desktops
read the folder itself), so uninstalling leaves no file behind.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from leaderlog.core.errors import LeaderLogError

DESKTOP_ID = "leaderlog"
"""The .desktop file's name without .desktop; leaderlog.ui.start.app sets the same (setDesktopFileName)."""
APP_ID = "io.github.leaderlog.LeaderLog"
"""The AppStream component id (reverse-DNS, as appstreamcli requires); it names the metainfo file."""
ICON_NAME = "leaderlog"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
SYSTEM_DATA_HOME = Path("/usr/local/share")
_RESOURCES = "leaderlog.resources"
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


class DesktopIntegrationError(LeaderLogError):
    """The desktop files could not be written or removed; the message says what to do."""


@dataclass(frozen=True)
class DesktopFiles:
    """Where the desktop files go under one XDG data folder (e.g. ~/.local/share)."""

    data_home: Path

    @property
    def desktop_file(self) -> Path:
        return self.data_home / "applications" / f"{DESKTOP_ID}.desktop"

    @property
    def metainfo_file(self) -> Path:
        return self.data_home / "metainfo" / f"{APP_ID}.metainfo.xml"

    @property
    def hicolor(self) -> Path:
        return self.data_home / "icons" / "hicolor"

    def icons(self) -> dict[Path, str]:
        """Each icon file to install, with the resource it is copied from."""
        icons = {
            self.hicolor
            / f"{size}x{size}"
            / "apps"
            / f"{ICON_NAME}.png": f"icons/leaderlog-{size}.png"
            for size in ICON_SIZES
        }
        icons[self.hicolor / "scalable" / "apps" / f"{ICON_NAME}.svg"] = "leaderlog.svg"
        return icons

    def all_files(self) -> list[Path]:
        return [self.desktop_file, self.metainfo_file, *self.icons()]


@dataclass
class Outcome:
    """What an install or uninstall did."""

    files: list[Path] = field(default_factory=list)
    refreshed: list[str] = field(default_factory=list)
    """the caches refreshed, as the commands that refreshed them"""


def data_home(user: bool) -> Path:
    """The XDG data folder to use: the user's ($XDG_DATA_HOME, else ~/.local/share) or /usr/local/share."""
    if not user:
        return SYSTEM_DATA_HOME
    configured = os.environ.get("XDG_DATA_HOME", "")
    # the spec: a relative or empty value is ignored
    if configured and os.path.isabs(configured):
        return Path(configured)
    return Path.home() / ".local" / "share"


def launcher_command() -> list[str]:
    """The command that starts the window: the frozen app itself, or this environment's `leaderlog`."""
    if getattr(sys, "frozen", False):
        return [os.path.abspath(sys.executable)]
    scripts = Path(sys.executable).parent
    for name in ("leaderlog", "leaderlog.exe"):
        if (scripts / name).is_file():
            return [str((scripts / name).absolute())]
    found = shutil.which("leaderlog")
    if found:
        return [os.path.abspath(found)]
    return [os.path.abspath(sys.executable), "-m", "leaderlog"]


def _exec_argument(argument: str) -> str:
    """One argument of a desktop entry's Exec key: quoted per the spec where it must be."""
    argument = argument.replace("%", "%%")
    if _EXEC_RESERVED.intersection(argument):
        for special in ("\\", '"', "`", "$"):
            argument = argument.replace(special, "\\" + special)
        argument = f'"{argument}"'
    return argument


def _string_value(text: str) -> str:
    """A desktop entry string value: backslashes escaped (the key file format's own escaping)."""
    return text.replace("\\", "\\\\")


def desktop_entry(command: list[str]) -> str:
    """The .desktop file's text: the template from the resources with Exec/TryExec set to command."""
    template = resources.files(_RESOURCES).joinpath(f"{DESKTOP_ID}.desktop").read_text("utf-8")
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + _string_value(" ".join(map(_exec_argument, command)))
        elif line.startswith("TryExec="):
            line = "TryExec=" + _string_value(command[0])
        lines.append(line)
    return "\n".join(lines) + "\n"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    partial.chmod(0o644)
    os.replace(partial, path)  # never a half-written entry in the menu


def _refresh_caches(files: DesktopFiles) -> list[str]:
    """Refresh the desktop database and icon cache that are already there (see module docstring)."""
    commands = []
    applications = files.desktop_file.parent
    if (applications / "mimeinfo.cache").exists() and shutil.which("update-desktop-database"):
        commands.append(["update-desktop-database", "-q", str(applications)])
    if (files.hicolor / "icon-theme.cache").exists() and shutil.which("gtk-update-icon-cache"):
        commands.append(["gtk-update-icon-cache", "-q", "-t", "-f", str(files.hicolor)])
    for command in commands:
        # a cache that cannot be refreshed only delays the entry until the next login
        subprocess.run(command, check=False, capture_output=True)
    return [" ".join(command) for command in commands]


def _permission_advice(error: OSError, user: bool) -> DesktopIntegrationError:
    where = error.filename or "the desktop folders"
    if user:
        return DesktopIntegrationError(f"Cannot write {where}: {error.strerror}.")
    return DesktopIntegrationError(
        f"Cannot write {where}: {error.strerror}. Installing for everyone needs root "
        "(sudo); or install for yourself only with --user."
    )


def _check_platform() -> None:
    if sys.platform in ("win32", "darwin"):
        raise DesktopIntegrationError(
            "The menu entry and icons are for Linux desktops (freedesktop.org). On Windows and "
            "macOS, start menu and Dock entries come with the app's installer; see docs/install.md."
        )


def install(user: bool, command: list[str] | None = None, home: Path | None = None) -> Outcome:
    """Write the .desktop file, the icons and the metainfo; returns the files written.

    ``home`` overrides the data folder (else data_home(user)); ``command`` the Exec line
    (else launcher_command()). Installing again replaces the files (e.g. after moving
    the bundle).
    """
    _check_platform()
    files = DesktopFiles(home or data_home(user))
    package = resources.files(_RESOURCES)
    contents = {
        files.desktop_file: desktop_entry(command or launcher_command()).encode("utf-8"),
        files.metainfo_file: package.joinpath(f"{APP_ID}.metainfo.xml").read_bytes(),
    }
    for path, resource in files.icons().items():
        contents[path] = package.joinpath(resource).read_bytes()
    outcome = Outcome()
    try:
        for path, data in contents.items():
            _write(path, data)
            outcome.files.append(path)
    except OSError as exc:
        raise _permission_advice(exc, user) from exc
    outcome.refreshed = _refresh_caches(files)
    return outcome


def uninstall(user: bool, home: Path | None = None) -> Outcome:
    """Remove the files install() writes (the journal is not touched); returns those removed."""
    _check_platform()
    files = DesktopFiles(home or data_home(user))
    outcome = Outcome()
    try:
        for path in files.all_files():
            if path.exists() or path.is_symlink():
                path.unlink()
                outcome.files.append(path)
    except OSError as exc:
        raise _permission_advice(exc, user) from exc
    outcome.refreshed = _refresh_caches(files)
    for path in outcome.files:
        _remove_empty_parents(path.parent, files.data_home)
    return outcome


def _remove_empty_parents(folder: Path, data_home: Path) -> None:
    """Remove folder and its parents below data_home while they are empty (icons/hicolor/16x16/apps...)."""
    while folder != data_home and data_home in folder.parents:
        try:
            folder.rmdir()
        except OSError:  # not empty (another app's files), or gone already
            return
        folder = folder.parent
