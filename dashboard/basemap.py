"""Country borders from local data: the map still shows where things are without tiles.

`borders()` draws them at 1:10m from Natural Earth (public domain), as the npm package world-atlas
(ISC) ships them: TopoJSON, fetched by `make assets` into dashboard/static/vendor/world-atlas/ and
decoded here (`dashboard.topojson`). Its arcs are simplified once, each shared border alike for both
its countries, finely in the Middle East and coarsely elsewhere. Without that file (a new machine
before `make assets`) the borders are `countries()`: the `countryinfo` package's coarse polygons
(offline, MIT). Either way they are made once and cached for the process.
"""

from __future__ import annotations

import csv
import functools
import itertools
import json
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import shapely
import shapely.geometry
from shapely.geometry.base import BaseGeometry

from dashboard import topojson
from dashboard.offline import VENDOR_DIR
from geodata import settings

# Labels are drawn for the countries of the focus region, and elsewhere for the largest ones.
LABEL_MIN_AREA = 150.0
FOCUS_REGION = (25.0, 10.0, 65.0, 45.0)  # min_lon, min_lat, max_lon, max_lat: the Middle East
WORLD_ATLAS = VENDOR_DIR / "world-atlas" / "countries-10m.json"
FINE, COARSE = 0.005, 0.05  # degrees of simplification: in the focus region, elsewhere
SOURCE_10M = "Natural Earth 1:10m (world-atlas)"


def _round(value: Any, ndigits: int = 2) -> Any:
    if isinstance(value, float):
        return round(value, ndigits)
    if isinstance(value, (list, tuple)):
        return [_round(v, ndigits) for v in value]
    return value


def _country_files() -> list[Any]:
    try:
        folder = resources.files("countryinfo") / "data"
    except ModuleNotFoundError:
        return []
    return sorted((p for p in folder.iterdir() if p.name.endswith(".json")), key=lambda p: p.name)


def _feature(name: str, iso2: str, geom: BaseGeometry, tolerance: float) -> dict[str, Any] | None:
    simple = geom.simplify(tolerance, preserve_topology=True)
    if simple.is_empty:
        return None
    point = geom.representative_point()
    minx, miny, maxx, maxy = FOCUS_REGION
    label = geom.area >= LABEL_MIN_AREA or (minx <= point.x <= maxx and miny <= point.y <= maxy)
    props: dict[str, Any] = {"name": name, "iso2": iso2}
    if label:
        props["label"] = [round(point.y, 3), round(point.x, 3)]
    g = shapely.geometry.mapping(simple)
    return {
        "type": "Feature",
        "properties": props,
        "geometry": {"type": g["type"], "coordinates": _round(g["coordinates"])},
    }


@functools.cache
def countries(tolerance: float = 0.03) -> dict[str, Any]:
    """A FeatureCollection of country polygons (lon/lat, 2 decimals) with name, ISO code, label point."""
    features = []
    for path in _country_files():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            fc = data.get("geoJSON") or {}
            shapes = [shapely.geometry.shape(f["geometry"]) for f in fc.get("features") or () if f.get("geometry")]
        except (ValueError, KeyError, TypeError, AttributeError):
            continue  # one unreadable country must not cost the map its borders
        if not shapes:
            continue
        geom = shapes[0] if len(shapes) == 1 else shapely.union_all(shapes)
        iso2 = ((data.get("ISO") or {}).get("alpha2") or "").upper()
        feat = _feature(str(data.get("name") or iso2), iso2, geom, tolerance)
        if feat:
            features.append(feat)
    return {"type": "FeatureCollection", "features": features}


# --- 1:10m, from world-atlas ----------------------------------------------------------------------------------


def _simplified(arcs: list[topojson.Arc]) -> list[topojson.Arc]:
    """Each arc simplified (its ends kept, so rings still close) and rounded: ~100 m in the focus region."""
    if not arcs:
        return []
    sizes = [len(a) for a in arcs]
    coords = np.array([p for a in arcs for p in a], dtype=float)
    lines = shapely.linestrings(coords, indices=np.repeat(np.arange(len(arcs)), sizes))
    minx, miny, maxx, maxy = FOCUS_REGION
    box = shapely.bounds(lines)
    fine = (box[:, 2] >= minx) & (box[:, 0] <= maxx) & (box[:, 3] >= miny) & (box[:, 1] <= maxy)
    simple = shapely.simplify(lines, np.where(fine, FINE, COARSE), preserve_topology=False)
    points, which = shapely.get_coordinates(simple, return_index=True)
    points = np.where(fine[which][:, None], points.round(3), points.round(2))
    out: list[topojson.Arc] = [[] for _ in arcs]
    for (x, y), i in zip(points.tolist(), which.tolist(), strict=True):
        out[i].append((x, y))
    return out


