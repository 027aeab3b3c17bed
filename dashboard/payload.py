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
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

from dashboard.control import changes
from dashboard.evidence import evidence_html
from dashboard.markup import DocMeta, esc, popup_html, source_html
from dashboard.palette import PLACE_COLOR, actor_family, event_color, route_style
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


class _Rows:
    """The payload being built: rows per kind, what the legend counts, where and when things are."""

    def __init__(self, docs: Mapping[str, DocMeta]) -> None:
        self.refs = _Docs(docs)
        self.rows: dict[str, list[Any]] = {part: [] for part in ROW_PARTS}
        self.types: dict[str, int] = {}
        self.type_counts: Counter[str] = Counter()
        self.actors: Counter[tuple[str, str]] = Counter()
        self.lats: list[float] = []
        self.lons: list[float] = []
        self.days: list[int] = []
        self.names: dict[str, int] = {}  # actors' names, each once: an event's hover label points at them

    def _name(self, actor: ActorRef | None) -> int:
        if actor is None or not actor.name:
            return -1
        return self.names.setdefault(actor.name, len(self.names))

    def add(self, r: Record) -> None:
        coords = [_latlon(p) for p in r.vertices]
        if not coords:
            return
        if not isinstance(r, PlaceRecord):
            self.lats.extend(c[0] for c in coords)
            self.lons.extend(c[1] for c in coords)
        doc = self.refs.ref(r.doc)
        if isinstance(r, EventRecord):
            self._event(r, coords[0], doc)
        elif isinstance(r, MovementRecord):
            self._movement(r, coords, doc)
        elif isinstance(r, RouteRecord):
            self._route(r, coords, doc)
        elif isinstance(r, PlaceRecord):
            self.rows["places"].append([*coords[0], doc, r.feature_id, _popup(r, PLACE_COLOR)])

    def _timed(self, r: Record) -> tuple[int | None, int | None]:
        t0, t1 = _days(r)
        self.days.extend(d for d in (t0, t1) if d is not None)
        return t0, t1

    def _event(self, r: EventRecord, at: list[float], doc: int) -> None:
        etype = r.event_type or "Other"
        ti = self.types.setdefault(etype, len(self.types))
        self.type_counts[etype] += 1
        t0, t1 = self._timed(r)
        a1, a2 = self._name(r.actor1), self._name(r.actor2)
        self.rows["events"].append(
            [*at, ti, t0, t1, r.geo_precision or 1, doc, r.feature_id, a1, a2, _popup(r, event_color(etype))]
        )

    def _movement(self, r: MovementRecord, coords: list[list[float]], doc: int) -> None:
        label, color = actor_family(r.actor)
        self.actors[(label, color)] += 1
        self.rows["movements"].append(
            {
                "c": coords,
                "k": color,
                "t": list(self._timed(r)),
                "d": doc,
                "i": r.feature_id,
                "n": [w.name or w.name_ar for w in r.waypoints],  # the stops by name, drawn beside them
                "a": self._name(r.actor),
                "p": _popup(r, color),
            }
        )

    def _route(self, r: RouteRecord, coords: list[list[float]], doc: int) -> None:
        style = route_style(r)
        self.actors[(style["label"], style["color"])] += 1
        self.rows["routes"].append(
            {
                "c": coords,
                "k": style["color"],
                "x": style["dashed"],
                "d": doc,
                "i": r.feature_id,
                "p": _popup(r, style["color"]),
            }
        )

    def payload(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.rows)
        out["n"] = {part: len(self.rows[part]) for part in ROW_PARTS}
        out["types"] = [[name, event_color(name), self.type_counts[name]] for name in self.types]
        out["actors"] = [[label, color, n] for (label, color), n in self.actors.most_common()]
        out["docs"] = self.refs.html
        out["names"] = list(self.names)
        lats, lons = self.lats, self.lons
        if not lats:  # only places: fit them (else countries named in passing would stretch the view)
            lats, lons = [r[0] for r in self.rows["places"]], [r[1] for r in self.rows["places"]]
        out["bounds"] = fit_bounds(lats, lons)
        out["span"] = [min(self.days), max(self.days)] if self.days else None
        return out


