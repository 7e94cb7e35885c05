"""Schema migrations keep every row, never cascade-delete through a table rebuild, and fail cleanly.

The shipped migrations are copied to a temporary folder with extra test-only
revisions after them, and the real migration runner is pointed at that folder.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import textwrap
from pathlib import Path

import pytest
from alembic import command
from helpers.migrations import counts, revision
from sqlalchemy.exc import IntegrityError

from leaderlog.data import migrate
from leaderlog.data.engine import database_url, make_engine
from leaderlog.data.file_copies import backup_folder, integrity_problems
from leaderlog.data.store import SCHEMA_REVISION, open_database
from leaderlog.journal import logbook, people

SHIPPED = Path(migrate.__file__).parent / "migrations"
DAY = dt.date(2026, 11, 2)

HEADER = '''
"""{doc}"""
import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{down}"
branch_labels = None
depends_on = None
'''

# A child table with ON DELETE CASCADE, filled from existing rows, and a record of
# the pragmas the migration runner's connection had.
TAGS = """
def upgrade():
    op.create_table(
        "member_tag",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("member_id", sa.Integer(),
                  sa.ForeignKey("team_member.id", ondelete="CASCADE"), nullable=False),
        sa.Column("tag", sa.Text(), nullable=False),
    )
    op.execute("INSERT INTO member_tag (member_id, tag) SELECT id, 'tag ' || name FROM team_member")
    bind = op.get_bind()
    for pragma in ("journal_mode", "synchronous", "busy_timeout", "foreign_keys"):
        value = bind.exec_driver_sql(f"PRAGMA {pragma}").scalar()
        op.execute(sa.text("INSERT INTO app_setting (key, value) VALUES (:k, :v)")
                   .bindparams(k="probe." + pragma, v=str(value)))

def downgrade():
    op.drop_table("member_tag")
"""

# SQLite cannot alter a column in place: batch mode creates a new table, copies the
# rows, drops the old one (the drop is where foreign keys would cascade) and renames.
REBUILD = """
def upgrade():
    with op.batch_alter_table("team_member", recreate="always") as batch:
        batch.add_column(sa.Column("nickname", sa.String(40), nullable=True))

def downgrade():
    with op.batch_alter_table("team_member", recreate="always") as batch:
        batch.drop_column("nickname")
"""

FAILING = """
def upgrade():
    op.create_table("half_done", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("DELETE FROM coaching_note")
    op.execute("INSERT INTO app_setting (key, value) VALUES ('half', 'done')")
    raise RuntimeError("a test migration blew up half-way")

def downgrade():
    pass
"""


@pytest.fixture
def migrations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Copy the shipped migrations; return a function adding a test revision after them."""
    folder = tmp_path / "migrations"
    shutil.copytree(SHIPPED, folder, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(migrate, "MIGRATIONS_LOCATION", str(folder))
    head = [SCHEMA_REVISION]

    def add(revision: str, body: str, doc: str) -> None:
        text = HEADER.format(doc=doc, revision=revision, down=head[0]) + textwrap.dedent(body)
        (folder / "versions" / f"{revision}_test.py").write_text(text)
        head[0] = revision

    return add


def fill(path: Path) -> dict[str, int]:
    """A journal at the shipped head with members, notes and reinforcements."""
    db = open_database(path)
    try:
        leader = people.add_leader(db, "Ana Ruiz")
        for name in ("Sam Lee", "Kim Park", "Ola Nowak"):
            member = people.add_member(db, leader.id, name)
            for offset in range(4):
                day = DAY + dt.timedelta(days=offset)
                logbook.add_coaching_note(
                    db, leader.id, day, member.id, f"{name} {offset}", today=day
                )
                logbook.add_reinforcement(db, leader.id, day, "praise", "", member.id, today=day)
    finally:
        db.dispose()
    return counts(path)


def test_a_table_rebuild_with_data_keeps_every_row_and_every_reference(
    db_path: Path, migrations
) -> None:  # type: ignore[no-untyped-def]
    before = fill(db_path)
    migrations("t901", TAGS, "test: tags cascade from team members")
    migrations("t902", REBUILD, "test: rebuild team_member")
    engine = make_engine(database_url(db_path))
    try:
        outcome = migrate.upgrade_database(engine, db_path)
    finally:
        engine.dispose()

    assert (outcome.from_revision, outcome.to_revision) == (SCHEMA_REVISION, "t902")
    after = counts(db_path)
    for table, rows in before.items():
        if table != "app_setting":
            assert after[table] == rows, table
    assert after["member_tag"] == before["team_member"] == 3  # the CASCADE child survived
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        columns = [row[1] for row in connection.execute("PRAGMA table_info(team_member)")]
        assert "nickname" in columns
        probes = dict(
            connection.execute("SELECT key, value FROM app_setting WHERE key LIKE 'probe.%'")
        )
    # the runner's connection has the app's durable settings; keys are off only while migrating
    assert probes == {
        "probe.journal_mode": "wal",
        "probe.synchronous": "2",
        "probe.busy_timeout": "5000",
        "probe.foreign_keys": "0",
    }
    assert integrity_problems(db_path) == []
    assert outcome.backup_path is not None and revision(outcome.backup_path) == SCHEMA_REVISION


def upgrade_with_foreign_keys_on(path: Path) -> None:
    engine = make_engine(database_url(path))
    try:
        with engine.connect() as connection, connection.begin():
            command.upgrade(migrate.alembic_config(connection), "head")
    finally:
        engine.dispose()


def test_the_fixture_really_springs_the_cascade_trap_when_foreign_keys_stay_on(
    db_path: Path, migrations
) -> None:  # type: ignore[no-untyped-def]
    """Why the runner turns foreign keys off: the same rebuild with them on loses or fails."""
    with_notes = db_path.with_name("with-notes.sqlite3")
    fill(with_notes)
    db = open_database(db_path)
    leader = people.add_leader(db, "Ana Ruiz")
    people.add_member(db, leader.id, "Sam Lee")
    db.dispose()
    migrations("t901", TAGS, "test: tags cascade from team members")
    migrations("t902", REBUILD, "test: rebuild team_member")

    upgrade_with_foreign_keys_on(db_path)
    after = counts(db_path)
    assert after["team_member"] == 1
    assert after["member_tag"] == 0  # silently cascaded away when the old table was dropped

    # with coaching notes pointing at the members (ON DELETE RESTRICT) it cannot even run
    with pytest.raises(IntegrityError, match="FOREIGN KEY constraint failed"):
        upgrade_with_foreign_keys_on(with_notes)


def test_an_exception_during_migration_leaves_the_old_revision_and_its_backup(
    db_path: Path, migrations
) -> None:  # type: ignore[no-untyped-def]
    before = fill(db_path)
    migrations("t901", FAILING, "test: fails half-way")
    engine = make_engine(database_url(db_path))
    try:
        with pytest.raises(RuntimeError, match="blew up half-way"):
            migrate.upgrade_database(engine, db_path)
        with engine.connect() as connection:
            # the runner put foreign keys back on for whoever uses the connection next
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()

    assert revision(db_path) == SCHEMA_REVISION
    assert counts(db_path) == before  # no half_done table, no deleted notes, no new setting
    [backup] = backup_folder(db_path).glob(
        f"{db_path.name}.*.before-upgrade-from-{SCHEMA_REVISION}.sqlite3"
    )
    assert integrity_problems(backup) == []
    assert revision(backup) == SCHEMA_REVISION
    assert counts(backup) == before
    assert integrity_problems(db_path) == []
