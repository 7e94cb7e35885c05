"""`leaderlog desktop-install` and `desktop-uninstall`: the menu entry, icons and metainfo (leaderlog.desktop.integration)."""

from __future__ import annotations

import argparse

from leaderlog.cli.common import EXIT_OK, CommandContext, Subparsers, add_command

WHERE_HELP = (
    "for you only ($XDG_DATA_HOME, default ~/.local/share) instead of for everyone "
    "(/usr/local/share, needs root)"
)


def cmd_desktop_install(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.desktop import integration

    outcome = integration.install(user=args.user)
    desktop_file = outcome.files[0]
    ctx.print(f"Installed the LeaderLog menu entry: {desktop_file}")
    ctx.print(
        f"  with {len(outcome.files) - 1} icon and metainfo files under {desktop_file.parents[1]}"
    )
    ctx.print(f"  starting: {integration.launcher_command()[0]}")
    for command in outcome.refreshed:
        ctx.print(f"  refreshed: {command}")
    return EXIT_OK


def cmd_desktop_uninstall(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.desktop import integration

    outcome = integration.uninstall(user=args.user)
    home = integration.data_home(args.user)
    if outcome.files:
        ctx.print(
            "Removed the LeaderLog menu entry, icons and metainfo "
            f"({len(outcome.files)} files) from {home}"
        )
    else:
        ctx.print(f"No LeaderLog menu entry was installed in {home}")
    ctx.print(f"Your journal was not touched: {ctx.paths.data_dir}")
    return EXIT_OK


def register(subparsers: Subparsers) -> None:
    """desktop-install and desktop-uninstall."""
    for name, handler, text in (
        (
            "desktop-install",
            cmd_desktop_install,
            "add LeaderLog to the desktop's application menu, with its icon",
        ),
        (
            "desktop-uninstall",
            cmd_desktop_uninstall,
            "remove the menu entry and icons (the journal is kept)",
        ),
    ):
        parser = add_command(subparsers, name, handler, text)
        parser.add_argument("--user", action="store_true", help=WHERE_HELP)
