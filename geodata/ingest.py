"""Ingest article files, folders and JSON Lines into the store.

Each article is extracted and stored in its own transaction: it goes in whole
or not at all, one that fails is reported and the batch goes on, and an
article already stored (same text) is counted as unchanged.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from extract.geojson import extraction_features
from extract.inputs import RawArticle, decode, iter_jsonl, read_file
from extract.pipeline import extract_article
from extract.types import Document
from geodata._errors import InputError, KhareetaError
from geodata.gazetteer import Gazetteer
from geodata.store import Store

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
INGEST_SUFFIXES = (*ARTICLE_SUFFIXES, ".jsonl")
Progress = Callable[[int, int, str], None]  # (done, total, name of the item just finished)
BATCH_SIZE = 50  # articles stored per commit (each in its own savepoint)
BATCH_SECONDS = 1.0  # ...or fewer, so that slow extraction still shows up in the store promptly


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What a batch did: names added, unchanged and replaced; (name, reason) for failures."""

    added: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()
    replaced: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return len(self.added) + len(self.unchanged) + len(self.failed) + len(self.replaced)

    def summary(self, *, max_failures: int = 50) -> str:
        parts = [f"{len(self.added)} added", f"{len(self.unchanged)} unchanged"]
        if self.replaced:
            parts.append(f"{len(self.replaced)} replaced")
        parts.append(f"{len(self.failed)} failed")
        lines = [f"ingested {self.total} article(s) in {self.seconds:.1f} s: {', '.join(parts)}"]
        lines += [f"  failed: {name}: {reason}" for name, reason in self.failed[:max_failures]]
        if len(self.failed) > max_failures:
            lines.append(f"  ... and {len(self.failed) - max_failures} more failures")
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class _Item:
    """One unit of work: an article file, or one JSON Lines file (many articles)."""

    path: Path
    name: str
    missing: bool = False


def expand_paths(paths: Iterable[str | Path]) -> list[_Item]:
    """Files as given; folders walked (sorted, hidden entries skipped) for .txt, .html, .htm, .jsonl."""
    out: list[_Item] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in INGEST_SUFFIXES and p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            out.extend(_Item(p, str(p)) for p in found)
        else:
            out.append(_Item(path, str(path), missing=not path.exists()))
    return out


def _is_jsonl(item: _Item) -> bool:
    return item.path.suffix.lower() == ".jsonl"


def _jsonl_lines(item: _Item) -> list[str]:
    return decode(item.path.read_bytes(), item.name).splitlines()


def count_articles(items: list[_Item]) -> int:
    """How many articles the items hold (a JSON Lines file counts its non-blank lines)."""
    n = 0
    for item in items:
        if _is_jsonl(item) and not item.missing:
            try:
                n += sum(1 for line in _jsonl_lines(item) if line.strip())
            except (OSError, InputError):
                n += 1
        else:
            n += 1
    return n


_LINE_PREFIX = re.compile(r"^:(\d+)(?: \(id [^)]*\))?: ")


def _split_message(message: str, name: str) -> tuple[str, str]:
    """'a.jsonl:3: not valid JSON' -> ('a.jsonl:3', 'not valid JSON'); names are never repeated."""
    if not message.startswith(name):
        return name, message
    rest = message[len(name):]
    m = _LINE_PREFIX.match(rest)
    if m:
        return f"{name}:{m.group(1)}", rest[m.end():]
    return name, rest.lstrip(":").strip()


@dataclass(frozen=True, slots=True)
class _Failed:
    name: str
    reason: str


def _read_failure(exc: InputError | OSError, item: _Item) -> _Failed:
    if isinstance(exc, OSError):
        return _Failed(item.name, f"cannot be read ({exc.strerror or exc}).")
    return _Failed(*_split_message(str(exc), item.name))


def _articles(items: list[_Item]) -> Iterator[tuple[str, RawArticle | _Failed]]:
    """(name, article or why it cannot be read) for every article of the items, in order."""
    for item in items:
        if item.missing:
            yield item.name, _Failed(item.name, "no such file or folder.")
        elif not _is_jsonl(item):
            try:
                yield item.name, read_file(item.path)
            except (InputError, OSError) as exc:
                yield item.name, _read_failure(exc, item)
        else:
            try:
                lines = _jsonl_lines(item)
            except (InputError, OSError) as exc:
                yield item.name, _read_failure(exc, item)
                continue
            for rec in iter_jsonl(iter(lines), item.name):
                if isinstance(rec, RawArticle):
                    yield f"{item.name}#{rec.doc_id}", rec
                else:
                    yield item.name, _read_failure(rec, item)


# --- extraction, in this process or in worker processes --------------------------------------------------------

Extracted = tuple[Document, list[dict[str, Any]]] | _Failed
_WORKER_GAZ: Gazetteer | None = None  # inherited by forked workers: the gazetteer is not loaded again


