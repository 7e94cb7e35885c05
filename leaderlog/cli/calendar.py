"""`leaderlog leave|holidays ...`: the days off that never count against a leader."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from leaderlog.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    CommandContext,
    Subparsers,
    add_command,
    add_group,
    date_arg,
    one_line,
    print_error,
    table,
)
from leaderlog.core.text import terminal_safe

LEAVE_KIND_CHOICES = ("vacation", "sick", "training", "other")
"""core.schedule.LEAVE_KINDS, spelt out so `--help` needs no import of the domain"""


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _workdays_off(db: object, leader_id: int, first: dt.date, last: dt.date) -> int:
    """How many of the leader's workdays a range of leave takes (holidays and rest days not)."""
    from leaderlog.journal import settings_history

    calendar = settings_history.calendar_for(db, leader_id, first, last)  # type: ignore[arg-type]
    return sum(1 for day in calendar.days(first, last) if day.kind == "leave")


# ---------------------------------------------------------------- leave


def cmd_leave_add(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import people, time_off

    db = ctx.database()
    leader = people.find_leader(db, args.leader)
    added = time_off.add(db, leader.id, args.first, args.last, args.kind, args.note)
    off = _workdays_off(db, leader.id, added.first_day, added.last_day)
    start = people.start_date(db, leader.id)
    before = (
        f" (their record starts {start.isoformat()})" if added.first_day < start and not off else ""
    )
    ctx.print(
        f"Added {added.describe().lower()} for {leader.name} (#{added.id}): "
        f"{_plural(off, 'workday')} off{before}"
    )
    return EXIT_OK


def cmd_leave_list(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.core.schedule import LEAVE_LABELS
    from leaderlog.journal import people, time_off

    db = ctx.database()
    leaders = {leader.id: leader for leader in people.list_leaders(db, include_archived=True)}
    ids = [people.find_leader(db, args.leader).id] if args.leader else None
    ranges = time_off.list_time_off(db, ids, args.start, args.end)
    if not ranges:
        ctx.print(
            "No leave recorded"
            + (" in that period" if args.start or args.end else "")
            + '. Add some: leaderlog leave add --leader "Ana Ruiz" --from 2026-08-03 --to 2026-08-14'
        )
        return EXIT_OK
    rows = [
        (
            item.id,
            leaders[item.leader_id].name,
            item.first_day.isoformat(),
            item.last_day.isoformat(),
            item.calendar_days,
            LEAVE_LABELS.get(item.kind, item.kind),
            one_line(item.note, 40),
        )
        for item in ranges
    ]
    ctx.print(table(rows, ("id", "leader", "from", "to", "days", "kind", "note")))
    return EXIT_OK


def cmd_leave_delete(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import people, time_off

    db = ctx.database()
    removed = time_off.delete(db, args.id)
    leader = people.get_leader(db, removed.leader_id)
    ctx.print(f"Deleted {removed.describe().lower()} of {leader.name} (#{removed.id})")
    return EXIT_OK


def cmd_leave_export(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import people
    from leaderlog.transfer.time_off_csv import export_leave

    db = ctx.database()
    leader = people.find_leader(db, args.leader) if args.leader else None
    path = Path(args.file).expanduser()
    count = export_leave(db, path, None if leader is None else [leader.id])
    whose = f" of {leader.name}" if leader else ""
    ctx.print(f"Exported {_plural(count, 'range')} of leave{whose} to {path}")
    return EXIT_OK


def cmd_leave_import(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.transfer.csv_import import ImportFailedError
    from leaderlog.transfer.time_off_csv import import_leave

    try:
        result = import_leave(ctx.database(), Path(args.file).expanduser())
    except ImportFailedError as exc:
        print_error(f"{exc.path}: nothing was imported; {exc.summary()}:")
        for problem in exc.problems:
            print(f"  {terminal_safe(str(problem))}", file=sys.stderr)
        return EXIT_INVALID
    ctx.print(result.describe())
    return EXIT_OK


# ---------------------------------------------------------------- holidays


def _whose(team: str) -> str:
    return f"team {team}" if team else "the organisation"


def cmd_holidays_set(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import holidays

    db = ctx.database()
    calendar = holidays.set_calendar(db, args.country, args.subdiv, args.team)
    year = dt.date.today().year
    count = sum(1 for h in holidays.list_holidays(db, calendar.team, year) if h.source == "public")
    where = calendar.country_name + (f" ({calendar.subdivision})" if calendar.subdivision else "")
    ctx.print(
        f"{_whose(calendar.team)[0].upper()}{_whose(calendar.team)[1:]} now has the public holidays of {where}: "
        f"{_plural(count, 'day')} in {year}"
    )
    return EXIT_OK


def cmd_holidays_add(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import holidays

    day = holidays.add_company_day(ctx.database(), args.date, args.name, args.team)
    ctx.print(
        f"Added company day {day.day.isoformat()} '{day.name}' for {_whose(day.team)} (#{day.id})"
    )
    return EXIT_OK


def cmd_holidays_import(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import holidays

    path = Path(args.file).expanduser()
    result = holidays.import_company_days(ctx.database(), path, args.team)
    ctx.print(
        f"Imported {path.name} for {_whose(' '.join((args.team or '').split()))}: "
        f"{result.added} added, {result.renamed} renamed, {result.unchanged} already there"
    )
    return EXIT_OK


def cmd_holidays_export(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.transfer.time_off_csv import export_company_days

    path = Path(args.file).expanduser()
    count = export_company_days(ctx.database(), path, args.team)
    ctx.print(
        f"Exported {_plural(count, 'company day')} of "
        f"{_whose(' '.join((args.team or '').split()))} to {path} "
        "(public holidays are not exported: they come from `leaderlog holidays set`)"
    )
    return EXIT_OK


def cmd_holidays_list(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import holidays

    db = ctx.database()
    year = args.year or dt.date.today().year
    calendar = holidays.calendar_of(db, args.team)
    found = holidays.list_holidays(db, args.team, year)
    source = (
        f"public holidays of {calendar.country_name}"
        + (f" ({calendar.subdivision})" if calendar.subdivision else "")
        if calendar is not None
        else "no public holiday calendar"
    )
    ctx.print(f"Days off of {_whose(' '.join((args.team or '').split()))} in {year}: {source}")
    if not found:
        ctx.print(
            "No holidays. Choose a country: leaderlog holidays set --country US, "
            'or add a company day: leaderlog holidays add --date 2026-12-24 --name "Christmas Eve"'
        )
        return EXIT_OK
    rows = [
        (h.day.isoformat(), h.day.strftime("%a"), h.name, h.source)
        for h in found  # the weekday tells at a glance whether it falls on a workday
    ]
    ctx.print(table(rows, ("date", "day", "holiday", "source")))
    return EXIT_OK


def year_arg(text: str) -> int:
    """argparse type for a calendar year the holidays package knows."""
    try:
        year = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a year; use e.g. 2026") from None
    if not 1900 <= year <= 2199:
        raise argparse.ArgumentTypeError(f"{year} is out of range; use a year from 1900 to 2199")
    return year


# ---------------------------------------------------------------- sub-commands


def register(subparsers: Subparsers) -> None:
    """The `leave` and `holidays` command groups."""
    leave = add_group(subparsers, "leave", "record, list or delete a leader's time off")
    p = add_command(
        leave,
        "add",
        cmd_leave_add,
        "record leave (a workday on leave never counts against the leader)",
    )
    p.add_argument("--leader", required=True)
    p.add_argument("--from", dest="first", required=True, type=date_arg, help="first day off")
    p.add_argument("--to", dest="last", type=date_arg, help="last day off (default: --from)")
    p.add_argument("--kind", choices=LEAVE_KIND_CHOICES, default="vacation")
    p.add_argument("--note", default="")
    p = add_command(leave, "list", cmd_leave_list, "list leave, of one leader or all")
    p.add_argument("--leader")
    p.add_argument("--from", dest="start", type=date_arg, help="ranges ending on or after")
    p.add_argument("--to", dest="end", type=date_arg, help="ranges starting on or before")
    p = add_command(leave, "delete", cmd_leave_delete, "delete a range of leave by its id")
    p.add_argument("id", type=int, help="the id `leaderlog leave list` shows")
    p = add_command(
        leave,
        "export",
        cmd_leave_export,
        "write leave to a CSV (uuid,leader,from,to,kind,note; docs/csv-format.md)",
    )
    p.add_argument("file", help="the CSV file to write")
    p.add_argument("--leader", help="only this leader's leave (default: everyone's)")
    p = add_command(
        leave,
        "import",
        cmd_leave_import,
        "read leave from a CSV: all rows or none; the same file twice changes nothing",
    )
    p.add_argument("file", help="a CSV with the columns leader,from (uuid,to,kind,note optional)")

    days = add_group(subparsers, "holidays", "public holidays and company days off")
    team_help = "a team's own calendar (default: the organisation's, which every team uses)"
    p = add_command(
        days,
        "set",
        cmd_holidays_set,
        "use a country's (and region's) public holidays, from the holidays package",
    )
    p.add_argument("--team", default="", help=team_help)
    p.add_argument("--country", required=True, help="country code or name: US, GB, DE, ES, ...")
    p.add_argument("--subdiv", help="subdivision code or name: SCT, BY, MD, CA, ...")
    p = add_command(days, "add", cmd_holidays_add, "add a company day off")
    p.add_argument("--team", default="", help=team_help)
    p.add_argument("--date", required=True, type=date_arg)
    p.add_argument("--name", required=True)
    p = add_command(
        days,
        "import",
        cmd_holidays_import,
        "import company days from an .ics or a CSV (date,name) file: all or nothing",
    )
    p.add_argument("file")
    p.add_argument("--team", default="", help=team_help)
    p = add_command(
        days,
        "export",
        cmd_holidays_export,
        "write company days to a CSV (date,name) that `holidays import` reads back",
    )
    p.add_argument("file", help="the CSV file to write")
    p.add_argument(
        "--team", default="", help="a team's own company days (default: the organisation's)"
    )
    p = add_command(days, "list", cmd_holidays_list, "list a year's holidays and company days")
    p.add_argument("--team", default="", help=team_help)
    p.add_argument("--year", type=year_arg, help="default: this year")
