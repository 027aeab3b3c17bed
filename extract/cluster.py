"""Running a batch's partitions on a Dask cluster (the `--engine dask` of `python -m extract` and
`python -m geodata ingest`).

The client (this process) connects to a running scheduler (`--scheduler
tcp://HOST:PORT`, started with `dask scheduler`, its workers with `dask
worker`) or starts a `distributed.LocalCluster` of one single-threaded process
per core. It loads the gazetteer on every worker once, ahead of the tasks
(`extract.batch.warm_up`), submits one task per partition and yields each
partition's result as it finishes, logging one line per partition (and one
per bad line: file, line, why) on stderr. A partition that fails as a whole
(its worker died, its file cannot be written) is reported and costs no other.
The workers open the inputs themselves (and, for `--out`, write the
partition files): on a cluster of several machines both must be on a
filesystem every worker sees.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from extract.batch import Partition, PartitionReport, warm_up
from geodata.errors import KhareetaError, Problem, describe

Log = Callable[[str], None]
MAX_PARTITION_LINES = 10_000  # the default cuts no partition bigger than this
# A local cluster serves one batch and shows no dashboard: no use for the workers' statistical profiler (a
# stack sample every 10 ms), nor for checking the event loop every 20 ms (each check takes the interpreter
# from the extraction: 5-6% of a batch of short articles); once a second still catches a stalled loop.
LOCAL_CLUSTER_CONFIG = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s"}


def log_to_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


@contextmanager
def dask_client(scheduler: str | None, *, workers: int = 0, timeout: float = 10.0) -> Iterator[Any]:
    """A `distributed.Client` of the scheduler at `scheduler` (with at least one worker), else of a
    LocalCluster of `workers` processes (0: one per core); closed (and the local cluster stopped) after."""
    import dask
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout=timeout)
        except ValueError as exc:
            msg = f"--scheduler {scheduler!r} is not a scheduler address ({exc}); give one like tcp://HOST:8786."
            raise KhareetaError(msg) from None
        except OSError as exc:
            msg = (
                f"cannot reach the Dask scheduler at {scheduler!r} within {timeout:g} s ({exc}); start it with "
                "`dask scheduler` (and workers with `dask worker ADDRESS`), or leave out --scheduler for a local "
                "cluster."
            )
            raise KhareetaError(msg) from None
    else:
        n = workers or os.cpu_count() or 1
        with dask.config.set(LOCAL_CLUSTER_CONFIG), _starting_a_local_cluster():
            cluster = LocalCluster(
                n_workers=n,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},  # its health page: a free port, never 8787
                silence_logs=logging.ERROR,
            )
        client = Client(cluster)
    try:
        _wait_for_a_worker(client, scheduler, timeout)
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@contextmanager
def _starting_a_local_cluster() -> Iterator[None]:
    try:
        yield
    except Exception as exc:  # no process can be started, no port bound...
        msg = f"cannot start a local Dask cluster ({type(exc).__name__}: {exc}); give --scheduler tcp://HOST:PORT."
        raise KhareetaError(msg) from None


def _wait_for_a_worker(client: Any, scheduler: str | None, timeout: float) -> None:
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError:
        msg = f"the Dask scheduler at {scheduler!r} has no worker; start some with `dask worker {scheduler}`."
        raise KhareetaError(msg) from None


def threads_of(client: Any) -> int:
    """The threads the cluster's workers run, all together."""
    return max(1, sum(client.nthreads().values()))


def default_partitions(total: int, threads: int) -> int:
    """Two partitions per worker thread (a slow one does not hold the others up), none over
    MAX_PARTITION_LINES lines."""
    return max(2 * threads, -(-total // MAX_PARTITION_LINES))


def warm_up_workers(client: Any, log: Log) -> None:
    """Load the gazetteer on every worker (in parallel) before the tasks; say so, and warn when the
    workers' gazetteers differ (their data folders do)."""
    try:
        loaded: dict[str, tuple[str, float]] = client.run(warm_up)
    except Exception as exc:  # the project missing on a worker, its gazetteer unreadable there
        msg = (
            f"a Dask worker cannot load Khareeta's gazetteer ({type(exc).__name__}: {exc}); install Khareeta "
            "and its data on every worker."
        )
        raise KhareetaError(msg) from None
    prints = {fp for fp, _ in loaded.values()}
    slowest = max((s for _, s in loaded.values()), default=0.0)
    log(f"dask: {len(loaded)} worker(s) at {client.scheduler.address}, gazetteer ready ({slowest:.1f} s)")
    if len(prints) > 1:
        log(f"warning: the workers' gazetteers differ ({', '.join(sorted(prints))}); give them the same data folder.")


def run_partitions(
    client: Any, task: Callable[..., Any], partitions: Sequence[Partition], **kwargs: Any
) -> Iterator[tuple[Partition, Any]]:
    """(partition, what `task(partition, **kwargs)` returned, or the exception it raised), as each finishes."""
    from distributed import as_completed

    futures = {client.submit(task, part, pure=False, **kwargs): part for part in partitions}
    for future in as_completed(futures):
        part = futures.pop(future)
        try:
            result = future.result()
        except Exception as exc:  # that partition is lost (reported), the others go on
            result = exc
        future.release()
        yield part, result


def failure(part: Partition, total: int, exc: BaseException) -> Problem:
    """A partition that failed as a whole, as one problem."""
    why = describe(exc.problem) if isinstance(exc, KhareetaError) else f"{type(exc).__name__}: {exc}"
    return Problem(f"partition {part.index + 1}/{total} failed ({why}); its lines were not extracted.", part.label)


def log_partition(
    log: Log, part: Partition, total: int, report: PartitionReport, *, done: int, problems: bool = True
) -> None:
    """One line for a finished partition, then (with `problems`) one per bad line."""
    bad = f", {len(report.problems)} bad input(s)" if report.problems else ""
    out = f" -> {report.output}" if report.output else ""
    log(
        f"[{done}/{total}] partition {part.index + 1} ({part.label}): {report.articles:,} article(s), "
        f"{report.features:,} feature(s){bad}{out} ({report.seconds:.1f} s on {report.worker})"
    )
    for problem in report.problems if problems else ():
        log(f"error: {describe(problem)}")
