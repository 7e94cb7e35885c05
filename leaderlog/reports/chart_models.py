"""Chart models: what every LeaderLog chart shows, as plain data and words (no Qt, no matplotlib).

The weekly series and calendar days copied from the metrics records, the heatmap day
states, the panels' titles and keys, week and month labels and the hover texts. The
QPainter dashboard (``ui/dashboard/charts``) and the matplotlib drawing
(``reports/figures.py``: review pack, team comparison) only draw these, so both show
the same numbers in the same words. Nothing here computes a metric.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from leaderlog.reports.chart_theme import ChartTheme

# Day states of the calendar heatmap, in colour-map order.
OUTSIDE, NON_WORKDAY, MISSED, BELOW_TARGET, MET_TARGET, EXTRA_DAY, BEFORE_START = range(7)
LEAVE, HOLIDAY = 7, 8
"""a rota day on leave, or a public or company holiday: a day off, never a miss"""
DAY_STATE_LABELS = {
    BEFORE_START: "before the first entry in the journal",
    NON_WORKDAY: "not a workday",
    MISSED: "workday, nothing logged",
    BELOW_TARGET: "logged, below the customer-time target",
    MET_TARGET: "met the customer-time target",
    EXTRA_DAY: "logged on a day off",
    LEAVE: "on leave",
    HOLIDAY: "public holiday",
}
CALENDAR_LEGEND = (
    (MET_TARGET, "met customer-time target"),
    (BELOW_TARGET, "logged, below target"),
    (MISSED, "missed workday (×)"),
    (LEAVE, "Leave"),
    (HOLIDAY, "Public holiday"),
    (NON_WORKDAY, "not a workday"),
)
"""The heatmap's key, in both drawings; days before the start (and outside the year) stay blank."""
DAY_OFF_COLOURS = {
    # (leave, holiday): reddish purple and bluish green tints of the Okabe–Ito palette,
    # apart in hue from the blues of logged days and the orange of missed ones, and in
    # lightness from the grey of non-workdays
    False: ("#e2b4d0", "#9fd9c4"),
    True: ("#7a4a69", "#2f7560"),
}
ON_TRACK_SCORE = 70.0
"""The "on track" line of the consistency score: at or above it a habit holds (docs/metrics.md)."""
WEEKDAY_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class WeeklySeries:
    """One leader's weekly figures as columns, copied field by field from formulas.WeekFigures."""

    week_start: tuple[dt.date, ...] = ()
    workdays_scheduled: tuple[int, ...] = ()
    days_logged: tuple[int, ...] = ()
    customer_minutes: tuple[int, ...] = ()
    customer_target_minutes: tuple[int, ...] = ()
    days_meeting_customer_target: tuple[int, ...] = ()
    coaching_count: tuple[int, ...] = ()
    coaching_target: tuple[int, ...] = ()
    reinforcements_positive: tuple[int, ...] = ()
    reinforcements_corrective: tuple[int, ...] = ()
    reinforcement_target: tuple[int, ...] = ()
    followups_due: tuple[int, ...] = ()
    followups_closed_on_time: tuple[int, ...] = ()
    customer_score: tuple[float, ...] = ()
    coaching_score: tuple[float, ...] = ()
    reinforcement_score: tuple[float, ...] = ()
    consistency_score: tuple[float, ...] = ()
    current_streak: tuple[int, ...] = ()
    longest_streak: tuple[int, ...] = ()

    @classmethod
    def from_weeks(cls, weeks: Sequence[Any]) -> WeeklySeries:
        """Columns from a list of formulas.WeekFigures (any objects with those attributes)."""
        return cls(**{f.name: tuple(getattr(w, f.name) for w in weeks) for f in fields(cls)})

    def __len__(self) -> int:
        return len(self.week_start)

    @property
    def has_entries(self) -> bool:
        return any(
            any(column)
            for column in (
                self.days_logged,
                self.customer_minutes,
                self.coaching_count,
                self.reinforcements_positive,
                self.reinforcements_corrective,
            )
        )


@dataclass(frozen=True)
class CalendarDays:
    """A run of calendar days and the state of each (one of the heatmap day states)."""

    first: dt.date
    states: tuple[int, ...]
    minutes: tuple[int | None, ...] = ()
    week_start: int = 0
    """0 when weeks start on Monday, 6 when on Sunday (date.weekday() of the first row)"""
    notes: tuple[str, ...] = ()
    """per day, what the leader's calendar says of it when it is off ('On leave (Vacation)',
    'Public holiday: Thanksgiving Day'), else ''"""

    @classmethod
    def from_day_scores(
        cls,
        days: Sequence[Any],
        week_start: int = 0,
        started_on: dt.date | None = None,
        calendar: Any = None,
    ) -> CalendarDays:
        """States from formulas.DayScore records (workday, pending, logged, met_customer_target).

        Days before started_on (the leader's start) are BEFORE_START, not missed. With the
        leader's ``core.schedule.LeaderCalendar``, a rota day on leave or a holiday is LEAVE
        or HOLIDAY (EXTRA_DAY when something was logged on it) and carries its words.
        """
        if not days:
            return cls(dt.date.today(), ())
        states = []
        notes = []
        for d in days:
            status = calendar.day_status(d.day) if calendar is not None else None
            if started_on is not None and d.day < started_on:
                states.append(BEFORE_START)
            elif status is not None and status.is_day_off:
                states.append(EXTRA_DAY if d.logged else day_off_state(status))
            else:
                states.append(day_state(d))
            notes.append(status.describe() if status is not None and status.is_day_off else "")
        return cls(
            days[0].day,
            tuple(states),
            tuple(d.minutes for d in days),
            week_start,
            tuple(notes) if any(notes) else (),
        )

    def day(self, index: int) -> dt.date:
        return self.first + dt.timedelta(days=index)


