"""Weekly metrics on the large database: one leader over 52 weeks, and all leaders over five years.

Measured: ``reporting.weekly_figures`` (what the dashboard needs for one leader: every
weekly figure and consistency score) and ``reporting.weekly_figures_by_leader`` (all
leaders). Baselines, in the same run: one hand-written SQL query of that leader's weekly
sums, and a raw ``GROUP BY leader, week`` over every entry, both in Python's sqlite3.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys

from common import database_for, finish, interleaved, measure, parser, ratio_row

WEEKLY_SUMS = """
SELECT {leader} strftime('%Y-%W', day) AS week, sum(minutes), sum(coaching), sum(reinforcements)
FROM (
    SELECT leader_id, day, minutes, 0 AS coaching, 0 AS reinforcements FROM day_log {where}
    UNION ALL SELECT leader_id, day, 0, 1, 0 FROM coaching_note {where}
    UNION ALL SELECT leader_id, day, 0, 0, 1 FROM reinforcement {where}
)
GROUP BY {leader} week
"""


def main(argv: list[str] | None = None) -> int:
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    from leaderlog.data.store import open_database
    from leaderlog.journal import people
    from leaderlog.reports import reporting

    path = database_for(args.quick)
    db = open_database(path)
    raw = sqlite3.connect(path)
    today = dt.date.today()
    year_ago = today - dt.timedelta(weeks=52)
    five_years_ago = today - dt.timedelta(days=5 * 365 + 1)
    leader = people.list_leaders(db)[-1]
    repeat = 5 if args.quick else 15
    try:
        one_sql = WEEKLY_SUMS.format(leader="", where="WHERE leader_id = ? AND day BETWEEN ? AND ?")
        one_params = (leader.id, year_ago.isoformat(), today.isoformat()) * 3
        # in turns, so a busy moment on a shared machine slows both alike
        one = interleaved(
            {
                "app": lambda: reporting.weekly_figures(db, leader.id, year_ago, today),
                "sql": lambda: raw.execute(one_sql, one_params).fetchall(),
            },
            repeat=repeat * 3,
        )
        one_leader, one_baseline = one["app"], one["sql"]
        all_leaders = measure(
            lambda: reporting.weekly_figures_by_leader(db, five_years_ago, today),
            repeat=3,
        )
        all_sql = WEEKLY_SUMS.format(leader="leader_id,", where="WHERE day BETWEEN ? AND ?")
        all_params = (five_years_ago.isoformat(), today.isoformat()) * 3
        all_baseline = measure(lambda: raw.execute(all_sql, all_params).fetchall(), repeat=3)
    finally:
        raw.close()
        db.dispose()
    rows = [
        ratio_row(
            "weekly metrics for one leader over 52 weeks",
            one_leader,
            one_baseline,
            3.0,
            "one hand-written SQL query of the leader's weekly sums",
            absolute_limit_s=0.050,
        ),
        ratio_row(
            "weekly summary for all leaders over 5 years",
            all_leaders,
            all_baseline,
            1.5,
            "raw GROUP BY leader, week in sqlite3",
        ),
    ]
    return finish(rows, args.json)


if __name__ == "__main__":
    sys.exit(main())
