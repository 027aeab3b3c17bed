"""Unnamed towns in events: "the city", "المدينة", "البلدة" standing for the town of the text.

A report names its town once and then says "in the outskirts of the city" ("the besieged city") or
"في محيط المدينة" (`data/nominals.json` `city_refs`). For an event such a
phrase is the town named before it in its sentence, else the town the article
is about (its dateline, else its most named town; past a dateline in a capital,
the town its headline or first sentence names), else the town named last
before it; not when it is part of a name or
the name follows ("the city of Mosul"). The reference keeps its own span, the
words that refer, as the evidence of the event's location.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from extract.annotated import TOWNS, Annotated, PlaceTok
from extract.context import rules
from extract.lexicons import cue_union, event_cues, site_refs
from extract.matching import Lexicon
from extract.nominals import apposed_town, city_reference, introduced_as, nominal_lexicon
from extract.wordforms import word_forms


@cache
def _site_lexicon() -> tuple[Lexicon, tuple[str, ...]]:
    """'the airport', 'السد' ... (journeys.json `site_refs`), each with the feature type it stands for."""
    refs = site_refs()
    kinds = tuple(refs)
    return Lexicon.build((w, k) for k, kind in enumerate(kinds) for w in refs[kind]), kinds


def named_sites(ann: Annotated, s: int, e: int, cues_before: frozenset[str]) -> list[tuple[PlaceTok, int, int]]:
    """'the airport' / 'المطار', 'the dam' / 'السد' in characters s..e right after a word of `cues_before`: the
    site of that kind the text named last before, with the reference's first and last tokens; none when the
    text named none, nor when the words are part of a name ("the dam" of "the Mosul Dam")."""
    lex, kinds = _site_lexicon()
    out = []
    for m in ann.matches(lex, s, e):
        if any(p.tok_first <= m.tok_first <= p.tok_last for p in ann.places):
            continue
        if not word_forms(ann.word(m.tok_first - 1), endings=True) & cues_before:
            continue
        kind = kinds[lex.payloads(m)[0]]
        named = next(
            (p for p in reversed(ann.places) if p.tok_last < m.tok_first and p.place.feature_type == kind), None
        )
        if named is not None:
            out.append((named, m.tok_first, m.tok_last))
    return out


def site_references(ann: Annotated, first: int, last: int) -> list[PlaceTok]:
    """The unnamed sites of tokens first..last that a deed happened at: "SDF positions at the eastern approaches
    to the dam", "هجوم على المطار", "jets bombed the field" (after a locative, a word of the way or a verb of
    striking), as the site named last before."""
    s, e = ann.nt.orig_starts[first], ann.nt.orig_ends[last]
    before = event_cues()["locatives"] | cue_union("from_words", "to_words", "via_words") | event_cues()["object_verbs"]
    out = []
    for named, a, b in named_sites(ann, s, e, before):
        start, end = ann.nt.orig_starts[a], ann.nt.orig_ends[b]
        out.append(PlaceTok(replace(named.place, start=start, end=end, surface=ann.doc.text[start:end]), a, b))
    return out


def town_references(ann: Annotated, first: int, last: int) -> list[PlaceTok]:
    """The unnamed town phrases among tokens first..last, as places."""
    if first > last:
        return []
    lex = nominal_lexicon()
    named = {t for p in ann.places_in(first, last + 3) for t in range(p.tok_first, p.tok_last + 1)}
    starts = {p.tok_first for p in ann.places_in(first, last + 3)}
    out = []
    for m in ann.matches(lex, ann.nt.orig_starts[first], ann.nt.orig_ends[last]):
        opens = city_reference(ann, m, named)
        if opens is None or opens < first or any(t in named for t in range(m.tok_first, m.tok_last + 1)):
            continue
        after = m.tok_last + 1
        if after + (ann.word(after) in rules().genitive) in starts:
            continue  # "the village of Khanasor": the name itself follows
        last_named = ann.main_city(opens)
        story = ann.event_focus()  # past a dateline in a capital: the town the headline names
        story = story if story is not None and story.place.feature_type in TOWNS else ann.focus_place()
        story = None if story is not None and ann.written_at(story) else story  # not the bureau's city
        town: PlaceTok | None = introduced_as(ann, m.tok_last, opens, first) or story or last_named
        if last_named is not None and first <= last_named.tok_first and last_named.tok_last < opens:
            town = last_named  # "seized Sinjar after the Peshmerga withdrew from the town"
        town = apposed_town(ann, opens) or town  # "toward Jarablus, the last town they hold"
        if town is None:
            continue
        start = m.start if opens == m.tok_first else ann.nt.orig_starts[opens]  # "للمدينة": the noun's own
        place = replace(town.place, start=start, end=m.end, surface=ann.doc.text[start : m.end])
        out.append(PlaceTok(place, opens, m.tok_last))
    return out
