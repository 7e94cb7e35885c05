"""Write files atomically: a temporary file beside the target, fsync, then rename over it.

A failure at any moment leaves either the old complete file or the new complete
file, never a truncated one. New files are private (0600) on POSIX.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
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


@contextlib.contextmanager
def _atomic_write(
    target: Path, mode: str, encoding: str | None, newline: str | None
) -> Iterator[IO]:  # type: ignore[type-arg]
    if mode not in ("w", "wb"):
        raise ValueError("atomic_write supports 'w' and 'wb'")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    temp = Path(temp_name)  # mkstemp creates it 0600
    try:
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
        temp.unlink(missing_ok=True)
        raise
