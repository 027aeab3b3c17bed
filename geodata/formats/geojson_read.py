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


def _vertices(coords: list[Any], names: list[Any], ids: list[Any], spans: list[Any]) -> tuple[PlaceRef, ...]:
    if len(names) != len(coords):
        msg = f"{len(names)} names for {len(coords)} positions"
        raise ValueError(msg)
    ids, spans = ids or [""] * len(coords), spans or [None] * len(coords)
    return tuple(
        PlaceRef(str(n), float(c[1]), float(c[0]), gazetteer_id=str(i or ""), span=_to_span(s))
        for c, n, i, s in zip(coords, names, ids, spans, strict=True)
    )


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
        count=p.get("count"),
        unit=p.get("unit") or "",
    )


def _movement(
    common: dict[str, Any], p: Mapping[str, Any], points: list[Any], spans: Mapping[str, Any]
) -> MovementRecord:
    return MovementRecord(
        **common,
        waypoints=_vertices(
            points, p.get("waypoints") or [], p.get("waypoint_ids") or [], spans.get("waypoints") or []
        ),
        actor=_to_actor(p, "actor", spans.get("actor")),
        count=p.get("count"),
        unit=p.get("unit") or "",
        date=_to_date(p, spans.get("date")),
    )


def _route(common: dict[str, Any], p: Mapping[str, Any], points: list[Any], spans: Mapping[str, Any]) -> RouteRecord:
    return RouteRecord(
        **common,
        name=p.get("name") or "",
        via=_vertices(points, p.get("via") or [], p.get("via_ids") or [], spans.get("via") or []),
        controlled_by=_to_actor(p, "controlled_by", spans.get("controlled_by")),
        status=p.get("status") or "",
    )


def feature_to_record(f: Mapping[str, Any]) -> Record:
    """A Feature of the contract as a record (raises ValueError saying what does not fit)."""
    p, geom = dict(f.get("properties") or {}), f.get("geometry") or {}
    kind, coords = p.get("kind"), geom.get("coordinates")
    if kind not in KINDS:
        msg = f"kind {kind!r} is not one of {', '.join(KINDS)}"
        raise ValueError(msg)
    if not coords:
        raise ValueError("the feature has no geometry")
    points = [coords] if geom.get("type") == "Point" else list(coords)
    spans, common = p.get("spans") or {}, _common(f, p)
    if kind == "place":
        return PlaceRecord(**common, place=_where(p, points[0], common["span"]), surface=p.get("surface") or "")
    if kind == "event":
        return _event(common, p, points, spans)
    if kind == "movement":
        return _movement(common, p, points, spans)
    return _route(common, p, points, spans)


def _pair(p: Mapping[str, Any], a: str, b: str) -> Span | None:
    return _to_span([p[a], p[b]]) if p.get(a) is not None and p.get(b) is not None else None


# Every property the contract gives some kind: anything else read from a Feature is kept in `extra`.
_CONTRACT = frozenset(
    "kind id doc lang evidence evidence_start evidence_end start end confidence source name name_ar surface "
    "gazetteer_id feature_type country_code event_type sub_event_type actor1 actor1_id actor1_family actor2 actor2_id "
    "actor2_family location location_ar location_type geo_precision fatalities count unit date date_precision "
    "date_start date_end spans actor actor_id actor_family waypoints waypoint_ids via via_ids controlled_by "
    "controlled_by_id controlled_by_family status".split()
)
