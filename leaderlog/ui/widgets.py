"""Small shared widgets: field error labels, error dialogs, and form-building helpers."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from leaderlog.core.errors import ConflictError, DatabaseError, LeaderLogError, ValidationError

T = TypeVar("T")

ERROR_ON_LIGHT = "#b3261e"
ERROR_ON_DARK = "#ff8a80"


class FieldErrorLabel(QLabel):
    """A plain-words error shown right under one input; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._apply_colour()
        self.hide()

    def _apply_colour(self) -> None:
        # a red with enough contrast (>= 4.5:1) on the light and on the dark window colour
        window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
        colour = QColor(ERROR_ON_DARK if window.lightness() < 128 else ERROR_ON_LIGHT)
        if self.palette().color(QPalette.ColorRole.WindowText) != colour:
            # only this role is pinned; the rest keeps following the window's palette
            palette = QPalette()
            palette.setColor(QPalette.ColorRole.WindowText, colour)
            self.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange):
            self._apply_colour()
        super().changeEvent(event)

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class FormErrors:
    """Maps the domain's field names to the error labels beside the inputs of one form."""

    def __init__(self, fallback: FieldErrorLabel) -> None:
        self._fallback = fallback
        self._fields: dict[str, tuple[FieldErrorLabel, QWidget]] = {}

    def add(self, field: str, label: FieldErrorLabel, widget: QWidget) -> None:
        self._fields[field] = (label, widget)

    def clear(self) -> None:
        self._fallback.show_message("")
        for label, _ in self._fields.values():
            label.show_message("")

    def show(self, error: ValidationError) -> None:
        """Show every problem next to its field and move the focus to the first one."""
        self.clear()
        first: QWidget | None = None
        unplaced: list[str] = []
        for problem in error.problems:
            slot = self._fields.get(problem.field)
            if slot is None:
                unplaced.append(
                    f"{problem.field[:1].upper()}{problem.field[1:]}: {problem.message}"
                )
                continue
            label, widget = slot
            label.show_message(_sentence(problem.message))
            first = first or widget
        if unplaced:
            self._fallback.show_message("\n".join(unplaced))
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_message(self, text: str) -> None:
        self.clear()
        self._fallback.show_message(text)


def add_field_row(
    form: QFormLayout,
    errors: FormErrors,
    text: str,
    field_item: QWidget | QLayout,
    field: str,
    focus: QWidget | None = None,
) -> QLabel:
    """One form row: a label whose Alt-letter jumps to the input, the input, its error line."""
    label = QLabel(text)
    target = focus if focus is not None else field_item
    assert isinstance(target, QWidget), "a row of several widgets needs the one to focus"
    label.setBuddy(target)
    box = QVBoxLayout()
    box.setSpacing(2)
    if isinstance(field_item, QWidget):
        box.addWidget(field_item)
    else:
        box.addLayout(field_item)
    error = FieldErrorLabel()
    box.addWidget(error)
    form.addRow(label, box)
    errors.add(field, error, target)
    return label


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def show_error(parent: QWidget | None, error: BaseException, what: str = "") -> None:
    """A dialog for an error the user can do something about (conflict, busy, database)."""
    title = "LeaderLog"
    if isinstance(error, ConflictError):
        title = "Changed elsewhere"
    elif isinstance(error, DatabaseError):
        title = "Database problem"
    text = f"{what}\n\n{error}" if what else str(error)
    QMessageBox.warning(parent, title, text)


def guarded(
    parent: QWidget, errors: FormErrors | None, action: Callable[[], T], what: str = ""
) -> T | None:
    """Run one user action: field errors go next to the fields, other known errors to a dialog."""
    try:
        return action()
    except ValidationError as exc:
        if errors is None:
            show_error(parent, exc, what)
        else:
            errors.show(exc)
    except LeaderLogError as exc:
        show_error(parent, exc, what)
    return None


def fit_columns(table: QTableView) -> None:
    """Size every column but the last to its contents plus some air; the last one stretches."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    # measure the rows on screen only: measuring thousands costs a third of a second
    header.setResizeContentsPrecision(0)
    table.resizeColumnsToContents()
    padding = table.fontMetrics().averageCharWidth() * 2
    for column in range(header.count() - 1):
        header.resizeSection(column, header.sectionSize(column) + padding)


@contextlib.contextmanager
def busy_cursor() -> Iterator[None]:
    """Show the wait cursor while a read that may take a moment (a large journal) runs."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def period_pickers(
    choices: Sequence[tuple[str, object]], default_index: int, on_dates_changed: Callable[[], None]
) -> tuple[QComboBox, QDateEdit, QDateEdit]:
    """A period combo (label, data) plus the From/To date edits used for a custom range."""
    combo = QComboBox()
    combo.setAccessibleName("Period")
    for label, data in choices:
        combo.addItem(label, data)
    combo.setCurrentIndex(default_index)
    from_edit = QDateEdit()
    from_edit.setAccessibleName("From date")
    to_edit = QDateEdit()
    to_edit.setAccessibleName("To date")
    for edit in (from_edit, to_edit):
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(on_dates_changed)
    return combo, from_edit, to_edit


def set_dates_quietly(
    from_edit: QDateEdit, to_edit: QDateEdit, first: dt.date, last: dt.date
) -> None:
    """Show a date range in the period's From/To edits without firing their change signals."""
    for edit, value in ((from_edit, first), (to_edit, last)):
        edit.blockSignals(True)
        edit.setDate(QDate(value.year, value.month, value.day))
        edit.blockSignals(False)
