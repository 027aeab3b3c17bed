"""Movements: ordered journeys ("هاربة من مدينة الرقة باتجاه الحسكة ومن ثم إلى
منطقة البعاج", "fled Raqqa for Hasakah", "arrived in Mosul").

Within a sentence that holds a movement word, each place takes a role from
the word before it (from / to / via); places that only describe another
("الواقعة في ...", "located in") are not waypoints; "المدينة" / "the city"
after a role word stands for the city the text is about. The journey runs
from its origin through the other waypoints in text order and ends where
the text says the movers arrived.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from extract.annotated import Annotated, PlaceTok
from extract.lexicons import cues, families_of, phrase_lexicon
from extract.numbers import counts_in
from extract.types import DateRef, Movement, Place, Span
from extract.wordforms import word_forms


def _city_refs(ann: Annotated, first: int, last: int) -> list[PlaceTok]:
    """'المدينة' / 'the city' resolved to the city the text is about."""
    s, e = ann.nt.orig_starts[first], ann.nt.orig_ends[last]
    out = []
    for m in ann.matches(phrase_lexicon("city_refs"), s, e):
        a, b = m.tok_first, m.tok_last
        if any(p.tok_first <= a <= p.tok_last for p in ann.places):
            continue  # part of a name ("المدينة المنورة")
        city = ann.main_city(a)
        if city:
            ref = replace(
                city.place,
                start=m.start,
                end=m.end,
                surface=ann.doc.text[m.start : m.end],
                confidence=round(city.place.confidence * 0.8, 3),
            )
            out.append(PlaceTok(ref, a, b))
    return out


def _role(ann: Annotated, p: PlaceTok, triggers: list[int], have_stops: bool) -> str:
    c = cues()
    if ann.cue_before(p, "from_words") is not None:
        return "from"
    if ann.cue_before(p, "arrive_words") is not None:  # "arrived in Mosul", "وصلت الموصل"
        return "arrive"
    if ann.cue_before(p, "via_words") is not None:
        return "via"
    i = ann.cue_before(p, "to_words")
    if i is None:
        # "من القامشلي فالحسكة": ف joins the next stop of the same journey
        start = p.place.start
        if have_stops and start > 0 and ann.doc.text[start - 1] in c["continuation_proclitics"]:
            return "to"
        return ""
    before = [t for t in triggers if t < i]
    if before and ann.word(before[-1]) in c["arrive_words"]:
        return "arrive"
    return "to"


def _waypoints(ann: Annotated, cands: list[PlaceTok], triggers: list[int]) -> tuple[list[PlaceTok], list[str]]:
    kept: list[PlaceTok] = []
    roles: list[str] = []
    for p in cands:
        prev_end = kept[-1].tok_last + 1 if kept else triggers[0]
        role = _role(ann, p, triggers, bool(kept))
        if not role:
            continue
        if role in ("to", "from") and ann.has_word(prev_end, p.tok_first - 1, "describe_words") is not None:
            continue  # "البعاج الواقعة في ... من الموصل": a description, not a stop
        kept.append(p)
        roles.append(role)
    return kept, roles


def _order(stops: list[PlaceTok], roles: list[str]) -> list[Place]:
    """Origin, then the places passed through, then destinations in text order,
    then where the movers arrived."""
    by_role = {r: [p for p, q in zip(stops, roles, strict=True) if q == r] for r in ("from", "via", "to", "arrive")}
    ordered: list[Place] = []
    for p in by_role["from"][:1] + by_role["from"][1:] + by_role["via"] + by_role["to"] + by_role["arrive"]:
        if not ordered or ordered[-1].gazetteer_id != p.place.gazetteer_id:
            ordered.append(p.place)
    return ordered


def _origin_before(ann: Annotated, first: int, trigger: int) -> PlaceTok | None:
    """'... في الرقة موجة هروب ... باتجاه الموصل': where the movers were."""
    before = [p for p in ann.places_in(first, trigger - 1) if p.place.feature_type != "country"]
    for p in reversed(before):
        i = ann.cue_before(p, "from_words")
        if i is not None or ann.word(p.tok_first - 1) in cues()["origin_words"]:
            return p
    return None


def _segments(ann: Annotated, first: int, last: int, triggers: list[int]) -> list[tuple[int, int, list[int]]]:
    """Split a sentence where a new journey starts ('..., فيما توجهت عائلات أخرى إلى ...')."""
    breaks = [
        i
        for i in range(first + 1, last + 1)
        if ann.has_word(i, i, "clause_breaks") is not None and any(t >= i for t in triggers)
    ]
    bounds = [first, *breaks, last + 1]
    out = []
    for a, b in pairwise(bounds):
        trig = [t for t in triggers if a <= t < b]
        if trig:
            out.append((a, b - 1, trig))
    return out


def _movement(
    ann: Annotated,
    seg: tuple[int, int, list[int]],
    sent: Span,
    *,
    origin: PlaceTok | None,
    default_date: DateRef | None,
) -> tuple[Movement | None, PlaceTok | None]:
    first, last, triggers = seg
    t0 = triggers[0]
    cands = sorted(ann.places_in(t0, last) + _city_refs(ann, t0, last), key=lambda p: p.tok_first)
    cands = [p for p in cands if p.place.feature_type != "country" or len(cands) <= 3]
    stops, roles = _waypoints(ann, cands, triggers)
    if stops and "from" not in roles:
        start = _origin_before(ann, first, t0) or origin
        if start:
            stops, roles = [start, *stops], ["from", *roles]
    waypoints = _order(stops, roles)
    first_origin = next((p for p, r in zip(stops, roles, strict=True) if r == "from"), origin)
    if len(waypoints) < 2:
        return None, first_origin
    counts = counts_in(ann.nt, max(first, t0 - 6), last)
    count = min(counts, key=lambda c: abs(c.tok_first - t0)) if counts else None
    actors = ann.actors_in(t0, last) or ann.actors_in(ann.tok_range(sent)[0], t0)
    actor = actors[0] if actors else None
    if actor and count is not None and count.unit == "families":  # "70 عائلة لكبار القياديين في داعش"
        families = families_of(actor.actor_id)
        if families:
            actor = replace(
                actor,
                actor_id=families.actor_id,
                name=families.name,
                actor_type=families.actor_type,
                family=families.family,
            )
    dates = ann.dates_in(sent)
    trigger = Span(ann.nt.orig_starts[t0], ann.nt.orig_ends[t0])
    return Movement(
        waypoints=tuple(waypoints),
        start=sent.start,
        end=sent.end,
        trigger=trigger,
        actor=actor,
        count=count.value if count else None,
        unit=count.unit if count else "",
        date=dates[0] if dates else default_date,
    ), first_origin


def _is_trigger(word: str, trig_words: frozenset[str]) -> bool:
    """A movement word, also with a proclitic or the article (بوصول, بالخروج, النزوح)
    or a plural/feminine ending (انسحبوا)."""
    return bool(word_forms(word, article=True, endings=True) & trig_words)


def movements_in(ann: Annotated, default_date: DateRef | None) -> list[Movement]:
    out = []
    trig_words = cues()["movement_triggers"]
    for sent in ann.sentences:
        first, last = ann.tok_range(sent)
        triggers = [i for i in range(first, last + 1) if _is_trigger(ann.word(i), trig_words)]
        origin = None
        for seg in _segments(ann, first, last, triggers) if triggers else []:
            move, origin = _movement(ann, seg, sent, origin=origin, default_date=default_date)
            if move:
                out.append(move)
    return out
