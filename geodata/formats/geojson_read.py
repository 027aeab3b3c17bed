"""GeoJSON Features of the contract read back as records: our own output, or an export.

The inverse of `geodata.formats.geojson.record_to_feature`; what a Feature
says that the contract does not name is kept in the record's `extra`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from geodata.records import (
    KINDS,
    ActorRef,
    DateRef,
    EventRecord,
    MovementRecord,
    PlaceRecord,
    PlaceRef,
    Record,
    RouteRecord,
    Span,
)


def _to_span(v: Any) -> Span | None:
    if v is None:
        return None
    if isinstance(v, (list, tuple)) and len(v) == 2 and all(isinstance(x, int) for x in v):
        return Span(v[0], v[1])
    msg = f"span {v!r} is not [start, end]"
    raise ValueError(msg)


def _to_date(p: Mapping[str, Any], span: Any) -> DateRef | None:
    if not p.get("date"):
        return None
    value = date.fromisoformat(str(p["date"])[:10])
    start = date.fromisoformat(str(p.get("date_start") or value)[:10])
    end = date.fromisoformat(str(p.get("date_end") or value)[:10])
    return DateRef(value, p.get("date_precision") or "day", start, end, _to_span(span))


def _to_actor(p: Mapping[str, Any], prefix: str, span: Any) -> ActorRef | None:
    name = p.get(prefix) or ""
    return (
        ActorRef(name, p.get(f"{prefix}_id") or "", p.get(f"{prefix}_family") or "", _to_span(span)) if name else None
    )


def _listed(value: Any, what: str, n: int, *, key: str, optional: bool = True) -> list[Any]:
    """A list of one item per position (`key` is the property, `what` its items, in the errors)."""
    if value is None and optional:
        return [None] * n
    if not isinstance(value, list):
        msg = f"{key} must be a list of {what}, not {value!r}"
        raise ValueError(msg)
    if len(value) != n:
        msg = f"{len(value)} {what} for {n} positions"
        raise ValueError(msg)
    return value


def _vertex(pos: Sequence[float], name: Any, place: Any, span: Any) -> PlaceRef:
    place = place if isinstance(place, Mapping) else {}
    return PlaceRef(
        str(name),
        pos[1],
        pos[0],
        gazetteer_id=str(place.get("gazetteer_id") or ""),
        name_ar=str(place.get("name_ar") or ""),
        country_code=str(place.get("country_code") or ""),
        feature_type=str(place.get("feature_type") or ""),
        span=_to_span(span),
    )


def _vertices(points: list[Sequence[float]], key: str, p: Mapping[str, Any], spans: Any) -> tuple[PlaceRef, ...]:
    """The places a line runs through (`key`: waypoints or via): names, what the gazetteer says of them, spans."""
    n, places = len(points), "waypoint_places" if key == "waypoints" else f"{key}_places"
    return tuple(
        map(
            _vertex,
            points,
            _listed(p.get(key), "names", n, key=key, optional=False),
            _listed(p.get(places), "places", n, key=places),
            _listed(spans, "spans", n, key=f"spans.{key}"),
        )
    )


def _position(p: Any) -> tuple[float, float]:
    ok = (
        isinstance(p, (list, tuple))
        and len(p) >= 2
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in p[:2])
    )
    if not ok:
        msg = f"position {p!r} is not [lon, lat]"
        raise ValueError(msg)
    return float(p[0]), float(p[1])


def _positions(geom: Mapping[str, Any]) -> list[tuple[float, float]]:
    """The positions of a Point or a LineString."""
    kind, coords = geom.get("type"), geom.get("coordinates")
    if not coords:
        raise ValueError("the feature has no geometry")
    if kind == "Point":
        return [_position(coords)]
    if kind == "LineString" and isinstance(coords, list):
        return [_position(c) for c in coords]
    msg = f"geometry type {kind!r} is not a Point or a LineString"
    raise ValueError(msg)


def _common(f: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, Any]:
    """What every record has, from a Feature's properties (the others go to `extra`)."""
    return {
        "feature_id": str(p.get("id") or f.get("id") or ""),
        "doc": str(p.get("doc") or ""),
        "lang": p.get("lang") or "",
        "evidence": p.get("evidence") or "",
        "evidence_span": _pair(p, "evidence_start", "evidence_end"),
        "span": _pair(p, "start", "end"),
        "confidence": p.get("confidence"),
        "source": p.get("source") or "",
        "extra": {k: v for k, v in p.items() if k not in _CONTRACT},
    }


