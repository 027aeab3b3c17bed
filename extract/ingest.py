"""Ingest articles into the store: read them (`extract.inputs`), extract them, store them.

Each article is extracted and stored in its own transaction: it goes in whole
or not at all, one that fails is reported (as a `Problem`: source, line,
reason) and the batch goes on, and an article already stored (same text) is
counted as unchanged.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from extract.collector import in_batch, settle
from extract.inputs import RawArticle, Read, count_articles, read_paths
from extract.pipeline import try_extract
from extract.ready import Ready, ready_for_store
from geodata import gazetteer as gazetteer_mod
from geodata.errors import KhareetaError, Problem, describe
from geodata.gazetteer import Gazetteer
from geodata.store import Store

Progress = Callable[[int, int, str], None]  # (done, total, name of the item just finished)
BATCH_SIZE = 50  # articles stored per commit (each in its own savepoint)
BATCH_SECONDS = 1.0  # ...or fewer, so that slow extraction still shows up in the store promptly


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What a batch did: names added, unchanged and replaced; a `Problem` for each failure; the names of
    the articles stored now (added or replaced) in which no place was found."""

    added: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    failed: tuple[Problem, ...] = ()
    replaced: tuple[str, ...] = ()
    seconds: float = 0.0
    placeless: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return len(self.added) + len(self.unchanged) + len(self.failed) + len(self.replaced)

    def summary(self, *, max_failures: int = 50) -> str:
        parts = [f"{len(self.added)} added", f"{len(self.unchanged)} unchanged"]
        if self.replaced:
            parts.append(f"{len(self.replaced)} replaced")
        parts.append(f"{len(self.failed)} failed")
        if self.placeless:
            parts.append(f"{len(self.placeless)} with no places found")
        lines = [f"ingested {self.total} article(s) in {self.seconds:.1f} s: {', '.join(parts)}"]
        lines += [f"  failed: {describe(p)}" for p in self.failed[:max_failures]]
        if len(self.failed) > max_failures:
            lines.append(f"  ... and {len(self.failed) - max_failures} more failures")
        lines += [f"  no places found: {name}" for name in self.placeless[:max_failures]]
        if len(self.placeless) > max_failures:
            lines.append(f"  ... and {len(self.placeless) - max_failures} more articles with no places found")
        return "\n".join(lines)


# --- extraction, in this process or in worker processes --------------------------------------------------------

Extracted = Ready | Problem  # made ready for the store where it was extracted (`extract.ready`)
_WORKER_GAZ: Gazetteer | None = None  # inherited by forked workers: the gazetteer is not loaded again


def _extract(raw: RawArticle, default_date: str | None, gaz: Gazetteer | None = None) -> Extracted:
    ex = try_extract(raw, default_date=default_date, gaz=gaz or _WORKER_GAZ)
    return ex if isinstance(ex, Problem) else ready_for_store(raw, ex)


def _resolve(raw: RawArticle, pending: Future[Extracted]) -> Extracted:
    try:
        return pending.result()
    except Exception as exc:  # a worker died (out of memory, killed): this article fails, not the batch
        return raw.problem(f"the extraction process failed ({type(exc).__name__}: {exc})")


def _extracted(
    articles: Iterator[Read], gaz: Gazetteer | None, default_date: str | None, jobs: int
) -> Iterator[Extracted]:
    """Extraction results in input order; with jobs > 1 in forked worker processes (a bounded window ahead)."""
    if jobs <= 1:
        for item in articles:
            yield item if isinstance(item, Problem) else _extract(item, default_date, gaz)
        return
    global _WORKER_GAZ
    _WORKER_GAZ = gaz
    window: deque[Problem | tuple[RawArticle, Future[Extracted]]] = deque()
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))

    def first() -> Extracted:
        entry = window.popleft()
        return entry if isinstance(entry, Problem) else _resolve(*entry)

    try:
        for item in articles:
            window.append(item if isinstance(item, Problem) else (item, pool.submit(_extract, item, default_date)))
            while len(window) > jobs * 8:
                yield first()
        while window:
            yield first()
    finally:  # on an error or Ctrl-C, do not wait for the articles still queued
        pool.shutdown(wait=True, cancel_futures=True)
        _WORKER_GAZ = None


def auto_jobs(total: int) -> int:
    """Worker processes worth starting: one per core (up to 8) for 50+ articles, where fork exists."""
    if total < 50 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(8, os.cpu_count() or 1))


