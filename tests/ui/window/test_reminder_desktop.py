"""Without a tray the reminder goes to the desktop's notification service over D-Bus: a real session bus and a stand-in service."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    shutil.which("dbus-run-session") is None or shutil.which("gdbus") is None,
    reason="needs dbus-run-session and gdbus",
)

SERVICE = textwrap.dedent(
    """
    from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
    from PySide6.QtDBus import QDBusConnection

    @ClassInfo({"D-Bus Interface": "org.freedesktop.Notifications"})
    class Notifications(QObject):
        @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
        def Notify(self, app, replaces, icon, title, body, actions, hints, timeout):
            print("NOTIFIED", app, "|", title, "|", body, flush=True)
            QCoreApplication.quit()
            return 1

    app = QCoreApplication([])
    bus = QDBusConnection.sessionBus()
    service = Notifications()
    bus.registerObject("/org/freedesktop/Notifications", service,
                       QDBusConnection.RegisterOption.ExportAllSlots)
    bus.registerService("org.freedesktop.Notifications")
    print("READY", flush=True)
    app.exec()
    """
)

CLIENT = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QCoreApplication
    from leaderlog.ui.window import desktop_notifications as notes
    app = QCoreApplication([])
    for _ in range(50):
        if notes.notification_service_available():
            break
        time.sleep(0.1)
    else:
        sys.exit("no notification service seen")
    sys.exit(0 if notes.send_notification("LeaderLog: time to log today", "Nothing is logged yet") else 2)
    """
)


def test_the_notification_reaches_the_freedesktop_service(tmp_path: Path):
    (tmp_path / "service.py").write_text(SERVICE, encoding="utf-8")
    (tmp_path / "client.py").write_text(CLIENT, encoding="utf-8")
    script = (
        f"{sys.executable} {tmp_path / 'service.py'} > {tmp_path / 'service.out'} & "
        f"{sys.executable} {tmp_path / 'client.py'} && wait"
    )
    result = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    out = (tmp_path / "service.out").read_text(encoding="utf-8")
    assert "NOTIFIED LeaderLog | LeaderLog: time to log today | Nothing is logged yet" in out