def _where(p: Mapping[str, Any], point: Sequence[float], span: Span | None) -> PlaceRef:
    """The place of a place or event Feature."""
    return PlaceRef(
        str(p.get("name") or p.get("location") or ""),
        float(point[1]),
        float(point[0]),
        gazetteer_id=p.get("gazetteer_id") or "",
        name_ar=p.get("name_ar") or p.get("location_ar") or "",
        country_code=p.get("country_code") or "",
        feature_type=p.get("feature_type") or p.get("location_type") or "",
        span=span,
    )


def _event(common: dict[str, Any], p: Mapping[str, Any], points: list[Any], spans: Mapping[str, Any]) -> EventRecord:
    return EventRecord(
        **common,
        event_type=p.get("event_type") or "",
        sub_event_type=p.get("sub_event_type") or "",
        place=_where(p, points[0], _to_span(spans.get("location"))),
        geo_precision=p.get("geo_precision"),
        actor1=_to_actor(p, "actor1", spans.get("actor1")),
        actor2=_to_actor(p, "actor2", spans.get("actor2")),
        date=_to_date(p, spans.get("date")),
        fatalities=p.get("fatalities"),
        injured=p.get("injured"),
        count=p.get("count"),
        unit=p.get("unit") or "",
    )


def _movement(
    common: dict[str, Any], p: Mapping[str, Any], points: list[Any], spans: Mapping[str, Any]
) -> MovementRecord:
    return MovementRecord(
        **common,
        waypoints=_vertices(points, "waypoints", p, spans.get("waypoints")),
        actor=_to_actor(p, "actor", spans.get("actor")),
        count=p.get("count"),
        unit=p.get("unit") or "",
        date=_to_date(p, spans.get("date")),
    )


def _route(common: dict[str, Any], p: Mapping[str, Any], points: list[Any], spans: Mapping[str, Any]) -> RouteRecord:
    return RouteRecord(
        **common,
        name=p.get("name") or "",
        via=_vertices(points, "via", p, spans.get("via")),
        controlled_by=_to_actor(p, "controlled_by", spans.get("controlled_by")),
        status=p.get("status") or "",
    )


def feature_to_record(f: Mapping[str, Any]) -> Record:
    """A Feature of the contract as a record (raises ValueError saying what does not fit)."""
    p, geom = dict(f.get("properties") or {}), f.get("geometry") or {}
    kind = p.get("kind")
    if kind not in KINDS:
        msg = f"kind {kind!r} is not one of {', '.join(KINDS)}"
        raise ValueError(msg)
    points = _positions(geom)
    spans = p.get("spans") or {}
    if not isinstance(spans, Mapping):
        msg = f"spans must be an object of [start, end] pairs, not {spans!r}"
        raise ValueError(msg)
    common = _common(f, p)
    if kind == "place":
        return PlaceRecord(
            **common,
            place=_where(p, points[0], common["span"]),
            surface=p.get("surface") or "",
            geo_precision=p.get("geo_precision"),
            resolved=_flag(p.get("resolved"), "resolved", default=True),
            placed_at=str(p.get("placed_at") or ""),
        )
    if kind == "event":
        return _event(common, p, points, spans)
    if kind == "movement":
        return _movement(common, p, points, spans)
    return _route(common, p, points, spans)


def _flag(value: Any, key: str, *, default: bool) -> bool:
    """A true/false property; absent (a Feature written before it existed) is `default`."""
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    msg = f"{key} must be true or false, not {value!r}"
    raise ValueError(msg)


def _pair(p: Mapping[str, Any], a: str, b: str) -> Span | None:
    return _to_span([p[a], p[b]]) if p.get(a) is not None and p.get(b) is not None else None


# Every property the contract gives some kind: anything else read from a Feature is kept in `extra`.
_CONTRACT = frozenset(
    "kind id doc lang evidence evidence_start evidence_end start end confidence source name name_ar surface "
    "gazetteer_id feature_type country_code event_type sub_event_type actor1 actor1_id actor1_family actor2 actor2_id "
    "actor2_family location location_ar location_type geo_precision fatalities injured count unit date date_precision "
    "date_start date_end spans actor actor_id actor_family waypoints waypoint_places via via_places controlled_by "
    "controlled_by_id controlled_by_family status resolved placed_at".split()
)
