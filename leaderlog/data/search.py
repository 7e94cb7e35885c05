"""Full-text search of journal entries on SQLite: one FTS5 index kept in step by triggers.

The index ``entry_search`` is *contentless* (it stores tokens, not a second copy of every
note) and has three columns:

* ``body``: the entry's own text (a day log's note, a coaching note's observation, a
  reinforcement's description) and ``detail`` (a coaching note's agreed action), apart
  so that a phrase never runs from the end of one field into the next;
* ``tags``: tokens naming the entry's leader (``l12``), type (``tday``, ``tcoaching``,
  ``treinforcement``), team member (``m40``) and standard (``s3``), so one MATCH can
  filter by leader and type and find entries by a member's or standard's name without
  re-indexing anything when a person or standard is renamed.

Each index row's rowid encodes the list order (day, then type, then id), so "newest
first, first N" is FTS5 walking its doclists backwards and stopping after N rows, and a
date range is a rowid range. ``prefix='1 2'`` keeps the first two keystrokes as cheap as
a whole word (without it, a prefix query merges every matching word's list first).

A search limited to a few leaders does not use the index: reading those leaders' entries
and matching them in Python (``phrase_matcher``, the same rule) costs about the same for
any query, where the index costs most for a short prefix of frequent words.

Triggers on the three entry tables insert, delete (with the old values, as a contentless
index requires) and re-index on edits of the indexed columns. A day log with an empty
note is not indexed: nothing in it could match. PostgreSQL has no FTS5; there the
journal falls back to ILIKE (see ``leaderlog.journal.logbook.list_entries``).

A migration that rebuilds one of the entry tables (Alembic batch mode on SQLite) drops
its triggers with it and must call ``create_triggers`` again afterwards.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

SEARCH_TABLE = "entry_search"
# The shadow tables FTS5 keeps beside the virtual table; none of them is in the ORM models.
SEARCH_TABLE_NAMES = frozenset(
    {SEARCH_TABLE, *(f"{SEARCH_TABLE}_{s}" for s in ("data", "idx", "docsize", "config"))}
)

# rowid = julian day number << 40 | type << 38 | entry id (63 bits in all; ids below 2**38).
# Higher type bits sort first in a descending walk: day logs, coaching notes, reinforcements,
# the order list_entries has always used within one day.
_DAY_SHIFT = 40
_TYPE_SHIFT = 38
_ID_MASK = (1 << _TYPE_SHIFT) - 1
_TYPE_BITS = {"day": 2, "coaching": 1, "reinforcement": 0}
_TYPE_OF_BITS = {bits: name for name, bits in _TYPE_BITS.items()}
# floor(julianday('YYYY-MM-DD')) - date.toordinal() in SQLite's and Python's calendars
_JULIAN_OFFSET = 1_721_424


@dataclass(frozen=True)
class _Source:
    """How one entry table feeds the index: its body text, tags and the columns they use."""

    entry_type: str
    table: str
    body: str
    tags: str
    columns: tuple[str, ...]
    detail: str = "''"
    indexed_when: str = "1"

    def values(self, row: str) -> tuple[str, str, str, str]:
        """SQL expressions (key, body and detail, tags, condition) over a row alias (NEW, OLD)."""
        key = (
            f"(CAST(julianday({row}.day) AS INTEGER) << {_DAY_SHIFT}) "
            f"| ({_TYPE_BITS[self.entry_type]} << {_TYPE_SHIFT}) | {row}.id"
        )
        return (
            key,
            f"{self.body.format(r=row)}, {self.detail.format(r=row)}",
            self.tags.format(r=row),
            self.indexed_when.format(r=row),
        )


_SOURCES = (
    _Source(
        "day",
        "day_log",
        body="{r}.note",
        tags="'l' || {r}.leader_id || ' tday'",
        columns=("id", "leader_id", "day", "note"),
        indexed_when="{r}.note <> ''",
    ),
    _Source(
        "coaching",
        "coaching_note",
        body="{r}.observation",
        detail="{r}.action",
        tags=(
            "'l' || {r}.leader_id || ' tcoaching m' || {r}.member_id"
            " || coalesce(' s' || {r}.standard_id, '')"
        ),
        columns=("id", "leader_id", "day", "member_id", "standard_id", "observation", "action"),
    ),
    _Source(
        "reinforcement",
        "reinforcement",
        body="{r}.description",
        tags=(
            "'l' || {r}.leader_id || ' treinforcement'"
            " || coalesce(' m' || {r}.member_id, '') || coalesce(' s' || {r}.standard_id, '')"
        ),
        columns=("id", "leader_id", "day", "member_id", "standard_id", "description"),
    ),
)


def _insert_sql(source: _Source, row: str) -> str:
    key, body, tags, when = source.values(row)
    return (
        f"INSERT INTO {SEARCH_TABLE} (rowid, body, detail, tags) "
        f"SELECT {key}, {body}, {tags} WHERE {when};"
    )


def _delete_sql(source: _Source, row: str) -> str:
    key, body, tags, when = source.values(row)
    # a contentless index forgets a row only when given exactly the values it indexed
    return (
        f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}, rowid, body, detail, tags) "
        f"SELECT 'delete', {key}, {body}, {tags} WHERE {when};"
    )


def create_table_sql() -> str:
    return (
        f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5(body, detail, tags, content='', "
        "tokenize='unicode61 remove_diacritics 2', prefix='1 2')"
    )


def trigger_sql() -> list[str]:
    """CREATE TRIGGER statements that keep the index in step with the three entry tables."""
    statements = []
    for source in _SOURCES:
        name = f"{SEARCH_TABLE}_{source.table}"
        watched = ", ".join(c for c in source.columns if c != "id")
        statements += [
            f"CREATE TRIGGER {name}_insert AFTER INSERT ON {source.table} BEGIN "
            f"{_insert_sql(source, 'NEW')} END",
            f"CREATE TRIGGER {name}_delete AFTER DELETE ON {source.table} BEGIN "
            f"{_delete_sql(source, 'OLD')} END",
            f"CREATE TRIGGER {name}_update AFTER UPDATE OF {watched} ON {source.table} BEGIN "
            f"{_delete_sql(source, 'OLD')} {_insert_sql(source, 'NEW')} END",
        ]
    return statements


def trigger_names() -> list[str]:
    return [
        f"{SEARCH_TABLE}_{source.table}_{action}"
        for source in _SOURCES
        for action in ("insert", "delete", "update")
    ]


def create_triggers(connection: Connection) -> None:
    for statement in trigger_sql():
        connection.exec_driver_sql(statement)


def drop_triggers(connection: Connection) -> None:
    for name in trigger_names():
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")


def rebuild(connection: Connection) -> None:
    """Re-index every entry from scratch (after a bulk load, or to repair the index)."""
    connection.exec_driver_sql(f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}) VALUES ('delete-all')")
    for source in _SOURCES:
        key, body, tags, when = source.values(source.table)
        connection.exec_driver_sql(
            f"INSERT INTO {SEARCH_TABLE} (rowid, body, detail, tags) "
            f"SELECT {key}, {body}, {tags} FROM {source.table} WHERE {when}"
        )


def create(connection: Connection) -> None:
    """Create the index and its triggers, and index the entries already there."""
    connection.exec_driver_sql(create_table_sql())
    rebuild(connection)
    create_triggers(connection)


def drop(connection: Connection) -> None:
    drop_triggers(connection)
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")


def is_available(connection: Connection) -> bool:
    """True on an SQLite database that has the index (a current LeaderLog file)."""
    if connection.dialect.name != "sqlite":
        return False
    found = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (SEARCH_TABLE,)
    ).first()
    return found is not None


# ---------------------------------------------------------------- queries


# unicode61 splits on everything that is not a letter, a number or a private-use character
_TOKEN = re.compile(r"[^\W_]+")


def words(value: str) -> list[str]:
    """The words FTS5 would index in ``value``: lower case, accents removed."""
    return _TOKEN.findall(_fold(value))


def _fold(value: str) -> str:
    if value.isascii():
        return value.lower()
    plain = unicodedata.normalize("NFKD", value.lower())
    return "".join(c for c in plain if not unicodedata.combining(c))


def phrase_matcher(query: Sequence[str]) -> Callable[[str], bool]:
    """A test of raw text by the index's rule: the words consecutive, the last one as a prefix."""
    *whole, last = query
    # a word starts where no letter or digit precedes it; whole words end at a separator
    pattern = re.compile(
        r"(?<![^\W_])" + "".join(re.escape(word) + r"[\W_]+" for word in whole) + re.escape(last)
    )
    first = query[0]

    def matches(text: str) -> bool:
        folded = _fold(text)
        # the substring test is exact as a precondition and far cheaper than the pattern
        return first in folded and pattern.search(folded) is not None

    return matches


