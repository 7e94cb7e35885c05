"""The review pack: one PDF per leader and period with the charts, weekly table and follow-ups.

Drawn with matplotlib's own PDF backend (PdfPages) by ``reports.figures`` from the same
chart models (``reports.chart_models``) the window paints, imported inside the function so
the CLI stays quick and needs no Qt.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from leaderlog import __version__
from leaderlog.core.atomic import atomic_write
from leaderlog.core.errors import ValidationError
from leaderlog.core.records import Leader
from leaderlog.data.engine import Database
from leaderlog.reports import overview
from leaderlog.reports.chart_models import ON_TRACK_SCORE
from leaderlog.reports.formulas import HALF_LIFE_WEEKS, MAX_DAILY_STEP

PAGE_SIZE = (11.69, 8.27)
"""A4 landscape, in inches."""
WEEK_ROWS_PER_PAGE = 26
FOLLOW_UP_ROWS_PER_PAGE = 14

WEEK_HEADERS = (
    "Week of",
    "Workdays\nlogged",
    "Customer min\n(target)",
    "Days on\ntarget",
    "Coaching\n(target)",
    "Reinforcements\n+ / − (target)",
    "Follow-ups\non time / due",
    "Score\noverall",
    "Customer\nscore",
    "Coaching\nscore",
    "Reinf.\nscore",
    "Streak\n(longest)",
)
WEEK_WIDTHS = (0.11, 0.07, 0.1, 0.07, 0.08, 0.12, 0.09, 0.07, 0.07, 0.07, 0.07, 0.08)
FOLLOW_UP_HEADERS = ("Date", "Team member", "Standard", "Agreed action", "Follow-up due", "Status")
FOLLOW_UP_WIDTHS = (0.09, 0.12, 0.15, 0.38, 0.1, 0.16)


def _pdf_suffix(path: Path) -> Path:
    if path.suffix.lower() != ".pdf":
        raise ValidationError("out", f"'{path.name}' should end in .pdf: the review pack is a PDF")
    return path


def week_row(week: Any, days_off: int = 0) -> list[str]:
    """One row of the weekly summary table, from a formulas.WeekFigures (and its days off)."""
    off = f"\n{days_off} day{'s' if days_off != 1 else ''} off" if days_off else ""
    return [
        f"{week.week_start:%d %b %Y}",
        f"{week.days_logged} / {week.workdays_scheduled}{off}",
        f"{week.customer_minutes} ({week.customer_target_minutes})",
        f"{week.days_meeting_customer_target} / {week.workdays_scheduled}",
        f"{week.coaching_count} ({week.coaching_target})",
        f"{week.reinforcements_positive} / {week.reinforcements_corrective} "
        f"({week.reinforcement_target})",
        f"{week.followups_closed_on_time} / {week.followups_due}" if week.followups_due else "—",
        f"{week.consistency_score:.0f}",
        f"{week.customer_score:.0f}",
        f"{week.coaching_score:.0f}",
        f"{week.reinforcement_score:.0f}",
        f"{week.current_streak} ({week.longest_streak})",
    ]


def _wrap(text: str, width: int, lines: int = 3) -> str:
    wrapped = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(wrapped) > lines:
        wrapped = [*wrapped[: lines - 1], textwrap.shorten(" ".join(wrapped[lines - 1 :]), width)]
    return "\n".join(wrapped)


def follow_up_row(note: Any, today: dt.date) -> list[str]:
    """One row of the follow-ups table, from a records.CoachingNote."""
    return [
        note.day.isoformat(),
        _wrap(note.member_name, 18, 2),
        _wrap(note.standard_name or "—", 22, 2),
        _wrap(note.action or note.observation, 62),
        note.follow_up_on.isoformat() if note.follow_up_on else "—",
        _wrap(overview.follow_up_status(note, today), 24, 2),
    ]


def _header(figure: Any, data: overview.LeaderReview, subtitle: str, theme: Any) -> None:
    leader = data.leader
    team = f" · {leader.team}" if leader.team else ""
    figure.text(
        0.04, 0.965, f"{leader.name}{team}: {subtitle}", fontsize=13, fontweight="bold",
        color=theme.foreground, va="top",
    )  # fmt: skip
    figure.text(
        0.96, 0.965, period_text(data), fontsize=10, color=theme.muted, va="top", ha="right",
    )  # fmt: skip


def period_text(data: overview.LeaderReview) -> str:
    """'8 Jun 2026 – 7 Dec 2026', with ' · since 3 Aug 2026' when the record begins inside it."""
    since = data.since
    text = f"{data.start:%d %b %Y} – {data.end:%d %b %Y}"
    return text + (f" · since {since.day} {since:%b %Y}" if since is not None else "")


def _footer(figure: Any, page: int, total: int, data: overview.LeaderReview, theme: Any) -> None:
    leader = data.leader
    figure.text(
        0.04, 0.02,
        f"{leader.name} · {period_text(data)} · LeaderLog {__version__} review pack · "
        f"made {data.today:%d %b %Y}",
        fontsize=7, color=theme.muted,
    )  # fmt: skip
    figure.text(
        0.96, 0.02, f"page {page} of {total}", fontsize=7, color=theme.muted, ha="right"
    )  # fmt: skip


def days_off_in(data: overview.LeaderReview, week: Any) -> int:
    """The week's rota days on leave or holidays (from the leader's calendar)."""
    if data.calendar is None:
        return 0
    return len(data.calendar.week(week.week_start).days_off)


def page_count(data: overview.LeaderReview) -> int:
    """Summary, trends, the weekly table's pages and the follow-ups' pages."""
    weeks = max(1, math.ceil(len(data.weeks) / WEEK_ROWS_PER_PAGE))
    follow_ups = max(1, math.ceil(len(data.coaching_notes) / FOLLOW_UP_ROWS_PER_PAGE))
    return 2 + weeks + follow_ups


def reading_the_score() -> str:
    """How the score works, in the pack's own words (the reader has no docs/metrics.md)."""
    return (
        "0–100, a habit strength. Each judged workday moves each practice's score "
        "(customer time against the daily target; coaching and reinforcement against the "
        "weekly targets, counted over the last 7 days) a small step towards how fully that "
        f"day met it, so the score halves its distance to a new rhythm in about "
        f"{HALF_LIFE_WEEKS:g} weeks of workdays and no one day moves it more than "
        f"{MAX_DAILY_STEP * 100:.1f} points. Steady daily practice scores higher than a burst "
        "with the same weekly total. Days off (leave, public holidays) and days before the "
        "start of the record are not judged: the score and streak carry across them, and a "
        "week's targets shrink in proportion to the workdays left. Each week is judged by "
        f"the targets in force that week. {ON_TRACK_SCORE:.0f} or more is on track."
    )


