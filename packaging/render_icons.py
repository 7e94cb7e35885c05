"""Render resources/leaderlog.svg to the hicolor PNG sizes in resources/icons/ (run after editing the SVG).

    .venv/bin/python packaging/render_icons.py

The PNGs are committed, so installing the desktop entry needs no Qt and a pip install
carries them; tests/desktop checks they match the SVG's current rendering in size.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from leaderlog.desktop.integration import ICON_SIZES  # noqa: E402


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (QPainter on images needs one)
    renderer = QSvgRenderer(str(ROOT / "resources" / "leaderlog.svg"))
    if not renderer.isValid():
        print("render_icons: resources/leaderlog.svg is not a valid SVG", file=sys.stderr)
        return 1
    folder = ROOT / "resources" / "icons"
    folder.mkdir(exist_ok=True)
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = folder / f"leaderlog-{size}.png"
        if not image.save(str(target), "PNG"):
            print(f"render_icons: cannot write {target}", file=sys.stderr)
            return 1
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
