"""Install and drop a named set of SQLite triggers (the stores that keep derived data current)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, text


def create(connection: Connection, statements: Mapping[str, str]) -> None:
    """Run each CREATE TRIGGER statement (by trigger name)."""
    for statement in statements.values():
        connection.execute(text(statement))


def drop(connection: Connection, names: Mapping[str, str] | tuple[str, ...]) -> None:
    """Drop the named triggers that exist."""
    for name in names:
        connection.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
