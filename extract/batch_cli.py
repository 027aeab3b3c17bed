"""The `--engine dask` options, and `python -m extract --jsonl 'shards/*.jsonl' --engine dask --out DIR`.

That command cuts the JSON Lines files the pattern matches into partitions
(`extract.batch.plan`), extracts them on a Dask cluster (`extract.cluster`)
and writes one GeoParquet file per partition into DIR (`part-00000.parquet`,
...), which GeoPandas (`geopandas.read_parquet(DIR)`), DuckDB
(`read_parquet('DIR/*.parquet')`) and QGIS read as one dataset. It logs a
line per finished partition and one per bad line on stderr, and prints a
summary on stdout; exit status 1 when a line or a partition failed, 2 for a
usage error. `python -m geodata ingest --engine dask` takes the same options
but --out (`extract.ingest_cli`).
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import sys
import time
from pathlib import Path

from extract.batch import PartitionReport, Sizes, extract_to_parquet, measure, plan
from extract.cluster import (
    dask_client,
    default_partitions,
    failure,
    log_partition,
    log_to_stderr,
    run_partitions,
    threads_of,
    warm_up_workers,
)
from extract.inputs import JSONL_SUFFIX, expand_paths
from geodata.errors import KhareetaError, Problem, describe

_OURS = re.compile(r"\.?part-\d+\.parquet(\..*\.tmp)?")  # partitions, and what a stopped run left half-written


def add_engine_arguments(ap: argparse.ArgumentParser, *, out: bool) -> None:
    g = ap.add_argument_group("batch on a Dask cluster")
    g.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local: this process (default); dask: partitions extracted on a Dask cluster's workers",
    )
    g.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="a running `dask scheduler` (default: a local one)")
    g.add_argument(
        "--partitions", type=int, metavar="N", help="partitions to cut the input into (default: 2 per worker thread)"
    )
    g.add_argument(
        "--workers", type=int, default=0, metavar="N", help="worker processes of the local cluster (default: 1/core)"
    )
    g.add_argument(
        "--timeout", type=float, default=10.0, metavar="SECONDS", help="to reach the scheduler (default: 10)"
    )
    if out:
        g.add_argument("--out", metavar="DIR", help="folder for the partitions' GeoParquet files (--engine dask)")
        g.add_argument("--overwrite", action="store_true", help="replace the partitions an earlier run left in DIR")


def engine_usage_error(args: argparse.Namespace) -> str | None:
    """The sentence for a misuse of the engine options, or None."""
    out = getattr(args, "out", None)
    if args.engine != "dask":
        named = (("--scheduler", args.scheduler), ("--partitions", args.partitions), ("--workers", args.workers))
        given = [opt for opt, value in (*named, ("--out", out)) if value]
        return f"{given[0]} needs --engine dask." if given else None
    if args.partitions is not None and args.partitions < 1:
        return "--partitions must be 1 or more."
    if args.workers < 0 or args.timeout <= 0:
        return "--workers must be 0 or more, --timeout more than 0."
    if args.scheduler and args.workers:
        return "--workers sizes a local cluster; leave it out with --scheduler."
    if not hasattr(args, "out"):
        return None
    if getattr(args, "files", None) or not args.jsonl or args.jsonl == "-":
        return "--engine dask reads JSON Lines files: give them as --jsonl 'PATTERN' (e.g. 'shards/*.jsonl')."
    return None if out else "--engine dask writes one GeoParquet file per partition: give --out DIR."


def jsonl_files(pattern: str) -> list[str]:
    """The files a --jsonl pattern names (a folder: its .jsonl files), sorted; none is an error."""
    found = sorted(glob.glob(pattern, recursive=True)) if glob.has_magic(pattern) else [pattern]
    files: list[str] = []
    for name in found:
        if os.path.isdir(name):
            files.extend(str(p) for p in expand_paths([name]) if p.suffix.lower() == JSONL_SUFFIX)
        elif os.path.exists(name):
            files.append(name)
    if not files:
        msg = f"--jsonl {pattern!r} matches no file."
        raise KhareetaError(msg)
    return files


def prepare_out(out: str, *, overwrite: bool, check_only: bool = False) -> Path:
    """The --out folder, created; one that holds files is refused unless they are partitions and
    `overwrite` (then they are removed, so no stale partition joins the new dataset). `check_only`:
    refuse now, change nothing."""
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise KhareetaError(f"--out {out!r} is a file; give a folder for the partitions.")
    entries = sorted(os.listdir(path)) if path.is_dir() else []
    if entries and not overwrite:
        msg = (
            f"--out {out!r} is not empty ({len(entries)} entries); give a new or empty folder, "
            "or --overwrite to replace the partitions an earlier run wrote there."
        )
        raise KhareetaError(msg)
    foreign = [e for e in entries if not _OURS.fullmatch(e) or not (path / e).is_file()]
    if foreign:
        msg = f"--out {out!r} holds more than partitions ({', '.join(foreign[:3])}); give a new or empty folder."
        raise KhareetaError(msg)
    if check_only:
        return path.resolve()
    try:
        for e in entries:
            (path / e).unlink()
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KhareetaError(f"--out {out!r} cannot be prepared ({exc.strerror or exc}).") from None
    if not os.access(path, os.W_OK):
        raise KhareetaError(f"--out {out!r} is not writable.")
    return path.resolve()


def run_extract(args: argparse.Namespace) -> int:
    """`python -m extract --engine dask`: the exit status."""
    try:
        files = jsonl_files(args.jsonl)
        prepare_out(args.out, overwrite=args.overwrite, check_only=True)  # refused before any reading
        sizes = measure(files, jsonl=True)
        problems = list(sizes.problems)
        for problem in problems:
            log_to_stderr(f"error: {describe(problem)}")
        with dask_client(args.scheduler, workers=args.workers, timeout=args.timeout) as client:
            warm_up_workers(client, log_to_stderr)
            out = prepare_out(args.out, overwrite=args.overwrite)  # the cluster is there: now clear it
            return _extract_on(client, args, sizes, out, problems)
    except KhareetaError as exc:
        print(f"error: {describe(exc.problem)}", file=sys.stderr)
        return 1


def _extract_on(client: object, args: argparse.Namespace, sizes: Sizes, out: Path, problems: list[Problem]) -> int:
    parts = plan(sizes, args.partitions or default_partitions(sizes.total, threads_of(client)))
    log_to_stderr(f"dask: {sizes.total:,} line(s) of {len(sizes.inputs)} file(s) in {len(parts)} partition(s)")
    t0 = time.perf_counter()
    done: list[PartitionReport] = []
    results = run_partitions(
        client, extract_to_parquet, parts, out_dir=str(out), total=len(parts), default_date=args.date
    )
    for n, (part, result) in enumerate(results, start=1):
        if isinstance(result, PartitionReport):
            done.append(result)
            problems.extend(result.problems)
            log_partition(log_to_stderr, part, len(parts), result, done=n)
        else:
            problems.append(failure(part, len(parts), result))
            log_to_stderr(f"error: {describe(problems[-1])}")
    seconds = time.perf_counter() - t0
    articles = sum(r.articles for r in done)
    print(
        f"extracted {articles:,} article(s) in {len(done)}/{len(parts)} partition(s): "
        f"{sum(r.features for r in done):,} feature(s) in {out} ({seconds:.1f} s, {articles / max(seconds, 1e-9):,.0f}"
        f" articles/s); {len(problems)} problem(s)"
    )
    return 1 if problems else 0
