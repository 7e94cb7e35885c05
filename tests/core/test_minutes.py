"""Minutes as people type them (issue 16, quick entry): 90, 1:30 and 1h30 are all an hour and a half."""

from __future__ import annotations

import pytest

from leaderlog.core.errors import ValidationError
from leaderlog.core.validation import as_minutes


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("90", 90),
        ("1:30", 90),
        ("1h30", 90),
        ("1h30m", 90),
        ("1h 30 min", 90),
        ("1H30", 90),
        ("2h", 120),
        ("0:45", 45),
        ("0h05", 5),
        (" 1:05 ", 65),
        ("24:00", 1440),
        ("0", 0),
    ],
)
def test_minutes_typed_as_a_number_or_as_hours_and_minutes(typed, minutes):
    assert as_minutes(typed) == minutes


@pytest.mark.parametrize(
    "typed", ["1:75", "1h75", "1:3", "h30", "1.5h", "1:30:00", "١:٣٠", "90m30"]
)
def test_what_is_neither_is_refused_as_before(typed):
    with pytest.raises(ValidationError) as caught:
        as_minutes(typed)
    (problem,) = caught.value.problems
    assert problem.field == "minutes"
    assert problem.message == f"'{typed.strip()}' is not a whole number of minutes"


def test_hours_and_minutes_keep_the_day_bound():
    with pytest.raises(ValidationError) as caught:
        as_minutes("24:01")
    assert caught.value.problems[0].message == (
        "1441 is more than a day holds; minutes must be at most 1440"
    )
