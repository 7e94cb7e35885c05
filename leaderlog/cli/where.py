"""`leaderlog where`: the files LeaderLog reads and writes, for the journal the options chose."""

from __future__ import annotations

import argparse

from leaderlog.cli.common import EXIT_OK, CommandContext, Subparsers, add_command


def cmd_where(ctx: CommandContext, args: argparse.Namespace) -> int:
    ctx.print(f"database:  {ctx.database_target}")
    ctx.print(f"demo:      {ctx.paths.demo_database_file}")
    from leaderlog.data.file_copies import backup_folder

    journal_file = ctx.journal_path()
    backups_at = backup_folder(journal_file) if journal_file else "kept by the database server"
    ctx.print(f"backups:   {backups_at}")
    ctx.print(f"settings:  {ctx.paths.config_dir}")
    ctx.print(f"log file:  {ctx.paths.log_file}")
    return EXIT_OK


def register(subparsers: Subparsers) -> None:
    """The `where` command."""
    add_command(subparsers, "where", cmd_where, "show where LeaderLog keeps its files")
