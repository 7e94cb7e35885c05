"""File › Import CSV…: pick a file, see what it holds, import it only when every row is right.

The preview (leaderlog.transfer.import_preview) reads the file alone: rows per kind and
the first rows. Import checks every row against the journal and imports all or nothing
(leaderlog.transfer.csv_import); when any row is wrong, every problem is listed with its
line and column and nothing is imported, so the file can be fixed and checked again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from leaderlog.core.errors import LeaderLogError
from leaderlog.transfer.csv_import import ImportFailedError, ImportProblem, ImportResult, import_csv
from leaderlog.transfer.import_preview import ImportPreview, preview_csv
from leaderlog.ui.context import AppContext
from leaderlog.ui.transfer.background import BackgroundJob

FOLDER_SETTING = "transfer/folder"


def _read_only_table(name: str) -> QTableWidget:
    table = QTableWidget(0, 0)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    return table


class ImportCsvDialog(QDialog):
    """Choose file… shows the preview; Import checks every row and imports all of them or none."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Import CSV")
        self.preview: ImportPreview | None = None
        self.result: ImportResult | None = None
        self.problems: tuple[ImportProblem, ...] = ()
        self.job: BackgroundJob | None = None

        intro = QLabel(
            "Import LeaderLog's entries CSV, or a sheet with the columns date, leader, minutes "
            "and note. Every row is checked first: if any is wrong, nothing is imported and "
            "each problem is listed with its line and column. Entries already in the journal "
            "are skipped."
        )
        intro.setWordWrap(True)
        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setAccessibleName("File to import")
        self.file_edit.setPlaceholderText("No file chosen")
        choose = QPushButton("C&hoose file…")
        choose.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(choose)

        self.summary_label = QLabel("")
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName("What the file holds")
        self.rows_table = _read_only_table("First rows of the file")
        self.problems_label = QLabel("")
        self.problems_label.setWordWrap(True)
        self.problems_table = _read_only_table("Problems found")
        self.problems_table.setColumnCount(3)
        self.problems_table.setHorizontalHeaderLabels(["Line", "Column", "Problem"])
        self.problems_table.horizontalHeader().setStretchLastSection(True)
        self.problems_label.hide()
        self.problems_table.hide()

        self.create_missing_check = QCheckBox(
            "Create &leaders, team members and standards the file names but the journal lacks"
        )
        self.create_missing_check.setAccessibleName("Create missing people and standards")
        self.import_button = QPushButton("&Import")
        self.import_button.setDefault(True)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_missing_check, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.rows_table, 1)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems_table, 1)
        layout.addLayout(buttons)
        self.resize(760, 520)

    def choose_file(self) -> None:
        folder = self.context.settings.value(FOLDER_SETTING, "", type=str) or str(Path.home())
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Import CSV", folder, "CSV files (*.csv);;All files (*)"
        )
        if chosen:
            self.show_file(Path(chosen))

    def show_file(self, path: Path) -> None:
        """Preview a file: what it holds and its first rows; Import is offered when it can be read."""
        self.context.settings.setValue(FOLDER_SETTING, str(path.parent))
        self.file_edit.setText(str(path))
        self.result = None
        self._show_problems(())
        try:
            self.preview = preview_csv(path)
        except LeaderLogError as exc:
            self.preview = None
            self.summary_label.setText(str(exc))
            self.rows_table.setRowCount(0)
            self.rows_table.setColumnCount(0)
            self.import_button.setEnabled(False)
            return
        preview = self.preview
        self.summary_label.setText(
            f"{path.name}: {preview.describe()}."
            + (
                f" The first {len(preview.first_rows)} are shown."
                if preview.rows > len(preview.first_rows)
                else ""
            )
        )
        self.rows_table.setColumnCount(len(preview.header))
        self.rows_table.setHorizontalHeaderLabels(list(preview.header))
        self.rows_table.setRowCount(len(preview.first_rows))
        for row, cells in enumerate(preview.first_rows):
            for column, text in enumerate(cells[: len(preview.header)]):
                self.rows_table.setItem(row, column, QTableWidgetItem(text))
        self.rows_table.resizeColumnsToContents()
        self.import_button.setEnabled(preview.layout != "unknown" and preview.rows > 0)

    def start_import(self) -> None:
        """Check every row and import the file, in the background; all of it or nothing."""
        if self.preview is None or (self.job is not None and self.job.running):
            return
        db, path = self.context.db, self.preview.path
        create_missing = self.create_missing_check.isChecked()
        today = self.context.today()

        def work(_progress: Callable[[int, int], None]) -> object:
            try:
                return import_csv(db, path, create_missing=create_missing, today=today)
            except ImportFailedError as failed:
                return failed  # the problems are the answer, not an error of the dialog

        self.job = BackgroundJob(work, self)
        self.job.finished.connect(self._finished)
        self.job.failed.connect(self._failed)
        self.import_button.setEnabled(False)
        self.summary_label.setText(f"Checking every row of {path.name}…")
        self.job.start()

    def _finished(self, outcome: ImportResult | ImportFailedError) -> None:
        if isinstance(outcome, ImportFailedError):
            more = " (only the first ones are listed)" if outcome.truncated else ""
            self.summary_label.setText(
                f"Nothing was imported: {len(outcome.problems)} problem(s) to fix in "
                f"{outcome.path.name}{more}. Fix them and choose the file again."
            )
            self._show_problems(outcome.problems)
            self.import_button.setEnabled(True)
            return
        self.result = outcome
        text = outcome.describe() + "."
        self.summary_label.setText(text)
        self.context.show_status(text)
        if outcome.created_leaders or outcome.created_members or outcome.created_standards:
            self.context.people_changed.emit()
        self.context.entries_changed.emit()
        self.close_button.setFocus()

    def _failed(self, message: str) -> None:
        self.summary_label.setText(f"Nothing was imported: {message}")
        self.import_button.setEnabled(True)

    def _show_problems(self, problems: tuple[ImportProblem, ...]) -> None:
        self.problems = problems
        self.problems_table.setRowCount(len(problems))
        for row, problem in enumerate(problems):
            for column, text in enumerate((str(problem.line), problem.column, problem.message)):
                self.problems_table.setItem(row, column, QTableWidgetItem(text))
        self.problems_table.resizeColumnsToContents()
        self.problems_table.horizontalHeader().setStretchLastSection(True)
        self.problems_label.setText(f"{len(problems)} problem(s), by line:" if problems else "")
        self.problems_label.setVisible(bool(problems))
        self.problems_table.setVisible(bool(problems))

    def reject(self) -> None:
        if self.job is not None and self.job.running:
            self.job.wait()  # an import is one transaction: it finishes or rolls back
        super().reject()
