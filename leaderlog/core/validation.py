"""Turn raw input (text from a form, CLI or CSV cell) into checked values, or say what is wrong."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

from leaderlog.core import dates
from leaderlog.core.errors import DuplicateError, ValidationError
from leaderlog.core.kinds import REINFORCEMENT_KINDS
from leaderlog.core.records import WEEKDAY_NAMES, WorkPattern
from leaderlog.core.text import BIDI_CONTROLS, describe_character, position_in

# Bounds of every number a user can type (the CLI's options and the forms use the same):
MAX_MINUTES_PER_DAY = 1440
"""customer-facing minutes of a day, and a leader's daily target: 0 to 1440 (a day)"""
MAX_TARGET_COUNT = 1000
"""weekly coaching and reinforcement targets: 0 to 1000"""
MAX_ID = 2**63 - 1
"""entry, leader and member ids: 1 to 2**63 - 1 (SQLite's and PostgreSQL's bigint)"""
MAX_LIST_LIMIT = 1_000_000
"""rows a listing shows: 1 to 1,000,000"""
MIN_DEMO_WEEKS, MAX_DEMO_WEEKS = 26, 520
"""weeks of demo data: half a year to ten years"""
MAX_BACKUPS_KEPT = 1000
"""backups kept per kind (daily, weekly, ...): 0 to 1000"""
MAX_NAME_LENGTH = 120
MAX_STANDARD_LENGTH = 200
MAX_TEXT_LENGTH = 10_000
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+", re.ASCII)
_MAX_DIGITS = 30
_NAME_WHITESPACE = frozenset("\t\n\r")

KIND_LABELS: dict[str, str] = {
    "recognition": "Recognition",
    "praise": "Praise",
    "customer_compliment": "Customer compliment shared",
    "corrective_feedback": "Corrective feedback",
    "training": "Training / demonstration",
    "team_celebration": "Team celebration",
}


def as_date(value: dt.date | str, field: str = "date") -> dt.date:
    """A real calendar date from a date or ISO text (YYYY-MM-DD); the window is checked apart."""
    return dates.parse_iso_date(value, field)


def as_optional_date(value: dt.date | str | None, field: str) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return as_date(value, field)


def not_in_future(day: dt.date, today: dt.date, field: str = "date") -> dt.date:
    """An entry's date: not after today and not before core.dates.EARLIEST_DATE (1990-01-01)."""
    return dates.check_entry_date(day, today, field)


# ---------------------------------------------------------------- numbers


def as_whole_number(value: int | str, field: str, minimum: int, maximum: int) -> int:
    """A whole number from minimum to maximum, from an int or ASCII digits; the message names both."""
    allowed = f"use a whole number from {minimum} to {maximum}"
    if isinstance(value, bool):
        raise ValidationError(field, f"'{value}' is not a whole number; {allowed}")
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        # ASCII digits only: int() would also take '1_000' and ' ٣ '
        if not _WHOLE_NUMBER.fullmatch(text):
            raise ValidationError(field, f"'{text}' is not a whole number; {allowed}")
        if len(text) > _MAX_DIGITS:  # never int() a 5000-digit string
            raise ValidationError(field, f"{_shortened(text)} is out of range; {allowed}")
        number = int(text)
    if not minimum <= number <= maximum:
        raise ValidationError(field, f"{number} is out of range; {allowed}")
    return number


def _shortened(digits: str) -> str:
    """A number too long to show whole: its first digits and how many there are."""
    return f"{digits[:12]}... ({len(digits.lstrip('+-'))} digits)"


_HOURS_AND_MINUTES = (
    re.compile(r"(?P<hours>\d{1,2}):(?P<minutes>[0-5]\d)", re.ASCII),  # 1:30
    re.compile(  # 1h30, 1h 30m, 2h, 1 h 5 min
        r"(?P<hours>\d{1,2})\s*h\s*(?:(?P<minutes>[0-5]?\d)\s*(?:m|min)?)?",
        re.IGNORECASE | re.ASCII,
    ),
)


