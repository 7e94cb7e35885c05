"""The week review as files: a one-page PDF (matplotlib, imported when first used) and a CSV.

Both are written from a ``week_review.WeekReview``, so they say what the page shows. The
CSV uses the spreadsheet-safety rule of the other exports (``transfer.csv_export.neutralise``)
and their dialect: UTF-8, ISO dates, one header row, CRLF records. Files appear whole or
not at all (``core.atomic``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from leaderlog import __version__
from leaderlog.core.atomic import atomic_write
from leaderlog.reports import attention
from leaderlog.reports.week_review import ReviewRow, WeekReview, week_words
from leaderlog.transfer.csv_export import neutralise

CSV_COLUMNS = (
    "week_start",
    "week_end",
    "rank",
    "leader",
    "team",
    "score",
    "score_change",
    "days_logged",
    "workdays_scheduled",
    "days_off",
    "coaching",
    "coaching_target",
    "reinforcements",
    "reinforcement_target",
    "overdue_follow_ups",
    "needs_attention",
    "why",
)
"""The CSV's header row, in order (score_change: points over the last two weeks)."""

PAGE_SIZE = (11.69, 8.27)
"""A4 landscape, in inches."""
PAGE_ROWS = 30
"""Rows that fit the page's table; a longer review lists the first ones and says how many more."""


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


def csv_rows(review: WeekReview) -> Iterator[tuple[str, ...]]:
    """The CSV's records after the header: one per leader, in the review's order."""
    for rank, row in enumerate(review.rows, start=1):
        yield (
            review.first_day.isoformat(),
            review.last_day.isoformat(),
            str(rank),
            neutralise(row.name),
            neutralise(row.team),
            _number(row.score),
            _number(row.change),
            str(row.days_logged),
            str(row.workdays),
            str(row.days_off),
            str(row.coaching),
            _count(row.coaching_target),
            str(row.reinforcements),
            _count(row.reinforcement_target),
            str(row.overdue),
            "yes" if row.flagged else "no",
            neutralise(row.why),
        )


