"""Fixtures of the team-mode tests (the PostgreSQL cluster itself comes from tests/conftest.py)."""

from helpers.team_server import team_server  # noqa: F401
