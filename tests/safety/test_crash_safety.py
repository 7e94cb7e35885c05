"""kill -9 at random moments loses at most the entry being saved; an erase is all or nothing."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from leaderlog.data.file_copies import integrity_problems
from leaderlog.data.store import open_database
from leaderlog.journal import logbook, people

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")

# Saves entries one by one; prints each UUID only after its save returned (committed).
WRITER = """
import datetime as dt, sys, uuid
from leaderlog.journal import logbook, people
from leaderlog.data.store import open_database
db = open_database(sys.argv[1])
leader = people.find_leader(db, "Ana Ruiz")
member = people.find_member(db, leader.id, "Sam Lee")
day = dt.date(2026, 11, 2)
print("ready", flush=True)
for n in range(1_000_000):
    entry_uuid = str(uuid.uuid4())
    if n % 2:
        logbook.add_reinforcement(db, leader.id, day, "praise", f"well done {n}", member.id,
                                  today=day, uuid=entry_uuid)
    else:
        logbook.add_coaching_note(db, leader.id, day, member.id, f"observation {n} " * 20,
                                  today=day, uuid=entry_uuid)
    print(entry_uuid, flush=True)
"""

ERASER = """
import sys
from leaderlog.journal import people
from leaderlog.transfer import privacy
from leaderlog.data.store import open_database
db = open_database(sys.argv[1])
member = people.find_member(db, people.find_leader(db, "Ana Ruiz").id, "Sam Lee")
print("ready", flush=True)
privacy.erase_member(db, member.id)
print("erased", flush=True)
"""


def saved_uuids(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {
            str(row[0]).replace("-", "")
            for table in ("coaching_note", "reinforcement")
            for row in connection.execute(f"SELECT uuid FROM {table}")
        }


def start(script: str, path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def team_journal(db_path: Path) -> Path:
    db = open_database(db_path)
    leader = people.add_leader(db, "Ana Ruiz")
    people.add_member(db, leader.id, "Sam Lee")
    db.dispose()
    return db_path


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_entry_whose_save_returned(
    team_journal: Path,
) -> None:
    seed = random.randrange(1_000_000)
    chance = random.Random(seed)
    confirmed: set[str] = set()
    for _kill in range(5):
        writer = start(WRITER, team_journal)
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready", writer.stderr.read()  # type: ignore[union-attr]
        for _ in range(chance.randint(1, 25)):
            line = writer.stdout.readline().strip()
            assert line, writer.stderr.read()  # type: ignore[union-attr]
            confirmed.add(line)
        # then let it run on into the middle of some save
        time.sleep(chance.uniform(0, 0.05))
        writer.send_signal(signal.SIGKILL)
        rest, _ = writer.communicate()
        confirmed.update(line.strip() for line in rest.splitlines() if line.strip())
        assert writer.returncode == -signal.SIGKILL

        assert integrity_problems(team_journal) == [], f"seed {seed}"
        missing = {u.replace("-", "") for u in confirmed} - saved_uuids(team_journal)
        assert not missing, f"seed {seed}: {len(missing)} saved entries lost"
    assert len(confirmed) >= 5


@pytest.mark.slow
def test_an_erase_killed_at_any_moment_is_all_or_nothing(
    team_journal: Path, tmp_path: Path
) -> None:
    db = open_database(team_journal)
    leader = people.find_leader(db, "Ana Ruiz")
    sam = people.find_member(db, leader.id, "Sam Lee")
    day = dt.date(2026, 11, 2)
    for n in range(150):
        logbook.add_coaching_note(db, leader.id, day, sam.id, f"note {n} " * 40, today=day)
    db.dispose()
    chance = random.Random()
    for trial in range(4):
        copy = tmp_path / f"trial{trial}.sqlite3"
        shutil.copy(team_journal, copy)
        eraser = start(ERASER, copy)
        assert eraser.stdout is not None
        assert eraser.stdout.readline().strip() == "ready", eraser.stderr.read()  # type: ignore[union-attr]
        time.sleep(chance.uniform(0, 0.3))
        eraser.send_signal(signal.SIGKILL)
        eraser.communicate()
        assert integrity_problems(copy) == []
        with sqlite3.connect(copy) as connection:
            members = connection.execute("SELECT count(*) FROM team_member").fetchone()[0]
            notes = connection.execute("SELECT count(*) FROM coaching_note").fetchone()[0]
        assert (members, notes) in ((1, 150), (0, 0)), (
            f"half-erased: {members} members, {notes} notes"
        )
