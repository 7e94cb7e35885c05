"""`leaderlog export|week-start|import`: CSV files out of and into the journal, and the week start weekly rows use."""

from __future__ import annotations

import argparse
import sys

from leaderlog.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    CommandContext,
    Subparsers,
    add_command,
    add_period_options,
    print_error,
    terminal_safe,
)

WEEK_STARTS = ("monday", "sunday")


def cmd_export(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import people
    from leaderlog.transfer.csv_export import export_csv

    db = ctx.database()
    leader_ids = [people.find_leader(db, name).id for name in args.leader] if args.leader else None
    options: dict[str, object] = {"week_start": args.week_start} if args.week_start else {}
    result = export_csv(
        db, args.what, args.out, leader_ids=leader_ids, start=args.start, end=args.end,
        bom=args.bom, **options,
    )  # fmt: skip
    ctx.print(f"Wrote {result.rows} {result.what} rows to {result.path}")
    return EXIT_OK


def cmd_week_start(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.reports import reporting

    db = ctx.database()
    if args.day is None:
        ctx.print(f"Weeks start on {reporting.get_week_start(db).capitalize()}")
    else:
        ctx.print(f"Weeks now start on {reporting.set_week_start(db, args.day).capitalize()}")
    return EXIT_OK


def cmd_import(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.transfer.csv_import import ImportFailedError, import_csv

    try:
        result = import_csv(ctx.database(), args.file, create_missing=args.create_missing)
    except ImportFailedError as exc:
        more = " (only the first ones are shown)" if exc.truncated else ""
        print_error(f"{exc.path}: nothing was imported; {len(exc.problems)} problem(s){more}:")
        for problem in exc.problems:
            print(f"  {terminal_safe(str(problem))}", file=sys.stderr)
        return EXIT_INVALID
    ctx.print(result.describe())
    return EXIT_OK


def register(subparsers: Subparsers) -> None:
    """`export`, then `week-start` (the journal's setting the weekly export follows), then `import`."""
    p = add_command(
        subparsers,
        "export",
        cmd_export,
        "export entries or weekly summaries to CSV",
        "Write a spreadsheet-safe UTF-8 CSV of raw entries or of weekly summaries "
        "(columns: docs/csv-format.md).",
    )
    p.add_argument("--what", required=True, choices=("entries", "weekly"))
    p.add_argument("--out", required=True, metavar="FILE", help="the CSV file to write")
    p.add_argument("--leader", action="append", help="only this leader (repeatable)")
    add_period_options(p)
    p.add_argument(
        "--bom", action="store_true", help="start with a UTF-8 BOM (for spreadsheets that need it)"
    )
    p.add_argument(
        "--week-start",
        choices=WEEK_STARTS,
        help="weekly: first day of the week (default: the journal's setting, see week-start)",
    )
    p = add_command(
        subparsers,
        "week-start",
        cmd_week_start,
        "show or set the first day of the week for all reports",
    )
    p.add_argument("day", nargs="?", choices=WEEK_STARTS)
    p = add_command(
        subparsers,
        "import",
        cmd_import,
        "import entries from CSV (all or nothing)",
        "Import LeaderLog's entries CSV, or a simple sheet with the columns "
        "date,leader,minutes,note. Every row is checked first; on any problem nothing is "
        "imported. Entries already present (same UUID) are skipped.",
    )
    p.add_argument("file", help="the CSV file (UTF-8, with or without BOM)")
    p.add_argument(
        "--create-missing",
        action="store_true",
        help="create leaders, team members and standards the file names but the journal lacks",
    )
