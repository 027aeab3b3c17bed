"""The administrative hierarchy of Iraq and Syria: governorates, districts, sub-districts.

`geodata/data/admin.csv` is built from the sources in `../shared/gazetteers/`
(OCHA's Iraq COD-AB via HDX, CC BY-IGO; OpenSyria data-geography, CC BY 4.0)
by `python -m geodata gazetteer import-admin DIR`. Every unit has its P-code;
P-codes are hierarchical (IQG15 > IQG15Q02 > IQG15Q02N01, SY08 > SY0800 >
SY080000), so "inside a unit" is "its P-code starts with the unit's".
Governorates are our curated entries (placed at the provincial capital):
their rows only lend them a P-code and names.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from pathlib import Path

from geodata import settings
from geodata.errors import GazetteerError
from geodata.gazetteer.sources import GazEntry, keep_name
from geodata.names import is_arabic, normalize_name

ADMIN_CSV = settings.DATA_FILES / "admin.csv"
ADMIN_COLUMNS = ("pcode", "level", "parent", "country_code", "name", "name_ar", "aliases", "lat", "lon", "population")
LEVELS = ("governorate", "district", "subdistrict")
_POPULATED = frozenset({"city", "town", "village", "neighbourhood"})
_TOWN_KM = 60.0  # a unit named like a town this near is that town's unit: the town keeps the bare name


@cache
def unit_data() -> dict:
    return json.loads((settings.DATA_FILES / "admin_units.json").read_text(encoding="utf-8"))


def _names(*values: str) -> list[str]:
    out: list[str] = []
    for v in values:
        for part in (v or "").split("|"):
            n = part.strip()
            if n and (is_arabic(n) or keep_name(n)) and n not in out:
                out.append(n)
    return out


def _with_forms(level: str, names: list[str]) -> list[str]:
    words = unit_data()
    forms, unit_words = words.get(level, {}), set(words["unit_words"])
    out = list(names)
    for n in names:
        if unit_words & set(n.lower().split()):
            continue  # already says what it is: "Hajin Subdistrict", "ناحية هجين"
        lang = "ar" if is_arabic(n) else "en"
        for pattern in forms.get(lang, []):
            for bare in (n, *_without_article(n, words["optional_articles"].get(lang, []))):
                form = pattern.format(bare)
                if form not in out:
                    out.append(form)
    return out


def _without_article(name: str, articles: list[str]) -> list[str]:
    """The name without an article news may leave out after a unit word ("الشيخان" -> "شيخان")."""
    return [name[len(a) :] for a in articles if name.startswith(a) and len(name) - len(a) >= 3 and " " not in name]


def _row(
    *, pcode: str, level: str, parent: str, cc: str, names: list[str], name_ar: str, lat: float, lon: float, pop: str
):
    name = next((n for n in names if not is_arabic(n)), name_ar)
    aliases = [n for n in _with_forms(level, names) if n not in (name, name_ar)]
    return {
        "pcode": pcode,
        "level": level,
        "parent": parent,
        "country_code": cc,
        "name": name,
        "name_ar": name_ar,
        "aliases": "|".join(aliases),
        "lat": f"{lat:.5f}",
        "lon": f"{lon:.5f}",
        "population": pop,
    }


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        msg = f"{path}: not found; import-admin needs the folder with the Iraq COD-AB and OpenSyria files."
        raise GazetteerError(msg)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _iraq(src: Path) -> list[dict[str, str]]:
    points = _read(src / "iraq_cod_ab_adm3_points.csv")
    rows = []
    by_district: dict[str, list[dict[str, str]]] = {}
    for p in points:
        by_district.setdefault(p["ADM2_PCODE"], []).append(p)
        names = _names(p["ADM3_EN"], p["ADM3ALT1EN"], p["ADM3ALT2EN"], p["ADM3_AR"], p["ADM3ALT1AR"], p["ADM3ALT2AR"])
        rows.append(
            _row(
                pcode=p["ADM3_PCODE"],
                level="subdistrict",
                parent=p["ADM2_PCODE"],
                cc="IQ",
                names=names,
                name_ar=p["ADM3_AR"],
                lat=float(p["POINT_Y"]),
                lon=float(p["POINT_X"]),
                pop="",
            )
        )
    for d in _read(src / "iraq_cod_ab_adm2.csv"):
        subs = by_district.get(d["ADM2_PCODE"], [])
        if not subs:
            continue
        seat = next((s for s in subs if s["ADM3_EN"].lower().startswith("markaz")), None)
        lat = float(seat["POINT_Y"]) if seat else sum(float(s["POINT_Y"]) for s in subs) / len(subs)
        lon = float(seat["POINT_X"]) if seat else sum(float(s["POINT_X"]) for s in subs) / len(subs)
        names = _names(d["ADM2_EN"], d["ADM2ALT1EN"], d["ADM2ALT2EN"], d["ADM2_AR"], d["ADM2ALT1AR"], d["ADM2ALT2AR"])
        rows.append(
            _row(
                pcode=d["ADM2_PCODE"],
                level="district",
                parent=d["ADM1_PCODE"],
                cc="IQ",
                names=names,
                name_ar=d["ADM2_AR"],
                lat=lat,
                lon=lon,
                pop="",
            )
        )
    for g in _read(src / "iraq_cod_ab_adm1.csv"):
        names = _names(g["ADM1_EN"], g["ADM1ALT1EN"], g["ADM1ALT2EN"], g["ADM1_AR"], g["ADM1ALT1AR"], g["ADM1ALT2AR"])
        subs = [p for p in points if p["ADM1_PCODE"] == g["ADM1_PCODE"]]
        lat = sum(float(s["POINT_Y"]) for s in subs) / max(1, len(subs))
        lon = sum(float(s["POINT_X"]) for s in subs) / max(1, len(subs))
        rows.append(
            _row(
                pcode=g["ADM1_PCODE"],
                level="governorate",
                parent="",
                cc="IQ",
                names=names,
                name_ar=g["ADM1_AR"],
                lat=lat,
                lon=lon,
                pop="",
            )
        )
    return rows


def _syria(src: Path) -> list[dict[str, str]]:
    raw = _read(src / "syria_opensyria_admin123.csv")
    pcode = {r["id"]: r["ochaPcode"] for r in raw}
    rows = []
    for r in raw:
        level = r["level"]
        parent = pcode.get(r["districtId"] if level == "subdistrict" else r["governorateId"], "")
        names = _names(r["name_en"], r["aliases_en"], r["name_ar"], r["aliases_ar"])
        lat, lon = float(r["centroid_latitude"]), float(r["centroid_longitude"])
        rows.append(
            _row(
                pcode=r["ochaPcode"],
                level=level,
                parent=parent,
                cc="SY",
                names=names,
                name_ar=r["name_ar"],
                lat=lat,
                lon=lon,
                pop=r["population"] or "",
            )
        )
    return rows


def convert(src: Path) -> list[dict[str, str]]:
    """The rows of admin.csv from the source folder, governorates first."""
    rows = _iraq(src) + _syria(src)
    rows.sort(key=lambda r: (LEVELS.index(r["level"]), r["pcode"]))
    return rows


def write_admin_csv(rows: Iterable[dict[str, str]], path: Path = ADMIN_CSV) -> int:
    tmp = path.with_suffix(".tmp")
    n = 0
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=ADMIN_COLUMNS, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow(r)
            n += 1
    tmp.replace(path)
    return n


def read_admin(path: Path = ADMIN_CSV) -> list[GazEntry]:
    """Districts and sub-districts as entries; governorates as P-code carriers
    (gid "admin:<pcode>", merged into our curated governorates by `link_governorates`)."""
    if not path.exists():
        return []
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            names = tuple(n for n in (r["name"], r["name_ar"], *r["aliases"].split("|")) if n)
            pop = int(r["population"]) if r["population"].isdigit() else 0
            out.append(
                GazEntry(
                    f"admin:{r['pcode']}",
                    r["name"],
                    r["name_ar"],
                    r["level"],
                    r["country_code"],
                    float(r["lat"]),
                    float(r["lon"]),
                    pop,
                    names,
                    "admin",
                    pcode=r["pcode"],
                )
            )
    return out


def link_governorates(entries: list[GazEntry], admin: list[GazEntry]) -> tuple[list[GazEntry], list[GazEntry]]:
    """Give each curated governorate the P-code of the admin governorate it shares
    a name with; the admin governorate rows are then dropped."""
    govs = [a for a in admin if a.feature_type == "governorate"]
    # "Kirkuk" is the city: our governorate is "Kirkuk Governorate" / "محافظة كركوك", a form of the unit's name
    key_of = {normalize_name(n): a for a in govs for n in _with_forms("governorate", list(a.names))}
    out = []
    for entry in entries:
        e = entry
        if e.feature_type == "governorate" and e.country_code in settings.FOCUS_COUNTRIES and not e.pcode:
            match = next(
                (
                    key_of[k]
                    for n in e.names
                    if (k := normalize_name(n)) in key_of and key_of[k].country_code == e.country_code
                ),
                None,
            )
            if match is not None:
                e = replace(e, pcode=match.pcode)  # its names stay ours: "Aleppo" alone is the city
        out.append(e)
    return out, [a for a in admin if a.feature_type != "governorate"]


def _bare_names_of_towns(units: list[GazEntry], places: list[GazEntry]) -> list[GazEntry]:
    """A unit named like a town near it ("Hajin" sub-district, Hajin town) leaves
    the bare name to the town; its "Hajin Subdistrict" / "ناحية هجين" forms stay."""
    towns: dict[str, list[GazEntry]] = {}
    for p in places:
        if p.feature_type in _POPULATED and p.country_code in settings.FOCUS_COUNTRIES:
            for n in p.names:
                towns.setdefault(normalize_name(n), []).append(p)
    out = []
    for u in units:
        seats = {
            n: [
                t
                for t in towns.get(normalize_name(n), ())
                if t.country_code == u.country_code and _km(t.lat, t.lon, u.lat, u.lon) < _TOWN_KM
            ]
            for n in u.names
        }
        kept = tuple(n for n in u.names if not seats[n])
        seat = max((t for ts in seats.values() for t in ts), key=lambda t: t.population, default=None)
        if seat is not None:  # placed at its seat, as ACLED places a district-level event at the district's capital
            out.append(replace(u, names=kept, lat=seat.lat, lon=seat.lon))
        else:
            out.append(replace(u, names=kept))
    return out


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


class UnitFinder:
    """The sub-district a point lies in, taken as the nearest sub-district's label point."""

    def __init__(self, units: list[GazEntry]) -> None:
        self.subs = [u for u in units if u.feature_type == "subdistrict"]
        self.cells: dict[tuple[int, int], list[GazEntry]] = {}
        for u in self.subs:
            self.cells.setdefault((int(u.lat), int(u.lon)), []).append(u)

    def nearest(self, lat: float, lon: float, country: str) -> GazEntry | None:
        cands = [
            u
            for dy in (-1, 0, 1)
            for dx in (-1, 0, 1)
            for u in self.cells.get((int(lat) + dy, int(lon) + dx), ())
            if u.country_code == country
        ] or [u for u in self.subs if u.country_code == country]
        return min(cands, key=lambda u: _km(lat, lon, u.lat, u.lon)) if cands else None


