"""Places inside the administrative unit the text puts them in.

"Shura, Nineveh province, Iraq", "X in the eastern countryside of Deir ez-Zor", "قرية X بريف حلب الشمالي", "X
التابعة لناحية Y": the unit decides among the place's namesakes (P-codes are hierarchical: a place is inside a
unit when its P-code starts with the unit's), and a name the gazetteer lacks becomes an unresolved place at that
unit, as ACLED codes an unknown village at its district (geo_precision 2) or province (3), or out in a capital's
countryside toward the direction the text gives (`extract.toward`). The words live in data/admin_context.json.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extract.admin_words import any_word, connecting, opened_by, words
from extract.context import rules
from extract.matching import Match
from extract.toward import Lookup, toward
from extract.types import Place
from extract.unknown_names import BREAKS, MAX_NAME, joined, listed_with, lost_apostrophe, runs
from extract.wordforms import word_forms
from geodata import settings
from geodata.gazetteer.admin import governorate_code, inside
from geodata.gazetteer.seats import is_seat
from geodata.gazetteer.sources import GazEntry
from geodata.geometry import km
from geodata.names import NormText, is_arabic

UNITS = frozenset({"governorate", "district", "subdistrict"})
TOWNS = frozenset({"city", "town", "village"})
AREAS = frozenset({"region", "countryside", "mountain"})  # placed where they lie ("the Hamrin mountains")
WIDE = AREAS - {"mountain"} | {"country", "governorate", "sea", "river"}  # no namesake abroad is refused for it
# what a quarter or village can lie near or in ("eastern Mosul", "Sharifah village near T4 airbase")
_NEAR_TARGETS = TOWNS | AREAS | {"neighbourhood", "airbase", "airport", "dam", "border_crossing", "oilfield", "camp"}
_COMMAS = frozenset({",", "،"})
_CLOSING_QUOTES = '"”»'  # a quoted name's end
QUARTER_KM = 25.0  # how far from a town's point its quarters may lie
_DECIMAL = re.compile(r"(?<=\d)[.,](?=\d)")
MAX_GAP = 7  # connector words between a place and its unit (", a village 20 km south of")
UNRESOLVED_CONFIDENCE = 0.5
FAMOUS_CITY = 500_000  # a namesake this large is the city, whatever the text puts after it
Prior = Callable[[GazEntry], float]
UnitOf = Callable[[str], GazEntry | None]  # P-code -> the unit's entry


@dataclass(frozen=True)
class Reading:
    """A text's place mentions, their candidates, and the gazetteer look-ups the rules need."""

    mentions: list[Match]
    cands: list[list[GazEntry]]
    nt: NormText
    text: str
    prior: Prior
    unit_of: UnitOf  # P-code -> the unit's entry
    known: Callable[[str], bool]  # whether a key names some place
    taken: frozenset[int] = frozenset()  # tokens of places found otherwise (respelled names)
    lookup: Lookup = lambda _name: []  # a name's candidates (gazetteer.candidates)


@dataclass(frozen=True, slots=True)
class Container:
    """The unit a mention is said to lie in: its entry and the P-code that bounds it."""

    unit: GazEntry
    scope: str
    tok_first: int  # where the unit's mention starts
    quarter: bool = False  # the mention names a quarter of the unit, a town ("حي X في حلب")


def _gap_ok(nt: NormText, text: str, a: Match, tok_to: int) -> tuple[bool, bool]:
    """Whether only connector words (and commas) lie between mention a and token tok_to, and whether one
    of them widens; after a head, the names it lists may come first ("أحياء X والميدان في حلب")."""
    a_end, tok_from = a.end, a.tok_last + 1
    listed = any_word(nt, (a.tok_first - 1,), words().heads_before)
    while listed and tok_from < tok_to and joined(nt, text, tok_from) and connecting(nt, tok_from) is None:
        tok_from += 1
    if tok_to - tok_from > MAX_GAP:
        return False, False
    w = words()
    widened = False
    for t in range(tok_from, tok_to):
        forms = connecting(nt, t)
        if forms is None:
            return False, False
        widened = widened or bool(forms & w.widen)
    end = nt.orig_starts[tok_to] if tok_to < len(nt.orig_starts) else len(text)
    if any(c in BREAKS for c in text[a_end:end]):
        return False, False
    return True, widened


