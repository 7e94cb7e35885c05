"""Unsaved form text kept in a small JSON file per leader, so a crash or a closed window loses nothing."""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from leaderlog.core.atomic import atomic_write
from leaderlog.core.paths import ensure_private_dir

if TYPE_CHECKING:
    from leaderlog.core.records import Leader
    from leaderlog.ui.context import AppContext
    from leaderlog.ui.today.form import TodayForm
    from leaderlog.ui.today.welcome import DraftBanner

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


class DraftKeeper(QObject):
    """The Today page's drafts: autosaves what is typed, offers it back, restores or discards it.

    A draft belongs to the leader whose form is on screen (``shown_leader``), even while the
    chosen leader changes; an offered draft is never overwritten until it is answered.
    """

    def __init__(
        self,
        store: DraftStore,
        form: TodayForm,
        banner: DraftBanner,
        context: AppContext,
        shown_leader: Callable[[], Leader | None],
        focus: Callable[[], None],
    ) -> None:
        super().__init__(banner)
        self.store = store
        self.form = form
        self.banner = banner
        self.context = context
        self.shown_leader = shown_leader
        self.focus = focus
        self.pending: dict[str, str] | None = None
        """the draft on offer in the banner, until it is brought back or discarded"""
        self.dirty = False
        form.edited.connect(self.mark_dirty)
        banner.restore_button.clicked.connect(self.restore)
        banner.discard_button.clicked.connect(self.discard)

    def mark_dirty(self) -> None:
        self.dirty = True

    def save(self) -> None:
        """Write unsaved text to the draft file (called every few seconds and on close)."""
        leader = self.shown_leader()
        if leader is None or not self.dirty or self.pending is not None:
            return
        try:
            self.store.save(leader.uuid, self.form.draft_fields(), self.context.now())
        except OSError as exc:
            self.context.show_status(f"Could not keep a draft in {self.store.directory}: {exc}")
            return
        self.dirty = False

    def flush(self) -> None:
        """On close: keep whatever was typed, even while an older draft is still on offer."""
        if self.pending is not None and _any_text(self.form.draft_fields()):
            self.pending = None
        self.save()

    def offer(self, leader: Leader) -> None:
        """Show the leader's kept draft in the banner, if there is one and none is on offer yet.

        Only into a form with nothing typed (a start, another leader's form): while text is
        typed, the file is that text's autosave, and offering it would bring back a copy.
        """
        if self.pending is not None:
            return
        if _any_text(self.form.draft_fields()):
            return  # the form holds what is typed: a draft on file is its own autosave
        found = self.store.load(leader.uuid)
        if found is None:
            self.banner.hide()
            return
        fields, saved_at = found
        self.pending = fields
        when = saved_at.astimezone().strftime("%a %d %b %H:%M") if saved_at else "earlier"
        sample = next((fields[k] for k in SAMPLE_ORDER if fields.get(k, "").strip()), "")
        self.banner.message.setText(
            f"Unsaved text from {when} was kept: "
            f"“{html.escape(' '.join(sample.split())[:80], quote=False)}”. "
            "Bring it back into the form?"
        )
        self.banner.show()

    def withdraw(self) -> None:
        """Another leader's form: the offer is put away (the file stays for when they return)."""
        self.pending = None
        self.banner.hide()

    def restore(self) -> None:
        if self.pending is None:
            return
        fields, self.pending = self.pending, None
        self.form.apply_fields(fields)
        self.dirty = True
        self.banner.hide()
        self.context.show_status("Unsaved text brought back; press Enter to save it.")
        self.focus()

    def discard(self) -> None:
        self.pending = None
        self.forget()
        self.banner.hide()
        self.focus()

    def forget(self) -> None:
        """Remove the chosen leader's draft file (after a clear, or when all was saved)."""
        if self.context.leader is not None:
            self.store.discard(self.context.leader.uuid)

    def after_save(self) -> None:
        """What is left in the form after a save stays a draft; an empty form has none."""
        self.dirty = True
        if _any_text(self.form.draft_fields()):
            self.save()
        else:
            self.forget()
            self.dirty = False


SAMPLE_ORDER = ("observation", "description", "action", "day_note", "who", "minutes")
"""which field's text the banner quotes first"""


def _any_text(fields: dict[str, str]) -> bool:
    return any(text.strip() for text in fields.values())
