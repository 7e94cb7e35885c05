"""Signing in to a team server from the window: a wrong password is refused in place, the right one remembered."""

from __future__ import annotations

import stat

import pytest
from PySide6.QtWidgets import QDialog

from leaderlog.core.errors import CredentialsError
from leaderlog.data.store import open_database
from leaderlog.journal import people
from leaderlog.team import roles
from leaderlog.ui.start.team_login import SignInDialog

pytestmark = pytest.mark.postgres


def test_sign_in_refuses_a_wrong_password_then_remembers_the_right_one(
    qtbot, postgres_cluster, tmp_path, monkeypatch
):
    pgpass = tmp_path / "pgpass"
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    name = postgres_cluster.new_database_name("signin")
    postgres_cluster.admin_sql(
        f"CREATE ROLE {name}_owner LOGIN CREATEROLE PASSWORD 'owner-pw'",
        f"CREATE DATABASE {name} OWNER {name}_owner",
    )
    owner = open_database(postgres_cluster.url(name, f"{name}_owner", "owner-pw"))
    try:
        roles.init_team_database(owner)
        ana = people.add_leader(owner, "Ana Ruiz", team="North")
        _, password = roles.add_user(owner, f"{name}_ana", "supervisor", leader_id=ana.id)
    finally:
        owner.dispose()
    url = postgres_cluster.url(name, f"{name}_ana")  # no password in it, as in real use
    with pytest.raises(CredentialsError) as refused:
        open_database(url)

    dialog = SignInDialog(url, roles.server_login(url), str(refused.value))
    qtbot.addWidget(dialog)
    assert dialog.problem_label.text() == "The server needs your password to sign you in."
    dialog.password_edit.setText("not-it")
    dialog.sign_in()
    assert dialog.database is None and "password authentication failed" in (
        dialog.problem_label.text()
    )
    assert not pgpass.exists()

    dialog.password_edit.setText(password)
    dialog.sign_in()
    assert dialog.result() == QDialog.DialogCode.Accepted
    try:
        assert [leader.name for leader in people.list_leaders(dialog.database)] == ["Ana Ruiz"]
    finally:
        dialog.database.dispose()
    assert stat.S_IMODE(pgpass.stat().st_mode) == 0o600
    open_database(url).dispose()  # the next start needs no password
