"""`leaderlog leader|member|standard ...`: the people and standards a journal is about, and a member's privacy rights."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path

from leaderlog.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    CommandContext,
    Subparsers,
    add_command,
    add_group,
    bounded_int,
    date_arg,
    find_team_member,
    one_line,
    table,
)

# the domain's bounds (core.validation: as_minutes, as_count), checked here first so
# --help can name them and a mistake is a usage error
MAX_TARGET_MINUTES = 1440
MAX_TARGET_COUNT = 1000
TARGET_OPTIONS = (
    ("--target-minutes", MAX_TARGET_MINUTES, "customer-facing minutes per workday", 60),
    ("--target-coaching", MAX_TARGET_COUNT, "coaching conversations per week", 3),
    ("--target-reinforcement", MAX_TARGET_COUNT, "reinforcement actions per week", 5),
)

_NO_START = object()
"""`leader edit` without --start ('auto' gives None: derive the start again)"""

# ---------------------------------------------------------------- leaders


def cmd_leader_add(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import people

    leader = people.add_leader(
        ctx.database(),
        args.name,
        team=args.team,
        workdays=args.workdays,
        target_minutes=args.target_minutes,
        target_coaching=args.target_coaching,
        target_reinforcement=args.target_reinforcement,
    )
    ctx.print(
        f"Added leader {leader.name} (team {leader.team or '-'}, works {leader.work_pattern}, "
        f"targets {leader.target_minutes} min/day, {leader.target_coaching} coaching/week, "
        f"{leader.target_reinforcement} reinforcements/week)"
    )
    return EXIT_OK


def cmd_leader_edit(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.core.validation import as_work_pattern
    from leaderlog.journal import people

    db = ctx.database()
    leader = people.find_leader(db, args.name)
    changes: dict[str, object] = {}
    if args.new_name is not None:
        changes["name"] = args.new_name
    if args.team is not None:
        changes["team"] = args.team
    if args.workdays is not None:
        changes["work_pattern"] = as_work_pattern(args.workdays)
    for option in ("target_minutes", "target_coaching", "target_reinforcement"):
        if getattr(args, option) is not None:
            changes[option] = getattr(args, option)
    start_given = args.start is not _NO_START
    if not changes and not start_given:
        ctx.print("Nothing to change; give at least one option (see --help).")
        return EXIT_INVALID
    if changes:
        saved = people.edit_leader(db, replace(leader, **changes), args.effective_from)  # type: ignore[arg-type]
        dated = changes.keys() - {"name"}
        since = (args.effective_from or dt.date.today()).isoformat()
        ctx.print(f"Updated leader {saved.name}" + (f" (from {since})" if dated else ""))
        leader = saved
    if start_given:
        start = people.set_start_date(db, leader.id, args.start)
        how = "set by hand" if args.start is not None else "the earlier of added and first entry"
        ctx.print(f"{leader.name}'s record starts {start.isoformat()} ({how})")
    return EXIT_OK


def cmd_leader_archive(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import people

    db = ctx.database()
    leader = people.archive_leader(db, people.find_leader(db, args.name).id, not args.undo)
    ctx.print(f"{'Brought back' if args.undo else 'Archived'} leader {leader.name}")
    return EXIT_OK


def cmd_leader_list(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import people

    leaders = people.list_leaders(ctx.database(), include_archived=args.all)
    if not leaders:
        ctx.print('No leaders yet. Add one: leaderlog leader add "Ana Ruiz" --team North')
        return EXIT_OK
    rows = [
        (
            leader.name,
            leader.team,
            str(leader.work_pattern),
            leader.target_minutes,
            leader.target_coaching,
            leader.target_reinforcement,
            "archived" if leader.archived else "",
        )
        for leader in leaders
    ]
    headers = ("leader", "team", "workdays", "min/day", "coach/wk", "reinf/wk", "")
    ctx.print(table(rows, headers))
    return EXIT_OK


# ---------------------------------------------------------------- dated settings and start date


def cmd_leader_history(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import people, settings_history

    db = ctx.database()
    leader = people.find_leader(db, args.name)
    start = people.start_date(db, leader.id)
    changes = settings_history.history(db, leader.id)
    rows = [
        (
            c.effective_from.isoformat(),
            c.team or "-",
            str(c.pattern),
            c.target_minutes,
            c.target_coaching,
            c.target_reinforcement,
        )
        for c in changes
    ] or [  # never changed: one period from the start, with the leader's settings
        (
            start.isoformat(),
            leader.team or "-",
            str(leader.work_pattern),
            leader.target_minutes,
            leader.target_coaching,
            leader.target_reinforcement,
        )
    ]
    ctx.print(f"{leader.name}: record starts {start.isoformat()}")
    ctx.print(table(rows, ("from", "team", "workdays", "min/day", "coach/wk", "reinf/wk")))
    return EXIT_OK


def start_arg(text: str) -> dt.date | None:
    """argparse type for --start: a date, or 'auto' for the earlier of added and first entry."""
    return None if text.strip().lower() == "auto" else date_arg(text)


def _add_dated_edit_options(parser: argparse.ArgumentParser) -> None:
    """`leader edit`'s --from and --start."""
    parser.add_argument(
        "--from",
        dest="effective_from",
        type=date_arg,
        metavar="DATE",
        help="the day a team, workdays or target change takes effect (default today); "
        "weeks before it keep the settings in force then",
    )
    parser.add_argument(
        "--start",
        type=start_arg,
        default=_NO_START,
        metavar="DATE",
        help="the day the leader's record starts (nothing before it is a miss); "
        "'auto': the earlier of the day they were added and their first entry",
    )


