"""Names in an imported file matched with the journal's leaders, team members and standards, as the domain compares them.

A name matches by ``name_key`` (case and accent encoding ignored), recomputed from
each stored name so rows saved before names were normalised match too. A name that
matches nothing but looks like an existing one (``confusable_key``: compatibility
forms such as full-width letters) is a problem naming the existing one, never a new
look-alike; one that looks like several is ambiguous. The same class checks a file
without writing (``create=False``: names the import would create get stand-in ids)
and, once the file is clean, creates what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from leaderlog.core.validation import confusable_key, name_key
from leaderlog.data import models

ASK_TO_CREATE = "; add it first, or import with --create-missing"
LOOKS_ALIKE = "the names differ only in case, accents' encoding or compatibility forms"


@dataclass
class Directory:
    """One kind of name (the leaders, one leader's team, the standards): ids by key and by look."""

    by_key: dict[str, list[int]] = field(default_factory=dict)
    by_look: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, row_id: int) -> None:
        self.by_key.setdefault(name_key(name), []).append(row_id)
        looks = self.by_look.setdefault(confusable_key(name), [])
        if name not in looks:
            looks.append(name)


@dataclass(frozen=True)
class Missing:
    """A name that matched nothing: why, in words."""

    message: str


class ImportNames:
    """Leaders, team members and standards by name; missing ones planned (check) or created (write)."""

    def __init__(self, session: Session, *, create_missing: bool, create: bool) -> None:
        self.session = session
        self.create_missing = create_missing
        self.create = create
        self.leaders = Directory()
        self.members: dict[int, Directory] = {}
        self.standards = Directory()
        self.created: dict[str, list[str]] = {"leader": [], "member": [], "standard": []}
        self._stand_ins = 0
        for name, row_id in session.execute(select(models.Leader.name, models.Leader.id)):
            self.leaders.add(name, row_id)
        query = select(models.TeamMember.leader_id, models.TeamMember.name, models.TeamMember.id)
        for leader_id, name, row_id in session.execute(query):
            self.members.setdefault(leader_id, Directory()).add(name, row_id)
        for name, row_id in session.execute(select(models.Standard.name, models.Standard.id)):
            self.standards.add(name, row_id)

    def _match(
        self, directory: Directory, name: str, what: str, not_found: str, make: object
    ) -> int | Missing:
        ids = directory.by_key.get(name_key(name), [])
        if len(ids) == 1:
            return ids[0]
        looks = directory.by_look.get(confusable_key(name), [])
        if len(ids) > 1 or len(looks) > 1:
            listed = " and ".join(f"'{other}'" for other in looks)
            return Missing(
                f"'{name}' is ambiguous: it matches the {what}s {listed} ({LOOKS_ALIKE}); "
                "rename one of them first"
            )
        if looks:
            return Missing(f"{not_found}; did you mean '{looks[0]}'? ({LOOKS_ALIKE})")
        if not self.create_missing:
            return Missing(not_found + ASK_TO_CREATE)
        if self.create:
            row_id = make(name, name_key(name))  # type: ignore[operator]
        else:
            self._stand_ins += 1
            row_id = -self._stand_ins  # never a real id: nothing of it is in the journal
        directory.add(name, row_id)
        self.created[what if what != "team member" else "member"].append(name)
        return row_id

    def _flush(self, row: object) -> int:
        self.session.add(row)
        self.session.flush()
        return row.id  # type: ignore[attr-defined]

    def leader(self, name: str) -> int | Missing:
        return self._match(
            self.leaders, name, "leader", f"no leader named '{name}'",
            lambda clean, key: self._flush(models.Leader(name=clean, name_key=key)),
        )  # fmt: skip

    def member(self, leader_id: int, leader_name: str, name: str) -> int | Missing:
        return self._match(
            self.members.setdefault(leader_id, Directory()), name, "team member",
            f"{leader_name} has no team member named '{name}'",
            lambda clean, key: self._flush(
                models.TeamMember(leader_id=leader_id, name=clean, name_key=key)
            ),
        )  # fmt: skip

    def standard(self, name: str) -> int | Missing:
        return self._match(
            self.standards, name, "standard", f"no standard named '{name}'",
            lambda clean, key: self._flush(
                models.Standard(name=clean, name_key=key, description="")
            ),
        )  # fmt: skip