_NO_UNIT = frozenset({"country", "sea", "river", "lake", "mountain", "region", "countryside"})  # may span units
_GOV_LEN = {"IQ": 5, "SY": 4}  # P-code characters of a governorate: IQG15, SY08
_DISTRICT_LEN = {"IQ": 8, "SY": 6}  # ... of a district: IQG06Q05, SY0804


def governorate_code(pcode: str, country: str) -> str:
    """The governorate part of a P-code ("IQG15Q02N01" -> "IQG15")."""
    n = _GOV_LEN.get(country, 0)
    return pcode[:n] if n and len(pcode) >= n else ""


def inside(pcode: str, unit_pcode: str) -> bool:
    """Whether a place with this P-code lies in the unit."""
    return bool(pcode and unit_pcode) and pcode.startswith(unit_pcode)


_SAME_TOWN_KM = 10.0


def with_populations(entries: list[GazEntry]) -> list[GazEntry]:
    """Our curated towns of Iraq and Syria written without a population take that of the
    GeoNames town of the same name beside them ("Ras al-Ain" would otherwise lose to an
    Israeli namesake of 70,000 people)."""
    geonames: dict[str, list[GazEntry]] = {}
    for e in entries:
        if e.source == "geonames" and e.population and e.country_code in _GOV_LEN:
            for n in e.names:
                geonames.setdefault(normalize_name(n), []).append(e)
    out = []
    for e in entries:
        near = (
            [
                g
                for n in e.names
                for g in geonames.get(normalize_name(n), ())
                if _km(e.lat, e.lon, g.lat, g.lon) < _SAME_TOWN_KM
            ]
            if not e.population and e.source == "khareeta" and e.feature_type in _POPULATED
            else []
        )
        out.append(replace(e, population=max(g.population for g in near)) if near else e)
    return out


