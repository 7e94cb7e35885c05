"""What every command shares: exit codes, the command context (paths, database, output), argument types, tables and error handling.

Results go to stdout; user errors go to stderr as one line with a non-zero exit code
(1 for invalid input, 2 for usage, 3 for database problems, 130 after Ctrl+C), never a
traceback. Everything printed, to stdout or stderr, argparse's own messages included,
passes through ``core.text.terminal_safe``: a name or note holding ESC or BEL is shown
escaped, never obeyed by the terminal. This module imports no command module, so every
command module can import it without a cycle.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from leaderlog.core.dates import parse_date
from leaderlog.core.errors import DatabaseError, LeaderLogError, ValidationError
from leaderlog.core.paths import AppPaths
from leaderlog.core.text import terminal_safe
from leaderlog.core.validation import MAX_ID, as_whole_number

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_DATABASE = 3
# the shell's status for a process ended by a signal is 128 + its number: SIGINT is 2
EXIT_INTERRUPTED = 130
# ... and SIGPIPE is 13 (a literal: Windows has no signal.SIGPIPE). Output into a closed
# pipe (`leaderlog list | head -1`) ends with this status, as `cat` and `grep` killed by
# SIGPIPE do, so a script under `set -o pipefail` sees the same thing for every tool.
EXIT_BROKEN_PIPE = 141

INTERRUPTED_MESSAGE = (
    "leaderlog: interrupted (Ctrl+C); no file was left half-written and nothing was half-saved"
)


def print_error(message: object) -> None:
    """One line on stderr, prefixed with the program's name; control characters escaped."""
    print(f"leaderlog: {terminal_safe(str(message))}", file=sys.stderr)


@dataclass
class CommandContext:
    """What a command needs: where files live, which database, where to print."""

    paths: AppPaths
    database_target: str
    demo: bool
    out: TextIO = field(default_factory=lambda: sys.stdout)
    _database: object | None = None

    def database(self):  # -> Database (imported late to keep `--help` fast)
        if self._database is None:
            from leaderlog.safety.recovery import open_journal

            # a damaged journal is moved aside and reported, never opened or written to
            self._database = open_journal(self.database_target)
            if self.demo:
                from leaderlog.journal.demo import ensure_demo_data

                ensure_demo_data(self._database)
        return self._database

    def database_url(self):  # -> sqlalchemy URL (imported late)
        from leaderlog.data.engine import database_url

        return database_url(self.database_target)

    def journal_path(self) -> Path | None:
        """The journal's SQLite file, or None when the journal lives on a database server."""
        from leaderlog.data.engine import sqlite_path

        return sqlite_path(self.database_url())

    def journal_file(self) -> Path:
        """The journal's SQLite file; backups and checks do not apply to a database server."""
        path = self.journal_path()
        if path is None:
            raise DatabaseError(
                "Backup, restore and check work on a journal file; a database server "
                "is backed up and checked by its administrator."
            )
        return path

    def print(self, *parts: object, end: str = "\n") -> None:
        """Print a result; what came from the journal or the user cannot drive the terminal."""
        print(*(terminal_safe(str(part)) for part in parts), file=self.out, end=end, flush=True)

    def close(self, *, backup: bool = True) -> None:
        if self._database is not None:
            self._database.dispose()  # type: ignore[attr-defined]
            if backup:
                self._auto_backup()

    def _auto_backup(self) -> None:
        """The daily automatic backup, if the journal changed (see leaderlog.safety.backups)."""
        path = self._database.path  # type: ignore[attr-defined]
        if path is None:
            return
        from leaderlog.safety.backups import backup_if_due, load_policy

        try:
            backup_if_due(path, load_policy(self.paths.config_dir))
        except LeaderLogError as exc:
            print_error(f"warning: the automatic backup failed: {exc}")


Handler = Callable[[CommandContext, argparse.Namespace], int]
Subparsers = argparse._SubParsersAction  # type: ignore[type-arg]


def resolve_database_target(paths: AppPaths, option: str | None, demo: bool) -> str:
    """--db beats LEADERLOG_DB beats the default file; --demo always uses the separate demo file."""
    if demo:
        return str(paths.demo_database_file)
    return option or os.environ.get("LEADERLOG_DB") or str(paths.database_file)