def _summary_lines(data: overview.LeaderReview) -> list[tuple[str, str]]:
    leader = data.leader
    latest = data.latest
    follow_ups = data.follow_ups
    balance = data.balance
    rate = follow_ups.on_time_rate
    lines = [
        (
            "Targets",
            f"works {leader.work_pattern}; {leader.target_minutes} min with customers a workday, "
            f"{leader.target_coaching} coaching and {leader.target_reinforcement} reinforcements "
            "a week (in force now; each week is judged by the targets in force then)",
        ),
        (
            "Workdays logged",
            f"{data.days_logged} of {data.workdays_scheduled} in the period"
            + (f", {off} days off not counted" if (off := _days_off(data)) else "")
            + (f" (record since {data.since.day} {data.since:%b %Y})" if data.since else ""),
        ),
    ]
    if latest is not None:
        lines += [
            (
                "Consistency score",
                f"{latest.consistency_score:.0f} / 100 at the end of the period (customer time "
                f"{latest.customer_score:.0f}, coaching {latest.coaching_score:.0f}, "
                f"reinforcement {latest.reinforcement_score:.0f})",
            ),
            (
                "Customer-time streak",
                f"{latest.current_streak} workday{'s' if latest.current_streak != 1 else ''} now; "
                f"longest {latest.longest_streak}",
            ),
        ]
    lines += [
        (
            "Follow-ups",
            f"{follow_ups.closed_on_time} of {follow_ups.due} due in the period closed on time"
            + (f" ({rate:.0%})" if rate is not None else "")
            + f"; {len(follow_ups.overdue)} overdue now",
        ),
        (
            "Reinforcement",
            f"{balance.positive} positive, {balance.corrective} corrective"
            + (f" ({balance.ratio:.1f} positive per corrective)" if balance.ratio else ""),
        ),
    ]
    never = [s.name for s in data.coverage if not s.covered]
    covered = [s.name for s in data.coverage if s.covered]
    lines.append(("Standards coached or reinforced", ", ".join(covered) or "none"))
    lines.append(
        ("Standards never touched", ", ".join(never) or "none: every standard was covered")
    )
    if latest is not None and not data.is_empty:
        explained = data.explanations()[-1]
        lines.append(("Why this score", "\n".join([explained.headline, *explained.reasons])))
        lines.append(("Back on track", explained.recovery))
    lines.append(("Reading the score", reading_the_score()))
    return lines


