"""One of many processes saving entries at once through the domain API (see test_postgres_concurrency).

Usage: python concurrent_writer.py URL LEADER_ID MEMBER_ID WORKER COUNT
Prints "ready" once connected, waits for a line on stdin, saves COUNT entries with
UUIDs derived from WORKER, then prints "done N". Any error ends it with a non-zero code.
"""

from __future__ import annotations

import datetime as dt
import sys
import uuid

from leaderlog.data.store import open_database
from leaderlog.journal import logbook

NAMESPACE = uuid.UUID("6f1c1d1e-8d7a-4c53-9a53-3e0c2f6b9a10")


def entry_uuid(worker: int, index: int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{worker}-{index}"))


def main(url: str, leader_id: int, member_id: int, worker: int, count: int) -> int:
    db = open_database(url)
    today = dt.date.today()
    print("ready", flush=True)
    sys.stdin.readline()
    for index in range(count):
        wanted = entry_uuid(worker, index)
        day = today - dt.timedelta(days=index // 3)
        if index % 3 == 0:
            logbook.add_day_log(db, leader_id, day, index % 600, f"w{worker}", uuid=wanted)
        elif index % 3 == 1:
            logbook.add_coaching_note(
                db, leader_id, day, member_id, f"w{worker} #{index}", uuid=wanted
            )
        else:
            logbook.add_reinforcement(
                db, leader_id, day, "praise", f"w{worker} #{index}", member_id, uuid=wanted
            )
    db.dispose()
    print(f"done {count}", flush=True)
    return 0


if __name__ == "__main__":
    url, leader, member, worker, count = sys.argv[1:6]
    sys.exit(main(url, int(leader), int(member), int(worker), int(count)))
