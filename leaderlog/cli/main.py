"""The command line's front door: `run(argv)` builds the parser from each command module's `register` and runs one command, or opens the window.

Results go to stdout; user errors go to stderr as one line with a non-zero exit code
(1 for invalid input, 2 for usage, 3 for database problems, 130 after Ctrl+C, 141 when
the reader of a pipe went away), never a traceback (see leaderlog.cli.common).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence

from leaderlog import __version__
from leaderlog.cli.common import (
    EXIT_BROKEN_PIPE,
    EXIT_DATABASE,
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    INTERRUPTED_MESSAGE,
    CommandContext,
    Handler,
    SafeArgumentParser,
    print_error,
    resolve_database_target,
    run_command,
)
from leaderlog.core.paths import AppPaths

__all__ = [
    "EXIT_BROKEN_PIPE",
    "EXIT_DATABASE",
    "EXIT_INTERRUPTED",
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

    # sub-command parsers inherit the class: every argparse message is escaped
    parser = SafeArgumentParser(
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


def _first_undecodable(argv: Sequence[str]) -> int | None:
    """The index of the first word holding bytes that were not UTF-8 (lone surrogates, see os.fsdecode)."""
    for index, word in enumerate(argv):
        try:
            word.encode("utf-8")
        except UnicodeEncodeError:
            return index
    return None


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
    undecodable = _first_undecodable(argv)
    if undecodable is not None:
        print_error(
            f"argument {undecodable + 1} ({argv[undecodable]!r}) holds bytes that are not UTF-8 "
            "text; names, notes and file names must be UTF-8"
        )
        return EXIT_USAGE
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
    """`leaderlog` as a console script: the arguments after the program's name.

    Two ways a command ends early without a traceback: Ctrl+C (one line, status 130,
    nothing partial left: see run_command) and a closed pipe (`leaderlog list | head -1`:
    nothing more to say to a reader who left, status 141).
    """
    _escape_unprintable_output()
    try:
        code = run(sys.argv[1:] if argv is None else argv)
        sys.stdout.flush()  # a closed pipe shows here, not at the interpreter's exit
        return code
    except BrokenPipeError:
        _silence_closed_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:  # while parsing or opening, before a command's own handling
        print(INTERRUPTED_MESSAGE, file=sys.stderr)
        return EXIT_INTERRUPTED


def _escape_unprintable_output() -> None:
    """Text the terminal's encoding cannot show (an undecodable file name in argv) is escaped, not fatal."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _silence_closed_stdout() -> None:
    """Point stdout at the null device, as the Python docs advise for SIGPIPE.

    Python flushes stdout again at exit; into the closed pipe that would print
    "Exception ignored ... BrokenPipeError" after all.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout is no real file (a test's capture)
        pass
