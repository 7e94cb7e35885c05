"""`leaderlog backup|restore|check`: copies of the journal file, putting one back, and looking for damage."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from leaderlog.cli.common import (
    EXIT_DATABASE,
    EXIT_INVALID,
    EXIT_OK,
    CommandContext,
    Subparsers,
    add_command,
    bounded_int,
    table,
)
from leaderlog.core.errors import DatabaseError

KEPT_PERIODS = ("daily", "weekly", "monthly")
MAX_KEPT = 1000


def cmd_backup(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.safety import backups

    path = ctx.journal_file()
    policy = backups.load_policy(ctx.paths.config_dir)
    changes = {
        period: getattr(args, f"keep_{period}")
        for period in KEPT_PERIODS
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

    path = ctx.journal_file()
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
        ctx.print(table(rows, ("#", "taken", "age", "entries", "why")))
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

    path = ctx.journal_file()
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


def register(subparsers: Subparsers) -> None:
    """The `backup`, `restore` and `check` commands."""
    p = add_command(
        subparsers, "backup", cmd_backup, "back up the journal now (verified copy, rotated)"
    )
    for period, unit, default in zip(
        KEPT_PERIODS, ("days", "weeks", "months"), (7, 4, 6), strict=True
    ):
        p.add_argument(
            f"--keep-{period}",
            type=bounded_int(0, MAX_KEPT),
            metavar="N",
            help=f"keep the newest backup of each of the last N {unit}, "
            f"0 to {MAX_KEPT} (default {default}; remembered)",
        )
    p.add_argument(
        "--purge",
        action="store_true",
        help="replace every backup with one fresh backup (e.g. after erasing someone)",
    )
    p = add_command(subparsers, "restore", cmd_restore, "list backups, or restore one")
    p.add_argument(
        "backup",
        nargs="?",
        help="number from the list, 'latest' (newest good one) or a backup file; "
        "omit to list backups",
    )
    add_command(
        subparsers,
        "check",
        cmd_check,
        "check the journal file for damage (sets a damaged one aside)",
    )
