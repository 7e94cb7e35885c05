"""SQLAlchemy 2 typed ORM models: the schema of a LeaderLog journal.

Every row has an integer primary key (fast joins, SQLite rowid), a stable UUID
(identity across exports, imports and servers), created/updated instants in UTC
and a version counter that catches two edits of the same row.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from leaderlog.core.kinds import CORRECTIVE_KINDS, REINFORCEMENT_KINDS  # noqa: F401 (re-exported)
from leaderlog.core.schedule import LEAVE_KINDS, MAX_CYCLE_DAYS

# Stable constraint names so Alembic migrations can address them on every dialect.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware instant stored as UTC; SQLite has no timezone type, so attach UTC on read."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: object) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: object
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class _Tracked:
    """Columns every table shares: UUID, timestamps, optimistic-locking version."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[uuid_module.UUID] = mapped_column(
        Uuid, unique=True, default=uuid_module.uuid4, nullable=False
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now, nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime, default=utc_now, onupdate=utc_now, nullable=False
    )
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        # the ORM bumps `version` on every UPDATE and refuses a stale one
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Leader(_Tracked, Base):
    """A person who logs: name, team, work pattern and personal targets."""

    __tablename__ = "leader"
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    # casefolded name: case-insensitive uniqueness that works the same on every dialect
    name_key: Mapped[str] = mapped_column(String(120), nullable=False, unique=True)
    team: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    # seven characters, Monday first: "1111100" = Monday to Friday
    workdays: Mapped[str] = mapped_column(String(7), nullable=False, default="1111100")
    target_minutes: Mapped[int] = mapped_column(Integer, nullable=False, default=60)
    target_coaching: Mapped[int] = mapped_column(Integer, nullable=False, default=3)
    target_reinforcement: Mapped[int] = mapped_column(Integer, nullable=False, default=5)
    archived_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)

    members: Mapped[list[TeamMember]] = relationship(back_populates="leader")

    __table_args__ = (
        CheckConstraint("target_minutes >= 0 AND target_minutes <= 1440", name="target_minutes"),
        CheckConstraint("target_coaching >= 0", name="target_coaching"),
        CheckConstraint("target_reinforcement >= 0", name="target_reinforcement"),
        Index("ix_leader_team", "team"),
    )


# A leader's start, when set by hand (NULL: the earlier of the day they were added and
# their first entry; leaderlog.journal.settings_history). A column of the table but not
# of the mapped class, appended after mapping: the ORM never selects or inserts it, so
# code writing leaders through the ORM into a file of an earlier revision keeps working.
# Read and write it with Core.
LEADER_START_DATE = Column("start_date", Date, nullable=True)
Leader.__table__.append_column(LEADER_START_DATE)


class TeamMember(_Tracked, Base):
    """A person a leader coaches or recognises."""

    __tablename__ = "team_member"
    leader_id: Mapped[int] = mapped_column(
        ForeignKey("leader.id", ondelete="RESTRICT"), nullable=False
    )
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    name_key: Mapped[str] = mapped_column(String(120), nullable=False)
    archived_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)

    leader: Mapped[Leader] = relationship(back_populates="members")

    __table_args__ = (UniqueConstraint("leader_id", "name_key"),)


