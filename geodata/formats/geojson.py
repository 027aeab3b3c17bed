"""Records as RFC 7946 GeoJSON: the output contract of `python -m extract` and of GeoJSON exports.

A Feature per record, in lon/lat order with at most 7 decimals, no `crs`
member, `id` both on the Feature and in its properties. Properties (see
DESIGN.md): `kind`, `id`, `doc`, `lang`, `evidence` with `evidence_start` /
`evidence_end`, `start` / `end` (the mention, the trigger, the movement word,
the road), then each kind's own; the spans of the places and actors a feature
names are in `spans`. Every dated feature has ISO 8601 `date_start` /
`date_end` (QGIS's temporal controller, kepler.gl).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from geodata.formats.files import atomic_text
from geodata.formats.text import without_surrogates
from geodata.geometry import round_coords
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

Feature = dict[str, Any]


def json_value(value: Any) -> Any:
    """JSON-safe: NaN/inf -> null, dates -> ISO, numpy scalars -> Python numbers, surrogates -> U+FFFD."""
    if isinstance(value, str):
        return without_surrogates(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (int, bool)) or value is None:
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if hasattr(value, "item"):  # numpy scalar
        return json_value(value.item())
    return str(value)


def _pos(p: PlaceRef) -> list[float]:
    return [round(p.lon, 7), round(p.lat, 7)]


def geometry(r: Record) -> dict[str, Any]:
    """A Point for places and events (and a road known by one town), a LineString through the vertices else."""
    pts = [_pos(p) for p in r.vertices]
    if len(pts) == 1:
        return {"type": "Point", "coordinates": pts[0]}
    return {"type": "LineString", "coordinates": pts}


def _span(s: Span | None) -> list[int] | None:
    return [s.start, s.end] if s else None


def _date_props(d: DateRef | None, period: tuple[date, date] | None) -> dict[str, Any]:
    if d is not None:
        return {
            "date": d.value.isoformat(),
            "date_precision": d.precision,
            "date_start": d.start.isoformat(),
            "date_end": d.end.isoformat(),
        }
    if period is not None:
        return {"date_start": period[0].isoformat(), "date_end": period[1].isoformat()}
    return {}


def _actor(prefix: str, a: ActorRef | None) -> dict[str, Any]:
    return {
        prefix: a.name if a else "",
        f"{prefix}_id": a.actor_id if a else "",
        f"{prefix}_family": a.family if a else "",
    }


def _spans(**spans: list[int] | list[list[int] | None] | None) -> dict[str, Any]:
    """The spans known: a single span [start, end], or a list of them with at least one known."""
    kept = {k: v for k, v in spans.items() if v and any(x is not None for x in v)}
    return {"spans": kept} if kept else {}


def _own(r: Record) -> dict[str, Any]:
    if isinstance(r, PlaceRecord):
        p = r.place
        return {
            "name": p.name,
            "name_ar": p.name_ar,
            "surface": r.surface,
            "gazetteer_id": p.gazetteer_id,
            "feature_type": p.feature_type,
            "country_code": p.country_code,
            "confidence": r.confidence,
            **_date_props(None, r.period),
        }
    if isinstance(r, EventRecord):
        p = r.place
        return {
            "event_type": r.event_type,
            "sub_event_type": r.sub_event_type,
            **_actor("actor1", r.actor1),
            **_actor("actor2", r.actor2),
            "location": p.name,
            "location_ar": p.name_ar,
            "gazetteer_id": p.gazetteer_id,
            "country_code": p.country_code,
            "location_type": p.feature_type,
            "geo_precision": r.geo_precision,
            "fatalities": r.fatalities,
            "count": r.count,
            "unit": r.unit,
            "date": None,
            "date_precision": None,
            **_date_props(r.date, r.period),
            **_spans(
                location=_span(p.span),
                actor1=_span(r.actor1.span if r.actor1 else None),
                actor2=_span(r.actor2.span if r.actor2 else None),
                date=_span(r.date.span if r.date else None),
            ),
        }
    if isinstance(r, MovementRecord):
        return {
            **_actor("actor", r.actor),
            "waypoints": [p.name for p in r.waypoints],
            "waypoint_ids": [p.gazetteer_id for p in r.waypoints],
            "count": r.count,
            "unit": r.unit,
            "date": None,
            "date_precision": None,
            **_date_props(r.date, r.period),
            **_spans(
                actor=_span(r.actor.span if r.actor else None),
                waypoints=[_span(p.span) for p in r.waypoints],
                date=_span(r.date.span if r.date else None),
            ),
        }
    return {
        "name": r.name,
        "via": [p.name for p in r.via],
        "via_ids": [p.gazetteer_id for p in r.via],
        **_actor("controlled_by", r.controlled_by),
        "status": r.status,
        **_date_props(None, r.period),
        **_spans(
            controlled_by=_span(r.controlled_by.span if r.controlled_by else None), via=[_span(p.span) for p in r.via]
        ),
    }


def record_to_feature(r: Record) -> Feature:
    """One record as a GeoJSON Feature (the contract's properties, then any `extra` ones)."""
    ev, span = r.evidence_span, r.span
    props: dict[str, Any] = {
        "kind": r.kind,
        "id": r.feature_id,
        "doc": r.doc,
        "lang": r.lang,
        "evidence": r.evidence,
        "evidence_start": ev.start if ev else None,
        "evidence_end": ev.end if ev else None,
        "start": span.start if span else None,
        "end": span.end if span else None,
        **_own(r),
    }
    for k, v in r.extra.items():  # an imported row's own columns ("source": the row's, not the file's)
        props.setdefault(k, v)
    if r.source:
        props.setdefault("source", r.source)
    return {"type": "Feature", "id": r.feature_id, "geometry": geometry(r), "properties": props}


def feature_collection(records: Sequence[Record]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [record_to_feature(r) for r in records]}


def _out_feature(f: Feature, *, sanitise: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "Feature"}
    if f.get("id") is not None:
        out["id"] = f["id"] if isinstance(f["id"], (str, int)) else str(f["id"])
    geom = f.get("geometry")
    out["geometry"] = {"type": geom["type"], "coordinates": round_coords(geom["coordinates"])} if geom else None
    props = f.get("properties") or {}
    out["properties"] = json_value(props) if sanitise else props
    return out


def to_geojson(records: Sequence[Record], path: str | os.PathLike[str]) -> int:
    """Write an RFC 7946 FeatureCollection, strict UTF-8 JSON whatever the text holds; the number written."""
    dumps = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode
    with atomic_text(path, encoding="utf-8", errors="replace", newline="\n") as fh:
        fh.write('{"type":"FeatureCollection","features":[')
        for i, r in enumerate(records):
            f = record_to_feature(r)
            try:  # plain JSON values need no sanitising (the common case, and much faster)
                line = dumps(_out_feature(f, sanitise=False))
            except (ValueError, TypeError):  # NaN, dates, numpy numbers in imported columns
                line = dumps(_out_feature(f, sanitise=True))
            fh.write(",\n" if i else "\n")
            fh.write(without_surrogates(line))
        fh.write("\n]}\n")
    return len(records)


# --- GeoJSON -> records (the contract read back: our own output, or an export) ----------------------------------


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


def feature_to_record(f: Mapping[str, Any]) -> Record:
    """A Feature of the contract as a record (raises ValueError saying what does not fit)."""
    p, geom = dict(f.get("properties") or {}), f.get("geometry") or {}
    kind, coords = p.pop("kind", None), geom.get("coordinates")
    if kind not in KINDS:
        msg = f"kind {kind!r} is not one of place, event, movement, route"
        raise ValueError(msg)
    if not coords:
        raise ValueError("the feature has no geometry")
    points = [coords] if geom.get("type") == "Point" else list(coords)
    spans = p.get("spans") or {}
    common = {
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
    where = PlaceRef(
        str(p.get("name") or p.get("location") or ""),
        float(points[0][1]),
        float(points[0][0]),
        gazetteer_id=p.get("gazetteer_id") or "",
        name_ar=p.get("name_ar") or p.get("location_ar") or "",
        country_code=p.get("country_code") or "",
        feature_type=p.get("feature_type") or p.get("location_type") or "",
        span=_to_span(spans.get("location")) or (common["span"] if kind == "place" else None),
    )
    if kind == "place":
        return PlaceRecord(**common, place=where, surface=p.get("surface") or "")
    if kind == "event":
        return EventRecord(
            **common,
            event_type=p.get("event_type") or "",
            sub_event_type=p.get("sub_event_type") or "",
            place=where,
            geo_precision=p.get("geo_precision"),
            actor1=_to_actor(p, "actor1", spans.get("actor1")),
            actor2=_to_actor(p, "actor2", spans.get("actor2")),
            date=_to_date(p, spans.get("date")),
            fatalities=p.get("fatalities"),
            count=p.get("count"),
            unit=p.get("unit") or "",
        )
    if kind == "movement":
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
    return RouteRecord(
        **common,
        name=p.get("name") or "",
        via=_vertices(points, p.get("via") or [], p.get("via_ids") or [], spans.get("via") or []),
        controlled_by=_to_actor(p, "controlled_by", spans.get("controlled_by")),
        status=p.get("status") or "",
    )


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
