"""Set-based reads for metrics and exports: SQLAlchemy Core select() with GROUP BY, dialect-neutral.

Nothing here loads rows as ORM objects: per leader and day aggregates (at most
one row per leader per calendar day) feed ``leaderlog.reports.metrics``, and the export
statements are streamed by ``leaderlog.transfer.csv_export``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Date,
    Integer,
    Select,
    String,
    case,
    cast,
    func,
    literal,
    literal_column,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from leaderlog.data.models import (
    CORRECTIVE_KINDS,
    CoachingNote,
    DayLog,
    Leader,
    ReinforcementAction,
    Standard,
    TeamMember,
)
from leaderlog.data.sqlite_file import PAGE_CACHE_KIB

ActivityRow = tuple[dt.date, int | None, int, int, int]
"""day, minutes (None: no day log), coaching notes, positive and corrective reinforcements"""

_ENTRY_TABLES = (DayLog, CoachingNote, ReinforcementAction)


def _scope(
    model: Any, leader_ids: Collection[int] | None, start: dt.date | None, end: dt.date | None
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if leader_ids is not None:
        conditions.append(model.leader_id.in_(list(leader_ids)))
    if start is not None:
        conditions.append(model.day >= start)
    if end is not None:
        conditions.append(model.day <= end)
    return conditions


def _zero() -> ColumnElement[int]:
    return literal(0, Integer)


def _is_corrective() -> ColumnElement[bool]:
    return ReinforcementAction.kind.in_(sorted(CORRECTIVE_KINDS))


def _day_key(column: Any) -> ColumnElement[Any]:
    # the stored ISO text on SQLite (dates come back as date objects elsewhere): parsing it
    # with date.fromisoformat is several times cheaper than the Date type's result processor
    return type_coerce(column, String)


def _plain_rows(connection: Connection, statement: Select[Any]) -> list[Any]:
    """All rows of a statement whose columns need no result processing, as cheaply as the driver allows.

    On SQLite that is the driver's own tuples (no Row object per row); elsewhere the
    Rows SQLAlchemy returns, which unpack the same way.
    """
    result = connection.execute(statement)
    if connection.dialect.name == "sqlite":
        try:
            return result.cursor.fetchall()
        finally:
            result.close()
    return result.all()


def daily_activity(
    session: Session, leader_id: int, start: dt.date | None = None, end: dt.date | None = None
) -> list[ActivityRow]:
    """One leader's entries per day (days with any entry), ordered by day.

    Three small queries that each follow a (leader_id, day) index, merged here: the
    database never sorts a union, and no entry row becomes a Python object. This
    runs once per leader for every report, so the rows are handled in bulk.
    """
    scope = ([leader_id], start, end)
    connection = session.connection()
    merged: dict[Any, list[Any]] = {
        day: [minutes, 0, 0, 0]
        for day, minutes in _plain_rows(
            connection,
            select(_day_key(DayLog.day), DayLog.minutes).where(*_scope(DayLog, *scope)),
        )
    }
    coaching = (
        select(_day_key(CoachingNote.day), func.count())
        .where(*_scope(CoachingNote, *scope))
        .group_by(CoachingNote.day)
    )
    for day, count in _plain_rows(connection, coaching):
        values = merged.get(day)
        if values is None:
            merged[day] = [None, count, 0, 0]
        else:
            values[1] = count
    reinforcement = (
        select(
            _day_key(ReinforcementAction.day),
            func.count(),
            func.sum(case((_is_corrective(), 1), else_=0)),
        )
        .where(*_scope(ReinforcementAction, *scope))
        .group_by(ReinforcementAction.day)
    )
    for day, count, corrective in _plain_rows(connection, reinforcement):
        values = merged.get(day)
        if values is None:
            merged[day] = [None, 0, count - corrective, corrective]
        else:
            values[2] = count - corrective
            values[3] = corrective
    # ISO text sorts like the dates it spells
    days = sorted(merged.items())
    if connection.dialect.name != "sqlite":
        return [(day, *values) for day, values in days]  # type: ignore[misc]
    parse = dt.date.fromisoformat  # a C call per day, no Python function in between
    return [
        (parse(day), minutes, coached, positive, corrective)
        for day, (minutes, coached, positive, corrective) in days
    ]


def reinforcement_counts(
    session: Session,
    leader_ids: Collection[int] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> tuple[int, int]:
    """(positive, corrective) reinforcements of the chosen leaders (or all) in start..end."""
    query = select(func.count(), func.sum(case((_is_corrective(), 1), else_=0))).where(
        *_scope(ReinforcementAction, leader_ids, start, end)
    )
    total, corrective = session.connection().execute(query).one()
    return int(total) - int(corrective or 0), int(corrective or 0)


def date_of(value: dt.date | str) -> dt.date:
    """A date as a query returns it: an aggregate inside a scalar subquery comes back as
    SQLite's ISO text, without the column's Date type (a date on PostgreSQL)."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def first_entry_day(session: Session, leader_ids: Collection[int] | None = None) -> dt.date | None:
    """The date of the earliest entry of any type of the chosen leaders (or all), or None."""
    firsts = [
        session.scalar(select(func.min(model.day)).where(*_scope(model, leader_ids, None, None)))
        for model in _ENTRY_TABLES
    ]
    found = [day for day in firsts if day is not None]
    return min(found) if found else None


