"""Features -> what the map draws: pure functions, no Streamlit, no store.

`map_payload` turns the contract's GeoJSON features into compact rows for
the browser (`static/khareeta.js` draws them): events as coloured dots in a
marker cluster, movements as dashed lines with arrowheads in travel order,
routes as cased lines coloured by who controls them, places as small dots.
Every popup is HTML built by `dashboard.markup` around escaped text; the JSON
is made safe for a `<script>` (`js_json`). `build_map` wraps a payload in a
folium map whose JS/CSS all come from the app's own static files.
"""

from __future__ import annotations

import json
import math
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import folium
from folium.map import Layer
from folium.template import Template

from dashboard.markup import DocMeta, esc, highlight, popup_html, source_html

Feature = dict[str, Any]

# ACLED's event types in ACLED's order, with their colours (colour-blind-safe where it matters).
EVENT_COLORS: dict[str, str] = {
    "Battles": "#d7191c",
    "Explosions/Remote violence": "#f07f1b",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2c7bb6",
    "Riots": "#d4ac0d",
    "Strategic developments": "#1a9850",
}
OTHER_COLOR = "#7f8c8d"

# Who holds a road or moves: families of actors by words in their canonical names (first match wins).
ACTOR_FAMILIES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("ISIS", ("isis", "isil", "islamic state", "daesh", "داعش"), "#111111"),
    ("Kurdish forces", ("kurd", "peshmerga", "ypg", "ypj", "sdf", "syrian democratic", "pkk", "بيشمركة"), "#e0a100"),
    ("Popular Mobilization Forces", ("popular mobili", "pmf", "hashd", "الحشد"), "#0e8c8c"),
    ("Iraqi government", ("iraq",), "#1f5fa8"),
    ("Syrian rebels", ("rebel", "free syrian", "fsa", "opposition", "new syrian army", "nusra", "tahrir"), "#5d9b3a"),
    ("Syrian government", ("syrian government", "syrian army", "regime", "assad", "national defen"), "#b22222"),
    ("Turkey", ("turk",), "#e8590c"),
    ("Russia", ("russia",), "#7d3c98"),
    ("Coalition", ("coalition", "united states", "american", "u.s.", "france", "french", "british"), "#2e86c1"),
    ("Civilians", ("civilian", "displaced", "refugee", "famil", "yazidi"), "#8d6e63"),
)
UNKNOWN_ACTOR = ("Not stated", "#95a5a6")
PLACE_COLOR = "#34495e"
LEGEND_PX = 190  # room kept for the legend on the right when fitting the view
BIG_LAYER = 2000  # events beyond which the clusters are coarser (see `build_map`)
KIND_ORDER = ("event", "movement", "route", "place")
ROW_PARTS = ("events", "movements", "routes", "places")
_EPOCH = date(1970, 1, 1)


def event_color(event_type: str | None) -> str:
    return EVENT_COLORS.get(event_type or "", OTHER_COLOR)


def actor_family(actor: str | None) -> tuple[str, str]:
    """(family label, colour) of an actor's canonical name."""
    low = (actor or "").casefold()
    if not low.strip():
        return UNKNOWN_ACTOR
    for label, words, color in ACTOR_FAMILIES:
        if any(w in low for w in words):
            return label, color
    return "Other", OTHER_COLOR


def feature_color(props: Mapping[str, Any]) -> str:
    """The colour a feature is drawn in: its event type, who moves or holds the road, or the place dot."""
    kind = props.get("kind")
    if kind == "event":
        return event_color(props.get("event_type"))
    if kind == "movement":
        return actor_family(props.get("actor"))[1]
    if kind == "route":
        return actor_family(props.get("controlled_by"))[1]
    return PLACE_COLOR


def route_style(controlled_by: str | None, status: str | None) -> dict[str, Any]:
    """Colour by controller; a road cut or contested is dashed."""
    label, color = actor_family(controlled_by)
    cut = any(w in (status or "").lower() for w in ("cut", "closed", "contested", "blocked"))
    return {"color": color, "label": label, "dashed": cut}


# --- JSON safe inside <script> --------------------------------------------------------------------------------

