"""A payload (`dashboard.payload`) as a folium map whose JS and CSS all come from the app's own
static files: base layers, the four kinds, legend, playback; fitted to the data.

Each layer is made in the browser by `static/khareeta.js` from its rows, given here as JSON made
safe for a `<script>` (`js_json`), inline or as files the app publishes (`DataFiles`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
from folium.map import Layer
from folium.template import Template

from dashboard.palette import EVENT_COLORS, PLACE_COLOR, SHAPE_CORNERS
from dashboard.payload import DENSE_OVER, FLOW_OVER, POPUP_CHUNK, legend_html
from dashboard.settings import Tiles

LEGEND_PX = 190  # room kept for the legend on the right when fitting the view
BIG_LAYER = 2000  # events beyond which the clusters are coarser (see `_kind_layers`)
# Over DENSE_OVER events: the events themselves once the view holds at most MARKERS_MAX (or DENSE_OVER) of them or
# the zoom is MARKERS_AT_ZOOM or closer; else hexagons (static/density.js).
MARKERS_MAX = 4000
MARKERS_AT_ZOOM = 10
LINE_KEY = "#555"

# --- JSON safe inside <script> --------------------------------------------------------------------------------

_JS_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def js_json(value: Any) -> str:
    """JSON that cannot close a `<script>` or start HTML, whatever the strings hold."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for ch, rep in _JS_UNSAFE.items():
        text = text.replace(ch, rep)
    return text


# --- folium elements ----------------------------------------------------------------------------------------------


class JsLayer(Layer):
    """A base layer of the map made in the browser by `Khareeta.<factory>(map, data, options)`
    (static/khareeta.js); one the layer control offers (`control`, not an `overlay`) is listed in `map.khBase`."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = Khareeta.{{ this.factory }}({{ this._parent.get_name() }},
            {{ this.data }}, {{ this.options }});
        {%- if this.control and not this.overlay %}
        {{ this._parent.get_name() }}.khBase = {{ this._parent.get_name() }}.khBase || {};
        {{ this._parent.get_name() }}.khBase[{{ this.layer_name|tojson }}] = {{ this.get_name() }};
        {%- endif %}
        {% endmacro %}
    """)

    def __init__(
        self,
        factory: str,
        data: Any,
        *,
        name: str,
        options: Mapping[str, Any] | None = None,
        overlay: bool = True,
        control: bool = True,
        show: bool = True,
    ) -> None:
        super().__init__(name=name, overlay=overlay, control=control, show=show)
        self._name = f"kh_{factory}"
        self.factory = factory
        self.data = js_json(data)
        self.options = js_json(dict(options or {}))


class JsData(folium.MacroElement):
    """What one view draws, made in the browser by `Khareeta.data(map, group, kinds, options)` into the
    feature group this element is in: the four kinds' layers and who holds what, the layer control, the
    legend and the playback, the view fitted to the data. A new view replaces the group (streamlit-folium's
    `feature_group_to_add`): the map itself, its borders and names, stays as it is."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        Khareeta.data({{ this.map.get_name() }}, {{ this._parent.get_name() }}, {{ this.kinds }}, {{ this.options }});
        {% endmacro %}
    """)

    def __init__(self, m: folium.Map, kinds: Mapping[str, Any], options: Mapping[str, Any]) -> None:
        super().__init__()
        self._name = "kh_data"
        self.map = m
        self.kinds = js_json(dict(kinds))
        self.options = js_json(dict(options))


@dataclass(frozen=True, slots=True)
class DataFiles:
    """Where a published payload is: the rows file, and the popup pages of every stored feature (a row holds
    its popup's number among them, see `payload.popup_pages`), `chunk` popups a file."""

    rows: str
    popups: Sequence[str]
    chunk: int = POPUP_CHUNK
    # The rows to draw among the file's, per part (`bitmaps.pick_bits`: sent with the map, no file); all without.
    pick: Mapping[str, str] | None = None


def _label(name: str, n: int, color: str) -> str:
    return f'<span class="kh-lc"><i style="background:{color}"></i>{name} <b>{n:,}</b></span>'