def follow_up_counts(
    session: Session,
    leader_ids: Collection[int] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Iterator[tuple[int, dt.date, int, int]]:
    """Per leader and due date: follow-ups due, and how many were closed on or before that date."""
    due = CoachingNote.follow_up_on
    conditions = [due.is_not(None)]
    if leader_ids is not None:
        conditions.append(CoachingNote.leader_id.in_(list(leader_ids)))
    if start is not None:
        conditions.append(due >= start)
    if end is not None:
        conditions.append(due <= end)
    on_time = case((CoachingNote.follow_up_done_on <= due, 1), else_=0)
    query = (
        select(CoachingNote.leader_id, due, func.count(), func.sum(on_time))
        .where(*conditions)
        .group_by(CoachingNote.leader_id, due)
        .order_by(CoachingNote.leader_id, due)
    )
    for leader_id, day, count, closed in session.connection().execute(query).all():
        yield leader_id, day, int(count), int(closed or 0)


def standard_usage(
    session: Session,
    leader_ids: Collection[int] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> dict[int, tuple[int, int, dt.date]]:
    """Per standard id: coaching notes, reinforcements naming it in the scope, and the last date."""
    parts = [
        select(
            model.standard_id.label("standard_id"),
            (func.count() if model is CoachingNote else _zero()).label("coaching"),
            (func.count() if model is ReinforcementAction else _zero()).label("reinforcement"),
            func.max(model.day).label("last_day"),
        )
        .where(model.standard_id.is_not(None), *_scope(model, leader_ids, start, end))
        .group_by(model.standard_id)
        for model in (CoachingNote, ReinforcementAction)
    ]
    usage = union_all(*parts).subquery("usage")
    query = select(
        usage.c.standard_id,
        func.sum(usage.c.coaching),
        func.sum(usage.c.reinforcement),
        type_coerce(func.max(usage.c.last_day), Date),
    ).group_by(usage.c.standard_id)
    return {
        standard_id: (int(coached), int(reinforced), last)
        for standard_id, coached, reinforced, last in session.execute(query)
    }


# ---------------------------------------------------------------- export statements


def _uuid_text(session: Session, column: Any) -> ColumnElement[str]:
    """The UUID in canonical 8-4-4-4-12 text, computed by the database (no Python per row)."""
    dialect = session.get_bind().dialect
    if dialect.supports_native_uuid:
        # native uuid columns come back as uuid.UUID, whose str() is the canonical text
        return type_coerce(column, String)
    raw = type_coerce(column, String)  # stored as 32 hex digits
    parts = [
        func.substr(raw, begin, length)
        for begin, length in ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))
    ]
    text: ColumnElement[str] = parts[0]
    for part in parts[1:]:
        text = text + "-" + part  # type: ignore[assignment]
    return text


FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet run a cell as a formula (OWASP CSV injection)."""


def spreadsheet_safe(column: Any) -> ColumnElement[str]:
    """SQL that prefixes a ' to text a spreadsheet would run as a formula (see docs/csv-format.md).

    A cell is prefixed when, after any leading apostrophes, it starts with a formula
    trigger; counting the apostrophes makes the import's reversal exact.
    """
    text = type_coerce(column, String)
    first = func.substr(text, 1, 1)
    # the ltrim copy of the whole text is only made for the rare cell starting with '
    after_quotes = func.substr(func.ltrim(text, "'"), 1, 1)
    return case(
        (first.in_(FORMULA_TRIGGERS), literal("'", String) + text),
        ((first == "'") & after_quotes.in_(FORMULA_TRIGGERS), literal("'", String) + text),
        else_=text,
    )


def _dates(column: Any) -> ColumnElement[Any]:
    # raw ISO text on SQLite, date objects elsewhere; csv.writer's str() gives ISO for both
    return type_coerce(column, String)


CSV_SPECIALS = (",", '"', "\n", "\r")
"""Characters that make csv.writer (QUOTE_MINIMAL, CRLF records) quote a cell."""


def csv_field(column: Any) -> ColumnElement[str]:
    """SQLite SQL for the cell csv.writer writes for spreadsheet_safe(column), NULL as empty text.

    Quoted, its quotes doubled, when it holds a comma, a quote, CR or LF, exactly as
    csv.writer does; a row of these is written as ``",".join(row)``, with no
    Python object per cell beyond the text itself.
    """
    text = func.coalesce(type_coerce(column, String), "")
    first = func.substr(text, 1, 1)
    formula = first.in_(FORMULA_TRIGGERS) | (
        (first == "'") & func.substr(func.ltrim(text, "'"), 1, 1).in_(FORMULA_TRIGGERS)
    )
    quote = literal('"', String)
    needs_quotes = or_(*(func.instr(text, special) > 0 for special in CSV_SPECIALS))
    return case(
        (
            needs_quotes,
            case((formula, literal("\"'", String)), else_=quote)
            + func.replace(text, '"', '""')
            + quote,
        ),
        (formula, literal("'", String) + text),
        else_=text,
    )


def csv_line(cells: list[Any]) -> ColumnElement[str]:
    """SQLite SQL joining CSV cells with commas, as ``",".join`` would: one printf() call.

    One printf builds the line once, where a chain of ``||`` copies it at every piece
    (~0.5 µs a row of twelve cells); literal cells (the entry type, runs of empty cells)
    go into its format. NULL prints as empty text.
    """
    layout: list[str] = []
    values: list[Any] = []
    for index, cell in enumerate(cells):
        if index:
            layout.append(",")
        if isinstance(cell, BindParameter) and isinstance(cell.value, str):
            layout.append(cell.value.replace("%", "%%"))
        else:
            layout.append("%s")
            values.append(cell)
    return func.printf(literal("".join(layout), String), *values, type_=String)


def entry_export_statements(
    session: Session,
    leader_ids: Collection[int] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    id_range: tuple[Any, Any] | None = None,
    csv_text: bool = False,
) -> list[Select[Any]]:
    """The three entry exports (day logs, coaching notes, reinforcements) in the entries CSV layout.

    Columns: type, uuid, date, leader, member, standard, minutes, kind, note,
    observation, action, description, follow_up_on, follow_up_done_on. Each type
    comes in the order its entries were saved (by id): a plain scan of the table,
    with no sort and no Python per row, and an import keeps that order, so
    export -> import -> export gives the same bytes. id_range (first, last)
    keeps only the entries with ids in it: a segment of a parallel export.

    csv_text (SQLite only): each row is one column, its whole CSV line without the line
    end: the cells (csv_field) joined by commas in SQL (csv_line), so a row costs Python
    one string instead of a tuple of them and a join.
    """
    blank = literal("", String)
    no_number = blank if csv_text else literal(None, Integer)
    safe = csv_field if csv_text else spreadsheet_safe
    dates = (lambda column: func.coalesce(_dates(column), "")) if csv_text else _dates
    minutes = cast(DayLog.minutes, String) if csv_text else DayLog.minutes
    # each name's cell computed once per statement, not once per entry (~0.6 µs a row);
    # only for a whole export: with filters SQLite would then scan the whole table
    # instead of searching the (leader_id, day) index
    cells_once = csv_text and leader_ids is None and start is None and end is None
    if cells_once:
        leader, member, standard = (
            select(model.id.label("id"), csv_field(model.name).label("name"))
            .cte(f"{label}_cell")
            .prefix_with("MATERIALIZED")
            for model, label in ((Leader, "leader"), (TeamMember, "member"), (Standard, "standard"))
        )
    else:
        leader = Leader.__table__
        member = TeamMember.__table__.alias("member")
        standard = Standard.__table__.alias("standard")

    def names(source: Any) -> ColumnElement[str]:
        """The leader's, member's or standard's name cell; "" when there is none."""
        name = func.coalesce(source.c.name, "")
        return name if cells_once else safe(name)

    def entries(model: Any, entry_type: str, *columns: Any) -> Select[Any]:
        cells = [
            literal(entry_type, String),
            _uuid_text(session, model.uuid),
            _dates(model.day),
            names(leader),
            *columns,
        ]
        return (
            select(*([csv_line(cells)] if csv_text else cells))
            # LEFT joins (equal to inner ones here: the keys are NOT NULL) keep the entry
            # table the outer loop, so SQLite scans it in id order instead of looping over
            # leaders and sorting every row for ORDER BY id
            .outerjoin(leader, leader.c.id == model.leader_id)
            .where(*_scope(model, leader_ids, start, end))
            .where(*([model.id.between(*id_range)] if id_range else []))
            .order_by(model.id)
        )

    days = entries(
        DayLog, "day", blank, blank, minutes, blank, safe(DayLog.note), blank, blank, blank,
        blank, blank,
    )  # fmt: skip
    coaching = (
        entries(
            CoachingNote,
            "coaching",
            names(member),
            names(standard),
            no_number,
            blank,
            blank,
            safe(CoachingNote.observation),
            safe(CoachingNote.action),
            blank,
            dates(CoachingNote.follow_up_on),
            dates(CoachingNote.follow_up_done_on),
        )
        .outerjoin(member, member.c.id == CoachingNote.member_id)
        .outerjoin(standard, standard.c.id == CoachingNote.standard_id)
    )
    reinforcement = (
        entries(
            ReinforcementAction,
            "reinforcement",
            names(member),
            names(standard),
            no_number,
            ReinforcementAction.kind,
            blank,
            blank,
            blank,
            safe(ReinforcementAction.description),
            blank,
            blank,
        )
        .outerjoin(member, member.c.id == ReinforcementAction.member_id)
        .outerjoin(standard, standard.c.id == ReinforcementAction.standard_id)
    )
    return [days, coaching, reinforcement]


