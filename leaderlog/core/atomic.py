"""Write files atomically: a temporary file beside the target, fsync, then rename over it.

A failure at any moment, Ctrl+C included, leaves either the old complete file or the
new complete file, never a truncated one and no temporary file. New files are private
(0600) on POSIX.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Literal, overload


@overload
def atomic_write(
    path: str | os.PathLike[str],
    mode: Literal["w"] = "w",
    *,
    encoding: str = "utf-8",
    newline: str | None = None,
) -> contextlib.AbstractContextManager[IO[str]]: ...
@overload
def atomic_write(
    path: str | os.PathLike[str],
    mode: Literal["wb"],
    *,
    encoding: None = None,
    newline: None = None,
) -> contextlib.AbstractContextManager[IO[bytes]]: ...


def atomic_write(  # type: ignore[misc]
    path: str | os.PathLike[str],
    mode: str = "w",
    *,
    encoding: str | None = "utf-8",
    newline: str | None = None,
):
    """Context manager yielding a file object; the target appears only if the block succeeds."""
    return _atomic_write(Path(path), mode, encoding, newline)


# the flags tempfile.mkstemp uses: created here or not at all, private, binary on Windows
_CREATE_FLAGS = (
    os.O_RDWR
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NOINHERIT", 0)
    | getattr(os, "O_BINARY", 0)
)
_NAME_ATTEMPTS = 100


@contextlib.contextmanager
def _atomic_write(
    target: Path, mode: str, encoding: str | None, newline: str | None
) -> Iterator[IO]:  # type: ignore[type-arg]
    if mode not in ("w", "wb"):
        raise ValueError("atomic_write supports 'w' and 'wb'")
    target.parent.mkdir(parents=True, exist_ok=True)
    # Everything from the temporary file's creation on is inside the try: its name is
    # chosen before it exists, so Ctrl+C (KeyboardInterrupt) at any instant, even while
    # the file is being created, leaves no temporary file behind and the old file whole.
    temp: Path | None = None
    fd: int | None = None
    handle: IO | None = None  # type: ignore[type-arg]
    try:
        for _ in range(_NAME_ATTEMPTS):
            temp = target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp"
            try:
                fd = os.open(temp, _CREATE_FLAGS, 0o600)
                break
            except FileExistsError:
                temp = None  # someone else's file: never removed below
        else:
            raise FileExistsError(f"no free temporary name beside {target}")
        if "b" in mode:
            handle = os.fdopen(fd, mode)
        else:
            handle = os.fdopen(fd, mode, encoding=encoding, newline=newline)
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
        if os.name == "posix":
            dir_fd = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    except BaseException:
        if handle is None and fd is not None:
            os.close(fd)  # interrupted between creating the file and wrapping it
        if temp is not None:
            temp.unlink(missing_ok=True)  # after os.replace it is gone already
        raise
