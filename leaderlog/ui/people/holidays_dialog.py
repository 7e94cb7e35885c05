"""Public holidays and company days: which country's (and region's) holidays a team keeps, and the year's list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from leaderlog.journal import holidays, people
from leaderlog.journal.holidays import CompanyDay, Holiday
from leaderlog.ui.context import AppContext
from leaderlog.ui.people.tables import (
    date_edit,
    fill_table,
    from_qdate,
    make_table,
    selected_record,
)
from leaderlog.ui.widgets import FieldErrorLabel, FormErrors, add_field_row, guarded

NO_COUNTRY = ""


class HolidaysDialog(QDialog):
    """Choose a team's (or the organisation's) holiday calendar, see its year, manage company days."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Public holidays and company days")
        self.setMinimumSize(640, 560)
        self.general = FieldErrorLabel()
        self.errors = FormErrors(self.general)

        self.team_combo = QComboBox()
        self.team_combo.addItem("Organisation (every team without its own)", "")
        for team in people.list_teams(context.db):
            if team:
                self.team_combo.addItem(f"Team {team}", team)
        self.country_combo = QComboBox()
        self.country_combo.addItem("No public holidays", NO_COUNTRY)
        names = holidays.country_names()
        supported = holidays.supported_countries()
        for code in sorted((c for c in supported if len(c) == 2), key=lambda c: names.get(c, c)):
            self.country_combo.addItem(f"{names.get(code, code)} ({code})", code)
        self.subdivision_combo = QComboBox()
        self.save_calendar_button = QPushButton("&Use these holidays")
        self.save_calendar_button.setAccessibleName("Use the chosen country's holidays")
        self.calendar_label = QLabel()
        self.calendar_label.setWordWrap(True)
        calendar_box = QGroupBox("Public holidays")
        calendar_form = QFormLayout(calendar_box)
        self._row(calendar_form, "Calendar &for", self.team_combo, "team", "Calendar for")
        self._row(calendar_form, "&Country", self.country_combo, "country", "Country")
        self._row(
            calendar_form, "&Region", self.subdivision_combo, "subdivision", "Region or state"
        )
        use_row = QHBoxLayout()
        use_row.addWidget(self.save_calendar_button)
        use_row.addWidget(self.calendar_label, 1)
        calendar_form.addRow("", use_row)

        self.year_spin = QSpinBox()
        self.year_spin.setRange(1900, 2199)
        self.year_spin.setValue(context.today().year)
        self.year_spin.setAccessibleName("Year shown")
        self.table = make_table("Holidays of the year", ["Date", "Day", "Holiday", "Source"])
        self.company_date = date_edit(context.today())
        self.company_date.setAccessibleName("Company day's date")
        self.company_name = QLineEdit()
        self.company_name.setPlaceholderText("e.g. Stocktake")
        self.company_name.setAccessibleName("Company day's name")
        self.company_name.returnPressed.connect(self.add_company_day)
        self.add_button = QPushButton("&Add company day")
        self.add_button.clicked.connect(self.add_company_day)
        self.delete_button = QPushButton("&Delete company day")
        self.delete_button.setAccessibleName("Delete the selected company day")
        self.delete_button.clicked.connect(self.delete_company_day)
        self.import_button = QPushButton("&Import .ics or .csv…")
        self.import_button.setAccessibleName("Import company days from an .ics or a CSV file")
        self.import_button.clicked.connect(self.choose_import)
        self.date_error = FieldErrorLabel()
        self.name_error = FieldErrorLabel()
        self.errors.add("date", self.date_error, self.company_date)
        self.errors.add("name", self.name_error, self.company_name)
        self.errors.add("file", self.general, self.import_button)

        year_row = QHBoxLayout()
        year_row.addWidget(QLabel("Year"))
        year_row.addWidget(self.year_spin)
        year_row.addStretch(1)
        year_row.addWidget(self.delete_button)
        company_row = QHBoxLayout()
        company_label = QLabel("Company da&y")
        company_label.setBuddy(self.company_date)
        company_row.addWidget(company_label)
        company_row.addWidget(self.company_date)
        company_row.addWidget(self.company_name, 1)
        company_row.addWidget(self.add_button)
        company_row.addWidget(self.import_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(calendar_box)
        layout.addLayout(year_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(company_row)
        layout.addWidget(self.date_error)
        layout.addWidget(self.name_error)
        layout.addWidget(self.general)
        layout.addWidget(buttons)

        self.team_combo.currentIndexChanged.connect(self._show_calendar)
        self.country_combo.currentIndexChanged.connect(self._fill_subdivisions)
        self.save_calendar_button.clicked.connect(self.save_calendar)
        self.year_spin.valueChanged.connect(self.refresh)
        self.table.currentCellChanged.connect(self._update_buttons)
        self._show_calendar()

    def _row(self, form: QFormLayout, text: str, widget: QWidget, field: str, name: str) -> None:
        widget.setAccessibleName(name)
        add_field_row(form, self.errors, text, widget, field)

    @property
    def team(self) -> str:
        return str(self.team_combo.currentData())

    def _fill_subdivisions(self, chosen: str = "") -> None:
        code = self.country_combo.currentData()
        self.subdivision_combo.clear()
        self.subdivision_combo.addItem("Whole country", "")
        for subdivision in holidays.supported_countries().get(code, ()) if code else ():
            self.subdivision_combo.addItem(subdivision, subdivision)
        self.subdivision_combo.setEnabled(self.subdivision_combo.count() > 1)
        index = self.subdivision_combo.findData(chosen or "")
        self.subdivision_combo.setCurrentIndex(max(index, 0))

    def _show_calendar(self) -> None:
        """Select the team's own calendar in the inputs and say what the team uses now."""
        own = {c.team: c for c in holidays.list_calendars(self.context.db)}
        mine = own.get(self.team)
        self.country_combo.blockSignals(True)
        self.country_combo.setCurrentIndex(
            max(self.country_combo.findData(mine.country if mine else NO_COUNTRY), 0)
        )
        self.country_combo.blockSignals(False)
        self._fill_subdivisions(mine.subdivision if mine else "")
        used = mine or own.get("")
        if used is None:
            text = "No public holidays yet: only company days are days off."
        else:
            where = used.country_name + (f" ({used.subdivision})" if used.subdivision else "")
            inherited = " (the organisation's)" if mine is None and self.team else ""
            text = f"In use: {where}{inherited}."
        self.calendar_label.setText(text)
        self.refresh()

    def refresh(self) -> None:
        year = self.year_spin.value()
        found = holidays.list_holidays(self.context.db, self.team, year)
        company = {
            (day.day, day.name): day
            for day in holidays.list_company_days(self.context.db, self.team, year)
        }
        rows: list[tuple[object, list[str]]] = []
        for holiday in found:
            record: Holiday | CompanyDay = company.get((holiday.day, holiday.name), holiday)
            source = "public holiday" if holiday.source == "public" else "company day"
            if isinstance(record, CompanyDay) and record.team:
                source += f" (team {record.team})"
            rows.append(
                (
                    record,
                    [holiday.day.isoformat(), f"{holiday.day:%a}", holiday.name, source],
                )
            )
        fill_table(self.table, rows)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(isinstance(selected_record(self.table), CompanyDay))

    def save_calendar(self) -> None:
        self.errors.clear()
        code = self.country_combo.currentData()

        def action() -> object:
            if code == NO_COUNTRY:
                if any(c.team == self.team for c in holidays.list_calendars(self.context.db)):
                    holidays.remove_calendar(self.context.db, self.team)
                return "none"
            return holidays.set_calendar(
                self.context.db, code, self.subdivision_combo.currentData(), self.team
            )

        if guarded(self, self.errors, action, "The holiday calendar was not changed.") is not None:
            self.context.show_status("Holiday calendar saved.")
            self._show_calendar()

    def add_company_day(self) -> None:
        self.errors.clear()
        added = guarded(
            self,
            self.errors,
            lambda: holidays.add_company_day(
                self.context.db,
                from_qdate(self.company_date.date()),
                self.company_name.text(),
                self.team,
            ),
        )
        if added is not None:
            self.company_name.clear()
            self.context.show_status(f"Added company day {added.name} on {added.day:%d %b %Y}.")
            self.refresh()

    def delete_company_day(self) -> None:
        day = selected_record(self.table)
        if not isinstance(day, CompanyDay):
            return
        if guarded(
            self, None, lambda: holidays.delete_company_day(self.context.db, day.id) or True
        ):
            self.context.show_status(f"Deleted company day {day.name}.")
            self.refresh()

    def choose_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            "Import company days",
            str(Path.home()),
            "Calendars (*.ics *.csv);;iCalendar (*.ics);;CSV date,name (*.csv)",
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        """Import company days for the chosen team: all or nothing, problems shown by line."""
        self.errors.clear()
        result = guarded(
            self,
            self.errors,
            lambda: holidays.import_company_days(self.context.db, path, self.team),
            "Nothing was imported.",
        )
        if result is not None:
            self.context.show_status(
                f"Imported {path.name}: {result.added} added, {result.renamed} renamed, "
                f"{result.unchanged} already there."
            )
            self.refresh()
