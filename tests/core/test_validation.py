"""The domain's input rules (issue 15) with generated input: names, look-alikes, notes, numbers.

Names are NFC and compared as name_key (case, white space and accents' encoding aside);
names holding invisible, control or text-direction characters are refused with the
character and where it is; a name that only looks like an existing one is refused
naming that one. Notes keep any printable text, newlines and tabs. Numbers name their
bounds. The look-ups run on a real SQLite journal.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaderlog.core.errors import DuplicateError, NotFoundError, ValidationError
from leaderlog.core.text import BIDI_CONTROLS, position_in
from leaderlog.core.validation import (
    MAX_ID,
    MAX_MINUTES_PER_DAY,
    MAX_TARGET_COUNT,
    as_count,
    as_id,
    as_minutes,
    as_name,
    as_text,
    confusable_key,
    name_key,
    refuse_look_alike,
)
from leaderlog.data.engine import Database
from leaderlog.data.store import open_database
from leaderlog.journal import people

FEW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# letters with accents that have a composed form, so NFC and NFD spell them differently
ACCENTED = "éèêëáàâäãåíìîïóòôöõúùûüñçÉÈÁÀÖÜÑÇøØ"
LETTERS = st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" + ACCENTED)
WORDS = st.lists(st.text(LETTERS, min_size=2, max_size=8), min_size=1, max_size=3)
NAMES = WORDS.map(" ".join)
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
CONTROLS = [chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x0D), *range(0x0E, 0x20), 0x7F]]
C1_CONTROLS = [chr(c) for c in range(0x80, 0xA0)]
NOTE_CHARACTERS = st.characters(
    codec="utf-8",
    exclude_categories=("Cc", "Cs"),  # printable and format characters of every script
) | st.sampled_from("\n\t")

_numbers = itertools.count(1)


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Database:
    """One real SQLite journal for the module (opening one per example would take seconds)."""
    path: Path = tmp_path_factory.mktemp("validation") / "journal.sqlite3"
    db = open_database(path)
    yield db  # type: ignore[misc]
    db.dispose()


def _unique(name: str) -> str:
    """name with a number no other example of this module uses, so examples never clash."""
    return f"{name} {next(_numbers)}"


def _full_width(text: str) -> str:
    """ASCII letters and digits in their full-width compatibility forms ('Ana' -> 'Ａｎａ')."""
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


# ---------------------------------------------------------------- one name, two encodings


@FEW
@given(NAMES)
def test_composed_and_decomposed_spellings_are_one_name(name: str) -> None:
    composed, decomposed = (unicodedata.normalize(form, name) for form in ("NFC", "NFD"))
    assert as_name(decomposed) == as_name(composed) == composed
    assert name_key(decomposed) == name_key(composed)


def test_jose_typed_and_pasted_is_one_leader_and_each_finds_the_other(
    journal: Database,
) -> None:
    typed = _unique("Jos\u00e9")  # é composed, as a keyboard types it
    pasted = typed.replace("\u00e9", "e\u0301")  # e + combining accent, as pasted from a PDF
    assert typed != pasted
    leader = people.add_leader(journal, pasted)
    assert leader.name == typed  # stored in NFC
    assert people.find_leader(journal, typed).id == leader.id
    assert people.find_leader(journal, pasted).id == leader.id
    with pytest.raises(DuplicateError, match=f"a leader named '{typed}' already exists"):
        people.add_leader(journal, typed)

    member = people.add_member(journal, leader.id, "Jos\u00e9 Alves")
    assert people.find_member(journal, leader.id, "Jose\u0301 Alves").id == member.id
    assert people.find_member(journal, leader.id, "JOSE\u0301 ALVES").id == member.id


@FEW
@given(NAMES, st.sampled_from(["NFC", "NFD"]), st.sampled_from(["NFC", "NFD"]))
def test_a_leader_added_in_one_encoding_is_found_in_the_other(
    journal: Database, name: str, added_as: str, looked_up_as: str
) -> None:
    name = _unique(name)
    leader = people.add_leader(journal, unicodedata.normalize(added_as, name))
    assert leader.name == unicodedata.normalize("NFC", name)
    found = people.find_leader(journal, unicodedata.normalize(looked_up_as, name.swapcase()))
    assert found.id == leader.id


# ---------------------------------------------------------------- hidden characters in names


@FEW
@given(st.text(st.sampled_from(INVISIBLE + " "), min_size=1, max_size=6).filter(str.strip))
def test_a_name_of_only_invisible_characters_is_refused_naming_the_character(text: str) -> None:
    with pytest.raises(ValidationError) as raised:
        as_name(text)
    first = next(c for c in text if c != " ")
    message = raised.value.plain_message
    assert f"U+{ord(first):04X}" in message
    assert f"at {position_in(text, text.index(first))}" in message
    assert "names may hold letters, digits, punctuation, symbols and spaces" in message


@pytest.mark.parametrize("character", ["\u200b", "\ufeff"])
def test_a_name_made_only_of_zero_width_spaces_or_byte_order_marks_is_refused(
    character: str,
) -> None:
    with pytest.raises(ValidationError, match="invisible character"):
        as_name(character * 3)


@FEW
@given(
    NAMES,
    st.sampled_from([*CONTROLS, *C1_CONTROLS, *sorted(BIDI_CONTROLS), *INVISIBLE]),
    st.data(),
)
def test_a_name_holding_a_control_bidi_or_invisible_character_is_refused_saying_where(
    name: str, character: str, data: st.DataObject
) -> None:
    at = data.draw(st.integers(1, len(name) - 1), label="at")
    text = name[:at] + character + name[at:]
    with pytest.raises(ValidationError) as raised:
        as_name(text)
    assert raised.value.field == "name"
    assert f"U+{ord(character):04X}" in raised.value.plain_message
    assert f"at character {at + 1};" in raised.value.plain_message


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Ana\x1b[31m Ruiz", "the control character U+001B (ESCAPE) at character 4"),
        ("Ana\x07", "the control character U+0007 (BELL) at character 4"),
        ("\u202eziuR anA", "the text-direction control U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("Ana\u2066Ruiz", "the text-direction control U+2066"),
        ("Ana\u200bRuiz", "the invisible character U+200B (ZERO WIDTH SPACE)"),
    ],
)
def test_each_hidden_character_in_a_name_is_named_in_plain_words(text: str, kind: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(f"contains {kind}")):
        as_name(text)


def test_tabs_and_line_breaks_in_a_name_fold_into_one_space() -> None:
    assert as_name("  Ana\t\tRuiz\r\n") == "Ana Ruiz"


# ---------------------------------------------------------------- look-alike names


def _look_alikes(name: str) -> st.SearchStrategy[str]:
    """Spellings of name that differ only in case, accents' encoding or compatibility forms."""
    return st.sampled_from(
        [
            name.swapcase(),
            unicodedata.normalize("NFD", name.upper()),
            _full_width(name),
            _full_width(name.lower()),
        ]
    )


