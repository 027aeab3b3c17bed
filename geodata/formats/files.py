"""Writing files safely: a temporary file beside the target, renamed over it only when complete."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def atomic_text(path: str | os.PathLike[str], **open_kw: Any) -> Iterator[IO[str]]:
    """A text file beside `path`, renamed over it only when writing succeeded: a failed
    export never leaves half a file behind."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        with open(tmp, "w", **open_kw) as fh:
            yield fh
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
