"""Geometry helpers: great-circle distance and RFC 7946 positions."""

from __future__ import annotations

import math
from typing import Any

EARTH_RADIUS_KM = 6371.0
_DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


_KM_PER_DEGREE = 111.2


def moved(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point `km` from (lat, lon) along `bearing` (degrees from north), on a sphere's flat patch (good to
    a few hundred metres within 200 km)."""
    rad = math.radians(bearing)
    dlat = km * math.cos(rad) / _KM_PER_DEGREE
    dlon = km * math.sin(rad) / (_KM_PER_DEGREE * math.cos(math.radians(lat)))
    return round(lat + dlat, 5), round(lon + dlon, 5)


def positions(geom: dict[str, Any]) -> list[Any]:
    """Every position of a GeoJSON geometry (GeometryCollection included)."""
    if geom.get("type") == "GeometryCollection":
        return [p for g in geom.get("geometries") or [] for p in positions(g)]
    if geom.get("type") not in _DEPTH:
        msg = f"geometry type {geom.get('type')!r} is not GeoJSON"
        raise ValueError(msg)
    out = [geom.get("coordinates")]
    for _ in range(_DEPTH[geom["type"]]):
        out = [p for part in out for p in (part or [])]
    return out


def check_geometry(geom: dict[str, Any]) -> tuple[float, float, float, float]:
    """Validate a GeoJSON geometry (numbers, lon/lat ranges, lines of 2+ positions); its bounding box."""
    pts = positions(geom)
    if not pts:
        raise ValueError("the geometry has no coordinates")
    for p in pts:
        ok = (
            isinstance(p, (list, tuple))
            and len(p) >= 2
            and all(isinstance(v, (int, float)) and math.isfinite(v) for v in p[:2])
        )
        if not ok or not (-180 <= p[0] <= 180 and -90 <= p[1] <= 90):
            msg = f"position {p!r} is not [lon, lat] with lon in [-180, 180] and lat in [-90, 90]"
            raise ValueError(msg)
    if geom["type"] == "LineString" and len(pts) < 2:
        raise ValueError("a LineString needs at least two positions")
    lons, lats = [p[0] for p in pts], [p[1] for p in pts]
    return min(lons), min(lats), max(lons), max(lats)
