"""`leaderlog log|coach|reinforce|list|followups|followup-done|delete`: writing and reading journal entries."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import sys

from leaderlog.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    CommandContext,
    Subparsers,
    add_command,
    add_date_option,
    add_period_options,
    bounded_int,
    date_arg,
    entry_id_arg,
    find_team_member,
    one_line,
    print_error,
    table,
    terminal_safe,
)

ENTRY_TYPES = ("day", "coaching", "reinforcement")
MAX_LIST_LIMIT = 1_000_000
LEADER_HELP = (
    "the leader (default: the only active leader, else the last leader logged, said on stderr)"
)


class _LeaderChoice:
    """The leader an entry command writes for: --leader, or the journal's default (said on stderr)."""

    def __init__(self, db: object, name: str | None) -> None:
        from leaderlog.journal import default_leader, people

        self.guessed = False
        if name:
            self.leader = people.find_leader(db, name)  # type: ignore[arg-type]
        else:
            choice = default_leader.default_leader(db)  # type: ignore[arg-type]
            self.leader, self.guessed = choice.leader, not choice.only_active

    def say_how_chosen(self) -> None:
        """After a save: name the leader that was guessed, so a wrong guess is seen at once."""
        if self.guessed:
            message = (
                f"Logged for {self.leader.name} (the last leader logged; use --leader to choose)"
            )
            print(terminal_safe(message), file=sys.stderr)


def _leader_must_be_chosen(handler):  # type: ignore[no-untyped-def]
    """Several leaders and none has logged: a usage error (exit 2) that lists how to choose."""

    @functools.wraps(handler)
    def run(ctx: CommandContext, args: argparse.Namespace) -> int:
        from leaderlog.journal.default_leader import LeaderNotChosenError

        try:
            return handler(ctx, args)
        except LeaderNotChosenError as exc:
            print_error(exc.plain_message)
            return EXIT_USAGE

    return run