class Standard(_Tracked, Base):
    """A service standard or business rule the organisation coaches to."""

    __tablename__ = "standard"
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    name_key: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    archived_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class DayLog(_Tracked, Base):
    """One leader, one date: minutes spent serving customers, and an optional reflection."""

    __tablename__ = "day_log"
    leader_id: Mapped[int] = mapped_column(
        ForeignKey("leader.id", ondelete="RESTRICT"), nullable=False
    )
    day: Mapped[dt.date] = mapped_column(Date, nullable=False)
    minutes: Mapped[int] = mapped_column(Integer, nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (
        UniqueConstraint("leader_id", "day"),
        # covering: a leader's daily minutes come from the index alone (migration 0004)
        Index("ix_day_log_leader_id_day_minutes", "leader_id", "day", "minutes"),
        CheckConstraint("minutes >= 0 AND minutes <= 1440", name="minutes"),
    )


class CoachingNote(_Tracked, Base):
    """A coaching conversation and its follow-up: the accountability loop."""

    __tablename__ = "coaching_note"
    leader_id: Mapped[int] = mapped_column(
        ForeignKey("leader.id", ondelete="RESTRICT"), nullable=False
    )
    day: Mapped[dt.date] = mapped_column(Date, nullable=False)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("team_member.id", ondelete="RESTRICT"), nullable=False
    )
    standard_id: Mapped[int | None] = mapped_column(
        ForeignKey("standard.id", ondelete="SET NULL"), nullable=True
    )
    observation: Mapped[str] = mapped_column(Text, nullable=False)
    action: Mapped[str] = mapped_column(Text, nullable=False, default="")
    follow_up_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    follow_up_done_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    __table_args__ = (
        Index("ix_coaching_note_leader_id_day", "leader_id", "day"),
        Index("ix_coaching_note_member_id", "member_id"),
        # covering: follow-up accountability reads no table rows (migration 0004)
        Index(
            "ix_coaching_note_leader_id_follow_up_on_done",
            "leader_id",
            "follow_up_on",
            "follow_up_done_on",
        ),
        CheckConstraint("follow_up_on IS NULL OR follow_up_on >= day", name="follow_up_after_day"),
    )


class ReinforcementAction(_Tracked, Base):
    """Recognition, praise, a compliment shared, corrective feedback, training or a celebration."""

    __tablename__ = "reinforcement"
    leader_id: Mapped[int] = mapped_column(
        ForeignKey("leader.id", ondelete="RESTRICT"), nullable=False
    )
    day: Mapped[dt.date] = mapped_column(Date, nullable=False)
    # NULL means the whole team
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_member.id", ondelete="RESTRICT"), nullable=True
    )
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    standard_id: Mapped[int | None] = mapped_column(
        ForeignKey("standard.id", ondelete="SET NULL"), nullable=True
    )
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (
        # covering: daily counts by kind read no table rows (migration 0004)
        Index("ix_reinforcement_leader_id_day_kind", "leader_id", "day", "kind"),
        Index("ix_reinforcement_member_id", "member_id"),
        CheckConstraint(
            "kind IN (" + ", ".join(f"'{k}'" for k in REINFORCEMENT_KINDS) + ")", name="kind"
        ),
    )


