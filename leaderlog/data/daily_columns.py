"""Many leaders' entries as flat numpy arrays, read from SQLite in four queries (all-leader reports).

Reading a row per leader and day through the driver costs far more than SQLite spends
finding it (a Python tuple and a string per row, ~1.6 million of them for a big
organisation), so each query returns one row per leader with that leader's days joined
by commas (``group_concat``). Every stored day is ISO text ``YYYY-MM-DD``, so the joined
text is a grid of 11-byte cells that numpy turns into day numbers without a Python
object per day. Nothing depends on the order inside a group: every element carries its
own leader and day. numpy is imported only here, when such a report runs.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import warnings
from collections.abc import Sequence
from typing import Any

from leaderlog.data.models import CORRECTIVE_KINDS

_CORRECTIVE = ", ".join(f"'{kind}'" for kind in sorted(CORRECTIVE_KINDS))
# cumulative days before each month (index 1..12) in a common year
_DAYS_BEFORE_MONTH = (0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)


def _queries(leaders: int) -> dict[str, str]:
    chosen = f"leader_id IN ({', '.join('?' * leaders)})"
    return {
        # both aggregates of a query see the rows in the same order; minutes are NOT NULL
        "day_logs": "SELECT leader_id, group_concat(day), group_concat(minutes) FROM day_log "
        f"WHERE {chosen} AND day BETWEEN ? AND ? GROUP BY leader_id",
        "coaching": "SELECT leader_id, group_concat(day) FROM coaching_note "
        f"WHERE {chosen} AND day BETWEEN ? AND ? GROUP BY leader_id",
        # group_concat skips the NULLs: the second column lists the corrective ones only
        "reinforcements": "SELECT leader_id, group_concat(day), "
        f"group_concat(CASE WHEN kind IN ({_CORRECTIVE}) THEN day END) FROM reinforcement "
        f"WHERE {chosen} AND day BETWEEN ? AND ? GROUP BY leader_id",
        "follow_ups": "SELECT leader_id, group_concat(follow_up_on), "
        "group_concat(CASE WHEN follow_up_done_on <= follow_up_on THEN follow_up_on END) "
        f"FROM coaching_note WHERE {chosen} AND follow_up_on BETWEEN ? AND ? GROUP BY leader_id",
    }


def iso_days_to_ordinals(texts: Sequence[str]) -> Any:
    """date.toordinal() of every day in comma-joined ISO texts, in order; None if one is not ISO."""
    import numpy as np

    joined = ",".join(texts)
    if not joined:
        return np.zeros(0, dtype=np.int64)
    raw = np.frombuffer((joined + ",").encode("ascii", "replace"), dtype=np.uint8)
    if raw.size % 11:
        return None
    cells = raw.reshape(-1, 11)
    digits = cells[:, [0, 1, 2, 3, 5, 6, 8, 9]].astype(np.int64) - ord("0")
    if (
        (digits < 0).any()
        or (digits > 9).any()
        or (cells[:, [4, 7]] != ord("-")).any()
        or (cells[:, 10] != ord(",")).any()
    ):
        return None
    year = digits[:, 0] * 1000 + digits[:, 1] * 100 + digits[:, 2] * 10 + digits[:, 3]
    month = digits[:, 4] * 10 + digits[:, 5]
    day = digits[:, 6] * 10 + digits[:, 7]
    if (year < 1).any() or (month < 1).any() or (month > 12).any() or (day < 1).any():
        return None
    # the proleptic Gregorian ordinal, as date.toordinal() counts it (1 = 0001-01-01)
    before = year - 1
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    return (
        before * 365
        + before // 4
        - before // 100
        + before // 400
        + np.array(_DAYS_BEFORE_MONTH, dtype=np.int64)[month]
        + ((month > 2) & leap)
        + day
    )


def read(
    raw: sqlite3.Connection,
    leader_ids: Sequence[int],
    last: dt.date,
    due_first: dt.date,
    due_last: dt.date,
    first: dt.date | None = None,
) -> dict[str, tuple[Any, ...]] | None:
    """The chosen leaders' entries up to last (from first, if given) and follow-ups due in due_first..due_last.

    Keys and arrays as ``metrics.DailyColumns`` takes them (positions index leader_ids);
    None when a stored value is not in the form every LeaderLog writes (the caller
    then reads day by day).
    """
    import numpy as np

    position_of = {leader_id: position for position, leader_id in enumerate(leader_ids)}
    queries = _queries(len(leader_ids))
    up_to = (*leader_ids, "0001-01-01" if first is None else first.isoformat(), last.isoformat())

    def columns(rows: list[tuple[Any, ...]], column: int) -> tuple[Any, Any] | None:
        chosen = [(row[0], row[column]) for row in rows if row[column]]
        ordinals = iso_days_to_ordinals([text for _leader, text in chosen])
        if ordinals is None:
            return None
        counts = [(len(text) + 1) // 11 for _leader, text in chosen]
        positions = np.repeat(
            np.array([position_of[leader] for leader, _text in chosen], dtype=np.int64), counts
        )
        return positions, ordinals

    day_logs = raw.execute(queries["day_logs"], up_to).fetchall()
    coaching = raw.execute(queries["coaching"], up_to).fetchall()
    reinforcements = raw.execute(queries["reinforcements"], up_to).fetchall()
    follow_ups = raw.execute(
        queries["follow_ups"], (*leader_ids, due_first.isoformat(), due_last.isoformat())
    ).fetchall()
    found = {
        "day_logs": columns(day_logs, 1),
        "coaching": columns(coaching, 1),
        "reinforcements": columns(reinforcements, 1),
        "corrective": columns(reinforcements, 2),
        "follow_ups_due": columns(follow_ups, 1),
        "follow_ups_on_time": columns(follow_ups, 2),
    }
    if any(value is None for value in found.values()):
        return None
    minutes_text = ",".join(text for _leader, _days, text in day_logs)
    try:
        with warnings.catch_warnings():
            # a value that is not an integer ends the parse: an error, or (older numpy) a
            # warning and fewer numbers, which the size check catches
            warnings.simplefilter("ignore", DeprecationWarning)
            minutes = np.fromstring(minutes_text, dtype=np.int64, sep=",")
    except ValueError:
        return None
    if minutes.size != found["day_logs"][0].size:  # type: ignore[index]
        return None
    found["day_logs"] = (*found["day_logs"], minutes)  # type: ignore[misc]
    return found  # type: ignore[return-value]