def run_command(ctx: CommandContext, handler: Handler, args: argparse.Namespace) -> int:
    """Run one command: a user's error becomes one line on stderr and an exit code, never a traceback.

    Ctrl+C stops the command where it is: files are written atomically (a temporary file
    renamed over the target only when complete, see core.atomic) and every change is one
    transaction, so an interrupted export, import, report or backup leaves nothing
    partial; the daily automatic backup is skipped so the command ends at once.
    """
    interrupted = False
    try:
        return handler(ctx, args)
    except DatabaseError as exc:
        print_error(exc)
        return EXIT_DATABASE
    except LeaderLogError as exc:
        print_error(exc)
        return EXIT_INVALID
    except KeyboardInterrupt:
        interrupted = True
        print(INTERRUPTED_MESSAGE, file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        ctx.close(backup=not interrupted)


class SafeArgumentParser(argparse.ArgumentParser):
    """argparse, with its messages (which echo what was typed) escaped for the terminal."""

    def _print_message(self, message: str, file: TextIO | None = None) -> None:
        super()._print_message(terminal_safe(message) if message else message, file)


# ---------------------------------------------------------------- looking people up


def find_team_member(db: object, leader: object, name: str):  # -> records.TeamMember
    """The leader's team member by name (compared as the domain compares names), archived ones too.

    A name not in the team is a NotFoundError naming the team and the nearest names, so
    a misspelt "Sma Lee" reads "did you mean 'Sam Lee'?".
    """
    import difflib

    from leaderlog.core.errors import NotFoundError
    from leaderlog.core.validation import name_key
    from leaderlog.journal import people

    members = people.list_members(db, leader.id, include_archived=True)  # type: ignore[arg-type, attr-defined]
    key = name_key(name or "")
    for member in members:
        if name_key(member.name) == key:
            return member
    active = [member.name for member in members if not member.archived]
    near = difflib.get_close_matches(name or "", active, n=3, cutoff=0.6)
    near += [m for m in active if name_key(m).startswith(key) and key and m not in near][
        : 3 - len(near)
    ]
    if near:
        hint = "did you mean " + " or ".join(f"'{m}'" for m in near) + "?"
    elif active:
        hint = f"the team is {', '.join(active[:10])}{' ...' if len(active) > 10 else ''}"
    else:
        hint = "the team has no members yet"
    team = f"{leader.name}'s team"  # type: ignore[attr-defined]
    raise NotFoundError(
        "member",
        f"no team member named '{name}' in {team}; {hint} "
        f'(add someone new with `leaderlog member add NAME --leader "{leader.name}"`)',  # type: ignore[attr-defined]
    )


# ---------------------------------------------------------------- declaring commands


def add_command(
    subparsers: Subparsers,
    name: str,
    handler: Handler,
    help_text: str,
    description: str | None = None,
) -> argparse.ArgumentParser:
    """One sub-command whose --help repeats its one-line help unless a description is given."""
    parser = subparsers.add_parser(name, help=help_text, description=description or help_text)
    parser.set_defaults(handler=handler)
    return parser


def add_group(
    subparsers: Subparsers, name: str, help_text: str, description: str | None = None
) -> Subparsers:
    """A command with actions of its own (`leaderlog leader add ...`); alone it prints its help."""

    def show_help(ctx: CommandContext, args: argparse.Namespace) -> int:
        group.print_help(sys.stderr)
        return EXIT_USAGE

    group = add_command(subparsers, name, show_help, help_text, description)
    return group.add_subparsers(title=f"{name} commands", metavar="ACTION")


def bounded_int(minimum: int, maximum: int) -> Callable[[str], int]:
    """argparse type for a whole number from minimum to maximum (core.validation's rule); the message names both."""

    def whole_number(text: str) -> int:
        try:
            return as_whole_number(text, "number", minimum, maximum)
        except ValidationError as exc:
            raise argparse.ArgumentTypeError(exc.plain_message) from None

    whole_number.__name__ = f"whole number from {minimum} to {maximum}"
    return whole_number


# ids are SQLite's (and PostgreSQL's bigint) positive integers: core.validation.MAX_ID
entry_id_arg = bounded_int(1, MAX_ID)


def date_arg(text: str) -> dt.date:
    """argparse type for dates: ISO, 'today' / 'yesterday' / 'tomorrow' or +N / -N days from today.

    The domain's date policy (core.dates.parse_date) decides what a date may be; what
    it refuses is a usage error naming the allowed forms or range.
    """
    try:
        return parse_date(text)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(exc.plain_message) from None


def add_date_option(
    parser: argparse.ArgumentParser,
    help_text: str = "the day (YYYY-MM-DD, 'today' or 'yesterday'; default today)",
) -> None:
    parser.add_argument("--date", type=date_arg, default=dt.date.today(), help=help_text)


def add_period_options(parser: argparse.ArgumentParser) -> None:
    """--from / --to, both inclusive."""
    parser.add_argument("--from", dest="start", type=date_arg, help="first date (inclusive)")
    parser.add_argument("--to", dest="end", type=date_arg, help="last date (inclusive)")


# ---------------------------------------------------------------- output


def table(rows: Sequence[Sequence[object]], headers: Sequence[str]) -> str:
    """A plain-text table: left-aligned columns under a dashed rule."""
    cells = [[str(h) for h in headers], *[[("" if c is None else str(c)) for c in r] for r in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def one_line(text: str, width: int = 60) -> str:
    """The text on one line, cut with an ellipsis past ``width`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
