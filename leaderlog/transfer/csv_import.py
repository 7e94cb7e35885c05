"""CSV import of journal entries: validate every row, report every problem by line and column, import all or nothing.

Two layouts are accepted (docs/csv-format.md): LeaderLog's own entries export,
and a simple hand-made sheet with the columns date, leader, minutes, note.
Entries are matched by UUID, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import heapq
import os
import re
import uuid as uuid_module
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from leaderlog.core.dates import check_planned_date
from leaderlog.core.errors import LeaderLogError, ValidationError
from leaderlog.core.text import column_letter
from leaderlog.core.validation import (
    MAX_STANDARD_LENGTH,
    as_date,
    as_kind,
    as_minutes,
    as_name,
    as_optional_date,
    as_text,
    name_key,
    not_in_future,
)
from leaderlog.data import models
from leaderlog.data.engine import Database
from leaderlog.data.models import utc_now
from leaderlog.transfer.csv_export import ENTRY_COLUMNS, ENTRY_TEXT_COLUMNS, restore
from leaderlog.transfer.import_names import ImportNames, Missing

ImportFormat = Literal["entries", "simple"]
SIMPLE_COLUMNS: tuple[str, ...] = ("date", "leader", "minutes", "note")
SIMPLE_REQUIRED = ("date", "leader", "minutes")
MAX_PROBLEMS = 50
"""Problems listed at most (the first ones in file order); the rest are counted, not listed."""
_LOOKUP_CHUNK = 500
_INSERT_CHUNK = 5000
_UNDECODABLE = re.compile("[\udc80-\udcff]")
_FIELDS_BY_TYPE: dict[str, frozenset[str]] = {
    "day": frozenset({"minutes", "note"}),
    "coaching": frozenset(
        {"member", "standard", "observation", "action", "follow_up_on", "follow_up_done_on"}
    ),
    "reinforcement": frozenset({"member", "standard", "kind", "description"}),
}
_COMMON = frozenset({"type", "uuid", "date", "leader"})


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with one cell (or row) of the file."""

    line: int
    column: str
    """the spreadsheet column letter and its header name, e.g. "C (date)"; "-" for the whole row"""
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


class ImportFailedError(LeaderLogError):
    """The file had problems; nothing was imported.

    .problems lists the first MAX_PROBLEMS in file order (line, then column); .omitted
    counts the rest and .total all of them.
    """

    def __init__(self, path: Path, problems: Sequence[ImportProblem], omitted: int = 0) -> None:
        self.path = path
        self.problems = tuple(problems)
        self.omitted = omitted
        self.total = len(self.problems) + omitted
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"{path}: nothing was imported; {self.summary()}:\n{lines}")

    @property
    def truncated(self) -> bool:
        """True when more problems were found than are listed."""
        return self.omitted > 0

    def summary(self) -> str:
        """'3 problem(s)', or '120 problems, the first 50 listed and 70 more not shown'."""
        if not self.omitted:
            return f"{self.total} problem(s)"
        return (
            f"{self.total} problems, the first {len(self.problems)} listed "
            f"and {self.omitted} more not shown"
        )


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    path: Path
    format: ImportFormat
    rows: int
    added: dict[str, int]
    """new entries by type: day, coaching, reinforcement"""
    unchanged: int
    """rows already in the journal (same UUID, or the same day log), skipped"""
    created_leaders: tuple[str, ...] = ()
    created_members: tuple[str, ...] = ()
    created_standards: tuple[str, ...] = ()

    def describe(self) -> str:
        added = ", ".join(f"{count} {kind}" for kind, count in self.added.items() if count)
        parts = [f"Imported {added or 'nothing new'} from {self.path.name}"]
        if self.unchanged:
            parts.append(f"{self.unchanged} already present")
        for what, names in (
            ("leader", self.created_leaders),
            ("team member", self.created_members),
            ("standard", self.created_standards),
        ):
            if names:
                parts.append(f"created {len(names)} {what}(s): {', '.join(names)}")
        return "; ".join(parts)


