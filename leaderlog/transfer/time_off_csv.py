"""CSV export and import of leave and company days: a round trip, all or nothing, problems by line and column.

Leave travels as ``uuid,leader,from,to,kind,note`` (docs/csv-format.md): a row whose
uuid is already in the journal updates that range, a row without one matches a range of
the same leader with the same dates, anything else is new; so importing the same file
twice changes nothing. Company days travel as ``date,name``, the file
``journal.holidays.import_company_days`` reads (its parser, its all-or-nothing import);
public holidays are not exported, they come from the calendar (``holidays set``).
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import uuid as uuid_module
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from leaderlog.core.atomic import atomic_write
from leaderlog.core.errors import ValidationError
from leaderlog.core.text import column_letter
from leaderlog.core.validation import as_date, as_text, name_key
from leaderlog.data import models
from leaderlog.data.engine import Database
from leaderlog.journal import holidays, people
from leaderlog.journal.time_off import as_leave_kind, as_range, time_off_record
from leaderlog.transfer.csv_export import ExportError, neutralise, restore
from leaderlog.transfer.csv_import import MAX_PROBLEMS, ImportFailedError, ImportProblem

LEAVE_COLUMNS: tuple[str, ...] = ("uuid", "leader", "from", "to", "kind", "note")
LEAVE_REQUIRED: tuple[str, ...] = ("leader", "from")
LEAVE_TEXT_COLUMNS = frozenset({"leader", "note"})
"""cells an export neutralises against spreadsheet formulas and an import restores"""
COMPANY_DAY_COLUMNS: tuple[str, ...] = ("date", "name")
MAX_IMPORT_ROWS = 100_000


@dataclass(frozen=True)
class LeaveImportResult:
    """What a leave import changed."""

    path: Path
    added: int
    updated: int
    unchanged: int

    def describe(self) -> str:
        return (
            f"Imported {self.path.name}: {self.added} range(s) of leave added, "
            f"{self.updated} updated, {self.unchanged} already there"
        )


# ---------------------------------------------------------------- export


def _write(path: str | Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    target = Path(path)
    count = 0
    try:
        with atomic_write(target, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(header)
            for row in rows:
                writer.writerow(row)
                count += 1
    except OSError as exc:
        raise ExportError(
            f"Cannot write {target}: {exc.strerror or exc}. Choose another file or folder."
        ) from exc
    return count


def export_leave(db: Database, path: str | Path, leader_ids: Iterable[int] | None = None) -> int:
    """Write the leave of some leaders (default: all, archived too) to a CSV; returns the rows written."""
    wanted = None if leader_ids is None else set(leader_ids)
    query = (
        select(models.TimeOff, models.Leader.name)
        .join(models.Leader, models.Leader.id == models.TimeOff.leader_id)
        .order_by(models.Leader.name_key, models.TimeOff.first_day)
    )
    if wanted is not None:
        query = query.where(models.TimeOff.leader_id.in_(wanted))
    with db.read() as session:
        rows = [
            (
                str(row.uuid),
                neutralise(name),
                row.first_day.isoformat(),
                row.last_day.isoformat(),
                row.kind,
                neutralise(row.note),
            )
            for row, name in session.execute(query)
        ]
    return _write(path, LEAVE_COLUMNS, rows)


def export_company_days(db: Database, path: str | Path, team: str | None = None) -> int:
    """Write the organisation's (or one team's own) company days as date,name; returns the rows."""
    clean = " ".join((team or "").split())
    days = [day for day in holidays.list_company_days(db) if day.team == clean]
    return _write(path, COMPANY_DAY_COLUMNS, ((d.day.isoformat(), d.name) for d in days))


def import_company_days(
    db: Database, path: str | Path, team: str | None = None
) -> holidays.ImportResult:
    """The holidays module's import (.ics or date,name CSV), so both doors read one format."""
    return holidays.import_company_days(db, Path(path), team)


# ---------------------------------------------------------------- leave import


@dataclass
class _LeaveRow:
    line: int
    uuid: uuid_module.UUID | None
    leader_id: int
    first_day: dt.date
    last_day: dt.date
    kind: str | None
    """None when the file gives none: vacation for new leave, as it was for leave matched"""
    note: str | None
    """None when the file has no note column: '' for new leave, as it was for leave matched"""


class _Problems:
    """Problems by line and column, the first MAX_PROBLEMS kept in file order."""

    def __init__(self, header: Sequence[str]) -> None:
        self.index = {name: i for i, name in enumerate(header)}
        self.found: list[tuple[int, int, ImportProblem]] = []

    def column(self, name: str) -> str:
        position = self.index.get(name)
        return "-" if position is None else f"{column_letter(position)} ({name})"

    def add(self, line: int, name: str, message: str) -> None:
        position = self.index.get(name, -1)
        self.found.append((line, position, ImportProblem(line, self.column(name), message)))

    def failed(self, path: Path) -> ImportFailedError:
        ordered = [item[2] for item in sorted(self.found, key=lambda item: item[:2])]
        return ImportFailedError(path, ordered[:MAX_PROBLEMS], max(0, len(ordered) - MAX_PROBLEMS))