@FEW
@given(NAMES, st.data())
def test_a_name_differing_only_in_case_encoding_or_width_is_refused_naming_the_existing_one(
    name: str, data: st.DataObject
) -> None:
    existing = ["Someone Else", name]
    variant = data.draw(_look_alikes(name), label="variant")
    assert confusable_key(variant) == confusable_key(name)
    with pytest.raises(DuplicateError) as raised:
        refuse_look_alike(variant, existing)
    assert f"'{name}'" in raised.value.plain_message


def test_a_clearly_different_name_is_not_a_look_alike() -> None:
    refuse_look_alike("Ana Ruiz", ["Ana Ruíz", "Ana Ruiz-Lee", "Ana  Rui"])


@FEW
@given(NAMES, st.data())
def test_the_journal_refuses_a_look_alike_leader_naming_the_existing_one(
    journal: Database, name: str, data: st.DataObject
) -> None:
    existing = people.add_leader(journal, _unique(name))
    variant = data.draw(_look_alikes(existing.name), label="variant")
    before = people.list_leaders(journal, include_archived=True)
    with pytest.raises(DuplicateError) as raised:
        people.add_leader(journal, variant)
    assert f"'{existing.name}'" in raised.value.plain_message
    assert people.list_leaders(journal, include_archived=True) == before


def test_a_full_width_look_alike_of_a_team_member_or_standard_is_refused(
    journal: Database,
) -> None:
    leader = people.add_leader(journal, _unique("Mina Park"))
    people.add_member(journal, leader.id, "Sam Lee")
    with pytest.raises(
        DuplicateError, match="looks the same as the existing team member 'Sam Lee'"
    ):
        people.add_member(journal, leader.id, _full_width("Sam Lee"))
    other = people.add_leader(journal, _unique("Omar Haddad"))
    assert people.add_member(journal, other.id, _full_width("Sam Lee")).name == "Ｓａｍ Ｌｅｅ"

    standard = people.add_standard(journal, _unique("Greet within 10 seconds"))
    with pytest.raises(DuplicateError, match=re.escape(f"existing standard '{standard.name}'")):
        people.add_standard(journal, _full_width(standard.name.upper()))