def _extract(name: str, raw: RawArticle, default_date: str | None, gaz: Gazetteer | None = None) -> Extracted:
    try:
        ex = extract_article(raw, default_date=default_date, gaz=gaz or _WORKER_GAZ)
        return ex.doc, extraction_features(ex)
    except KhareetaError as exc:
        return _Failed(*_split_message(str(exc).removeprefix(f"{raw.doc_id}: "), name))
    except Exception as exc:  # a bug must not cost the rest of the batch
        return _Failed(name, f"unexpected error ({type(exc).__name__}: {exc})")


def _resolve(name: str, pending: Future[Extracted] | _Failed) -> Extracted:
    if isinstance(pending, _Failed):
        return pending
    try:
        return pending.result()
    except Exception as exc:  # a worker died (out of memory, killed): this article fails, not the batch
        return _Failed(name, f"the extraction process failed ({type(exc).__name__}: {exc})")


def _extracted(articles: Iterator[tuple[str, RawArticle | _Failed]], gaz: Gazetteer, default_date: str | None,
               jobs: int) -> Iterator[tuple[str, Extracted]]:
    """Extraction results in input order; with jobs > 1 in forked worker processes (a bounded window ahead)."""
    if jobs <= 1:
        for name, raw in articles:
            yield name, raw if isinstance(raw, _Failed) else _extract(name, raw, default_date, gaz)
        return
    global _WORKER_GAZ
    _WORKER_GAZ = gaz
    window: deque[tuple[str, Future[Extracted] | _Failed]] = deque()
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
    try:
        for name, raw in articles:
            window.append((name, raw if isinstance(raw, _Failed) else pool.submit(_extract, name, raw, default_date)))
            while len(window) > jobs * 8:
                yield window[0][0], _resolve(*window.popleft())
        while window:
            yield window[0][0], _resolve(*window.popleft())
    finally:  # on an error or Ctrl-C, do not wait for the articles still queued
        pool.shutdown(wait=True, cancel_futures=True)
        _WORKER_GAZ = None


def auto_jobs(total: int) -> int:
    """Worker processes worth starting: one per core (up to 8) for 50+ articles, where fork exists."""
    if total < 50 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(8, os.cpu_count() or 1))


def ingest_paths(paths: Iterable[str | Path], store: Store, *, progress: Progress | None = None,
                 gaz: Gazetteer | None = None, default_date: str | None = None, replace: bool = False,
                 jobs: int = 1) -> IngestReport:
    """Extract and store every article under `paths`; never stops for one bad article.

    `jobs` > 1 extracts in that many forked processes (0: `auto_jobs`). Storing
    stays in this process, in input order, in batches of up to BATCH_SIZE
    articles per commit with a savepoint each: every article goes in whole or
    not at all. A `StoreError` (the database itself unusable) stops the batch;
    articles committed before it stay.
    """
    t0 = time.perf_counter()
    items = expand_paths(paths)
    total = count_articles(items)
    if gaz is None and total:
        from geodata import gazetteer

        gaz = gazetteer.get()  # once for the whole batch
    jobs = auto_jobs(total) if jobs == 0 else jobs
    done: dict[str, list[str]] = {"added": [], "unchanged": [], "replaced": []}
    failed: list[tuple[str, str]] = []
    batch = _Batch(store, replace, done, failed)
    for n, (name, result) in enumerate(_extracted(_articles(items), gaz, default_date, jobs), start=1):
        if isinstance(result, _Failed):
            failed.append((result.name, result.reason))
        else:
            batch.add(name, *result)
        if progress:
            progress(n, max(total, n), name)
    batch.flush()
    return IngestReport(tuple(done["added"]), tuple(done["unchanged"]), tuple(failed), tuple(done["replaced"]),
                        time.perf_counter() - t0)


class _Batch:
    """Extracted articles waiting to be stored together (one commit, a savepoint each):
    up to BATCH_SIZE of them, or what BATCH_SECONDS gathered, whichever comes first."""

    def __init__(self, store: Store, replace: bool, done: dict[str, list[str]],
                 failed: list[tuple[str, str]]) -> None:
        self.store, self.replace, self.done, self.failed = store, replace, done, failed
        self.pending: list[tuple[str, Document, list[dict[str, Any]]]] = []
        self.since = 0.0

    def add(self, name: str, doc: Document, features: list[dict[str, Any]]) -> None:
        if not self.pending:
            self.since = time.perf_counter()
        self.pending.append((name, doc, features))
        if len(self.pending) >= BATCH_SIZE or time.perf_counter() - self.since >= BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Store what is pending; a `StoreError` (the database itself) propagates."""
        if not self.pending:
            return
        outcomes = self.store.add_documents([(doc, f) for _, doc, f in self.pending], replace=self.replace)
        for (name, doc, _), outcome in zip(self.pending, outcomes, strict=True):
            if isinstance(outcome, KhareetaError):
                self.failed.append((name, str(outcome).removeprefix(f"{doc.doc_id}: ")))
            elif isinstance(outcome, Exception):
                self.failed.append((name, f"unexpected error ({type(outcome).__name__}: {outcome})"))
            else:
                self.done[outcome].append(name)
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
        line = (f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} "
                f"{rate:.0f}/s {Path(name).name[:30]:<30}")
        self.stream.write(line)
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
