"""What the SQLite file itself holds after ordinary deletes."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from leaderlog.core.records import Leader
from leaderlog.data.engine import Database, apply_sqlite_pragmas
from leaderlog.journal import logbook, people


def test_a_deleted_note_does_not_linger_in_the_database_file(
    db: Database, db_path: Path, leader: Leader, today: dt.date
) -> None:
    secret = "Zephyrine-disciplinary-remark"
    member = people.add_member(db, leader.id, "Sam Lee")
    for day in ("2026-11-16", "2026-11-17", "2026-11-18"):
        logbook.add_coaching_note(db, leader.id, day, member.id, "Greeted late", today=today)
    note = logbook.add_coaching_note(db, leader.id, "2026-11-19", member.id, secret, today=today)
    logbook.add_coaching_note(db, leader.id, "2026-11-20", member.id, "Owned a refund", today=today)
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert secret.encode() in db_path.read_bytes()

    logbook.delete_entry(db, "coaching", note.id)
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert secret.encode() not in db_path.read_bytes()
    assert len(logbook.list_entries(db)) == 4


def test_every_connection_overwrites_deleted_content_even_where_sqlite_defaults_to_off() -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute("PRAGMA secure_delete = OFF")
    apply_sqlite_pragmas(connection)
    assert connection.execute("PRAGMA secure_delete").fetchone() == (1,)