class AppSetting(Base):
    """Organisation-wide settings stored with the data, so every user and export agrees."""

    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class MetricsCheckpoint(Base):
    """A leader's metrics walk state at the end of a day, so a report can resume there (a cache).

    Written by one-leader reports on SQLite and deleted by triggers whenever an entry on or
    before its day, or the leader's work pattern or targets, change (leaderlog/data/walk_states.py).
    """

    __tablename__ = "metrics_checkpoint"
    leader_id: Mapped[int] = mapped_column(
        ForeignKey("leader.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    # metrics.WALK_VERSION of the formulas that computed it; other versions are ignored
    walk_version: Mapped[int] = mapped_column(Integer, nullable=False)
    customer: Mapped[float] = mapped_column(nullable=False)
    coaching: Mapped[float] = mapped_column(nullable=False)
    reinforcement: Mapped[float] = mapped_column(nullable=False)
    streak: Mapped[int] = mapped_column(Integer, nullable=False)
    longest: Mapped[int] = mapped_column(Integer, nullable=False)

    __table_args__ = ({"sqlite_with_rowid": False},)


class CalendarVersion(Base):
    """One row: a stamp that SQLite triggers change at every calendar change (a cache key).

    See leaderlog/data/calendar_version.py.
    """

    __tablename__ = "calendar_version"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    n: Mapped[int] = mapped_column(Integer, nullable=False)


class TimeOff(_Tracked, Base):
    """A leader's leave: a range of days (planned or past) that never counts against them."""

    __tablename__ = "time_off"
    leader_id: Mapped[int] = mapped_column(
        ForeignKey("leader.id", ondelete="RESTRICT"), nullable=False
    )
    first_day: Mapped[dt.date] = mapped_column(Date, nullable=False)
    last_day: Mapped[dt.date] = mapped_column(Date, nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="vacation")
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (
        Index("ix_time_off_leader_id_first_day", "leader_id", "first_day"),
        CheckConstraint("last_day >= first_day", name="last_after_first"),
        CheckConstraint("kind IN (" + ", ".join(f"'{k}'" for k in LEAVE_KINDS) + ")", name="kind"),
    )


class HolidayCalendar(_Tracked, Base):
    """Which public holidays apply: the organisation's (team '') or one team's, by country."""

    __tablename__ = "holiday_calendar"
    # '' is the organisation default; a team's own calendar replaces it for that team
    team: Mapped[str] = mapped_column(String(120), nullable=False, unique=True, default="")
    # a country code of the `holidays` package (ISO 3166-1 alpha-2) and optional subdivision
    country: Mapped[str] = mapped_column(String(3), nullable=False)
    subdivision: Mapped[str] = mapped_column(String(10), nullable=False, default="")


class CompanyDay(_Tracked, Base):
    """A day the organisation (team '') or one team does not work: entered by hand or imported."""

    __tablename__ = "company_day"
    day: Mapped[dt.date] = mapped_column(Date, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    team: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    # 'manual' or the file it came from ('import'), so a list can say where it came from
    source: Mapped[str] = mapped_column(String(20), nullable=False, default="manual")

    __table_args__ = (
        UniqueConstraint("team", "day"),
        Index("ix_company_day_day", "day"),
        CheckConstraint("source IN ('manual', 'import')", name="source"),
    )


class LeaderSettings(_Tracked, Base):
    """One effective-dated row of a leader's settings history: the values in force from a day on."""

    __tablename__ = "leader_settings"
    leader_id: Mapped[int] = mapped_column(
        ForeignKey("leader.id", ondelete="RESTRICT"), nullable=False
    )
    effective_from: Mapped[dt.date] = mapped_column(Date, nullable=False)
    team: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    target_minutes: Mapped[int] = mapped_column(Integer, nullable=False)
    target_coaching: Mapped[int] = mapped_column(Integer, nullable=False)
    target_reinforcement: Mapped[int] = mapped_column(Integer, nullable=False)
    # without cycle_anchor: seven characters, Monday first, as leader.workdays; with it:
    # a cycle of 1 to 28 days, '1' for a workday, whose first character is cycle_anchor
    workdays: Mapped[str] = mapped_column(String(MAX_CYCLE_DAYS), nullable=False)
    cycle_anchor: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    __table_args__ = (
        UniqueConstraint("leader_id", "effective_from"),
        CheckConstraint(
            "target_minutes >= 0 AND target_minutes <= 1440", name="settings_target_minutes"
        ),
        CheckConstraint("target_coaching >= 0", name="settings_target_coaching"),
        CheckConstraint("target_reinforcement >= 0", name="settings_target_reinforcement"),
        CheckConstraint(
            "(cycle_anchor IS NULL AND length(workdays) = 7) OR "
            f"(cycle_anchor IS NOT NULL AND length(workdays) BETWEEN 1 AND {MAX_CYCLE_DAYS})",
            name="workdays_length",
        ),
    )


class DaySwap(_Tracked, Base):
    """One day that differs from a leader's rota: works a day off, or is off a workday."""

    __tablename__ = "day_swap"
    leader_id: Mapped[int] = mapped_column(
        ForeignKey("leader.id", ondelete="RESTRICT"), nullable=False
    )
    day: Mapped[dt.date] = mapped_column(Date, nullable=False)
    # True: a workday whatever the rota or a public holiday says; False: not a workday
    works: Mapped[bool] = mapped_column(Boolean, nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (UniqueConstraint("leader_id", "day"),)
