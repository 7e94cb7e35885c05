"""What a CSV file would bring into the journal, read before anything is imported: its layout, rows per kind, the first rows.

Only the file is read (no database, no checks of the cells): the import itself
(leaderlog.transfer.csv_import) checks every row and imports all or nothing.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

from leaderlog.core.errors import LeaderLogError
from leaderlog.transfer.csv_export import ENTRY_COLUMNS
from leaderlog.transfer.csv_import import SIMPLE_COLUMNS, SIMPLE_REQUIRED

FIRST_ROWS = 10
KIND_NAMES = {"day": "day logs", "coaching": "coaching notes", "reinforcement": "reinforcements"}


class PreviewError(LeaderLogError):
    """The file cannot be read as CSV at all (missing, unreadable, empty)."""


@dataclass(frozen=True)
class ImportPreview:
    """The file as the import would see it, before any check."""

    path: Path
    layout: str
    """'entries' (LeaderLog's export), 'simple' (date, leader, minutes, note) or 'unknown'"""
    header: tuple[str, ...]
    rows: int
    """data rows (records), the header not counted"""
    by_kind: dict[str, int]
    """rows per entry type (day, coaching, reinforcement; other values as written)"""
    first_rows: tuple[tuple[str, ...], ...]

    def describe(self) -> str:
        """'12 rows: 5 day logs, 4 coaching notes, 3 reinforcements'."""
        if self.layout == "unknown":
            return (
                f"{self.rows} rows, but the header is neither LeaderLog's entries export nor "
                "a sheet with the columns date, leader, minutes (and note)."
            )
        kinds = ", ".join(
            f"{count} {KIND_NAMES.get(kind, kind or 'without a type')}"
            for kind, count in self.by_kind.items()
            if count
        )
        return f"{self.rows} rows" + (f": {kinds}" if kinds else "")


def _layout(names: list[str]) -> str:
    """The same rule as the import's: every column of the export, or the simple sheet's."""
    if set(ENTRY_COLUMNS) <= set(names):
        return "entries"
    if set(SIMPLE_REQUIRED) <= set(names) <= set(SIMPLE_COLUMNS):
        return "simple"
    return "unknown"


def preview_csv(path: str | os.PathLike[str], first: int = FIRST_ROWS) -> ImportPreview:
    """Read the whole file once (streaming): counts per kind and its first rows."""
    source = Path(path)
    try:
        with source.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                raise PreviewError(f"{source.name} is empty: there is nothing to import.")
            names = [name.strip().lower() for name in header]
            layout = _layout(names)
            type_column = names.index("type") if layout == "entries" else None
            by_kind: dict[str, int] = dict.fromkeys(KIND_NAMES, 0)
            shown: list[tuple[str, ...]] = []
            rows = 0
            for cells in reader:
                if not any(cell.strip() for cell in cells):
                    continue  # blank lines are skipped by the import too
                rows += 1
                if len(shown) < first:
                    shown.append(tuple(cells))
                if layout == "simple":
                    by_kind["day"] += 1
                elif type_column is not None and len(cells) > type_column:
                    kind = cells[type_column].strip().lower()
                    by_kind[kind] = by_kind.get(kind, 0) + 1
    except (OSError, csv.Error) as exc:
        raise PreviewError(f"Cannot read {source}: {exc}") from exc
    return ImportPreview(source, layout, tuple(header), rows, by_kind, tuple(shown))
