"""`python -m geodata ingest --engine dask PATH...`: extraction on a Dask cluster's workers, storing here.

The batch is cut into partitions (`extract.batch.plan`: JSON Lines files by
lines, article files grouped), each extracted on a worker
(`extract.batch.extract_for_store`); this process stores every partition's
documents as it comes back, through the same batched, transactional path as
the single-process ingest (`extract.ingest.store_extracted`): the store is
written by one process only. A partition that fails as a whole is reported
with its files and lines, the others are stored.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import Any

from extract.batch import Partition, extract_for_store, measure, plan
from extract.cluster import (
    Log,
    dask_client,
    default_partitions,
    failure,
    log_partition,
    log_to_stderr,
    run_partitions,
    threads_of,
    warm_up_workers,
)
from extract.ingest import IngestReport, store_extracted
from extract.ready import Ready
from geodata.errors import Problem, describe
from geodata.store import Store


def ingest_on_cluster(
    paths: Iterable[str | Path],
    store: Store,
    *,
    scheduler: str | None = None,
    workers: int = 0,
    timeout: float = 10.0,
    partitions: int | None = None,
    default_date: str | None = None,
    replace: bool = False,
    log: Log = log_to_stderr,
) -> IngestReport:
    """Extract `paths` on the cluster (`scheduler`, else a local one of `workers` processes) and store them."""
    t0 = time.perf_counter()
    sizes = measure(paths)
    with dask_client(scheduler, workers=workers, timeout=timeout) as client:
        warm_up_workers(client, log)
        parts = plan(sizes, partitions or default_partitions(sizes.total, threads_of(client)))
        log(f"dask: {sizes.total:,} article(s) and line(s) of {len(sizes.inputs)} file(s) in {len(parts)} partition(s)")
        results = chain(sizes.problems, _partition_results(client, parts, default_date, log))
        return store_extracted(results, store, replace=replace, total=sizes.total, t0=t0)


def _partition_results(
    client: Any, parts: list[Partition], default_date: str | None, log: Log
) -> Iterator[Ready | Problem]:
    """Every partition's results in the order the partitions finish (each partition's in input order)."""
    for n, (part, result) in enumerate(run_partitions(client, extract_for_store, parts, default_date=default_date), 1):
        if isinstance(result, BaseException):
            problem = failure(part, len(parts), result)
            log(f"error: {describe(problem)}")
            yield problem
            continue
        report, items = result
        log_partition(log, part, len(parts), report, done=n, problems=False)  # the summary lists them
        yield from items
