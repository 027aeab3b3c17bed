"""Locations named by a common noun: "the city", "a hospital", "مقرات".

"the city" / "المدينة" stands for the city the text is about at that point;
a site lies at the named place of its own sentence (the nearest town, else
the nearest province or region: "two villages in Idlib province"), or,
failing that, at the town of the sentence before; a definite one ("the hospital",
"المستشفى") in a sentence that names no place, at the last town of Iraq or
Syria its paragraph has named, unless the text has moved on to a wider
place or abroad since. Each becomes a place feature tied to that place, with
lower confidence; nothing is guessed without a referent.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from extract.annotated import Annotated, PlaceTok
from extract.context import rules
from extract.datafiles import load_json
from extract.matching import Lexicon, Match
from extract.types import Place, Span
from geodata import settings

CITY, SITE, PART = 0, 1, 2
_LOCAL = frozenset(
    {
        "city",
        "town",
        "village",
        "district",
        "neighbourhood",
        "camp",
        "dam",
        "airbase",
        "airport",
        "border_crossing",
        "oilfield",
    }
)


@cache
def nominal_words() -> dict[str, frozenset[str]]:
    """The words that make a site definite: determiners before it, and Arabic's article on it."""
    raw = load_json("nominals.json")
    return {"definite": frozenset(raw["definite"]), "definite_prefixes": frozenset(raw["definite_prefixes"])}


@cache
def nominal_lexicon() -> Lexicon:
    """The common nouns of nominals.json, payload CITY ("the city"), SITE ("a hospital") or PART ("neighborhoods")."""
    raw = load_json("nominals.json")
    return Lexicon.build(
        [(p, CITY) for p in raw["city_refs"]]
        + [(p, SITE) for p in raw["sites"]]
        + [(p, PART) for p in raw["town_parts"]]
    )


_AREAS = frozenset({"governorate", "region", "countryside"})  # a site's own sentence may put it in one
DATELINE_ENDS = "(-,:\u2013\u2014"  # what follows a dateline's town: "MOSCOW (Sputnik)", "MOSUL, Iraq -"


def _dateline(ann: Annotated, p: PlaceTok) -> bool:
    """'MOSCOW (Sputnik) - ...', 'بيروت - أ ف ب': a town abroad that a report was filed from (the body's
    dateline, or a town in capitals before a bracket or a dash) is where the reporter was, not where
    the sites of a report on Iraq or Syria lie; "ALEPPO (Reuters)" may well be where they lie."""
    if p.place.country_code in settings.FOCUS_COUNTRIES:
        return False
    dl = ann.doc.dateline
    if dl is not None and dl.start <= p.place.start < dl.end:
        return True
    surface = p.place.surface
    rest = ann.doc.text[p.place.end : p.place.end + 3].lstrip()
    return len(surface) > 3 and surface.isupper() and bool(rest) and rest[0] in DATELINE_ENDS


def _local_places(ann: Annotated, span: Span, types: frozenset[str] = _LOCAL) -> list[PlaceTok]:
    """The towns and local sites a sentence names (or places of other `types`), not a dateline's town abroad."""
    first, last = ann.tok_range(span)
    return [p for p in ann.places_in(first, last) if p.place.feature_type in types and not _dateline(ann, p)]


def _site_referent(
    ann: Annotated, sent: Span, prev: Span | None, tok: int, areas: frozenset[str] = _AREAS
) -> PlaceTok | None:
    """The place a site of this sentence lies in: the nearest town of the sentence's own, else its
    nearest province or region ("villages in eastern Ghouta", "two villages in Idlib province"), else
    the last town of the sentence before, if it lies in the countries its own sentence names ("a
    hospital in northwestern Syria": not Geneva, named the sentence before), of the kinds in `areas`."""
    first, last = ann.tok_range(sent)
    own = [p for p in ann.places_in(first, last) if not _dateline(ann, p)]
    local = [p for p in own if p.place.feature_type in _LOCAL] or [p for p in own if p.place.feature_type in areas]
    if local:
        return min(local, key=lambda p: abs(p.tok_first - tok))
    before = (_local_places(ann, prev) or _local_places(ann, prev, areas)) if prev is not None else []
    if not before or (own and before[-1].place.country_code not in {p.place.country_code for p in own}):
        return None
    return before[-1]