@_leader_must_be_chosen
def cmd_log(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import logbook

    db = ctx.database()
    chosen = _LeaderChoice(db, args.leader)
    leader = chosen.leader
    entry = logbook.add_day_log(
        db, leader.id, args.date, args.minutes, args.note or "", replace=args.replace
    )
    ctx.print(f"Logged {entry.minutes} min with customers for {leader.name} on {entry.day}")
    chosen.say_how_chosen()
    return EXIT_OK


def _optional_standard_id(db: object, name: str | None) -> int | None:
    from leaderlog.journal import people

    return people.find_standard(db, name).id if name else None  # type: ignore[arg-type]


@_leader_must_be_chosen
def cmd_coach(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import logbook

    db = ctx.database()
    chosen = _LeaderChoice(db, args.leader)
    leader = chosen.leader
    member = find_team_member(db, leader, args.member)
    note = logbook.add_coaching_note(
        db,
        leader.id,
        args.date,
        member.id,
        args.observation,
        args.action or "",
        _optional_standard_id(db, args.standard),
        args.follow_up,
    )
    follow = f", follow up on {note.follow_up_on}" if note.follow_up_on else ""
    ctx.print(f"Saved coaching note for {member.name} on {note.day}{follow}")
    chosen.say_how_chosen()
    return EXIT_OK


@_leader_must_be_chosen
def cmd_reinforce(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.core.validation import KIND_LABELS
    from leaderlog.journal import logbook

    db = ctx.database()
    chosen = _LeaderChoice(db, args.leader)
    leader = chosen.leader
    member_id = find_team_member(db, leader, args.member).id if args.member else None
    entry = logbook.add_reinforcement(
        db,
        leader.id,
        args.date,
        args.kind,
        args.description,
        member_id,
        _optional_standard_id(db, args.standard),
    )
    who = entry.member_name or "the whole team"
    ctx.print(f"Saved {KIND_LABELS[entry.kind].lower()} for {who} on {entry.day}")
    chosen.say_how_chosen()
    return EXIT_OK


def _entry_summary(entry: object) -> tuple[str, str, str]:
    from leaderlog.core import records
    from leaderlog.core.validation import KIND_LABELS

    if isinstance(entry, records.DayLog):
        return ("day", f"{entry.minutes} min", one_line(entry.note))
    if isinstance(entry, records.CoachingNote):
        follow = ""
        if entry.follow_up_on:
            state = f"done {entry.follow_up_done_on}" if entry.follow_up_done_on else "open"
            follow = f" [follow-up {entry.follow_up_on}, {state}]"
        standard = f" ({entry.standard_name})" if entry.standard_name else ""
        return ("coaching", entry.member_name + standard, one_line(entry.observation) + follow)
    assert isinstance(entry, records.Reinforcement)
    standard = f" ({entry.standard_name})" if entry.standard_name else ""
    return (
        "reinforcement",
        f"{KIND_LABELS[entry.kind]}: {entry.member_name or 'whole team'}{standard}",
        one_line(entry.description),
    )


def cmd_list(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import logbook, people

    db = ctx.database()
    leaders = {leader.id: leader for leader in people.list_leaders(db, include_archived=True)}
    leader_ids = [people.find_leader(db, name).id for name in args.leader] if args.leader else None
    entries = logbook.list_entries(
        db,
        leader_ids=leader_ids,
        start=args.start,
        end=args.end,
        types=args.type or None,
        text=args.search,
        limit=args.limit,
    )
    if not entries:
        ctx.print("No entries match.")
        return EXIT_OK
    rows = [
        (e.day.isoformat(), leaders[e.leader_id].name, *_entry_summary(e), e.id) for e in entries
    ]
    ctx.print(table(rows, ("date", "leader", "type", "what", "note", "id")))
    return EXIT_OK


def cmd_followups(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import logbook, people

    db = ctx.database()
    leaders = {leader.id: leader for leader in people.list_leaders(db, include_archived=True)}
    leader_id = people.find_leader(db, args.leader).id if args.leader else None
    notes = logbook.list_follow_ups(db, leader_id, include_done=args.all)
    if not notes:
        ctx.print("No open follow-ups.")
        return EXIT_OK
    today = dt.date.today()
    rows = []
    for note in notes:
        if note.follow_up_done_on:
            state = f"done {note.follow_up_done_on}"
        elif note.is_overdue(today):
            state = f"OVERDUE {(today - note.follow_up_on).days} d"  # type: ignore[operator]
        else:
            state = "due"
        rows.append(
            (note.follow_up_on, state, leaders[note.leader_id].name, note.member_name,
             one_line(note.action or note.observation, 40), note.id)
        )  # fmt: skip
    ctx.print(table(rows, ("due", "state", "leader", "member", "agreed action", "id")))
    return EXIT_OK


def cmd_followup_done(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import logbook

    note = logbook.complete_follow_up(ctx.database(), args.id, "" if args.reopen else args.date)
    if args.reopen:
        ctx.print(f"Reopened the follow-up with {note.member_name}")
    else:
        ctx.print(f"Follow-up with {note.member_name} marked done on {note.follow_up_done_on}")
    return EXIT_OK


def cmd_delete(ctx: CommandContext, args: argparse.Namespace) -> int:
    from leaderlog.journal import logbook

    entry = logbook.delete_entry(ctx.database(), args.type, args.id)
    ctx.print(f"Deleted {entry.entry_type} entry {entry.id} of {entry.day} (uuid {entry.uuid})")
    return EXIT_OK


def register(subparsers: Subparsers) -> None:
    """The commands that write, list, complete and delete entries."""
    p = add_command(subparsers, "log", cmd_log, "log a day's customer-facing minutes")
    p.add_argument("--leader", help=LEADER_HELP)
    add_date_option(p)
    p.add_argument(
        "--minutes", required=True, help="minutes spent serving customers (0 to 1440, a day)"
    )
    p.add_argument("--note", help="optional reflection for the day")
    p.add_argument("--replace", action="store_true", help="replace an existing log for that day")

    p = add_command(subparsers, "coach", cmd_coach, "record a coaching conversation")
    p.add_argument("--leader", help=LEADER_HELP)
    p.add_argument("--member", required=True)
    add_date_option(p)
    p.add_argument("--observation", required=True, help="what you observed")
    p.add_argument("--standard", help="the service standard coached")
    p.add_argument("--action", help="the agreed next step")
    p.add_argument(
        "--follow-up",
        type=date_arg,
        help="follow-up date (YYYY-MM-DD, or +7 for a week from today)",
    )

    p = add_command(subparsers, "reinforce", cmd_reinforce, "record a reinforcement action")
    p.add_argument("--leader", help=LEADER_HELP)
    p.add_argument(
        "--kind",
        required=True,
        help="recognition, praise, customer_compliment, corrective_feedback, training or team_celebration",
    )
    add_date_option(p)
    p.add_argument("--description", required=True)
    p.add_argument("--member", help="the team member (default: the whole team)")
    p.add_argument("--standard")

    p = add_command(subparsers, "list", cmd_list, "list journal entries, newest first")
    p.add_argument("--leader", action="append", help="only this leader (repeatable)")
    add_period_options(p)
    p.add_argument(
        "--type", action="append", choices=ENTRY_TYPES, help="only this type (repeatable)"
    )
    p.add_argument("--search", help="only entries whose text contains this")
    p.add_argument(
        "--limit",
        type=bounded_int(1, MAX_LIST_LIMIT),
        help=f"at most this many entries (1 to {MAX_LIST_LIMIT:,})",
    )

    p = add_command(
        subparsers, "followups", cmd_followups, "list open coaching follow-ups, earliest due first"
    )
    p.add_argument("--leader")
    p.add_argument("--all", action="store_true", help="include completed follow-ups")

    p = add_command(
        subparsers, "followup-done", cmd_followup_done, "mark a coaching follow-up done"
    )
    p.add_argument(
        "id", type=entry_id_arg, help="the coaching note's id (see `leaderlog followups`)"
    )
    add_date_option(p, "the day it was done (default today)")
    p.add_argument("--reopen", action="store_true", help="mark it not done again")

    p = add_command(subparsers, "delete", cmd_delete, "delete one journal entry")
    p.add_argument("--type", required=True, choices=ENTRY_TYPES)
    p.add_argument(
        "--id", required=True, type=entry_id_arg, help="the entry's id (see `leaderlog list`)"
    )