def stream_rows(session: Session, statement: Select[Any], chunk_rows: int) -> Iterator[list[Any]]:
    """The statement's rows in lists of at most chunk_rows, as plain tuples where the driver allows.

    On SQLite the driver's cursor is read directly: its rows are tuples of exactly
    the values SQLAlchemy would return for these text and integer columns (no result
    processing), and skipping the Row objects is what lets csv.writer take each chunk
    in C. Other databases stream through a server-side cursor (yield_per).
    """
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        # no yield_per: the sqlite3 cursor is lazy by itself, and SQLAlchemy must not buffer ahead
        result = connection.execute(statement)
        cursor = result.cursor
        try:
            while rows := cursor.fetchmany(chunk_rows):
                yield rows
        finally:
            result.close()
        return
    yield from connection.execution_options(yield_per=chunk_rows).execute(statement).partitions()


def entry_export_range_sql(
    session: Session,
    leader_ids: Collection[int] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[str]:
    """The three csv_text export statements as SQLite text for plain sqlite3, one id range each.

    Every value is written into the text except the range's first and last id: its
    two ``?`` parameters, so one text serves every segment of a table.
    """
    dialect = session.get_bind().dialect
    placeholders = (literal_column("?"), literal_column("?"))
    return [
        str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
        for statement in entry_export_statements(
            session, leader_ids, start, end, id_range=placeholders, csv_text=True
        )
    ]


def entry_id_spans(
    session: Session,
    leader_ids: Collection[int] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[tuple[int, int, int]]:
    """(entries, first id, last id) of what each of the three export statements will write.

    Without filters the three are separate lookups SQLite answers from its b-trees
    without a scan; with filters one scan of an index reads them together.
    """
    with _small_page_cache(session):
        return [_id_span(session, model, leader_ids, start, end) for model in _ENTRY_TABLES]


@contextmanager
def _small_page_cache(session: Session) -> Iterator[None]:
    """SQLite's default 2 MiB page cache while counting every entry of a table (a walk over
    its whole index), so an export's memory stays the same for any size of journal."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    connection.exec_driver_sql("PRAGMA cache_size = -2000")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")


def _id_span(
    session: Session,
    model: type[DayLog] | type[CoachingNote] | type[ReinforcementAction],
    leader_ids: Collection[int] | None,
    start: dt.date | None,
    end: dt.date | None,
) -> tuple[int, int, int]:
    scope = _scope(model, leader_ids, start, end)
    if scope:
        query = select(func.count(), func.min(model.id), func.max(model.id)).where(*scope)
    else:
        query = select(
            select(func.count()).select_from(model).scalar_subquery(),
            select(func.min(model.id)).scalar_subquery(),
            select(func.max(model.id)).scalar_subquery(),
        )
    count, first, last = session.execute(query).one()
    return int(count or 0), int(first or 0), int(last or 0)


def entry_count(
    session: Session,
    leader_ids: Collection[int] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> int:
    """How many entries the export will write (for a progress bar's total)."""
    total = 0
    for model in _ENTRY_TABLES:
        query = (
            select(func.count()).select_from(model).where(*_scope(model, leader_ids, start, end))
        )
        total += int(session.scalar(query) or 0)
    return total
