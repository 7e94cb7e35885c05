"""The PySide6 desktop application. Only this package imports Qt."""

from __future__ import annotations

import builtins
import contextlib
import sys
from collections.abc import Iterator

# PySide6 replaces builtins.__import__ with a hook that reads the source of every module
# imported after it (looking for `from __feature__ import ...`): about 0.1 s of CPU for
# SQLAlchemy and the domain layer, none of which use Qt. The window shell is painted
# before they are imported (see ui.app), so they are imported with the plain import,
# kept here from before Qt was loaded.
_plain_import = None if "PySide6" in sys.modules else builtins.__import__


@contextlib.contextmanager
def without_qt_import_hook() -> Iterator[None]:
    """Import Qt-free modules (SQLAlchemy, the domain) without PySide6's per-module source check."""
    hooked = builtins.__import__
    if _plain_import is None or hooked is _plain_import:
        yield
        return
    builtins.__import__ = _plain_import
    try:
        yield
    finally:
        builtins.__import__ = hooked
