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
from typing import Any

from extract.geojson import extraction_features, feature_collection
from extract.inputs import RawArticle, iter_jsonl, read_file, stream_encoding
from extract.pipeline import extract_article
from geodata import gazetteer as gazetteer_mod
from geodata._errors import InputError, KhareetaError
from geodata.gazetteer import Gazetteer


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
    """Lines of the file (or stdin), read as a stream in the encoding its first bytes show."""
    name = "<stdin>" if arg == "-" else arg
    try:
        raw = io.BufferedReader(sys.stdin.buffer) if arg == "-" else Path(arg).open("rb")  # noqa: SIM115
        encoding = stream_encoding(raw.peek(4096)[:4096], name)
    except OSError as exc:
        msg = f"{arg}: cannot be read ({exc.strerror or exc})."
        raise InputError(msg) from None
    return io.TextIOWrapper(raw, encoding=encoding, errors="replace"), name


def _articles(args: argparse.Namespace) -> Iterator[RawArticle | InputError]:
    for path in args.files:
        try:
            yield read_file(path)
        except InputError as exc:
            yield exc
    if args.jsonl:
        try:
            lines, name = _jsonl_source(args.jsonl)
        except InputError as exc:  # reported like any bad input: the files' results are still written
            yield exc
            return
        yield from iter_jsonl(lines, name)


def _features(raw: RawArticle, default_date: str | None, gaz: Gazetteer) -> list[dict[str, Any]] | KhareetaError:
    """The article's features, or why it failed: one article never costs the rest of the batch."""
    try:
        return extraction_features(extract_article(raw, default_date=default_date, gaz=gaz))
    except KhareetaError as exc:
        return exc
    except Exception as exc:  # a bug, not the input's fault: reported as one line, the batch goes on
        return KhareetaError(f"{raw.doc_id}: unexpected error ({type(exc).__name__}: {exc}); please report it.")


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
    features: list[dict[str, Any]] = []
    gaz = None
    try:
        for item in _articles(args):
            result: list[dict[str, Any]] | KhareetaError = item if isinstance(item, InputError) else []
            if isinstance(item, RawArticle):
                gaz = gazetteer_mod.get() if gaz is None else gaz  # for the first good article: bad ones fail fast
                result = _features(item, args.date, gaz)
            if isinstance(result, KhareetaError):
                print(f"error: {result}", file=sys.stderr)
                failed += 1
            else:
                features.extend(result)
    except KhareetaError as exc:  # the gazetteer cannot be loaded: nothing can be extracted
        print(f"error: {exc}", file=sys.stderr)
        return 1
    json.dump(feature_collection(features), sys.stdout, ensure_ascii=False, indent=args.indent)
    sys.stdout.write("\n")
    return 1 if failed else 0
