"""Python's cycle collector in a process that extracts many articles.

Extraction makes many short-lived objects and few cycles, while the
gazetteer and the pipeline's tables live as long as the process. By default
the collector runs every 700 new objects and, now and then, scans every
object the process holds. `settle()` (once the gazetteer is loaded and warm)
collects once and moves what is alive into the collector's permanent
generation, which it never scans again; `in_batch()` makes young collections
rarer while a batch runs, and restores the process's setting after it.
Reference counting still frees every object as soon as it is unused: only
the search for cycles is rarer. Together they make a batch of short articles
about 10% faster (bench/README.md).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

BATCH_THRESHOLD = 20_000  # new objects between two young collections while a batch runs (Python's default: 700)

_LOCK = threading.Lock()


class _State:
    batches = 0  # batches running now (a worker's threads)
    saved = 0  # the threshold before the first of them
    settled = False


def settle() -> None:
    """Collect once, then leave what is alive now (the gazetteer, the tables) out of later collections.
    Once per process: later calls do nothing."""
    with _LOCK:
        if _State.settled:
            return
        _State.settled = True
    gc.collect()
    gc.freeze()


@contextmanager
def in_batch() -> Iterator[None]:
    """Young collections every BATCH_THRESHOLD new objects while the block runs. A worker's threads may
    overlap their batches: the first to enter changes the setting, the last to leave restores it."""
    with _LOCK:
        if _State.batches == 0:
            first, *older = gc.get_threshold()
            _State.saved = first
            gc.set_threshold(max(first, BATCH_THRESHOLD), *older)
        _State.batches += 1
    try:
        yield
    finally:
        with _LOCK:
            _State.batches -= 1
            if _State.batches == 0:
                gc.set_threshold(_State.saved, *gc.get_threshold()[1:])