def _phrase(query: Sequence[str]) -> str:
    # Only letters and digits survive words(), so the quoted phrase cannot carry FTS5
    # syntax (a quote, '*', '-', ':' or a keyword such as NOT); '*' makes the last a prefix.
    return '"' + " ".join(query) + '"*'


def entry_key(entry_type: str, day: dt.date, entry_id: int) -> int:
    """The index rowid of an entry (see the module docstring)."""
    return (
        ((day.toordinal() + _JULIAN_OFFSET) << _DAY_SHIFT)
        | (_TYPE_BITS[entry_type] << _TYPE_SHIFT)
        | entry_id
    )


def split_key(key: int) -> tuple[str, int]:
    """(entry type, id) of an index rowid."""
    return _TYPE_OF_BITS[(key >> _TYPE_SHIFT) & 3], key & _ID_MASK


def match_expression(
    query: Sequence[str],
    *,
    leader_ids: Iterable[int] | None,
    entry_types: Iterable[str],
    member_ids: Iterable[int] = (),
    standard_ids: Iterable[int] = (),
) -> str:
    """An FTS5 MATCH expression: the phrase in the body, or one of the named people/standards."""
    anywhere = [f"{{body detail}} : {_phrase(query)}"]
    named = [f"m{int(i)}" for i in member_ids] + [f"s{int(i)}" for i in standard_ids]
    if named:
        anywhere.append(f"tags : ({' OR '.join(named)})")
    parts = [f"({' OR '.join(anywhere)})"]
    if leader_ids is not None:
        parts.append(f"tags : ({' OR '.join(f'l{int(i)}' for i in leader_ids)})")
    kinds = sorted(set(entry_types))
    if len(kinds) < len(_TYPE_BITS):
        parts.append(f"tags : ({' OR '.join(f't{k}' for k in kinds)})")
    return " AND ".join(parts)