def map_payload(records: Iterable[Record], *, docs: Mapping[str, DocMeta] | None = None) -> dict[str, Any]:
    """Compact, JSON-ready rows per kind, legend entries, the bounds and the time span.

    Rows: events `[lat, lon, type index, first day, last day, geo precision, doc index, id, actor1, actor2,
    popup]` (days since 1970-01-01; actors as indexes into `names`, -1 for none), places `[lat, lon, doc
    index, id, popup]`, movements and routes `{"c": [[lat, lon], ...], "k": colour, "t"/"x": period / dashed,
    "d": doc index, "i": id, "p": popup}`, a movement also `"n"`: its stops' names in travel order and `"a"`:
    its actor's index; `docs` holds each document's source line once; `names` each actor's name once; `id`
    is the record's `feature_id`.

    The bounds are those of the events, movements and routes; of the places only when there is
    nothing else (a country named in passing would otherwise stretch the view to the world).
    """
    rows = _Rows(docs or {})
    records = list(records)
    for r in records:
        rows.add(r)
    out = rows.payload()
    out["held"] = [h.row() for h in changes(records)]  # who holds what: the map replays them up to its day
    return out


def clicked_record(clicked: object, by_id: Mapping[str, R]) -> R | None:
    """The record a click on the map chose. streamlit-folium reports the clicked popup element's
    `innerText` (`last_object_clicked_popup`); khareeta.js defines that, on the element it builds
    for a feature's popup, as exactly the feature's id (a row's `id`). None when nothing is chosen
    or the id is not among `by_id` (say, the filters changed since the click)."""
    return by_id.get(clicked.strip()) if isinstance(clicked, str) else None


def without_rows(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The payload less its rows and popups (what `build_map` needs when the rows are in a file)."""
    return {k: ([] if k in (*ROW_PARTS, "docs", "names") else v) for k, v in payload.items()}


def split_popups(
    payload: Mapping[str, Any], *, chunk: int = POPUP_CHUNK
) -> tuple[dict[str, Any], dict[str, list[list[str]]]]:
    """(rows without their popups, the popups of each part in files of `chunk`): the map is
    drawn from the rows at once; a click fetches the one popup file it needs."""
    rows: dict[str, Any] = {
        "events": [r[:-1] for r in payload["events"]],
        "places": [r[:-1] for r in payload["places"]],
        "docs": payload["docs"],
        "names": payload["names"],
    }
    html: dict[str, list[str]] = {
        "events": [r[-1] for r in payload["events"]],
        "places": [r[-1] for r in payload["places"]],
    }
    for part in ("movements", "routes"):
        rows[part] = [{k: v for k, v in r.items() if k != "p"} for r in payload[part]]
        html[part] = [r["p"] for r in payload[part]]
    popups = {part: [items[i : i + chunk] for i in range(0, len(items), chunk)] for part, items in html.items()}
    return rows, popups


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
    mlat, mlon = statistics.median(lats), statistics.median(lons)
    scale = math.cos(math.radians(mlat))
    near = [
        (y, x)
        for y, x in zip(lats, lons, strict=True)
        if math.hypot((y - mlat) * 111.0, (x - mlon) * 111.0 * scale) <= far_km
    ]
    if near and len(near) >= 0.8 * len(lats):
        lats, lons = [y for y, _ in near], [x for _, x in near]
    if len(lats) < 30:
        return [[min(lats), min(lons)], [max(lats), max(lons)]]
    ys, xs, k = sorted(lats), sorted(lons), int(len(lats) * trim)
    return [[ys[k], xs[k]], [ys[-1 - k], xs[-1 - k]]]


def legend_html(payload: Mapping[str, Any]) -> str:
    """The legend: event types present, movement arrows, who holds routes, places."""
    parts = ["<details open><summary>Legend</summary>"]
    if payload["types"]:
        parts.append("<h4>Events</h4>")
        parts += [
            f'<div><i class="kh-dot" style="background:{esc(color)}"></i>{esc(name)} '
            f'<span class="kh-n">{int(n)}</span></div>'
            for name, color, n in payload["types"]
        ]
        parts.append(
            '<div><i class="kh-dot kh-halo"></i>soft halo: placed at the district (geo precision 2) '
            "or, wider, the province (3), not at a town</div>"
            "<div>a cluster's ring: one segment per event type, as long as its share</div>"
        )
    n = payload["n"]
    if n["movements"]:
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