def _spec(payload: Mapping[str, Any], part: str, files: DataFiles | None, **extra: Any) -> dict[str, Any]:
    """Where a layer's rows are: the part of the published files, or inline."""
    if files:
        return {
            "src": files.rows,
            "popups": list(files.popups),
            "chunk": files.chunk,
            "pick": files.pick[part] if files.pick else None,  # this part's rows to draw
            "part": part,
            **extra,
        }
    return {"rows": payload[part], "docs": payload["docs"], "names": payload["names"], "part": part, **extra}


def _base_layers(
    m: folium.Map,
    *,
    tiles_url: str | None,
    attribution: str,
    countries: Mapping[str, Any] | None,
    countries_url: str | None,
    labels_url: str | None = None,
) -> None:
    """The country borders from local data, and online tiles only when asked for (then with the choice
    of the borders alone): without `tiles_url` the browser requests no tile at all.

    The town and governorate names (`place_labels.label_rows`) come from `labels_url`, else from the
    borders' own `labels` member (the file `state.countries_url` publishes names them)."""
    if tiles_url:
        JsLayer(
            "tiles",
            None,
            name="Map tiles (online)",
            overlay=False,
            options={"url": tiles_url, "attribution": attribution},
        ).add_to(m)
        JsLayer("blank", None, name="Country borders only (offline)", overlay=False).add_to(m)
    if countries_url or countries:
        spec: dict[str, Any] = {"src": countries_url} if countries_url else {"rows": countries}
        if labels_url:
            spec["labels"] = labels_url
        JsLayer("borders", spec, name="Country borders", control=False).add_to(m)


def _kind(factory: str, data: Any, name: str, options: Mapping[str, Any] | None = None) -> dict[str, Any]:
    return {"factory": factory, "data": data, "name": name, "options": dict(options or {})}


def _kind_layers(
    payload: Mapping[str, Any],
    files: DataFiles | None,
    cluster_radius: int | None,
    dense_over: int = DENSE_OVER,
    flow_over: int = FLOW_OVER,
) -> dict[str, dict[str, Any]]:
    """The four kinds' layers (and who holds what), places at the bottom and events on top: what
    `Khareeta.<factory>(map, data, options)` makes each of, and its name in the layer control."""
    n = payload["n"]
    # Few events: cluster only what overlaps, and spread a town's events apart on a click. Many:
    # wider clusters that open into single markers from city zoom on (a third of the clustering work).
    big = n["events"] > BIG_LAYER
    radius = cluster_radius if cluster_radius is not None else (60 if big else 14)
    types = [[name, color, 0, shape] for name, color, _n, shape in payload["types"]]  # counts: the legend's
    return {
        "places": _kind(
            "places", _spec(payload, "places", files), _label("Mentioned places", n["places"], PLACE_COLOR)
        ),
        "routes": _kind("routes", _spec(payload, "routes", files), _label("Routes", n["routes"], LINE_KEY)),
        "movements": _kind(
            "movements",
            _spec(payload, "movements", files),
            _label("Movements", n["movements"], LINE_KEY),
            {"flowOver": flow_over},
        ),
        "control": _kind(
            "control",
            {"rows": payload.get("held", [])},
            _label("Who holds what", len(payload.get("held", [])), LINE_KEY),
        ),
        "events": _kind(
            "events",
            _spec(payload, "events", files, types=types, shapes=SHAPE_CORNERS),  # a type's shape: its corners
            _label("Events", n["events"], EVENT_COLORS["Battles"]),
            {
                "clusterRadius": radius,
                "openAtZoom": 12 if big else None,
                "denseOver": dense_over,
                "markersMax": min(MARKERS_MAX, dense_over),
                "markersAtZoom": MARKERS_AT_ZOOM,
            },
        ),
    }


def _fit(payload: Mapping[str, Any]) -> dict[str, Any] | None:
    """The view to fit: the data's bounds, padded (one town alone shows its region), the legend's room kept."""
    if not payload["bounds"]:
        return None
    (s, w), (north, e) = payload["bounds"]
    pad = 0.15 if (north - s) + (e - w) > 0.2 else 1.5
    n = payload["n"]
    return {
        "bounds": [[s - pad, w - pad], [north + pad, e + pad]],
        "maxZoom": 11,
        "paddingTopLeft": [10, 10],
        "paddingBottomRight": [LEGEND_PX, 10] if n["events"] or n["routes"] else [10, 10],
    }


