"""The PySide6 desktop application. Only this package imports Qt."""

# PySide6 installs an import hook that reads the source of every module imported after
# it (looking for `from __feature__ import ...`). Importing SQLAlchemy and the domain
# layer before any Qt module keeps ~300 modules out of that check: about 0.1 s of CPU
# at start-up. Every window needs these modules anyway.
import leaderlog.journal
import leaderlog.people  # noqa: F401
