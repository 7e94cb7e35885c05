"""The command line's front door: `run(argv)` builds the parser from each command module's `register` and runs one command, or opens the window.

Results go to stdout; user errors go to stderr as one line with a non-zero exit code
(1 for invalid input, 3 for database problems), never a traceback (see leaderlog.cli.common).
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence

from leaderlog import __version__
from leaderlog.cli.common import (
    EXIT_DATABASE,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    CommandContext,
    Handler,
    resolve_database_target,
    run_command,
)
from leaderlog.core.paths import AppPaths

__all__ = [
    "EXIT_DATABASE",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "build_parser",
    "main",
    "run",
]


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; each sub-command carries its own --help."""
    # The command modules load here, not at import: opening the window never needs them.
    from leaderlog.cli import (
        calendar,
        demo,
        desktop,
        entries,
        people,
        reports,
        safety,
        team,
        transfer,
        where,
    )

    parser = argparse.ArgumentParser(
        prog="leaderlog",
        description="LeaderLog: a daily coaching journal for frontline leaders. "
        "With no command it opens the desktop app.",
        epilog="Data lives in your user data folder; see `leaderlog where`.",
    )
    parser.add_argument("--version", action="version", version=f"LeaderLog {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="database file or SQLAlchemy URL (default: $LEADERLOG_DB, else the file in your data folder)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use the separate demo journal (filled with sample data on first use), never your real one",
    )
    parser.add_argument(
        "--minimized",
        action="store_true",
        help="open the window minimised (in the tray when the daily reminder keeps it there); "
        "what the start-at-login entry uses",
    )
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    # the order here is the order `leaderlog --help` lists the commands in
    for module in (
        people,
        calendar,
        entries,
        demo,
        transfer,
        safety,
        team,
        desktop,
        reports,
        where,
    ):
        module.register(subparsers)
    return parser


def _window_only(argv: Sequence[str]) -> tuple[str | None, bool, bool] | None:
    """(--db, --demo, --minimized) when the arguments only say how the window opens, else None.

    Opening the window is the common case and its start-up is timed: it skips building
    every sub-command's parser (~20 ms). A command, --help, --version or a mistake goes
    through argparse as before.
    """
    database, demo, minimized, words = None, False, False, list(argv)
    while words:
        word = words.pop(0)
        if word == "--demo":
            demo = True
        elif word == "--minimized":
            minimized = True
        elif word == "--db" and words and not words[0].startswith("-"):
            database = words.pop(0)
        elif word.startswith("--db="):
            database = word.removeprefix("--db=")
        else:
            return None
    return database, demo, minimized


def run(argv: Sequence[str], paths: AppPaths | None = None) -> int:
    """Run the command line; return the process exit code."""
    window = _window_only(argv)
    if window is not None:
        # Start-up creates hundreds of thousands of long-lived objects (Qt, SQLAlchemy,
        # the domain); collecting garbage while they load costs ~40 ms of CPU. run_app
        # turns it back on once the journal is on screen.
        gc.disable()
        from leaderlog.ui.start.app import run_app

        paths = paths or AppPaths.default()
        database, demo, minimized = window
        return run_app(
            paths, resolve_database_target(paths, database, demo), demo=demo, minimized=minimized
        )
    parser = build_parser()
    args = parser.parse_args(list(argv))
    paths = paths or AppPaths.default()
    target = resolve_database_target(paths, args.db, args.demo)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        from leaderlog.ui.start.app import run_app

        return run_app(paths, target, demo=args.demo, minimized=args.minimized)
    return run_command(CommandContext(paths, target, args.demo), handler, args)


def main(argv: Sequence[str] | None = None) -> int:
    """`leaderlog` as a console script: the arguments after the program's name."""
    return run(sys.argv[1:] if argv is None else argv)