def _hours_and_minutes(text: str) -> int | None:
    """Minutes from hours and minutes as people type them (1:30, 1h30, 2h); None if not so."""
    for pattern in _HOURS_AND_MINUTES:
        match = pattern.fullmatch(text)
        if match:
            return int(match["hours"]) * 60 + int(match["minutes"] or 0)
    return None


def as_minutes(value: int | str, field: str = "minutes") -> int:
    """Whole minutes between 0 and 1440 (a day), as 90, or as hours and minutes: 1:30, 1h30."""
    if isinstance(value, bool):
        raise ValidationError(field, "must be a whole number of minutes")
    if isinstance(value, int):
        minutes, shown = value, str(value)
    else:
        text = str(value).strip()
        if not text:
            raise ValidationError(field, "enter the minutes (0 to 1440)")
        from_hours = _hours_and_minutes(text)
        if from_hours is not None:
            minutes, shown = from_hours, str(from_hours)
        elif not _WHOLE_NUMBER.fullmatch(text):
            raise ValidationError(field, f"'{text}' is not a whole number of minutes")
        elif len(text) > _MAX_DIGITS:  # far out of range, and never int()-ed
            minutes = -1 if text.startswith("-") else MAX_MINUTES_PER_DAY + 1
            shown = _shortened(text)
        else:
            minutes = int(text)
            shown = str(minutes)
    if minutes < 0:
        raise ValidationError(field, f"{shown} is negative; minutes must be 0 or more")
    if minutes > MAX_MINUTES_PER_DAY:
        raise ValidationError(
            field, f"{shown} is more than a day holds; minutes must be at most 1440"
        )
    return minutes


def as_count(value: int | str, field: str, maximum: int = MAX_TARGET_COUNT) -> int:
    """A whole, non-negative target count (0 to maximum)."""
    return as_whole_number(value, field, 0, maximum)


def as_id(value: int | str, field: str = "id") -> int:
    """A database id: a whole number from 1 to MAX_ID."""
    return as_whole_number(value, field, 1, MAX_ID)


# ---------------------------------------------------------------- names


def _refuse_hidden_characters(text: str, field: str) -> None:
    for index, character in enumerate(text):
        if character in _NAME_WHITESPACE:
            continue
        category = unicodedata.category(character)
        if category == "Cs":
            raise ValidationError(field, "is not valid text (it holds bytes that are not UTF-8)")
        if category == "Cc":
            kind = "the control character"
        elif character in BIDI_CONTROLS:
            kind = "the text-direction control"
        elif category in ("Cf", "Zl", "Zp"):
            kind = "the invisible character"
        else:
            continue
        raise ValidationError(
            field,
            f"contains {kind} {describe_character(character)} at {position_in(text, index)}; "
            "names may hold letters, digits, punctuation, symbols and spaces",
        )


def as_name(value: str | None, field: str = "name", max_length: int = MAX_NAME_LENGTH) -> str:
    """A trimmed, non-empty name in Unicode NFC, inner runs of white space folded to one space.

    Refused: names empty after trimming, and names holding control characters (tabs and
    line breaks aside, which fold like spaces), text-direction controls (U+202A-202E,
    U+2066-2069) or invisible characters (zero-width ones, U+2060, U+FEFF, any other
    format character, line and paragraph separators).
    """
    raw = value or ""
    _refuse_hidden_characters(raw, field)
    text = unicodedata.normalize("NFC", " ".join(raw.split()))
    if not text:
        raise ValidationError(field, "must not be empty")
    if len(text) > max_length:
        raise ValidationError(field, f"is {len(text)} characters long; at most {max_length}")
    return text


def name_key(name: str) -> str:
    """How names are compared: exactly, but ignoring case, white space runs and how accents are encoded.

    NFC before and after casefold (which may decompose), so 'José' typed with a composed
    é and pasted with a combining accent give the same key.
    """
    folded = unicodedata.normalize("NFC", " ".join(name.split())).casefold()
    return unicodedata.normalize("NFC", folded)


def confusable_key(name: str) -> str:
    """name_key in compatibility form (NFKC): full-width 'Ｊｏｓé', 'ﬁ' ligatures, superscripts fold too.

    Two names with the same confusable_key look alike: a new one is refused when it
    matches an existing one (``refuse_look_alike``).
    """
    folded = unicodedata.normalize("NFKC", " ".join(name.split())).casefold()
    return " ".join(unicodedata.normalize("NFKC", folded).split())


