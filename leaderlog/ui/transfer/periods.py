"""The export dialog's period presets as dates (pure: no Qt, no journal)."""

from __future__ import annotations

import datetime as dt

from leaderlog.core.schedule import WeekStart, week_start_of

PRESETS: tuple[str, ...] = (
    "This week",
    "Last week",
    "Last 4 weeks",
    "Last 12 weeks",
    "This month",
    "Last month",
    "This year",
    "Last year",
    "Everything",
    "Custom",
)
"""In the order the dialog lists them; "Custom" keeps the from/to the user typed."""


def preset_period(
    name: str, today: dt.date, week_start: WeekStart = "monday"
) -> tuple[dt.date | None, dt.date | None]:
    """(from, to) of a preset; (None, None) for Everything. Periods end today at the latest."""
    this_week = week_start_of(today, week_start)
    if name == "This week":
        return this_week, today
    if name == "Last week":
        return this_week - dt.timedelta(days=7), this_week - dt.timedelta(days=1)
    if name == "Last 4 weeks":
        return this_week - dt.timedelta(weeks=3), today
    if name == "Last 12 weeks":
        return this_week - dt.timedelta(weeks=11), today
    if name == "This month":
        return today.replace(day=1), today
    if name == "Last month":
        last_day = today.replace(day=1) - dt.timedelta(days=1)
        return last_day.replace(day=1), last_day
    if name == "This year":
        return dt.date(today.year, 1, 1), today
    if name == "Last year":
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    if name == "Everything":
        return None, None
    raise ValueError(f"no period preset named {name!r}")
