"""Standard output as an export target (`-o -`), and a reader of standard output that went away (`| head`)."""

from __future__ import annotations

import os
import select
import shutil
import sys
from pathlib import Path

from geodata.errors import InputError

STDOUT = "-"
TEXT_FORMATS = ("geojson", "csv")
# What a command stopped by SIGPIPE exits with (128 + 13), as `cat big | head` leaves `cat`.
BROKEN_PIPE_STATUS = 141


def is_stdout(path: str | os.PathLike[str]) -> bool:
    """`-`: standard output, as for `extract --jsonl -` (a file named "-" is `./-`)."""
    return os.fspath(path) == STDOUT


def check_stdout(fmt: str) -> None:
    """Refuse to print a binary format on a terminal; a pipe or a redirect takes its bytes."""
    if fmt not in TEXT_FORMATS and _is_terminal():
        msg = (
            f"a {fmt} export is binary and standard output is a terminal; "
            f"give a file (-o khareeta.{fmt}) or redirect the output (-o - > khareeta.{fmt})."
        )
        raise InputError(msg)


def _is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # replaced or closed
        return False


def copy_to_stdout(path: Path) -> None:
    """The bytes of `path` on standard output, after whatever was printed before."""
    sys.stdout.flush()
    out = sys.stdout.buffer
    with path.open("rb") as fh:
        shutil.copyfileobj(fh, out)
    out.flush()


def stdout_closed() -> bool:
    """Whether a BrokenPipeError came from standard output: its reader went away (a pipe whose read end
    is closed polls as an error). True where this cannot be told."""
    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        return any(events & select.POLLERR for _, events in poller.poll(0))
    except (AttributeError, OSError, ValueError):  # no poll (Windows), no file descriptor behind sys.stdout
        return True


def stdout_gone() -> int:
    """The reader of standard output went away (`... | head`): point standard output at the null device,
    so that nothing more (not the flush at exit) fails, and return the status of a command stopped by
    SIGPIPE. No traceback, no message: the reader wanted no more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no file descriptor behind sys.stdout (io.UnsupportedOperation is both)
        pass
    return BROKEN_PIPE_STATUS
