"""Looking a team member up by name: found however the name's accents are encoded, and a
name not in the team is a plain NotFoundError naming the leader, never an ORM crash."""

from __future__ import annotations

import unicodedata

import pytest

from leaderlog.core.errors import NotFoundError
from leaderlog.core.records import Leader
from leaderlog.data.engine import Database
from leaderlog.journal import people

COMPOSED = unicodedata.normalize("NFC", "José Alves")
DECOMPOSED = unicodedata.normalize("NFD", "José Alves")


def test_a_name_not_in_the_team_is_not_found_with_the_leaders_name(
    db: Database, leader: Leader
) -> None:
    people.add_member(db, leader.id, "Sam Lee")
    # the leader row is read inside the session; its name is used after the session ended
    with pytest.raises(NotFoundError) as raised:
        people.find_member(db, leader.id, "Nobody Here")
    assert raised.value.field == "member"
    assert "Ana Ruiz has no team member named 'Nobody Here'" in raised.value.message


def test_an_unknown_leader_is_not_found_by_id(db: Database) -> None:
    with pytest.raises(NotFoundError, match="no leader with id 999"):
        people.find_member(db, 999, "Sam Lee")


@pytest.mark.parametrize(("typed", "looked_up"), [(COMPOSED, DECOMPOSED), (DECOMPOSED, COMPOSED)])
def test_a_member_is_found_however_its_accent_is_encoded(
    db: Database, leader: Leader, typed: str, looked_up: str
) -> None:
    added = people.add_member(db, leader.id, typed)
    found = people.find_member(db, leader.id, looked_up)
    assert found.id == added.id
    assert found.name == COMPOSED  # stored in NFC whichever way it was typed
