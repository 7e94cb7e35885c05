"""Build (or reuse) the benchmark databases: a big organisation's journal after years of use.

The schema comes from the app itself (``open_database`` runs the migrations); the rows go
in with bulk Core inserts in chronological order, the way a real journal grows. The same
seed and end date give the same database. Files are cached under bench/out/.

    python bench/make_db.py                 # the large one: 500 leaders, 5 years, ~1.6M entries
    python bench/make_db.py --scale 100k    # ~100,000 entries (memory baseline of the export)

Besides the entries: leave (about 5 % of workdays, in runs of days and weeks), one
country's public holidays and a company day a year, and one settings change per leader
per year (bench/make_calendar.py); nobody logs on a workday off.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sqlalchemy as sa

BENCH_DIR = Path(__file__).resolve().parent
OUT_DIR = BENCH_DIR / "out"
if str(BENCH_DIR.parent) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(BENCH_DIR.parent))

from make_calendar import HOLIDAY_COUNTRY, Calendars, plan_calendars  # noqa: E402

from leaderlog.data import models, search  # noqa: E402
from leaderlog.data.store import SCHEMA_REVISION, open_database  # noqa: E402
from leaderlog.journal.demo import ACTIONS, MEMBER_NAMES, STANDARDS  # noqa: E402

FORMAT_VERSION = 5  # bump when the generated data changes, so old caches are not reused


@dataclass(frozen=True)
class Scale:
    """How big a benchmark database is."""

    name: str
    leaders: int
    teams: int
    years: int
    members_per_leader: int = 10
    log_chance: float = 0.96  # share of workdays logged
    coaching_per_log: float = 0.6  # Poisson mean per logged day
    reinforcements_per_log: float = 1.0


SCALES = {
    # 500 x ~1,250 logged workdays: ~625k day logs, ~375k coaching notes, ~625k reinforcements
    "large": Scale("large", leaders=500, teams=50, years=5),
    # ~100,000 entries over the same five years: the export's memory baseline
    "100k": Scale("100k", leaders=31, teams=4, years=5),
    # a small one for `bench/run --quick`: few leaders, but the five years the rows ask for
    "quick": Scale("quick", leaders=40, teams=4, years=5),
}

WORDS = [
    "customer",
    "counter",
    "queue",
    "greeting",
    "greeted",
    "refund",
    "return",
    "order",
    "delivery",
    "parcel",
    "complaint",
    "question",
    "answer",
    "calm",
    "patient",
    "quick",
    "slow",
    "late",
    "early",
    "busy",
    "quiet",
    "rush",
    "lunch",
    "morning",
    "evening",
    "shift",
    "handover",
    "team",
    "colleague",
    "floor",
    "aisle",
    "shelf",
    "till",
    "card",
    "receipt",
    "price",
    "discount",
    "offer",
    "service",
    "standard",
    "follow",
    "checked",
    "listened",
    "explained",
    "apologised",
    "thanked",
    "smiled",
    "named",
    "owned",
    "problem",
    "solved",
    "escalated",
    "called",
    "back",
    "email",
    "phone",
    "review",
    "compliment",
    "feedback",
    "praise",
    "coaching",
    "practice",
    "training",
    "demonstrated",
    "shadowed",
    "watched",
    "noticed",
    "asked",
    "agreed",
    "promised",
    "confirmed",
    "next",
    "step",
    "date",
    "time",
    "weekend",
    "manager",
    "supervisor",
    "new",
    "starter",
    "regular",
    "elderly",
    "family",
    "tourist",
    "upset",
    "happy",
    "confused",
    "waiting",
    "minutes",
    "ten",
    "seconds",
    "door",
    "entrance",
    "display",
    "stock",
    "missing",
    "damaged",
    "replaced",
    "exchanged",
    "voucher",
    "loyalty",
    "app",
    "online",
    "click",
    "collect",
    "warranty",
    "repair",
    "booking",
    "appointment",
    "cancelled",
    "rescheduled",
    "clear",
    "polite",
    "friendly",
    "firm",
    "honest",
    "helpful",
    "proactive",
    "careful",
    "thorough",
    "consistent",
    "improved",
    "improving",
    "steady",
    "again",
    "first",
    "second",
    "third",
    "week",
    "month",
    "today",
    "yesterday",
    "before",
    "after",
    "during",
    "while",
    "because",
]
OPENERS = (
    "Served",
    "Helped",
    "Watched",
    "Noticed",
    "Coached",
    "Spent time",
    "Stayed",
    "Walked",
    "Handled",
    "Covered",
    "Talked",
    "Checked",
)
NOTE_POOL_SIZE = 40_000


def database_path(scale: Scale, seed: int, end: dt.date) -> Path:
    """Where the cached database for a scale, seed and end date lives."""
    return OUT_DIR / (
        f"{scale.name}-seed{seed}-{end.isoformat()}-v{FORMAT_VERSION}-s{SCHEMA_REVISION}.sqlite3"
    )


def _note_pool(rng: np.random.Generator, size: int) -> list[str]:
    """Distinct-looking free-text notes of 60 to 120 characters."""
    opener_ids = rng.integers(0, len(OPENERS), size)
    word_ids = rng.integers(0, len(WORDS), (size, 24))
    lengths = rng.integers(60, 121, size)
    notes = []
    for i in range(size):
        text = OPENERS[opener_ids[i]]
        for w in word_ids[i]:
            word = WORDS[w]
            if len(text) + 1 + len(word) > lengths[i]:
                break
            text += " " + word
        # pad with short words so every note reaches the 60-character floor
        j = 0
        while len(text) < 60:
            text += " " + WORDS[word_ids[i][j] % 40]
            j += 1
        notes.append(text[:120].rstrip() + ".")
    return notes


def _workdays_mask(index: int) -> str:
    """Most leaders work Monday to Friday; every tenth works Tuesday to Saturday."""
    return "0111110" if index % 10 == 9 else "1111100"


def _masks(scale: Scale) -> np.ndarray:
    """(leaders, 7) True on each leader's workdays, Monday first."""
    return np.array(
        [[c == "1" for c in _workdays_mask(i)] for i in range(scale.leaders)], dtype=bool
    )


