"""`leaderlog demo`: fill a journal with realistic sample data."""

from __future__ import annotations

import argparse

from leaderlog.cli.common import EXIT_OK, CommandContext, Subparsers, add_command, bounded_int

MIN_WEEKS, MAX_WEEKS = 26, 520  # half a year to ten years of sample history
MAX_SEED = 2**32 - 1


def cmd_demo(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal.demo import fill_demo

    summary = fill_demo(ctx.database(), seed=args.seed, weeks=args.weeks, force=args.force)
    ctx.print(summary.describe())
    return EXIT_OK


def register(subparsers: Subparsers) -> None:
    """The `demo` command."""
    p = add_command(subparsers, "demo", cmd_demo, "fill the database with realistic demo data")
    p.add_argument(
        "--seed",
        type=bounded_int(0, MAX_SEED),
        default=7,
        help=f"random seed, 0 to {MAX_SEED} (same seed, same data; default 7)",
    )
    p.add_argument(
        "--weeks",
        type=bounded_int(MIN_WEEKS, MAX_WEEKS),
        default=52,
        help=f"how many weeks of history ({MIN_WEEKS} to {MAX_WEEKS}; default 52)",
    )
    p.add_argument(
        "--force", action="store_true", help="add demo data even if the database is not empty"
    )