# ---------------------------------------------------------------- reading


@dataclass(slots=True)
class _Row:
    """One record, parsed; a cell that had a problem is None and the row is not valid."""

    line: int
    entry_type: str | None
    uuid: uuid_module.UUID | None
    day: dt.date | None
    leader: str | None
    values: dict[str, object] = field(default_factory=dict)
    member: str | None = None
    standard: str | None = None
    valid: bool = True


class _Problems:
    """Problems found so far (the first MAX_PROBLEMS by line and column kept), and where each column is."""

    def __init__(self, header: Sequence[str]) -> None:
        self.header = list(header)
        self.index = {name: i for i, name in enumerate(self.header)}
        # a max-heap by (line, column, order found), negated: the last one kept is dropped
        # first when an earlier one arrives (name checks come after every row is read)
        self._kept: list[tuple[int, int, int, ImportProblem]] = []
        self.count = 0

    def column(self, name: str) -> str:
        position = self.index.get(name)
        return "-" if position is None else f"{column_letter(position)} ({name})"

    def add_at(self, line: int, column: str, message: str, position: int = -1) -> None:
        self.count += 1
        item = (-line, -position, -self.count, ImportProblem(line, column, message))
        if len(self._kept) < MAX_PROBLEMS:
            heapq.heappush(self._kept, item)
        else:
            heapq.heappushpop(self._kept, item)

    def add(self, line: int, name: str, message: str) -> None:
        self.add_at(line, self.column(name), message, self.index.get(name, -1))

    def failed(self, path: Path) -> ImportFailedError:
        listed = [item[3] for item in sorted(self._kept, reverse=True)]
        return ImportFailedError(path, listed, self.count - len(listed))


def _records(handle: Iterator[str], path: Path) -> Iterator[tuple[int, list[str]]]:
    """(first line number, cells) of each CSV record; a record may span lines (quoted newlines)."""
    reader = csv.reader(handle, strict=True)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ValidationError(
            "file", f"{path}, line {start}: not a valid CSV record ({exc}); nothing was imported"
        ) from None


def _detect(header: list[str]) -> ImportFormat | None:
    if set(ENTRY_COLUMNS) <= set(header):
        return "entries"
    if set(SIMPLE_REQUIRED) <= set(header) <= set(SIMPLE_COLUMNS):
        return "simple"
    return None


def _check_shape(problems: _Problems, line: int, cells: list[str]) -> bool:
    """Right number of cells, all of them valid UTF-8."""
    width = len(problems.header)
    if len(cells) < width:
        problems.add(
            line, problems.header[len(cells)],
            f"missing: the row has {len(cells)} columns, the header {width}",
        )  # fmt: skip
        return False
    if len(cells) > width:
        problems.add_at(
            line, column_letter(width),
            f"unexpected extra value: the row has {len(cells)} columns, the header {width}", width,
        )  # fmt: skip
        return False
    good = True
    for position, text in enumerate(cells):
        if _UNDECODABLE.search(text):
            problems.add(line, problems.header[position], "is not valid UTF-8 text")
            good = False
    return good


