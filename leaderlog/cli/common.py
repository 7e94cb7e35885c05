"""What every command shares: exit codes, the command context (paths, database, output), argument types, tables and error handling.

Results go to stdout; user errors go to stderr as one line with a non-zero exit code
(1 for invalid input, 3 for database problems), never a traceback. This module imports
no command module, so every command module can import it without a cycle.
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

from leaderlog.core.errors import DatabaseError, LeaderLogError
from leaderlog.core.paths import AppPaths

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_DATABASE = 3
EXIT_INTERRUPTED = 130


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

    def print(self, *parts: object) -> None:
        print(*parts, file=self.out)

    def close(self) -> None:
        if self._database is not None:
            self._database.dispose()  # type: ignore[attr-defined]
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
            print(f"leaderlog: warning: the automatic backup failed: {exc}", file=sys.stderr)


Handler = Callable[[CommandContext, argparse.Namespace], int]
Subparsers = argparse._SubParsersAction  # type: ignore[type-arg]


def resolve_database_target(paths: AppPaths, option: str | None, demo: bool) -> str:
    """--db beats LEADERLOG_DB beats the default file; --demo always uses the separate demo file."""
    if demo:
        return str(paths.demo_database_file)
    return option or os.environ.get("LEADERLOG_DB") or str(paths.database_file)


def run_command(ctx: CommandContext, handler: Handler, args: argparse.Namespace) -> int:
    """Run one command: a user's error becomes one line on stderr and an exit code, never a traceback."""
    try:
        return handler(ctx, args)
    except DatabaseError as exc:
        print(f"leaderlog: {exc}", file=sys.stderr)
        return EXIT_DATABASE
    except LeaderLogError as exc:
        print(f"leaderlog: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("leaderlog: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        ctx.close()


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


def date_arg(text: str) -> dt.date:
    """argparse type for dates: ISO, or 'today' / 'yesterday' / '+7' (days from today)."""
    from leaderlog.core.validation import as_date

    lowered = text.strip().lower()
    today = dt.date.today()
    if lowered == "today":
        return today
    if lowered == "yesterday":
        return today - dt.timedelta(days=1)
    if lowered.startswith("+") and lowered[1:].isdigit():
        return today + dt.timedelta(days=int(lowered[1:]))
    try:
        return as_date(text)
    except LeaderLogError as exc:
        raise argparse.ArgumentTypeError(exc.plain_message) from None  # type: ignore[attr-defined]


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
