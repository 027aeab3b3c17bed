"""Records as RFC 7946 GeoJSON: the output contract of `python -m extract` and of GeoJSON exports.

A Feature per record, in lon/lat order with at most 7 decimals, no `crs`
member, `id` both on the Feature and in its properties. Properties (see
DESIGN.md): `kind`, `id`, `doc`, `lang`, `evidence` with `evidence_start` /
`evidence_end`, `start` / `end` (the mention, the trigger, the movement word,
the road), then each kind's own; the spans of the places and actors a feature
names are in `spans`. A place also says whether the gazetteer knew it
(`resolved`; a name it lacks is placed at the unit around it, `placed_at`, with
`geo_precision` 2 or 3, as ACLED does). Every dated feature has ISO 8601 `date_start` /
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
from geodata.formats.geojson_read import feature_to_record
from geodata.formats.text import without_surrogates
from geodata.records import (
    ActorRef,
    DateRef,
    EventRecord,
    MovementRecord,
    PlaceRecord,
    PlaceRef,
    Record,
    Review,
    RouteRecord,
    Span,
)

Feature = dict[str, Any]
__all__ = ["Feature", "feature_collection", "feature_to_record", "json_value", "record_to_feature", "to_geojson"]


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


_ACTOR_KEYS = {role: (role, f"{role}_id", f"{role}_family") for role in ("actor1", "actor2", "actor", "controlled_by")}


def _actor(role: str, a: ActorRef | None) -> dict[str, Any]:
    name, actor_id, family = _ACTOR_KEYS[role]
    return {name: a.name, actor_id: a.actor_id, family: a.family} if a else {name: "", actor_id: "", family: ""}


def _spans(**spans: list[int] | list[list[int] | None] | None) -> dict[str, Any]:
    """The spans known: a single span [start, end], or a list of them with at least one known."""
    kept = {k: v for k, v in spans.items() if v and (type(v[0]) is int or any(v))}
    return {"spans": kept} if kept else {}


def _place_props(r: PlaceRecord) -> dict[str, Any]:
    p = r.place
    return {
        "name": p.name,
        "name_ar": p.name_ar,
        "surface": r.surface,
        "gazetteer_id": p.gazetteer_id,
        "feature_type": p.feature_type,
        "country_code": p.country_code,
        "confidence": r.confidence,
        "geo_precision": r.geo_precision,
        "resolved": r.resolved,
        "placed_at": r.placed_at,
        **_date_props(None, r.period),
    }


def _event_props(r: EventRecord) -> dict[str, Any]:
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
        "injured": r.injured,
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


def _places(places: tuple[PlaceRef, ...]) -> list[dict[str, str]]:
    """What the gazetteer says of each waypoint or town, beside its name."""
    return [
        {
            "gazetteer_id": p.gazetteer_id,
            "name_ar": p.name_ar,
            "country_code": p.country_code,
            "feature_type": p.feature_type,
        }
        for p in places
    ]


def _movement_props(r: MovementRecord) -> dict[str, Any]:
    return {
        **_actor("actor", r.actor),
        "waypoints": [p.name for p in r.waypoints],
        "waypoint_places": _places(r.waypoints),
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


def _route_props(r: RouteRecord) -> dict[str, Any]:
    return {
        "name": r.name,
        "via": [p.name for p in r.via],
        "via_places": _places(r.via),
        **_actor("controlled_by", r.controlled_by),
        "status": r.status,
        **_date_props(None, r.period),
        **_spans(
            controlled_by=_span(r.controlled_by.span if r.controlled_by else None), via=[_span(p.span) for p in r.via]
        ),
    }


def _own(r: Record) -> dict[str, Any]:
    """The kind's own properties."""
    if isinstance(r, PlaceRecord):
        return _place_props(r)
    if isinstance(r, EventRecord):
        return _event_props(r)
    if isinstance(r, MovementRecord):
        return _movement_props(r)
    return _route_props(r)


def review_properties(review: Review) -> dict[str, Any]:
    """An analyst's review as properties: its status, who and when; a rejection's reason, the event a
    duplicate was merged into, and every report of a merged event."""
    props: dict[str, Any] = {
        "review_status": review.status,
        "reviewed_by": review.by or None,
        "reviewed_at": review.at or None,
    }
    if review.reason:
        props["review_reason"] = review.reason
    if review.merged_into:
        props["merged_into"] = review.merged_into
    if review.sources:
        props["sources"] = [
            {"id": s.feature_id, "doc": s.doc, "source": s.source, "evidence": s.evidence} for s in review.sources
        ]
    return props


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
    if r.review is not None:
        props.update(review_properties(r.review))
    for k, v in r.extra.items():  # an imported row's own columns ("source": the row's, not the file's)
        props.setdefault(k, v)
    if r.source:
        props.setdefault("source", r.source)
    return {"type": "Feature", "id": r.feature_id, "geometry": geometry(r), "properties": props}


def feature_collection(records: Sequence[Record]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [record_to_feature(r) for r in records]}


ABOUT_MEMBER = "khareeta"  # a foreign member of the FeatureCollection (RFC 7946, 6.1): how it was chosen


def to_geojson(
    records: Sequence[Record], path: str | os.PathLike[str], *, about: Mapping[str, Any] | None = None
) -> int:
    """Write an RFC 7946 FeatureCollection, strict UTF-8 JSON whatever the text holds; the number written.
    `about` (what was exported and how it was chosen: the filters, the time) goes in its `khareeta` member."""
    dumps = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode
    with atomic_text(path, encoding="utf-8", errors="replace", newline="\n") as fh:
        fh.write('{"type":"FeatureCollection",')
        if about is not None:
            fh.write(f'"{ABOUT_MEMBER}":{without_surrogates(dumps(json_value(dict(about))))},\n')
        fh.write('"features":[')
        for i, r in enumerate(records):
            f = record_to_feature(r)  # its coordinates already rounded to 7 decimals
            try:  # plain JSON values need no sanitising (the common case, and much faster)
                line = dumps(f)
            except (ValueError, TypeError):  # NaN, dates, numpy numbers in imported columns
                line = dumps({**f, "properties": json_value(f["properties"])})
            fh.write(",\n" if i else "\n")
            fh.write(without_surrogates(line))
        fh.write("\n]}\n")
    return len(records)
