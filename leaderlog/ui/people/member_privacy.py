"""A team member's privacy rights from the People page: export everything about them, erase them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLineEdit, QWidget

from leaderlog.core.errors import LeaderLogError
from leaderlog.core.paths import AppPaths
from leaderlog.safety import backups
from leaderlog.ui.widgets import show_error

if TYPE_CHECKING:
    from leaderlog.core.records import TeamMember
    from leaderlog.safety.opening import Database
    from leaderlog.transfer import privacy  # imported when used: CSV and metrics stay off start-up


def export_member(parent: QWidget, db: Database, member: TeamMember) -> Path | None:
    """Export everything about a team member to a CSV file the user chooses."""
    suggested = str(Path.home() / f"{member.name} - LeaderLog records.csv")
    name, _ = QFileDialog.getSaveFileName(
        parent, f"Export everything about {member.name}", suggested, "CSV files (*.csv)"
    )
    if not name:
        return None
    from leaderlog.transfer import privacy

    try:
        result = privacy.export_member(db, member.id, Path(name))
    except (LeaderLogError, OSError) as exc:
        show_error(parent, exc, "Nothing was exported.")
        return None
    return result.path


def erase_member(
    parent: QWidget, db: Database, member: TeamMember, paths: AppPaths
) -> privacy.EraseOutcome | None:
    """Erase a team member after the user types their name to confirm."""
    from leaderlog.transfer import privacy

    try:
        plan = privacy.erase_plan(db, member.id)
    except LeaderLogError as exc:
        show_error(parent, exc)
        return None
    typed, accepted = QInputDialog.getText(
        parent,
        f"Erase {member.name}",
        f"{plan.describe()}\n\nA backup is made first; older backups keep their data "
        "until rotated out (see File › Back up).\n\nType the name to confirm:",
        QLineEdit.EchoMode.Normal,
    )
    if not accepted or typed.strip().casefold() != member.name.casefold():
        return None
    # the file is rewritten (VACUUM): seconds on a big journal
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    outcome: privacy.EraseOutcome | None = None
    problem: LeaderLogError | None = None
    try:
        outcome = privacy.erase_member(
            db, member.id, backup_policy=backups.load_policy(paths.config_dir)
        )
    except LeaderLogError as exc:
        problem = exc
    finally:
        QApplication.restoreOverrideCursor()
    if problem is not None:
        show_error(parent, problem, "Nothing was erased.")
    return outcome
