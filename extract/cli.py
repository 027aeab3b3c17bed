"""`python -m extract FILE... | --jsonl FILE|-`: one GeoJSON FeatureCollection on stdout.

Errors are reported here, once, as one line per bad input on stderr; the
other inputs of the batch are still extracted. Exit status 1 when any input
failed, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from extract.geojson import extraction_features, feature_collection
from extract.inputs import RawArticle, iter_jsonl, read_file
from extract.pipeline import extract_article
from geodata import gazetteer as gazetteer_mod
from geodata._errors import InputError, KhareetaError


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m extract", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path, help="article files (.txt or .html)")
    ap.add_argument("--jsonl", metavar="FILE", help='one article a line: {"id", "text", "date"?, "title"?, "lang"?}; '
                    "- reads standard input")
    ap.add_argument("--date", metavar="YYYY-MM-DD", help="article date where the text has no header date")
    ap.add_argument("--indent", type=int, default=None, help="pretty-print the JSON")
    return ap


def _jsonl_source(arg: str) -> tuple[Iterator[str], str]:
    if arg == "-":
        stream = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
        return stream, "<stdin>"
    path = Path(arg)
    try:
        fh = path.open(encoding="utf-8", errors="replace")
    except OSError as exc:
        msg = f"{arg}: cannot be read ({exc.strerror})."
        raise InputError(msg) from None
    return fh, arg


def _articles(args: argparse.Namespace) -> Iterator[RawArticle | InputError]:
    for path in args.files:
        try:
            yield read_file(path)
        except InputError as exc:
            yield exc
    if args.jsonl:
        lines, name = _jsonl_source(args.jsonl)
        yield from iter_jsonl(lines, name)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not args.files and not args.jsonl:
        _parser().print_usage(sys.stderr)
        print("python -m extract: give article files or --jsonl FILE.", file=sys.stderr)
        return 2
    if args.date:
        from extract.document import parse_date

        if parse_date(args.date) is None:
            print(f"python -m extract: --date {args.date!r} is not a date like 2015-11-19.", file=sys.stderr)
            return 2
    failed = 0
    features = []
    try:
        gaz = gazetteer_mod.get()
        for item in _articles(args):
            if isinstance(item, InputError):
                print(f"error: {item}", file=sys.stderr)
                failed += 1
                continue
            features.extend(extraction_features(extract_article(item, default_date=args.date, gaz=gaz)))
    except KhareetaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    json.dump(feature_collection(features), sys.stdout, ensure_ascii=False, indent=args.indent)
    sys.stdout.write("\n")
    return 1 if failed else 0
