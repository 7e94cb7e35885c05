"""Entry point: `leaderlog` / `python -m leaderlog`. A sub-command runs headless; none opens the window."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, then run a CLI command or start the desktop app (imported late)."""
    from leaderlog.cli.main import main as run_command_line

    return run_command_line(argv)


if __name__ == "__main__":
    sys.exit(main())