def day_state(day: Any) -> int:
    """The heatmap state of one formulas.DayScore."""
    if day.pending:
        return OUTSIDE
    if not day.workday:
        return EXTRA_DAY if day.logged else NON_WORKDAY
    if not day.logged:
        return MISSED
    return MET_TARGET if day.met_customer_target else BELOW_TARGET


def day_off_state(status: Any) -> int:
    """LEAVE or HOLIDAY for a core.schedule.DayStatus that is a day off."""
    return HOLIDAY if status.kind == "holiday" else LEAVE


def state_colour(state: int, theme: ChartTheme) -> str | None:
    """The fill of a heatmap state in a theme; None for the blank ones (outside, before start)."""
    if state in (LEAVE, HOLIDAY):
        return DAY_OFF_COLOURS[theme.is_dark][state - LEAVE]
    name = {
        NON_WORKDAY: "non_workday",
        MISSED: "missed",
        BELOW_TARGET: "below_target",
        MET_TARGET: "met_target",
        EXTRA_DAY: "below_target",
    }.get(state)
    return getattr(theme, name) if name else None


def week_label(day: dt.date, with_year: bool = False) -> str:
    """'5 Jan' (or '5 Jan 2026'): day first, so it never reads as a US or ISO date."""
    text = f"{day.day} {day:%b}"
    return f"{text} {day.year}" if with_year else text


def signed_change(value: float) -> str:
    return f"{value:+.1f}".replace("-", "−")


def describe_week(series: WeeklySeries, index: int, panel: str) -> str:
    """Exact values of one week for the hover tooltip of a weekly panel."""
    start = series.week_start[index]
    head = f"Week of {week_label(start, with_year=True)}"
    if panel == "customer":
        return (
            f"{head}\nCustomer-facing time: {series.customer_minutes[index]} min "
            f"(target {series.customer_target_minutes[index]} min)\n"
            f"Workdays meeting the daily target: {series.days_meeting_customer_target[index]} "
            f"of {series.workdays_scheduled[index]}\n"
            f"Workdays logged: {series.days_logged[index]} of {series.workdays_scheduled[index]}"
        )
    if panel == "coaching":
        closed, due = series.followups_closed_on_time[index], series.followups_due[index]
        return (
            f"{head}\nCoaching conversations: {series.coaching_count[index]} "
            f"(target {series.coaching_target[index]})\n"
            f"Follow-ups due: {due}, closed on time: {closed}"
        )
    if panel == "reinforcement":
        return (
            f"{head}\nReinforcements: {series.reinforcements_positive[index]} positive, "
            f"{series.reinforcements_corrective[index]} corrective "
            f"(target {series.reinforcement_target[index]} in all)"
        )
    return (
        f"{head}\nConsistency score: {series.consistency_score[index]:.1f}\n"
        f"Customer time {series.customer_score[index]:.1f} · "
        f"coaching {series.coaching_score[index]:.1f} · "
        f"reinforcement {series.reinforcement_score[index]:.1f}\n"
        f"Streak: {series.current_streak[index]} workdays "
        f"(longest {series.longest_streak[index]})"
    )


def describe_day(days: CalendarDays, index: int) -> str:
    """The hover text of one heatmap cell."""
    day = days.day(index)
    state = days.states[index]
    note = days.notes[index] if index < len(days.notes) else ""
    label = DAY_STATE_LABELS.get(state, "not yet")
    if note:
        label = note if state != EXTRA_DAY else f"{note}, logged anyway"
    text = f"{day:%a} {week_label(day, with_year=True)}: {label}"
    minutes = days.minutes[index] if index < len(days.minutes) else None
    if minutes is not None:
        text += f"\n{minutes} min with customers"
    return text


def week_tick_labels(weeks: Sequence[dt.date], max_labels: int) -> tuple[list[int], list[str]]:
    """Which weeks get a date label (at most max_labels, evenly spaced, ending at the latest) and its text."""
    count = len(weeks)
    if not count or max_labels <= 0:
        return [], []
    step = max(1, math.ceil(count / max(1, max_labels)))
    positions = list(range(count - 1, -1, -step))[::-1]
    labels = []
    previous_year = None
    for position in positions:
        day = weeks[position]
        labels.append(week_label(day, with_year=day.year != previous_year))
        previous_year = day.year
    return positions, labels


