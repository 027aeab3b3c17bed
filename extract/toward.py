"""A village said to lie in a direction from a provincial capital: "Al-Sahwah town east of Daraa", "قرية X
شمال حمص". It lies out in that capital's countryside toward the direction, not in the city: the unknown
village is placed at that countryside (`geodata.gazetteer.countrysides`, about where the nearer villages of
that countryside lie), still with geo_precision 2. With a distance ("al-Rahjan village 50 km east of Hama
city", "قرية X على بعد 20 كم جنوب كركوك") it lies that far from the town that way, whatever the town's
country, and `placed_at` says so ("50 km east of Hama"). A quarter of the town ("حي X شرقي حلب", "the X
neighbourhood in eastern Aleppo") stays in the town; so does a village of a town that has no such
countryside, given no distance. The words: English direction words of data/countrysides.json followed by
"of", the Arabic ones and the units of distance of data/admin_context.json `toward`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cache

from extract.admin_words import words
from extract.numbers import words_value_at
from extract.wordforms import word_forms
from geodata.gazetteer.countrysides import bearing, countryside_name, direction_words_en
from geodata.gazetteer.sources import GazEntry
from geodata.geometry import moved
from geodata.names import NormText, is_arabic, normalize_name

Lookup = Callable[[str], list[GazEntry]]
MAX_WORDS = 3  # of one direction ("north east of", "شمال شرقي")


@cache
def _directions() -> dict[str, str]:
    """Normalised direction phrase -> direction key, in both languages."""
    out = {normalize_name(w): key for w, key in direction_words_en().items()}
    for key, phrases in words().toward["ar"].items():
        out.update((normalize_name(p), key) for p in phrases)
    return out


@cache
def _units() -> dict[str, float]:
    """Normalised unit of distance -> kilometres in one."""
    return {normalize_name(u): float(f) for u, f in words().toward["units_km"].items()}


def _distance(nt: NormText, first: int, last: int) -> float | None:
    """The distance the words first..last give ("some 30 km", "على بعد 20 كم", "eight kilometres"), in km;
    None without one, or one too far to say where a village lies."""
    units, tokens = _units(), nt.tokens
    for t in range(first, last):
        worded = words_value_at(nt, t)
        count, unit = (worded[0], worded[1] + 1) if worded else (int(tokens[t]) if tokens[t].isdigit() else 0, t + 1)
        if count and unit <= last and tokens[unit] in units:
            if t > 0 and tokens[t - 1].isdigit():
                return None  # "2.5 km", "1,500 km": not a number the words give whole
            km = count * units[tokens[unit]]
            return km if 0 < km <= float(words().toward["max_km"]) else None
    return None


def _at_distance(town: GazEntry, km: float, key: str) -> GazEntry:
    """The town's entry moved `km` toward direction `key`, named for it ("20 km south of Kirkuk")."""
    lat, lon = moved(town.lat, town.lon, km, bearing(key))
    return replace(town, lat=lat, lon=lon, name=f"{km:g} km {key} of {town.name}")


def _direction(nt: NormText, first: int, last: int) -> str | None:
    """The direction the words first..last name toward the town after them: English words then "of"
    ("east of", "north-east of"), or Arabic ones right before the town ("شمال شرقي")."""
    table, tokens = _directions(), nt.tokens
    for a in range(first, last + 1):
        for b in range(min(last, a + MAX_WORDS - 1), a - 1, -1):
            key = table.get(" ".join(tokens[a : b + 1]))
            if key is None:
                continue
            if is_arabic(tokens[a]) and b == last:
                return key
            if not is_arabic(tokens[a]) and b + 1 <= last and tokens[b + 1] == "of":
                return key
    return None


def toward(
    nt: NormText, name_last: int, unit_first: int, target: tuple[GazEntry, str] | None, lookup: Lookup
) -> tuple[GazEntry, str] | None:
    """Where a village near the town `target` lies when the words between its name (ending at token
    `name_last`) and the town (from token `unit_first`) give a direction: that far from the town that way
    when they give a distance too, else the town's countryside that way when the gazetteer has one, else
    the town itself."""
    if target is None or any(
        word_forms(nt.tokens[t]) & words().quarter_heads for t in range(max(0, name_last - 4), unit_first)
    ):
        return target
    key = _direction(nt, name_last + 1, unit_first - 1)
    if key is None:
        return target
    km = _distance(nt, name_last + 1, unit_first - 1)
    if km is not None:
        return _at_distance(target[0], km, key), target[1]
    name = countryside_name(target[0], key)
    found = [e for e in lookup(name) if e.feature_type == "countryside"] if name else []
    return (found[0], target[1]) if found else target
