"""Opening a journal for the window: where its file is, the checked open, the start-up's deferred open.

The desktop app opens its journal through here rather than through leaderlog.data.
Nothing here imports SQLAlchemy at module level: at start-up the window finds the
journal's file and stands a DeferredDatabase in for it before SQLAlchemy is loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from leaderlog.data.sqlite_file import file_of_target
from leaderlog.data.store import DeferredDatabase as DeferredDatabase
from leaderlog.data.store import open_database
from leaderlog.safety import recovery

if TYPE_CHECKING:
    # for type hints in the front doors, which never import leaderlog.data themselves
    from leaderlog.data.engine import Database as Database
    from leaderlog.data.outbox import Outbox as Outbox

# What opening a journal with SQLAlchemy loads, in parts small enough for the window to
# import one per turn of its event loop (the first ~0.1 s, the others less) after its
# first screen, so typing into the form is never held up long.
OPENING_MODULES = (
    "sqlalchemy",
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.orm",
    "leaderlog.data.models",
    "leaderlog.data.engine",
)


def journal_file_of(target: str) -> Path | None:
    """The SQLite file a --db target names (a path or an sqlite:// URL); None for a server.

    A plain path is resolved without SQLAlchemy; only a URL needs it to say whether it
    names a file.
    """
    path = file_of_target(target)
    if path is None:
        from leaderlog.data.engine import database_url, sqlite_path

        path = sqlite_path(database_url(target))
    return path


def open_journal(target: str, *, checked: bool = False) -> Database:
    """Open the journal (created or upgraded if needed) after the integrity check.

    ``checked``: the caller found the file sound a moment ago (or has just put a sound
    one in its place), so it is not read again.
    Raises recovery.DamagedDatabaseError (the file already set aside) when it is
    damaged, and DatabaseError or CredentialsError when it cannot be opened.
    """
    if checked:
        return open_database(target)
    return recovery.open_journal(target)


def prepare_replaced_journal(path: Path) -> None:
    """Another file now stands where the journal was (a restored backup, or none after damage).

    Creates an empty journal if none is there, brings an older backup up to this build's
    schema, and closes it again: an open Database on the same file reconnects on its
    next use.
    """
    open_database(path).dispose()
