"""Freedesktop notifications over D-Bus, for desktops without a system tray (GNOME without an extension).

Whether the service is there is asked with QtDBus. The notification itself is sent
with ``gdbus call`` (or ``notify-send``) as a subprocess: Notify's signature wants an
unsigned replaces_id, which PySide6's QtDBus cannot pass (a Python int goes as int32
and the call is refused).
"""

from __future__ import annotations

import logging
import shutil
import subprocess

from leaderlog import APP_NAME

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
SHOW_FOR_MS = 15_000
log = logging.getLogger("leaderlog")


def notification_service_available() -> bool:
    """Whether the session bus is reachable and a notification service runs (or can be started) on it."""
    try:
        from PySide6.QtDBus import QDBusConnection, QDBusInterface
    except ImportError:  # a Qt build without D-Bus (Windows, macOS)
        return False
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return False
    names = bus.interface()
    if names is not None and names.isServiceRegistered(SERVICE).value():
        return True
    daemon = QDBusInterface(
        "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", bus
    )
    reply = daemon.call("ListActivatableNames")
    arguments = reply.arguments()
    return bool(arguments) and SERVICE in (arguments[0] or [])


def _gvariant_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def notify_command(title: str, body: str) -> list[str] | None:
    """The command that shows one notification, or None when neither gdbus nor notify-send is installed."""
    gdbus = shutil.which("gdbus")
    if gdbus is not None:
        return [
            gdbus, "call", "--session", "--dest", SERVICE, "--object-path", PATH,
            "--method", f"{SERVICE}.Notify",
            _gvariant_string(APP_NAME), "0", _gvariant_string("leaderlog"),
            _gvariant_string(title), _gvariant_string(body), "[]", "{}", str(SHOW_FOR_MS),
        ]  # fmt: skip
    notify_send = shutil.which("notify-send")
    if notify_send is not None:
        return [notify_send, "--app-name", APP_NAME, "--icon", "leaderlog", title, body]
    return None


def send_notification(title: str, body: str) -> bool:
    """Show a desktop notification; False when it could not be handed to the service."""
    command = notify_command(title, body)
    if command is None:
        return False
    try:
        subprocess.Popen(  # not waited for: the window never blocks on the desktop
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
    except OSError as exc:
        log.warning("desktop notification not sent: %s", exc)
        return False
    return True