def matching_keys(
    connection: Connection,
    expression: str,
    first: dt.date | None,
    last: dt.date | None,
    limit: int | None,
) -> list[int]:
    """Index rowids matching ``expression``, newest first, within the dates, at most ``limit``."""
    low = entry_key("reinforcement", first, 0) if first else 0
    high = entry_key("day", last, _ID_MASK) if last else (1 << 63) - 1
    sql = (
        f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :expression "
        "AND rowid BETWEEN :low AND :high ORDER BY rowid DESC"
    )
    if limit:
        sql += " LIMIT :limit"
    rows = connection.execute(
        text(sql), {"expression": expression, "low": low, "high": high, "limit": limit}
    )
    return [row[0] for row in rows]


def scan_rows(
    connection: Connection,
    entry_type: str,
    leader_ids: Sequence[int],
    first: dt.date | None,
    last: dt.date | None,
) -> Iterator[tuple[Any, ...]]:
    """The leaders' entries of one type, newest day first: (-day number, index key, [member id, standard id,] texts...).

    Read lazily on the driver's own cursor (plain tuples, the key computed by SQLite as
    the triggers compute it): a scan may read every entry of a few leaders, thousands of
    rows per keystroke, so no per-row SQLAlchemy work, and a caller that has enough
    stops reading. Within a day the order is the index's, not the key's.
    """
    source = next(s for s in _SOURCES if s.entry_type == entry_type)
    key = source.values(source.table)[0]
    texts = [c for c in source.columns if c not in ("id", "leader_id", "day")]
    where = [f"leader_id IN ({', '.join('?' for _ in leader_ids)})"]
    parameters: list[Any] = [int(i) for i in leader_ids]
    if first:
        where.append("day >= ?")
        parameters.append(first.isoformat())
    if last:
        where.append("day <= ?")
        parameters.append(last.isoformat())
    # the day's number negated first: rows of several types merge as plain tuples
    day_number = f"-CAST(julianday({source.table}.day) AS INTEGER)"
    sql = (
        f"SELECT {day_number}, {key}, {', '.join(texts)} FROM {source.table} "
        f"WHERE {' AND '.join(where)} ORDER BY day DESC"
    )
    cursor = connection.connection.driver_connection.execute(sql, parameters)  # type: ignore[union-attr]
    try:
        while rows := cursor.fetchmany(256):
            yield from rows
    finally:
        cursor.close()


# the columns a record is built from (leaderlog.journal.rows), by entry type
_RECORD_SQL = {
    "day": "SELECT id, uuid, leader_id, day, minutes, note, version FROM day_log e",
    "coaching": "SELECT e.id, e.uuid, e.leader_id, e.day, e.member_id, e.standard_id, "
    "e.observation, e.action, e.follow_up_on, e.follow_up_done_on, e.version, "
    "member.name AS member_name, standard.name AS standard_name FROM coaching_note e "
    "LEFT JOIN team_member member ON member.id = e.member_id "
    "LEFT JOIN standard ON standard.id = e.standard_id",
    "reinforcement": "SELECT e.id, e.uuid, e.leader_id, e.day, e.kind, e.member_id, "
    "e.standard_id, e.description, e.version, member.name AS member_name, "
    "standard.name AS standard_name FROM reinforcement e "
    "LEFT JOIN team_member member ON member.id = e.member_id "
    "LEFT JOIN standard ON standard.id = e.standard_id",
}


def rows_by_id(connection: Connection, entry_type: str, ids: Sequence[int]) -> list[Any]:
    """The stored columns of some entries of one type (SQLite), as rows with named attributes.

    Values come as SQLite keeps them (UUIDs as hex, dates as ISO text), which the record
    builders of ``leaderlog.journal.rows`` read: a search loads up to a page of entries at
    every keystroke, and SQLAlchemy's per-row conversions cost more than the read.
    """
    cursor = connection.connection.driver_connection.execute(  # type: ignore[union-attr]
        f"{_RECORD_SQL[entry_type]} WHERE e.id IN ({', '.join('?' for _ in ids)})",
        [int(i) for i in ids],
    )
    try:
        row_type = namedtuple("EntryRow", [d[0] for d in cursor.description])  # type: ignore[misc]
        return [row_type._make(values) for values in cursor.fetchall()]
    finally:
        cursor.close()


def include_in_autogenerate(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic ``include_name`` hook: the FTS5 tables are not in the ORM models, by design."""
    return not (type_ == "table" and name in SEARCH_TABLE_NAMES)
