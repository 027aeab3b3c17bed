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

from extract.annotated import TOWNS, Annotated, PlaceTok
from extract.context import rules
from extract.datafiles import load_json
from extract.matching import Lexicon, Match
from extract.types import Place, Span
from extract.wordforms import word_forms
from geodata import settings

CITY, SITE, PART, CITY_HEAD = 0, 1, 2, 3
MAX_DESCRIPTION = 4  # words between a determiner and its city noun ("the country's second-largest city")
_POSSESSIVE = ("'s", "\u2019s")
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
    return {
        "definite": frozenset(raw["definite"]),
        "definite_prefixes": frozenset(raw["definite_prefixes"]),
        "not_in_descriptions": frozenset(raw["not_in_descriptions"]),
    }


@cache
def nominal_lexicon() -> Lexicon:
    """The common nouns of nominals.json, payload CITY ("the city"), SITE ("a hospital"), PART ("neighborhoods")
    or CITY_HEAD (a city noun that a description may open: `city_reference`)."""
    raw = load_json("nominals.json")
    return Lexicon.build(
        [(p, CITY) for p in raw["city_refs"]]
        + [(p, SITE) for p in raw["sites"]]
        + [(p, PART) for p in raw["town_parts"]]
        + [(p, CITY_HEAD) for p in raw["city_heads"]]
    )


def _described_from(ann: Annotated, head: int, named: set[int]) -> int | None:
    """The first token of a definite description that ends at the city noun at token `head`: its determiner
    ("the fortified city", "the country's second-largest city") or a possessive ("ISIL's self-proclaimed
    capital"), over lower-case words joined by spaces or hyphens and no place's (`named`: "Syria's largest
    city" names Syria); None when there is none."""
    text, nt, words = ann.doc.text, ann.nt, nominal_words()
    for k in range(head - 1, max(-1, head - 2 - MAX_DESCRIPTION), -1):
        if k in named or text[nt.orig_ends[k] : nt.orig_starts[k + 1]] not in (" ", "-"):
            return None
        word, surface = ann.word(k), text[nt.orig_starts[k] : nt.orig_ends[k]]
        if word in words["definite"]:
            return k
        if surface.endswith(_POSSESSIVE):
            return k - 1 if ann.word(k - 1) in words["definite"] else k  # "the country's", "ISIL's"
        if not surface.islower() or word in words["not_in_descriptions"]:
            return None
    return None


def apposed_town(ann: Annotated, first: int) -> PlaceTok | None:
    """The town a phrase opening at token `first` is set beside with a comma ("Jarablus, the last town the
    militants hold"): the phrase stands for it, wherever the text is at that point."""
    before = [p for p in ann.places_in(first - 1, first - 1) if p.tok_last == first - 1]
    if not before or ann.doc.text[before[-1].place.end : ann.nt.orig_starts[first]].strip() != ",":
        return None
    return before[-1] if before[-1].place.feature_type in _LOCAL else None


def city_reference(ann: Annotated, m: Match, named: set[int]) -> int | None:
    """The first token of a phrase ending with match `m` that stands for the city the text is about: a
    city_refs phrase ("the city", "المدينة"), or a city noun and the definite description before it ("the
    besieged city"); None for other matches, or a city noun without one."""
    kind = nominal_lexicon().payloads(m)[0]
    if kind == CITY:
        return m.tok_first
    return _described_from(ann, m.tok_first, named) if kind == CITY_HEAD else None


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
            if kind in (CITY, CITY_HEAD):
                first = city_reference(ann, m, covered)
                if first is None:
                    continue
                if first != m.tok_first:  # a description before the city noun opens the phrase
                    tok, start = first, ann.nt.orig_starts[first]
                since = ann.tok_range(sent)[0]
                ref = apposed_town(ann, tok) or introduced_as(ann, m.tok_last, tok, since) or ann.main_city(tok)
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
                    feature_type=ref.place.feature_type if kind in (CITY, CITY_HEAD) else "site",
                    confidence=round(ref.place.confidence * 0.5, 3),
                )
            )
        if prev is not None:
            earlier = _last_town(ann, prev, earlier)
        prev = sent
    return out


def introduced_as(ann: Annotated, noun: int, before: int, since: int) -> PlaceTok | None:
    """The last place named with the reference's own noun before token `before` ("بلدة الهول" ... "البلدة",
    "the town of Tal Tamr" ... "the town"): a definite noun refers back to what it introduced; but not
    past a town named in its own sentence (from token `since`: "rebels fire into the city from Damascus's
    outskirts" is Damascus whatever city came before), nor to a town abroad."""
    if any(p.place.feature_type in TOWNS for p in ann.places_in(since, before - 1)):
        return None
    head = word_forms(ann.word(noun), article=True)
    for p in reversed(ann.places):
        if p.tok_last >= before or p.tok_first == noun or p.place.feature_type not in TOWNS:
            continue
        if p.place.country_code not in settings.FOCUS_COUNTRIES:
            continue  # "the Russian city of Yekaterinburg", said in passing: not what a report's "the city" is
        of = p.tok_first - 2 if ann.word(p.tok_first - 1) in rules().genitive else p.tok_first - 1
        around = (p.tok_first, p.tok_last, of, p.tok_last + 1)  # "بلدة الهول", "Aleppo city", "the town of X"
        if any(head & word_forms(ann.word(t), article=True) for t in around if 0 <= t < before):
            return p
    return None