def _unwrapped(geometry: dict[str, Any]) -> dict[str, Any]:
    """Rings that cross the antimeridian (Russia's east, Fiji) made continuous, past 180 degrees: on a
    flat map a jump from 180 to -180 would draw a band across the world. A ring that crosses it once
    (Antarctica's, around the pole) is left as it is: its jump runs along the map's bottom edge."""
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for poly in polys:
        for k, ring in enumerate(poly):
            jumps = sum(1 for a, b in itertools.pairwise(ring) if abs(a[0] - b[0]) > 180)
            if jumps < 2 or jumps % 2:
                continue
            shift, out = 0.0, [ring[0]]
            for a, b in itertools.pairwise(ring):
                if abs(a[0] - b[0]) > 180:
                    shift += 360.0 if a[0] > b[0] else -360.0
                out.append((b[0] + shift, b[1]))
            middle = sorted(x for x, _ in out)[len(out) // 2]  # most of the ring lies on the map's face
            back = 360.0 if middle < -180 else -360.0 if middle > 180 else 0.0
            poly[k] = [(x + back, y) for x, y in out]
    return geometry


def _label_point(geometry: dict[str, Any]) -> tuple[float, tuple[float, float]]:
    """A country's area (square degrees) and a point inside its largest part, for its name."""
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    shapes = [shapely.Polygon(poly[0], poly[1:]) for poly in polys if poly and len(poly[0]) >= 4]
    if not shapes:
        return 0.0, (0.0, 0.0)
    areas = shapely.area(shapes)
    part = shapes[int(np.argmax(areas))]
    if not part.is_valid:
        part = shapely.make_valid(part)
    point = part.representative_point()
    return float(areas.sum()), (point.x, point.y)


def _names() -> dict[str, dict[str, str]]:
    """English and Arabic country names by ISO2 (geodata/data/countries.csv)."""
    names: dict[str, dict[str, str]] = {}
    with (settings.DATA_FILES / "countries.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            names[row["iso2"].strip().upper()] = {"name": row["name"].strip(), "name_ar": row["name_ar"].strip()}
    return names


@functools.cache
def capitals() -> dict[str, tuple[str, float, float]]:
    """Each country's capital, (name, lat, lon) by ISO2 (countryinfo)."""
    out: dict[str, tuple[str, float, float]] = {}
    for path in _country_files():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            lat, lon = data["capital_latlng"]
            out[str(data["ISO"]["alpha2"]).upper()] = (str(data.get("capital") or ""), float(lat), float(lon))
        except (ValueError, KeyError, TypeError):
            continue
    return out


@functools.cache
def _numeric_iso2() -> dict[str, str]:
    """ISO2 by ISO numeric, the ids of world-atlas's countries ("368" -> "IQ"; countryinfo)."""
    codes: dict[str, str] = {}
    for path in _country_files():
        try:
            iso = json.loads(path.read_text(encoding="utf-8")).get("ISO") or {}
        except ValueError:
            continue
        if iso.get("numeric") and iso.get("alpha2"):
            codes[str(iso["numeric"]).zfill(3)] = str(iso["alpha2"]).upper()
    return codes


def _feature_10m(feat: dict[str, Any], iso2: str, names: dict[str, str]) -> dict[str, Any]:
    props: dict[str, Any] = {"name": names.get("name") or feat["properties"].get("name", iso2), "iso2": iso2}
    if names.get("name_ar"):
        props["name_ar"] = names["name_ar"]
    if feat["geometry"]["type"] in ("Polygon", "MultiPolygon"):
        _unwrapped(feat["geometry"])
    if iso2 and feat["geometry"]["type"] in ("Polygon", "MultiPolygon"):
        area, (x, y) = _label_point(feat["geometry"])
        minx, miny, maxx, maxy = FOCUS_REGION
        if area >= LABEL_MIN_AREA or (minx <= x <= maxx and miny <= y <= maxy):
            props["label"] = [round(y, 3), round(x, 3)]
    return {"type": "Feature", "properties": props, "geometry": feat["geometry"]}


def countries_10m(path: Path | None = None) -> dict[str, Any] | None:
    """The country borders at 1:10m (world-atlas's TopoJSON, `WORLD_ATLAS` unless told), or None when
    the file is not there."""
    try:
        topology = json.loads((path or WORLD_ATLAS).read_text(encoding="utf-8"))
        arcs = _simplified(topojson.decode_arcs(topology))
        raw = topojson.features(topology, "countries", arcs)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no asset yet (`make assets`), or an unreadable one: the coarse borders will do
    iso2, names = _numeric_iso2(), _names()
    features = []
    for feat in raw:
        if not feat["geometry"]:
            continue
        code = iso2.get(str(feat.get("id", "")).zfill(3), "")
        features.append(_feature_10m(feat, code, names.get(code, {})))
    return {"type": "FeatureCollection", "source": SOURCE_10M, "features": features}


@functools.cache
def borders() -> dict[str, Any]:
    """The country borders the map draws: 1:10m when `make assets` fetched them, else `countries()`."""
    return countries_10m() or countries()