def scope_of(e: GazEntry, widened: bool) -> str:
    """The P-code a mention of this entry bounds: a unit's own; a town's governorate
    when the text widens it ("Aleppo countryside", "ريف حلب"); else none."""
    if not e.pcode:
        return ""
    if e.feature_type in UNITS:
        return e.pcode
    if widened or e.feature_type in AREAS:
        return governorate_code(e.pcode, e.country_code)
    return ""


def _unit_entry(
    cands: list[GazEntry], widened: bool, prior: Prior, unit_of: UnitOf, *, own_unit: bool = False
) -> tuple[GazEntry, str] | None:
    """Where a mention places what lies in it, and the P-code that bounds it: for "Aleppo countryside",
    Aleppo Governorate; for "rural Tal Tamr", "ريف منبج", the town itself (the country around a town
    its province is not named after), bounded by its province; for "ناحية X" (`own_unit`) named
    like its seat, the sub-district."""
    if own_unit and (seat := _seat_unit(cands, prior, unit_of)) is not None:
        return seat
    scoped = [(e, s) for e in cands if (s := scope_of(e, widened))]
    if not scoped:  # a region or a mountain range of ours, known by its point only ("the Hamrin mountains")
        areas = [e for e in cands if e.feature_type in AREAS and e.country_code in settings.FOCUS_COUNTRIES]
        return (max(areas, key=prior), "") if areas else None
    e, scope = max(scoped, key=lambda t: prior(t[0]))
    if e.feature_type in UNITS or e.feature_type in AREAS:
        return e, scope  # a region ("Eastern Ghouta", "eastern Mosul") is placed where it lies, not at its province
    unit = unit_of(scope)
    if unit is not None and e.feature_type in TOWNS and not is_seat(e, unit):
        return e, scope
    return unit or e, scope


def _seat_unit(cands: list[GazEntry], prior: Prior, unit_of: UnitOf) -> tuple[GazEntry, str] | None:
    """The unit whose seat a candidate town is ("ناحية العلم": the town Al-Alam gave its name to it)."""
    seats = [(e, u) for e in cands if e.feature_type in TOWNS and e.pcode and (u := unit_of(e.pcode)) is not None]
    if not seats:
        return None
    e, u = max(seats, key=lambda t: prior(t[0]))
    return (u, e.pcode) if u.feature_type in UNITS else None


def own_unit_word(nt: NormText, m: Match) -> bool:
    """A unit word opens or closes the mention, or stands right before or after it: "ناحية X", "X district"."""
    return any_word(nt, (m.tok_first - 1, m.tok_first, m.tok_last, m.tok_last + 1), words().unit_heads)


def _listed(mentions: list[Match], cands: list[list[GazEntry]], j: int, nt: NormText, text: str) -> bool:
    """The unit is one of a list ("in Raqqa, Deir ez-Zor and Hasakah"): no container.
    A country after it ("Nineveh, Iraq") only says where the unit is."""
    if j + 1 >= len(mentions) or any(e.feature_type == "country" for e in cands[j + 1]):
        return False
    unit = next((e.pcode for e in cands[j] if e.feature_type in UNITS and e.pcode), "")
    if unit and any(  # "Hajin subdistrict, Deir ez-Zor": the province after its sub-district
        e.pcode and e.pcode != unit and unit.startswith(governorate_code(e.pcode, e.country_code) or "-")
        for e in cands[j + 1]
    ):
        return False
    a, b = mentions[j], mentions[j + 1]
    between = [nt.tokens[t] for t in range(a.tok_last + 1, b.tok_first)]
    gap = text[a.end : b.start]
    return b.tok_first - a.tok_last <= 2 and ("," in gap or any(word_forms(t) & rules().conjunctions for t in between))


