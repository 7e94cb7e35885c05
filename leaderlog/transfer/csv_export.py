"""CSV exports of raw entries and weekly summaries: streamed, spreadsheet-safe, written atomically.

The layout of both files is documented in docs/csv-format.md. Rows stream from
SQLAlchemy Core in chunks (on SQLite as finished CSV cells joined into lines,
elsewhere through ``csv.writer``), so memory does not grow with the number of
rows, and the file appears only once it is complete. A big entries export of an
SQLite journal is written by several worker processes at once
(``leaderlog.data.parallel_export``), with the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal

from leaderlog.core import dates
from leaderlog.core.atomic import atomic_write
from leaderlog.core.errors import DatabaseError, LeaderLogError, ValidationError
from leaderlog.data import parallel_export, queries
from leaderlog.data.engine import Database
from leaderlog.data.export_worker import csv_lines
from leaderlog.data.queries import FORMULA_TRIGGERS
from leaderlog.journal import people
from leaderlog.reports import reporting
from leaderlog.reports.formulas import WeekFigures

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

ExportKind = Literal["entries", "weekly"]
ProgressCallback = Callable[[int, int], None]
"""Called as progress(rows_written, rows_total) while exporting; raise from it to cancel."""

ENTRY_COLUMNS: tuple[str, ...] = (
    "type",
    "uuid",
    "date",
    "leader",
    "member",
    "standard",
    "minutes",
    "kind",
    "note",
    "observation",
    "action",
    "description",
    "follow_up_on",
    "follow_up_done_on",
)
ENTRY_TEXT_COLUMNS = frozenset(
    {"leader", "member", "standard", "note", "observation", "action", "description"}
)
WEEKLY_COLUMNS: tuple[str, ...] = (
    "leader",
    "team",
    "week_start",
    "week_end",
    "workdays_scheduled",
    "days_off",
    "days_logged",
    "customer_minutes",
    "customer_target_minutes",
    "days_meeting_customer_target",
    "coaching_count",
    "coaching_target",
    "reinforcements_positive",
    "reinforcements_corrective",
    "reinforcement_target",
    "followups_due",
    "followups_closed_on_time",
    "consistency_score",
    "customer_score",
    "coaching_score",
    "reinforcement_score",
    "current_streak",
    "longest_streak",
)
CHUNK_ROWS = 2_000
PARALLEL_FROM_ROWS = 30_000
"""Entries from which an SQLite export is split between worker processes (below, starting them costs more)."""
PARALLEL_FROM_ROWS_VARIABLE = "LEADERLOG_PARALLEL_EXPORT_FROM_ROWS"
"""Overrides PARALLEL_FROM_ROWS for a process: packaging/smoke-test checks the bundle's workers on 10,000 entries."""
SEGMENTS_PER_WORKER = 8
"""More segments than workers, so a worker slowed by other programs does not hold up the end."""
MIN_SEGMENT_ROWS = 5_000


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    path: Path
    what: ExportKind
    rows: int
    """data rows, the header not counted"""


class ExportError(LeaderLogError):
    """The export file could not be written; the previous file (if any) is untouched."""


def neutralise(text: str) -> str:
    """Prefix ' to text a spreadsheet would run as a formula (the same rule as the SQL in queries)."""
    if text.lstrip("'")[:1] in FORMULA_TRIGGERS:
        return "'" + text
    return text


def restore(text: str) -> str:
    """Undo neutralise(): drop the ' an export added in front of a formula trigger."""
    if text[:1] == "'" and text.lstrip("'")[:1] in FORMULA_TRIGGERS:
        return text[1:]
    return text


def _writer(handle: object) -> csv.Writer:  # type: ignore[name-defined]
    # RFC 4180: comma, double quotes doubled, CRLF records; newlines inside cells kept as-is
    # (queries.csv_field writes the same cells in SQL for SQLite's exports)
    return csv.writer(handle, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)  # type: ignore[arg-type]


class _Lines(list[str]):
    """A write() target collecting csv.writer's lines, so a chunk reaches the file in one write."""

    write = list.append


def _cannot_write(target: Path, reason: str) -> ExportError:
    return ExportError(f"Cannot write {target}: {reason}. Choose another file or folder.")


def _write_atomically(
    path: str | os.PathLike[str],
    bom: bool,
    fill: Callable[[IO[str]], int],
) -> int:
    target = Path(path)
    try:
        with atomic_write(
            target, "w", encoding="utf-8-sig" if bom else "utf-8", newline=""
        ) as handle:
            return fill(handle)
    except OSError as exc:
        raise _cannot_write(target, str(exc.strerror or exc)) from exc


