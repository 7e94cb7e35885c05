"""`log`, `coach` and `reinforce` without --leader: the only active leader, else the last one logged (said)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from leaderlog.core.paths import AppPaths
from leaderlog.data.store import open_database
from leaderlog.journal import logbook, people


def leaderlog(journal: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """The real command line on the journal file (LEADERLOG_HOME is the test's, see app_paths)."""
    return subprocess.run(
        [sys.executable, "-m", "leaderlog", "--db", str(journal), *argv],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.fixture
def journal(tmp_path: Path, app_paths: AppPaths) -> Path:
    return tmp_path / "journal.sqlite3"


def _journal_with(journal: Path, *names: str) -> dict[str, int]:
    db = open_database(journal)
    try:
        ids = {}
        for name in names:
            leader = people.add_leader(db, name)
            people.add_member(db, leader.id, "Sam Lee")
            ids[name] = leader.id
        return ids
    finally:
        db.dispose()


def _entries_of(journal: Path, leader_id: int) -> list[str]:
    db = open_database(journal)
    try:
        return [entry.entry_type for entry in logbook.list_entries(db, leader_ids=[leader_id])]
    finally:
        db.dispose()


def test_the_only_active_leader_needs_no_leader_option(journal: Path) -> None:
    ids = _journal_with(journal, "Ana Ruiz", "Old Boss")
    db = open_database(journal)
    people.archive_leader(db, ids["Old Boss"])
    db.dispose()

    logged = leaderlog(journal, "log", "--minutes", "45", "--date", "2026-11-20")
    coached = leaderlog(
        journal, "coach", "--member", "Sam Lee", "--observation", "Greeted late",
        "--date", "2026-11-20",
    )  # fmt: skip
    praised = leaderlog(
        journal, "reinforce", "--kind", "praise", "--description", "Calm queue",
        "--date", "2026-11-20",
    )  # fmt: skip

    for done in (logged, coached, praised):
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""  # nothing to choose, so nothing to say
    assert "for Ana Ruiz on 2026-11-20" in logged.stdout
    assert sorted(_entries_of(journal, ids["Ana Ruiz"])) == ["coaching", "day", "reinforcement"]
    assert _entries_of(journal, ids["Old Boss"]) == []


def test_several_leaders_use_the_last_leader_logged_and_say_so(journal: Path) -> None:
    ids = _journal_with(journal, "Ana Ruiz", "Ben Ode")
    assert leaderlog(journal, "log", "--leader", "Ben Ode", "--minutes", "30").returncode == 0
    assert leaderlog(journal, "log", "--leader", "Ana Ruiz", "--minutes", "40").returncode == 0

    coached = leaderlog(journal, "coach", "--member", "Sam Lee", "--observation", "Late")
    assert coached.returncode == 0, coached.stderr
    assert coached.stderr == (
        "Logged for Ana Ruiz (the last leader logged; use --leader to choose)\n"
    )
    assert sorted(_entries_of(journal, ids["Ana Ruiz"])) == ["coaching", "day"]

    # Ben logs last (an earlier day, written later): now he is the one meant
    assert leaderlog(
        journal, "log", "--leader", "Ben Ode", "--minutes", "20", "--date", "2026-01-05"
    ).returncode == 0  # fmt: skip
    praised = leaderlog(journal, "reinforce", "--kind", "praise", "--description", "Calm")
    assert praised.returncode == 0, praised.stderr
    assert "Logged for Ben Ode (the last leader logged" in praised.stderr
    assert sorted(_entries_of(journal, ids["Ben Ode"])) == ["day", "day", "reinforcement"]

    named = leaderlog(
        journal, "log", "--leader", "Ana Ruiz", "--minutes", "10", "--date", "2026-01-06"
    )
    assert named.returncode == 0 and named.stderr == ""  # chosen by the user: nothing to say


def test_several_leaders_and_nothing_logged_is_a_usage_error_that_lists_them(
    journal: Path,
) -> None:
    ids = _journal_with(journal, "Ana Ruiz", "Ben Ode")
    refused = leaderlog(journal, "log", "--minutes", "45")
    assert refused.returncode == 2
    assert refused.stdout == ""
    assert "choose one with --leader NAME" in refused.stderr
    assert "Ana Ruiz" in refused.stderr and "Ben Ode" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert all(_entries_of(journal, leader_id) == [] for leader_id in ids.values())


def test_an_empty_journal_says_to_add_a_leader_first(journal: Path) -> None:
    open_database(journal).dispose()
    refused = leaderlog(journal, "log", "--minutes", "45")
    assert refused.returncode == 2
    assert "leaderlog leader add" in refused.stderr