def test_renaming_a_leader_to_a_case_variant_of_their_own_name_is_fine(
    journal: Database,
) -> None:
    leader = people.add_leader(journal, _unique("lee chan"))
    renamed = people.edit_leader(journal, replace(leader, name=leader.name.title()))
    assert renamed.name == leader.name.title()


def test_an_unknown_name_is_not_found_with_the_known_ones_listed(journal: Database) -> None:
    with pytest.raises(NotFoundError, match="no leader named 'Nobody'; known leaders: "):
        people.find_leader(journal, "Nobody")


# ---------------------------------------------------------------- notes


@FEW
@given(st.text(NOTE_CHARACTERS, max_size=80))
def test_notes_keep_any_printable_text_newlines_and_tabs(note: str) -> None:
    assert as_text(note, "note") == note.strip()


@FEW
@given(
    st.text(NOTE_CHARACTERS, max_size=30),
    st.sampled_from([c for c in [*CONTROLS, *C1_CONTROLS] if c != "\r"]),
    st.text(NOTE_CHARACTERS, max_size=30),
)
def test_other_control_characters_in_a_note_are_refused_with_their_line_and_column(
    before: str, character: str, after: str
) -> None:
    note = f"{before}x{character}x{after}"
    at = len(before) + 1
    with pytest.raises(ValidationError) as raised:
        as_text(note, "note")
    message = raised.value.plain_message
    line = note.count("\n", 0, at) + 1
    column = at - (note.rfind("\n", 0, at) + 1) + 1
    where = f"line {line}, character {column}" if "\n" in note else f"character {column}"
    assert f"U+{ord(character):04X}" in message
    assert f"at {where};" in message
    assert "text may hold any printable characters, new lines and tabs" in message


def test_a_windows_line_end_is_kept_but_a_lone_carriage_return_is_refused() -> None:
    assert as_text("one\r\ntwo", "note") == "one\r\ntwo"
    with pytest.raises(ValidationError, match=r"U\+000D \(CARRIAGE RETURN\) at character 4"):
        as_text("one\rtwo", "note")


def test_the_position_counts_from_the_text_as_typed_not_the_trimmed_text() -> None:
    with pytest.raises(ValidationError, match="at line 2, character 5;"):
        as_text("\n  ok\x1b[2J", "note")


# ---------------------------------------------------------------- numbers


@FEW
@given(st.integers().filter(lambda n: not 0 <= n <= MAX_MINUTES_PER_DAY))
def test_minutes_out_of_range_name_the_bound(minutes: int) -> None:
    with pytest.raises(ValidationError) as raised:
        as_minutes(str(minutes))
    message = raised.value.plain_message
    assert (
        "minutes must be 0 or more" in message
        if minutes < 0
        else "minutes must be at most 1440" in message
    )


@FEW
@given(st.integers().filter(lambda n: not 0 <= n <= MAX_TARGET_COUNT))
def test_targets_out_of_range_name_both_bounds(count: int) -> None:
    with pytest.raises(ValidationError, match="use a whole number from 0 to 1000"):
        as_count(str(count), "coaching target")


@FEW
@given(st.integers().filter(lambda n: not 1 <= n <= MAX_ID))
def test_ids_out_of_range_name_both_bounds(number: int) -> None:
    with pytest.raises(ValidationError, match=f"use a whole number from 1 to {MAX_ID}"):
        as_id(str(number))


@pytest.mark.parametrize("text", ["1_000", "\u0663", "1e3", "12.5", "", "five"])
def test_anything_but_ascii_digits_is_not_a_whole_number_and_the_bounds_are_named(
    text: str,
) -> None:
    with pytest.raises(ValidationError, match="is not a whole number; use a whole number from 0"):
        as_count(text, "reinforcement target")


def test_a_number_thousands_of_digits_long_is_out_of_range_without_being_converted() -> None:
    with pytest.raises(ValidationError, match=r"\(5000 digits\) is out of range; use a whole"):
        as_id("9" * 5000)
    with pytest.raises(ValidationError, match=r"\(5000 digits\) is more than a day holds"):
        as_minutes("9" * 5000)
