"""The layers point one way: ui -> domain -> data. Domain and data never touch Qt; the UI never builds SQL."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import leaderlog

PACKAGE = Path(leaderlog.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def _modules(under: Path, exclude: str | None = None) -> list[Path]:
    return [
        p
        for p in under.rglob("*.py")
        if exclude is None or exclude not in p.relative_to(PACKAGE).parts
    ]


def test_domain_and_data_never_import_qt() -> None:
    offenders = [
        str(p) for p in _modules(PACKAGE, exclude="ui") if "PySide6" in _imported_modules(p)
    ]
    assert offenders == []


def test_ui_never_imports_sqlalchemy() -> None:
    offenders = [str(p) for p in _modules(PACKAGE / "ui") if "sqlalchemy" in _imported_modules(p)]
    assert offenders == []


def test_using_the_domain_and_cli_loads_no_qt_or_matplotlib(tmp_path: Path) -> None:
    script = (
        "import sys, leaderlog.cli.main as c;"
        f"c.run(['--db', {str(tmp_path / 'x.sqlite3')!r}, 'leader', 'list']);"
        "import leaderlog.journal.logbook, leaderlog.journal.people, leaderlog.journal.demo;"
        "bad = [m for m in ('PySide6', 'matplotlib') if m in sys.modules];"
        "sys.exit(f'loaded {bad}' if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_what_the_window_needs_before_the_form_imports_no_sqlalchemy() -> None:
    """The Today form is filled before SQLAlchemy loads (leaderlog.ui.start.app): keep its modules light."""
    script = (
        "import sys, leaderlog.ui.start.app, leaderlog.ui.window.main_window, leaderlog.ui.today.today_page,"
        " leaderlog.ui.start.instance_lock, leaderlog.ui.start.integrity_watch,"
        " leaderlog.ui.start.termination, leaderlog.ui.start.automatic_backup,"
        " leaderlog.ui.start.readiness, leaderlog.safety.recovery, leaderlog.safety.opening,"
        " leaderlog.journal.first_screen, leaderlog.data.store;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')];"
        "sys.exit(f'loaded {bad[:5]}' if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