def _days_off(data: overview.LeaderReview) -> int:
    return sum(days_off_in(data, week) for week in data.weeks)


def _table(
    ax: Any,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    theme: Any,
    line_height: float,
) -> None:
    """A plain ruled table filling the axes from the top, rows as tall as their longest cell."""
    ax.set_axis_off()
    heights = [max(cell.count("\n") + 1 for cell in row) for row in [list(headers), *rows]]
    positions = [0.0]
    for left in widths[:-1]:
        positions.append(positions[-1] + left)
    y = 1.0
    for index, (row, lines) in enumerate(zip([list(headers), *rows], heights, strict=True)):
        height = lines * line_height + 0.4 * line_height
        if index % 2 == 0 and index:
            ax.axhspan(y - height, y, color=theme.target_zone, linewidth=0)
        for x, cell in zip(positions, row, strict=True):
            ax.text(
                x + 0.004, y - 0.2 * line_height, cell, va="top", ha="left",
                fontsize=7.5, color=theme.foreground, fontweight="bold" if index == 0 else None,
                linespacing=1.15,
            )  # fmt: skip
        y -= height
        if index == 0:
            ax.axhline(y, color=theme.foreground, linewidth=0.8)
    ax.axhline(y, color=theme.grid, linewidth=0.6)
    ax.set_xlim(0, 1)
    ax.set_ylim(min(0.0, y), 1)


def write_review_pack(
    db: Database,
    leader: Leader,
    start: dt.date,
    end: dt.date,
    path: str | Path,
    *,
    today: dt.date | None = None,
) -> int:
    """Write the leader's review pack for start..end to path (a .pdf); returns the page count.

    Page 1: key figures and why the score is what it is; then the charts; then the
    weekly summary table; then the period's coaching follow-ups (``review_pages``).
    The file is written to a temporary name and renamed, so a failure never leaves
    half a PDF behind.
    """
    from matplotlib.backends.backend_pdf import PdfPages

    target = _pdf_suffix(Path(path).expanduser())
    data = overview.leader_review(db, leader, start, end, today=today)
    pages = 0
    metadata = {
        "Title": f"LeaderLog review: {leader.name}, {start.isoformat()} to {end.isoformat()}",
        "Author": "LeaderLog",
        "Subject": "Consistency of customer time, coaching and reinforcement",
        "Creator": f"LeaderLog {__version__}",
    }
    with atomic_write(target, "wb") as handle, PdfPages(handle, metadata=metadata) as pdf:
        for figure in review_pages(data):
            pdf.savefig(figure)
            pages += 1
    return pages