def build(scale: Scale, seed: int, end: dt.date, path: Path) -> dict[str, int]:
    """Create the database at ``path`` (which must not exist); return row counts."""
    rng = np.random.default_rng(seed)
    db = open_database(path)
    counts = {"leaders": scale.leaders, "members": 0, "day": 0, "coaching": 0, "reinforcement": 0}
    counts |= {"time_off": 0, "settings": 0, "holidays": 0}
    try:
        stamp_type = models.UTCDateTime().dialect_impl(db.engine.dialect)
        stamp = stamp_type.bind_processor(db.engine.dialect)
        assert stamp is not None

        def stored_stamp(moment: dt.datetime) -> str:
            # what SQLAlchemy itself writes for a UTC instant on this dialect
            return stamp(models.UTCDateTime().process_bind_param(moment, None))  # type: ignore[arg-type,return-value]

        def uuids(count: int) -> list[str]:
            raw = rng.integers(0, 2**63, (count, 2), dtype=np.int64)
            # version-4 style hex, as the Uuid column stores it on SQLite (32 hex digits)
            return [f"{a:016x}{(b & ~(0xF << 60) | (4 << 60)):016x}" for a, b in raw.tolist()]

        first = end - dt.timedelta(days=365 * scale.years + scale.years // 4)
        created = stored_stamp(dt.datetime.combine(first, dt.time(8), dt.UTC))
        notes = _note_pool(rng, NOTE_POOL_SIZE)
        with db.engine.connect() as connection:
            driver = connection.connection.driver_connection
            # A throw-away build: no journal, no fsync, a big page cache for the UUID indexes.
            for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -400000"):
                driver.execute(f"PRAGMA {pragma}")
            with connection.begin():
                # index the text once at the end instead of row by row through the triggers
                search.drop_triggers(connection)
                people, plan = _insert_people(connection, scale, rng, uuids, created, first, end)
                counts.update(people)
                counts.update(_insert_calendars(connection, plan, uuids, created))
                counts.update(
                    _insert_entries(
                        connection, scale, rng, uuids, stored_stamp, notes, first, end, plan
                    )
                )
                search.rebuild(connection)
                search.create_triggers(connection)
            driver.execute("PRAGMA journal_mode = WAL")
            driver.execute("ANALYZE")
    finally:
        db.dispose()
    return counts


def _insert_people(
    connection: sa.Connection,
    scale: Scale,
    rng: np.random.Generator,
    uuids,  # type: ignore[no-untyped-def]
    created: str,
    first: dt.date,
    end: dt.date,
) -> tuple[dict[str, int], Calendars]:
    stamps = {"created_at": created, "updated_at": created, "version": 1}
    leader = sa.table(
        "leader",
        *(
            sa.column(c)
            for c in [
                "id",
                "uuid",
                "name",
                "name_key",
                "team",
                "workdays",
                "target_minutes",
                "target_coaching",
                "target_reinforcement",
                "created_at",
                "updated_at",
                "version",
            ]
        ),
    )
    member = sa.table(
        "team_member",
        *(
            sa.column(c)
            for c in [
                "id",
                "uuid",
                "leader_id",
                "name",
                "name_key",
                "created_at",
                "updated_at",
                "version",
            ]
        ),
    )
    standard = sa.table(
        "standard",
        *(
            sa.column(c)
            for c in [
                "id",
                "uuid",
                "name",
                "name_key",
                "description",
                "created_at",
                "updated_at",
                "version",
            ]
        ),
    )
    ids = uuids(len(STANDARDS))
    connection.execute(
        sa.insert(standard),
        [
            {"id": i + 1, "uuid": ids[i], "name": n, "name_key": n.casefold(), "description": d}
            | stamps
            for i, (n, d) in enumerate(STANDARDS)
        ],
    )
    ids = uuids(scale.leaders)
    targets = rng.choice([45, 60, 60, 75, 90], scale.leaders)
    leaders: list[dict[str, object]] = [
        {
            "id": i + 1,
            "uuid": ids[i],
            "name": f"Leader {i + 1:03d}",
            "name_key": f"leader {i + 1:03d}",
            "team": f"Team {i % scale.teams + 1:02d}",
            "workdays": _workdays_mask(i),
            "target_minutes": int(targets[i]),
            "target_coaching": 3,
            "target_reinforcement": 5,
        }
        | stamps
        for i in range(scale.leaders)
    ]
    # the history first: each leader row then holds the values in force today
    plan = plan_calendars(rng, first, end, scale.years, leaders, _masks(scale))
    connection.execute(sa.insert(leader), leaders)
    total = scale.leaders * scale.members_per_leader
    ids = uuids(total)
    rows = []
    for i in range(total):
        name = f"{MEMBER_NAMES[i % len(MEMBER_NAMES)]} {i // len(MEMBER_NAMES) + 1}"
        rows.append(
            {
                "id": i + 1,
                "uuid": ids[i],
                "leader_id": i // scale.members_per_leader + 1,
                "name": name,
                "name_key": name.casefold(),
            }
            | stamps
        )
    connection.execute(sa.insert(member), rows)
    return {"members": total}, plan


def _tracked_table(name: str, *columns: str) -> sa.TableClause:
    return sa.table(
        name, *(sa.column(c) for c in ("uuid", *columns, "created_at", "updated_at", "version"))
    )


def _insert_calendars(
    connection: sa.Connection,
    plan: Calendars,
    uuids,  # type: ignore[no-untyped-def]
    created: str,
) -> dict[str, int]:
    """Leave, the holiday calendar, company days and the settings history, as the models hold them."""
    stamps = {"created_at": created, "updated_at": created, "version": 1}
    time_off = _tracked_table("time_off", "leader_id", "first_day", "last_day", "kind", "note")
    ids = uuids(len(plan.leave))
    connection.execute(
        sa.insert(time_off),
        [
            {"uuid": ids[i], "leader_id": who, "first_day": a.isoformat(),
             "last_day": b.isoformat(), "kind": kind, "note": ""} | stamps
            for i, (who, a, b, kind) in enumerate(plan.leave)
        ],
    )  # fmt: skip
    calendar = _tracked_table("holiday_calendar", "team", "country", "subdivision")
    connection.execute(
        sa.insert(calendar),
        [{"uuid": uuids(1)[0], "team": "", "country": HOLIDAY_COUNTRY, "subdivision": ""} | stamps],
    )
    company = _tracked_table("company_day", "day", "name", "team", "source")
    ids = uuids(len(plan.company_days))
    connection.execute(
        sa.insert(company),
        [
            {"uuid": ids[i], "day": day.isoformat(), "name": name, "team": "", "source": "manual"}
            | stamps
            for i, (day, name) in enumerate(sorted(plan.company_days.items()))
        ],
    )
    columns = ("leader_id", "effective_from", "team", "target_minutes", "target_coaching",
               "target_reinforcement", "workdays", "cycle_anchor")  # fmt: skip
    settings = _tracked_table("leader_settings", *columns)
    ids = uuids(len(plan.settings))
    connection.execute(
        sa.insert(settings),
        [
            {key: row[key] for key in columns}
            | {"uuid": ids[i], "effective_from": row["effective_from"].isoformat()}  # type: ignore[attr-defined]
            | stamps
            for i, row in enumerate(plan.settings)
        ],
    )
    return {
        "time_off": len(plan.leave),
        "settings": len(plan.settings),
        "holidays": len(plan.holidays) + len(plan.company_days),
        "leave_workdays": plan.leave_workdays,
        "workdays": plan.workdays,
    }


def _insert_entries(
    connection: sa.Connection,
    scale: Scale,
    rng: np.random.Generator,
    uuids,  # type: ignore[no-untyped-def]
    stored_stamp,  # type: ignore[no-untyped-def]
    notes: list[str],
    first: dt.date,
    end: dt.date,
    plan: Calendars,
) -> dict[str, int]:
    common = ["uuid", "leader_id", "day", "created_at", "updated_at", "version"]
    day_log = sa.table("day_log", *(sa.column(c) for c in [*common, "minutes", "note"]))
    coaching = sa.table(
        "coaching_note",
        *(
            sa.column(c)
            for c in [
                *common,
                "member_id",
                "standard_id",
                "observation",
                "action",
                "follow_up_on",
                "follow_up_done_on",
            ]
        ),
    )
    reinforcement = sa.table(
        "reinforcement",
        *(sa.column(c) for c in [*common, "member_id", "kind", "standard_id", "description"]),
    )
    kinds = np.array(models.REINFORCEMENT_KINDS)
    kind_weights = np.array([5, 6, 3, 2, 2, 1]) / 19
    masks = _masks(scale)
    off = plan.off
    assert off is not None
    leader_ids = np.arange(1, scale.leaders + 1)
    per = scale.members_per_leader
    counts = {"day": 0, "coaching": 0, "reinforcement": 0}
    batch: dict[str, list[tuple[object, ...]]] = {"day": [], "coaching": [], "reinforcement": []}
    # Core insert statements compiled once, then run as executemany over plain tuples
    statements = {
        key: str(sa.insert(table).compile(dialect=connection.dialect))
        for key, table in (
            ("day", day_log),
            ("coaching", coaching),
            ("reinforcement", reinforcement),
        )
    }

    def flush() -> None:
        for key, rows in batch.items():
            if rows:
                connection.exec_driver_sql(statements[key], rows)
                counts[key] += len(rows)
                rows.clear()

    day = first
    while day <= end:
        iso = day.isoformat()
        stamp = stored_stamp(dt.datetime.combine(day, dt.time(17, 30), dt.UTC))
        base = (iso, stamp, stamp, 1)
        working = leader_ids[
            masks[:, day.weekday()]
            & ~off[(day - first).days]
            & (rng.random(scale.leaders) < scale.log_chance)
        ]
        n = len(working)
        minutes = rng.integers(0, 150, n)
        note_ids = rng.integers(0, len(notes), n)
        ids = uuids(n)
        batch["day"].extend(
            (ids[i], int(working[i]), *base, int(minutes[i]), notes[note_ids[i]]) for i in range(n)
        )
        coached = np.repeat(working, rng.poisson(scale.coaching_per_log, n))
        m = len(coached)
        if m:
            ids = uuids(m)
            members = (coached - 1) * per + rng.integers(1, per + 1, m)
            standards = rng.integers(0, len(STANDARDS) + 2, m)  # past the end: no standard
            note_ids = rng.integers(0, len(notes), m)
            action_ids = rng.integers(0, len(ACTIONS), m)
            follow = rng.choice([0, 3, 7, 7, 14], m)
            done = rng.random(m)
            rows = []
            for i in range(m):
                follow_up = day + dt.timedelta(days=int(follow[i])) if follow[i] else None
                done_on = None
                if follow_up is not None and follow_up < end and done[i] < 0.8:
                    done_on = min(end, follow_up + dt.timedelta(days=int(done[i] * 10) - 3))
                    done_on = max(done_on, day)
                rows.append(
                    (ids[i], int(coached[i]), *base, int(members[i]),
                     int(standards[i]) + 1 if standards[i] < len(STANDARDS) else None,
                     notes[note_ids[i]], ACTIONS[action_ids[i]],
                     follow_up.isoformat() if follow_up else None,
                     done_on.isoformat() if done_on else None)
                )  # fmt: skip
            batch["coaching"].extend(rows)
        reinforced = np.repeat(working, rng.poisson(scale.reinforcements_per_log, n))
        m = len(reinforced)
        if m:
            ids = uuids(m)
            members = (reinforced - 1) * per + rng.integers(1, per + 1, m)
            kind = rng.choice(kinds, m, p=kind_weights)
            standards = rng.integers(0, len(STANDARDS) + 3, m)
            note_ids = rng.integers(0, len(notes), m)
            batch["reinforcement"].extend(
                (ids[i], int(reinforced[i]), *base,
                 None if kind[i] == "team_celebration" else int(members[i]), str(kind[i]),
                 int(standards[i]) + 1 if standards[i] < len(STANDARDS) else None,
                 notes[note_ids[i]])
                for i in range(m)
            )  # fmt: skip
        if len(batch["day"]) >= 20_000:
            flush()
        day += dt.timedelta(days=1)
    flush()
    return counts


def ensure_database(
    scale_name: str = "large", seed: int = 7, end: dt.date | None = None, *, quiet: bool = False
) -> Path:
    """The cached database for a scale, built first if it is not there yet."""
    scale = SCALES[scale_name]
    end = end or dt.date.today()
    path = database_path(scale, seed, end)
    if path.exists():
        return path
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    # an older day's or schema's copy of this scale is never used again: ~1 GB each
    for stale in OUT_DIR.glob(f"{scale.name}-seed*.sqlite3*"):
        stale.unlink(missing_ok=True)
    partial = path.with_name(path.name + ".partial")
    started = time.perf_counter()
    counts = build(scale, seed, end, partial)
    os.replace(partial, path)
    if not quiet:
        entries = counts["day"] + counts["coaching"] + counts["reinforcement"]
        print(
            f"built {path.name}: {counts['leaders']} leaders, {counts['members']} members, "
            f"{counts['day']:,} day logs, {counts['coaching']:,} coaching notes, "
            f"{counts['reinforcement']:,} reinforcements ({entries:,} entries), "
            f"{counts['time_off']:,} ranges of leave "
            f"({counts['leave_workdays'] / max(1, counts['workdays']):.1%} of workdays), "
            f"{counts['holidays']} holidays, {counts['settings']:,} settings rows "
            f"in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="large")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--end", type=dt.date.fromisoformat, default=None, help="last day (ISO)")
    parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    args = parser.parse_args(argv)
    if args.force:
        path = database_path(SCALES[args.scale], args.seed, args.end or dt.date.today())
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    print(ensure_database(args.scale, args.seed, args.end))
    return 0


if __name__ == "__main__":
    sys.exit(main())
