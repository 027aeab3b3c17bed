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
from functools import cache

from geodata import settings
from geodata.gazetteer.sources import GazEntry
from geodata.geometry import moved
from geodata.names import is_arabic

COUNTRYSIDES_JSON = settings.DATA_FILES / "countrysides.json"


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


def _countryside(seat: GazEntry, key: str) -> GazEntry | None:
    """The countryside of `seat` (a seat of the data, by its name) toward direction `key`; None where it has none."""
    name = countryside_name(seat, key)
    if not name:
        return None
    data = countryside_data()
    spec, direction = data["seats"][seat.name], data["directions"][key]
    names = _names(seat, direction) + tuple(spec.get("also", {}).get(key, ()))
    ar = next((n for n in names if is_arabic(n)), "")
    lat, lon = moved(seat.lat, seat.lon, data["km"], direction["bearing"])
    gid = f"khareeta:sy-reg-{spec['slug']}-{key}"
    return GazEntry(gid, name, ar, "countryside", seat.country_code, lat, lon, 0, (name, *names), "khareeta")


def countrysides(curated: list[GazEntry]) -> list[GazEntry]:
    """One place for each direction of each seat's countryside; a seat missing from `curated` has none."""
    data = countryside_data()
    by_name = {e.name: e for e in curated if e.country_code == "SY" and e.feature_type == "city"}
    seats = [by_name[name] for name in data["seats"] if name in by_name]
    return [c for seat in seats for key in data["directions"] if (c := _countryside(seat, key)) is not None]


def countryside_name(seat: GazEntry, key: str) -> str:
    """The name of a Syrian provincial capital's countryside toward direction `key` ("Eastern Daraa
    countryside"), the key to look it up by; "" for another town or a direction it has none in."""
    data = countryside_data()
    spec, direction = data["seats"].get(seat.name), data["directions"].get(key)
    if seat.country_code != "SY" or spec is None or direction is None or key in spec.get("except", ()):
        return ""
    return f"{direction['name']} {seat.name} countryside"


def bearing(key: str) -> float:
    """The bearing of a direction key ("northeast": 45)."""
    return float(countryside_data()["directions"][key]["bearing"])


@cache
def direction_words_en() -> dict[str, str]:
    """English direction word -> direction key ("north-east" -> "northeast")."""
    return {w: key for key, d in countryside_data()["directions"].items() for w in d["en"]}