def _parse_row(
    problems: _Problems, line: int, cells: list[str], fmt: ImportFormat, today: dt.date
) -> _Row | None:
    """Check one record on its own; every problem is recorded.

    None only when the record's shape is wrong (its cells cannot be matched with the
    columns); otherwise the row, with valid=False if a cell had a problem, so its
    leader, team member and standard are still looked up with everyone else's.
    """
    before = problems.count
    if not _check_shape(problems, line, cells):
        return None

    def get(name: str) -> str:
        position = problems.index.get(name)
        if position is None:
            return ""
        return restore(cells[position]) if name in ENTRY_TEXT_COLUMNS else cells[position]

    def check(name: str, parse: Callable[[], object]) -> object:
        try:
            return parse()
        except ValidationError as exc:
            problems.add(line, name, exc.plain_message)
            return None

    entry_type: str | None = "day" if fmt == "simple" else get("type").strip().lower()
    if entry_type not in _FIELDS_BY_TYPE:
        problems.add(
            line, "type", f"unknown type '{get('type')}'; use day, coaching or reinforcement"
        )
        entry_type = None
    entry_uuid = None
    if get("uuid").strip():
        try:
            entry_uuid = uuid_module.UUID(get("uuid").strip())
        except ValueError:
            problems.add(line, "uuid", f"'{get('uuid')}' is not a UUID")
    day = check("date", lambda: not_in_future(as_date(get("date")), today))
    leader = check("leader", lambda: as_name(get("leader"), "leader"))
    row = _Row(line, entry_type, entry_uuid, day, leader)  # type: ignore[arg-type]
    if entry_type is None:
        row.valid = False
        return row
    if fmt == "entries":
        for name in sorted(set(ENTRY_COLUMNS) - _COMMON - _FIELDS_BY_TYPE[entry_type]):
            if get(name).strip():
                problems.add(line, name, f"must be empty in a {entry_type} row")
    if entry_type == "day":
        row.values["minutes"] = check("minutes", lambda: as_minutes(get("minutes")))
        row.values["note"] = check("note", lambda: as_text(get("note"), "note"))
    elif entry_type == "coaching":
        _parse_coaching(problems, line, row, get, check, today)
    else:
        row.values["kind"] = check("kind", lambda: as_kind(get("kind")))
        if get("member").strip():
            row.member = check("member", lambda: as_name(get("member"), "member"))  # type: ignore[assignment]
        row.values["description"] = check(
            "description", lambda: as_text(get("description"), "description")
        )
    if entry_type != "day" and get("standard").strip():
        row.standard = check(  # type: ignore[assignment]
            "standard", lambda: as_name(get("standard"), "standard", MAX_STANDARD_LENGTH)
        )
    row.valid = problems.count == before
    return row


def _parse_coaching(
    problems: _Problems,
    line: int,
    row: _Row,
    get: Callable[[str], str],
    check: Callable[[str, Callable[[], object]], object],
    today: dt.date,
) -> None:
    row.member = check("member", lambda: as_name(get("member"), "member"))  # type: ignore[assignment]
    row.values["observation"] = check(
        "observation", lambda: as_text(get("observation"), "observation", required=True)
    )
    row.values["action"] = check("action", lambda: as_text(get("action"), "action"))

    def planned(name: str, label: str) -> dt.date | None:
        day = as_optional_date(get(name), label)
        return None if day is None else check_planned_date(day, today, label)

    follow = check("follow_up_on", lambda: planned("follow_up_on", "follow-up"))
    done = check("follow_up_done_on", lambda: planned("follow_up_done_on", "follow-up done"))
    for name, value in (("follow_up_on", follow), ("follow_up_done_on", done)):
        if value is not None and row.day is not None and value < row.day:  # type: ignore[operator]
            problems.add(line, name, f"{value} is before the note's date {row.day}")
    if done is not None and done > today:  # type: ignore[operator]
        problems.add(line, "follow_up_done_on", f"{done} is in the future")
    row.values["follow_up_on"], row.values["follow_up_done_on"] = follow, done


def _read(path: Path, today: dt.date) -> tuple[ImportFormat, list[_Row], _Problems]:
    """Parse and check every record of the file on its own (no database yet)."""
    try:
        # undecodable bytes become lone surrogates, reported per cell by _check_shape
        handle = path.open(encoding="utf-8-sig", errors="surrogateescape", newline="")
    except OSError as exc:
        raise ValidationError("file", f"cannot open {path}: {exc.strerror or exc}") from exc
    rows: list[_Row] = []
    with handle:
        records = _records(handle, path)
        first = next(records, None)
        if first is None:
            raise ValidationError("file", f"{path} is empty; expected a header row")
        header = [cell.strip().lower() for cell in first[1]]
        fmt = _detect(header)
        if fmt is None:
            raise ValidationError(
                "file",
                f"{path}, line 1: the header is neither LeaderLog's entries format "
                f"({','.join(ENTRY_COLUMNS)}) nor the simple sheet (date,leader,minutes,note)",
            )
        problems = _Problems(header)
        for line, cells in records:
            if not any(cell.strip() for cell in cells):
                continue  # blank lines, e.g. at the end of a hand-made sheet
            row = _parse_row(problems, line, cells, fmt, today)
            if row is not None:
                rows.append(row)
    return fmt, rows, problems


