"""Bring a database to the app's schema with Alembic: create, upgrade after a backup, or refuse.

* an empty database is created by running every migration;
* an older one is copied beside itself first, then upgraded in one transaction;
* one stamped with a revision this app does not know (a newer LeaderLog) is refused
  and left untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect
from sqlalchemy.exc import DBAPIError

from leaderlog.core.errors import DatabaseError, NewerDatabaseError
from leaderlog.data.file_copies import backup_file, copy_database

MIGRATIONS_LOCATION = "leaderlog.data:migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, built in code; migrations ship inside the package."""
    config = Config()
    config.set_main_option("script_location", MIGRATIONS_LOCATION)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


@dataclass(frozen=True)
class MigrationOutcome:
    """What opening the database did to its schema."""

    from_revision: str | None
    to_revision: str
    backup_path: Path | None

    @property
    def created(self) -> bool:
        return self.from_revision is None

    @property
    def upgraded(self) -> bool:
        return self.from_revision is not None and self.from_revision != self.to_revision


def backup_path_for(database: Path, revision: str) -> Path:
    """Where the copy made before upgrading from ``revision`` goes: with the other backups."""
    return backup_file(database, f"before-upgrade-from-{revision}")


def upgrade_database(
    engine: Engine, database_file: Path | None, target: str = "head"
) -> MigrationOutcome:
    """Migrate the database behind ``engine`` to ``target`` (see module docstring)."""
    with engine.connect() as connection:
        found = current_revision(connection)
        tables = set(inspect(connection).get_table_names())
    wanted = head_revision() if target == "head" else target
    if found is None and tables - {"alembic_version"}:
        raise DatabaseError(
            f"{database_file or engine.url} holds tables but no LeaderLog schema version; "
            "it is not a LeaderLog database and was left untouched."
        )
    if found is not None and found not in known_revisions():
        raise NewerDatabaseError(
            f"{database_file or engine.url} was written by a newer version of LeaderLog "
            f"(schema {found}). Install the newer LeaderLog to open it; the file was left untouched."
        )
    if found == wanted:
        return MigrationOutcome(found, wanted, None)

    backup = None
    if found is not None and database_file is not None:
        backup = copy_database(database_file, backup_path_for(database_file, found))

    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # A batch migration rebuilds tables (create new, copy, drop old). With
            # foreign keys on, dropping the old parent would cascade into children;
            # the pragma only takes effect outside a transaction, hence here.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                command.upgrade(alembic_config(connection), wanted)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise DatabaseError(
                            f"Migration to {wanted} would break {len(broken)} references "
                            f"(first in table {broken[0][0]}); nothing was changed."
                        )
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) != "42501":  # insufficient privilege
                raise
            # a team member's login on a server whose schema is older than this LeaderLog
            raise DatabaseError(
                f"{engine.url.render_as_string(hide_password=True)} has LeaderLog schema "
                f"{found}; this LeaderLog needs {wanted}, and your login may not change the "
                "schema. Ask the database owner to run `leaderlog team init` (it upgrades); "
                "nothing was changed."
            ) from exc
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys = ON")
    return MigrationOutcome(found, wanted, backup)
