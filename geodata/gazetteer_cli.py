"""`python -m geodata gazetteer build|search ...`."""

from __future__ import annotations

import argparse
import time

from geodata import gazetteer


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gazetteer", help="build, search and extend the gazetteer")
    gsub = p.add_subparsers(dest="gaz_command", required=True)
    b = gsub.add_parser("build", help="compile the gazetteer cache now")
    b.set_defaults(func=_build)
    s = gsub.add_parser("search", help="places a name (Arabic or English) may refer to")
    s.add_argument("name")
    s.add_argument("--limit", type=int, default=10)
    s.set_defaults(func=_search)


def _build(args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    gaz = gazetteer.load()
    print(f"gazetteer ready: {len(gaz.entries):,} places, {len(gaz.keys):,} names "
          f"({time.perf_counter() - t0:.1f} s)")
    return 0


def _search(args: argparse.Namespace) -> int:
    found = gazetteer.get().search(args.name, limit=args.limit)
    if not found:
        print(f"no place named {args.name!r}")
        return 1
    for e in found:
        print(f"{e.gid}\t{e.name}\t{e.name_ar}\t{e.feature_type}\t{e.country_code}\t{e.lat:.5f}\t{e.lon:.5f}"
              f"\t{e.population}")
    return 0