def export_entries(
    db: Database,
    path: str | os.PathLike[str],
    *,
    leader_ids: Collection[int] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    bom: bool = False,
    progress: ProgressCallback | None = None,
    workers: int | None = None,
    parallel_from_rows: int | None = None,
) -> ExportResult:
    """Write every day log, coaching note and reinforcement of the chosen leaders (or all) in start..end.

    An SQLite export of at least parallel_from_rows entries is written by worker
    processes (workers; default one per CPU, at most 4; 1 writes it here alone).
    """
    if parallel_from_rows is None:
        parallel_from_rows = int(os.environ.get(PARALLEL_FROM_ROWS_VARIABLE) or PARALLEL_FROM_ROWS)
    dates.check_range(start, end)  # any range: it only filters, no date is computed from it
    ids = list(leader_ids) if leader_ids is not None else None
    count = parallel_export.worker_count() if workers is None else workers
    if db.path is not None and count > 1:
        try:
            rows = _export_entries_in_parallel(
                db, db.path, Path(path), ids, start, end, bom, progress, count, parallel_from_rows
            )
        except (parallel_export.WorkersUnavailable, _DatabaseChanged):
            rows = None  # written here instead, from one snapshot
        if rows is not None:
            return ExportResult(Path(path), "entries", rows)

    def fill(handle: IO[str]) -> int:
        # one text-file write per chunk instead of one per row (a third of the export's time)
        lines = _Lines()
        writer = _writer(lines)
        writer.writerow(ENTRY_COLUMNS)
        handle.write(lines.pop())
        done = 0
        with db.read() as session:
            total = queries.entry_count(session, ids, start, end) if progress else 0
            if progress:
                progress(0, total)
            # Core statements, not the ORM: plain rows, no ORM loading per row; on SQLite
            # the columns are the CSV cells already (csv.writer cost a third of the time)
            as_text = db.is_sqlite
            for statement in queries.entry_export_statements(
                session, ids, start, end, csv_text=as_text
            ):
                for chunk in queries.stream_rows(session, statement, CHUNK_ROWS):
                    if as_text:
                        handle.write(csv_lines(chunk))
                    else:
                        writer.writerows(chunk)
                        handle.write("".join(lines))
                        lines.clear()
                    done += len(chunk)
                    if progress:
                        progress(done, total)
        return done

    rows = _write_atomically(path, bom, fill)
    return ExportResult(Path(path), "entries", rows)


class _DatabaseChanged(Exception):
    """Another connection committed while the workers read: their segments may mix two states."""


