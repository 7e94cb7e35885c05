"""`leaderlog demo`: fill a journal with realistic sample data."""

from __future__ import annotations

import argparse

from leaderlog.cli.common import EXIT_OK, CommandContext, Subparsers, add_command


def cmd_demo(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal.demo import fill_demo

    summary = fill_demo(ctx.database(), seed=args.seed, weeks=args.weeks, force=args.force)
    ctx.print(summary.describe())
    return EXIT_OK


def register(subparsers: Subparsers) -> None:
    """The `demo` command."""
    p = add_command(subparsers, "demo", cmd_demo, "fill the database with realistic demo data")
    p.add_argument("--seed", type=int, default=7, help="random seed (same seed, same data)")
    p.add_argument("--weeks", type=int, default=52, help="how many weeks of history (at least 26)")
    p.add_argument(
        "--force", action="store_true", help="add demo data even if the database is not empty"
    )