def ingest_paths(
    paths: Iterable[str | Path],
    store: Store,
    *,
    progress: Progress | None = None,
    gaz: Gazetteer | None = None,
    default_date: str | None = None,
    replace: bool = False,
    jobs: int = 1,
) -> IngestReport:
    """Extract and store every article under `paths`; never stops for one bad article.

    `jobs` > 1 extracts in that many forked processes (0: `auto_jobs`). Storing
    stays in this process, in input order, in batches of up to BATCH_SIZE
    articles per commit with a savepoint each: every article goes in whole or
    not at all. A `StoreError` (the database itself unusable) stops the batch;
    articles committed before it stay.
    """
    t0 = time.perf_counter()
    paths = list(paths)
    total = count_articles(paths)
    if gaz is None and total:
        gaz = gazetteer_mod.get()  # once for the whole batch
        settle()  # a batch process: the gazetteer is left out of later collections (forked workers too)
    jobs = auto_jobs(total) if jobs == 0 else jobs
    with in_batch():
        results = _extracted(read_paths(paths), gaz, default_date, jobs)
        return store_extracted(results, store, replace=replace, progress=progress, total=total, t0=t0)


def store_extracted(
    results: Iterable[Extracted],
    store: Store,
    *,
    replace: bool = False,
    progress: Progress | None = None,
    total: int = 0,
    t0: float | None = None,
) -> IngestReport:
    """Store extraction results (or the problems in their place) as they come, in batches of up to
    BATCH_SIZE articles per commit with a savepoint each; what `ingest_paths` and the Dask engine
    (`extract.cluster_ingest`) end with. `t0`: when the batch began (for the report's seconds)."""
    t0 = time.perf_counter() if t0 is None else t0
    done: dict[str, list[str]] = {"added": [], "unchanged": [], "replaced": [], "placeless": []}
    failed: list[Problem] = []
    batch = _Batch(store, replace, done, failed)
    for n, result in enumerate(results, start=1):
        if isinstance(result, Problem):
            failed.append(result)
        else:
            batch.add(result)
        if progress:
            progress(n, max(total, n), result.where() if isinstance(result, Problem) else result[0].label)
    batch.flush()
    return IngestReport(
        tuple(done["added"]),
        tuple(done["unchanged"]),
        tuple(failed),
        tuple(done["replaced"]),
        time.perf_counter() - t0,
        tuple(done["placeless"]),
    )


class _Batch:
    """Extracted articles waiting to be stored together (one commit, a savepoint each):
    up to BATCH_SIZE of them, or what BATCH_SECONDS gathered, whichever comes first."""

    def __init__(self, store: Store, replace: bool, done: dict[str, list[str]], failed: list[Problem]) -> None:
        self.store, self.replace, self.done, self.failed = store, replace, done, failed
        self.pending: list[Ready] = []
        self.since = 0.0

    def add(self, item: Ready) -> None:
        if not self.pending:
            self.since = time.perf_counter()
        self.pending.append(item)
        if len(self.pending) >= BATCH_SIZE or time.perf_counter() - self.since >= BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Store what is pending; a `StoreError` (the database itself) propagates."""
        if not self.pending:
            return
        outcomes = self.store.add_documents([new for _, new, _ in self.pending], replace=self.replace)
        for (raw, _new, placed), outcome in zip(self.pending, outcomes, strict=True):
            if isinstance(outcome, KhareetaError):
                self.failed.append(raw.problem(outcome.problem.reason))
            elif isinstance(outcome, Exception):
                self.failed.append(raw.problem(f"unexpected error ({type(outcome).__name__}: {outcome})"))
            else:
                self.done[outcome].append(raw.label)
                if outcome != "unchanged" and not placed:
                    self.done["placeless"].append(raw.label)  # stored, but nothing of it on the map
        self.pending.clear()


class ProgressBar:
    """`\\r`-redrawn counter on stderr, only when it is a terminal; no dependency."""

    def __init__(self, label: str = "ingest", *, stream: IO[str] | None = None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.label, self.width = label, width
        self._t0 = time.perf_counter()
        self._last = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int, name: str = "") -> None:
        now = time.perf_counter()
        if not self.enabled or (now - self._last < 0.1 and done < total):
            return
        self._last = now
        filled = int(self.width * done / total) if total else self.width
        rate = done / (now - self._t0) if now > self._t0 else 0.0
        line = (
            f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} "
            f"{rate:.0f}/s {Path(name).name[:30]:<30}"
        )
        self.stream.write(line)
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
