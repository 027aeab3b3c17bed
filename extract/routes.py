"""Routes: named roads and "the road linking X and Y", with who holds them.

A road mention (طريق, الطريق السريع, road, highway, M4 ...) takes its places
from a linking phrase ("الذي يربط الرقة بالموصل", "between X and Y"), a
hyphenated pair ("طريق الموصل-أربيل", "the Aleppo-Damascus highway") or one
anchor town next to it ("طريق سنجار", "the Sinjar road"). Control comes from a
control word and an actor before the road in the same sentence.
"""

from __future__ import annotations

from dataclasses import replace

from extract.annotated import Annotated, PlaceTok
from extract.lexicons import cues, direction_adjectives, phrase_lexicon
from extract.types import ActorMention, Route, Span
from extract.wordforms import proclitic
from geodata.geometry import km

_LINK_REACH = 6
_LINK_GAP = 1  # words allowed between a road and its link word ("the highway that links")
_CONTROL_REACH = 8  # words a control word may stand before its road
_WIDE = frozenset({"country", "sea", "region"})
Road = tuple[int, int, str]


def _road_mentions(ann: Annotated, first: int, last: int) -> list[tuple[int, int, str]]:
    """(first token, last token, surface) of road words inside the tokens."""
    if last < first:  # a sentence without words ("—", "* * *")
        return []
    text = ann.doc.text
    out = []
    s, e = ann.nt.orig_starts[first], ann.nt.orig_ends[last]
    for name in ("road_words", "named_roads"):
        for m in ann.matches(phrase_lexicon(name), s, e):
            out.append((m.tok_first, m.tok_last, text[m.start : m.end]))
    out.sort()
    kept: list[tuple[int, int, str]] = []
    for r in out:  # named roads inside road phrases: keep the longest
        if kept and r[0] <= kept[-1][1]:
            if r[1] - r[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = r
            continue
        if kept and r[0] == kept[-1][1] + 1:  # "M4 highway", "طريق M4": one road
            a = kept[-1]
            kept[-1] = (a[0], r[1], a[2] if any(c.isdigit() for c in a[2]) else r[2])
            continue
        kept.append(r)
    return kept


def _linked(ann: Annotated, road: Road, places: list[PlaceTok], last: int) -> tuple[list[PlaceTok], int]:
    """The places a link word after the road joins, and how many words stand
    between the road and the link word."""
    link = ann.has_word(road[1] + 1, min(last, road[1] + _LINK_REACH), "road_link_words")
    if link is None:
        return [], 0
    after = [p for p in places if p.tok_first > link and p.tok_first - link <= _LINK_REACH + 4]
    return (after[:2] if len(after) >= 2 else after), link - road[1] - 1


def _via(ann: Annotated, road: Road, places: list[PlaceTok], last: int) -> list[PlaceTok]:
    """The road's places: a linking phrase, a hyphenated pair or an anchor town.
    A town next to the road word beats a link phrase that stands further off
    ('the Baaj road to move between Iraq and Syria') or joins only countries."""
    linked, gap = _linked(ann, road, places, last)
    anchor = _anchor(ann, road, places)
    if linked and anchor and (gap > _LINK_GAP or all(p.place.feature_type in _WIDE for p in linked)):
        linked = []
    return linked or _hyphen_pair(ann, road, places) or anchor


def _hyphen_pair(ann: Annotated, road: Road, places: list[PlaceTok]) -> list[PlaceTok]:
    text = ann.doc.text
    for i, p in enumerate(places[:-1]):
        q = places[i + 1]
        joined = text[p.place.end : q.place.start].strip() in {"-", "–", "—", "/"}
        near_after = 0 < p.tok_first - road[1] <= 2
        near_before = 0 < road[0] - q.tok_last <= 1
        if joined and (near_after or near_before):
            return [p, q]
    return []


def _anchor(ann: Annotated, road: Road, places: list[PlaceTok]) -> list[PlaceTok]:
    for p in places:
        if p.place.feature_type in _WIDE:
            continue
        if p.tok_first == road[1] + 1 or p.tok_last == road[0] - 1:
            return [p]
    return []


def _direction(ann: Annotated, road: Road, via: list[PlaceTok]) -> str:
    """A direction adjective after the road's places ('طريق البعاج الجنوبي'), before
    the road word ('the southern road') or before an anchor that precedes it
    ('the southern Baaj road')."""
    adj = direction_adjectives()
    spots = [via[-1].tok_last + 1 if via else road[1] + 1, road[0] - 1]
    if via and via[0].tok_last < road[0]:
        spots.append(via[0].tok_first - 1)
    for i in spots:
        d = adj.get(ann.word(i))
        if d:
            return d
    return ""


def _control_word(ann: Annotated, road: Road, first: int, last: int, kind: str) -> int | None:
    """A control (cut, use) word before the road with no other road between, else
    one after it in the same clause ('which the SDF controls', 'تحت سيطرة') unless
    a later road follows it closely: that road is the one it speaks of ('after
    the Peshmerga took control of the Sinjar road').
    An aim ('to cut the road', 'للسيطرة على') is no control."""
    for i in range(road[0] - 1, max(first, road[0] - _CONTROL_REACH) - 1, -1):
        if ann.has_word(i, i, kind) is not None:
            aim = ann.word(i - 1) in cues()["road_aim_before"] or proclitic(ann.word(i)) in cues()["aim_proclitics"]
            return None if aim else i
        if ann.has_word(i, i, "road_words") is not None:
            break
    for i in range(road[1] + 1, min(last, road[1] + 12) + 1):
        if ann.has_word(i, i, "road_words") is not None:
            break
        if ann.has_word(i, i, kind) is not None:
            later_road = ann.has_word(i + 1, min(last, i + _CONTROL_REACH), "road_words")
            return i if later_road is None else None
    return None


def _actor_near(ann: Annotated, i: int, first: int, last: int, road: Road) -> ActorMention | None:
    """The actor of a control word: its subject before it ('The SDF controls the
    road', 'after cutting' -> the sentence's subject) when the word stands before
    the road, else the nearest ('under Islamic State control')."""
    acts = [a for a in ann.actors_in(first, last) if not (road[0] <= a.tok_first <= road[1])]
    if i < road[0]:
        before = [a for a in acts if a.tok_last < i]
        after_word = [a for a in acts if i < a.tok_first < road[0]]  # "سيطرة القوات الكردية على الطريق"
        if after_word:
            return after_word[0]
        if before:
            return before[-1]
    if not acts:
        return None
    return min(acts, key=lambda a: abs(a.tok_first - i))


def _controller(ann: Annotated, road: Road, first: int, last: int) -> tuple[ActorMention | None, str]:
    """Who holds the road and its status ('cut by SDF', 'used by ISIS')."""
    ctl = _control_word(ann, road, first, last, "road_control")
    if ctl is not None:
        return _actor_near(ann, ctl, first, last, road), ""
    cut = _control_word(ann, road, first, last, "road_cut")
    if cut is not None:
        actor = _actor_near(ann, cut, first, last, road)
        return actor, f"cut by {actor.name}" if actor else "cut"
    return None, _status(ann, road, first, last)


def _status(ann: Annotated, road: Road, first: int, last: int) -> str:
    """'used by ISIS': a use word before the road ('ISIS uses the road', 'يستخدم
    داعش الطريق') or after it ('which ISIS has been using', 'يستخدمه داعش')."""
    hit = _control_word(ann, road, first, last, "road_use")
    if hit is None:
        return ""
    actor = _actor_near(ann, hit, first, last, road)
    return f"used by {actor.name}" if actor else "used"


def _along(ann: Annotated, road: Road, places: list[PlaceTok], via: list[PlaceTok]) -> list[PlaceTok]:
    """Places the sentence puts on the road ('around Saraqib', 'as far north as Qayyarah')."""
    extra = []
    for p in places:
        if p in via or p.tok_first <= road[1] or p.place.feature_type in {"country", "sea", "region", "governorate"}:
            continue
        if ann.cue_before(p, "road_via_words", reach=4) is not None and p.tok_first - road[1] <= 14:
            extra.append(p)
    return extra


def _refer_back(
    ann: Annotated, road: Road, first: int, last: int, *, route: Route | None, along: list[PlaceTok]
) -> Route | None:
    """'The SDF controls that road': a bare road word after a route gives it its
    holder and the places it names along it."""
    if route is None or route.controlled_by:
        return None
    holder, status = _controller(ann, road, first, last)
    if not holder:
        return None
    known = {p.gazetteer_id for p in route.via}
    extra = [p.place for p in along if p.place.gazetteer_id not in known]
    via = (*route.via[:-1], *extra, route.via[-1]) if len(route.via) > 1 else (*route.via, *extra)
    return replace(route, via=via, controlled_by=holder, status=status or route.status)


def routes_in(ann: Annotated) -> list[Route]:
    """Routes of the document, one per distinct road."""
    out: dict[tuple[str, ...], Route] = {}
    last_key: tuple[str, ...] | None = None
    for sent in ann.sentences:
        first, last = ann.tok_range(sent)
        if last < first:  # no words: a separator line, a lone full stop
            continue
        places = ann.places_in(first, last)
        for road in _road_mentions(ann, first, last):
            via = _via(ann, road, places, last)
            named = road[2] if any(c.isdigit() for c in road[2]) else ""
            along = _along(ann, road, places, via)
            if not via and not named and last_key is not None:  # "The Peshmerga control the highway up to Bartella"
                updated = _refer_back(ann, road, first, last, route=out.get(last_key), along=along)
                if updated:
                    out[last_key] = updated
                    continue
            via = _ordered(via, along)
            if not via:
                continue
            direction = _direction(ann, road, via)
            label = "–".join(p.place.name for p in via[:2] if p.place.feature_type != "country")
            name = " ".join(x for x in (direction, named, label, "" if named else "road") if x).strip()
            key = tuple(sorted(p.place.gazetteer_id for p in via))
            holder, status = _controller(ann, road, first, last)
            road_span = Span(ann.nt.orig_starts[road[0]], ann.nt.orig_ends[road[1]])
            route = Route(
                name=name,
                via=tuple(p.place for p in via),
                start=sent.start,
                end=sent.end,
                road=road_span,
                controlled_by=holder,
                status=status,
            )
            if key not in out or (route.controlled_by and not out[key].controlled_by):
                out[key] = route
            last_key = key
    return list(out.values())


def _ordered(via: list[PlaceTok], extra: list[PlaceTok]) -> list[PlaceTok]:
    """Endpoints first and last, places along the road between them by distance."""
    if not extra:
        return via
    if len(via) < 2:
        return via + extra
    a = via[0].place
    ends = {p.place.gazetteer_id for p in via}
    mid = sorted(
        (p for p in extra if p.place.gazetteer_id not in ends), key=lambda p: km(a.lat, a.lon, p.place.lat, p.place.lon)
    )
    return [via[0], *dict.fromkeys(mid), *via[1:]]
