"""`khareeta-extract` / `python -m extract FILE|FOLDER... | --jsonl FILE|-`: one GeoJSON FeatureCollection on stdout.

Articles are read the one way every reader of the project reads them
(`extract.inputs`): .txt and .html files, folders of them, .jsonl files.
Errors are reported here, once, as one line per bad input on stderr; the
other inputs of the batch are still extracted. Files in a folder that are not
articles are counted on stderr, a line per type. Exit status 1 when any input
failed, 2 for a usage error, 141 when the reader of stdout went away (`| head`).
`--engine dask --out DIR` extracts JSON Lines files on a Dask cluster into one
GeoParquet file per partition instead (`extract.batch_cli`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from extract.batch_cli import add_engine_arguments, engine_usage_error, run_extract
from extract.collector import in_batch, settle
from extract.document import parse_date
from extract.inputs import RawArticle, Read, read_jsonl, read_paths, skipped_in_folders
from extract.pipeline import try_extract
from extract.records import extraction_features
from extract.types import Extraction
from geodata import gazetteer as gazetteer_mod
from geodata.errors import KhareetaError, Problem, describe
from geodata.formats.streams import stdout_closed, stdout_gone
from geodata.gazetteer import Gazetteer

SCRIPT = "khareeta-extract"


def _gazetteer() -> Gazetteer:
    """The gazetteer, loaded for the rest of the process: left out of later collections."""
    gaz = gazetteer_mod.get()
    settle()
    return gaz


def _prog() -> str:
    """`khareeta-extract` when the console script (pyproject.toml) runs, else `python -m extract`."""
    return SCRIPT if Path((sys.argv or [""])[0]).name == SCRIPT else "python -m extract"


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog=_prog(), description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("files", nargs="*", type=Path, help="article files (.txt, .html), folders, .jsonl files")
    ap.add_argument(
        "--jsonl",
        metavar="FILE",
        help='one article a line: {"id", "text", "date"?, "title"?, "lang"?}; - reads standard input',
    )
    ap.add_argument("--date", metavar="YYYY-MM-DD", help="article date where the text has no header date")
    ap.add_argument("--indent", type=int, default=None, help="pretty-print the JSON")
    add_engine_arguments(ap, out=True)
    return ap


def _articles(args: argparse.Namespace) -> Iterator[Read]:
    yield from read_paths(args.files)
    if args.jsonl:
        yield from read_jsonl(args.jsonl)


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:  # `... | head`: the reader has what it wanted
        if not stdout_closed():
            raise
        return stdout_gone()


def _main(argv: list[str] | None) -> int:
    args = _parser().parse_args(argv)
    prog = _prog()
    if not args.files and not args.jsonl:
        _parser().print_usage(sys.stderr)
        print(f"{prog}: give article files or --jsonl FILE.", file=sys.stderr)
        return 2
    if args.date and parse_date(args.date) is None:
        print(f"{prog}: --date {args.date!r} is not a date like 2015-11-19.", file=sys.stderr)
        return 2
    if usage := engine_usage_error(args):
        print(f"{prog}: {usage}", file=sys.stderr)
        return 2
    if args.engine == "dask":  # partitions on a cluster, written as GeoParquet (extract.batch_cli)
        return run_extract(args)
    for line in skipped_in_folders(args.files):
        print(f"note: {line}", file=sys.stderr)
    failed = 0
    features: list[dict[str, Any]] = []
    gaz = None
    try:
        with in_batch():
            for item in _articles(args):
                result: Extraction | Problem = (
                    item
                    if isinstance(item, Problem)
                    else try_extract(item, default_date=args.date, gaz=gaz or (gaz := _gazetteer()))
                )  # bad inputs fail fast
                if isinstance(result, Problem):
                    print(f"error: {describe(result)}", file=sys.stderr)
                    failed += 1
                    continue
                if not result.places and isinstance(item, RawArticle):  # read, but nothing of it can be mapped
                    print(f"note: {item.label}: no places found.", file=sys.stderr)
                features.extend(extraction_features(result))
    except KhareetaError as exc:  # the gazetteer cannot be loaded: nothing can be extracted
        print(f"error: {exc}", file=sys.stderr)
        return 1
    json.dump({"type": "FeatureCollection", "features": features}, sys.stdout, ensure_ascii=False, indent=args.indent)
    sys.stdout.write("\n")
    return 1 if failed else 0
