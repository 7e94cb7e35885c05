"""Exceptions a user can cause; the UI and CLI decide how to show them."""

from __future__ import annotations

from dataclasses import dataclass


class LeaderLogError(Exception):
    """Base of every error that carries a plain message meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class FieldProblem:
    """One problem with one input field, in plain words."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationError(LeaderLogError):
    """Input that cannot be saved; names the field(s) and what is wrong. Nothing was written."""

    def __init__(self, field: str, message: str, *more: FieldProblem) -> None:
        self.problems: tuple[FieldProblem, ...] = (FieldProblem(field, message), *more)
        super().__init__("; ".join(str(p) for p in self.problems))
        self.field = field
        self.plain_message = message

    @classmethod
    def from_problems(cls, problems: list[FieldProblem]) -> ValidationError:
        first, *rest = problems
        return cls(first.field, first.message, *rest)


class NotFoundError(ValidationError):
    """A named leader, team member, standard or entry does not exist."""


class DuplicateError(ValidationError):
    """The entry would duplicate one that already exists."""


class ConflictError(LeaderLogError):
    """Someone else changed or deleted the entry since it was read."""


class DatabaseError(LeaderLogError):
    """The database cannot be opened or used; the message says what to do."""


class NewerDatabaseError(DatabaseError):
    """The database was written by a newer LeaderLog; it is left untouched."""


class DatabaseBusyError(DatabaseError):
    """Another program held the database lock for longer than the busy timeout."""


class ServerUnreachableError(DatabaseError):
    """The database server cannot be reached (network down, server stopped); nothing was written."""


class CredentialsError(DatabaseError):
    """The database server refused the login: wrong password, unknown user or no access."""


class AccessDeniedError(LeaderLogError):
    """The signed-in user may not read or change this (enforced by the server's access rules)."""
