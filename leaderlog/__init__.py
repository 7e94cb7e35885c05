"""LeaderLog: a desktop coaching journal that makes frontline leaders' daily consistency visible."""

__version__ = "0.1.0"
APP_NAME = "LeaderLog"
