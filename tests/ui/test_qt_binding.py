"""The installed Qt binding must not leak references: a build that does aborts the app."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_qt_calls_returning_nothing_keep_nones_references(qtbot):
    # PySide6-Essentials 6.12.0 took one reference from None per such call; on Python 3.11
    # the app then died mid-session with "deallocating None" (pyproject keeps it out).
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for index in range(2_000):
        label.setText("a" if index % 2 else "b")
        label.setObjectName("probe")
    assert sys.getrefcount(None) - before > -50