_JS_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def js_json(value: Any) -> str:
    """JSON that cannot close a `<script>` or start HTML, whatever the strings hold."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for ch, rep in _JS_UNSAFE.items():
        text = text.replace(ch, rep)
    return text


# --- evidence highlighting ----------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Mention:
    """A place mention of a stored document: offsets into its text, and which place."""

    start: int
    end: int
    gazetteer_id: str
    name: str


def sentence_start(f: Feature, text: str | None) -> int | None:
    """Where the evidence sentence starts in the document text, when that can be told."""
    p = f.get("properties") or {}
    evidence, start, end = p.get("evidence") or "", p.get("start"), p.get("end")
    if not evidence or not isinstance(start, int):
        return None
    if isinstance(end, int) and end - start == len(evidence) and (text is None or text[start:end] == evidence):
        return start  # events, movements and routes point at their sentence
    if not text:
        return None
    i = text.find(evidence)
    while i != -1:
        if i <= start < i + len(evidence):
            return i
        i = text.find(evidence, i + 1)
    return None


def evidence_spans(f: Feature, start: int | None, mentions: Sequence[Mention] = ()) -> list[tuple[int, int, str]]:
    """Spans of the evidence sentence to highlight: the place mention, the event's trigger
    and location, the waypoints of a movement, the towns a route links."""
    p = f.get("properties") or {}
    evidence, kind = p.get("evidence") or "", p.get("kind")
    if start is None:  # no offsets: mark the first occurrence of the surface, if any
        surface = p.get("surface") or ""
        i = evidence.find(surface) if surface else -1
        return [(i, i + len(surface), "kh-m")] if i >= 0 else []
    end = start + len(evidence)
    if kind == "place":
        return [(p["start"] - start, p["end"] - start, "kh-m")] if isinstance(p.get("end"), int) else []
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    if kind == "event":
        spans = [(m.start - start, m.end - start, "kh-m") for m in inside
                 if m.gazetteer_id == p.get("gazetteer_id") or m.name == p.get("location")]
        ts, te = p.get("trigger_start"), p.get("trigger_end")
        if isinstance(ts, int) and isinstance(te, int) and start <= ts < te <= end:
            spans.append((ts - start, te - start, "kh-t"))
        return spans
    names = set(p.get("waypoints") or ()) if kind == "movement" else set(p.get("via") or ())
    return [(m.start - start, m.end - start, "kh-m") for m in inside if m.name in names]


def evidence_html(f: Feature, text: str | None, mentions: Sequence[Mention] = ()) -> str:
    """The evidence sentence, escaped, with its mentions highlighted."""
    p = f.get("properties") or {}
    evidence = p.get("evidence") or ""
    if not evidence:
        return ""
    spans = evidence_spans(f, sentence_start(f, text), mentions)
    return highlight(evidence, spans, lang=p.get("lang"), tag="blockquote")


# --- payload ------------------------------------------------------------------------------------------------------

def _day(value: Any) -> int | None:
    if not value:
        return None
    try:
        return (date.fromisoformat(str(value)[:10]) - _EPOCH).days
    except ValueError:
        return None


def _period(p: Mapping[str, Any]) -> tuple[int | None, int | None]:
    t0 = _day(p.get("date_start")) or _day(p.get("date"))
    t1 = _day(p.get("date_end")) or t0
    return t0, t1


def _latlon(pos: Sequence[float]) -> list[float]:
    return [round(float(pos[1]), 5), round(float(pos[0]), 5)]


def _coords(geom: Mapping[str, Any] | None) -> list[list[float]]:
    if not geom:
        return []
    if geom.get("type") == "Point":
        return [_latlon(geom["coordinates"])]
    if geom.get("type") == "LineString":
        return [_latlon(c) for c in geom["coordinates"]]
    if geom.get("type") == "MultiLineString":
        return [_latlon(c) for part in geom["coordinates"] for c in part]
    return []


class _Docs:
    """Documents' source HTML, each once; features point at them by index."""

    def __init__(self, docs: Mapping[str, DocMeta]) -> None:
        self.docs, self.index, self.html = docs, {}, []

    def ref(self, doc_id: str | None) -> int:
        if doc_id not in self.index:
            self.index[doc_id] = len(self.html)
            self.html.append(source_html(self.docs.get(doc_id or "")))
        return self.index[doc_id]


def _popup(f: Feature, texts: Mapping[str, str], mentions: Mapping[str, Sequence[Mention]], color: str) -> str:
    doc = (f.get("properties") or {}).get("doc") or ""
    return popup_html(f, evidence_html(f, texts.get(doc), mentions.get(doc, ())), None, color=color)


