"""Ctrl+C (KeyboardInterrupt) at any moment of an atomic write leaves the old file whole and no temporary file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from leaderlog.core.atomic import atomic_write

OLD = "date,minutes\n2026-11-20,45\n"


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "export.csv"
    path.write_text(OLD, encoding="utf-8")
    return path


def _left_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _assert_untouched(target: Path) -> None:
    """The old file whole, and nothing else beside it: no temporary or partial file."""
    assert _left_in(target.parent) == ["export.csv"]
    assert target.read_text(encoding="utf-8") == OLD


def _write_interrupted(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Write the new rows with the os call patched to raise KeyboardInterrupt, then check nothing changed."""
    with pytest.raises(KeyboardInterrupt), atomic_write(target) as handle:
        handle.write("the new rows")
    monkeypatch.undo()
    _assert_untouched(target)


def test_ctrl_c_from_the_writer_leaves_the_old_file_and_no_temporary_file(target: Path) -> None:
    with pytest.raises(KeyboardInterrupt), atomic_write(target) as handle:
        handle.write("date,minutes\n" + "2026-11-19,30\n" * 1000)
        handle.flush()  # the half-written rows are on disk in the temporary file
        raise KeyboardInterrupt
    _assert_untouched(target)


def test_ctrl_c_from_the_writer_of_a_new_file_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(KeyboardInterrupt), atomic_write(tmp_path / "new.pdf", "wb") as handle:
        handle.write(b"%PDF-1.4 partial")
        raise KeyboardInterrupt
    assert _left_in(tmp_path) == []


def test_ctrl_c_the_instant_the_temporary_file_is_created_leaves_none(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window the old code had: the file exists, the writer has not started yet."""
    real_open = os.open

    def open_then_interrupt(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        fd = real_open(path, flags, *args, **kwargs)
        if str(path).endswith(".tmp"):
            raise KeyboardInterrupt
        return fd

    monkeypatch.setattr(os, "open", open_then_interrupt)
    _write_interrupted(target, monkeypatch)


def test_ctrl_c_during_the_rename_leaves_the_old_file_and_no_temporary_file(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted_replace(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted_replace)
    _write_interrupted(target, monkeypatch)


def test_a_completed_write_replaces_the_file_privately(target: Path) -> None:
    with atomic_write(target) as handle:
        handle.write("new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert _left_in(target.parent) == ["export.csv"]
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600
