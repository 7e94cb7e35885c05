"""`leaderlog team ...`: set up a PostgreSQL server for a team, manage logins, sign in, send waiting entries."""

from __future__ import annotations

import argparse
import getpass
import sys

from leaderlog.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    CommandContext,
    Subparsers,
    add_command,
    add_group,
    table,
)


def _connect_hint(ctx: CommandContext, role_name: str) -> str:
    url = ctx.database_url()._replace(username=role_name, password=None)
    return url.render_as_string(hide_password=False)


def cmd_team_init(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.team import roles

    setup = roles.init_team_database(ctx.database())
    ctx.print(
        f"Database {setup.database} is ready for a team: schema up to date, row-level security "
        f"on, owner {setup.owner}, groups {setup.users_group} and {setup.admins_group}."
    )
    ctx.print("Next: add leaders (leaderlog leader add ...), then logins: leaderlog team add-user")
    return EXIT_OK


def cmd_team_add_user(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import people
    from leaderlog.team import roles

    db = ctx.database()
    kind = "admin" if args.admin else "manager" if args.team else "supervisor"
    leader_id = people.find_leader(db, args.leader).id if args.leader else None
    user, password = roles.add_user(db, args.name, kind, leader_id=leader_id, teams=args.team or ())
    ctx.print(f"Created login {user.describe()}.")
    ctx.print(f"Password (shown once, not stored anywhere): {password}")
    ctx.print(
        "On their computer, sign in once (the password is kept in their private .pgpass file):"
    )
    ctx.print(f"  leaderlog --db {_connect_hint(ctx, user.role_name)} team login")
    return EXIT_OK


def cmd_team_users(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.team import roles

    users = roles.list_users(ctx.database())
    if not users:
        ctx.print("No logins yet. Add one: leaderlog team add-user ana --leader 'Ana Ruiz'")
        return EXIT_OK
    rows = [(u.role_name, u.kind, u.leader_name or "", ", ".join(u.teams)) for u in users]
    ctx.print(table(rows, ("login", "kind", "leader", "teams")))
    return EXIT_OK


def cmd_team_remove_user(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.team import roles

    roles.remove_user(ctx.database(), args.name)
    ctx.print(f"Removed login {args.name}; the entries of their leader are kept.")
    return EXIT_OK


def cmd_team_reset_password(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.team import roles

    password = roles.reset_password(ctx.database(), args.name)
    ctx.print(f"New password for {args.name} (shown once, not stored anywhere): {password}")
    return EXIT_OK


def _ask_password(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\n")


def cmd_team_login(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.core.errors import ValidationError
    from leaderlog.team import roles

    login = roles.server_login(ctx.database_target)
    if login is None:
        raise ValidationError(
            "database", "give the server with --db postgresql+psycopg://USER@HOST:PORT/DATABASE"
        )
    password = _ask_password(f"Password for {login.username} ({login.where}): ")
    # a refused password raises CredentialsError and is not kept
    roles.open_with_password(ctx.database_target, password, remember=True).dispose()
    ctx.print(
        f"Signed in as {login.username}; the password is kept in {roles.pgpass_path()} "
        "(readable only by you)."
    )
    return EXIT_OK


def cmd_team_status(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.data.outbox import Outbox, outbox_file
    from leaderlog.team import roles

    outbox_path = outbox_file(ctx.paths.data_dir, ctx.database_url())
    waiting = Outbox(outbox_path).pending() if outbox_path.exists() else []
    ctx.print(f"{len(waiting)} entr{'y' if len(waiting) == 1 else 'ies'} waiting to be sent")
    for item in waiting:
        if item.last_error:
            ctx.print(f"  {item.entry_type} {item.uuid}: refused: {item.last_error}")
    me = roles.current_user(ctx.database())
    ctx.print(f"signed in as {me.describe()}" if me else "signed in as the database owner")
    return EXIT_OK


def cmd_team_send(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.team.sync import outbox_for, send_waiting

    db = ctx.database()
    outbox = outbox_for(ctx.paths, db)
    if outbox is None or outbox.count() == 0:
        ctx.print("Nothing waiting to be sent.")
        return EXIT_OK
    report = send_waiting(db, outbox)
    ctx.print(report.describe())
    for item, reason in report.refused:
        ctx.print(f"  {item.entry_type} {item.uuid}: {reason}")
    return EXIT_INVALID if report.refused or report.unreachable else EXIT_OK


def register(subparsers: Subparsers) -> None:
    """The `team` command group."""
    team_sub = add_group(
        subparsers,
        "team",
        "team mode on a PostgreSQL server: set up, logins, sign in, send waiting entries",
        "Team mode: --db postgresql+psycopg://USER@HOST:PORT/DATABASE (see docs/team-mode.md).",
    )
    add_command(
        team_sub,
        "init",
        cmd_team_init,
        "as the database owner: create or upgrade the schema, groups and row-level security",
    )
    p = add_command(
        team_sub,
        "add-user",
        cmd_team_add_user,
        "as the owner: create a login for a supervisor (--leader), manager (--team) or admin",
    )
    p.add_argument("name", help="login name: lower-case letters, digits and _")
    p.add_argument("--leader", help="the leader this login logs for")
    p.add_argument(
        "--team", action="append", help="a team this manager reviews (repeatable; makes a manager)"
    )
    p.add_argument("--admin", action="store_true", help="may manage leaders, members, standards")
    add_command(team_sub, "users", cmd_team_users, "as the owner: list logins")
    p = add_command(team_sub, "remove-user", cmd_team_remove_user, "as the owner: remove a login")
    p.add_argument("name")
    p = add_command(
        team_sub, "reset-password", cmd_team_reset_password, "as the owner: new password"
    )
    p.add_argument("name")
    add_command(
        team_sub,
        "login",
        cmd_team_login,
        "ask your password once and keep it in your private .pgpass file",
    )
    add_command(team_sub, "status", cmd_team_status, "who you are signed in as; entries waiting")
    add_command(team_sub, "send", cmd_team_send, "send entries saved while the server was away")