def _read_records(path: Path, text: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            records.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ValidationError(
            "file", f"{path}, line {start}: not a valid CSV record ({exc}); nothing was imported"
        ) from None
    return records


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ValidationError("file", f"{path} does not exist") from None
    except UnicodeDecodeError:
        raise ValidationError("file", f"{path} is not UTF-8 text; save it as CSV UTF-8") from None
    except OSError as exc:
        raise ValidationError("file", f"cannot read {path}: {exc.strerror or exc}") from None


def _check_header(path: Path, header: list[str]) -> list[str]:
    clean = [cell.strip().lower() for cell in header]
    missing = [name for name in LEAVE_REQUIRED if name not in clean]
    unknown = [name for name in clean if name not in LEAVE_COLUMNS]
    doubled = sorted({name for name in clean if clean.count(name) > 1})
    if missing or unknown or doubled:
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            parts.append(f"unknown column(s) {', '.join(unknown)}")
        if doubled:
            parts.append(f"column(s) {', '.join(doubled)} given twice")
        raise ValidationError(
            "file",
            f"{path}, line 1: {'; '.join(parts)}; a leave CSV has the columns "
            f"{','.join(LEAVE_COLUMNS)} (uuid, to, kind and note optional); nothing was imported",
        )
    return clean


def _leader_lookup(db: Database) -> tuple[dict[str, int], list[str]]:
    leaders = people.list_leaders(db, include_archived=True)
    return {name_key(leader.name): leader.id for leader in leaders}, [
        leader.name for leader in leaders
    ]


def _parse(
    problems: _Problems,
    line: int,
    cells: list[str],
    leaders: dict[str, int],
    names: list[str],
) -> _LeaveRow | None:
    width = len(problems.index)
    if len(cells) != width:
        name = list(problems.index)[min(len(cells), width - 1)]
        problems.add(
            line, name, f"the row has {len(cells)} columns, the header {width}; check its commas"
        )
        return None

    def get(name: str) -> str:
        position = problems.index.get(name)
        if position is None:
            return ""
        value = cells[position]
        return restore(value) if name in LEAVE_TEXT_COLUMNS else value

    parsed: dict[str, object] = {}

    def check(name: str, parse: Callable[[], object]) -> None:
        try:
            parsed[name] = parse()
        except ValidationError as exc:
            problems.add(line, name, exc.plain_message)

    check("uuid", lambda: _as_uuid(get("uuid")))
    check("leader", lambda: _as_leader(get("leader"), leaders, names))
    check("from", lambda: as_date(get("from"), "from"))
    check("to", lambda: as_date(get("to"), "to") if get("to").strip() else None)
    check("kind", lambda: as_leave_kind(get("kind")) if get("kind").strip() else None)
    check("note", lambda: as_text(get("note"), "note") if "note" in problems.index else None)
    if len(parsed) < 6:
        return None
    first = parsed["from"]
    last = parsed["to"] or first
    assert isinstance(first, dt.date) and isinstance(last, dt.date)
    try:
        as_range(first, last)
    except ValidationError as exc:
        problems.add(line, "to", exc.plain_message)
        return None
    return _LeaveRow(
        line,
        parsed["uuid"],  # type: ignore[arg-type]
        parsed["leader"],  # type: ignore[arg-type]
        first,
        last,
        parsed["kind"],  # type: ignore[arg-type]
        parsed["note"],  # type: ignore[arg-type]
    )


def _as_uuid(text: str) -> uuid_module.UUID | None:
    if not text.strip():
        return None
    try:
        return uuid_module.UUID(text.strip())
    except ValueError:
        raise ValidationError(
            "uuid", f"'{text.strip()}' is not a UUID; leave it empty for new leave"
        ) from None


def _as_leader(text: str, leaders: dict[str, int], names: list[str]) -> int:
    if not text.strip():
        raise ValidationError("leader", "must not be empty")
    found = leaders.get(name_key(text))
    if found is None:
        near = difflib.get_close_matches(text.strip(), names, n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(near)}?" if near else "; add the leader first"
        raise ValidationError("leader", f"no leader named '{' '.join(text.split())}'{hint}")
    return found


def import_leave(db: Database, path: str | Path) -> LeaveImportResult:
    """Import leave from a CSV: every row checked first, then all of them saved in one transaction.

    Raises ImportFailedError listing every problem ('line 3, column C (from): ...'), or
    ValidationError for a file that is not a leave CSV at all; nothing is written then.
    """
    source = Path(path)
    records = _read_records(source, _read_text(source))
    records = [(line, cells) for line, cells in records if any(c.strip() for c in cells)]
    if not records:
        raise ValidationError("file", f"{source} is empty; nothing was imported")
    header = _check_header(source, records[0][1])
    if len(records) - 1 > MAX_IMPORT_ROWS:
        raise ValidationError(
            "file", f"{source} has more than {MAX_IMPORT_ROWS} rows; split it; nothing was imported"
        )
    problems = _Problems(header)
    leaders, names = _leader_lookup(db)
    parsed = [_parse(problems, line, cells, leaders, names) for line, cells in records[1:]]
    rows = [row for row in parsed if row is not None]
    with db.write() as session:
        result = _plan_and_store(session, problems, rows, source)
        if problems.found:
            raise problems.failed(source)  # rolls the transaction back: nothing was written
    return result


def _plan_and_store(
    session: Session, problems: _Problems, rows: list[_LeaveRow], source: Path
) -> LeaveImportResult:
    """Match rows with stored ranges, find overlaps, and write (the caller rolls back on problems)."""
    stored = list(session.scalars(select(models.TimeOff)))
    by_uuid = {row.uuid: row for row in stored}
    by_dates = {(row.leader_id, row.first_day, row.last_day): row for row in stored}
    seen_uuids: dict[uuid_module.UUID, int] = {}
    matched: dict[int, _LeaveRow] = {}  # stored id -> the file row that replaces it
    new_rows: list[_LeaveRow] = []
    for row in rows:
        if row.uuid is not None:
            if row.uuid in seen_uuids:
                problems.add(row.line, "uuid", f"also on line {seen_uuids[row.uuid]}")
                continue
            seen_uuids[row.uuid] = row.line
        target = by_uuid.get(row.uuid) if row.uuid is not None else None
        if target is None and row.uuid is None:
            target = by_dates.get((row.leader_id, row.first_day, row.last_day))
        if target is not None and target.leader_id != row.leader_id:
            problems.add(
                row.line, "leader", "this uuid is another leader's leave; leave the uuid empty"
            )
            continue
        if target is not None and target.id in matched:
            problems.add(row.line, "from", f"the same leave as line {matched[target.id].line}")
            continue
        if target is None:
            new_rows.append(row)
        else:
            matched[target.id] = row
    _check_overlaps(problems, stored, matched, new_rows)
    if problems.found:
        return LeaveImportResult(source, 0, 0, 0)
    updated = unchanged = 0
    for target in stored:
        row = matched.get(target.id)
        if row is None:
            continue
        values = (
            row.first_day,
            row.last_day,
            row.kind or target.kind,
            target.note if row.note is None else row.note,
        )
        if (target.first_day, target.last_day, target.kind, target.note) == values:
            unchanged += 1
            continue
        target.first_day, target.last_day, target.kind, target.note = values
        updated += 1
    for row in new_rows:
        session.add(
            models.TimeOff(
                uuid=row.uuid or uuid_module.uuid4(),
                leader_id=row.leader_id,
                first_day=row.first_day,
                last_day=row.last_day,
                kind=row.kind or "vacation",
                note=row.note or "",
            )
        )
    session.flush()
    return LeaveImportResult(source, len(new_rows), updated, unchanged)


def _check_overlaps(
    problems: _Problems,
    stored: list[models.TimeOff],
    matched: dict[int, _LeaveRow],
    new_rows: list[_LeaveRow],
) -> None:
    """The ranges after the import, per leader, must not overlap (as time_off.add refuses)."""
    # (first, last, line or 0 for a stored range left as it is, its description)
    spans: dict[int, list[tuple[dt.date, dt.date, int, str]]] = {}
    for row in stored:
        if row.id not in matched:
            spans.setdefault(row.leader_id, []).append(
                (
                    row.first_day,
                    row.last_day,
                    0,
                    f"{time_off_record(row).describe().lower()} (#{row.id}) already recorded",
                )
            )
    for row in [*matched.values(), *new_rows]:
        spans.setdefault(row.leader_id, []).append(
            (row.first_day, row.last_day, row.line, f"line {row.line}")
        )
    for ranges in spans.values():
        ranges.sort()
        reach: tuple[dt.date, dt.date, int, str] | None = None
        for span in ranges:
            if reach is not None and span[0] <= reach[1]:
                line, other = (span[2], reach[3]) if span[2] else (reach[2], span[3])
                problems.add(line, "from", f"overlaps {other}; merge the two or change the dates")
            if reach is None or span[1] > reach[1]:
                reach = span
