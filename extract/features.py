"""RFC 7946 GeoJSON of an extraction (lon, lat order; contract in DESIGN.md)."""

from __future__ import annotations

from typing import Any

from extract.sentences import sentence_of
from extract.types import Event, Extraction, Movement, Place, Route, Span

Feature = dict[str, Any]


def _pt(p: Place) -> list[float]:
    return [round(p.lon, 6), round(p.lat, 6)]


def _common(ex: Extraction, span: Span, kind: str) -> dict[str, Any]:
    sent = sentence_of(list(ex.sentences), span.start) if ex.sentences else span
    return {"kind": kind, "doc": ex.doc.doc_id, "lang": ex.doc.lang,
            "evidence": ex.doc.text[sent.start:sent.end], "start": span.start, "end": span.end}


def place_to_feature(ex: Extraction, p: Place) -> Feature:
    props = _common(ex, Span(p.start, p.end), "place")
    props.update(name=p.name, name_ar=p.name_ar, surface=p.surface, gazetteer_id=p.gazetteer_id,
                 feature_type=p.feature_type, country_code=p.country_code, confidence=p.confidence)
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": _pt(p)}, "properties": props}


def _date_props(d: Any) -> dict[str, Any]:
    if d is None:
        return {"date": None, "date_precision": None}
    out = {"date": d.value.isoformat(), "date_precision": d.precision}
    if d.precision == "range":
        out.update(date_start=d.start.isoformat(), date_end=d.end.isoformat())
    return out


def event_to_feature(ex: Extraction, e: Event) -> Feature:
    props = _common(ex, Span(e.start, e.end), "event")
    props.update(event_type=e.event_type, sub_event_type=e.sub_event_type, actor1=e.actor1, actor2=e.actor2,
                 location=e.place.name, location_ar=e.place.name_ar, gazetteer_id=e.place.gazetteer_id,
                 country_code=e.place.country_code, geo_precision=e.geo_precision, fatalities=e.fatalities,
                 count=e.count, unit=e.unit, trigger_start=e.trigger.start, trigger_end=e.trigger.end,
                 **_date_props(e.date))
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": _pt(e.place)}, "properties": props}


def movement_to_feature(ex: Extraction, m: Movement) -> Feature:
    props = _common(ex, Span(m.start, m.end), "movement")
    props.update(actor=m.actor, waypoints=[p.name for p in m.waypoints], count=m.count, unit=m.unit,
                 **_date_props(m.date))
    geom = {"type": "LineString", "coordinates": [_pt(p) for p in m.waypoints]}
    return {"type": "Feature", "geometry": geom, "properties": props}


def route_to_feature(ex: Extraction, r: Route) -> Feature:
    props = _common(ex, Span(r.start, r.end), "route")
    props.update(name=r.name, via=[p.name for p in r.via], controlled_by=r.controlled_by, status=r.status)
    coords = [_pt(p) for p in r.via]
    geom = {"type": "LineString", "coordinates": coords} if len(coords) > 1 else {"type": "Point",
                                                                                     "coordinates": coords[0]}
    return {"type": "Feature", "geometry": geom, "properties": props}


def extraction_features(ex: Extraction) -> list[Feature]:
    """Places, events, movements and routes of one document, as Features."""
    return ([place_to_feature(ex, p) for p in ex.places] + [event_to_feature(ex, e) for e in ex.events]
            + [movement_to_feature(ex, m) for m in ex.movements] + [route_to_feature(ex, r) for r in ex.routes])


def feature_collection(features: list[Feature]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}
