"""Writing files safely: a temporary file beside the target, renamed over it only when complete.

The temporary file is created as `open()` would create the target (mode 0666
less the umask), not with `tempfile.mkstemp`'s 0600: an export renamed into
place must be as readable as any other file the user writes.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

_ATTEMPTS = 100


def hidden_temp_beside(target: Path) -> Path:
    """A new, empty, hidden file beside `target` (".name.1a2b3c4d.tmp"), with the mode the umask gives:
    folder readers (pyarrow, DuckDB's `*.parquet`) skip it while it is written."""
    for _ in range(_ATTEMPTS):
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp
    msg = f"no free temporary name beside {str(target)!r}"
    raise FileExistsError(msg)


@contextmanager
def atomic_text(path: str | os.PathLike[str], **open_kw: Any) -> Iterator[IO[str]]:
    """A text file beside `path`, renamed over it only when writing succeeded: a failed
    export never leaves half a file behind. The folder must exist."""
    tmp = hidden_temp_beside(Path(path))
    try:
        with open(tmp, "w", **open_kw) as fh:
            yield fh
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


@contextmanager
def atomic_path(path: str | os.PathLike[str], suffix: str = "") -> Iterator[Path]:
    """A hidden path beside `path` (ending in `suffix`) for a writer that creates its own file (pyogrio),
    renamed over `path` when writing succeeded, with the mode the umask gives (not the writer's own)."""
    probe = hidden_temp_beside(Path(path))  # reserves the name, and has the mode `open()` would give
    tmp = probe.with_name(probe.name + suffix)
    try:
        yield tmp
        shutil.copymode(probe, tmp)
        os.replace(tmp, path)
    finally:
        for leftover in (tmp, probe):
            if leftover.exists():
                leftover.unlink()
