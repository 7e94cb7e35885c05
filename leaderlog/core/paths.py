"""Where LeaderLog keeps its files: AppPaths from platformdirs, or overridden for tests."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from leaderlog import APP_NAME

DATABASE_FILENAME = "leaderlog.sqlite3"
DEMO_DATABASE_FILENAME = "leaderlog-demo.sqlite3"


@dataclass(frozen=True)
class AppPaths:
    """The directories LeaderLog writes to. Built once in main() and passed around."""

    data_dir: Path
    config_dir: Path
    log_dir: Path

    @classmethod
    def default(cls) -> AppPaths:
        """Per-user locations from platformdirs (XDG on Linux, AppData on Windows, ~/Library on macOS).

        LEADERLOG_HOME, when set, puts all three under one directory (handy for tests and
        portable installs).
        """
        home = os.environ.get("LEADERLOG_HOME")
        if home:
            root = Path(home).expanduser().resolve()
            return cls(root / "data", root / "config", root / "log")
        import platformdirs

        dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
        return cls(Path(dirs.user_data_dir), Path(dirs.user_config_dir), Path(dirs.user_log_dir))

    @property
    def database_file(self) -> Path:
        """The real journal: the default SQLite database."""
        return self.data_dir / DATABASE_FILENAME

    @property
    def demo_database_file(self) -> Path:
        """The demo journal used by --demo; never the real one."""
        return self.data_dir / DEMO_DATABASE_FILENAME

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def drafts_dir(self) -> Path:
        return self.data_dir / "drafts"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "leaderlog.log"


def ensure_private_dir(path: Path) -> Path:
    """Create a directory (and parents) readable only by the user on POSIX; return it."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        with contextlib.suppress(PermissionError):
            os.chmod(path, 0o700)
    return path
