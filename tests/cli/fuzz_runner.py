"""A long-lived helper for the CLI fuzz test: runs `leaderlog.cli.main.run(argv)` once per JSON line on stdin.

Each request is {"argv": [...]}; each reply, one JSON line on the real stdout, is
{"code": int, "out": str, "err": str}. A command's stdout and stderr are captured, its
stdin is empty, and anything escaping run() (argparse's SystemExit aside) is reported
as code -1 with its traceback in "err", so the test sees it as the bug it is.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import traceback


def serve() -> None:
    from leaderlog.cli.main import run

    replies = sys.stdout
    for line in sys.stdin:
        argv = json.loads(line)["argv"]
        out, err = io.StringIO(), io.StringIO()
        saved_stdin = sys.stdin
        sys.stdin = io.StringIO("")  # `member erase` asks; the answer is nothing
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = run(argv)
                except SystemExit as exc:  # argparse: usage errors, --help
                    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
                except BaseException:
                    err.write(traceback.format_exc())
                    code = -1
        finally:
            sys.stdin = saved_stdin
        replies.write(json.dumps({"code": code, "out": out.getvalue(), "err": err.getvalue()}))
        replies.write("\n")
        replies.flush()


if __name__ == "__main__":
    serve()
