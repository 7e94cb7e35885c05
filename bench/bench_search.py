"""Journal search as you type over the large database: one leader over all years, and all leaders.

Each keystroke of a few realistic searches is one ``logbook.list_entries`` call as the
Journal page makes it (newest first, its first PAGE_SIZE + 1 rows). The figure is the
slowest keystroke's median; the targets are absolute (50 ms and 300 ms), and the same-run
reference shown beside them is the substring (ILIKE) search the index replaced, for the
longest query of each kind.
"""

from __future__ import annotations

import statistics
import sys

from common import Row, Timing, database_for, finish, measure, parser

# What people type: a word, a word and the start of the next, a member's name, a standard.
TYPED = ("refund", "customer comp", "priya", "own the prob")
# the Journal page's first page (PAGE_SIZE in leaderlog/ui/journal_page.py; later pages
# are read on scrolling), plus one to know there is more
JOURNAL_PAGE_LIMIT = 301


def _keystrokes(text: str) -> list[str]:
    return [text[:n] for n in range(1, len(text) + 1) if not text[:n].endswith(" ")]


def _worst_keystroke(
    db: object, leader_ids: list[int] | None, repeat: int
) -> tuple[Timing, str, float]:
    """The slowest keystroke's timing and text, and the median over every keystroke (s)."""
    from leaderlog.journal import logbook

    worst: tuple[Timing, str] | None = None
    medians: list[float] = []
    for text in TYPED:
        for typed in _keystrokes(text):
            timing = measure(
                lambda typed=typed: logbook.list_entries(
                    db,  # type: ignore[arg-type]
                    leader_ids=leader_ids,
                    text=typed,
                    limit=JOURNAL_PAGE_LIMIT,
                ),
                repeat=repeat,
            )
            medians.append(timing.median)
            if worst is None or timing.median > worst[0].median:
                worst = (timing, typed)
    assert worst is not None
    return worst[0], worst[1], statistics.median(medians)


def _substring_reference(db: object, leader_ids: list[int] | None, repeat: int) -> Timing:
    """The old ILIKE search for the longest query, on a connection that cannot see the index."""
    from unittest import mock

    from leaderlog.data import search
    from leaderlog.journal import logbook

    with mock.patch.object(search, "is_available", return_value=False):
        return measure(
            lambda: logbook.list_entries(
                db,  # type: ignore[arg-type]
                leader_ids=leader_ids,
                text=TYPED[1],
                limit=JOURNAL_PAGE_LIMIT,
            ),
            repeat=repeat,
        )


def main(argv: list[str] | None = None) -> int:
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    from leaderlog.data.store import open_database

    db = open_database(database_for(args.quick))
    repeat = 3 if args.quick else 5
    rows = []
    try:
        for name, leaders, limit_s in (
            ("search as you type, one leader, all years", [123 if not args.quick else 12], 0.050),
            ("search as you type, all leaders", None, 0.300),
        ):
            timing, typed, typical = _worst_keystroke(db, leaders, repeat)
            reference = _substring_reference(db, leaders, 1 if not args.quick else repeat)
            rows.append(
                Row(
                    name,
                    f"slowest keystroke {timing.describe()} (typing '{typed}'); "
                    f"median keystroke {typical * 1000:.1f} ms",
                    f"substring search it replaced: {reference.describe()} for '{TYPED[1]}'",
                    None,
                    f"≤ {limit_s * 1000:g} ms per keystroke",
                    timing.median <= limit_s,
                    value=timing.median,
                )
            )
    finally:
        db.dispose()
    return finish(rows, args.json)


if __name__ == "__main__":
    sys.exit(main())
