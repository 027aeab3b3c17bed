"""Whether a town is the seat of an administrative unit: the town its unit is named after.

"ريف حلب" / "the Aleppo countryside" is Aleppo's province, Aleppo being the
seat of its governorate; "ريف تل تمر" / "rural Tal Tamr" is the country around
Tal Tamr, a town whose governorate is named otherwise (Al-Hasakah). Names are
compared without the words that say what a unit is ("Governorate",
"محافظة", "District"), as in admin_units.json.
"""

from __future__ import annotations

from functools import cache

from geodata.gazetteer.admin import unit_data
from geodata.gazetteer.sources import GazEntry
from geodata.names import normalize_name


@cache
def _unit_words() -> frozenset[str]:
    return frozenset(k for w in unit_data()["unit_words"] if (k := normalize_name(w)))


@cache
def stem(name: str) -> str:
    """A name's key without its unit words ("Kirkuk Governorate", "محافظة كركوك" -> the name alone)."""
    words = _unit_words()
    return " ".join(t for t in normalize_name(name).split() if t not in words)


def is_seat(town: GazEntry, unit: GazEntry) -> bool:
    """Whether `unit` is named after `town` (Aleppo and Aleppo Governorate; not Mosul and Nineveh)."""
    own = {stem(n) for n in (town.name, town.name_ar) if n} - {""}
    return bool(own & {stem(n) for n in (unit.name, unit.name_ar) if n})