def map_payload(features: Iterable[Feature], *, docs: Mapping[str, DocMeta] | None = None,
                texts: Mapping[str, str] | None = None,
                mentions: Mapping[str, Sequence[Mention]] | None = None) -> dict[str, Any]:
    """Compact, JSON-ready rows per kind, legend entries, the bounds and the time span.

    Rows: events `[lat, lon, type index, first day, last day, geo precision, doc index, popup]`
    (days since 1970-01-01), places `[lat, lon, doc index, popup]`, movements and routes
    `{"c": [[lat, lon], ...], "k": colour, "t"/"x": period / dashed, "d": doc index, "p": popup}`;
    `docs` holds each document's source line once.

    The bounds are those of the events, movements and routes; of the places only when there is
    nothing else (a country named in passing would otherwise stretch the view to the world).
    """
    docs, texts, mentions = docs or {}, texts or {}, mentions or {}
    refs = _Docs(docs)
    types: dict[str, int] = {}
    out: dict[str, Any] = {"events": [], "movements": [], "routes": [], "places": []}
    actors: Counter[tuple[str, str]] = Counter()
    type_counts: Counter[str] = Counter()
    lats: list[float] = []
    lons: list[float] = []
    days: list[int] = []
    for f in features:
        p = f.get("properties") or {}
        kind, coords = p.get("kind"), _coords(f.get("geometry"))
        if not coords or kind not in KIND_ORDER:
            continue
        if kind != "place":
            lats.extend(c[0] for c in coords)
            lons.extend(c[1] for c in coords)
        t0, t1 = _period(p)
        doc = refs.ref(p.get("doc"))
        if kind == "event":
            etype = p.get("event_type") or "Other"
            ti = types.setdefault(etype, len(types))
            type_counts[etype] += 1
            days.extend(d for d in (t0, t1) if d is not None)
            out["events"].append([*coords[0], ti, t0, t1, p.get("geo_precision") or 1, doc,
                                  _popup(f, texts, mentions, event_color(etype))])
        elif kind == "movement":
            label, color = actor_family(p.get("actor"))
            actors[(label, color)] += 1
            days.extend(d for d in (t0, t1) if d is not None)
            out["movements"].append({"c": coords, "k": color, "t": [t0, t1], "d": doc,
                                     "p": _popup(f, texts, mentions, color)})
        elif kind == "route":
            style = route_style(p.get("controlled_by"), p.get("status"))
            actors[(style["label"], style["color"])] += 1
            out["routes"].append({"c": coords, "k": style["color"], "x": style["dashed"], "d": doc,
                                  "p": _popup(f, texts, mentions, style["color"])})
        else:
            out["places"].append([*coords[0], doc, _popup(f, texts, mentions, PLACE_COLOR)])
    out["n"] = {part: len(out[part]) for part in ROW_PARTS}
    out["types"] = [[name, event_color(name), type_counts[name]] for name in types]
    out["actors"] = [[label, color, n] for (label, color), n in actors.most_common()]
    out["docs"] = refs.html
    if not lats:  # only places: fit them (else countries named in passing would stretch the view)
        lats, lons = [r[0] for r in out["places"]], [r[1] for r in out["places"]]
    out["bounds"] = fit_bounds(lats, lons)
    out["span"] = [min(days), max(days)] if days else None
    return out