def _segments(
    session: Session,
    ids: list[int] | None,
    start: dt.date | None,
    end: dt.date | None,
    spans: list[tuple[int, int, int]],
    workers: int,
) -> list[parallel_export.Segment]:
    """The export cut into id ranges of about equal numbers of entries, in file order."""
    total = sum(entries for entries, _first, _last in spans)
    per_segment = max(MIN_SEGMENT_ROWS, -(-total // (workers * SEGMENTS_PER_WORKER)))
    segments = []
    for sql, (entries, first, last) in zip(
        queries.entry_export_range_sql(session, ids, start, end), spans, strict=True
    ):
        if not entries:
            continue
        # ids of the chosen entries are spread about evenly over first..last: entries are
        # saved day by day for every leader, so neither a leader nor a period clusters them
        pieces = max(1, round(entries / per_segment))
        width = last - first + 1
        for piece in range(pieces):
            segments.append(
                parallel_export.Segment(
                    sql, first + width * piece // pieces, first + width * (piece + 1) // pieces - 1
                )
            )
    return segments


def _export_entries_in_parallel(
    db: Database,
    database: Path,
    target: Path,
    ids: list[int] | None,
    start: dt.date | None,
    end: dt.date | None,
    bom: bool,
    progress: ProgressCallback | None,
    workers: int,
    from_rows: int,
) -> int | None:
    """The rows written by worker processes, or None when the export is too small to split."""
    with parallel_export.unchanged_while(database) as unchanged:
        with db.read() as session:
            spans = queries.entry_id_spans(session, ids, start, end)
        total = sum(entries for entries, _first, _last in spans)
        if total < from_rows:
            return None

        def plan() -> list[parallel_export.Segment]:
            with db.read() as session:  # no query: the SQL is only compiled
                return _segments(session, ids, start, end, spans, workers)

        lines = _Lines()
        _writer(lines).writerow(ENTRY_COLUMNS)
        header = ("\ufeff" if bom else "") + lines[0]
        done = 0

        def written(rows: int) -> None:
            nonlocal done
            done += rows
            if progress:
                progress(done, total)

        try:
            with atomic_write(target, "wb") as handle:
                handle.write(header.encode("utf-8"))
                rows = parallel_export.write_segments(
                    database, plan, handle, written, workers=workers, beside=target.parent
                )
                if not unchanged():
                    raise _DatabaseChanged
                return rows
        except parallel_export.SegmentError as exc:
            if exc.kind == "db":
                raise DatabaseError(f"The database {db.display_name}: {exc}") from exc
            raise _cannot_write(target, str(exc)) from exc
        except OSError as exc:
            raise _cannot_write(target, str(exc.strerror or exc)) from exc


def weekly_rows(weeks: Iterable[tuple[str, str, WeekFigures]]) -> Iterator[tuple[object, ...]]:
    """CSV rows (WEEKLY_COLUMNS order) for (leader name, team, week) triples.

    The team is the week's own (the team in force that week) when the week knows it, the
    one given otherwise: a team change never rewrites the rows before it.
    """
    for name, team, week in weeks:
        yield (
            neutralise(name),
            neutralise(team if week.team is None else week.team),
            week.week_start.isoformat(),
            week.week_end.isoformat(),
            week.workdays_scheduled,
            week.days_off,
            week.days_logged,
            week.customer_minutes,
            week.customer_target_minutes,
            week.days_meeting_customer_target,
            week.coaching_count,
            week.coaching_target,
            week.reinforcements_positive,
            week.reinforcements_corrective,
            week.reinforcement_target,
            week.followups_due,
            week.followups_closed_on_time,
            f"{week.consistency_score:.1f}",
            f"{week.customer_score:.1f}",
            f"{week.coaching_score:.1f}",
            f"{week.reinforcement_score:.1f}",
            week.current_streak,
            week.longest_streak,
        )


def export_weekly(
    db: Database,
    path: str | os.PathLike[str],
    *,
    leader_ids: Collection[int] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    week_start: str | None = None,
    today: dt.date | None = None,
    bom: bool = False,
    progress: ProgressCallback | None = None,
) -> ExportResult:
    """Write one row per leader and week (all metrics) for the chosen leaders (or all, archived too).

    start defaults to the week of the earliest entry, end to today; progress counts leaders.
    """
    dates.check_range(start, end)
    today = today or dt.date.today()
    ids = list(leader_ids) if leader_ids is not None else None
    leaders = people.list_leaders(db, include_archived=True)
    if ids is not None:
        leaders = [leader for leader in leaders if leader.id in set(ids)]
    leaders.sort(key=lambda leader: leader.name.casefold())
    end = end or today
    if start is None:
        with db.read() as session:
            start = min(queries.first_entry_day(session, ids) or end, end)
    # weeks are computed from the range: cut a wide one (--to 9999-12-31) to the date
    # policy's window so no week end or Sunday week start overflows
    start, end = dates.clamp_range(start, end, today=today)

    def fill(handle: IO[str]) -> int:
        writer = _writer(handle)
        writer.writerow(WEEKLY_COLUMNS)
        rows = 0
        if progress:
            progress(0, len(leaders))
        for done, (leader, weeks) in enumerate(
            reporting.iter_weekly_figures(
                db, leaders, start, end, week_start=week_start, today=today
            ),
            start=1,
        ):
            writer.writerows(weekly_rows((leader.name, leader.team, week) for week in weeks))
            rows += len(weeks)
            if progress:
                progress(done, len(leaders))
        return rows

    rows = _write_atomically(path, bom, fill)
    return ExportResult(Path(path), "weekly", rows)


def export_csv(
    db: Database, what: ExportKind, path: str | os.PathLike[str], **options: object
) -> ExportResult:
    """export_entries or export_weekly by name (what the CLI and the UI's export dialog call)."""
    if what == "entries":
        return export_entries(db, path, **options)  # type: ignore[arg-type]
    if what == "weekly":
        return export_weekly(db, path, **options)  # type: ignore[arg-type]
    raise ValidationError("what", f"'{what}' is not an export; use entries or weekly")