def _register_leader_history(leader_group: Subparsers) -> None:
    p = add_command(
        leader_group,
        "history",
        cmd_leader_history,
        "show a leader's start date and their settings history (team, workdays, targets by date)",
    )
    p.add_argument("name")


# ---------------------------------------------------------------- team members


def cmd_member_add(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import people

    db = ctx.database()
    leader = people.find_leader(db, args.leader)
    member = people.add_member(db, leader.id, args.name)
    ctx.print(f"Added {member.name} to {leader.name}'s team")
    return EXIT_OK


def cmd_member_archive(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import people

    db = ctx.database()
    leader = people.find_leader(db, args.leader)
    member = find_team_member(db, leader, args.name)
    people.archive_member(db, member.id, not args.undo)
    ctx.print(f"{'Brought back' if args.undo else 'Archived'} {member.name} ({leader.name}'s team)")
    return EXIT_OK


def cmd_member_list(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import people

    db = ctx.database()
    leaders = {leader.id: leader for leader in people.list_leaders(db, include_archived=True)}
    leader_id = people.find_leader(db, args.leader).id if args.leader else None
    members = people.list_members(db, leader_id, include_archived=args.all)
    if not members:
        ctx.print(
            'No team members yet. Add one: leaderlog member add "Sam Lee" --leader "Ana Ruiz"'
        )
        return EXIT_OK
    rows = [(m.name, leaders[m.leader_id].name, "archived" if m.archived else "") for m in members]
    ctx.print(table(rows, ("member", "leader", "")))
    return EXIT_OK


def cmd_member_export(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import people
    from leaderlog.transfer import privacy

    db = ctx.database()
    member = find_team_member(db, people.find_leader(db, args.leader), args.name)
    result = privacy.export_member(db, member.id, Path(args.out).expanduser())
    ctx.print(
        f"Wrote everything about {result.member_name} to {result.path}: "
        f"{result.coaching_notes} coaching notes, {result.reinforcements} reinforcements "
        f"and {result.mentions} mentions in other entries."
    )
    return EXIT_OK


def cmd_member_erase(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import people
    from leaderlog.safety import backups
    from leaderlog.transfer import privacy

    db = ctx.database()
    member = find_team_member(db, people.find_leader(db, args.leader), args.name)
    ctx.print(privacy.erase_plan(db, member.id).describe())
    if not args.yes:
        ctx.print(f"Type the name '{member.name}' to erase them: ", end="")
        answer = sys.stdin.readline()
        if answer.strip().casefold() != member.name.casefold():
            ctx.print("Nothing was erased.")
            return EXIT_INVALID
    outcome = privacy.erase_member(
        db, member.id, backup_policy=backups.load_policy(ctx.paths.config_dir)
    )
    ctx.print(f"Erased {member.name}.")
    if db.path is not None and args.purge_backups:
        fresh, removed = backups.purge_backups(db.path)
        ctx.print(f"Deleted {len(removed)} backups that held their data; kept {fresh.path}")
    elif outcome.backup is not None:
        ctx.print(
            f"The backup made just before ({outcome.backup.path}) and older backups still "
            "hold their data; `leaderlog backup --purge` replaces every backup with a fresh one."
        )
    return EXIT_OK


# ---------------------------------------------------------------- service standards


def cmd_standard_add(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import people

    standard = people.add_standard(ctx.database(), args.name, args.description)
    ctx.print(f"Added standard '{standard.name}'")
    return EXIT_OK


def cmd_standard_archive(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import people

    db = ctx.database()
    standard = people.find_standard(db, args.name)
    people.archive_standard(db, standard.id, not args.undo)
    ctx.print(f"{'Brought back' if args.undo else 'Archived'} standard '{standard.name}'")
    return EXIT_OK


def cmd_standard_list(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import people

    standards = people.list_standards(ctx.database(), include_archived=args.all)
    if not standards:
        ctx.print('No standards yet. Add one: leaderlog standard add "Greet within 10 seconds"')
        return EXIT_OK
    rows = [(s.name, one_line(s.description), "archived" if s.archived else "") for s in standards]
    ctx.print(table(rows, ("standard", "description", "")))
    return EXIT_OK


# ---------------------------------------------------------------- sub-commands


def register(subparsers: Subparsers) -> None:
    """The `leader`, `member` and `standard` command groups."""
    _register_leader(subparsers)
    _register_member(subparsers)
    _register_standard(subparsers)


def _register_leader(subparsers: Subparsers) -> None:
    leader = add_group(subparsers, "leader", "add, edit, archive or list leaders")
    p = add_command(leader, "add", cmd_leader_add, "add a leader")
    p.add_argument("name")
    p.add_argument("--team", default="", help="team or site")
    p.add_argument(
        "--workdays", default="mon-fri", help="work pattern, e.g. mon-fri, tue-sat, mon,wed,fri"
    )
    for flag, maximum, what, default in TARGET_OPTIONS:
        p.add_argument(
            flag,
            type=bounded_int(0, maximum),
            default=default,
            help=f"{what}, 0 to {maximum} (default {default})",
        )
    p = add_command(
        leader, "edit", cmd_leader_edit, "change a leader's name, team, work pattern or targets"
    )
    p.add_argument("name")
    p.add_argument("--name", dest="new_name", metavar="NEW_NAME")
    p.add_argument("--team")
    p.add_argument("--workdays")
    for flag, maximum, what, _default in TARGET_OPTIONS:
        p.add_argument(flag, type=bounded_int(0, maximum), help=f"{what}, 0 to {maximum}")
    _add_dated_edit_options(p)
    _register_leader_history(leader)
    p = add_command(leader, "archive", cmd_leader_archive, "archive a leader (entries are kept)")
    p.add_argument("name")
    p.add_argument("--undo", action="store_true", help="bring an archived leader back")
    p = add_command(leader, "list", cmd_leader_list, "list leaders")
    p.add_argument("--all", action="store_true", help="include archived leaders")


def _register_member(subparsers: Subparsers) -> None:
    member = add_group(subparsers, "member", "add, archive or list team members")
    p = add_command(member, "add", cmd_member_add, "add a team member to a leader's team")
    p.add_argument("name")
    p.add_argument("--leader", required=True)
    p = add_command(member, "archive", cmd_member_archive, "archive a team member (notes are kept)")
    p.add_argument("name")
    p.add_argument("--leader", required=True)
    p.add_argument("--undo", action="store_true", help="bring an archived member back")
    p = add_command(member, "list", cmd_member_list, "list team members")
    p.add_argument("--leader")
    p.add_argument("--all", action="store_true", help="include archived members")
    p = add_command(
        member,
        "export",
        cmd_member_export,
        "write everything about a team member to a CSV file (subject-access request)",
    )
    p.add_argument("name")
    p.add_argument("--leader", required=True)
    p.add_argument("--out", required=True, metavar="FILE", help="the CSV file to write")
    p = add_command(
        member,
        "erase",
        cmd_member_erase,
        "erase a team member: delete their notes and reinforcements, remove their name "
        "from every entry and from the database file",
    )
    p.add_argument("name")
    p.add_argument("--leader", required=True)
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.add_argument(
        "--purge-backups",
        action="store_true",
        help="afterwards replace every backup (which still hold their data) with a fresh one",
    )


def _register_standard(subparsers: Subparsers) -> None:
    standard = add_group(subparsers, "standard", "add, archive or list service standards")
    p = add_command(standard, "add", cmd_standard_add, "add a service standard")
    p.add_argument("name")
    p.add_argument("--description", default="")
    p = add_command(standard, "archive", cmd_standard_archive, "archive a standard")
    p.add_argument("name")
    p.add_argument("--undo", action="store_true")
    p = add_command(standard, "list", cmd_standard_list, "list standards")
    p.add_argument("--all", action="store_true", help="include archived standards")
