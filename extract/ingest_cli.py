"""`python -m geodata ingest PATH...`: extract articles and store them.

The command lives here, on the floor that can extract, and is added to
`python -m geodata` through the `khareeta.commands` entry point (pyproject.toml).
"""

from __future__ import annotations

import argparse
import sys

from extract.batch_cli import add_engine_arguments, engine_usage_error
from extract.ingest import ProgressBar, ingest_paths
from extract.inputs import skipped_in_folders
from geodata.store.cli import store_from_args


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="extract articles (files, folders, .jsonl) into the store")
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files (.txt, .html), folders, .jsonl files")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="article date where the text has none")
    p.add_argument("--replace", action="store_true", help="re-extract articles already stored")
    p.add_argument(
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="extraction processes (default: one per core, up to 8, for 50 articles or more)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    add_engine_arguments(p, out=False)
    p.set_defaults(func=_ingest)


def _ingest(args: argparse.Namespace) -> int:
    if usage := engine_usage_error(args):
        print(f"python -m geodata ingest: {usage}", file=sys.stderr)
        return 2
    store = store_from_args(args)
    for line in skipped_in_folders(args.paths):  # what a folder holds that is not an article, a line per type
        print(f"note: {line}", file=sys.stderr)
    if args.engine == "dask":  # extraction on the cluster's workers, storing here (extract.cluster_ingest)
        from extract.cluster_ingest import ingest_on_cluster

        report = ingest_on_cluster(
            args.paths,
            store,
            scheduler=args.scheduler,
            workers=args.workers,
            timeout=args.timeout,
            partitions=args.partitions,
            default_date=args.date,
            replace=args.replace,
        )
        print(report.summary())
        return 1 if report.failed else 0
    bar = None if args.quiet else ProgressBar("ingest")
    try:
        report = ingest_paths(
            args.paths, store, progress=bar, default_date=args.date, replace=args.replace, jobs=max(0, args.jobs)
        )
    finally:
        if bar:
            bar.close()
    print(report.summary())
    return 1 if report.failed else 0
