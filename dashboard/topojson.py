"""TopoJSON to GeoJSON: enough of the format for world-atlas's country borders (no dependency).

A topology keeps each shared border once, as an arc; polygons list their arcs by index (a negative
index `~i` is arc `i` reversed). Quantized topologies store an arc's first point and then the
differences to the previous one, in integers that `transform` (scale, translate) turns into
longitude and latitude. See https://github.com/topojson/topojson-specification.

Arcs are decoded first (`decode_arcs`), so they can be simplified once, shared borders alike on both
sides, before `features` assembles the geometries from them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

Point = tuple[float, float]
Arc = list[Point]


def decode_arcs(topology: Mapping[str, Any]) -> list[Arc]:
    """Every arc of the topology as absolute (lon, lat) points."""
    transform = topology.get("transform")
    if not transform:
        return [[(float(p[0]), float(p[1])) for p in arc] for arc in topology.get("arcs", ())]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs: list[Arc] = []
    for arc in topology.get("arcs", ()):
        x = y = 0
        points: Arc = []
        for p in arc:
            x, y = x + p[0], y + p[1]
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _line(arcs: Sequence[Arc], indices: Sequence[int]) -> Arc:
    """The points of a line or ring made of arcs: each arc after the first starts where the last ended."""
    out: Arc = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(arc[1:] if out else arc)
    return out


def _ring(arcs: Sequence[Arc], indices: Sequence[int]) -> Arc:
    ring = _line(arcs, indices)
    if ring and ring[0] != ring[-1]:
        ring.append(ring[0])
    while len(ring) < 4 and ring:  # a ring shrunk by simplification still needs four positions
        ring.append(ring[0])
    return ring


def geometry(obj: Mapping[str, Any], arcs: Sequence[Arc], transform: Mapping[str, Any] | None = None) -> Any:
    """The GeoJSON geometry of one TopoJSON geometry object (None for a null one)."""
    kind, a = obj.get("type"), obj.get("arcs") or []
    if kind == "Polygon":
        return {"type": kind, "coordinates": [_ring(arcs, r) for r in a]}
    if kind == "MultiPolygon":
        return {"type": kind, "coordinates": [[_ring(arcs, r) for r in poly] for poly in a]}
    if kind == "LineString":
        return {"type": kind, "coordinates": _line(arcs, a)}
    if kind == "MultiLineString":
        return {"type": kind, "coordinates": [_line(arcs, line) for line in a]}
    if kind in ("Point", "MultiPoint"):
        return {"type": kind, "coordinates": _points(obj["coordinates"], kind == "Point", transform)}
    return None


def _points(coords: Any, single: bool, transform: Mapping[str, Any] | None) -> Any:
    def one(p: Sequence[float]) -> Point:
        if not transform:
            return (float(p[0]), float(p[1]))
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        return (p[0] * sx + tx, p[1] * sy + ty)

    return one(coords) if single else [one(p) for p in coords]


def features(topology: Mapping[str, Any], name: str, arcs: Sequence[Arc] | None = None) -> list[dict[str, Any]]:
    """The GeoJSON features of the object `name` (a GeometryCollection, or one geometry), each with
    its `id` and properties; `arcs`: the decoded arcs to build them from (simplified, say)."""
    if arcs is None:
        arcs = decode_arcs(topology)
    obj = topology["objects"][name]
    members = obj.get("geometries", ()) if obj.get("type") == "GeometryCollection" else [obj]
    out = []
    for m in members:
        feat: dict[str, Any] = {
            "type": "Feature",
            "properties": dict(m.get("properties") or {}),
            "geometry": geometry(m, arcs, topology.get("transform")),
        }
        if "id" in m:
            feat["id"] = m["id"]
        out.append(feat)
    return out