def with_units(entries: list[GazEntry], admin: list[GazEntry]) -> list[GazEntry]:
    """The admin units joined to the entries: governorates linked, every place of
    Iraq and Syria given the P-code of the sub-district it lies in (of its
    governorate only, for a governorate-wide region)."""
    entries, units = link_governorates(with_populations(entries), admin)
    named: dict[str, list[GazEntry]] = {}
    for u in units:
        if u.feature_type == "subdistrict":
            for n in u.names:
                named.setdefault(normalize_name(n), []).append(u)
    seat = tuple(unit_data()["seat_prefixes"])
    units = [replace(u, names=tuple(n for n in u.names if not n.lower().startswith(seat))) for u in units]
    units = _bare_names_of_towns(units, entries)  # "Markaz Mosul" is Mosul's own sub-district: Mosul names it
    finder = UnitFinder(units)
    rural = set(unit_data()["countryside_words"])
    return [_placed(e, finder, named, rural) for e in entries] + units


def _placed(e: GazEntry, finder: UnitFinder, named: dict[str, list[GazEntry]], rural: set[str]) -> GazEntry:
    """The entry with the P-code of the unit it lies in."""
    if e.pcode or e.country_code not in _GOV_LEN:
        return e
    if e.feature_type in ("region", "countryside"):
        # "Aleppo countryside", "ريف حلب الشمالي": the governorate around its capital
        if any(rural & set(n.lower().split()) for n in e.names) and (
            unit := finder.nearest(e.lat, e.lon, e.country_code)
        ):
            return replace(e, pcode=governorate_code(unit.pcode, e.country_code))
        return e
    if e.feature_type in _NO_UNIT:
        return e
    if e.feature_type == "governorate":  # newer than the sources (Halabja): bounded by the district it was made of
        unit = finder.nearest(e.lat, e.lon, e.country_code)
        return replace(e, pcode=unit.pcode[: _DISTRICT_LEN[e.country_code]]) if unit is not None else e
    seat = [  # the town a sub-district is named after is in that sub-district
        u
        for n in e.names
        for u in named.get(normalize_name(n), ())
        if u.country_code == e.country_code and _km(e.lat, e.lon, u.lat, u.lon) < _TOWN_KM
    ]
    unit = seat[0] if seat else finder.nearest(e.lat, e.lon, e.country_code)
    return replace(e, pcode=unit.pcode) if unit is not None else e