def without_rows(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The payload less its rows and popups (what `build_map` needs when the rows are in a file)."""
    return {k: ([] if k in (*ROW_PARTS, "docs") else v) for k, v in payload.items()}


POPUP_CHUNK = 1000  # popups per file: a click fetches one small file, never all of them


def split_popups(payload: Mapping[str, Any], *, chunk: int = POPUP_CHUNK) -> tuple[dict[str, Any],
                                                                                    dict[str, list[list[str]]]]:
    """(rows without their popups, the popups of each part in files of `chunk`): the map is
    drawn from the rows at once; a click fetches the one popup file it needs."""
    rows: dict[str, Any] = {"events": [r[:-1] for r in payload["events"]],
                            "places": [r[:-1] for r in payload["places"]], "docs": payload["docs"]}
    html: dict[str, list[str]] = {"events": [r[-1] for r in payload["events"]],
                                  "places": [r[-1] for r in payload["places"]]}
    for part in ("movements", "routes"):
        rows[part] = [{k: v for k, v in r.items() if k != "p"} for r in payload[part]]
        html[part] = [r["p"] for r in payload[part]]
    popups = {part: [items[i:i + chunk] for i in range(0, len(items), chunk)] for part, items in html.items()}
    return rows, popups


def fit_bounds(lats: Sequence[float], lons: Sequence[float], *, trim: float = 0.02,
               far_km: float = 1500.0) -> list[list[float]] | None:
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
    near = [(y, x) for y, x in zip(lats, lons, strict=True)
            if math.hypot((y - mlat) * 111.0, (x - mlon) * 111.0 * scale) <= far_km]
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
        parts += [f'<div><i class="kh-dot" style="background:{esc(color)}"></i>{esc(name)} '
                  f'<span class="kh-n">{int(n)}</span></div>' for name, color, n in payload["types"]]
        parts.append('<div><i class="kh-dot kh-faint"></i>faint: a province or region (geo precision 3)</div>')
    n = payload["n"]
    if n["movements"]:
        parts.append('<h4>Movements</h4><div><i class="kh-arrow-key">- - ➤</i>travel order, from the hollow dot</div>')
    if n["routes"]:
        parts.append('<h4>Routes</h4><div><i class="kh-line-key"></i>road, coloured by who holds it</div>'
                     '<div><i class="kh-line-key kh-dashed"></i>cut or contested</div>')
    if payload["actors"]:
        parts.append("<h4>Who (routes, movements)</h4>")
        parts += [f'<div><i class="kh-swatch" style="background:{esc(color)}"></i>{esc(label)}</div>'
                  for label, color, _n in payload["actors"]]
    if n["places"]:
        parts.append('<h4>Places</h4><div><i class="kh-dot kh-small"></i>mentioned place</div>')
    return "".join(parts) + "</details>"


# --- folium elements ----------------------------------------------------------------------------------------------

class JsLayer(Layer):
    """A layer made in the browser by `Khareeta.<factory>(map, data, options)` (static/khareeta.js)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = Khareeta.{{ this.factory }}({{ this._parent.get_name() }},
            {{ this.data }}, {{ this.options }});
        {% endmacro %}
    """)

    def __init__(self, factory: str, data: Any, *, name: str, options: Mapping[str, Any] | None = None,
                 overlay: bool = True, control: bool = True, show: bool = True) -> None:
        super().__init__(name=name, overlay=overlay, control=control, show=show)
        self._name = f"kh_{factory}"
        self.factory = factory
        self.data = js_json(data)
        self.options = js_json(dict(options or {}))


class JsControls(folium.MacroElement):
    """Legend and time playback, wired to the events and movements layers."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        Khareeta.controls({{ this._parent.get_name() }}, {{ this.options }}, {
          {%- for key, layer in this.layers.items() %}{{ key|tojson }}: {{ layer.get_name() }},{% endfor -%}
        });
        {% endmacro %}
    """)

    def __init__(self, layers: Mapping[str, JsLayer], options: Mapping[str, Any]) -> None:
        super().__init__()
        self._name = "kh_controls"
        self.layers = dict(layers)
        self.options = js_json(dict(options))


def _label(name: str, n: int, color: str) -> str:
    return f'<span class="kh-lc"><i style="background:{color}"></i>{name} <b>{n:,}</b></span>'


@dataclass(frozen=True, slots=True)
class DataFiles:
    """Where a published payload is: the rows file, and each part's popup files (see `split_popups`)."""

    rows: str
    popups: Mapping[str, Sequence[str]]
    chunk: int = POPUP_CHUNK


def _spec(payload: Mapping[str, Any], part: str, files: DataFiles | None, **extra: Any) -> dict[str, Any]:
    """Where a layer's rows are: the part of the published files, or inline."""
    if files:
        return {"src": files.rows, "popups": list(files.popups.get(part, ())), "chunk": files.chunk, "part": part,
                **extra}
    return {"rows": payload[part], "docs": payload["docs"], "part": part, **extra}


