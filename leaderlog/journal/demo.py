"""Realistic demo journals: leaders with visibly different habits, deterministic for a seed.

Two teams, six leaders over (by default) 52 weeks ending today:
steady (Ana), bursty (Ben), fading (Chloe), improving (Dev), steady on a
Tuesday-to-Saturday pattern (Elena) and an irregular newcomer (Femi).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, insert, select

from leaderlog.core.errors import ValidationError
from leaderlog.core.validation import name_key
from leaderlog.data import models
from leaderlog.data.engine import Database

STANDARDS = (
    ("Greet within 10 seconds", "Every customer is acknowledged within ten seconds of arriving."),
    (
        "Own the problem",
        "Whoever hears about a problem sees it through or hands it over in person.",
    ),
    ("Use the customer's name", "Use the name on the order or card at least once."),
    ("Confirm the next step", "Before the customer leaves, say what happens next and when."),
    ("Thank every customer", "A genuine thank-you at the end of every interaction."),
    ("Keep the floor ready", "Shelves faced and the counter clear before the rush."),
    ("Check back within a day", "Call back customers with open issues within one working day."),
)

OBSERVATIONS = (
    "Waited for the customer to speak first at the counter; the greeting came late.",
    "Handled an upset customer calmly and stayed with the issue until it was fixed.",
    "Forgot to confirm the delivery date before the customer left.",
    "Used the customer's name naturally three times during the conversation.",
    "Passed a refund question to the next shift without a handover note.",
    "Walked the customer to the right aisle instead of pointing.",
    "Served two customers in a row without a thank-you while the queue was long.",
    "Took ownership of a missing-parcel complaint and called back the same afternoon.",
)
ACTIONS = (
    "Practise a greeting within ten seconds at the start of each shift; I will watch on Friday.",
    "Write the handover note before leaving; we review two together next week.",
    "Say the next step aloud before closing each sale; check with me on Thursday.",
    "Keep doing it and show Jamie how at the next huddle.",
    "Use the call-back checklist for every open issue.",
    "Shadow me for one hour at the counter during the lunch rush.",
)
REINFORCEMENTS = {
    "recognition": (
        "Thanked in the team huddle for staying late to clear the queue.",
        "Called out at briefing for a spotless handover.",
    ),
    "praise": (
        "Told them on the spot that the calm handling of the refund was exactly right.",
        "Praised the quick greeting at the door.",
    ),
    "customer_compliment": (
        "Read out a customer's email praising the help with a return.",
        "Shared a five-star review that named them.",
    ),
    "corrective_feedback": (
        "Reminded privately that the counter cannot be left unattended.",
        "Pointed out two customers left without a thank-you.",
    ),
    "training": (
        "Demonstrated the call-back checklist at the counter.",
        "Ran a ten-minute refresher on greeting within ten seconds.",
    ),
    "team_celebration": (
        "Celebrated a week with no open complaints with pastries.",
        "Marked the best month of customer scores with a team lunch.",
    ),
}
MEMBER_NAMES = (
    "Sam Lee", "Priya Shah", "Jamie Walsh", "Tom Becker", "Lina Haddad", "Marco Silva",
    "Aisha Bello", "Noah Fischer", "Yuki Tanaka", "Grace Kim", "Omar Farouk", "Ella Novak",
    "Ravi Menon", "Sofia Costa", "Liam Byrne", "Hana Sato", "Ivan Petrov", "Zara Khan",
    "Leo Martin", "Maya Cohen", "Ben Ito", "Nora Lund", "Kofi Mensah", "Iris Meyer",
    "Dan Reyes", "Mia Horvat", "Alex Moreau", "Chen Wei", "Ruth Adler", "Finn Olsen",
)  # fmt: skip


@dataclass(frozen=True)
class LeaderProfile:
    """How a demo leader behaves: probability of logging and of meeting targets over time."""

    name: str
    team: str
    workdays: str
    habit: str
    # (fraction of the period elapsed 0..1) -> (chance to log a workday, typical minutes)
    rhythm: Callable[[float, int, random.Random], tuple[float, int]]
    start_fraction: float = 0.0


def _steady(progress: float, weekday: int, rng: random.Random) -> tuple[float, int]:
    return 0.95, rng.randint(60, 95)


def _bursty(progress: float, weekday: int, rng: random.Random) -> tuple[float, int]:
    # crams the week's customer time into Monday, then barely shows up
    return (0.95, rng.randint(240, 330)) if weekday == 0 else (0.35, rng.randint(0, 20))


def _fading(progress: float, weekday: int, rng: random.Random) -> tuple[float, int]:
    strength = max(0.1, 1.0 - progress * 1.1)
    return 0.25 + 0.7 * strength, int(rng.randint(50, 90) * strength)


def _improving(progress: float, weekday: int, rng: random.Random) -> tuple[float, int]:
    strength = min(1.0, 0.15 + progress * 1.1)
    return 0.3 + 0.65 * strength, int(rng.randint(55, 95) * strength)


def _irregular(progress: float, weekday: int, rng: random.Random) -> tuple[float, int]:
    return 0.55, rng.choice((0, 20, 45, 70, 90, 120))


PROFILES = (
    LeaderProfile("Ana Ruiz", "North", "1111100", "steady", _steady),
    LeaderProfile("Ben Okafor", "North", "1111100", "bursty", _bursty),
    LeaderProfile("Chloe Martin", "North", "1111100", "fading", _fading),
    LeaderProfile("Dev Patel", "South", "1111100", "improving", _improving),
    LeaderProfile("Elena Rossi", "South", "0111110", "steady, Tuesday to Saturday", _steady),
    LeaderProfile("Femi Adeyemi", "South", "1111100", "irregular newcomer", _irregular, 0.7),
)


@dataclass(frozen=True)
class DemoSummary:
    leaders: int
    members: int
    day_logs: int
    coaching_notes: int
    reinforcements: int
    first_day: dt.date
    last_day: dt.date

    def describe(self) -> str:
        return (
            f"Demo journal: {self.leaders} leaders, {self.members} team members, "
            f"{self.day_logs} day logs, {self.coaching_notes} coaching notes and "
            f"{self.reinforcements} reinforcements from {self.first_day} to {self.last_day}"
        )


def is_empty(db: Database) -> bool:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(models.Leader)) == 0


def ensure_demo_data(db: Database, seed: int = 7) -> None:
    """Fill a fresh demo database; leave one that already has data alone."""
    if is_empty(db):
        fill_demo(db, seed=seed)


def fill_demo(
    db: Database, seed: int = 7, weeks: int = 52, end: dt.date | None = None, force: bool = False
) -> DemoSummary:
    """Write demo leaders, members, standards and entries in one transaction.

    Deterministic for a given seed and end date. Refuses a database that already has
    leaders unless ``force`` (then demo people with clashing names are skipped).
    """
    if weeks < 26:
        raise ValidationError("weeks", f"{weeks} is too short; demo data covers at least 26 weeks")
    if not force and not is_empty(db):
        raise ValidationError(
            "database",
            f"{db.display_name} already has leaders; demo data goes into an empty journal "
            "(use `leaderlog --demo` for the separate demo journal, or --force)",
        )
    rng = random.Random(seed)
    last = end or dt.date.today()
    # start on a Monday so every demo week is whole
    first = last - dt.timedelta(weeks=weeks) + dt.timedelta(days=1)
    first -= dt.timedelta(days=first.weekday())
    span = (last - first).days or 1
    counts = {"day": 0, "coaching": 0, "reinforcement": 0, "members": 0}

    with db.write() as session:
        existing = set(session.scalars(select(models.Leader.name_key)))
        standard_ids = []
        for name, description in STANDARDS:
            standard = session.scalar(
                select(models.Standard).where(models.Standard.name_key == name_key(name))
            )
            if standard is None:
                standard = models.Standard(
                    name=name, name_key=name_key(name), description=description
                )
                session.add(standard)
                session.flush()
            standard_ids.append(standard.id)
        # two standards are never used, so "standards nobody reinforces" has something to show
        coached_standards = standard_ids[:5]
        names = iter(MEMBER_NAMES)
        added_leaders = 0
        for profile in PROFILES:
            if name_key(profile.name) in existing:
                continue
            leader = models.Leader(
                name=profile.name, name_key=name_key(profile.name), team=profile.team,
                workdays=profile.workdays, target_minutes=60, target_coaching=3,
                target_reinforcement=5,
            )  # fmt: skip
            session.add(leader)
            session.flush()
            added_leaders += 1
            member_ids = []
            for _ in range(5):
                member = models.TeamMember(
                    leader_id=leader.id, name=(n := next(names)), name_key=name_key(n)
                )
                session.add(member)
                session.flush()
                member_ids.append(member.id)
            counts["members"] += len(member_ids)
            rows = _entries_for(
                profile, leader.id, member_ids, coached_standards, first, last, span, rng
            )
            for entry_type, model in (
                ("day", models.DayLog),
                ("coaching", models.CoachingNote),
                ("reinforcement", models.ReinforcementAction),
            ):
                if rows[entry_type]:
                    session.execute(insert(model), rows[entry_type])
                    counts[entry_type] += len(rows[entry_type])
    return DemoSummary(
        added_leaders, counts["members"], counts["day"], counts["coaching"],
        counts["reinforcement"], first, last,
    )  # fmt: skip


def _follow_up_habit(habit: str, progress: float) -> tuple[float, float]:
    """Chances that a follow-up is closed on time and closed late; the rest stay open (overdue)."""
    kind = habit.split(",")[0]
    if kind == "steady":
        return 0.88, 0.115
    if kind == "improving":
        return 0.4 + 0.5 * progress, 0.45 - 0.4 * progress
    if kind == "fading":
        return max(0.1, 0.8 - 0.7 * progress), 0.15
    if kind == "bursty":
        return 0.45, 0.45
    return 0.5, 0.35


def _entries_for(
    profile: LeaderProfile,
    leader_id: int,
    member_ids: list[int],
    standard_ids: list[int],
    first: dt.date,
    last: dt.date,
    span: int,
    rng: random.Random,
) -> dict[str, list[dict[str, object]]]:
    import uuid

    def new_uuid() -> uuid.UUID:
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    rows: dict[str, list[dict[str, object]]] = {"day": [], "coaching": [], "reinforcement": []}
    day = first + dt.timedelta(days=int(span * profile.start_fraction))
    day -= dt.timedelta(days=day.weekday())
    now = models.utc_now()
    stamps = {"created_at": now, "updated_at": now, "version": 1}
    kinds = list(REINFORCEMENTS)
    while day <= last:
        progress = (day - first).days / span
        workday = profile.workdays[day.weekday()] == "1"
        chance, minutes = profile.rhythm(progress, day.weekday(), rng)
        if not workday:
            chance, minutes = 0.04, rng.randint(0, 30)  # the odd Sunday shift still counts
        if rng.random() < chance:
            note = rng.choice(
                (
                    "",
                    "",
                    "Busy lunch rush.",
                    "Quiet morning; used it for coaching.",
                    "Short-staffed; spent most of the day on the floor.",
                )
            )
            rows["day"].append(
                {
                    "uuid": new_uuid(),
                    "leader_id": leader_id,
                    "day": day,
                    "minutes": min(1440, max(0, minutes)),
                    "note": note,
                    **stamps,
                }
            )
            # coaching and reinforcement follow the same habit as customer time
            coach_chance = {"bursty": 0.9 if day.weekday() == 0 else 0.05}.get(
                profile.habit, 0.65 * chance
            )
            if rng.random() < coach_chance:
                follow_up = day + dt.timedelta(days=rng.choice((3, 7, 7, 14)))
                done = None
                if follow_up < last:
                    on_time, late = _follow_up_habit(profile.habit, progress)
                    roll = rng.random()
                    if roll < on_time:
                        done = max(day, follow_up - dt.timedelta(days=rng.randint(0, 2)))
                    elif roll < on_time + late:
                        done = min(last, follow_up + dt.timedelta(days=rng.randint(1, 10)))
                rows["coaching"].append({
                    "uuid": new_uuid(), "leader_id": leader_id, "day": day,
                    "member_id": rng.choice(member_ids), "standard_id": rng.choice([*standard_ids, None]),
                    "observation": rng.choice(OBSERVATIONS), "action": rng.choice(ACTIONS),
                    "follow_up_on": follow_up, "follow_up_done_on": done, **stamps,
                })  # fmt: skip
            reinforce_chance = {"bursty": 0.95 if day.weekday() == 0 else 0.1}.get(
                profile.habit, 1.1 * chance
            )
            for _ in range(2 if rng.random() < reinforce_chance - 1 + 0.3 else 1):
                if rng.random() >= reinforce_chance:
                    break
                kind = rng.choices(kinds, weights=(5, 6, 3, 2, 2, 1))[0]
                rows["reinforcement"].append({
                    "uuid": new_uuid(), "leader_id": leader_id, "day": day, "kind": kind,
                    "member_id": None if kind == "team_celebration" else rng.choice(member_ids),
                    "standard_id": rng.choice([*standard_ids, None, None]),
                    "description": rng.choice(REINFORCEMENTS[kind]), **stamps,
                })  # fmt: skip
        day += dt.timedelta(days=1)
    return rows
