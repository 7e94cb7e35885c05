"""The week review's two File-style actions: save the week as a one-page PDF, or as CSV."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from leaderlog.core.errors import LeaderLogError
from leaderlog.reports.week_review import WeekReview
from leaderlog.ui.context import AppContext
from leaderlog.ui.widgets import busy_cursor, show_error

FORMATS = {"pdf": "PDF document (*.pdf)", "csv": "CSV spreadsheet (*.csv)"}


def suggested_name(review: WeekReview, suffix: str) -> str:
    """'week-review-2026-11-30-all-teams.pdf'."""
    team = (review.team or "all teams").lower().replace(" ", "-")
    return f"week-review-{review.first_day.isoformat()}-{team}.{suffix}"


class ReviewFileSaver:
    """Asks where to save, writes the file, and says where it went (or why it could not)."""

    def __init__(self, context: AppContext, parent: QWidget) -> None:
        self.context = context
        self.parent = parent

    def ask_path(self, review: WeekReview, suffix: str) -> Path | None:
        from leaderlog.ui.dashboard.charts.common import save_directory

        title = "Save week review as PDF" if suffix == "pdf" else "Save week review as CSV"
        path, _ = QFileDialog.getSaveFileName(
            self.parent,
            title,
            str(save_directory() / suggested_name(review, suffix)),
            FORMATS[suffix],
        )
        return Path(path) if path else None

    def save(self, review: WeekReview, suffix: str, path: Path | None = None) -> Path | None:
        """Write the review as suffix ('pdf' or 'csv') to path, asking for one when None."""
        from leaderlog.reports import week_review_export
        from leaderlog.ui.dashboard.charts.common import remember_directory

        path = path or self.ask_path(review, suffix)
        if path is None:
            return None
        if path.suffix.lower() != f".{suffix}":
            path = path.with_name(path.name + f".{suffix}")
        write = week_review_export.write_pdf if suffix == "pdf" else week_review_export.write_csv
        try:
            with busy_cursor():
                written = write(review, path)
        except (LeaderLogError, OSError) as exc:
            show_error(self.parent, exc, "The week review could not be saved.")
            return None
        remember_directory(written)
        self.context.show_status(f"Saved the week review to {written}")
        return written
