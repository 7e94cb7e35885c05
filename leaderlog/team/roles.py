"""Team mode on PostgreSQL: login roles bound to leaders, and row-level security the server enforces.

``init_team_database`` runs as the database owner (a role with CREATEROLE). It brings
the schema up to date with the migrations, then (again, so it also upgrades) creates:

* two group roles per database, ``<db>_users`` (every person) and ``<db>_admins``;
* the table ``app_user`` binding each login role to a leader and a kind: a
  *supervisor* reads and writes only their own leader's entries and team members; a
  *manager* reads every leader of their teams (and writes only their own leader's
  entries, if bound to one); an *admin* manages leaders, members and standards;
* row-level security policies on every table (FORCEd, so they hold for anyone with a
  SQL client and that login), and a trigger refusing changes to rows one may only read.

All PostgreSQL-only SQL of LeaderLog lives in this module. Passwords are generated
here, sent to the server only as SCRAM verifiers (never in clear, so never in a
server log), shown once, and kept on a user's computer only in a 0600 pgpass file.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, text
from sqlalchemy.engine import URL

from leaderlog.core.errors import DatabaseError, DuplicateError, NotFoundError, ValidationError
from leaderlog.data.engine import Database, database_url

USER_KINDS = ("supervisor", "manager", "admin")
ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
SCRAM_ITERATIONS = 4096

# How each table is protected. "entries": rows carry leader_id (read: readable leaders;
# write: writable leaders); "leader": the leader rows themselves; "shared": everyone
# reads, admins write; "app_user": each user reads their own binding.
TABLE_RULES: dict[str, str] = {
    "leader": "leader",
    "team_member": "entries",
    "day_log": "entries",
    "coaching_note": "entries",
    "reinforcement": "entries",
    "standard": "shared",
    "app_setting": "shared",
    # a cache of the metrics' walk per leader; on a server reports do not use it
    "metrics_checkpoint": "entries",
    # a leader's calendar (migration 0006): their leave, rota swaps and settings history
    # are theirs like their entries; holiday calendars and company days are the
    # organisation's (everyone reads, admins write)
    "time_off": "entries",
    "day_swap": "entries",
    "leader_settings": "entries",
    "holiday_calendar": "shared",
    "company_day": "shared",
    # a stamp SQLite triggers change at every calendar change; a server has no triggers
    # and its reports read calendars every time, so nobody but the owner writes it
    "calendar_version": "shared",
}
# an entry's team member must belong to the entry's leader (checked on insert and update)
MEMBER_CHECKED = ("coaching_note", "reinforcement")


@dataclass(frozen=True)
class TeamUser:
    """A login role and what it is bound to."""

    role_name: str
    kind: str
    leader_id: int | None
    leader_name: str | None
    teams: tuple[str, ...]

    def describe(self) -> str:
        parts = [self.kind]
        if self.leader_name:
            parts.append(f"leader {self.leader_name}")
        if self.teams:
            parts.append("teams " + ", ".join(self.teams))
        return f"{self.role_name} ({'; '.join(parts)})"


@dataclass(frozen=True)
class TeamSetup:
    """What ``init_team_database`` set up."""

    database: str
    owner: str
    users_group: str
    admins_group: str


def _server_only(db: Database) -> None:
    if db.is_sqlite:
        raise ValidationError(
            "database",
            "team mode needs a PostgreSQL database; give --db postgresql+psycopg://OWNER@HOST/DB",
        )


def group_names(database: str) -> tuple[str, str]:
    """The two group roles of one database (roles are server-wide, so they carry its name)."""
    base = re.sub(r"[^a-z0-9_]", "_", database.lower())[:50]
    return f"{base}_users", f"{base}_admins"


def _quote(connection: Connection, identifier: str) -> str:
    return connection.dialect.identifier_preparer.quote_identifier(identifier)


def check_role_name(name: str) -> str:
    """A login name: lower-case letters, digits and underscores, starting with a letter or _."""
    clean = (name or "").strip()
    if not ROLE_NAME.match(clean):
        raise ValidationError(
            "user",
            f"'{name}' cannot be a login name: use lower-case letters, digits and _ "
            "(at most 63, not starting with a digit), e.g. ana_ruiz",
        )
    return clean


def scram_verifier(password: str, salt: bytes | None = None) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802/7677)."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, SCRAM_ITERATIONS)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode()

    return f"SCRAM-SHA-256${SCRAM_ITERATIONS}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def new_password() -> str:
    """A random password (about 144 bits) that survives copy and paste."""
    return secrets.token_urlsafe(18)


# ---------------------------------------------------------------- init


_APP_USER_DDL = """
CREATE TABLE IF NOT EXISTS app_user (
    role_name text PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('supervisor', 'manager', 'admin')),
    leader_id integer REFERENCES leader (id) ON DELETE RESTRICT,
    teams text[] NOT NULL DEFAULT '{}',
    CHECK (kind <> 'supervisor' OR leader_id IS NOT NULL)
)
"""

# SECURITY DEFINER: they read app_user and leader with the owner's rights, so the
# policies that call them do not recurse. session_user is the login role (SET ROLE
# cannot widen it, and inside these functions current_user is the owner).
_FUNCTIONS = """
CREATE OR REPLACE FUNCTION leaderlog_readable_leaders() RETURNS SETOF integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT l.id FROM leader l JOIN app_user u ON u.role_name = session_user
    WHERE u.kind = 'admin' OR l.id = u.leader_id OR (u.kind = 'manager' AND l.team = ANY (u.teams))
