"""Country borders from local data: the map still shows where things are without tiles.

The polygons come from the `countryinfo` package (coarse, offline, MIT);
they are simplified once and cached for the process.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

import shapely.geometry
from shapely.geometry.base import BaseGeometry

# Labels are drawn for the countries of the focus region, and elsewhere for the largest ones.
LABEL_MIN_AREA = 150.0
FOCUS_REGION = (25.0, 10.0, 65.0, 45.0)  # min_lon, min_lat, max_lon, max_lat: the Middle East


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
