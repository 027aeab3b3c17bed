"""Choose, for each mention, the place it most likely refers to, or abstain.

Features, as in Mordecai-style geoparsers but without a model: population,
feature type, curated-ness, the focus region, the countries the document
names, and the distance to the other places of the document.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from extract.types import Place
from geodata import settings
from geodata.gazetteer.admin import governorate_code
from geodata.gazetteer.sources import GazEntry
from geodata.geometry import km
from geodata.names import name_keys, variant_key

TYPE_PRIOR = {
    "country": 6.0,
    "sea": 5.0,
    "governorate": 4.5,
    "region": 4.0,
    "countryside": 4.0,
    "river": 4.0,
    "mountain": 3.5,
    "dam": 3.5,
    "lake": 3.5,
    "border_crossing": 3.0,
    "airbase": 3.0,
    "airport": 3.0,
    "camp": 3.0,
    "oilfield": 3.0,
    "city": 2.0,
    "district": 2.0,
    "island": 2.0,
    "town": 1.0,
    "neighbourhood": 1.0,
    "place": 1.0,
    "village": 0.0,
}
WIDE = frozenset({"country", "sea", "region", "river", "governorate", "mountain", "lake"})  # no point places them
_REGION = settings.FOCUS_COUNTRIES | settings.NEIGHBOUR_COUNTRIES
FAR_CITY_POPULATION = 200_000
NEIGHBOUR_TOWN = 50_000
UNCOUNTED_TOWN = 10_000
NEIGHBOUR_KM = 150.0
OTHER_SIDE_TOWN = 100_000  # a town of the war's other country this large may be named far from the text's places
SAME_PROVINCE = 1.0
ALIAS_ONLY = 2.5  # the name is only one of this place's other names, and another place's own name
SAME_AREA_ALIAS = 50.0  # ... and that other place lies beside it: the name's own place, whatever the context
SAME_AREA_KM = 30.0


@dataclass(frozen=True, slots=True)
class Choice:
    """The chosen entry of one mention and how sure the choice is (0..1)."""

    entry: GazEntry
    confidence: float


def place_at(e: GazEntry, text: str, start: int, end: int, confidence: float) -> Place:
    """The place feature of a mention at start:end resolved to entry `e`."""
    return Place(
        start=start,
        end=end,
        surface=text[start:end],
        gazetteer_id=e.gid,
        name=e.name,
        name_ar=e.name_ar,
        feature_type=e.feature_type,
        country_code=e.country_code,
        lat=e.lat,
        lon=e.lon,
        confidence=confidence,
    )


def prior(e: GazEntry) -> float:
    """How likely a name means this entry before looking at the document."""
    people = e.population
    if not people and e.source in ("khareeta", "user") and e.feature_type in ("city", "town"):
        people = UNCOUNTED_TOWN  # a town we listed ourselves without its census is still a town
    p = TYPE_PRIOR.get(e.feature_type, 1.0) + 0.8 * math.log10(people + 1)
    if e.source in ("khareeta", "user"):
        p += 2.0
    if e.country_code in settings.FOCUS_COUNTRIES:
        p += 3.0
    elif e.country_code in settings.NEIGHBOUR_COUNTRIES:
        p += 1.5
    return p


@dataclass(frozen=True)
class DocContext:
    """What the document says about where it is: countries and anchor points."""

    countries: frozenset[str]
    anchors: tuple[tuple[int, float, float], ...]  # (mention group, lat, lon)
    governorates: frozenset[str] = frozenset()  # P-codes of the provinces its sure places lie in
    home: frozenset[str] = frozenset()  # the countries of its sure towns of some size and sure provinces
    homes: tuple[tuple[int, str], ...] = ()  # (mention group, country) behind `home`

    def home_but(self, group: int) -> frozenset[str]:
        """`home` without the vote of one group of mentions (a name does not vouch for itself)."""
        return frozenset(c for g, c in self.homes if g != group) if self.homes else self.home


def context_score(e: GazEntry, ctx: DocContext, group: int) -> float:
    return _score(e, ctx, _points(ctx, group))


def _points(ctx: DocContext, group: int) -> list[tuple[float, float]]:
    """The anchor points of the other mention groups (once per choice, not per candidate)."""
    return [(lat, lon) for g, lat, lon in ctx.anchors if g != group]


def _score(e: GazEntry, ctx: DocContext, pts: list[tuple[float, float]]) -> float:
    s = 2.0 if e.country_code and e.country_code in ctx.countries else 0.0
    if e.pcode and governorate_code(e.pcode, e.country_code) in ctx.governorates:
        s += SAME_PROVINCE  # the province the document is about weighs on every other mention
    if pts and e.feature_type not in WIDE:
        d = min(km(e.lat, e.lon, lat, lon) for lat, lon in pts)
        s += 2.5 if d < 150 else 1.0 if d < 400 else -1.0 if d > 2500 else 0.0
    return s


def plausible(
    e: GazEntry, ctx: DocContext, *, single_latin_token: bool, clitic_only: str = "", group: int = -1
) -> bool:
    """Abstain from small, far-away places that nothing in the document supports.

    `clitic_only`: the name was only ever read after stripping a proclitic
    (e.g. "بايدن" = ب + "ايدن"): then only our own places, countries, places of
    the focus countries or big cities, and never a three-letter name. `group`: the mention's own
    group, whose anchor does not count as support (a lone name would vouch for itself).
    """
    if e.source in ("khareeta", "user", "country") or e.feature_type in WIDE:
        return True  # (our curated towns by any of their names; the spelling key is stricter: `spellings`)
    if other_side(e, ctx, group):
        return False
    if clitic_only and (
        len(clitic_only.replace(" ", "")) < 4
        or not (e.country_code in settings.FOCUS_COUNTRIES or e.population >= 500_000)
    ):
        return False
    if e.country_code in settings.FOCUS_COUNTRIES or e.country_code in ctx.countries:
        return True
    if e.country_code in _REGION:
        # a neighbour's small village in a text about Iraq or Syria that never names the
        # neighbour ("Alexandria" read as an Iranian village): only near the text's places
        near = any(km(e.lat, e.lon, lat, lon) < NEIGHBOUR_KM for g, lat, lon in ctx.anchors if g != group)
        return near or not (ctx.countries & settings.FOCUS_COUNTRIES) or e.population >= NEIGHBOUR_TOWN
    if ctx.countries & settings.FOCUS_COUNTRIES and e.population < FAR_CITY_POPULATION:
        return False  # a text about Iraq/Syria names a far-away town only if it is a large one
    return e.population >= (50_000 if single_latin_token else 15_000)


def other_side(e: GazEntry, ctx: DocContext, group: int = -1) -> bool:
    """A small place of one country of the war in a text whose sure places all lie in the other,
    far from each of them ("the al-Midan neighbourhood" in a report on Aleppo is no sub-district near
    Baghdad): the text means a place of its own country we may not know. A great town of the other
    country (Basra) may be named anywhere; so may our curated towns by their own names (`plausible`)."""
    if e.country_code not in settings.FOCUS_COUNTRIES or e.population >= OTHER_SIDE_TOWN:
        return False
    home = ctx.home_but(group)
    if not home or e.country_code in home:
        return False
    return not any(km(e.lat, e.lon, lat, lon) < NEIGHBOUR_KM for g, lat, lon in ctx.anchors if g != group)


def alias_abroad(e: GazEntry, ctx: DocContext, group: int = -1) -> bool:
    """A town of a neighbour country that a list gives (a source's or ours), named here by another of its
    names (the caller says so), in a text about Iraq or Syria that names no place of that country, far from
    every place the text is sure of ("Allaya" in Qamishli: not Alanya, once called Alaya; "Saida" by Ain
    Issa, "Samra" by Kessab): the text means a place of its own we may not know."""
    home = ctx.home_but(group)
    if e.source not in _LISTED or e.country_code not in settings.NEIGHBOUR_COUNTRIES or e.country_code in home:
        return False
    if e.feature_type in WIDE or e.population >= FAR_CITY_POPULATION * 2.5:
        return False  # a sea, a region; a great city is named by its other names too
    if not home & settings.FOCUS_COUNTRIES:
        return False
    return not any(km(e.lat, e.lon, lat, lon) < NEIGHBOUR_KM for g, lat, lon in ctx.anchors if g != group)


def _names_its_country(e: GazEntry) -> bool:
    """Whether a sure mention of `e` says what country the text is about: a country, a place of Iraq or
    Syria, or a neighbour's town of some size (a small one alone would vouch for itself: "Zarkan", a
    village of Iran by one of its other names, in a report on Syria's north-east)."""
    if e.feature_type == "country" or e.country_code in settings.FOCUS_COUNTRIES:
        return True
    notable = e.population >= NEIGHBOUR_TOWN or e.feature_type in WIDE or e.source in ("khareeta", "user")
    return e.country_code in _REGION and notable


def build_context(groups: list[list[GazEntry]], theatres: frozenset[str] = frozenset()) -> DocContext:
    """Countries and unambiguous anchor points, from the prior alone; `theatres`: the countries the
    text's actors fight in (`extract.actors.theatres`), which it is about as if it named them."""
    countries: set[str] = set(theatres)
    anchors = []
    provinces: set[str] = set()
    home: list[tuple[int, str]] = []
    for g, cands in enumerate(groups):
        if not cands:
            continue
        ranked = sorted(cands, key=prior, reverse=True)
        best = ranked[0]
        margin = prior(best) - prior(ranked[1]) if len(ranked) > 1 else 99.0
        if best.feature_type == "country":
            countries.add(best.country_code)
        if margin >= 2.0:
            if best.feature_type not in WIDE:
                anchors.append((g, best.lat, best.lon))
            if best.pcode:
                provinces.add(governorate_code(best.pcode, best.country_code))
                if best.population >= NEIGHBOUR_TOWN or best.feature_type in WIDE:
                    home.append((g, best.country_code))  # not from a village alone ("Battel" read as Bateel)
            if _names_its_country(best):
                countries.add(best.country_code)
    return DocContext(
        frozenset(countries), tuple(anchors), frozenset(provinces - {""}), frozenset(c for _, c in home), tuple(home)
    )


def _other_name(e: GazEntry, key: str) -> bool:
    """`key` is another name of the place (Bakhdida's "Hamdaniya"), not its own nor a spelling of it
    ("Kobane" for Kobani)."""
    own = own_keys(e.name, e.name_ar)
    return key not in own and variant_key(key) not in {variant_key(k) for k in own}


@lru_cache(maxsize=65_536)
def own_keys(name: str, name_ar: str) -> frozenset[str]:
    """The matching keys of a place's own names (not its aliases)."""
    return frozenset(k for n in (name, name_ar) if n for k in name_keys(n))


_SOURCED = frozenset({"geonames", "admin"})  # lists copied from their sources, aliases and all
_LISTED = _SOURCED | {"khareeta"}  # with our curated list


def alias_penalties(cands: list[GazEntry], key: str) -> list[float]:
    """ALIAS_ONLY for the GeoNames and administrative candidates that `key` names only through one of
    their alternate names, when it is another candidate's own name ("Alexandria": the city in Egypt, not
    Mashhad, once called so; "الغوطة الشرقية": the region, not the sub-district of Jaramana, which the
    source lists under it); else 0. The aliases of our own curated list are deliberate: never less, and
    a name we listed for a place of ours is that place before a namesake abroad that a source lists
    ("Washington": the capital, not the state; "New York": the city)."""
    if not key or len(cands) < 2:
        return [0.0] * len(cands)
    listed = any(e.source == "khareeta" for e in cands)
    out = [ALIAS_ONLY if listed and _sourced_abroad(e) else 0.0 for e in cands]
    own = [key in own_keys(e.name, e.name_ar) for e in cands]
    if not any(own):
        return out
    named = [e for e, o in zip(cands, own, strict=True) if o]
    return [
        p if o or e.source not in _SOURCED else SAME_AREA_ALIAS if _beside(e, named) else ALIAS_ONLY
        for e, o, p in zip(cands, own, out, strict=True)
    ]


def _sourced_abroad(e: GazEntry) -> bool:
    return e.source in _SOURCED and e.country_code not in settings.FOCUS_COUNTRIES


def _beside(e: GazEntry, others: list[GazEntry]) -> bool:
    return any(km(e.lat, e.lon, o.lat, o.lon) <= SAME_AREA_KM for o in others)


def choose(
    cands: list[GazEntry],
    ctx: DocContext,
    group: int,
    *,
    single_latin_token: bool,
    clitic_only: str = "",
    key: str = "",
) -> Choice | None:
    """The best candidate in this document, or None to abstain; `key`: the name's matching key."""
    if not cands:
        return None
    pts = _points(ctx, group)
    base = [prior(e) + _score(e, ctx, pts) for e in cands]
    top = cands[max(range(len(cands)), key=base.__getitem__)]
    if not plausible(top, ctx, single_latin_token=single_latin_token, clitic_only=clitic_only, group=group):
        return None  # the likeliest place is not believable here: no other one is chosen in its stead
    less = alias_penalties(cands, key)
    scored = sorted(zip([b - p for b, p in zip(base, less, strict=True)], cands, strict=True), key=lambda t: -t[0])
    best_s, best = scored[0]
    if best is not top and not plausible(
        best, ctx, single_latin_token=single_latin_token, clitic_only=clitic_only, group=group
    ):
        return None  # a place's own name, but not one a text like this names: a name read as a place's alias
    if best.source == "khareeta" and _other_name(best, key) and other_side(best, ctx, group):
        return None  # "Hamdaniya" in a report on Aleppo: another name of a curated town of Iraq, not that town
    if key and _other_name(best, key) and alias_abroad(best, ctx, group):
        return None  # "the Allaya prison" in Qamishli: not Alanya, once called Alaya
    if len(scored) > 1:
        second_s, second = scored[1]
        margin = best_s - second_s
        far = km(best.lat, best.lon, second.lat, second.lon) > 50
        if (
            far
            and margin < 0.3
            and best.source == "geonames"
            and second.source == "geonames"
            and best.country_code not in ctx.countries
        ):
            return None  # two equally likely, distant places: do not guess
        conf = 1 / (1 + math.exp(-margin)) if far else 0.95
    else:
        conf = 0.95
    return Choice(best, round(min(0.99, conf), 3))
