"""Every CLI sub-command with generated arguments (issue 15): a plain status, no traceback, no raw control characters, nothing changed by a failure.

The commands run against a real journal in ONE long-lived helper process
(tests/cli/fuzz_runner.py calls leaderlog.cli.main.run(argv) per example with captured
output), and a small sample through the real `python -m leaderlog` in a subprocess each.

Left out: no command at all (opens the window); `team ...` (needs a PostgreSQL server:
tests/team/test_postgres_team_cli.py); `desktop-install` / `desktop-uninstall` (they write
the desktop's menu folders, not the journal, and run the desktop's cache tools).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leaderlog.cli.main import build_parser
from leaderlog.data.store import open_database
from leaderlog.journal import logbook, people

RUNNER = Path(__file__).with_name("fuzz_runner.py")
EXCLUDED = {("team",), ("desktop-install",), ("desktop-uninstall",)}
KNOWN = {  # values that exist in the journal, so generated commands also get past the lookups
    "leader": "Ana Ruiz",
    "name": "Ana Ruiz",
    "member": "Sam Lee",
    "standard": "Greet within 10 seconds",
    "kind": "praise",
    "what": "entries",
    "type": "day",
    "id": "1",
}

# ---------------------------------------------------------------- the commands


def _leaf_commands() -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    found: list[tuple[tuple[str, ...], argparse.ArgumentParser]] = []

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if path:
            found.append((path, parser))  # a group alone prints its help
        for group in groups:
            for name, child in group.choices.items():
                if (*path, name)[:1] not in EXCLUDED and (*path, name) not in EXCLUDED:
                    walk(child, (*path, name))

    walk(build_parser(), ())
    return found


COMMANDS = _leaf_commands()

# ---------------------------------------------------------------- generated values

CONTROLS = ["\x1b[2J", "\x1b]0;title\x07", "\x07", "\x08", "\r", "\x7f", "\x9b31m", "\x85"]
INVISIBLE = ["\u202e", "\u202d", "\u2066", "\u200b", "\ufeff", "\u00ad", "\u2028"]
# what a command line holds for bytes that are not UTF-8 (os.fsdecode's surrogateescape)
UNDECODABLE = ["\udcff", "\udc80abc"]

any_character = st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))
hostile_text = st.one_of(
    st.text(any_character, max_size=24),
    st.lists(
        st.one_of(st.sampled_from(CONTROLS + INVISIBLE + UNDECODABLE), st.text(max_size=4)),
        max_size=5,
    ).map("".join),
    st.just(""),
    st.just(" "),
)
numbers = st.one_of(
    st.integers(-(10**30), 10**30),
    st.sampled_from([0, -1, 1, 26, 520, 1000, 1440, 1441, 2**31, 2**63 - 1, 2**63, 2**64]),
).map(str)
dates = st.one_of(
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.sampled_from(["0001-01-01", "9999-12-31", "1989-12-31", "2026-02-30", "20261120"]),
    st.integers(-(10**12), 10**12).map(lambda n: f"{n:+d}"),
    st.sampled_from(["today", "yesterday", "+", "+7", "+0", "TODAY", " yesterday "]),
)


def _values(action: argparse.Action) -> st.SearchStrategy[str]:
    """Hostile values always; values that fit the argument as often, so commands get past argparse."""
    fitting: list[st.SearchStrategy[str]] = []
    if action.dest in KNOWN:
        fitting.append(st.just(KNOWN[action.dest]))
    if action.choices:
        fitting.append(st.sampled_from(sorted(str(c) for c in action.choices)))
    kind = getattr(action.type, "__name__", "")
    if kind.startswith("whole number"):
        fitting.append(st.integers(-2, 3000).map(str))
    if kind == "date_arg":
        fitting.append(dates)
    hostile = st.one_of(hostile_text, numbers, dates)
    return st.one_of(*fitting, *fitting, hostile) if fitting else hostile


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    path, parser = draw(st.sampled_from(COMMANDS))
    argv = list(path)
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
            continue
        # a required argument is left out now and then: argparse's own usage error
        wanted = draw(st.integers(0, 9)) > 0 if action.required else draw(st.booleans())
        if not wanted:
            continue
        value = lambda action=action: draw(_values(action))  # noqa: E731
        if not action.option_strings:  # positional
            argv.append(value())
        elif action.nargs == 0:  # a flag
            argv.append(action.option_strings[-1])
        else:
            argv += [action.option_strings[-1], value()]
    if draw(st.integers(0, 19)) == 0:
        argv.append(draw(hostile_text))  # a stray extra argument
    return argv


# ---------------------------------------------------------------- the journal and the runner


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return list(connection.iterdump())


def _raw_controls(text: str) -> list[str]:
    return [c for c in text if unicodedata.category(c) == "Cc" and c not in "\n\t"]


@pytest.fixture(scope="module")
def fuzz_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    home = tmp_path_factory.mktemp("fuzz")
    journal = home / "journal.sqlite3"
    db = open_database(journal)
    leader = people.add_leader(db, "Ana Ruiz", team="North")
    member = people.add_member(db, leader.id, "Sam Lee")
    standard = people.add_standard(db, "Greet within 10 seconds")
    day = dt.date.today() - dt.timedelta(days=3)
    logbook.add_day_log(db, leader.id, day, 45, "steady")
    logbook.add_coaching_note(
        db, leader.id, day, member.id, "Greeted late", "Watch the door", standard.id,
        day + dt.timedelta(days=7),
    )  # fmt: skip
    db.dispose()
    env = {
        **os.environ,
        "LEADERLOG_HOME": str(home / "home"),
        "LEADERLOG_DB": str(journal),
        "XDG_DATA_HOME": str(home / "xdg"),
    }
    (home / "work").mkdir()  # relative --out files land here
    yield journal, env


@pytest.fixture(scope="module")
def runner(fuzz_home: tuple[Path, dict[str, str]]) -> Iterator[subprocess.Popen[str]]:
    journal, env = fuzz_home
    process = subprocess.Popen(
        [sys.executable, str(RUNNER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True, encoding="utf-8", errors="surrogatepass", env=env, cwd=journal.parent / "work",
    )  # fmt: skip
    yield process
    assert process.stdin is not None
    process.stdin.close()
    process.wait(timeout=60)


def _ask(runner: subprocess.Popen[str], argv: list[str]) -> dict[str, object]:
    assert runner.stdin is not None and runner.stdout is not None
    runner.stdin.write(json.dumps({"argv": argv}) + "\n")
    runner.stdin.flush()
    return json.loads(runner.stdout.readline())


def _check(argv: list[str], code: object, out: str, err: str) -> None:
    shown = f"leaderlog {argv!r} -> {code}\n{err[-2000:]}"
    assert code in (0, 1, 2), shown
    assert "Traceback" not in err, shown
    assert not _raw_controls(out), shown
    assert not _raw_controls(err), shown


def test_the_command_list_covers_every_group() -> None:
    names = {path[0] for path, _parser in COMMANDS}
    assert {"log", "coach", "reinforce", "list", "export", "import", "report", "leader",
            "member", "standard", "backup", "restore", "check", "demo"} <= names  # fmt: skip


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argv=command_lines())
def test_generated_commands_fail_plainly_and_change_nothing_when_they_fail(
    runner: subprocess.Popen[str], fuzz_home: tuple[Path, dict[str, str]], argv: list[str]
) -> None:
    journal, _env = fuzz_home
    before = _dump(journal)
    reply = _ask(runner, argv)
    _check(argv, reply["code"], str(reply["out"]), str(reply["err"]))
    if reply["code"] != 0:
        assert _dump(journal) == before, f"leaderlog {argv!r} failed but changed the journal"
    with sqlite3.connect(journal) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argv=command_lines())
def test_a_sample_through_the_real_console_entry_point(
    fuzz_home: tuple[Path, dict[str, str]], argv: list[str]
) -> None:
    journal, env = fuzz_home
    before = _dump(journal)
    # bytes, as a real command line carries them (lone surrogates are undecodable bytes)
    command = [os.fsencode(word) for word in (sys.executable, "-m", "leaderlog", *argv)]
    done = subprocess.run(command, capture_output=True, env=env, cwd=journal.parent / "work")
    out = done.stdout.decode("utf-8", "replace")
    err = done.stderr.decode("utf-8", "replace")
    _check(argv, done.returncode, out, err)
    if done.returncode != 0:
        assert _dump(journal) == before