def containers(r: Reading) -> dict[int, Container]:
    """For each mention followed by connector words and a unit, that unit; a mention listed right
    before another shares its unit ("حيي X وY في حلب", "X and Y in Anbar province")."""
    mentions, cands, nt, text, prior, unit_of = r.mentions, r.cands, r.nt, r.text, r.prior, r.unit_of
    out: dict[int, Container] = {}
    listed: list[int] = []
    for i, a in enumerate(mentions):
        for j in range(i + 1, min(i + 3, len(mentions))):
            b = mentions[j]
            if j == i + 1 and _and_next(nt, text, a, b):
                listed.append(i)
                break
            if j == i + 1 and b.tok_first == a.tok_last + 1 and text[a.end : b.start].strip() in _COMMAS:
                listed.append(i)  # "أحياء X، Y وZ في حلب": X shares Y's unit, unless it has one of its own
            ok, widened = _gap_ok(nt, text, a, b.tok_first)
            if not ok or (b.tok_first == a.tok_last + 1 and not b.prefix and "," not in text[a.end : b.start]):
                break  # "Bustan al-Qasr Salahaddin": names side by side are not one inside the other
            widened = widened or any_word(nt, range(b.tok_first, b.tok_last + 1), words().widen)
            found = _unit_entry(cands[j], widened, prior, unit_of, own_unit=own_unit_word(nt, b))
            quarter = found is None and named_quarter(nt, a)
            part = found is None and _town_part(nt, a)
            if found is None and (quarter or part or any_word(nt, range(a.tok_last + 1, b.tok_last + 1), words().near)):
                # "Zarkan area east of Ras al-Ayn": near that town, whatever namesake abroad it has
                found = _near_target(cands[j], prior)
                quarter = quarter or (part and found is not None and _a_part_of(cands[i], found[0]))
            if found is not None and not _listed(mentions, cands, j, nt, text):
                out[i] = Container(found[0], found[1], b.tok_first, quarter)
                break
    for i in reversed(listed):
        if i + 1 in out and i not in out:
            c = out[i + 1]
            out[i] = c  # a list shares its unit and its head ("the X, Y and Z neighbourhoods of Homs")
    for i in range(1, len(mentions)):
        if i not in out and (owned := _owned_quarter(r, i)) is not None:
            out[i] = owned
    return out


_POSSESSIVE_END = ("'s", "’s", "'", "’")


def _owned_quarter(r: Reading, i: int) -> Container | None:
    """ "Mosul's al-Zahraa neighbourhood", "Aleppo's Sukkari district": a town's name in the possessive
    right before a quarter's (or a part's) makes it a quarter of that town."""
    town, m = r.mentions[i - 1], r.mentions[i]
    owner = r.text[town.start : m.start].rstrip()
    if r.text[town.end : m.start].strip(" '’s") or not owner.endswith(_POSSESSIVE_END):
        return None
    quarter = named_quarter(r.nt, m)
    if not (quarter or _town_part(r.nt, m)) or (found := _near_target(r.cands[i - 1], r.prior)) is None:
        return None
    return Container(found[0], found[1], town.tok_first, quarter or _a_part_of(r.cands[i], found[0]))


def _and_next(nt: NormText, text: str, a: Match, b: Match) -> bool:
    """Mention b is joined to mention a by "and" or "و" alone: listed with it, not its unit."""
    if b.prefix:
        return b.prefix.startswith(tuple(words().joined_conjunctions)) and b.tok_first == a.tok_last + 1
    return b.tok_first == a.tok_last + 2 and bool(word_forms(nt.tokens[a.tok_last + 1]) & rules().conjunctions)


def inside_choice(cands: list[GazEntry], c: Container, prior: Prior) -> GazEntry | None:
    """The namesake inside the unit (for a quarter, in its town), if any."""
    if c.quarter:
        ins = [e for e in cands if e.gid != c.unit.gid and in_town(e, c.unit)]
    else:
        ins = [e for e in cands if e.gid != c.unit.gid and inside(e.pcode, c.scope)]
    return max(ins, key=prior) if ins else None


