"""Signing in to a team server at start: when the server refuses the login, ask the password."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from leaderlog import APP_NAME
from leaderlog.core.errors import CredentialsError, LeaderLogError
from leaderlog.team import roles

if TYPE_CHECKING:
    from leaderlog.safety.opening import Database


class SignInDialog(QDialog):
    """Password for a server login; optionally remembered in the user's private pgpass file."""

    def __init__(
        self, target: str, login: roles.ServerLogin, problem: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.target = target
        self.database: Database | None = None
        self.setWindowTitle(f"{APP_NAME}: sign in to the team server")
        intro = QLabel(f"Password for <b>{login.username}</b> ({login.where}):")
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName("Password")
        intro.setBuddy(self.password_edit)
        self.remember_box = QCheckBox("&Remember it on this computer (readable only by you)")
        self.remember_box.setChecked(True)
        if "no password supplied" in problem:
            problem = "The server needs your password to sign you in."
        self.problem_label = QLabel(problem)
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName("Sign-in problem")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Sign in")
        buttons.accepted.connect(self.sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.password_edit, self.remember_box, self.problem_label, buttons):
            layout.addWidget(widget)
        self.password_edit.setFocus()

    def sign_in(self) -> None:
        """Try the password; stay open with the server's answer if it is refused."""
        try:
            self.database = roles.open_with_password(
                self.target, self.password_edit.text(), remember=self.remember_box.isChecked()
            )
        except CredentialsError as exc:
            text = str(exc)
            # the server's own words ("password authentication failed for user …") say enough
            reason = (
                text.split("FATAL:", 1)[1].split(").", 1)[0].strip() if "FATAL:" in text else text
            )
            self._show_problem(
                f"The server refused the sign-in: {reason}. Try again, or ask your "
                "LeaderLog admin to reset your password."
            )
            self.password_edit.selectAll()
            self.password_edit.setFocus()
            return
        except (LeaderLogError, OSError) as exc:
            self._show_problem(str(exc))
            return
        self.accept()

    def _show_problem(self, text: str) -> None:
        self.problem_label.setText(text)
        self.adjustSize()


def sign_in(
    target: str, refused: CredentialsError, parent: QWidget | None = None
) -> Database | None:
    """Ask the password for a server URL the server refused; the open database, or None if cancelled."""
    login = roles.server_login(target)
    if login is None:
        return None
    dialog = SignInDialog(target, login, str(refused), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.database
