"""Shared fixtures: a fresh SQLite file per test, app paths in a temp dir, small data factories."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

# Qt runs without a display in tests; set before anything imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# the PostgreSQL test server (session-scoped) and a fresh database per test
from helpers.postgres_cluster import postgres_cluster, postgres_template, postgres_url  # noqa: F401

from leaderlog.core.paths import AppPaths
from leaderlog.core.records import Leader
from leaderlog.data.engine import Database
from leaderlog.data.store import open_database
from leaderlog.journal import people

BACKENDS = ("sqlite", pytest.param("postgresql", marks=pytest.mark.postgres))

TESTS_DIR = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Everything under tests/ui is a GUI test: `pytest -m "not gui"` runs the pure logic alone."""
    for item in items:
        if "ui" in Path(str(item.fspath)).relative_to(TESTS_DIR).parts[:-1]:
            item.add_marker(pytest.mark.gui)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests marked ``all_backends`` that use ``db`` run once on SQLite and once on PostgreSQL."""
    if "db" in metafunc.fixturenames and metafunc.definition.get_closest_marker("all_backends"):
        metafunc.parametrize("db", BACKENDS, indirect=True)


@pytest.fixture
def app_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppPaths:
    """AppPaths under the test's temp dir; LEADERLOG_HOME points subprocesses there too."""
    home = tmp_path / "home"
    monkeypatch.setenv("LEADERLOG_HOME", str(home))
    monkeypatch.delenv("LEADERLOG_DB", raising=False)
    return AppPaths.default()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite3"


@pytest.fixture
def db(request: pytest.FixtureRequest, db_path: Path) -> Database:
    """A freshly migrated, empty journal: a real SQLite file, or (param "postgresql") a server database."""
    backend = getattr(request, "param", "sqlite")
    target = request.getfixturevalue("postgres_url") if backend == "postgresql" else db_path
    database = open_database(target)
    yield database  # type: ignore[misc]
    database.dispose()


@pytest.fixture
def today() -> dt.date:
    """A fixed 'today' so date rules are deterministic (a Friday)."""
    return dt.date(2026, 11, 20)


@pytest.fixture
def leader(db: Database) -> Leader:
    return people.add_leader(db, "Ana Ruiz", team="North")
