"""The countryside of a Syrian provincial capital by compass direction.

News places what happens outside a provincial capital by the direction of its
countryside: "the northern countryside of Homs", "Hama's north-western
countryside", "ريف حماة الشمالي الغربي", "الريف الشرقي لدير الزور". Each is a
place of its own (feature type "countryside"), placed a fixed distance from the
seat along the direction's bearing (about where the nearer villages of that
countryside lie), and bounded by the seat's governorate as the region "Aleppo
countryside" is. Events and journeys take it as they take a town: it is about
as precise as ACLED's geo_precision 2, a place near a named town. The directions, the
forms of their names and the seats live in data/countrysides.json.
"""

from __future__ import annotations

import json
import math
from functools import cache

from geodata import settings
from geodata.gazetteer.sources import GazEntry
from geodata.names import is_arabic

COUNTRYSIDES_JSON = settings.DATA_FILES / "countrysides.json"
_KM_PER_DEGREE = 111.2


@cache
def countryside_data() -> dict:
    return json.loads(COUNTRYSIDES_JSON.read_text(encoding="utf-8"))


def _seat_names(seat: GazEntry, arabic: bool) -> list[str]:
    """The seat's names in one script, without those that say it is the city ("Aleppo city", "مدينة حلب")."""
    skip = {w.lower() for w in countryside_data()["skip_words"]}
    return [n for n in seat.names if is_arabic(n) == arabic and not skip & set(n.lower().split())]


def _spelled(name: str) -> str:
    """The name with the start of each word contracted as Arabic writes it ("لالرقة" -> "للرقة")."""
    rules = sorted(countryside_data()["contractions"].items(), key=lambda kv: -len(kv[0]))
    return " ".join(next((s + w[len(k) :] for k, s in rules if w.startswith(k)), w) for w in name.split())


def _names(seat: GazEntry, direction: dict) -> tuple[str, ...]:
    forms = countryside_data()["forms"]
    out = [
        _spelled(form.format(dir=d, seat=s))
        for lang, arabic in (("en", False), ("ar", True))
        for form in forms[lang]
        for d in direction[lang]
        for s in _seat_names(seat, arabic)
    ]
    return tuple(dict.fromkeys(out))


def _moved(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point `km` from (lat, lon) along `bearing` (degrees from north), on a sphere's flat patch."""
    rad = math.radians(bearing)
    dlat = km * math.cos(rad) / _KM_PER_DEGREE
    dlon = km * math.sin(rad) / (_KM_PER_DEGREE * math.cos(math.radians(lat)))
    return round(lat + dlat, 5), round(lon + dlon, 5)


def countrysides(curated: list[GazEntry]) -> list[GazEntry]:
    """One place for each direction of each seat's countryside; a seat missing from `curated` has none."""
    data = countryside_data()
    by_name = {e.name: e for e in curated if e.country_code == "SY" and e.feature_type == "city"}
    out: list[GazEntry] = []
    for seat_name, spec in data["seats"].items():
        seat = by_name.get(seat_name)
        if seat is None:
            continue
        for key, direction in data["directions"].items():
            if key in spec.get("except", ()):
                continue
            names = _names(seat, direction) + tuple(spec.get("also", {}).get(key, ()))
            en = next((n for n in names if not is_arabic(n)), "")
            ar = next((n for n in names if is_arabic(n)), "")
            lat, lon = _moved(seat.lat, seat.lon, data["km"], direction["bearing"])
            name = f"{direction['name']} {seat.name} countryside" if en else ar
            gid = f"khareeta:sy-reg-{spec['slug']}-{key}"
            names = (name, *names)
            out.append(GazEntry(gid, name, ar, "countryside", seat.country_code, lat, lon, 0, names, "khareeta"))
    return out
