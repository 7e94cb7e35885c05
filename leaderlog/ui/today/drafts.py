"""Unsaved form text kept in a small JSON file per leader, so a crash or a closed window loses nothing."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

from leaderlog.core.atomic import atomic_write
from leaderlog.core.paths import ensure_private_dir

log = logging.getLogger(__name__)


class DraftStore:
    """Reads, writes and removes drafts of the Today form under the drafts directory."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _file(self, leader_uuid: str) -> Path:
        return self.directory / f"today-{leader_uuid}.json"

    def save(self, leader_uuid: str, fields: dict[str, str], saved_at: dt.datetime) -> None:
        """Write the non-empty fields; an all-empty form removes the draft instead."""
        kept = {name: text for name, text in fields.items() if text.strip()}
        if not kept:
            self.discard(leader_uuid)
            return
        ensure_private_dir(self.directory)
        payload = {"saved_at": saved_at.isoformat(timespec="seconds"), "fields": kept}
        with atomic_write(self._file(leader_uuid)) as handle:
            json.dump(payload, handle, ensure_ascii=False, indent=1)

    def load(self, leader_uuid: str) -> tuple[dict[str, str], dt.datetime | None] | None:
        """The draft's fields and when it was saved, or None (a damaged file is set aside)."""
        path = self._file(leader_uuid)
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
            fields = {str(k): str(v) for k, v in dict(payload["fields"]).items()}
            saved_at = dt.datetime.fromisoformat(payload["saved_at"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("draft %s is unreadable (%s); moved aside", path, exc)
            path.replace(path.with_suffix(".damaged"))
            return None
        return (fields, saved_at) if fields else None

    def discard(self, leader_uuid: str) -> None:
        self._file(leader_uuid).unlink(missing_ok=True)
