"""`python -m geodata [--db URL_OR_PATH] export|import-acled|import-ucdp|stats|delete ...`.

(`ingest` extracts before it stores: it comes from `extract.ingest_cli`, a command the
extract package adds to this CLI; see `geodata.cli`.)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from geodata.errors import InputError, KhareetaError, describe
from geodata.formats.datasets import READERS, ImportResult
from geodata.formats.export import FORMATS, check_target, export, export_about, export_format, sidecar_path
from geodata.formats.streams import is_stdout
from geodata.records import KINDS, REVIEW_STATUSES
from geodata.store import AddStatus, Store
from geodata.store.filters import Filters, parse_bbox


def store_from_args(args: argparse.Namespace) -> Store:
    """The store `--db` names, else env KHAREETA_DB, else data/khareeta.sqlite."""
    return Store.open(getattr(args, "db", None))


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or () for v in value.split(",") if v.strip()]


def add_filter_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters (all optional; repeat an option for 'any of')")
    g.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="features whose period ends on or after")
    g.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="features whose period starts on or before")
    g.add_argument("--actor", action="append", help="actor1/actor2 of events, actor of movements, controller of routes")
    g.add_argument("--event-type", action="append", help="ACLED event_type or sub_event_type (events only)")
    g.add_argument("--kind", action="append", help=f"{' | '.join(KINDS)} (comma-separated or repeated)")
    g.add_argument("--country", action="append", help="ISO code or name: IQ, Syria, العراق (comma-separated ok)")
    g.add_argument("--bbox", metavar="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT", help="bounding box in degrees")
    g.add_argument(
        "--text",
        help="words of the evidence sentence, any spelling; a place name also finds its name in the other language",
    )
    g.add_argument("--min-confidence", type=float, help="drop places resolved with less confidence (0-1)")
    g.add_argument(
        "--precise",
        action="store_true",
        help="events and places placed at the place named only (geo precision 1), not at a district or province",
    )
    g.add_argument("--doc", action="append", help="store document id")
    g.add_argument("--source", action="append", help="document source: a news agency, ACLED, UCDP GED")
    g.add_argument(
        "--review",
        action="append",
        help=f"review status: {' | '.join(REVIEW_STATUSES)} (default: all but rejected and merged)",
    )


def filters_from_args(args: argparse.Namespace) -> Filters:
    return Filters(
        date_from=args.date_from,
        date_to=args.date_to,
        actors=tuple(args.actor or ()),
        event_types=tuple(args.event_type or ()),
        kinds=tuple(_split(args.kind)),
        countries=tuple(_split(args.country)),
        bbox=parse_bbox(args.bbox) if args.bbox else None,
        text=args.text or "",
        min_confidence=args.min_confidence,
        precise=args.precise,
        doc_ids=tuple(args.doc or ()),
        sources=tuple(args.source or ()),
        review=tuple(_split(args.review)),
    )


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write the features a query selects as GeoJSON, CSV, GeoPackage or GeoParquet")
    p.add_argument("--format", choices=FORMATS, help="default: from the output file's suffix (GeoJSON for -)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write; - for standard output")
    p.add_argument("--parents", action="store_true", help="create the output file's folder if it does not exist")
    add_filter_arguments(p)
    p.set_defaults(func=_export)

    for dataset, name in (("acled", "ACLED export"), ("ucdp", "UCDP GED")):
        p = sub.add_parser(f"import-{dataset}", help=f"import {name} CSV files to map beside extracted events")
        p.add_argument("files", nargs="+", metavar="FILE")
        p.add_argument("--replace", action="store_true", help="replace a file imported before")
        p.set_defaults(func=_import, dataset=dataset)

    p = sub.add_parser("stats", help="what the store holds")
    p.add_argument("--documents", action="store_true", help="list every document")
    p.set_defaults(func=_stats)

    p = sub.add_parser("delete", help="remove documents (by id, or by file name) and all their features")
    p.add_argument("docs", nargs="+", metavar="DOC")
    p.set_defaults(func=_delete)


def _export(args: argparse.Namespace) -> int:
    filters = filters_from_args(args)
    fmt = export_format(args.output, args.format)  # refuse a bad format or a folder before querying
    check_target(args.output, fmt, parents=args.parents)
    store = store_from_args(args)
    t0 = time.perf_counter()
    about = export_about(filters.described())
    n = export(store.query(filters), args.output, fmt, parents=args.parents, about=about)
    to, log = ("standard output", sys.stderr) if is_stdout(args.output) else (args.output, sys.stdout)
    print(f"wrote {n:,} feature(s) to {to} ({time.perf_counter() - t0:.1f} s)", file=log)
    if fmt == "csv" and not is_stdout(args.output):
        print(f"the filters that chose them: {sidecar_path(args.output)}", file=log)
    if not n:  # an empty file is still written (a valid, empty collection), but never without a word
        print(f"note: {_nothing_matched(store, filters)}", file=sys.stderr)
    return 0


_FLAGS = {
    "date_from": "--from",
    "date_to": "--to",
    "event_types": "--event-type",
    "doc_ids": "--doc",
    "countries": "--country",
}


def _nothing_matched(store: Store, filters: Filters) -> str:
    """Why an export is empty: an empty store, or the filters (as given on the command line) matched nothing."""
    stored = sum(store.stats().features.values())
    if not stored:
        return "the store holds no features yet; ingest articles first (python -m geodata ingest PATH)."
    given = []
    for name in Filters.__dataclass_fields__:
        value = getattr(filters, name)
        if value not in (None, "", ()):
            flag = _FLAGS.get(name, "--" + name.removesuffix("s").replace("_", "-"))
            shown = ",".join(map(str, value)) if isinstance(value, tuple) else str(value)
            given.append(flag if value is True else f"{flag} {shown}")
    return f"no feature matches {' '.join(given)} (the store holds {stored:,} features)."


def import_dataset(
    store: Store,
    path: str | Path,
    dataset: str,
    *,
    replace: bool = False,
) -> tuple[AddStatus, ImportResult]:
    """Read one file (`dataset` "acled" or "ucdp") and store it as one document."""
    result = READERS[dataset](path)
    if not result.records:
        first = f"; line {result.skipped[0][0]}: {result.skipped[0][1]}" if result.skipped else ""
        raise InputError(f"none of its {result.rows} row(s) can be used{first}.", source=str(path))
    return store.add_document(result.doc, result.records, doc_id=result.doc_id, replace=replace), result


def _import(args: argparse.Namespace) -> int:
    store = store_from_args(args)
    failed = 0
    for path in args.files:
        try:
            status, result = import_dataset(store, path, args.dataset, replace=args.replace)
        except InputError as exc:
            print(f"error: {describe(exc.problem)}", file=sys.stderr)
            failed += 1
            continue
        print(
            f"{path}: {result.dataset}, {len(result.records)} event(s) {status}"
            + (f", {len(result.skipped)} row(s) skipped:" if result.skipped else "")
        )
        for line, reason in result.skipped[:50]:
            print(f"  line {line}: {reason}")
        if len(result.skipped) > 50:
            print(f"  ... and {len(result.skipped) - 50} more")
    return 1 if failed else 0


def _stats(args: argparse.Namespace) -> int:
    store = store_from_args(args)
    s = store.stats()
    print(f"store: {s.url}")
    print(f"documents: {s.documents:,}")
    print("features: " + ", ".join(f"{n:,} {kind}s" for kind, n in s.features.items()))
    print(f"dates: {s.date_min or '-'} .. {s.date_max or '-'}")
    for source, n in sorted(s.sources.items(), key=lambda kv: -kv[1]):
        print(f"  {n:>6,}  {source}")
    if args.documents:
        for d in store.documents():
            print(f"{d.doc_id}\t{d.date or '-'}\t{d.n_features}\t{d.source}\t{d.name}")
    return 0


def _delete(args: argparse.Namespace) -> int:
    store = store_from_args(args)
    docs = store.documents()
    for wanted in args.docs:
        ids = [d.doc_id for d in docs if d.doc_id == wanted] or [d.doc_id for d in docs if d.name == wanted]
        if not ids:
            msg = f"no stored document has the id or name {wanted!r}; `stats --documents` lists them."
            raise KhareetaError(msg)
        if len(ids) > 1:
            msg = f"{len(ids)} documents are named {wanted!r} ({', '.join(ids)}); give the id of the one to delete."
            raise KhareetaError(msg)
        store.delete_document(ids[0])
        print(f"deleted {ids[0]} ({wanted})" if ids[0] != wanted else f"deleted {wanted}")
    return 0
