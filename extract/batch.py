"""A batch in partitions, and what a worker does with one (`extract.cluster` runs them on Dask).

`plan` cuts a batch into partitions of about equal size: a partition is a run
of pieces, a piece being some lines of a JSON Lines file (read by the worker,
lines before them skipped unparsed) or one article file. A worker extracts a
partition with its own gazetteer, loaded once per worker process and shared
by its threads (`worker_gazetteer`), and either writes it as one GeoParquet
file (`extract_to_parquet`: `part-00003.parquet`, the records written a row
group at a time) or hands its records back for the store
(`extract_for_store`). A bad line or article is reported as a `Problem`
(file, line, record id, reason) and never costs the other lines or
partitions. Paths cross to the workers absolute; problems name the files as
the user gave them.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from extract.collector import in_batch, settle
from extract.inputs import JSONL_SUFFIX, RawArticle, Read, count_lines, expand_paths, read_jsonl, read_paths
from extract.pipeline import try_extract
from extract.records import extraction_records
from extract.types import Extraction
from geodata import gazetteer as gazetteer_mod
from geodata.errors import InputError, Problem
from geodata.formats.parquet import GeoParquetWriter, features_table
from geodata.gazetteer import Gazetteer
from geodata.records import Record

if TYPE_CHECKING:
    from extract.ready import Ready  # the store's rows: imported where they are made (SQLAlchemy, ~0.3 s)

ROW_GROUP_RECORDS = 20_000  # records a partition file receives at a time
PART_PREFIX = "part-"
PART_SUFFIX = ".parquet"


@dataclass(frozen=True, slots=True)
class Piece:
    """Lines `first`..`last` (1-based, inclusive) of a JSON Lines file, or (`lines` None) one article file."""

    name: str  # as the user gave it: what messages say
    path: str  # absolute: what a worker opens
    lines: tuple[int, int] | None = None

    @property
    def label(self) -> str:
        return f"{self.name}:{self.lines[0]}-{self.lines[1]}" if self.lines else self.name

    def read(self) -> Iterator[Read]:
        """Its articles, each named after `name`, or the problems in their place."""
        items = read_jsonl(self.path, lines=self.lines) if self.lines else read_paths([self.path])
        for item in items:
            yield replace(item, source=self.name) if item.source == self.path else item


@dataclass(frozen=True, slots=True)
class Partition:
    index: int
    pieces: tuple[Piece, ...]
    size: int  # lines and article files planned

    @property
    def label(self) -> str:
        labels = [p.label for p in self.pieces]
        return ", ".join(labels) if len(labels) <= 3 else f"{', '.join(labels[:2])} and {len(labels) - 2} more"

    def file_name(self, total: int) -> str:
        """`part-00003.parquet`: names that sort in input order."""
        return f"{PART_PREFIX}{self.index:0{max(5, len(str(total - 1)))}d}{PART_SUFFIX}"


@dataclass(frozen=True, slots=True)
class Sizes:
    """What a batch holds before it is cut: (name, absolute path, lines of a JSON Lines file or None for an
    article file) per input; the inputs that cannot be read."""

    inputs: tuple[tuple[str, str, int | None], ...]
    problems: tuple[Problem, ...]

    @property
    def total(self) -> int:
        return sum(1 if n is None else n for _, _, n in self.inputs)


def measure(paths: Iterable[str | Path], *, jsonl: bool = False) -> Sizes:
    """Each input's size: the lines of a JSON Lines file (every file, with `jsonl`), 1 for an article file;
    folders walked as `extract.inputs` walks them. An input that cannot be read becomes a problem."""
    inputs: list[tuple[str, str, int | None]] = []
    problems: list[Problem] = []
    for path in expand_paths(paths):
        name = str(path)
        if name == "-":
            problems.append(Problem("standard input cannot be cut into partitions; give files.", source=name))
        elif not path.exists():
            problems.append(Problem("no such file or folder.", source=name))
        elif jsonl or path.suffix.lower() == JSONL_SUFFIX:
            try:
                inputs.append((name, os.path.abspath(name), count_lines(name)))
            except InputError as exc:
                problems.append(exc.problem)
        else:
            inputs.append((name, os.path.abspath(name), None))
    return Sizes(tuple(inputs), tuple(problems))


def plan(sizes: Sizes, partitions: int) -> list[Partition]:
    """At most `partitions` partitions of about equal size, in input order: a JSON Lines file may be cut
    between partitions, small files share one."""
    chunk = max(1, -(-sizes.total // max(1, partitions)))
    out: list[Partition] = []
    pieces: list[Piece] = []
    filled = 0

    def close_if_full() -> None:
        nonlocal pieces, filled
        if filled >= chunk:
            out.append(Partition(len(out), tuple(pieces), filled))
            pieces, filled = [], 0

    for name, path, n in sizes.inputs:
        if n is None:
            pieces.append(Piece(name, path))
            filled += 1
            close_if_full()
        first = 1
        while n is not None and first <= n:
            take = min(n - first + 1, chunk - filled)
            pieces.append(Piece(name, path, (first, first + take - 1)))
            filled, first = filled + take, first + take
            close_if_full()
    if pieces:
        out.append(Partition(len(out), tuple(pieces), filled))
    return out


# --- on a worker -------------------------------------------------------------------------------------------------

_LOCK = threading.Lock()
_LAST: Gazetteer | None = None


def worker_gazetteer() -> tuple[Gazetteer, float]:
    """This process's gazetteer (`geodata.gazetteer.get`, cached per process) and the seconds spent loading
    it now: 0.0 except for the first task of a worker (or after a source changed). A lock makes a
    worker's threads wait for one load rather than each load their own."""
    global _LAST
    with _LOCK:
        t0 = time.perf_counter()
        gaz = gazetteer_mod.get()
        loaded, _LAST = gaz is not _LAST, gaz
        return gaz, (time.perf_counter() - t0) if loaded else 0.0


