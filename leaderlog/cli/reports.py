"""`leaderlog report`: a leader's review pack as a PDF."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from leaderlog.cli.common import EXIT_OK, CommandContext, Subparsers, add_command, date_arg

REVIEW_WEEKS = 12


def cmd_report(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import people
    from leaderlog.reports import overview
    from leaderlog.reports.review_pack import write_review_pack

    db = ctx.database()
    leader = people.find_leader(db, args.leader)
    today = dt.date.today()
    end = args.end or today
    start = args.start or overview.last_weeks(REVIEW_WEEKS, end)[0]
    out = Path(args.out).expanduser()
    pages = write_review_pack(db, leader, start, end, out, today=today)
    ctx.print(f"Wrote {leader.name}'s review pack for {start} to {end} ({pages} pages) to {out}")
    return EXIT_OK


def register(subparsers: Subparsers) -> None:
    """The `report` command (matplotlib loads only when it runs)."""
    p = add_command(
        subparsers,
        "report",
        cmd_report,
        "write a leader's review pack PDF (charts, weekly table, follow-ups)",
    )
    p.add_argument("--leader", required=True, help="the leader's name")
    p.add_argument("--from", dest="start", type=date_arg, help="first day (default: 12 weeks ago)")
    p.add_argument("--to", dest="end", type=date_arg, help="last day (default: today)")
    p.add_argument("--out", required=True, help="the PDF file to write")
