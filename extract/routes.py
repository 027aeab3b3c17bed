"""Routes: named roads and "the road linking X and Y", with who holds them.

A road mention (طريق, الطريق السريع, road, highway, M4 ...) takes its places
from a linking phrase ("الذي يربط الرقة بالموصل", "between X and Y"), a
hyphenated pair ("طريق الموصل-أربيل", "the Aleppo-Damascus highway") or one
anchor town next to it ("طريق سنجار", "the Sinjar road"). Control comes from a
control word and an actor before the road in the same sentence.
"""

from __future__ import annotations

from extract.annotate import Annotated, PlaceTok
from extract.lexicons import cues, direction_adjectives, phrase_lexicon
from extract.types import Route, Span

_LINK_REACH = 6


def _road_mentions(ann: Annotated, first: int, last: int) -> list[tuple[int, int, str]]:
    """(first token, last token, surface) of road words inside the tokens."""
    text = ann.doc.text
    out = []
    s, e = ann.nt.orig_starts[first], ann.nt.orig_ends[last]
    for name in ("road_words", "named_roads"):
        for m in phrase_lexicon(name).find(text[s:e]):
            a, b = ann.tok_at(s + m.start), ann.tok_at(s + m.end) - 1
            out.append((a, b, text[s + m.start : s + m.end]))
    out.sort()
    kept: list[tuple[int, int, str]] = []
    for r in out:  # named roads inside road phrases: keep the longest
        if kept and r[0] <= kept[-1][1]:
            if r[1] - r[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = r
            continue
        kept.append(r)
    return kept


def _linked(ann: Annotated, road: tuple[int, int, str], places: list[PlaceTok], last: int) -> list[PlaceTok]:
    link = ann.has_word(road[1] + 1, min(last, road[1] + _LINK_REACH), "road_link_words")
    if link is None:
        return []
    after = [p for p in places if p.tok_first > link and p.tok_first - link <= _LINK_REACH + 4]
    return after[:2] if len(after) >= 2 else after


def _hyphen_pair(ann: Annotated, road: tuple[int, int, str], places: list[PlaceTok]) -> list[PlaceTok]:
    text = ann.doc.text
    for i, p in enumerate(places[:-1]):
        q = places[i + 1]
        joined = text[p.place.end : q.place.start].strip() in {"-", "–", "—", "/"}
        near_after = 0 < p.tok_first - road[1] <= 2
        near_before = 0 < road[0] - q.tok_last <= 1
        if joined and (near_after or near_before):
            return [p, q]
    return []


def _anchor(ann: Annotated, road: tuple[int, int, str], places: list[PlaceTok]) -> list[PlaceTok]:
    for p in places:
        if p.place.feature_type in {"country", "sea", "region"}:
            continue
        if p.tok_first == road[1] + 1 or p.tok_last == road[0] - 1:
            return [p]
    return []


def _direction(ann: Annotated, road: tuple[int, int, str], via: list[PlaceTok]) -> str:
    adj = direction_adjectives()
    for i in (via[-1].tok_last + 1 if via else road[1] + 1, road[0] - 1):
        d = adj.get(ann.word(i))
        if d:
            return d
    return ""


def _controller(ann: Annotated, road: tuple[int, int, str], first: int) -> str:
    """The actor a control word gives the road to ('سيطرة القوات الكردية على الطريق')."""
    ctl = None
    for i in range(road[0] - 1, first - 1, -1):
        if ann.word(i) in cues()["road_control"]:
            ctl = i
            break
        if ann.has_word(i, i, "road_words") is not None and i < road[0]:
            break  # another road stands between
    if ctl is None:
        return ""
    near = [a for a in ann.actors_in(first, road[0] - 1)]
    if not near:
        return ""
    return min(near, key=lambda a: abs(a.tok_first - ctl)).name


def _status(ann: Annotated, road: tuple[int, int, str], last: int) -> str:
    after = range(road[1] + 1, min(last, road[1] + 8) + 1)
    for kind, label in (("road_cut", "cut"), ("road_use", "used")):
        hit = next((i for i in after if ann.word(i) in cues()[kind]), None)
        if hit is not None:
            actor = next((a.name for a in ann.actors_in(hit, min(last, hit + 6))), "")
            return f"{label} by {actor}" if actor else label
    return ""


def routes_in(ann: Annotated) -> list[Route]:
    """Routes of the document, one per distinct road."""
    out: dict[tuple[str, ...], Route] = {}
    for sent in ann.sentences:
        first, last = ann.tok_range(sent)
        places = ann.places_in(first, last)
        for road in _road_mentions(ann, first, last) if places else []:
            via = _linked(ann, road, places, last) or _hyphen_pair(ann, road, places) or _anchor(ann, road, places)
            named = road[2] if any(c.isdigit() for c in road[2]) else ""
            if not via and not named:
                continue
            direction = _direction(ann, road, via)
            label = "–".join(p.place.name for p in via)
            name = " ".join(x for x in (direction, named or "", label, "" if named else "road") if x).strip()
            key = (named, *sorted(p.place.gazetteer_id for p in via))
            route = Route(name=name, via=tuple(p.place for p in via), start=sent.start, end=sent.end,
                          controlled_by=_controller(ann, road, first), status=_status(ann, road, last))
            if via and (key not in out or (route.controlled_by and not out[key].controlled_by)):
                out[key] = route
    return list(out.values())


def route_span(r: Route) -> Span:
    return Span(r.start, r.end)