def _check_duplicates(rows: list[_Row], problems: _Problems) -> None:
    """The same UUID twice, or two day logs for one leader and date, within the file."""
    uuids: dict[uuid_module.UUID, int] = {}
    days: dict[tuple[str, dt.date], int] = {}
    for row in rows:
        if row.uuid is not None:
            first = uuids.setdefault(row.uuid, row.line)
            if first != row.line:
                problems.add(row.line, "uuid", f"the same UUID as line {first}")
        if row.entry_type == "day" and row.leader is not None and row.day is not None:
            first = days.setdefault((name_key(row.leader), row.day), row.line)
            if first != row.line:
                problems.add(
                    row.line, "date",
                    f"a second day log for {row.leader} on {row.day} (the first is on line {first})",
                )  # fmt: skip


# ---------------------------------------------------------------- matching with the journal


_TABLES = {
    "day": models.DayLog,
    "coaching": models.CoachingNote,
    "reinforcement": models.ReinforcementAction,
}


def _chunks(items: list[object], size: int = _LOOKUP_CHUNK) -> Iterator[list[object]]:
    for begin in range(0, len(items), size):
        yield items[begin : begin + size]


def _existing_uuids(session: Session, rows: list[_Row]) -> set[uuid_module.UUID]:
    found: set[uuid_module.UUID] = set()
    for entry_type, model in _TABLES.items():
        wanted: list[object] = [r.uuid for r in rows if r.entry_type == entry_type and r.uuid]
        for chunk in _chunks(wanted):
            found.update(session.scalars(select(model.uuid).where(model.uuid.in_(chunk))))
    return found


def _existing_day_logs(
    session: Session, rows: list[_Row], leader_ids: dict[int, int]
) -> dict[tuple[int, dt.date], tuple[int, str]]:
    """(leader id, day) -> (minutes, note) of day logs already in the journal for the file's days."""
    days = sorted({row.day for row in rows if row.entry_type == "day"})
    ids = sorted({leader_ids[row.line] for row in rows if row.entry_type == "day"})
    if not days or not ids:
        return {}
    log = models.DayLog
    query = select(log.leader_id, log.day, log.minutes, log.note).where(
        log.leader_id.in_(ids), log.day >= days[0], log.day <= days[-1]
    )
    return {(lid, day): (minutes, note) for lid, day, minutes, note in session.execute(query)}