def in_town(e: GazEntry, town: GazEntry) -> bool:
    return km(e.lat, e.lon, town.lat, town.lon) <= QUARTER_KM


def _a_part_of(cands: list[GazEntry], town: GazEntry) -> bool:
    """'the X district of <town>' names a quarter when X has a namesake in the town, or none in its
    country ("the Basra district of Aleppo"), not when X is a district of that country ("the Hawija
    district of Kirkuk")."""
    return any(in_town(e, town) for e in cands) or all(e.country_code != town.country_code for e in cands)


def _town_part(nt: NormText, m: Match) -> bool:
    """A word that names a part of a town when no unit follows ("the X district of Aleppo"), at the end
    of the mention or right after it."""
    return any_word(nt, (m.tok_last, m.tok_last + 1), words().town_parts)


def named_quarter(nt: NormText, m: Match) -> bool:
    """The mention names a quarter: "حي X", "حيي X وY", "Hay al-X", "the X neighbourhood"."""
    return _quarter_before(nt, m.tok_first) or any_word(nt, (m.tok_last + 1,), words().quarter_heads)


def _near_target(cands: list[GazEntry], prior: Prior) -> tuple[GazEntry, str] | None:
    """The town (or part of a town, "eastern Mosul") of Iraq or Syria a place is near or in."""
    towns = [e for e in cands if e.feature_type in _NEAR_TARGETS and e.country_code in settings.FOCUS_COUNTRIES]
    return (max(towns, key=prior), "") if towns else None


def _quarter_before(nt: NormText, last: int) -> bool:
    """A quarter's head word opens the name that ends at token `last` ("حي X", "Hay al-X"): it lies in the town."""
    return opened_by(nt, last, words().quarter_heads, MAX_NAME)


def _village_target(cands: list[GazEntry], prior: Prior, unit_of: UnitOf) -> tuple[GazEntry, str] | None:
    """Where "the village of X in T" lies: in T's province when the province is named after T ("in
    Idlib", "في حلب": the province, as often as the city), else near the town T ("in Manbij")."""
    found = _near_target(cands, prior)
    if found is None or not found[0].pcode:
        return found
    town = found[0]
    province = unit_of(governorate_code(town.pcode, town.country_code) or "")
    return (province, "") if province is not None and is_seat(town, province) else found


def unresolved_at(m: Match, text: str, c: Container) -> Place:
    """The mention as a place we do not know, placed at its unit."""
    return unresolved(m.start, m.end, text, c.unit)


def unresolved(start: int, end: int, text: str, unit: GazEntry, confidence: float = UNRESOLVED_CONFIDENCE) -> Place:
    surface = text[start:end]
    return Place(
        start=start,
        end=end,
        surface=surface,
        gazetteer_id="",
        name=surface,
        name_ar=surface if is_arabic(surface) else "",
        feature_type="village",
        country_code=unit.country_code,
        lat=unit.lat,
        lon=unit.lon,
        confidence=confidence,
        geo_precision=3 if unit.feature_type == "governorate" or unit.feature_type in AREAS - {"countryside"} else 2,
        resolved=False,
        placed_at=unit.name,
    )


def _names_ending(
    nt: NormText, text: str, t: int, unit_start: int, covered: set[int], *, unit_word: bool
) -> list[tuple[int, int, int]]:
    """The unknown names ending at token t before a unit starting at `unit_start` (`runs`); a quoted name
    ('the village "Um X" west of Manbij') and a name with another in brackets ("Abu Rasin (Zarkan) area
    east of Ras al-Ayn": both) may end before it."""
    gap = text[nt.orig_ends[t] : unit_start]
    if gap[:1] in _CLOSING_QUOTES:
        gap = gap[1:]
    before = None
    if gap[:1] == ")":
        gap, before = gap[1:], _before_brackets(nt, text, t)
    if any(c in BREAKS for c in _DECIMAL.sub("", gap)):  # "2.5 km south of": no sentence ends there
        return []
    names = runs(nt, text, t, covered, unit_word=unit_word, marked=before is not None, placed=True)
    if before is not None:  # the brackets mark the name before them as a place's too, all of it ("Abu X (Y)")
        held = covered | {k for first, last, _ in names for k in range(first, last + 1)}
        names += [n for n in runs(nt, text, before, held, unit_word=True, marked=True) if _whole(nt, text, n[0])]
    return names


