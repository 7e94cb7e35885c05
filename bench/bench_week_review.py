"""The manager's week review for every leader of the large database (issue 16): the Week review page's read.

Measured: ``week_review.week_review`` for the last full week, all teams (every leader's
score and its two-week change, days logged of days scheduled, coaching and reinforcement
against that week's targets, follow-ups open at the week's end, the runs without coaching
or reinforcement, each leader's calendar) and for one team. Baseline, in the same run: one
hand-written SQL query in Python's sqlite3 of the same figures per leader and week (days
logged, coaching and reinforcement counts, follow-ups open at the week's end, the last
coaching and reinforcement day) over every week of the journal, since a consistency score
is a walk over the leader's whole record; no scores or calendars are computed.

The timed reviews resume the walk from the states the warm-up read stored
(``data/walk_states.py``), as every open after the first does; the first open of a
journal, with no stored states, is its own row (each sample after deleting them).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys

from common import Timing, database_for, finish, interleaved, measure, parser, ratio_row

SAME_FIGURES = """
WITH entries AS (
    SELECT leader_id, day, 1 AS logged, 0 AS coaching, 0 AS reinforcements FROM day_log
        WHERE day BETWEEN :first AND :last
    UNION ALL SELECT leader_id, day, 1, 1, 0 FROM coaching_note WHERE day BETWEEN :first AND :last
    UNION ALL SELECT leader_id, day, 1, 0, 1 FROM reinforcement WHERE day BETWEEN :first AND :last
),
weekly AS (
    SELECT leader_id, strftime('%Y-%W', day) AS week, count(DISTINCT day) AS days_logged,
           sum(coaching) AS coaching, sum(reinforcements) AS reinforcements
    FROM entries GROUP BY leader_id, week
)
SELECT leader.id, leader.name, leader.team, weekly.week, weekly.days_logged, weekly.coaching,
       weekly.reinforcements,
       (SELECT count(*) FROM coaching_note n WHERE n.leader_id = leader.id
            AND n.follow_up_on < :last AND (n.follow_up_done_on IS NULL OR n.follow_up_done_on > :last)),
       (SELECT max(day) FROM coaching_note c WHERE c.leader_id = leader.id AND c.day <= :last),
       (SELECT max(day) FROM reinforcement r WHERE r.leader_id = leader.id AND r.day <= :last)
FROM leader LEFT JOIN weekly ON weekly.leader_id = leader.id
WHERE leader.archived_at IS NULL {team}
ORDER BY leader.team, leader.name, weekly.week
"""


def main(argv: list[str] | None = None) -> int:
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    from leaderlog.data.store import open_database
    from leaderlog.journal import people
    from leaderlog.reports import week_review

    path = database_for(args.quick)
    db = open_database(path)
    raw = sqlite3.connect(path)
    today = dt.date.today()
    week = week_review.last_full_week(today)
    params = {
        "first": "1990-01-01",  # every week: what a score depends on
        "last": (week + dt.timedelta(days=6)).isoformat(),
    }
    team = people.list_teams(db)[0]
    leaders = len(people.list_leaders(db))
    repeat = 5 if args.quick else 11
    all_sql = SAME_FIGURES.format(team="")
    team_sql = SAME_FIGURES.format(team="AND leader.team = :team")
    try:
        timed = interleaved(
            {
                "all": lambda: week_review.week_review(db, week, today=today),
                "all_sql": lambda: raw.execute(all_sql, params).fetchall(),
                "team": lambda: week_review.week_review(db, week, team, today=today),
                "team_sql": lambda: raw.execute(team_sql, {**params, "team": team}).fetchall(),
            },
            repeat=repeat,
        )
        first_opens = []
        for _sample in range(3):
            raw.execute("DELETE FROM metrics_checkpoint")
            raw.commit()
            review = measure(lambda: week_review.week_review(db, week, today=today), 1, warmup=0)
            first_opens.extend(review.samples)
    finally:
        raw.close()
        db.dispose()
    baseline = "one hand-written SQL query of the same figures over every week (no scores)"
    rows = [
        ratio_row(
            f"week review of all {leaders} leaders (last full week)",
            timed["all"],
            timed["all_sql"],
            1.0,
            baseline,
            absolute_limit_s=1.0,
            note="each round times the review and its baseline in turn",
        ),
        ratio_row(
            f"week review of all {leaders} leaders, first open (no stored walk states)",
            Timing(tuple(first_opens)),
            timed["all_sql"],
            1.0,
            baseline,
            note="once per journal: it stores the states every later open resumes from",
        ),
        ratio_row(
            f"week review of one team ({team})",
            timed["team"],
            timed["team_sql"],
            1.0,
            baseline,
            absolute_limit_s=0.5,
        ),
    ]
    return finish(rows, args.json)


if __name__ == "__main__":
    sys.exit(main())
