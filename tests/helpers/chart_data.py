"""A small known journal for chart, dashboard and review-pack tests (real entries through the domain)."""

from __future__ import annotations

import datetime as dt

from leaderlog.core.records import Leader
from leaderlog.data.engine import Database
from leaderlog.journal import logbook, people

TODAY = dt.date(2026, 11, 20)
"""A Friday: the same fixed 'today' as tests/conftest.py."""
FIRST_MONDAY = dt.date(2026, 10, 12)
"""Six whole weeks of entries, Monday 12 October to Friday 20 November."""


def fill_known_journal(db: Database, leader: Leader, today: dt.date = TODAY) -> dict[str, int]:
    """Six weeks for one leader: steady minutes, one missed day, a burst week, coaching, reinforcements.

    Returns the ids the tests refer to (member, standard, overdue coaching note).
    """
    member = people.add_member(db, leader.id, "Sam Lee")
    greet = people.add_standard(db, "Greet within 10 seconds")
    people.add_standard(db, "Own the problem")  # never used: shows as not covered
    day = FIRST_MONDAY
    index = 0
    while day <= today:
        weekday = day.weekday()
        week = (day - FIRST_MONDAY).days // 7
        if weekday < 5 and not (week == 1 and weekday == 2):  # one missed Wednesday
            steady = 45 + 10 * (index % 4)
            burst = 300 if weekday == 0 else 5
            minutes = burst if week == 3 else steady  # week 4 crams its minutes into Monday
            logbook.add_day_log(db, leader.id, day, str(minutes), today=today)
            if weekday in (1, 3):
                logbook.add_reinforcement(
                    db, leader.id, day, "praise", "Quick greeting", member.id, greet.id,
                    today=today,
                )  # fmt: skip
            if weekday == 4 and week % 2 == 0:
                logbook.add_reinforcement(
                    db, leader.id, day, "corrective_feedback", "Counter left alone", member.id,
                    today=today,
                )  # fmt: skip
            if weekday == 2:
                logbook.add_coaching_note(
                    db, leader.id, day, member.id, "Greeting came late", "Greet first",
                    greet.id, day + dt.timedelta(days=7), today=today,
                )  # fmt: skip
            index += 1
        day += dt.timedelta(days=1)
    overdue = logbook.add_coaching_note(
        db, leader.id, dt.date(2026, 11, 2), member.id, "Refund handover missing",
        "Write the handover note", None, dt.date(2026, 11, 9), today=today,
    )  # fmt: skip
    for note in logbook.list_follow_ups(db, leader.id):
        if note.id != overdue.id and note.follow_up_on and note.follow_up_on < today:
            logbook.complete_follow_up(db, note.id, note.follow_up_on, today=today)
    return {"member": member.id, "standard": greet.id, "overdue": overdue.id}