def _definite(ann: Annotated, m: Match) -> bool:
    """'the hospital', 'the town's mosque', 'this headquarters', 'المستشفى': a definite site refers back
    to one the text has placed; 'a hospital' or 'hospitals' may be new, or any."""
    words = nominal_words()
    first = ann.word(m.tok_first)
    if first in words["definite"] or first.startswith(tuple(words["definite_prefixes"])):
        return True
    return any(ann.word(i) in words["definite"] for i in range(max(0, m.tok_first - 2), m.tok_first))


def _last_town(ann: Annotated, sent: Span, before: PlaceTok | None) -> PlaceTok | None:
    """The town of Iraq or Syria a sentence leaves the reader in: its last place if that is one; none if
    that is wider or abroad ("... in rebel-held Idlib province"); the one before if it names none, or
    only that town's country ("near Sarmada, Syria")."""
    first, last = ann.tok_range(sent)
    named = [p for p in ann.places_in(first, last) if not _dateline(ann, p)]
    if not named:
        return before
    if named[-1].place.feature_type == "country":
        below = [p for p in named if p.place.feature_type != "country"]
        town = below[-1] if below else before
        return town if town is not None and town.place.country_code == named[-1].place.country_code else None
    town = named[-1]
    return town if town.place.feature_type in _LOCAL and town.place.country_code in settings.FOCUS_COUNTRIES else None


def _earlier_referent(ann: Annotated, sent: Span, m: Match, earlier: PlaceTok | None) -> PlaceTok | None:
    """A definite site in a sentence that names no place lies in the last town of Iraq or Syria named
    earlier in its paragraph: "... entered Mosul's al-Zuhour district. [...] The hospital was retaken"."""
    if earlier is None or not _definite(ann, m):
        return None
    first, last = ann.tok_range(sent)
    return None if ann.places_in(first, last) else earlier


def nominal_places(ann: Annotated) -> list[Place]:
    """Place features for common-noun locations that have a referent."""
    text = ann.doc.text
    lex = nominal_lexicon()
    covered = {t for p in ann.places for t in range(p.tok_first, p.tok_last + 1)}
    starts = {p.tok_first for p in ann.places}
    out: list[Place] = []
    prev: Span | None = None
    earlier: PlaceTok | None = None  # the last town of Iraq or Syria named before the sentence before
    for sent in ann.sentences:
        if prev is not None and "\n" in text[prev.end : sent.start]:
            earlier = None  # a new paragraph
        for m in ann.matches(lex, sent.start, sent.end):
            start, end = m.start, m.end
            if any(t in covered for t in range(m.tok_first, m.tok_last + 1)):
                continue  # part of a name ("المدينة المنورة", "Tishreen Dam")
            tok = ann.tok_at(start)
            after = ann.tok_at(end)
            if after + (ann.word(after) in rules().genitive) in starts:
                continue  # "the village of Khanasor": the name itself follows
            kind = lex.payloads(m)[0]
            if kind == CITY:
                ref = ann.main_city(tok)
            else:
                areas = _AREAS - {"countryside"} if kind == PART else _AREAS  # a town's part: not in its countryside
                ref = _site_referent(ann, sent, prev, tok, areas) or _earlier_referent(ann, sent, m, earlier)
            if ref is None:
                continue
            out.append(
                replace(
                    ref.place,
                    start=start,
                    end=end,
                    surface=text[start:end],
                    feature_type=ref.place.feature_type if kind == CITY else "site",
                    confidence=round(ref.place.confidence * 0.5, 3),
                )
            )
        if prev is not None:
            earlier = _last_town(ann, prev, earlier)
        prev = sent
    return out
