"""Routes: named roads and "the road linking X and Y", with who holds them and their status.

A road mention (طريق, الطريق السريع, road, highway, M4, Highway 1 ...) takes its
places from `extract.road_ends` (links, from-to and hyphenated pairs, an anchor
town, places on it). What is done to it (held, cut, closed, reopened, secured,
sealed, under fire, contested, used) and by whom comes from `extract.road_deeds`
and `extract.road_agents`: the agent of the deed's own clause, "the forces"
resolved to the force named before. A road the sentence gives no place of takes
one from elsewhere: a bare "the road" / "that road" is the road of the sentence
or two before ("The SDF controls that road"), a named road with no place ("the
M5") is the same named road met before, and a road something is done to in "X,
where troops sealed the main route" lies in X. A road known only by a place on
it ("the road near Saraqib") is a route only when something is done to it.
One route per distinct road; the better informed mention wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from extract.annotated import Annotated, PlaceTok
from extract.lexicons import cues
from extract.road_agents import agent_of
from extract.road_deeds import Deed, deeds_on, is_word, status_text
from extract.road_ends import (
    Road,
    along,
    any_road,
    direction,
    ends_of,
    ordered,
    road_mentions,
    sentence_places,
    toward,
    where_place,
)
from extract.types import ActorMention, Place, Route, Span
from geodata.geometry import km

_BACK_SENTENCES = 2  # how far back "that road" may look for its road
_NEAR_KM = 40  # a place this close to a route's one town, or off the line between its ends, lies on it
_DETOUR = 0.25  # or a detour of this share of the route's length

Key = tuple[str, ...]


@dataclass
class _Book:
    """The routes found so far: by their places, the last one met, named roads by their number."""

    routes: dict[Key, Route] = field(default_factory=dict)
    last: tuple[Key, int] | None = None
    named: dict[str, Key] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Said:
    """What one sentence says of one road: its places, and who holds it or what befell it."""

    ends: list[PlaceTok]
    extra: list[PlaceTok]
    deed: Deed | None
    holder: ActorMention | None
    status: str


def routes_in(ann: Annotated) -> list[Route]:
    """Routes of the document, one per distinct road; a text without a road word has none."""
    if not any_road(ann):
        return []
    book = _Book()
    for n, sent in enumerate(ann.sentences):
        first, last = ann.tok_range(sent)
        roads = road_mentions(ann, first, last)
        if not roads:  # no words ("* * *"), or none of them a road
            continue
        places = sentence_places(ann, first, last)
        for road in roads:
            said = _said(ann, road, roads, places, (first, last))
            if not said.ends and _referred(ann, book, road, said, n):
                continue
            ends = (
                said.ends or toward(ann, road, places) or (where_place(ann, road, places, first) if said.deed else [])
            )
            if not ends and not road.named and said.deed is None:
                continue  # "convoys on the road near X": a road known by a place on it, and nothing befell it
            via = list({p.place.gazetteer_id: p for p in ordered(ends, said.extra)}.values())  # a place once
            if via:
                _keep(book, _route(ann, road, sent, via, said), n, road.named)
    return list(book.routes.values())


def _said(ann: Annotated, road: Road, roads: list[Road], places: list[PlaceTok], span: tuple[int, int]) -> _Said:
    """What the sentence (tokens `span`) says of one road: its ends, the places on it, the deed on
    it, its holder (the doer of a deed that holds it, never civilians) and its status."""
    ends = ends_of(ann, road, places, span[1])
    extra = along(ann, road, places, ends)
    own = {id(p) for p in (*ends, *extra)}
    named = {t for a in ann.actors_in(*span) for t in range(a.tok_first, a.tok_last + 1)}  # "قوات سوريا الديمقراطية"
    others = [p for p in places if id(p) not in own and p.tok_first not in named]
    deeds = deeds_on(ann, road, roads, others, span, own_end=max((p.tok_last for p in (*ends, *extra)), default=-1))
    if not deeds:
        return _Said(ends, extra, None, None, "")
    civil = cues()["civilian_actor_types"]
    deed, agent = deeds[0], agent_of(ann, deeds[0], road, span)
    if agent is None:  # a later deed that holds the road names its holder ("closed to civilians after the army
        # took control of it"); the status stays the first deed's
        later = (a for d in deeds[1:] if d.holds and (a := agent_of(ann, d, road, span)) is not None)
        holder = next((a for a in later if a.actor_type not in civil), None)
        if holder is not None:
            return _Said(ends, extra, deed, holder, deed.status)
    holds = deed.holds and agent is not None and agent.actor_type not in civil
    return _Said(ends, extra, deed, agent if holds else None, status_text(deed, agent))


def _route(ann: Annotated, road: Road, sent: Span, via: list[PlaceTok], said: _Said) -> Route:
    ends = [p.place.name for p in (via[0], via[-1]) if p.place.feature_type != "country"]
    label = "–".join(dict.fromkeys(ends))
    parts = (direction(ann, road, via), road.named, label, "" if road.named else "road")
    return Route(
        name=" ".join(x for x in parts if x).strip(),
        via=tuple(p.place for p in via),
        start=sent.start,
        end=sent.end,
        road=Span(ann.nt.orig_starts[road.first], ann.nt.orig_ends[road.last]),
        controlled_by=said.holder,
        status=said.status,
    )


def _informed(r: Route) -> tuple[bool, bool]:
    return r.controlled_by is not None, bool(r.status)


def _keep(book: _Book, route: Route, n: int, named: str) -> None:
    key = tuple(sorted(p.gazetteer_id for p in route.via))
    old = book.routes.get(key)
    if old is None or _informed(route) > _informed(old):
        book.routes[key] = route
    book.last = (key, n)
    if named:
        book.named.setdefault(named, key)


def _referred(ann: Annotated, book: _Book, road: Road, said: _Said, n: int) -> bool:
    """A road the sentence names no place of, given to the route it stands for: the same named
    road met before ("the M5"), else for a bare, definite road word the route of this sentence
    or the two before ("The SDF controls that road"), when the places the sentence puts on it
    lie on the way. The route takes those places, the holder the sentence names and its status
    (or only the status); True when the mention was that route."""
    if road.named:
        key = book.named.get(road.named)
    elif book.last is not None and n - book.last[1] <= _BACK_SENTENCES and not _indefinite(ann, road):
        key = book.last[0]
    else:
        return False
    route = book.routes.get(key) if key else None
    if key is None or route is None or said.deed is None:
        return False
    known = {p.gazetteer_id for p in route.via}
    extra = [p.place for p in said.extra if p.place.gazetteer_id not in known]
    if not road.named and not all(_on_the_way(route, p) for p in extra):
        return False  # "ISIS holds the road to Baghdad" after the Mosul-Erbil road: another road
    via = (*route.via[:-1], *extra, route.via[-1]) if len(route.via) > 1 else (*route.via, *extra)
    if said.holder is not None:  # "The SDF now controls that road": the story of that road goes on
        same = route.controlled_by is not None and route.controlled_by.actor_id == said.holder.actor_id
        status = said.status or (route.status if same else "")  # "cut by X", then X's checkpoint on it: still cut
        now = replace(route, via=via, controlled_by=said.holder, status=status)
    else:
        now = replace(route, via=via, status=said.status or route.status)
    book.routes[key] = now  # under the key it was met by
    return True


def _on_the_way(route: Route, p: Place) -> bool:
    """A place lies on the way of a route: a small detour between its ends, or near its one town."""
    a, b = route.via[0], route.via[-1]
    to_p = km(a.lat, a.lon, p.lat, p.lon)
    if len(route.via) < 2:
        return to_p <= _NEAR_KM
    length = km(a.lat, a.lon, b.lat, b.lon)
    return to_p + km(p.lat, p.lon, b.lat, b.lon) - length <= max(_NEAR_KM, _DETOUR * length)


def _indefinite(ann: Annotated, road: Road) -> bool:
    """'a road', 'another road', 'their supply lines', 'طريق آخر': not the road named before."""
    return is_word(ann, road.first - 1, "road_indefinite") or is_word(ann, road.last + 1, "road_indefinite")
