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

from extract.annotated import TOWNS, Annotated, PlaceTok
from extract.context import rules
from extract.nominals import apposed_town, city_reference, introduced_as, nominal_lexicon


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
