"""Status-bar note in team mode: how many entries wait on this computer for the server, and a way to send them."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from leaderlog.core.errors import LeaderLogError
from leaderlog.ui.context import AppContext


class WaitingEntriesLabel(QLabel):
    """'3 entries waiting to be sent · Send now'; hidden when nothing waits or on a local journal."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAccessibleName("Entries waiting to be sent")
        self.setToolTip(
            "Entries saved while the team server could not be reached are kept on this "
            "computer and sent, exactly once, when it answers again."
        )
        self.linkActivated.connect(self.send_now)
        context.entries_changed.connect(self.refresh)
        self.refresh()

    def waiting(self) -> int:
        outbox = self.context.outbox
        return outbox.count() if outbox is not None else 0

    def refresh(self) -> None:
        count = self.waiting()
        self.setVisible(count > 0)
        if count:
            noun = "entry" if count == 1 else "entries"
            self.setText(f"{count} {noun} waiting to be sent · <a href='send'>Send now</a>")
            # the status bar squeezes permanent widgets; this one must stay readable
            self.setMinimumWidth(self.sizeHint().width())

    def send_now(self, _link: str = "") -> None:
        """Try to send the waiting entries; say what happened in the status bar."""
        outbox = self.context.outbox
        if outbox is None:
            return
        from leaderlog.team import sync

        try:
            report = sync.send_waiting(self.context.db, outbox)
        except LeaderLogError as exc:
            self.context.show_status(f"Could not send the waiting entries: {exc}")
        else:
            message = report.describe()
            if report.refused:
                message += ". Refused: " + "; ".join(reason for _item, reason in report.refused)
            self.context.show_status(message[:1].upper() + message[1:] + ".")
            if report.sent or report.already_there:
                self.context.entries_changed.emit()
        self.refresh()