def write_csv(review: WeekReview, path: str | Path, *, bom: bool = False) -> Path:
    """Write the review as CSV to path; returns the path written."""
    target = Path(path).expanduser()
    with atomic_write(target, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(csv_rows(review))
    return target


# ---------------------------------------------------------------- the PDF page


def _signed(value: float | None) -> str:
    if value is None:
        return "—"
    return "0" if round(value) == 0 else f"{value:+.0f}"


def _of(done: int, target: int | None) -> str:
    return f"{done}" if target is None else f"{done} / {target}"


def table_cells(row: ReviewRow) -> tuple[str, ...]:
    """One row of the page's table (also what the window's table shows)."""
    if row.workdays == 0 and row.days_off:
        days = f"{row.days_off} days off"
    else:
        days = f"{row.days_logged} of {row.workdays}" + (
            f" ({row.days_off} off)" if row.days_off else ""
        )
    return (
        row.name,
        row.team or "—",
        "—" if row.score is None else f"{row.score:.0f}",
        _signed(row.change),
        days,
        _of(row.coaching, row.coaching_target),
        _of(row.reinforcements, row.reinforcement_target),
        str(row.overdue) if row.overdue else "",
        row.why,
    )


TABLE_HEADER = (
    "Leader",
    "Team",
    "Score",
    "Change",
    "Days logged",
    "Coaching",
    "Reinforcement",
    "Overdue",
    "Needs attention because",
)
FLAGGED_BAND = "#fbe3df"
"""A pale red behind flagged rows: visible on screen, light enough for a photocopier."""
_WIDTHS = (0.13, 0.08, 0.05, 0.055, 0.09, 0.07, 0.1, 0.065, 0.36)


RULES_TEXT = (
    f"Flagged when, counting only days the leader was there (leave and public holidays never count): "
    f"the score fell {attention.FALL_POINTS:.0f}+ points in {attention.FALL_WEEKS} weeks with workdays "
    f"missed or short; under half the workdays logged; a follow-up over {attention.OVERDUE_GRACE_DAYS} "
    f"days overdue; {attention.QUIET_WORKDAYS}+ workdays without reinforcement or coaching. "
    "Change: points over two weeks. Targets are the week's own, shrunk for days off."
)


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


def _clip_lines(text: str, width: int, lines: int) -> str:
    """text wrapped at width characters, at most lines lines, the last ending in … when cut."""
    import textwrap

    wrapped = textwrap.wrap(text, width) or [text]
    if len(wrapped) <= lines:
        return "\n".join(wrapped)
    kept = wrapped[:lines]
    kept[-1] = textwrap.shorten(kept[-1] + " " + wrapped[lines], width - 2, placeholder="") + " …"
    return "\n".join(kept)


def draw_page(figure: Any, review: WeekReview) -> None:
    """Draw the review on a matplotlib Figure: title, summary, the ranked table, the rules."""
    from leaderlog.reports.chart_theme import PRINT

    theme = PRINT
    figure.set_facecolor(theme.background)
    figure.text(
        0.04, 0.95, "Week review", fontsize=17, weight="bold", color=theme.foreground, va="top"
    )
    figure.text(
        0.04, 0.905, f"{week_words(review.first_day)} · {review.team or 'all teams'}  ·  {review.summary()}", fontsize=10.5,
        color=theme.foreground, va="top",
    )  # fmt: skip
    shown = list(review.rows[:PAGE_ROWS])
    hidden = review.rows[PAGE_ROWS:]
    ax = figure.add_axes((0.04, 0.12, 0.92, 0.75))
    ax.set_axis_off()
    lines = len(shown) + 1
    height = 1.0 / max(lines, 16)
    x_positions = [sum(_WIDTHS[:i]) for i in range(len(_WIDTHS))]
    font = 8.5 if len(shown) <= 20 else 7.5
    # how many lines of the reason fit a row: the row's height in points over a line's
    height_lines = max(1, int(height * 0.75 * PAGE_SIZE[1] * 72 / (font * 1.3)))
    for column, label in enumerate(TABLE_HEADER):
        ax.text(
            x_positions[column], 1.0, label, fontsize=font, weight="bold", color=theme.foreground,
            va="top", transform=ax.transAxes,
        )  # fmt: skip
    ax.plot(
        [0, 1],
        [1.0 - height * 0.8] * 2,
        color=theme.foreground,
        linewidth=0.6,
        transform=ax.transAxes,
    )
    for index, row in enumerate(shown, start=1):
        y = 1.0 - index * height
        if row.flagged:
            ax.add_patch(_band(ax, y + height * 0.2, height, FLAGGED_BAND))
        for column, text in enumerate(table_cells(row)):
            if column == len(TABLE_HEADER) - 1:
                text = _clip_lines(text, 58 if font > 8 else 66, height_lines)
            ax.text(
                x_positions[column], y, text, fontsize=font, color=theme.foreground, va="top",
                weight="bold" if column == 0 and row.flagged else "normal",
                transform=ax.transAxes, clip_on=True,
            )  # fmt: skip
    if hidden:
        flagged = sum(1 for row in hidden if row.flagged)
        more = f"… and {len(hidden)} more leaders ({flagged} flagged): the CSV lists everyone."
        ax.text(
            0, 1.0 - lines * height, more, fontsize=font, color=theme.muted, va="top",
            transform=ax.transAxes,
        )  # fmt: skip
    figure.text(0.04, 0.085, _wrap(RULES_TEXT, 190), fontsize=7.5, color=theme.muted, va="top")
    figure.text(
        0.96, 0.025, f"LeaderLog {__version__} · page 1 of 1", fontsize=7.5, color=theme.muted,
        ha="right",
    )  # fmt: skip


def _band(ax: Any, top: float, height: float, colour: str) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle(
        (-0.005, top - height), 1.01, height, facecolor=colour, edgecolor="none",
        transform=ax.transAxes, zorder=0,
    )  # fmt: skip


def write_pdf(review: WeekReview, path: str | Path) -> Path:
    """Write the review as a one-page PDF to path (a .pdf suffix is added when missing)."""
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    target = Path(path).expanduser()
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    figure = Figure(figsize=PAGE_SIZE)
    draw_page(figure, review)
    metadata = {
        "Title": f"LeaderLog {review.title().lower()}",
        "Author": "LeaderLog",
        "Subject": "Who needs attention this week, and why",
        "Creator": f"LeaderLog {__version__}",
    }
    with atomic_write(target, "wb") as handle, PdfPages(handle, metadata=metadata) as pdf:
        pdf.savefig(figure)
    return target