def _resolve(
    session: Session, rows: list[_Row], problems: _Problems, names: ImportNames
) -> tuple[list[_Row], int]:
    """Match names and UUIDs with the journal: the rows to insert, how many are already there.

    Every row whose leader (team member, standard) cell could be read is looked up,
    valid or not, so one pass reports unknown names beside the file's other problems.
    Each row to insert gets its database values (leader_id, member_id, ...) in row.values.
    """
    present = _existing_uuids(session, rows)
    fresh = [row for row in rows if row.uuid is None or row.uuid not in present]
    unchanged = len(rows) - len(fresh)
    leader_ids: dict[int, int] = {}
    for row in fresh:
        if row.leader is None:
            continue
        found = names.leader(row.leader)
        if isinstance(found, Missing):
            problems.add(row.line, "leader", found.message)
        else:
            leader_ids[row.line] = found
    # ids below 0 stand in for leaders the import would create: they have no day logs
    logged = [r for r in fresh if r.valid and leader_ids.get(r.line, 0) > 0]
    existing_logs = _existing_day_logs(session, logged, leader_ids)
    to_insert: list[_Row] = []
    for row in fresh:
        leader_id = leader_ids.get(row.line)
        if leader_id is None:
            continue
        values = row.values
        if row.entry_type == "day" and row.valid:
            there = existing_logs.get((leader_id, row.day))  # type: ignore[arg-type]
            if there == (values["minutes"], values["note"]):
                unchanged += 1
                continue
            if there is not None:
                problems.add(
                    row.line, "date",
                    f"{row.leader} already has a different day log for {row.day} "
                    f"({there[0]} min); change or delete one of them",
                )  # fmt: skip
                continue
        elif row.entry_type != "day":  # every row of an executemany needs the same keys
            values["member_id"] = values["standard_id"] = None
        values["leader_id"], values["day"] = leader_id, row.day
        found_ids = {
            "member": None
            if row.member is None
            else names.member(leader_id, row.leader, row.member),  # type: ignore[arg-type]
            "standard": None if row.standard is None else names.standard(row.standard),
        }
        for cell, found in found_ids.items():
            if isinstance(found, Missing):
                problems.add(row.line, cell, found.message)
            elif found is not None:
                values[f"{cell}_id"] = found
        if row.valid:
            to_insert.append(row)
    return to_insert, unchanged


def _insert(session: Session, to_insert: list[_Row]) -> dict[str, int]:
    """Bulk Core inserts by type, in file order; every row gets a UUID and fresh stamps."""
    added = dict.fromkeys(_TABLES, 0)
    now = utc_now()
    stamps = {"created_at": now, "updated_at": now, "version": 1}
    for entry_type, model in _TABLES.items():
        rows = [row for row in to_insert if row.entry_type == entry_type]
        for begin in range(0, len(rows), _INSERT_CHUNK):
            # parameter dicts are built one chunk at a time, not for the whole file
            chunk = [
                {"uuid": row.uuid or uuid_module.uuid4(), **stamps, **row.values}
                for row in rows[begin : begin + _INSERT_CHUNK]
            ]
            session.execute(insert(model.__table__), chunk)
        added[entry_type] = len(rows)
    return added


def import_csv(
    db: Database,
    path: str | os.PathLike[str],
    *,
    create_missing: bool = False,
    today: dt.date | None = None,
) -> ImportResult:
    """Import an entries export or a simple sheet; on any problem raise ImportFailedError and import nothing.

    Rows whose UUID is already in the journal, and day logs identical to the one
    already there, are skipped, so importing a file twice changes nothing.
    Missing leaders, team members and standards are created only with create_missing
    (leaders get the default work pattern and targets).
    """
    source = Path(path)
    fmt, rows, problems = _read(source, today or dt.date.today())
    _check_duplicates(rows, problems)
    # one pass over the file before anything is written: names are looked up (and the
    # ones to create planned) for every row, so every kind of problem is reported at once
    with db.read() as session:
        checking = ImportNames(session, create_missing=create_missing, create=False)
        _resolve(session, rows, problems, checking)
    if problems.count:
        raise problems.failed(source)
    from leaderlog.safety.backups import backup_before

    backup_before(db, "import")  # a safety copy of the journal as it was (SQLite files)
    with db.write() as session:
        # the same matching again, now creating what is missing, in the write transaction
        names = ImportNames(session, create_missing=create_missing, create=True)
        changed = _Problems(problems.header)
        to_insert, unchanged = _resolve(session, rows, changed, names)
        if changed.count:
            # the journal changed since the check; leaving the block rolls back what was created
            raise changed.failed(source)
        added = _insert(session, to_insert)
    return ImportResult(
        source,
        fmt,
        len(rows),
        added,
        unchanged,
        tuple(names.created["leader"]),
        tuple(names.created["member"]),
        tuple(names.created["standard"]),
    )
