"""File › Export CSV…: entries or weekly summaries of one leader, a team or everyone, for a period.

The export runs in a background thread with a progress bar and Cancel; the domain
(leaderlog.transfer.csv_export) writes the file atomically, so a cancelled or failed
export leaves no partial file (and an older file of that name untouched).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from leaderlog.core.records import Leader
from leaderlog.journal import people
from leaderlog.reports import reporting
from leaderlog.transfer import csv_export
from leaderlog.ui.context import AppContext
from leaderlog.ui.transfer.background import BackgroundJob
from leaderlog.ui.transfer.periods import PRESETS, preset_period
from leaderlog.ui.widgets import period_pickers, set_dates_quietly

FOLDER_SETTING = "transfer/folder"
DEFAULT_PRESET = "Last 12 weeks"


def whose_choices(
    leaders: list[Leader], chosen: Leader | None
) -> tuple[list[tuple[str, list[int] | None]], int]:
    """(label, leader ids or None for everyone) for the Whose list, and the index to start on."""
    choices: list[tuple[str, list[int] | None]] = [(f"Everyone ({len(leaders)} leaders)", None)]
    teams: dict[str, list[int]] = {}
    for leader in leaders:
        if leader.team:
            teams.setdefault(leader.team, []).append(leader.id)
    for team in sorted(teams, key=str.casefold):
        count = len(teams[team])
        choices.append((f"Team {team} ({count} leader{'s' if count != 1 else ''})", teams[team]))
    start = 0
    for leader in sorted(leaders, key=lambda one: one.name.casefold()):
        label = leader.name + (f" ({leader.team})" if leader.team else "")
        if leader.archived:
            label += " (archived)"
        if chosen is not None and leader.id == chosen.id:
            start = len(choices)
        choices.append((label, [leader.id]))
    return choices, start


class ExportCsvDialog(QDialog):
    """Choose what, whose and when; Export… asks for the file, then shows progress and the result."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Export CSV")
        self.job: BackgroundJob | None = None
        self.written: Path | None = None
        self._week_start = reporting.get_week_start(context.db)

        self.entries_radio = QRadioButton(
            "&Entries (every day log, coaching note and reinforcement)"
        )
        self.weekly_radio = QRadioButton(
            "&Weekly summaries (one row per leader and week, every metric)"
        )
        self.entries_radio.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.entries_radio)
        kinds.addButton(self.weekly_radio)
        what = QVBoxLayout()
        what.addWidget(self.entries_radio)
        what.addWidget(self.weekly_radio)

        self.whose_combo = QComboBox()
        self.whose_combo.setAccessibleName("Whose entries")
        choices, start = whose_choices(
            people.list_leaders(context.db, include_archived=True), context.leader
        )
        for label, ids in choices:
            self.whose_combo.addItem(label, ids)
        self.whose_combo.setCurrentIndex(start)

        self.period_combo, self.from_edit, self.to_edit = period_pickers(
            [(name, name) for name in PRESETS], PRESETS.index(DEFAULT_PRESET), self._dates_typed
        )
        self.period_combo.currentIndexChanged.connect(self._preset_chosen)
        period = QHBoxLayout()
        period.addWidget(self.period_combo, 1)
        period.addWidget(QLabel("from"))
        period.addWidget(self.from_edit)
        period.addWidget(QLabel("to"))
        period.addWidget(self.to_edit)

        self.bom_check = QCheckBox("Add a byte-order mark (&BOM) so Excel reads the accents right")
        self.bom_check.setAccessibleName("Add a byte-order mark")

        form = QFormLayout()
        form.addRow("What:", what)
        who_label = QLabel("W&hose:")
        who_label.setBuddy(self.whose_combo)
        form.addRow(who_label, self.whose_combo)
        period_label = QLabel("&Period:")
        period_label.setBuddy(self.period_combo)
        form.addRow(period_label, period)
        form.addRow("", self.bom_check)

        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName("Export progress")
        self.progress_bar.hide()
        self.status_label = QLabel("")
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Export status")

        self.export_button = QPushButton("E&xport…")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.choose_file_and_export)
        self.cancel_button = QPushButton("&Cancel export")
        self.cancel_button.clicked.connect(self.cancel_export)
        self.cancel_button.hide()
        self.show_folder_button = QPushButton("&Show in folder")
        self.show_folder_button.clicked.connect(self.show_in_folder)
        self.show_folder_button.hide()
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (
            self.show_folder_button,
            self.cancel_button,
            self.export_button,
            self.close_button,
        ):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        self._preset_chosen()
        self.resize(640, self.sizeHint().height())

    # ---------------------------------------------------------------- choices

    @property
    def what(self) -> csv_export.ExportKind:
        return "weekly" if self.weekly_radio.isChecked() else "entries"

    def period(self) -> tuple[dt.date | None, dt.date | None]:
        """The chosen period: None for an open end (Everything)."""
        if self.period_combo.currentData() == "Everything":
            return None, None
        return self.from_edit.date().toPython(), self.to_edit.date().toPython()  # type: ignore[return-value]

    def _preset_chosen(self) -> None:
        name = self.period_combo.currentData()
        everything = name == "Everything"
        self.from_edit.setEnabled(not everything)
        self.to_edit.setEnabled(not everything)
        if name in ("Custom", "Everything"):
            return
        first, last = preset_period(name, self.context.today(), self._week_start)
        assert first is not None and last is not None
        set_dates_quietly(self.from_edit, self.to_edit, first, last)

    def _dates_typed(self) -> None:
        self.period_combo.blockSignals(True)
        self.period_combo.setCurrentIndex(PRESETS.index("Custom"))
        self.period_combo.blockSignals(False)

    def suggested_path(self) -> Path:
        folder = self.context.settings.value(FOLDER_SETTING, "", type=str) or str(Path.home())
        first, last = self.period()
        span = f"{first}-to-{last}" if first and last else "all"
        return Path(folder) / f"leaderlog-{self.what}-{span}.csv"

    # ---------------------------------------------------------------- running

    def choose_file_and_export(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Export CSV", str(self.suggested_path()), "CSV files (*.csv);;All files (*)"
        )
        if chosen:
            self.export_to(Path(chosen))

    def export_to(self, path: Path) -> None:
        """Start writing the chosen CSV to path in the background."""
        if self.job is not None and self.job.running:
            return
        if path.suffix == "":
            path = path.with_suffix(".csv")
        self.context.settings.setValue(FOLDER_SETTING, str(path.parent))
        first, last = self.period()
        options: dict[str, object] = {
            "leader_ids": self.whose_combo.currentData(),
            "start": first,
            "end": last,
            "bom": self.bom_check.isChecked(),
        }
        if self.what == "weekly":
            options["today"] = self.context.today()
        db, what = self.context.db, self.what

        def work(progress: Callable[[int, int], None]) -> object:
            return csv_export.export_csv(db, what, path, progress=progress, **options)

        self.written = None
        self.job = BackgroundJob(work, self)
        self.job.progressed.connect(self._progressed)
        self.job.finished.connect(self._finished)
        self.job.failed.connect(self._failed)
        self.job.cancelled.connect(self._cancelled)
        self._running(True)
        self.status_label.setText(f"Writing {path.name}…")
        self.job.start()

    def _running(self, running: bool) -> None:
        self.progress_bar.setVisible(running)
        self.progress_bar.setRange(0, 0)  # busy until the first count arrives
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(True)
        self.export_button.setEnabled(not running)
        self.show_folder_button.setVisible(False)
        if running:
            self.cancel_button.setFocus()

    def _progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))

    def _finished(self, result: csv_export.ExportResult) -> None:
        self._running(False)
        self.written = result.path
        what = "entries" if result.what == "entries" else "weekly rows"
        self.status_label.setText(f"Wrote {result.rows} {what} to {result.path}.")
        self.show_folder_button.show()
        self.show_folder_button.setFocus()
        self.context.show_status(f"Exported {result.rows} {what} to {result.path}.")

    def _failed(self, message: str) -> None:
        self._running(False)
        self.status_label.setText(f"Nothing was exported: {message}")

    def _cancelled(self) -> None:
        self._running(False)
        self.status_label.setText("Export cancelled; no file was written.")

    def cancel_export(self) -> None:
        if self.job is not None and self.job.running:
            self.cancel_button.setEnabled(False)
            self.status_label.setText("Cancelling…")
            self.job.cancel()

    def show_in_folder(self) -> None:
        """Open the folder that holds the written file in the desktop's file manager."""
        if self.written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written.parent)))

    def reject(self) -> None:
        """Close (or Escape): a running export is cancelled first, leaving no file."""
        if self.job is not None and self.job.running:
            self.job.cancel()
            self.job.wait(10)
        super().reject()