WARM_UP_TEXT = "Iraqi forces entered Mosul on Monday. Families fled toward Raqqa."


def warm_up() -> tuple[str, float]:
    """Make a worker ready ahead of its tasks (`Client.run`): the gazetteer loaded, the pipeline's lazily
    built tables and the GeoParquet writer's libraries too. The gazetteer's fingerprint and load time."""
    gaz, seconds = worker_gazetteer()
    try_extract(RawArticle("warm-up", WARM_UP_TEXT), gaz=gaz)
    features_table([])  # pyarrow, pyproj
    settle()  # the gazetteer and the tables are left out of later collections
    return gaz.fingerprint, seconds


@dataclass(frozen=True, slots=True)
class PartitionReport:
    """What one partition gave: articles extracted, features, the problems of its bad lines, where it ran."""

    index: int
    articles: int = 0
    features: int = 0
    problems: tuple[Problem, ...] = ()
    output: str = ""  # the GeoParquet file written ("" when the records went back to the client)
    seconds: float = 0.0
    gazetteer_seconds: float = 0.0  # > 0 when this task loaded the worker's gazetteer
    fingerprint: str = ""  # the worker's gazetteer
    worker: str = ""  # host:pid


def _extracted(
    part: Partition, gaz: Gazetteer, default_date: str | None
) -> Iterator[tuple[RawArticle, Extraction] | Problem]:
    for piece in part.pieces:
        for item in piece.read():
            if isinstance(item, Problem):
                yield item
                continue
            ex = try_extract(item, default_date=default_date, gaz=gaz)
            if isinstance(ex, Problem):
                yield ex
            else:
                yield item, ex


def _worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def extract_to_parquet(
    part: Partition, out_dir: str, total: int, *, default_date: str | None = None
) -> PartitionReport:
    """Extract a partition into `out_dir`/part-NNNNN.parquet (`total` partitions in the batch)."""
    gaz, load = worker_gazetteer()
    t0 = time.perf_counter()
    problems: list[Problem] = []
    articles = features = 0
    target = Path(out_dir) / part.file_name(total)
    with GeoParquetWriter(target) as out, in_batch():
        pending: list[Record] = []
        for result in _extracted(part, gaz, default_date):
            if isinstance(result, Problem):
                problems.append(result)
                continue
            articles += 1
            pending.extend(extraction_records(result[1]))
            if len(pending) >= ROW_GROUP_RECORDS:
                out.write(pending)
                features, pending = features + len(pending), []
        out.write(pending)
        features += len(pending)
    return PartitionReport(
        part.index,
        articles,
        features,
        tuple(problems),
        str(target),
        time.perf_counter() - t0,
        load,
        gaz.fingerprint,
        _worker(),
    )


def extract_for_store(
    part: Partition, *, default_date: str | None = None
) -> tuple[PartitionReport, list[Ready | Problem]]:
    """Extract a partition for the client to store: its report and, in input order, each article's
    rows for the store (`extract.ready`), or its problem."""
    from extract.ready import ready_for_store  # only ingest needs the store: `python -m extract` starts faster

    gaz, load = worker_gazetteer()
    t0 = time.perf_counter()
    with in_batch():
        results = [r if isinstance(r, Problem) else ready_for_store(*r) for r in _extracted(part, gaz, default_date)]
    done: Sequence[Ready] = [r for r in results if not isinstance(r, Problem)]
    problems = tuple(r for r in results if isinstance(r, Problem))
    features = sum(len(rows) for r in done for rows in r[1].rows.values())
    report = PartitionReport(
        part.index, len(done), features, problems, "", time.perf_counter() - t0, load, gaz.fingerprint, _worker()
    )
    return report, results