def find_look_alike(name: str, existing: Iterable[str]) -> str | None:
    """The first of existing that looks like name (same confusable_key), else None."""
    key = confusable_key(name)
    return next((other for other in existing if confusable_key(other) == key), None)


def refuse_look_alike(
    name: str, existing: Iterable[str], what: str = "leader", field: str = "name"
) -> None:
    """DuplicateError naming the existing name when name differs from it only in case,
    accents' encoding or compatibility forms. existing: the names it must not clash with
    (leave out the record being renamed)."""
    clash = find_look_alike(name, existing)
    if clash is None:
        return
    if name == clash:
        message = f"a {what} named '{clash}' already exists"
    else:
        message = (
            f"'{name}' looks the same as the existing {what} '{clash}' (it differs only in "
            f"case, accents' encoding or compatibility forms); use '{clash}' or a clearly "
            "different name"
        )
    raise DuplicateError(field, message)


# ---------------------------------------------------------------- free text


def as_text(value: str | None, field: str, *, required: bool = False) -> str:
    """Free text (notes): trimmed at the ends, inner newlines and tabs kept.

    Any printable text is kept as typed; control characters other than newline, tab
    and the carriage return of a Windows line end (\\r\\n) are refused, with where they are.
    """
    raw = value or ""
    text = raw.strip()
    lead = len(raw) - len(raw.lstrip())  # positions are counted in the text as typed
    if required and not text:
        raise ValidationError(field, "must not be empty")
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationError(field, f"is {len(text)} characters long; at most {MAX_TEXT_LENGTH}")
    if not text.isprintable():
        for index, character in enumerate(text):
            category = unicodedata.category(character)
            if category == "Cs":
                raise ValidationError(
                    field, "is not valid text (it holds bytes that are not UTF-8)"
                )
            if category != "Cc" or character in "\n\t":
                continue
            if character == "\r" and text[index + 1 : index + 2] == "\n":
                continue
            raise ValidationError(
                field,
                f"contains the control character {describe_character(character)} at "
                f"{position_in(raw, lead + index)}; text may hold any printable characters, "
                "new lines and tabs",
            )
    return text


def as_kind(value: str, field: str = "kind") -> str:
    """A reinforcement kind, from its key ('customer_compliment') or label, case-insensitively."""
    text = (value or "").strip().lower().replace("-", "_").replace(" ", "_")
    for key, label in KIND_LABELS.items():
        if text in (key, label.lower().replace(" ", "_")):
            return key
    raise ValidationError(
        field, f"'{value}' is not a reinforcement kind; use one of {', '.join(REINFORCEMENT_KINDS)}"
    )


def as_work_pattern(value: WorkPattern | str, field: str = "workdays") -> WorkPattern:
    """A work pattern from text such as 'mon-fri', 'mon,wed,fri', 'tue-sat' or a 7-char mask."""
    if isinstance(value, WorkPattern):
        pattern = value
    else:
        text = (value or "").strip().lower()
        if re.fullmatch(r"[01]{7}", text):
            pattern = WorkPattern.from_mask(text)
        else:
            days = [False] * 7
            for part in filter(None, (p.strip() for p in text.split(","))):
                ends = [e.strip()[:3] for e in part.split("-")]
                if len(ends) > 2 or any(e not in WEEKDAY_NAMES for e in ends):
                    raise ValidationError(
                        field,
                        f"'{part}' is not a weekday or range; write e.g. mon-fri or mon,wed,fri",
                    )
                start = WEEKDAY_NAMES.index(ends[0])
                end = WEEKDAY_NAMES.index(ends[-1])
                index = start
                while True:  # ranges may wrap past Sunday: sat-tue
                    days[index] = True
                    if index == end:
                        break
                    index = (index + 1) % 7
            pattern = WorkPattern(tuple(days))  # type: ignore[arg-type]
    if not any(pattern.days):
        raise ValidationError(field, "choose at least one workday")
    return pattern