def _whole(nt: NormText, text: str, first: int) -> bool:
    """No capitalised word of the same name stands before token `first` ("Abu" of "Abu Rasin")."""
    prev = first - 1
    return prev < 0 or is_arabic(nt.tokens[first]) or not text[nt.orig_starts[prev]].isupper()


def _before_brackets(nt: NormText, text: str, t: int) -> int | None:
    """The token before the opening bracket of the bracketed name that ends at token t, if a word stands there."""
    for k in range(t, max(0, t - MAX_NAME), -1):
        if "(" in text[nt.orig_ends[k - 1] : nt.orig_starts[k]]:
            return k - 1 if text[nt.orig_ends[k - 1] : nt.orig_starts[k]].strip() == "(" else None
    return None


def unknown_places(r: Reading, dropped: frozenset[int] = frozenset()) -> list[Place]:
    """Names the gazetteer lacks, placed at the unit the text puts them in; `dropped`: the mentions
    resolved to no place, whose words may be part of an unknown name."""
    mentions, cands, nt, text, prior, unit_of, known = r.mentions, r.cands, r.nt, r.text, r.prior, r.unit_of, r.known
    covered = {t for j, m in enumerate(mentions) if j not in dropped for t in range(m.tok_first, m.tok_last + 1)}
    covered |= r.taken
    out: list[Place] = []
    for j, b in enumerate(mentions):
        if j in dropped:
            continue
        # walk back over the connector words before the unit's mention
        t = b.tok_first - 1
        # a word of the mention widens it ("ريف حلب", "the northern countryside of Hama") or is the town's own
        widened = any_word(nt, range(b.tok_first, b.tok_last + 1), words().widen)
        near = any_word(nt, range(b.tok_first, b.tok_last + 1), words().near)  # head ("بمدينة حلب", "Aleppo city")
        village = False  # "X village in Manbij"
        while t >= 0 and b.tok_first - t <= MAX_GAP and t not in covered:
            forms = connecting(nt, t)
            if forms is None:
                break
            widened = widened or bool(forms & words().widen)
            near = near or bool(forms & words().near)
            village = village or bool(forms & words().heads_after)
            t -= 1
        if t < 0 or t in covered:
            continue
        if not is_arabic(nt.tokens[t]) and t == b.tok_first - 1 and "," not in text[nt.orig_ends[t] : b.start]:
            continue  # "Syria's Idlib province", "Bab al-Nasr": no word or comma puts it inside the unit
        if listed_with(nt, text, t, b.tok_first, b.prefix):
            continue
        found = _unit_entry(cands[j], widened, prior, unit_of, own_unit=own_unit_word(nt, b))
        if found is None and (near or _quarter_before(nt, t)):
            found = toward(nt, t, b.tok_first, _near_target(cands[j], prior), r.lookup)  # "X town east of Daraa"
        elif found is None and (village or opened_by(nt, t, words().heads_before, MAX_NAME + 1)):  # +1: "of"
            found = _village_target(cands[j], prior, unit_of)  # "قرية X في منبج", "the village of X in Idlib"
        if found is None or _listed(mentions, cands, j, nt, text):
            continue
        unit_word = widened or found[0].feature_type in UNITS
        for first, last, skip in _names_ending(nt, text, t, b.start, covered, unit_word=unit_word):
            if lost_apostrophe(nt, first, last, known):
                continue  # "Syrias Idlib province": a known name with a possessive whose apostrophe was lost
            out.append(unresolved(nt.orig_starts[first] + skip, nt.orig_ends[last], text, found[0]))
            covered.update(range(first, last + 1))
    return out
