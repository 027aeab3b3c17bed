"""Namesakes a unit around a mention rules out ("Salamiyah, Nineveh, Iraq": not the Salamiyah we know in Syria;
"Rashad, Diyala": not the Rashad we know in Kirkuk): then the text names a place we do not know there, placed
at the unit (`extract.admin_context.unresolved_at`)."""

from __future__ import annotations

from extract.admin_context import FAMOUS_CITY, TOWNS, UNITS, WIDE, Container, in_town
from geodata import settings
from geodata.gazetteer.admin import governorate_code
from geodata.gazetteer.sources import GazEntry
from geodata.geometry import km

OUTSIDE_TOWN = 20_000  # a namesake in another province this large (or a city) is the town the text misplaced
OUTSIDE_KM = 40.0  # a namesake in another province this close to the unit's point may be misfiled


def foreign_only(cands: list[GazEntry], c: Container) -> bool:
    """No namesake in the unit's country: the text names a place we do not know there
    (but a great city abroad, "Tehran north of Baghdad", stays that city, and a town we know stays
    itself near a place no larger that is no unit: "Baiji and Tikrit, near the village of Mazraa", whose
    namesake we know in Syria); for a quarter, no namesake in its town ("حي السليمانية في حلب" is no
    city of Iraq)."""
    if c.quarter:
        return bool(cands) and not any(in_town(e, c.unit) for e in cands)
    return (
        bool(cands)
        and all(e.country_code != c.unit.country_code for e in cands)
        and not any(e.feature_type in WIDE for e in cands)
        and not any(e.population >= FAMOUS_CITY for e in cands)
        and (c.unit.feature_type in UNITS or not any(_larger_town_of_ours(e, c.unit) for e in cands))
    )


def outside_only(cands: list[GazEntry], c: Container) -> bool:
    """Every namesake lies in another province of the unit's country, far from it: the text names a village
    we do not know in that unit ("Rashad, Diyala, Iraq", "قرية الرشاد التابعة لقضاء المقدادية": the Rashad we
        know is Kirkuk's); not a city or a town of some size ("Tikrit, Diyala" is Tikrit, misplaced), and not for a
    quarter or a unit that is no province or part of one."""
    gov = governorate_code(c.unit.pcode, c.unit.country_code) if c.unit.pcode else ""
    if c.quarter or not gov or c.unit.feature_type not in UNITS or not cands:
        return False
    return all(
        e.country_code == c.unit.country_code
        and e.pcode
        and e.feature_type not in WIDE
        and e.feature_type != "city"
        and e.population < OUTSIDE_TOWN
        and governorate_code(e.pcode, e.country_code) != gov
        and km(e.lat, e.lon, c.unit.lat, c.unit.lon) > OUTSIDE_KM
        for e in cands
    )


def _larger_town_of_ours(e: GazEntry, near: GazEntry) -> bool:
    return e.feature_type in TOWNS and e.country_code in settings.FOCUS_COUNTRIES and e.population >= near.population