def review_pages(data: overview.LeaderReview) -> Iterator[Any]:
    """The pack's pages as matplotlib Figures, one at a time, each with its header and footer."""
    from matplotlib.figure import Figure

    from leaderlog.reports import chart_models, figures
    from leaderlog.reports.chart_theme import PRINT

    leader, start, end = data.leader, data.start, data.end
    theme = PRINT
    pages = 0
    total = page_count(data)

    def new_page() -> Any:
        figure = Figure(figsize=PAGE_SIZE)
        figure.set_facecolor(theme.background)
        return figure

    def finish(figure: Any, subtitle: str) -> Any:
        nonlocal pages
        pages += 1
        _header(figure, data, subtitle, theme)
        _footer(figure, pages, total, data, theme)
        return figure

    # page 1: key figures
    figure = new_page()
    ax = figure.add_axes((0.04, 0.08, 0.92, 0.82))
    ax.set_axis_off()
    y = 0.98
    if data.is_empty:
        ax.text(
            0, y, "Nothing was logged in this period.", fontsize=11, color=theme.foreground,
            va="top",
        )  # fmt: skip
        y -= 0.08
    for label, text in _summary_lines(data):
        # each line of a text wraps on its own (the reasons of 'Why this score')
        wrapped = "\n".join(_wrap(part, 104, 10) for part in text.split("\n"))
        ax.text(0, y, label, fontsize=9, fontweight="bold", color=theme.foreground, va="top")
        ax.text(0.24, y, wrapped, fontsize=9, color=theme.foreground, va="top")
        y -= 0.0305 * (wrapped.count("\n") + 1) + 0.03
    ax.set_ylim(min(0.0, y), 1)
    yield finish(figure, "summary")

    # page 2: the dashboard charts
    figure = new_page()
    series = chart_models.WeeklySeries.from_weeks(data.weeks)
    days = chart_models.CalendarDays.from_day_scores(
        data.days, 0 if data.week_start == "monday" else 6, data.started_on, data.calendar
    )
    figures.draw_dashboard(
        figure,
        series,
        days,
        theme,
        f"{leader.name} has nothing logged between {start:%d %b %Y} and {end:%d %b %Y}.",
        layout=figures.DashboardLayout(top=0.75, bottom=0.85, left=0.8, right=0.4),
    )
    yield finish(figure, "trends")

    # weekly summary table, newest week first
    week_rows = [week_row(week, days_off_in(data, week)) for week in reversed(data.weeks)]
    for chunk_start in range(0, max(1, len(week_rows)), WEEK_ROWS_PER_PAGE):
        figure = new_page()
        ax = figure.add_axes((0.04, 0.06, 0.92, 0.86))
        chunk = week_rows[chunk_start : chunk_start + WEEK_ROWS_PER_PAGE]
        if chunk:
            _table(ax, WEEK_HEADERS, chunk, WEEK_WIDTHS, theme, 0.03)
        else:
            ax.set_axis_off()
            ax.text(0, 0.95, "No weeks in this period.", fontsize=10, color=theme.foreground)
        yield finish(figure, "weekly summary")

    # the period's coaching follow-ups
    follow_rows = [follow_up_row(note, data.today) for note in data.coaching_notes]
    for chunk_start in range(0, max(1, len(follow_rows)), FOLLOW_UP_ROWS_PER_PAGE):
        figure = new_page()
        ax = figure.add_axes((0.04, 0.06, 0.92, 0.86))
        chunk = follow_rows[chunk_start : chunk_start + FOLLOW_UP_ROWS_PER_PAGE]
        if chunk:
            _table(ax, FOLLOW_UP_HEADERS, chunk, FOLLOW_UP_WIDTHS, theme, 0.03)
        else:
            ax.set_axis_off()
            ax.text(
                0, 0.95, "No coaching conversations with a follow-up in this period.",
                fontsize=10, color=theme.foreground,
            )  # fmt: skip
        yield finish(figure, "coaching follow-ups")
