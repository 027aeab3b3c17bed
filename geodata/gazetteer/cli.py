"""`python -m geodata gazetteer build|search|add|remove|mine|import|import-geonames ...`."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from geodata import gazetteer
from geodata.errors import GazetteerError
from geodata.gazetteer import geonames as geonames_import
from geodata.gazetteer import removal
from geodata.gazetteer import user as user_gazetteer
from geodata.gazetteer.sources import FEATURE_TYPES, PLACE_COLUMNS, renamed_ids

_ADD_USAGE = """
  python -m geodata gazetteer add --name NAME [--name-ar NAME_AR] [--type TYPE] [--country CC]
                                  --lat LAT --lon LON [--population N] [--alias ALIAS ...] [--force]
  python -m geodata gazetteer add --alias ALIAS [--alias ALIAS ...] --to GAZETTEER_ID"""
_PLACE_OPTIONS = {
    "name": "--name",
    "name_ar": "--name-ar",
    "feature_type": "--type",
    "country": "--country",
    "lat": "--lat",
    "lon": "--lon",
    "population": "--population",
}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gazetteer", help="build, search and extend the gazetteer")
    gsub = p.add_subparsers(dest="gaz_command", required=True)
    b = gsub.add_parser("build", help="compile the gazetteer cache now")
    b.set_defaults(func=_build)
    s = gsub.add_parser("search", help="places a name (Arabic or English) may refer to")
    s.add_argument("name")
    s.add_argument("--limit", type=int, default=10)
    s.set_defaults(func=_search)
    _add_add(gsub)
    _add_remove(gsub)
    _add_import(gsub)
    _add_import_geonames(gsub)
    ia = gsub.add_parser(
        "import-admin",
        help="rebuild geodata/data/admin.csv from the Iraq COD-AB and OpenSyria files",
        description="Read the administrative units of Iraq (OCHA COD-AB: iraq_cod_ab_adm1/2/3*.csv) and "
        "Syria (OpenSyria: syria_opensyria_admin123.csv) from DIR and write geodata/data/admin.csv.",
    )
    ia.add_argument("folder", type=Path, metavar="DIR", help="the folder holding the source CSV files")
    ia.set_defaults(func=_import_admin)


def _import_admin(args: argparse.Namespace) -> int:
    from geodata.gazetteer import admin

    n = admin.write_admin_csv(admin.convert(args.folder))
    print(f"wrote {n} administrative units to {admin.ADMIN_CSV}")
    return 0


def _add_add(gsub: argparse._SubParsersAction) -> None:
    a = gsub.add_parser(
        "add",
        usage=_ADD_USAGE,
        help="add a place, or an alias of a place (--to ID)",
        description="Add a place to data/gazetteer/places.csv, or, with --to, extra names "
        "of an existing place to data/gazetteer/aliases.csv.",
    )
    a.add_argument("--name", help="the place's name in Latin letters")
    a.add_argument("--name-ar", help="the place's Arabic name")
    a.add_argument(
        "--type",
        dest="feature_type",
        metavar="TYPE",
        help=f"feature type (default place): {', '.join(sorted(FEATURE_TYPES))}",
    )
    a.add_argument("--country", metavar="CC", help="ISO country code, e.g. IQ or SY")
    a.add_argument("--lat", help="latitude in decimal degrees (-90..90)")
    a.add_argument("--lon", help="longitude in decimal degrees (-180..180)")
    a.add_argument("--population", metavar="N", help="number of inhabitants")
    a.add_argument("--alias", action="append", default=[], help="another name (repeatable)")
    a.add_argument(
        "--to", metavar="GAZETTEER_ID", help="add the --alias names to this existing place (e.g. geonames:448149)"
    )
    a.add_argument(
        "--force", action="store_true", help="add the place even if a place of one of its names lies within 10 km"
    )
    a.set_defaults(func=_add)


def _add_remove(gsub: argparse._SubParsersAction) -> None:
    r = gsub.add_parser(
        "remove",
        help="undo an addition: a place of yours, or aliases you added (--alias)",
        description="Remove a place you added (its id, e.g. user:khanasor, as `add` printed it and `mine` lists "
        "it) with the aliases you gave it; or, with --alias, only those aliases of a place (any place).",
    )
    r.add_argument("gid", metavar="GAZETTEER_ID")
    r.add_argument("--alias", action="append", default=[], help="remove only this alias you added (repeatable)")
    r.set_defaults(func=_remove)
    m = gsub.add_parser("mine", help="list the places and aliases you added, with their ids")
    m.set_defaults(func=_mine)


def _add_import(gsub: argparse._SubParsersAction) -> None:
    i = gsub.add_parser(
        "import",
        help="add many places from a CSV in our schema",
        description="Add the places of a CSV with the columns "
        f"{','.join(PLACE_COLUMNS)} (id, aliases, population and "
        "source optional; aliases separated by |) to data/gazetteer/places.csv. "
        "Bad rows are skipped and reported with their line numbers.",
    )
    i.add_argument("file", type=Path, metavar="FILE.csv")
    i.set_defaults(func=_import)


def _add_import_geonames(gsub: argparse._SubParsersAction) -> None:
    g = gsub.add_parser(
        "import-geonames",
        help="import a GeoNames country dump (IQ.txt, SY.txt)",
        description="Import a GeoNames dump from download.geonames.org/export/dump "
        "(IQ.txt or IQ.zip) into data/gazetteer/geonames/IQ.csv; importing "
        "the same dump again replaces it.",
    )
    g.add_argument("dump", type=Path, metavar="DUMP", help="a country dump such as IQ.txt (or IQ.zip)")
    g.add_argument(
        "--alternate-names",
        type=Path,
        metavar="FILE",
        help="alternateNamesV2.txt (or .zip, or a country file of alternatenames/) for Arabic, "
        "Kurdish, Turkish, French and English names",
    )
    g.add_argument(
        "--min-population",
        type=int,
        default=0,
        metavar="N",
        help="leave out populated places (class P) of fewer than N people; other features "
        "are kept (default 0: every village)",
    )
    g.add_argument(
        "--feature-classes",
        default=",".join(geonames_import.FEATURE_CLASSES),
        metavar="P,A,...",
        help="GeoNames feature classes to keep (default %(default)s)",
    )
    g.set_defaults(func=_import_geonames)


def _build(args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    gaz = gazetteer.load()
    print(
        f"gazetteer ready: {len(gaz.entries):,} places, {len(gaz.index.keys):,} names "
        f"({time.perf_counter() - t0:.1f} s)"
    )
    return 0


def _search(args: argparse.Namespace) -> int:
    found = gazetteer.get().search(args.name, limit=args.limit)
    if not found:
        print(f"no place named {args.name!r}")
        return 1
    for e in found:
        print(
            f"{e.gid}\t{e.name}\t{e.name_ar}\t{e.feature_type}\t{e.country_code}\t{e.lat:.5f}\t{e.lon:.5f}"
            f"\t{e.population}"
        )
    return 0


def _note_blocked(names: list[str]) -> None:
    for n in user_gazetteer.blocked_names(names):
        print(f"note: {n!r} is listed in geodata/data/not_places.csv as not a place, so it is not found in text")


def _add(args: argparse.Namespace) -> int:
    if args.to:
        return _add_aliases(args)
    if args.lat is None or args.lon is None:
        msg = "a new place needs --lat and --lon (to add a name to an existing place, use --alias NAME --to ID)."
        raise GazetteerError(msg)
    e = user_gazetteer.add_place(
        name=args.name or "",
        name_ar=args.name_ar or "",
        feature_type=args.feature_type or "place",
        country_code=args.country or "",
        lat=args.lat,
        lon=args.lon,
        population=args.population or 0,
        aliases=args.alias,
        force=args.force,
    )
    where = f"{e.country_code}, " if e.country_code else ""
    print(f"added {e.gid} {e.name!r} ({e.feature_type}, {where}{e.lat}, {e.lon}) to {user_gazetteer.places_path()}")
    _note_blocked(list(e.names))
    return 0


def _add_aliases(args: argparse.Namespace) -> int:
    given = [opt for dest, opt in _PLACE_OPTIONS.items() if getattr(args, dest) is not None]
    if given:
        msg = f"--to adds aliases to an existing place; {', '.join(given)} cannot be used with it."
        raise GazetteerError(msg)
    if args.force:
        msg = "--force adds a new place near a namesake; an alias is added to --to ID without it."
        raise GazetteerError(msg)
    if not args.alias:
        msg = f"give the name to add to {args.to} with --alias NAME."
        raise GazetteerError(msg)
    if (now := renamed_ids().get(args.to)) is not None:
        print(f"note: {args.to} is now called {now}")
        args.to = now
    added = user_gazetteer.add_aliases(args.to, args.alias)
    for alias in dict.fromkeys(" ".join(a.split()) for a in args.alias):
        if alias not in added:
            print(f"{alias!r} is already a name of {args.to}")
    if added:
        print(f"added {', '.join(repr(a) for a in added)} to {args.to} in {user_gazetteer.aliases_path()}")
        _note_blocked(list(added))
    return 0


def _import(args: argparse.Namespace) -> int:
    result = user_gazetteer.import_places(args.file)
    print(result.summary())
    return 1 if result.skipped and not result.imported else 0


def _import_geonames(args: argparse.Namespace) -> int:
    result = geonames_import.import_geonames(
        args.dump,
        alternate_names=args.alternate_names,
        min_population=args.min_population,
        feature_classes=args.feature_classes,
    )
    print(result.summary())
    return 0


def _remove(args: argparse.Namespace) -> int:
    gone = removal.remove_aliases(args.gid, args.alias) if args.alias else removal.remove_place(args.gid)
    if gone.place:
        print(f"removed {gone.gid} {gone.place!r} from {user_gazetteer.places_path()}")
    if gone.aliases:
        print(f"removed {', '.join(map(repr, gone.aliases))} of {gone.gid} from {user_gazetteer.aliases_path()}")
    print(
        "note: stored features keep where they were placed; re-ingest their articles "
        "(python -m geodata ingest --replace PATH) to read them with the gazetteer as it is now"
    )
    return 0


def _mine(args: argparse.Namespace) -> int:
    places, aliases = removal.mine()
    if not places and not aliases:
        print(f"you have added no places or aliases (they would be in {user_gazetteer.places_path().parent})")
        return 0
    for row in places:
        where = f"{row.get('country_code') or '-'}\t{row.get('lat')}\t{row.get('lon')}"
        print(f"{row['gid']}\t{row.get('name') or ''}\t{row.get('name_ar') or ''}\t{where}")
    for gid, alias in aliases:
        print(f"{gid}\talias {alias!r}")
    return 0
