"""The window's pages: one sidebar entry each, and where its Page class lives (imported on first use)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from leaderlog.ui.context import AppContext
    from leaderlog.ui.page import Page


@dataclass(frozen=True)
class PageSpec:
    """One sidebar entry: its name, shortcut, and where its Page class lives (imported on first use)."""

    key: str
    title: str
    module: str
    class_name: str
    fallback: tuple[str, str] | None = None
    """module and class to use when ``module`` is not installed (the charts dashboard)"""


PAGES: tuple[PageSpec, ...] = (
    PageSpec("today", "Today", "leaderlog.ui.today.today_page", "TodayPage"),
    PageSpec("journal", "Journal", "leaderlog.ui.journal.journal_page", "JournalPage"),
    PageSpec("followups", "Follow-ups", "leaderlog.ui.followups.followups_page", "FollowUpsPage"),
    PageSpec(
        "dashboard",
        "Dashboard",
        "leaderlog.ui.dashboard.dashboard_page",
        "DashboardPage",
        fallback=("leaderlog.ui.dashboard.weekly_table_page", "WeeklyTablePage"),
    ),
    PageSpec("people", "People", "leaderlog.ui.people.people_page", "PeoplePage"),
    # last, so the earlier pages keep their Ctrl+1..5
    PageSpec("review", "Week review", "leaderlog.ui.review.review_page", "WeekReviewPage"),
)


def page_index(key: str) -> int:
    """Where the page with this key sits in the sidebar (0 = Today)."""
    return next(i for i, spec in enumerate(PAGES) if spec.key == key)


def load_page_class(spec: PageSpec) -> Callable[[AppContext], Page]:
    """Import a page's module on first use; fall back when an optional page is missing."""
    try:
        module = importlib.import_module(spec.module)
    except ModuleNotFoundError as exc:
        if spec.fallback is None or exc.name != spec.module:
            raise
        module = importlib.import_module(spec.fallback[0])
        return getattr(module, spec.fallback[1])
    return getattr(module, spec.class_name)
