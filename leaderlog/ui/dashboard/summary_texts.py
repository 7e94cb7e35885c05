"""The leader dashboard's words: heading, targets, summary cards, notes and standards coverage.

Pure functions of an ``overview.LeaderReview`` (no Qt), so the page only puts the texts
in its labels and a test can read them without a window.
"""

from __future__ import annotations

import html

from leaderlog.core.records import Leader
from leaderlog.reports import explanations, overview

NOTHING_LOGGED = "nothing logged in this period"
NO_LEADER_NOTE = (
    "Add a leader on the People page (or the welcome form on Today) and log a few "
    "days; their trends appear here."
)


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def workdays_text(count: int) -> str:
    return f"{count} workday{'s' if count != 1 else ''}"


def since_text(data: overview.LeaderReview) -> str:
    """' · since 3 Aug 2026' when the leader's record begins inside the period, else ''."""
    since = data.since
    return f" · since {since.day} {since:%b %Y}" if since is not None else ""


def heading_text(data: overview.LeaderReview) -> str:
    leader = data.leader
    team = f" · {leader.team}" if leader.team else ""
    return f"{leader.name}{team}, {data.start:%d %b %Y} to {data.end:%d %b %Y}{since_text(data)}"


def chart_caption(data: overview.LeaderReview) -> str:
    """The line an exported chart carries: who and which period."""
    return heading_text(data)


def why_text(data: overview.LeaderReview | None) -> str:
    """Why the latest week's score is what it is, and the way back on track ('' with nothing logged)."""
    if data is None or data.latest is None or data.is_empty:
        return ""
    explained = data.explanations()[-1]
    # one paragraph under the cards: the charts keep their height
    return " ".join(
        [f"Why this score: {explained.headline}.", *explained.reasons, explained.recovery]
    )


def why_week_text(explanation: explanations.ScoreExplanation) -> str:
    """'Why this score: <headline>', a line per reason, then the way back on track."""
    lines = [f"Why this score: {explanation.headline}"]
    lines += [f"• {reason}" for reason in explanation.reasons]
    lines.append(explanation.recovery)
    return "\n".join(lines)


def targets_text(leader: Leader) -> str:
    return (
        f"Works {leader.work_pattern}; targets {leader.target_minutes} min with customers "
        f"a workday, {leader.target_coaching} coaching conversations and "
        f"{leader.target_reinforcement} reinforcements a week"
    )


def sparse_text(data: overview.LeaderReview) -> str:
    """A caution when so few workdays were logged that the scores are only a start ('' otherwise)."""
    if data.is_empty or not data.is_sparse:
        return ""
    return (
        f"Only {data.days_logged} of {data.workdays_scheduled} workdays logged in this "
        "period: scores build up over a few weeks of steady logging, so read them as a "
        "start, not a verdict."
    )


def empty_chart_text(data: overview.LeaderReview) -> str:
    return (
        f"{data.leader.name} has nothing logged between "
        f"{data.start:%d %b %Y} and {data.end:%d %b %Y}.\n"
        "Log a day's customer time, a coaching note or a reinforcement on the Today "
        "page,\nor choose a longer period above."
    )


def chart_description(data: overview.LeaderReview | None) -> str:
    """What the charts show, in words, for screen readers."""
    if data is None or data.latest is None or data.is_empty:
        return "No charts: nothing logged in this period."
    first, latest = data.weeks[0], data.latest
    return (
        f"Weekly charts for {data.leader.name}, {len(data.weeks)} weeks. Consistency score "
        f"went from {first.consistency_score:.0f} to {latest.consistency_score:.0f}. "
        f"Latest week: {latest.customer_minutes} minutes with customers "
        f"(target {latest.customer_target_minutes}), {latest.coaching_count} coaching "
        f"conversations (target {latest.coaching_target}), {latest.reinforcements} "
        f"reinforcements (target {latest.reinforcement_target}). Hover a week for its "
        "values; click it to open it in the Journal."
    )


def card_figures(data: overview.LeaderReview | None) -> tuple[tuple[str, str], ...] | None:
    """(value, detail) of the score, streak, follow-up and balance cards; None with nothing logged."""
    latest = data.latest if data is not None else None
    if data is None or latest is None or data.is_empty:
        return None
    follow_ups = data.follow_ups
    overdue = len(follow_ups.overdue)
    balance = data.balance
    ratio = balance.ratio
    return (
        (
            f"{latest.consistency_score:.0f} / 100",
            f"customer time {latest.customer_score:.0f} · coaching {latest.coaching_score:.0f} · "
            f"reinforcement {latest.reinforcement_score:.0f}",
        ),
        (
            workdays_text(latest.current_streak),
            f"longest {workdays_text(latest.longest_streak)} in a row meeting the "
            "customer-time target",
        ),
        (
            percent_text(follow_ups.on_time_rate),
            f"{follow_ups.closed_on_time} of {follow_ups.due} due in the period; "
            + (f"{overdue} overdue now" if overdue else "none overdue"),
        ),
        (
            "no corrective" if ratio is None else f"{ratio:.1f} : 1",
            f"{balance.positive} positive, {balance.corrective} corrective reinforcements",
        ),
    )


def coverage_html(data: overview.LeaderReview) -> str:
    """One paragraph per standard: how often it was coached and reinforced, or that it never was."""
    rows = []
    for standard in data.coverage:
        name = html.escape(standard.name)
        if standard.covered:
            last = f", last {standard.last_day:%d %b}" if standard.last_day else ""
            use = (
                f"coached {standard.coaching_count}, reinforced "
                f"{standard.reinforcement_count}{last}"
            )
            rows.append(f"<p style='margin:0 0 6px 0'><b>{name}</b><br>{use}</p>")
        else:
            rows.append(
                f"<p style='margin:0 0 6px 0'><b><i>{name}</i></b><br>"
                "<i>never coached or reinforced</i></p>"
            )
    return "".join(rows)


def coverage_note(data: overview.LeaderReview) -> str:
    never = sum(1 for standard in data.coverage if not standard.covered)
    if not data.coverage:
        return "No standards yet: add them on the People page."
    if never:
        return (
            f"{never} of {len(data.coverage)} standards never coached or reinforced in this period."
        )
    return "Every standard was coached or reinforced."
