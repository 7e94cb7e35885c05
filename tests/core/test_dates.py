"""The one date policy (issue 15): entries 1990-01-01 to today, plans up to a year ahead,
relative dates bounded, and week arithmetic that never overflows at the calendar's edges."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leaderlog.core import dates
from leaderlog.core.errors import ValidationError

TODAY = dt.date(2026, 11, 20)
FEW = settings(max_examples=15, deadline=None)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-19", dt.date(2026, 11, 19)),
        (" today ", TODAY),
        ("Yesterday", dt.date(2026, 11, 19)),
        ("tomorrow", dt.date(2026, 11, 21)),
        ("+7", dt.date(2026, 11, 27)),
        ("-3660", TODAY - dt.timedelta(days=3660)),
    ],
)
def test_dates_as_people_type_them(typed: str, expected: dt.date) -> None:
    assert dates.parse_date(typed, today=TODAY) == expected


@FEW
@given(st.integers(dates.MAX_RELATIVE_DAYS + 1, 10**60), st.sampled_from("+-"))
def test_a_relative_date_too_far_away_names_the_bound_and_never_overflows(
    days: int, sign: str
) -> None:
    with pytest.raises(ValidationError, match="relative dates go from -3660 to \\+3660 days"):
        dates.parse_date(f"{sign}{days}", today=TODAY)


@pytest.mark.parametrize(
    "typed", ["2026-02-30", "20261120", "next week", "2026-11-20T10:00", "٢٠٢٦-١١-٢٠"]
)
def test_what_is_not_a_date_says_which_forms_are(typed: str) -> None:
    with pytest.raises(ValidationError, match=r"not a (real calendar )?date"):
        dates.parse_date(typed, today=TODAY)


@FEW
@given(st.dates())
def test_an_entry_date_is_from_1990_to_today_and_the_message_says_so(day: dt.date) -> None:
    if dates.EARLIEST_DATE <= day <= TODAY:
        assert dates.check_entry_date(day, TODAY) == day
        return
    with pytest.raises(ValidationError) as raised:
        dates.check_entry_date(day, TODAY)
    message = raised.value.plain_message
    assert (
        "you can only log days up to today" in message
        if day > TODAY
        else "entries are dated from 1990-01-01 to today" in message
    )


@FEW
@given(st.dates())
def test_a_planned_date_is_from_1990_to_a_year_ahead(day: dt.date) -> None:
    if dates.EARLIEST_DATE <= day <= dt.date(2027, 11, 20):
        assert dates.check_planned_date(day, TODAY) == day
    else:
        with pytest.raises(
            ValidationError, match="1990-01-01 to 2027-11-20 \\(one year from today\\)"
        ):
            dates.check_planned_date(day, TODAY)


def test_a_year_ahead_of_the_29th_of_february_is_the_28th() -> None:
    assert dates.latest_date(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)


@FEW
@given(st.dates(), st.sampled_from(["monday", "sunday"]))
def test_weeks_at_any_date_never_overflow(day: dt.date, week_start: str) -> None:
    first, last = dates.week_bounds(day, week_start)
    assert first <= day <= last
    assert (last - first).days <= 6
    assert dates.week_start_of(day, week_start) == first


def test_the_weeks_at_the_calendars_edges_are_cut_not_overflowing() -> None:
    assert dates.week_bounds(dt.date.max, "sunday") == (dt.date(9999, 12, 26), dt.date.max)
    assert dates.week_bounds(dt.date.min, "sunday") == (dt.date.min, dt.date(1, 1, 6))
    with pytest.raises(ValidationError, match="outside the calendar"):
        dates.shifted(dt.date.max, 1)


@FEW
@given(st.dates() | st.none(), st.dates() | st.none())
def test_a_report_range_of_any_dates_is_cut_to_the_window(
    start: dt.date | None, end: dt.date | None
) -> None:
    if start is not None and end is not None and end < start:
        with pytest.raises(ValidationError, match="is before"):
            dates.clamp_range(start, end, today=TODAY)
        return
    first, last = dates.clamp_range(start, end, today=TODAY)
    assert dates.EARLIEST_DATE <= first <= last <= dates.latest_date(TODAY)
    for day in (first, last):  # whole weeks on either side, no OverflowError
        assert dates.week_bounds(day, "sunday")[0] <= day <= dates.week_bounds(day, "sunday")[1]