def build_map(payload: Mapping[str, Any], *, data_url: DataFiles | None = None,
              countries: Mapping[str, Any] | None = None,
              countries_url: str | None = None, tiles_url: str | None = None, attribution: str = "",
              cluster_radius: int | None = None, height: str = "100%") -> folium.Map:
    """A folium map of a payload: base layers, the four kinds, legend, playback; fitted to the data.

    With `data_url` (the rows and the popups published as JSON files, see `split_popups` and
    `offline.publish_json`) the browser fetches the rows, and a popup file on a click: the map's
    script stays small at any size. Else the rows and popups are inline.
    """
    m = folium.Map(location=[34.8, 41.0], zoom_start=6, tiles=None, control_scale=True, height=height,
                   zoom_control=True, world_copy_jump=True)
    m.options.update(minZoom=2, maxZoom=18)  # on the map itself: folium gives them to tile layers only
    if tiles_url:
        JsLayer("tiles", None, name="Map tiles (online)", overlay=False,
                options={"url": tiles_url, "attribution": attribution}).add_to(m)
    JsLayer("blank", None, name="Country borders only (offline)", overlay=False).add_to(m)
    if countries_url or countries:
        JsLayer("borders", {"src": countries_url} if countries_url else {"rows": countries},
                name="Country borders", control=False).add_to(m)
    n = payload["n"]
    # Few events: cluster only what overlaps, and spread a town's events apart on a click. Many:
    # wider clusters that open into single markers from city zoom on (a third of the clustering work).
    big = n["events"] > BIG_LAYER
    radius = cluster_radius if cluster_radius is not None else (60 if big else 14)
    types = [[name, color] for name, color, _ in payload["types"]]
    layers = {
        "places": JsLayer("places", _spec(payload, "places", data_url),
                          name=_label("Mentioned places", n["places"], PLACE_COLOR)),
        "routes": JsLayer("routes", _spec(payload, "routes", data_url), name=_label("Routes", n["routes"], "#555")),
        "movements": JsLayer("movements", _spec(payload, "movements", data_url),
                             name=_label("Movements", n["movements"], "#555")),
        "events": JsLayer("events", _spec(payload, "events", data_url, types=types),
                          name=_label("Events", n["events"], EVENT_COLORS["Battles"]),
                          options={"clusterRadius": radius, "openAtZoom": 12 if big else None}),
    }
    for layer in layers.values():
        layer.add_to(m)
    folium.LayerControl(collapsed=True, position="topright").add_to(m)
    fit = None
    if payload["bounds"]:
        (s, w), (north, e) = payload["bounds"]
        pad = 0.15 if (north - s) + (e - w) > 0.2 else 1.5  # one town alone: show its region
        fit = {"bounds": [[s - pad, w - pad], [north + pad, e + pad]], "maxZoom": 11, "paddingTopLeft": [10, 10],
               "paddingBottomRight": [LEGEND_PX, 10] if n["events"] or n["routes"] else [10, 10]}
        m.fit_bounds(fit["bounds"], max_zoom=11, padding_top_left=fit["paddingTopLeft"],
                     padding_bottom_right=fit["paddingBottomRight"])
    # The browser fits the view again once the data is drawn: by then the frame has its real width.
    JsControls(layers, {"legend": legend_html(payload), "span": payload["span"], "fit": fit}).add_to(m)
    return m


def document_spans(features: Iterable[Feature]) -> list[tuple[int, int, str]]:
    """Spans of a whole document to highlight: every place mention, every event's trigger word."""
    spans = []
    for f in features:
        p = f.get("properties") or {}
        if p.get("kind") == "place" and isinstance(p.get("start"), int) and isinstance(p.get("end"), int):
            spans.append((p["start"], p["end"], "kh-m"))
        elif p.get("kind") == "event" and isinstance(p.get("trigger_start"), int) and isinstance(
                p.get("trigger_end"), int):
            spans.append((p["trigger_start"], p["trigger_end"], "kh-t"))
    return spans


def mentions_of(features: Iterable[Feature]) -> dict[str, list[Mention]]:
    """Place mentions by document, from a document's own features (for evidence highlights)."""
    out: dict[str, list[Mention]] = {}
    for f in features:
        p = f.get("properties") or {}
        if p.get("kind") == "place" and isinstance(p.get("start"), int) and isinstance(p.get("end"), int):
            out.setdefault(p.get("doc") or "", []).append(
                Mention(p["start"], p["end"], p.get("gazetteer_id") or "", p.get("name") or ""))
    return out


def candidate_features(entries: Iterable[Any]) -> list[Feature]:
    """Gazetteer entries (`GazEntry`) as place features, to show candidates on a map."""
    return [{"type": "Feature", "id": e.gid,
             "geometry": {"type": "Point", "coordinates": [e.lon, e.lat]},
             "properties": {"kind": "place", "name": e.name, "name_ar": e.name_ar, "feature_type": e.feature_type,
                            "country_code": e.country_code, "gazetteer_id": e.gid}} for e in entries]
