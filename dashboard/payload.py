"""Records -> what the browser draws: pure functions, no Streamlit, no store, no folium.

`map_payload` turns records into compact rows for the browser (`static/khareeta.js` draws them):
events as coloured dots in a marker cluster, movements as dashed lines with arrowheads in travel
order, routes as cased lines coloured by who holds them, places as small dots. Every row carries
its feature's id: a click on a feature makes its popup element report that id to the app
(`clicked_record`, and `lazyPopup` in khareeta.js). Every popup is HTML built by
`dashboard.markup` around escaped text, with the record's own spans highlighted
(`dashboard.evidence`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

import numpy as np

from dashboard.control import changes
from dashboard.evidence import evidence_html
from dashboard.markup import DocMeta, esc, popup_html, source_html
from dashboard.palette import (
    PLACE_COLOR,
    actor_family,
    event_color,
    event_shape,
    record_color,
    route_style,
    shape_key,
)
from geodata.records import (
    ActorRef,
    EventRecord,
    FeatureRecord,
    MovementRecord,
    PlaceRecord,
    PlaceRef,
    Record,
    RouteRecord,
)

KIND_ORDER = ("event", "movement", "route", "place")
ROW_PARTS = ("events", "movements", "routes", "places")
POPUP_CHUNK = 1000  # popups per file: a click fetches one small file, never all of them
# Events beyond which the map shows them as a density of hexagons at wide zooms, markers closer in.
DENSE_OVER = 20_000
# Movements beyond which those with the same start and end are one flow line, as wide as they are many.
FLOW_OVER = 300
_EPOCH = date(1970, 1, 1)
R = TypeVar("R", bound=FeatureRecord)


def _day(value: date | None) -> int | None:
    return (value - _EPOCH).days if value else None


def _days(record: FeatureRecord) -> tuple[int | None, int | None]:
    """First and last day (since 1970-01-01) of the period a feature covers: its date's, else the
    one the store gave it (its article's date)."""
    when = record.when
    start, end = (when.start, when.end) if when else (record.period or (None, None))
    return _day(start), _day(end)


def _latlon(place: PlaceRef) -> list[float]:
    return [round(float(place.lat), 5), round(float(place.lon), 5)]


def _popup(record: Record, color: str) -> str:
    return popup_html(record, evidence_html(record), None, color=color)


class _Docs:
    """Documents' source HTML, each once; features point at them by index."""

    def __init__(self, docs: Mapping[str, DocMeta]) -> None:
        self.docs = docs
        self.index: dict[str, int] = {}
        self.html: list[str] = []

    def ref(self, doc_id: str) -> int:
        if doc_id not in self.index:
            self.index[doc_id] = len(self.html)
            self.html.append(source_html(self.docs.get(doc_id)))
        return self.index[doc_id]


def popup_pages(records: Iterable[Record], *, chunk: int = POPUP_CHUNK) -> tuple[dict[str, int], list[list[str]]]:
    """Every record's popup, numbered in order (a feature id -> its number), in pages of `chunk`: made once
    for all the features stored; a map of any filters then points each row at its number (`map_payload`)."""
    numbers: dict[str, int] = {}
    html: list[str] = []
    for r in records:
        if r.feature_id not in numbers:
            numbers[r.feature_id] = len(html)
            html.append(_popup(r, record_color(r)))
    return numbers, [html[i : i + chunk] for i in range(0, len(html), chunk)]


class _Rows:
    """The payload being built: rows per kind, what the legend counts, where and when things are."""

    def __init__(self, docs: Mapping[str, DocMeta], numbers: Mapping[str, int] | None = None) -> None:
        self.numbers = numbers
        self.refs = _Docs(docs)
        self.rows: dict[str, list[Any]] = {part: [] for part in ROW_PARTS}
        self.types: dict[str, int] = {}
        self.names: dict[str, int] = {}  # actors' names, each once: an event's hover label points at them

    def _popup(self, r: Record, color: str) -> str | int:
        """The popup's HTML, or its number among `popup_pages`' (-1: none) when the popups are in pages."""
        if self.numbers is None:
            return _popup(r, color)
        return self.numbers.get(r.feature_id, -1)

    def _name(self, actor: ActorRef | None) -> int:
        if actor is None or not actor.name:
            return -1
        return self.names.setdefault(actor.name, len(self.names))

    def add(self, r: Record) -> None:
        coords = [_latlon(p) for p in r.vertices]
        if not coords:
            return
        doc = self.refs.ref(r.doc)
        if isinstance(r, EventRecord):
            self._event(r, coords[0], doc)
        elif isinstance(r, MovementRecord):
            self._movement(r, coords, doc)
        elif isinstance(r, RouteRecord):
            self._route(r, coords, doc)
        elif isinstance(r, PlaceRecord):
            self.rows["places"].append([*coords[0], doc, r.feature_id, self._popup(r, PLACE_COLOR)])

    def _event(self, r: EventRecord, at: list[float], doc: int) -> None:
        etype = r.event_type or "Other"
        ti = self.types.setdefault(etype, len(self.types))
        t0, t1 = _days(r)
        a1, a2 = self._name(r.actor1), self._name(r.actor2)
        self.rows["events"].append(
            [*at, ti, t0, t1, r.geo_precision or 1, doc, r.feature_id, a1, a2, self._popup(r, event_color(etype))]
        )

    def _movement(self, r: MovementRecord, coords: list[list[float]], doc: int) -> None:
        color = actor_family(r.actor)[1]
        self.rows["movements"].append(
            {
                "c": coords,
                "k": color,
                "t": list(_days(r)),
                "d": doc,
                "i": r.feature_id,
                "n": [w.name or w.name_ar for w in r.waypoints],  # the stops by name, drawn beside them
                "a": self._name(r.actor),
                "p": self._popup(r, color),
            }
        )

    def _route(self, r: RouteRecord, coords: list[list[float]], doc: int) -> None:
        style = route_style(r)
        self.rows["routes"].append(
            {
                "c": coords,
                "k": style["color"],
                "x": style["dashed"],
                "t": list(_days(r)),
                "r": road_key(r),
                "d": doc,
                "i": r.feature_id,
                "p": self._popup(r, style["color"]),
            }
        )


def road_key(r: RouteRecord) -> str:
    """Which road a route record is about, whoever holds it when: its name (case and spacing aside), else the
    places it runs by. The playback shows, of each road, the record last dated up to its day."""
    name = " ".join(r.name.split()).casefold()
    return name or ">".join(p.gazetteer_id or p.name.casefold() for p in r.via)


LINES = frozenset(("movement", "route"))  # the kinds drawn as lines: few beside the events


def _who(r: Record) -> tuple[str, str] | None:
    """The legend's entry of who moves (a movement) or holds the road (a route): (label, colour)."""
    if isinstance(r, MovementRecord):
        return actor_family(r.actor)
    if isinstance(r, RouteRecord):
        style = route_style(r)
        return style["label"], style["color"]
    return None


def _summary(rows: Mapping[str, list[Any]], type_names: Sequence[str], records: Sequence[Record]) -> dict[str, Any]:
    """What the legend counts (event types by their index in the rows, who moves or holds the roads), the
    bounds and the time span of these rows; who holds what from their records."""
    events, lines = rows["events"], [*rows["movements"], *rows["routes"]]
    counts = Counter(r[2] for r in events)
    lats = [r[0] for r in events] + [c[0] for r in lines for c in r["c"]]
    lons = [r[1] for r in events] + [c[1] for r in lines for c in r["c"]]
    if not lats:  # only places: fit them (else countries named in passing would stretch the view)
        lats, lons = [r[0] for r in rows["places"]], [r[1] for r in rows["places"]]
    days = [d for r in events for d in (r[3], r[4]) if d is not None]
    days += [d for r in rows["movements"] for d in r["t"] if d is not None]
    who = Counter(key for r in records if r.kind in LINES and (key := _who(r)) is not None and r.vertices)
    return {
        "n": {part: len(rows[part]) for part in ROW_PARTS},
        "types": [[name, event_color(name), counts[i], event_shape(name)] for i, name in enumerate(type_names)],
        "actors": [[label, color, n] for (label, color), n in who.most_common()],
        "bounds": fit_bounds(lats, lons),
        "span": [min(days), max(days)] if days else None,
        "held": [h.row() for h in changes(records)],  # who holds what: the map replays them up to its day
    }


def map_payload(
    records: Iterable[Record], *, docs: Mapping[str, DocMeta] | None = None, popups: Mapping[str, int] | None = None
) -> dict[str, Any]:
    """Compact, JSON-ready rows per kind, legend entries, the bounds and the time span.

    Rows: events `[lat, lon, type index, first day, last day, geo precision, doc index, id, actor1, actor2,
    popup]` (days since 1970-01-01; actors as indexes into `names`, -1 for none), places `[lat, lon, doc
    index, id, popup]`, movements and routes `{"c": [[lat, lon], ...], "k": colour, "t": period, "d": doc
    index, "i": id, "p": popup}`, a movement also `"n"`: its stops' names in travel order and `"a"`: its
    actor's index, a route `"x"`: dashed and `"r"`: its road (`road_key`); `docs` holds each document's source
    line once; `names` each actor's name once; `id` is the record's `feature_id`. With `popups` (the numbers
    `popup_pages` gave every stored feature) a row's popup is its number there, not its HTML: the pages are
    made once, whatever the filters.

    The bounds are those of the events, movements and routes; of the places only when there is
    nothing else (a country named in passing would otherwise stretch the view to the world).
    """
    rows = _Rows(docs or {}, popups)
    records = list(records)
    for r in records:
        rows.add(r)
    summary = _summary(rows.rows, list(rows.types), records)
    return {**rows.rows, "docs": rows.refs.html, "names": list(rows.names), **summary}


def row_index(payload: Mapping[str, Any]) -> dict[str, tuple[str, int]]:
    """Where each feature's row is in a payload: (its part, its position)."""
    out: dict[str, tuple[str, int]] = {}
    for part in ROW_PARTS:
        at = 7 if part == "events" else 3 if part == "places" else "i"
        out.update((row[at], (part, i)) for i, row in enumerate(payload[part]))
    return out


def positions(where: Mapping[str, tuple[str, int]], records: Iterable[Record]) -> dict[str, list[int]]:
    """Where the rows of `records` are in the payload `where` indexes (`row_index`), per part: what the
    browser picks from that payload's rows file, which it holds already, to draw these."""
    out: dict[str, list[int]] = {part: [] for part in ROW_PARTS}
    for r in records:
        if (at := where.get(r.feature_id)) is not None:
            out[at[0]].append(at[1])
    return out


def picked(
    payload: Mapping[str, Any],
    where: Mapping[str, tuple[str, int]],
    records: Sequence[Record],
    at: Mapping[str, list[int]] | None = None,
) -> dict[str, Any]:
    """The payload of `records` (some of those `payload` was made of: what filters kept), their rows taken
    from it as they are (pointing at its documents, names and event types), not made again. `at`: their
    `positions`, when the caller has them already."""
    at = positions(where, records) if at is None else at
    rows = {part: [payload[part][i] for i in at[part]] for part in ROW_PARTS}
    summary = _summary(rows, [t[0] for t in payload["types"]], records)
    return {**rows, "docs": payload["docs"], "names": payload["names"], **summary}


def clicked_record(clicked: object, by_id: Mapping[str, R]) -> R | None:
    """The record a click on the map chose. streamlit-folium reports the clicked popup element's
    `innerText` (`last_object_clicked_popup`); khareeta.js defines that, on the element it builds
    for a feature's popup, as exactly the feature's id (a row's `id`). None when nothing is chosen
    or the id is not among `by_id` (say, the filters changed since the click)."""
    return by_id.get(clicked.strip()) if isinstance(clicked, str) else None


_ROW_KEYS = (*ROW_PARTS, "docs", "names")


def without_rows(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The payload less its rows (what `build_map` needs when the rows are in a file)."""
    return {k: ([] if k in _ROW_KEYS else v) for k, v in payload.items()}


def rows_of(payload: Mapping[str, Any]) -> dict[str, Any]:
    """What the rows file holds: each kind's rows, the documents' source lines and the actors' names."""
    return {k: payload[k] for k in _ROW_KEYS}


def fit_bounds(
    lats: Sequence[float], lons: Sequence[float], *, trim: float = 0.02, far_km: float = 1500.0
) -> list[list[float]] | None:
    """[[south, west], [north, east]] of the points the view should show.

    Points more than `far_km` from the median point are left out when they are few (a fifth
    or less): one feature placed far away (a country named in passing, an actor's capital)
    must not shrink all the others to a dot. With many points, the 2% furthest out on each
    side are left out too. Those features still draw; the view just does not chase them.
    """
    if not lats:
        return None
    ys, xs = np.asarray(lats, dtype=float), np.asarray(lons, dtype=float)
    mlat, mlon = float(np.median(ys)), float(np.median(xs))
    scale = math.cos(math.radians(mlat))
    near = np.hypot((ys - mlat) * 111.0, (xs - mlon) * 111.0 * scale) <= far_km
    if near.any() and near.sum() >= 0.8 * len(ys):
        ys, xs = ys[near], xs[near]
    if len(ys) < 30:
        return [[float(ys.min()), float(xs.min())], [float(ys.max()), float(xs.max())]]
    ys, xs, k = np.sort(ys), np.sort(xs), int(len(ys) * trim)
    return [[float(ys[k]), float(xs[k])], [float(ys[-1 - k]), float(xs[-1 - k])]]


def legend_html(payload: Mapping[str, Any], *, dense_over: int = DENSE_OVER, flow_over: int = FLOW_OVER) -> str:
    """The legend: event types present (and the density's hexagons beyond `dense_over` events), movement
    arrows (flow lines beyond `flow_over` movements), who holds routes, places."""
    parts = ["<details open><summary>Legend</summary>"]
    shown = [t for t in payload["types"] if t[2]]  # a picked payload lists its source's types, some at 0
    if shown:
        parts.append("<h4>Events</h4>")
        parts += [  # by colour and by shape: a type is told without its colour too
            f'<div>{shape_key(shape, esc(color))}{esc(name)} <span class="kh-n">{int(n)}</span></div>'
            for name, color, n, shape in shown
        ]
        parts.append(
            '<div><i class="kh-dot kh-halo"></i>soft halo: placed at the district (geo precision 2) '
            "or, wider, the province (3), not at a town</div>"
            "<div>a cluster's ring: one segment per event type, as long as its share</div>"
        )
        if payload["n"]["events"] > dense_over:
            parts.append(
                '<div><i class="kh-hex-key"></i>so many events: hexagons, darker the more events they hold; '
                "zoom in (or click one) for the events themselves</div>"
            )
    n = payload["n"]
    if n["movements"] > flow_over:
        parts.append(
            '<h4>Movements</h4><div><i class="kh-flow-key"></i>journeys from one town to another, one line, '
            "wider the more there are (hover: how many; click: the list)</div>"
        )
    elif n["movements"]:
        parts.append('<h4>Movements</h4><div><i class="kh-arrow-key">- - ➤</i>travel order, from the hollow dot</div>')
    if n["routes"]:
        parts.append(
            '<h4>Routes</h4><div><i class="kh-line-key"></i>road, coloured by who holds it</div>'
            '<div><i class="kh-line-key kh-dashed"></i>cut or contested</div>'
        )
    if payload["actors"]:
        parts.append("<h4>Who (routes, movements)</h4>")
        parts += [
            f'<div><i class="kh-swatch" style="background:{esc(color)}"></i>{esc(label)}</div>'
            for label, color, _n in payload["actors"]
        ]
    if payload.get("held"):
        parts.append(
            '<h4>Who holds what</h4><div><i class="kh-held-key"></i>town ringed in its last known holder\'s '
            "colour (taken, regained, handed over), as of the last day shown</div>"
            '<div><i class="kh-held-key kh-left"></i>left, holder unknown</div>'
        )
    if n["places"]:
        parts.append('<h4>Places</h4><div><i class="kh-dot kh-small"></i>mentioned place</div>')
    return "".join(parts) + "</details>"


def candidate_records(entries: Iterable[Any]) -> list[PlaceRecord]:
    """Gazetteer entries (`GazEntry`) as place records, to show search results on a map."""
    return [
        PlaceRecord(
            feature_id=e.gid,
            doc="",
            place=PlaceRef(
                e.name,
                e.lat,
                e.lon,
                gazetteer_id=e.gid,
                name_ar=e.name_ar,
                country_code=e.country_code,
                feature_type=e.feature_type,
            ),
        )
        for e in entries
    ]
