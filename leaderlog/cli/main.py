"""Command-line interface: argparse commands that call the domain layer and print results.

Results go to stdout; user errors go to stderr as one line with a non-zero exit code
(1 for invalid input, 3 for database problems), never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from leaderlog import __version__
from leaderlog.core.errors import DatabaseError, LeaderLogError
from leaderlog.core.paths import AppPaths

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_DATABASE = 3


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


def resolve_database_target(paths: AppPaths, option: str | None, demo: bool) -> str:
    """--db beats LEADERLOG_DB beats the default file; --demo always uses the separate demo file."""
    if demo:
        return str(paths.demo_database_file)
    return option or os.environ.get("LEADERLOG_DB") or str(paths.database_file)


# ---------------------------------------------------------------- argument types


def _date_arg(text: str) -> dt.date:
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


# ---------------------------------------------------------------- output helpers


def _table(rows: Sequence[Sequence[object]], headers: Sequence[str]) -> str:
    cells = [[str(h) for h in headers], *[[("" if c is None else str(c)) for c in r] for r in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _one_line(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


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
    if not changes:
        ctx.print("Nothing to change; give at least one option (see --help).")
        return EXIT_INVALID
    saved = people.update_leader(db, replace(leader, **changes))  # type: ignore[arg-type]
    ctx.print(f"Updated leader {saved.name}")
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
    ctx.print(_table(rows, headers))
    return EXIT_OK


# ---------------------------------------------------------------- team members and standards


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
    member = people.find_member(db, leader.id, args.name)
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
    ctx.print(_table(rows, ("member", "leader", "")))
    return EXIT_OK


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
    rows = [(s.name, _one_line(s.description), "archived" if s.archived else "") for s in standards]
    ctx.print(_table(rows, ("standard", "description", "")))
    return EXIT_OK


# ---------------------------------------------------------------- journal entries


def cmd_log(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import logbook, people

    db = ctx.database()
    leader = people.find_leader(db, args.leader)
    entry = logbook.add_day_log(
        db, leader.id, args.date, args.minutes, args.note or "", replace=args.replace
    )
    ctx.print(f"Logged {entry.minutes} min with customers for {leader.name} on {entry.day}")
    return EXIT_OK


def _optional_standard_id(db: object, name: str | None) -> int | None:
    from leaderlog.journal import people

    return people.find_standard(db, name).id if name else None  # type: ignore[arg-type]


def cmd_coach(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import logbook, people

    db = ctx.database()
    leader = people.find_leader(db, args.leader)
    member = people.find_member(db, leader.id, args.member)
    note = logbook.add_coaching_note(
        db,
        leader.id,
        args.date,
        member.id,
        args.observation,
        args.action or "",
        _optional_standard_id(db, args.standard),
        args.follow_up,
    )
    follow = f", follow up on {note.follow_up_on}" if note.follow_up_on else ""
    ctx.print(f"Saved coaching note for {member.name} on {note.day}{follow}")
    return EXIT_OK


def cmd_reinforce(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.core.validation import KIND_LABELS
    from leaderlog.journal import logbook, people

    db = ctx.database()
    leader = people.find_leader(db, args.leader)
    member_id = people.find_member(db, leader.id, args.member).id if args.member else None
    entry = logbook.add_reinforcement(
        db,
        leader.id,
        args.date,
        args.kind,
        args.description,
        member_id,
        _optional_standard_id(db, args.standard),
    )
    who = entry.member_name or "the whole team"
    ctx.print(f"Saved {KIND_LABELS[entry.kind].lower()} for {who} on {entry.day}")
    return EXIT_OK


def _entry_summary(entry: object) -> tuple[str, str, str]:
    from leaderlog.core import records
    from leaderlog.core.validation import KIND_LABELS

    if isinstance(entry, records.DayLog):
        return ("day", f"{entry.minutes} min", _one_line(entry.note))
    if isinstance(entry, records.CoachingNote):
        follow = ""
        if entry.follow_up_on:
            state = f"done {entry.follow_up_done_on}" if entry.follow_up_done_on else "open"
            follow = f" [follow-up {entry.follow_up_on}, {state}]"
        standard = f" ({entry.standard_name})" if entry.standard_name else ""
        return ("coaching", entry.member_name + standard, _one_line(entry.observation) + follow)
    assert isinstance(entry, records.Reinforcement)
    standard = f" ({entry.standard_name})" if entry.standard_name else ""
    return (
        "reinforcement",
        f"{KIND_LABELS[entry.kind]}: {entry.member_name or 'whole team'}{standard}",
        _one_line(entry.description),
    )


def cmd_list(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import logbook, people

    db = ctx.database()
    leaders = {leader.id: leader for leader in people.list_leaders(db, include_archived=True)}
    leader_ids = [people.find_leader(db, name).id for name in args.leader] if args.leader else None
    entries = logbook.list_entries(
        db,
        leader_ids=leader_ids,
        start=args.start,
        end=args.end,
        types=args.type or None,
        text=args.search,
        limit=args.limit,
    )
    if not entries:
        ctx.print("No entries match.")
        return EXIT_OK
    rows = [
        (e.day.isoformat(), leaders[e.leader_id].name, *_entry_summary(e), e.id) for e in entries
    ]
    ctx.print(_table(rows, ("date", "leader", "type", "what", "note", "id")))
    return EXIT_OK


def cmd_followups(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import logbook, people

    db = ctx.database()
    leaders = {leader.id: leader for leader in people.list_leaders(db, include_archived=True)}
    leader_id = people.find_leader(db, args.leader).id if args.leader else None
    notes = logbook.list_follow_ups(db, leader_id, include_done=args.all)
    if not notes:
        ctx.print("No open follow-ups.")
        return EXIT_OK
    today = dt.date.today()
    rows = []
    for note in notes:
        if note.follow_up_done_on:
            state = f"done {note.follow_up_done_on}"
        elif note.is_overdue(today):
            state = f"OVERDUE {(today - note.follow_up_on).days} d"  # type: ignore[operator]
        else:
            state = "due"
        rows.append(
            (note.follow_up_on, state, leaders[note.leader_id].name, note.member_name,
             _one_line(note.action or note.observation, 40), note.id)
        )  # fmt: skip
    ctx.print(_table(rows, ("due", "state", "leader", "member", "agreed action", "id")))
    return EXIT_OK


def cmd_report(ctx: CommandContext, args: argparse.Namespace) -> int:
    from pathlib import Path

    from leaderlog.journal import people
    from leaderlog.reports import overview
    from leaderlog.reports.review_pack import write_review_pack

    db = ctx.database()
    leader = people.find_leader(db, args.leader)
    today = dt.date.today()
    end = args.end or today
    start = args.start or overview.last_weeks(12, end)[0]
    out = Path(args.out).expanduser()
    pages = write_review_pack(db, leader, start, end, out, today=today)
    ctx.print(f"Wrote {leader.name}'s review pack for {start} to {end} ({pages} pages) to {out}")
    return EXIT_OK


def cmd_followup_done(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import logbook

    note = logbook.complete_follow_up(ctx.database(), args.id, "" if args.reopen else args.date)
    if args.reopen:
        ctx.print(f"Reopened the follow-up with {note.member_name}")
    else:
        ctx.print(f"Follow-up with {note.member_name} marked done on {note.follow_up_done_on}")
    return EXIT_OK


def cmd_delete(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import logbook

    entry = logbook.delete_entry(ctx.database(), args.type, args.id)
    ctx.print(f"Deleted {entry.entry_type} entry {entry.id} of {entry.day} (uuid {entry.uuid})")
    return EXIT_OK


def cmd_demo(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal.demo import fill_demo

    summary = fill_demo(ctx.database(), seed=args.seed, weeks=args.weeks, force=args.force)
    ctx.print(summary.describe())
    return EXIT_OK


# ---------------------------------------------------------------- CSV export and import


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
        print(
            f"leaderlog: {exc.path}: nothing was imported; {len(exc.problems)} problem(s){more}:",
            file=sys.stderr,
        )
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_INVALID
    ctx.print(result.describe())
    return EXIT_OK


# ---------------------------------------------------------------- data safety


def _journal_file(ctx: CommandContext) -> Path:
    """The journal's SQLite file; backups and checks do not apply to a database server."""
    from leaderlog.data.engine import database_url, sqlite_path

    path = sqlite_path(database_url(ctx.database_target))
    if path is None:
        raise DatabaseError(
            "Backup, restore and check work on a journal file; a database server "
            "is backed up and checked by its administrator."
        )
    return path


