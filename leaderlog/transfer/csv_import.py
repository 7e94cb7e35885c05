"""CSV import of journal entries: validate every row, report every problem by line and column, import all or nothing.

Two layouts are accepted (docs/csv-format.md): LeaderLog's own entries export,
and a simple hand-made sheet with the columns date, leader, minutes, note.
Entries are matched by UUID, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import uuid as uuid_module
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from leaderlog.core.errors import LeaderLogError, ValidationError
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

ImportFormat = Literal["entries", "simple"]
SIMPLE_COLUMNS: tuple[str, ...] = ("date", "leader", "minutes", "note")
SIMPLE_REQUIRED = ("date", "leader", "minutes")
MAX_PROBLEMS = 1000
"""Stop collecting after this many problems: a wrong file would otherwise print millions."""
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
    """The file had problems; nothing was imported. .problems lists them all, in file order."""

    def __init__(self, path: Path, problems: Sequence[ImportProblem], truncated: bool) -> None:
        self.path = path
        self.problems = tuple(problems)
        self.truncated = truncated
        more = f" (stopped after the first {len(problems)})" if truncated else ""
        lines = "\n".join(str(p) for p in problems)
        super().__init__(
            f"{path}: nothing was imported; {len(problems)} problem(s){more}:\n{lines}"
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


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# ---------------------------------------------------------------- reading


@dataclass(slots=True)
class _Row:
    line: int
    entry_type: str
    uuid: uuid_module.UUID | None
    day: dt.date
    leader: str
    values: dict[str, object] = field(default_factory=dict)
    member: str | None = None
    standard: str | None = None


class _Problems:
    """Problems found so far, and where each column is."""

    def __init__(self, header: Sequence[str]) -> None:
        self.header = list(header)
        self.index = {name: i for i, name in enumerate(self.header)}
        self.found: list[ImportProblem] = []
        self.truncated = False

    def column(self, name: str) -> str:
        position = self.index.get(name)
        return "-" if position is None else f"{column_letter(position)} ({name})"

    def add_at(self, line: int, column: str, message: str) -> None:
        if len(self.found) >= MAX_PROBLEMS:
            self.truncated = True
        else:
            self.found.append(ImportProblem(line, column, message))

    def add(self, line: int, name: str, message: str) -> None:
        self.add_at(line, self.column(name), message)

    @property
    def count(self) -> int:
        return len(self.found) + self.truncated


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
            f"unexpected extra value: the row has {len(cells)} columns, the header {width}",
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
    """Check one record on its own; every problem is recorded, and None returned if there was any."""
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

    entry_type = "day" if fmt == "simple" else get("type").strip().lower()
    if entry_type not in _FIELDS_BY_TYPE:
        problems.add(
            line, "type", f"unknown type '{get('type')}'; use day, coaching or reinforcement"
        )
        return None
    entry_uuid = None
    if get("uuid").strip():
        try:
            entry_uuid = uuid_module.UUID(get("uuid").strip())
        except ValueError:
            problems.add(line, "uuid", f"'{get('uuid')}' is not a UUID")
    day = check("date", lambda: not_in_future(as_date(get("date")), today))
    leader = check("leader", lambda: as_name(get("leader"), "leader"))
    row = _Row(line, entry_type, entry_uuid, day, leader)  # type: ignore[arg-type]
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
    return row if problems.count == before else None


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
    follow = check("follow_up_on", lambda: as_optional_date(get("follow_up_on"), "follow-up"))
    done = check(
        "follow_up_done_on", lambda: as_optional_date(get("follow_up_done_on"), "follow-up done")
    )
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
        if row.entry_type == "day":
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


class _People:
    """Leaders, team members and standards by name key; creates missing ones when allowed."""

    def __init__(self, session: Session, create_missing: bool) -> None:
        self.session = session
        self.create_missing = create_missing
        self.leaders: dict[str, int] = {
            key: leader_id
            for key, leader_id in session.execute(select(models.Leader.name_key, models.Leader.id))
        }
        self.members = {
            (leader_id, key): member_id
            for leader_id, key, member_id in session.execute(
                select(
                    models.TeamMember.leader_id, models.TeamMember.name_key, models.TeamMember.id
                )
            )
        }
        self.standards: dict[str, int] = {
            key: standard_id
            for key, standard_id in session.execute(
                select(models.Standard.name_key, models.Standard.id)
            )
        }
        self.created: dict[str, list[str]] = {"leader": [], "member": [], "standard": []}

    def _add(self, row: object, kind: str, name: str) -> int:
        self.session.add(row)
        self.session.flush()
        self.created[kind].append(name)
        return row.id  # type: ignore[attr-defined]

    def leader(self, name: str) -> int | None:
        key = name_key(name)
        if key not in self.leaders and self.create_missing:
            self.leaders[key] = self._add(models.Leader(name=name, name_key=key), "leader", name)
        return self.leaders.get(key)

    def member(self, leader_id: int, name: str) -> int | None:
        key = (leader_id, name_key(name))
        if key not in self.members and self.create_missing:
            self.members[key] = self._add(
                models.TeamMember(leader_id=leader_id, name=name, name_key=key[1]), "member", name
            )
        return self.members.get(key)

    def standard(self, name: str) -> int | None:
        key = name_key(name)
        if key not in self.standards and self.create_missing:
            self.standards[key] = self._add(
                models.Standard(name=name, name_key=key, description=""), "standard", name
            )
        return self.standards.get(key)


_ASK_TO_CREATE = "; add it first, or import with --create-missing"


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
    session: Session, rows: list[_Row], problems: _Problems, create_missing: bool
) -> tuple[list[_Row], int, _People]:
    """Match names and UUIDs with the journal: the rows to insert, how many are already there.

    Each row to insert gets its database values (leader_id, member_id, ...) in row.values.
    """
    people = _People(session, create_missing)
    present = _existing_uuids(session, rows)
    fresh = [row for row in rows if row.uuid is None or row.uuid not in present]
    unchanged = len(rows) - len(fresh)
    leader_ids: dict[int, int] = {}
    for row in fresh:
        leader_id = people.leader(row.leader)
        if leader_id is None:
            problems.add(row.line, "leader", f"no leader named '{row.leader}'{_ASK_TO_CREATE}")
        else:
            leader_ids[row.line] = leader_id
    existing_logs = _existing_day_logs(
        session, [r for r in fresh if r.line in leader_ids], leader_ids
    )
    to_insert: list[_Row] = []
    for row in fresh:
        leader_id = leader_ids.get(row.line)
        if leader_id is None:
            continue
        values = row.values
        if row.entry_type == "day":
            there = existing_logs.get((leader_id, row.day))
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
        else:  # every row of an executemany needs the same keys
            values["member_id"] = values["standard_id"] = None
        values["leader_id"], values["day"] = leader_id, row.day
        if row.member is not None:
            values["member_id"] = people.member(leader_id, row.member)
            if values["member_id"] is None:
                problems.add(
                    row.line, "member",
                    f"{row.leader} has no team member named '{row.member}'{_ASK_TO_CREATE}",
                )  # fmt: skip
        if row.standard is not None:
            values["standard_id"] = people.standard(row.standard)
            if values["standard_id"] is None:
                problems.add(
                    row.line, "standard", f"no standard named '{row.standard}'{_ASK_TO_CREATE}"
                )
        to_insert.append(row)
    return to_insert, unchanged, people


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
    if problems.count:
        raise ImportFailedError(source, _sorted(problems), problems.truncated)
    from leaderlog.safety.backups import backup_before

    backup_before(db, "import")  # a safety copy of the journal as it was (SQLite files)
    with db.write() as session:
        to_insert, unchanged, people = _resolve(session, rows, problems, create_missing)
        if problems.count:
            # leaving the block with an exception rolls back any leader created so far
            raise ImportFailedError(source, _sorted(problems), problems.truncated)
        added = _insert(session, to_insert)
    return ImportResult(
        source,
        fmt,
        len(rows),
        added,
        unchanged,
        tuple(people.created["leader"]),
        tuple(people.created["member"]),
        tuple(people.created["standard"]),
    )


def _sorted(problems: _Problems) -> list[ImportProblem]:
    return sorted(problems.found, key=lambda p: p.line)