def shade_weight(amount: float) -> float:
    """How far ``figures.shade`` (and the dashboard's colour mix) moves from the background to the colour for an amount 0..1."""
    return 0.2 + 0.8 * min(1.0, max(0.0, float(amount)))


def met_target_shares(series: WeeklySeries) -> list[float]:
    """Each week's share of scheduled workdays that met the daily customer-time target."""
    return [
        met / scheduled if scheduled else 0.0
        for met, scheduled in zip(
            series.days_meeting_customer_target, series.workdays_scheduled, strict=True
        )
    ]


@dataclass(frozen=True)
class PanelText:
    """The words of one weekly panel: title, y-axis label, how to read it, and its empty note."""

    title: str
    y_label: str
    key: str = ""
    empty: str = ""


PANELS = {
    "score": PanelText("Consistency score (0–100)", "score at week's end"),
    "customer": PanelText(
        "Customer-facing time per week",
        "minutes / week",
        "dashed: target  ·  {fuller_shade} bar: more workdays met the daily target",
        "No customer-facing minutes logged in these weeks.",
    ),
    "coaching": PanelText(
        "Coaching conversations per week",
        "number / week",
        "dashed: weekly target",
        "No coaching conversations logged in these weeks.",
    ),
    "reinforcement": PanelText(
        "Reinforcement actions per week",
        "number / week",
        "filled: positive  ·  outlined: corrective  ·  dashed: target",
        "No reinforcement actions logged in these weeks.",
    ),
}
CALENDAR_TITLE = "Workdays over the year"


def panel_text(name: str, theme: ChartTheme) -> PanelText:
    """The words of panel ``name`` for ``theme``: the key names the shade seen on that background."""
    text = PANELS[name]
    return replace(text, key=text.key.format(fuller_shade=theme.fuller_shade))


def score_lines(
    series: WeeklySeries, theme: ChartTheme
) -> tuple[tuple[str, tuple[float, ...], str, tuple[float, ...], float], ...]:
    """The score panel's lines in drawing order (overall on top).

    Each is (label, values, colour, dash pattern in line widths — empty for solid, width in points).
    """
    return (
        ("customer time", series.customer_score, theme.customer, (4, 2), 1.3),
        ("coaching", series.coaching_score, theme.coaching, (1, 1.5), 1.6),
        ("reinforcement", series.reinforcement_score, theme.positive, (5, 2, 1, 2), 1.3),
        ("overall", series.consistency_score, theme.overall, (), 2.6),
    )


def calendar_rows(days: CalendarDays) -> tuple[tuple[tuple[int, ...], ...], dt.date]:
    """7 rows of day states (weekdays from the week's first day), one per week column, and the origin.

    The origin is the date in column 0, row 0; cells outside the run of days are OUTSIDE.
    """
    offset = (days.first.weekday() - days.week_start) % 7
    origin = days.first - dt.timedelta(days=offset)
    total = offset + len(days.states)
    weeks = max(1, math.ceil(total / 7))
    flat = [OUTSIDE] * (weeks * 7)
    flat[offset:total] = days.states
    return tuple(tuple(flat[row::7]) for row in range(7)), origin


def month_ticks(origin: dt.date, weeks: int) -> tuple[list[int], list[str]]:
    """A label under the first column of each month, never closer than 3 columns to the last one."""
    ticks: list[int] = []
    labels: list[str] = []
    previous_month = None
    for week in range(weeks):
        start = origin + dt.timedelta(weeks=week)
        if start.month == previous_month:
            continue
        previous_month = start.month
        if ticks and week - ticks[-1] < 3:
            ticks.pop()
            labels.pop()
        with_year = not ticks or start.month == 1
        ticks.append(week)
        labels.append(f"{start:%b}" + (f" {start.year}" if with_year else ""))
    return ticks, labels


@dataclass(frozen=True)
class ComparisonRow:
    """One leader in the team comparison: the latest score, its recent change, the weekly scores."""

    name: str
    score: float | None
    change: float | None
    """points gained (+) or lost (−) over the trend window; None without history"""
    scores: tuple[float, ...] = ()
    """the overall score at each week's end, oldest first"""
    falling: bool = False
    """the score fell week after week (drawn in the warning colour)"""
    week_starts: tuple[dt.date, ...] = ()
    """the first day of each week in scores (weeks before the start, or in another team, are absent)"""
    since: dt.date | None = None
    """the leader's start when it falls inside the period"""


def trend_arrow(change: float | None, flat: float = 1.0) -> str:
    """▲ rising, ▼ falling, → about level (within ±flat points), blank without history."""
    if change is None:
        return ""
    if change > flat:
        return "▲"
    if change < -flat:
        return "▼"
    return "→"