def base_map(
    *,
    countries: Mapping[str, Any] | None = None,
    countries_url: str | None = None,
    labels_url: str | None = None,
    tiles: Tiles | None = None,
    tiles_url: str | None = None,
    attribution: str = "",
    height: str = "100%",
) -> folium.Map:
    """The map without data: the borders and names from local data (`countries` inline, or the file at
    `countries_url`; `labels_url`: the file of town and governorate names, by default the one the borders
    file names, see `state.place_labels_url`); a tile server under them only with `tiles` (what
    `settings.tiles()` chose) or `tiles_url` and `attribution`, else the map fetches no tile. Its script
    is the same whatever the view shows: a page gives it its data as a `data_group`."""
    if tiles:
        tiles_url, attribution = tiles.url, tiles.attribution
    m = folium.Map(
        location=[34.8, 41.0],
        zoom_start=6,
        tiles=None,
        control_scale=True,
        height=height,
        zoom_control=True,
        world_copy_jump=True,
    )
    m.options.update(minZoom=2, maxZoom=18)  # on the map itself: folium gives them to tile layers only
    _base_layers(
        m,
        tiles_url=tiles_url,
        attribution=attribution,
        countries=countries,
        countries_url=countries_url,
        labels_url=labels_url,
    )
    return m


def data_group(
    m: folium.Map,
    payload: Mapping[str, Any],
    *,
    data_url: DataFiles | None = None,
    cluster_radius: int | None = None,
    focus: str | None = None,
    view: tuple[float, float, float] | None = None,
    link: bool = False,
    dense_over: int = DENSE_OVER,
    flow_over: int = FLOW_OVER,
) -> folium.FeatureGroup:
    """What map `m` draws of a payload, as one feature group: the four kinds, who holds what, the layer
    control, legend and playback; the view fitted to the data (at once, and again once it is drawn, when
    the frame has its real width).

    With `data_url` (the rows and the popup pages published as JSON files, see `payload.rows_of`,
    `payload.popup_pages` and `offline.publish_json`) the browser fetches the rows, and a popup file on a
    click: the script stays small at any size. Else the rows and popups are inline. `focus`: a feature's
    id to bring into view and open once drawn (a row chosen in the page's table). `view`: (lat, lon, zoom) to
    show instead of fitting the data (a link's, `dashboard.link`); `link`: the map writes its view into the
    page's URL after every pan and zoom (the Map page's map, not the small ones). `dense_over`: events
    beyond which they are a density of hexagons at wide zooms; `flow_over`: movements beyond which those with
    the same start and end are one flow line, as wide as they are many."""
    group = folium.FeatureGroup(name="Khareeta", control=False)
    legend = legend_html(payload, dense_over=dense_over, flow_over=flow_over)
    options = {
        "legend": legend,
        "span": payload["span"],
        "fit": _fit(payload),
        "focus": focus,
        "view": {"center": [view[0], view[1]], "zoom": view[2]} if view else None,
        "link": link,
    }
    JsData(m, _kind_layers(payload, data_url, cluster_radius, dense_over, flow_over), options).add_to(group)
    return group


def build_map(
    payload: Mapping[str, Any],
    *,
    data_url: DataFiles | None = None,
    countries: Mapping[str, Any] | None = None,
    countries_url: str | None = None,
    labels_url: str | None = None,
    tiles: Tiles | None = None,
    tiles_url: str | None = None,
    attribution: str = "",
    cluster_radius: int | None = None,
    height: str = "100%",
    focus: str | None = None,
    dense_over: int = DENSE_OVER,
    flow_over: int = FLOW_OVER,
) -> folium.Map:
    """A folium map of a payload in one script: `base_map` with its `data_group` (see both)."""
    m = base_map(
        countries=countries,
        countries_url=countries_url,
        labels_url=labels_url,
        tiles=tiles,
        tiles_url=tiles_url,
        attribution=attribution,
        height=height,
    )
    group = data_group(
        m,
        payload,
        data_url=data_url,
        cluster_radius=cluster_radius,
        focus=focus,
        dense_over=dense_over,
        flow_over=flow_over,
    )
    group.add_to(m)
    return m
