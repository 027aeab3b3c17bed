"""Locations named by a common noun: "the city", "a hospital", "مقرات".

"the city" / "المدينة" stands for the city the text is about at that point;
a site lies at the named place of its own sentence (the nearest one), or,
failing that, of the sentence before. Each becomes a place feature tied to
that place, with lower confidence; nothing is guessed without a referent.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from extract.annotated import Annotated, PlaceTok
from extract.context import rules
from extract.datafiles import load_json
from extract.matching import Lexicon
from extract.types import Place, Span
from geodata import settings

CITY, SITE = 0, 1
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
def nominal_lexicon() -> Lexicon:
    """The common nouns of nominals.json, payload CITY ("the city") or SITE ("a hospital")."""
    raw = load_json("nominals.json")
    return Lexicon.build([(p, CITY) for p in raw["city_refs"]] + [(p, SITE) for p in raw["sites"]])


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


def _site_referent(ann: Annotated, sent: Span, prev: Span | None, tok: int) -> PlaceTok | None:
    """The town a site of this sentence lies in: the nearest of the sentence's own, else the last of
    the sentence before, if it lies in the countries of the wider places its own sentence names ("a
    hospital in northwestern Syria": not Geneva, named the sentence before)."""
    first, last = ann.tok_range(sent)
    own = [p for p in ann.places_in(first, last) if not _dateline(ann, p)]
    local = [p for p in own if p.place.feature_type in _LOCAL]
    if local:
        return min(local, key=lambda p: abs(p.tok_first - tok))
    if prev is None:
        return None
    pf, pl = ann.tok_range(prev)
    before = [p for p in ann.places_in(pf, pl) if p.place.feature_type in _LOCAL and not _dateline(ann, p)]
    if not before or (own and before[-1].place.country_code not in {p.place.country_code for p in own}):
        return None
    return before[-1]


def nominal_places(ann: Annotated) -> list[Place]:
    """Place features for common-noun locations that have a referent."""
    text = ann.doc.text
    lex = nominal_lexicon()
    covered = {t for p in ann.places for t in range(p.tok_first, p.tok_last + 1)}
    starts = {p.tok_first for p in ann.places}
    out: list[Place] = []
    prev: Span | None = None
    for sent in ann.sentences:
        for m in ann.matches(lex, sent.start, sent.end):
            start, end = m.start, m.end
            if any(t in covered for t in range(m.tok_first, m.tok_last + 1)):
                continue  # part of a name ("المدينة المنورة", "Tishreen Dam")
            tok = ann.tok_at(start)
            after = ann.tok_at(end)
            if after + (ann.word(after) in rules().genitive) in starts:
                continue  # "the village of Khanasor": the name itself follows
            ref = ann.main_city(tok) if lex.payloads(m)[0] == CITY else _site_referent(ann, sent, prev, tok)
            if ref is None:
                continue
            out.append(
                replace(
                    ref.place,
                    start=start,
                    end=end,
                    surface=text[start:end],
                    feature_type="site" if lex.payloads(m)[0] == SITE else ref.place.feature_type,
                    confidence=round(ref.place.confidence * 0.5, 3),
                )
            )
        prev = sent
    return out