$$;
CREATE OR REPLACE FUNCTION leaderlog_writable_leaders() RETURNS SETOF integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT l.id FROM leader l JOIN app_user u ON u.role_name = session_user
    WHERE u.kind = 'admin' OR l.id = u.leader_id
$$;
CREATE OR REPLACE FUNCTION leaderlog_is_admin() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM app_user WHERE role_name = session_user AND kind = 'admin')
$$;
CREATE OR REPLACE FUNCTION leaderlog_check_write() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    -- RLS lets a manager see a team leader's rows; this stops them changing or moving them
    IF EXISTS (SELECT 1 FROM app_user WHERE role_name = session_user)
       AND OLD.leader_id NOT IN (SELECT leaderlog_writable_leaders()) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE =
            'permission denied: ' || session_user || ' may only read this ' || TG_TABLE_NAME || ' row';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;
"""

_READABLE = "leader_id IN (SELECT leaderlog_readable_leaders())"
_WRITABLE = "leader_id IN (SELECT leaderlog_writable_leaders())"


def _member_check(table: str) -> str:
    return (
        f"(member_id IS NULL OR EXISTS (SELECT 1 FROM team_member m "
        f"WHERE m.id = {table}.member_id AND m.leader_id = {table}.leader_id))"
    )


def _policies(table: str, rule: str, users: str, admins: str, owner: str) -> list[str]:
    """CREATE POLICY statements for one table (see TABLE_RULES)."""
    policies = [
        f"CREATE POLICY leaderlog_owner ON {table} TO {owner} USING (true) WITH CHECK (true)"
    ]
    if rule == "entries":
        check = _WRITABLE
        if table in MEMBER_CHECKED:
            check = f"{_WRITABLE} AND {_member_check(table)}"
        policies += [
            f"CREATE POLICY leaderlog_read ON {table} FOR SELECT TO {users} USING ({_READABLE})",
            f"CREATE POLICY leaderlog_insert ON {table} FOR INSERT TO {users} WITH CHECK ({check})",
            # USING readable + the trigger: a manager's change to a team row is refused
            # with an error instead of silently touching nothing
            f"CREATE POLICY leaderlog_update ON {table} FOR UPDATE TO {users} "
            f"USING ({_READABLE}) WITH CHECK ({check})",
            f"CREATE POLICY leaderlog_delete ON {table} FOR DELETE TO {users} USING ({_READABLE})",
        ]
    elif rule == "leader":
        policies += [
            f"CREATE POLICY leaderlog_read ON {table} FOR SELECT TO {users} "
            "USING (id IN (SELECT leaderlog_readable_leaders()))",
            f"CREATE POLICY leaderlog_admin ON {table} TO {admins} "
            "USING (leaderlog_is_admin()) WITH CHECK (leaderlog_is_admin())",
        ]
    elif rule == "shared":
        policies += [
            f"CREATE POLICY leaderlog_read ON {table} FOR SELECT TO {users} USING (true)",
            f"CREATE POLICY leaderlog_admin ON {table} TO {admins} "
            "USING (leaderlog_is_admin()) WITH CHECK (leaderlog_is_admin())",
        ]
    elif rule == "app_user":
        policies.append(
            f"CREATE POLICY leaderlog_read ON {table} FOR SELECT TO {users} "
            "USING (role_name = session_user OR leaderlog_is_admin())"
        )
    return policies


def _grants(table: str, rule: str, users: str, admins: str) -> list[str]:
    if rule == "entries":
        return [f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {users}"]
    if rule in ("leader", "shared"):
        return [
            f"GRANT SELECT ON {table} TO {users}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {admins}",
        ]
    return [f"GRANT SELECT ON {table} TO {users}"]


def _scalar(connection: Connection, sql: str, **params: object) -> object:
    return connection.execute(text(sql), params).scalar()


def _check_owner(connection: Connection) -> str:
    owner = str(_scalar(connection, "SELECT current_user"))
    allowed = _scalar(
        connection,
        "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user",
    )
    if not allowed:
        raise DatabaseError(
            f"The role {owner} cannot create login roles. Run team commands as the database "
            "owner, a role created WITH CREATEROLE (see docs/team-mode.md)."
        )
    not_owned = _scalar(
        connection,
        "SELECT string_agg(tablename, ', ') FROM pg_tables "
        "WHERE schemaname = 'public' AND tableowner <> current_user",
    )
    is_super = _scalar(connection, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    if not_owned and not is_super:
        raise DatabaseError(
            f"The role {owner} does not own the tables {not_owned}. Run team commands as the "
            "role that created the schema (the database owner)."
        )
    return owner


def _ensure_role(connection: Connection, name: str) -> None:
    exists = _scalar(connection, "SELECT 1 FROM pg_roles WHERE rolname = :name", name=name)
    if not exists:
        connection.exec_driver_sql(f"CREATE ROLE {_quote(connection, name)} NOLOGIN")


def _check_every_table_has_a_rule(connection: Connection) -> None:
    tables = connection.execute(
        text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    ).scalars()
    unknown = sorted(set(tables) - set(TABLE_RULES) - {"app_user", "alembic_version"})
    if unknown:
        raise DatabaseError(
            f"No access rule for the table(s) {', '.join(unknown)} in leaderlog/team.py; "
            "team mode refuses to expose a table it does not know how to protect."
        )


def init_team_database(db: Database) -> TeamSetup:
    """Prepare (or upgrade) a migrated server database for a team; safe to run again."""
    _server_only(db)
    with db.engine.begin() as connection:
        owner = _check_owner(connection)
        _check_every_table_has_a_rule(connection)
        database = str(_scalar(connection, "SELECT current_database()"))
        users, admins = group_names(database)
        for role in (users, admins):
            _ensure_role(connection, role)
        q_users, q_admins, q_owner = (_quote(connection, n) for n in (users, admins, owner))
        q_database = _quote(connection, database)
        connection.exec_driver_sql(f"GRANT {q_users} TO {q_admins}")
        connection.exec_driver_sql(_APP_USER_DDL)
        connection.exec_driver_sql(_FUNCTIONS)
        for function in (
            "leaderlog_readable_leaders()",
            "leaderlog_writable_leaders()",
            "leaderlog_is_admin()",
        ):
            connection.exec_driver_sql(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
            connection.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {function} TO {q_users}")
        statements = [
            f"REVOKE CONNECT, TEMPORARY ON DATABASE {q_database} FROM PUBLIC",
            f"GRANT CONNECT ON DATABASE {q_database} TO {q_users}",
            # PostgreSQL before 15 let everyone create tables in public
            "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
            f"GRANT USAGE ON SCHEMA public TO {q_users}",
            f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {q_users}",
            f"GRANT SELECT ON alembic_version TO {q_users}",
        ]
        present = set(
            connection.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            ).scalars()
        )
        rules = {**TABLE_RULES, "app_user": "app_user"}
        # a rule for a table an older schema lacks has nothing to protect yet
        for table, rule in ((t, r) for t, r in rules.items() if t in present):
            existing = connection.execute(
                text("SELECT policyname FROM pg_policies WHERE tablename = :t"), {"t": table}
            ).scalars()
            statements += [f"DROP POLICY {_quote(connection, p)} ON {table}" for p in existing]
            statements += [
                f"REVOKE ALL ON {table} FROM {q_users}, {q_admins}",
                f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
                f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
                *_policies(table, rule, q_users, q_admins, q_owner),
                *_grants(table, rule, q_users, q_admins),
            ]
            if rule == "entries":
                statements += [
                    f"DROP TRIGGER IF EXISTS leaderlog_check_write ON {table}",
                    f"CREATE TRIGGER leaderlog_check_write BEFORE UPDATE OR DELETE ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION leaderlog_check_write()",
                ]
        for statement in statements:
            connection.exec_driver_sql(statement)
    return TeamSetup(database, owner, users, admins)


# ---------------------------------------------------------------- users


def _leader_name(connection: Connection, leader_id: int | None) -> str | None:
    if leader_id is None:
        return None
    name = _scalar(connection, "SELECT name FROM leader WHERE id = :id", id=leader_id)
    if name is None:
        raise NotFoundError("leader", f"no leader with id {leader_id}")
    return str(name)


def _require_initialised(connection: Connection) -> None:
    if not _scalar(connection, "SELECT to_regclass('public.app_user') IS NOT NULL"):
        raise DatabaseError(
            "This database is not set up for a team yet; run `leaderlog team init` first."
        )


def add_user(
    db: Database,
    role_name: str,
    kind: str,
    *,
    leader_id: int | None = None,
    teams: Iterable[str] = (),
) -> tuple[TeamUser, str]:
    """Create a login role bound to a leader (supervisor), teams (manager) or admin; return it and its password."""
    _server_only(db)
    name = check_role_name(role_name)
    if kind not in USER_KINDS:
        raise ValidationError("kind", f"'{kind}' is not one of {', '.join(USER_KINDS)}")
    clean_teams = tuple(dict.fromkeys(" ".join(t.split()) for t in teams if t.strip()))
    if kind == "supervisor" and leader_id is None:
        raise ValidationError("leader", "a supervisor's login must be bound to a leader")
    if kind == "manager" and not clean_teams:
        raise ValidationError("teams", "a manager's login needs at least one team to review")
    secret = new_password()
    with db.engine.begin() as connection:
        _check_owner(connection)
        _require_initialised(connection)
        leader_name = _leader_name(connection, leader_id)
        if _scalar(connection, "SELECT 1 FROM pg_roles WHERE rolname = :n", n=name):
            raise DuplicateError(
                "user", f"a role named {name} already exists on this server; choose another name"
            )
        database = str(_scalar(connection, "SELECT current_database()"))
        users, admins = group_names(database)
        groups = [users, admins] if kind == "admin" else [users]
        in_roles = ", ".join(_quote(connection, g) for g in groups)
        # the verifier is base64 and '$:' only, so a literal is safe; the password never leaves
        connection.exec_driver_sql(
            f"CREATE ROLE {_quote(connection, name)} LOGIN PASSWORD '{scram_verifier(secret)}' "
            f"IN ROLE {in_roles}"
        )
        connection.execute(
            text(
                "INSERT INTO app_user (role_name, kind, leader_id, teams) "
                "VALUES (:name, :kind, :leader_id, :teams)"
            ),
            {"name": name, "kind": kind, "leader_id": leader_id, "teams": list(clean_teams)},
        )
    return TeamUser(name, kind, leader_id, leader_name, clean_teams), secret


def list_users(db: Database) -> list[TeamUser]:
    """Every login bound in this database, by name."""
    _server_only(db)
    with db.engine.connect() as connection:
        _require_initialised(connection)
        rows = connection.execute(
            text(
                "SELECT u.role_name, u.kind, u.leader_id, l.name, u.teams FROM app_user u "
                "LEFT JOIN leader l ON l.id = u.leader_id ORDER BY u.role_name"
            )
        ).all()
    return [TeamUser(r[0], r[1], r[2], r[3], tuple(r[4] or ())) for r in rows]


def remove_user(db: Database, role_name: str) -> None:
    """Remove a login: its binding and its role (entries it wrote stay with their leader)."""
    _server_only(db)
    name = check_role_name(role_name)
    with db.engine.begin() as connection:
        _check_owner(connection)
        _require_initialised(connection)
        found = _scalar(connection, "DELETE FROM app_user WHERE role_name = :n RETURNING 1", n=name)
        if not found:
            raise NotFoundError("user", f"no LeaderLog login named {name} in this database")
        connection.exec_driver_sql(f"DROP ROLE IF EXISTS {_quote(connection, name)}")


def reset_password(db: Database, role_name: str) -> str:
    """Give a login a new random password and return it (shown once, never stored)."""
    _server_only(db)
    name = check_role_name(role_name)
    secret = new_password()
    with db.engine.begin() as connection:
        _check_owner(connection)
        _require_initialised(connection)
        if not _scalar(connection, "SELECT 1 FROM app_user WHERE role_name = :n", n=name):
            raise NotFoundError("user", f"no LeaderLog login named {name} in this database")
        connection.exec_driver_sql(
            f"ALTER ROLE {_quote(connection, name)} PASSWORD '{scram_verifier(secret)}'"
        )
    return secret


def current_user(db: Database) -> TeamUser | None:
    """The binding of the signed-in login, or None (SQLite, or the owner)."""
    if db.is_sqlite:
        return None
    with db.engine.connect() as connection:
        if not _scalar(connection, "SELECT to_regclass('public.app_user') IS NOT NULL"):
            return None
        row = connection.execute(
            text(
                "SELECT u.role_name, u.kind, u.leader_id, l.name, u.teams FROM app_user u "
                "LEFT JOIN leader l ON l.id = u.leader_id WHERE u.role_name = session_user"
            )
        ).first()
    return TeamUser(row[0], row[1], row[2], row[3], tuple(row[4] or ())) if row else None


# ---------------------------------------------------------------- credentials on a user's computer


def pgpass_path() -> Path:
    """The password file libpq reads: $PGPASSFILE, else ~/.pgpass (%APPDATA%/postgresql/pgpass.conf)."""
    explicit = os.environ.get("PGPASSFILE")
    if explicit:
        return Path(explicit)
    if os.name == "nt":
        return Path(os.environ.get("APPDATA", "~")).expanduser() / "postgresql" / "pgpass.conf"
    return Path("~/.pgpass").expanduser()


def _pgpass_field(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def _pgpass_key(url: URL) -> list[str]:
    return [
        url.host or "localhost",
        str(url.port or 5432),
        url.database or "*",
        url.username or "",
    ]


def save_password(url: URL, password: str, path: Path | None = None) -> Path:
    """Store a password for the URL's host, port, database and user in the pgpass file (0600)."""
    from leaderlog.core.atomic import atomic_write

    if not url.username:
        raise ValidationError(
            "database", "the database URL names no user (postgresql+psycopg://USER@HOST/DB)"
        )
    target = path or pgpass_path()
    key = ":".join(_pgpass_field(part) for part in _pgpass_key(url)) + ":"
    kept: Sequence[str] = []
    if target.exists():
        kept = [line for line in target.read_text().splitlines() if not line.startswith(key)]
    with atomic_write(target) as handle:  # created 0600, which libpq insists on
        for line in kept:
            handle.write(line + "\n")
        handle.write(key + _pgpass_field(password) + "\n")
    if os.name == "posix":
        os.chmod(target, 0o600)
    return target


@dataclass(frozen=True)
class ServerLogin:
    """Who signs in to which server database (what a password prompt names)."""

    username: str
    where: str


def _login_url(target: str) -> URL:
    url = database_url(target)
    if url.get_backend_name() != "postgresql":
        raise ValidationError(
            "database", "give the server as postgresql+psycopg://USER@HOST:PORT/DATABASE"
        )
    # libpq's default user is the operating-system user; name it so a password can be kept
    return url._replace(password=None, username=url.username or getpass.getuser())


def server_login(target: str) -> ServerLogin | None:
    """The login a server URL signs in with, or None for a local file."""
    try:
        url = _login_url(target)
    except ValidationError:
        return None
    port = f":{url.port}" if url.port else ""
    return ServerLogin(str(url.username), f"{url.database} on {url.host}{port}")


def open_with_password(target: str, password: str, *, remember: bool) -> Database:
    """Open a server database with a typed password; keep it in the pgpass file if asked.

    A refused password raises CredentialsError and is never kept.
    """
    from leaderlog.data.store import open_database

    url = _login_url(target)
    database = open_database(url.set(password=password))
    if remember:
        save_password(url, password)
    return database