def cmd_backup(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.safety import backups

    path = _journal_file(ctx)
    policy = backups.load_policy(ctx.paths.config_dir)
    changes = {
        period: getattr(args, f"keep_{period}")
        for period in ("daily", "weekly", "monthly")
        if getattr(args, f"keep_{period}") is not None
    }
    if changes:
        policy = replace(policy, **changes)
        backups.save_policy(ctx.paths.config_dir, policy)
        ctx.print(f"From now on LeaderLog keeps {policy.describe()}.")
    ctx.database()  # refuses (and sets aside) a damaged journal before copying it
    if args.purge:
        fresh, removed = backups.purge_backups(path)
        ctx.print(f"Backed up {backups.entries_text(fresh.entries)} to {fresh.path}")
        ctx.print(f"Deleted {len(removed)} older backups.")
        return EXIT_OK
    info = backups.create_backup(path, "manual", policy=policy)
    kept = len(backups.list_backups(path, with_counts=False))
    ctx.print(f"Backed up {backups.entries_text(info.entries)} to {info.path}")
    ctx.print(f"{kept} backup{'' if kept == 1 else 's'} kept ({policy.describe()}).")
    return EXIT_OK


def cmd_restore(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.safety import backups, recovery

    path = _journal_file(ctx)
    available = backups.list_backups(path)
    if args.backup is None:
        if not available:
            ctx.print(f"There are no backups of {path} yet. Make one: leaderlog backup")
            return EXIT_OK
        rows = [
            (number, f"{info.local_time:%Y-%m-%d %H:%M}", recovery.age_text(info.created),
             "unreadable" if info.entries is None else info.entries, info.reason_label)
            for number, info in enumerate(available, start=1)
        ]  # fmt: skip
        ctx.print(f"Backups of {path}, newest first:")
        ctx.print(_table(rows, ("#", "taken", "age", "entries", "why")))
        ctx.print("Restore one with: leaderlog restore NUMBER (or: leaderlog restore latest)")
        return EXIT_OK
    if args.backup in ("latest", "newest"):
        chosen = recovery.newest_good_backup(path)
        if chosen is None:
            raise DatabaseError(f"There is no good backup of {path} to restore.")
        source = chosen.path
    elif args.backup.isdigit():
        number = int(args.backup)
        if not 1 <= number <= len(available):
            ctx.print(f"There is no backup number {number}; `leaderlog restore` lists them.")
            return EXIT_INVALID
        source = available[number - 1].path
    else:
        source = Path(args.backup).expanduser()
        if not source.is_file():
            ctx.print(f"There is no backup file {source}.")
            return EXIT_INVALID
    outcome = backups.restore_backup(path, source)
    ctx.print(f"Restored the backup of {outcome.restored.describe()}.")
    if outcome.kept_aside is not None:
        ctx.print(f"The journal as it was before is kept as {outcome.kept_aside}")
    return EXIT_OK


def cmd_check(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.safety import recovery

    path = _journal_file(ctx)
    result = recovery.full_check(path)
    if not result.ok:
        report = recovery.set_aside_damaged(path, result.problems)
        ctx.print(report.describe())
        if report.offer is not None:
            ctx.print("Restore that backup with: leaderlog restore latest")
        return EXIT_DATABASE
    from leaderlog.safety.backups import entries_text

    ctx.print(f"{path} is sound: {entries_text(result.entries)}; integrity and references checked.")
    if result.newest_backup is None:
        ctx.print("It has no backups yet. Make one: leaderlog backup")
    else:
        ctx.print(f"Newest backup: {result.newest_backup.describe()}")
    return EXIT_OK


def cmd_member_export(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import people
    from leaderlog.transfer import privacy

    db = ctx.database()
    member = people.find_member(db, people.find_leader(db, args.leader).id, args.name)
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
    member = people.find_member(db, people.find_leader(db, args.leader).id, args.name)
    ctx.print(privacy.erase_plan(db, member.id).describe())
    if not args.yes:
        print(f"Type the name '{member.name}' to erase them: ", end="", file=ctx.out, flush=True)
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


# ---------------------------------------------------------------- parser


Handler = Callable[[CommandContext, argparse.Namespace], int]


def _command(
    subparsers: argparse._SubParsersAction,  # type: ignore[type-arg]
    name: str,
    handler: Handler,
    help_text: str,
    description: str | None = None,
) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help=help_text, description=description or help_text)
    parser.set_defaults(handler=handler)
    return parser


def _date_option(
    parser: argparse.ArgumentParser,
    help_text: str = "the day (YYYY-MM-DD, 'today' or 'yesterday'; default today)",
) -> None:
    parser.add_argument("--date", type=_date_arg, default=dt.date.today(), help=help_text)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; each sub-command carries its own --help."""
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
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    # leaders
    leader = _command(
        sub, "leader", lambda c, a: _missing(a, leader), "add, edit, archive or list leaders"
    )
    leader_sub = leader.add_subparsers(title="leader commands", metavar="ACTION")
    p = _command(leader_sub, "add", cmd_leader_add, "add a leader")
    p.add_argument("name")
    p.add_argument("--team", default="", help="team or site")
    p.add_argument(
        "--workdays", default="mon-fri", help="work pattern, e.g. mon-fri, tue-sat, mon,wed,fri"
    )
    p.add_argument(
        "--target-minutes",
        type=int,
        default=60,
        help="customer-facing minutes per workday (default 60)",
    )
    p.add_argument(
        "--target-coaching", type=int, default=3, help="coaching conversations per week (default 3)"
    )
    p.add_argument(
        "--target-reinforcement",
        type=int,
        default=5,
        help="reinforcement actions per week (default 5)",
    )
    p = _command(
        leader_sub, "edit", cmd_leader_edit, "change a leader's name, team, work pattern or targets"
    )
    p.add_argument("name")
    p.add_argument("--name", dest="new_name", metavar="NEW_NAME")
    p.add_argument("--team")
    p.add_argument("--workdays")
    p.add_argument("--target-minutes", type=int)
    p.add_argument("--target-coaching", type=int)
    p.add_argument("--target-reinforcement", type=int)
    p = _command(leader_sub, "archive", cmd_leader_archive, "archive a leader (entries are kept)")
    p.add_argument("name")
    p.add_argument("--undo", action="store_true", help="bring an archived leader back")
    p = _command(leader_sub, "list", cmd_leader_list, "list leaders")
    p.add_argument("--all", action="store_true", help="include archived leaders")

    # team members
    member = _command(
        sub, "member", lambda c, a: _missing(a, member), "add, archive or list team members"
    )
    member_sub = member.add_subparsers(title="member commands", metavar="ACTION")
    p = _command(member_sub, "add", cmd_member_add, "add a team member to a leader's team")
    p.add_argument("name")
    p.add_argument("--leader", required=True)
    p = _command(
        member_sub, "archive", cmd_member_archive, "archive a team member (notes are kept)"
    )
    p.add_argument("name")
    p.add_argument("--leader", required=True)
    p.add_argument("--undo", action="store_true", help="bring an archived member back")
    p = _command(member_sub, "list", cmd_member_list, "list team members")
    p.add_argument("--leader")
    p.add_argument("--all", action="store_true", help="include archived members")
    p = _command(
        member_sub,
        "export",
        cmd_member_export,
        "write everything about a team member to a CSV file (subject-access request)",
    )
    p.add_argument("name")
    p.add_argument("--leader", required=True)
    p.add_argument("--out", required=True, metavar="FILE", help="the CSV file to write")
    p = _command(
        member_sub,
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

    # standards
    standard = _command(
        sub,
        "standard",
        lambda c, a: _missing(a, standard),
        "add, archive or list service standards",
    )
    standard_sub = standard.add_subparsers(title="standard commands", metavar="ACTION")
    p = _command(standard_sub, "add", cmd_standard_add, "add a service standard")
    p.add_argument("name")
    p.add_argument("--description", default="")
    p = _command(standard_sub, "archive", cmd_standard_archive, "archive a standard")
    p.add_argument("name")
    p.add_argument("--undo", action="store_true")
    p = _command(standard_sub, "list", cmd_standard_list, "list standards")
    p.add_argument("--all", action="store_true", help="include archived standards")

    # entries
    p = _command(sub, "log", cmd_log, "log a day's customer-facing minutes")
    p.add_argument("--leader", required=True)
    _date_option(p)
    p.add_argument("--minutes", required=True, help="minutes spent serving customers (0-1440)")
    p.add_argument("--note", help="optional reflection for the day")
    p.add_argument("--replace", action="store_true", help="replace an existing log for that day")

    p = _command(sub, "coach", cmd_coach, "record a coaching conversation")
    p.add_argument("--leader", required=True)
    p.add_argument("--member", required=True)
    _date_option(p)
    p.add_argument("--observation", required=True, help="what you observed")
    p.add_argument("--standard", help="the service standard coached")
    p.add_argument("--action", help="the agreed next step")
    p.add_argument(
        "--follow-up",
        type=_date_arg,
        help="follow-up date (YYYY-MM-DD, or +7 for a week from today)",
    )

    p = _command(sub, "reinforce", cmd_reinforce, "record a reinforcement action")
    p.add_argument("--leader", required=True)
    p.add_argument(
        "--kind",
        required=True,
        help="recognition, praise, customer_compliment, corrective_feedback, training or team_celebration",
    )
    _date_option(p)
    p.add_argument("--description", required=True)
    p.add_argument("--member", help="the team member (default: the whole team)")
    p.add_argument("--standard")

    p = _command(sub, "list", cmd_list, "list journal entries, newest first")
    p.add_argument("--leader", action="append", help="only this leader (repeatable)")
    p.add_argument("--from", dest="start", type=_date_arg, help="first date (inclusive)")
    p.add_argument("--to", dest="end", type=_date_arg, help="last date (inclusive)")
    p.add_argument(
        "--type",
        action="append",
        choices=("day", "coaching", "reinforcement"),
        help="only this type (repeatable)",
    )
    p.add_argument("--search", help="only entries whose text contains this")
    p.add_argument("--limit", type=int, help="at most this many entries")

    p = _command(
        sub, "followups", cmd_followups, "list open coaching follow-ups, earliest due first"
    )
    p.add_argument("--leader")
    p.add_argument("--all", action="store_true", help="include completed follow-ups")

    p = _command(sub, "followup-done", cmd_followup_done, "mark a coaching follow-up done")
    p.add_argument("id", type=int, help="the coaching note's id (see `leaderlog followups`)")
    _date_option(p, "the day it was done (default today)")
    p.add_argument("--reopen", action="store_true", help="mark it not done again")

    p = _command(sub, "delete", cmd_delete, "delete one journal entry")
    p.add_argument("--type", required=True, choices=("day", "coaching", "reinforcement"))
    p.add_argument("--id", required=True, type=int)

    p = _command(sub, "demo", cmd_demo, "fill the database with realistic demo data")
    p.add_argument("--seed", type=int, default=7, help="random seed (same seed, same data)")
    p.add_argument("--weeks", type=int, default=52, help="how many weeks of history (at least 26)")
    p.add_argument(
        "--force", action="store_true", help="add demo data even if the database is not empty"
    )

    p = _command(
        sub,
        "export",
        cmd_export,
        "export entries or weekly summaries to CSV",
        "Write a spreadsheet-safe UTF-8 CSV of raw entries or of weekly summaries "
        "(columns: docs/csv-format.md).",
    )
    p.add_argument("--what", required=True, choices=("entries", "weekly"))
    p.add_argument("--out", required=True, metavar="FILE", help="the CSV file to write")
    p.add_argument("--leader", action="append", help="only this leader (repeatable)")
    p.add_argument("--from", dest="start", type=_date_arg, help="first date (inclusive)")
    p.add_argument("--to", dest="end", type=_date_arg, help="last date (inclusive)")
    p.add_argument(
        "--bom", action="store_true", help="start with a UTF-8 BOM (for spreadsheets that need it)"
    )
    p.add_argument(
        "--week-start",
        choices=("monday", "sunday"),
        help="weekly: first day of the week (default: the journal's setting, see week-start)",
    )
    p = _command(
        sub, "week-start", cmd_week_start, "show or set the first day of the week for all reports"
    )
    p.add_argument("day", nargs="?", choices=("monday", "sunday"))
    p = _command(
        sub,
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

    p = _command(sub, "backup", cmd_backup, "back up the journal now (verified copy, rotated)")
    for period, unit, default in (
        ("daily", "days", 7),
        ("weekly", "weeks", 4),
        ("monthly", "months", 6),
    ):
        p.add_argument(
            f"--keep-{period}",
            type=int,
            metavar="N",
            help=f"keep the newest backup of each of the last N {unit} (default {default}; remembered)",
        )
    p.add_argument(
        "--purge",
        action="store_true",
        help="replace every backup with one fresh backup (e.g. after erasing someone)",
    )
    p = _command(sub, "restore", cmd_restore, "list backups, or restore one")
    p.add_argument(
        "backup",
        nargs="?",
        help="number from the list, 'latest' (newest good one) or a backup file; "
        "omit to list backups",
    )
    p = _command(
        sub, "check", cmd_check, "check the journal file for damage (sets a damaged one aside)"
    )
    from leaderlog.cli.team import add_team_commands

    add_team_commands(sub)
    p = _command(
        sub,
        "report",
        cmd_report,
        "write a leader's review pack PDF (charts, weekly table, follow-ups)",
    )
    p.add_argument("--leader", required=True, help="the leader's name")
    p.add_argument("--from", dest="start", type=_date_arg, help="first day (default: 12 weeks ago)")
    p.add_argument("--to", dest="end", type=_date_arg, help="last day (default: today)")
    p.add_argument("--out", required=True, help="the PDF file to write")
    p = _command(sub, "where", cmd_where, "show where LeaderLog keeps its files")
    return parser


def _missing(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def cmd_where(ctx: CommandContext, args: argparse.Namespace) -> int:
    ctx.print(f"database:  {ctx.database_target}")
    ctx.print(f"demo:      {ctx.paths.demo_database_file}")
    from leaderlog.data.engine import database_url, sqlite_path
    from leaderlog.data.file_copies import backup_folder

    journal_file = sqlite_path(database_url(ctx.database_target))
    backups_at = backup_folder(journal_file) if journal_file else "kept by the database server"
    ctx.print(f"backups:   {backups_at}")
    ctx.print(f"settings:  {ctx.paths.config_dir}")
    ctx.print(f"log file:  {ctx.paths.log_file}")
    return EXIT_OK


def _window_only(argv: Sequence[str]) -> tuple[str | None, bool] | None:
    """(--db, --demo) when the arguments only say which journal the window opens, else None.

    Opening the window is the common case and its start-up is timed: it skips building
    every sub-command's parser (~20 ms). A command, --help, --version or a mistake goes
    through argparse as before.
    """
    database, demo, words = None, False, list(argv)
    while words:
        word = words.pop(0)
        if word == "--demo":
            demo = True
        elif word == "--db" and words and not words[0].startswith("-"):
            database = words.pop(0)
        elif word.startswith("--db="):
            database = word.removeprefix("--db=")
        else:
            return None
    return database, demo


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
        database, demo = window
        return run_app(paths, resolve_database_target(paths, database, demo), demo=demo)
    parser = build_parser()
    args = parser.parse_args(list(argv))
    paths = paths or AppPaths.default()
    target = resolve_database_target(paths, args.db, args.demo)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        from leaderlog.ui.start.app import run_app

        return run_app(paths, target, demo=args.demo)
    ctx = CommandContext(paths, target, args.demo)
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
        return 130
    finally:
        ctx.close()
