"""Turn raw input (text from a form, CLI or CSV cell) into checked values, or say what is wrong."""

from __future__ import annotations

import datetime as dt
import re

from leaderlog.core.errors import ValidationError
from leaderlog.core.kinds import REINFORCEMENT_KINDS
from leaderlog.core.records import WEEKDAY_NAMES, WorkPattern

MAX_MINUTES_PER_DAY = 1440
MAX_NAME_LENGTH = 120
MAX_STANDARD_LENGTH = 200
MAX_TEXT_LENGTH = 10_000

KIND_LABELS: dict[str, str] = {
    "recognition": "Recognition",
    "praise": "Praise",
    "customer_compliment": "Customer compliment shared",
    "corrective_feedback": "Corrective feedback",
    "training": "Training / demonstration",
    "team_celebration": "Team celebration",
}


def as_date(value: dt.date | str, field: str = "date") -> dt.date:
    """A real calendar date from a date or ISO text (YYYY-MM-DD)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        raise ValidationError(field, "a date is required (YYYY-MM-DD)")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValidationError(field, f"'{text}' is not a date; use YYYY-MM-DD, e.g. 2026-11-20")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(field, f"'{text}' is not a real calendar date") from None


def as_optional_date(value: dt.date | str | None, field: str) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return as_date(value, field)


def not_in_future(day: dt.date, today: dt.date, field: str = "date") -> dt.date:
    if day > today:
        raise ValidationError(
            field, f"{day.isoformat()} is in the future; you can only log days up to today"
        )
    return day


def as_minutes(value: int | str, field: str = "minutes") -> int:
    """Whole minutes between 0 and 1440 (a day)."""
    if isinstance(value, bool):
        raise ValidationError(field, "must be a whole number of minutes")
    if isinstance(value, int):
        minutes = value
    else:
        text = str(value).strip()
        if not text:
            raise ValidationError(field, "enter the minutes (0 to 1440)")
        try:
            minutes = int(text)
        except ValueError:
            raise ValidationError(field, f"'{text}' is not a whole number of minutes") from None
    if minutes < 0:
        raise ValidationError(field, f"{minutes} is negative; minutes must be 0 or more")
    if minutes > MAX_MINUTES_PER_DAY:
        raise ValidationError(
            field, f"{minutes} is more than a day holds; minutes must be at most 1440"
        )
    return minutes


def as_count(value: int | str, field: str, maximum: int = 1000) -> int:
    """A whole, non-negative target count."""
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise ValidationError(field, f"'{value}' is not a whole number") from None
    if number < 0 or number > maximum:
        raise ValidationError(field, f"{number} must be between 0 and {maximum}")
    return number


def as_name(value: str | None, field: str = "name", max_length: int = MAX_NAME_LENGTH) -> str:
    """A trimmed, non-empty name with inner runs of white space folded."""
    text = " ".join((value or "").split())
    if not text:
        raise ValidationError(field, "must not be empty")
    if len(text) > max_length:
        raise ValidationError(field, f"is {len(text)} characters long; at most {max_length}")
    return text


def name_key(name: str) -> str:
    """How names are compared: exactly, but ignoring case."""
    return " ".join(name.split()).casefold()


def as_text(value: str | None, field: str, *, required: bool = False) -> str:
    """Free text (notes): trimmed at the ends, inner newlines kept."""
    text = (value or "").strip()
    if required and not text:
        raise ValidationError(field, "must not be empty")
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationError(field, f"is {len(text)} characters long; at most {MAX_TEXT_LENGTH}")
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
