"""Records -> table rows (see `schema.py`; `row_reader.py` reads them back); a record that cannot be stored is
refused with the reason."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from geodata.errors import InputError
from geodata.formats.geojson import geometry, json_value
from geodata.geometry import check_geometry
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
from geodata.store.filters import period_of
from geodata.store.text_search import keyed_rows

Row = dict[str, Any]
DATASET_KEYS = ("source_dataset", "source_id")  # an imported event's dataset and id: columns of their own


# --- records -> rows --------------------------------------------------------------------------------------------


def _span(s: Span | None) -> list[int] | None:
    return [s.start, s.end] if s else None


def _actor(role: str, a: ActorRef | None) -> dict[str, Any]:
    """An actor's columns (see `schema._actor`)."""
    span = a.span if a else None
    return {
        role: a.name if a else "",
        f"{role}_id": a.actor_id if a else None,
        f"{role}_family": a.family if a else None,
        f"{role}_start": span.start if span else None,
        f"{role}_end": span.end if span else None,
    }


def _place(p: PlaceRef) -> dict[str, Any]:
    return {
        "name": p.name,
        "gazetteer_id": p.gazetteer_id,
        "name_ar": p.name_ar,
        "country_code": p.country_code,
        "feature_type": p.feature_type,
        "span": _span(p.span),
    }


def _dates(d: DateRef | None) -> dict[str, Any]:
    span = d.span if d else None
    return {
        "date": d.value.isoformat() if d else None,
        "date_precision": d.precision if d else None,
        "date_start": d.start.isoformat() if d else None,
        "date_end": d.end.isoformat() if d else None,
        "date_span_start": span.start if span else None,
        "date_span_end": span.end if span else None,
    }


def _whole(value: Any, what: str) -> int | None:
    """A count (the dead, the wounded, tankers) or a precision: a whole number, never below zero."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
        return value
    msg = f"{what} must be a whole number of 0 or more, not {value!r}"
    raise ValueError(msg)


def _place_columns(r: PlaceRecord) -> dict[str, Any]:
    p = r.place
    return {
        "name": p.name,
        "name_ar": p.name_ar,
        "surface": r.surface,
        "gazetteer_id": p.gazetteer_id,
        "feature_type": p.feature_type,
        "country_code": p.country_code,
        "geo_precision": _whole(r.geo_precision, "geo_precision"),
        "resolved": bool(r.resolved),
        "placed_at": r.placed_at,
    }


def _event_columns(r: EventRecord) -> dict[str, Any]:
    p, at = r.place, r.place.span
    return {
        "event_type": r.event_type,
        "sub_event_type": r.sub_event_type,
        **_actor("actor1", r.actor1),
        **_actor("actor2", r.actor2),
        **_dates(r.date),
        "location": p.name,
        "location_ar": p.name_ar,
        "gazetteer_id": p.gazetteer_id,
        "country_code": p.country_code,
        "location_type": p.feature_type,
        "location_start": at.start if at else None,
        "location_end": at.end if at else None,
        "geo_precision": _whole(r.geo_precision, "geo_precision"),
        "fatalities": _whole(r.fatalities, "fatalities"),
        "injured": _whole(r.injured, "injured"),
        "count": _whole(r.count, "count"),
        "unit": r.unit,
        **{k: r.extra.get(k) for k in DATASET_KEYS},
    }


def _movement_columns(r: MovementRecord) -> dict[str, Any]:
    if len(r.waypoints) < 2:
        raise ValueError("a movement needs at least two waypoints")
    return {
        **_actor("actor", r.actor),
        "waypoints": [_place(p) for p in r.waypoints],
        "count": _whole(r.count, "count"),
        "unit": r.unit,
        **_dates(r.date),
    }


def _route_columns(r: RouteRecord) -> dict[str, Any]:
    if not r.via:
        raise ValueError("a route needs at least one place")
    return {
        "name": r.name,
        "via": [_place(p) for p in r.via],
        **_actor("controlled_by", r.controlled_by),
        "status": r.status,
    }


def _own(r: Record) -> dict[str, Any]:
    """The kind's own columns of a record."""
    if isinstance(r, PlaceRecord):
        return _place_columns(r)
    if isinstance(r, EventRecord):
        return _event_columns(r)
    if isinstance(r, MovementRecord):
        return _movement_columns(r)
    if isinstance(r, RouteRecord):
        return _route_columns(r)
    msg = f"kind {getattr(r, 'kind', type(r).__name__)!r} is not one of {', '.join(KINDS)}"
    raise ValueError(msg)


def _where(p: PlaceRef) -> tuple[float, float]:
    return round(p.lon, 5), round(p.lat, 5)


def _located(r: Record) -> Row:
    """The geometry as GeoJSON text, its type and its bounding box. A point (most features) is written
    without building and encoding a dict (the same text json.dumps gives); anything else, or a point out
    of range, goes through `check_geometry`, which says what is wrong."""
    vertices = r.vertices
    if len(vertices) == 1:
        lon, lat = round(vertices[0].lon, 7), round(vertices[0].lat, 7)
        if type(lon) is float and type(lat) is float and -180 <= lon <= 180 and -90 <= lat <= 90:
            text = f'{{"type": "Point", "coordinates": [{lon!r}, {lat!r}]}}'
            return {
                "geometry": text,
                "geom_type": "Point",
                "min_lon": lon,
                "min_lat": lat,
                "max_lon": lon,
                "max_lat": lat,
            }
    geom = geometry(r)
    box = check_geometry(geom)
    return {
        "geometry": json.dumps(geom, ensure_ascii=False),
        "geom_type": geom["type"],
        "min_lon": box[0],
        "min_lat": box[1],
        "max_lon": box[2],
        "max_lat": box[3],
    }


def _row(doc_id: str, seq: int, r: Record, published: date | None, by_pos: Mapping[tuple[float, float], str]) -> Row:
    own = _own(r)
    located = _located(r)
    t_start, t_end = period_of(r, published)
    # A waypoint without a country takes the country of the document's place at that position.
    codes = sorted({c for p in r.vertices if (c := p.country_code or by_pos.get(_where(p), ""))})
    ev, span = r.evidence_span, r.span
    extra = {k: v for k, v in r.extra.items() if k not in DATASET_KEYS}
    return {
        "feature_id": r.feature_id,
        "doc_id": doc_id,
        "seq": seq,
        "evidence": r.evidence,
        "evidence_start": ev.start if ev else None,
        "evidence_end": ev.end if ev else None,
        "span_start": span.start if span else None,
        "span_end": span.end if span else None,
        "lang": r.lang,
        "confidence": r.confidence,
        **located,
        "t_start": t_start.isoformat() if t_start else None,
        "t_end": t_end.isoformat() if t_end else None,
        "countries": f",{','.join(codes)}," if codes else None,
        **own,
        "extra": json_value(extra) if extra else None,
    }


def located_columns(r: Record, countries: str | None) -> Row:
    """The columns that follow from where a stored record's places are (its own columns, geometry, box and
    countries), after one of them moved: a vertex without a country keeps the codes the row had (`countries`)."""
    codes = {p.country_code for p in r.vertices if p.country_code}
    if countries and not all(p.country_code for p in r.vertices):
        codes.update(c for c in countries.split(",") if c)
    return {
        **_own(r),
        **_located(r),
        "countries": f",{','.join(sorted(codes))}," if codes else None,
    }


def rows_of(doc_id: str, records: Sequence[Record], published: date | None, *, name: str) -> dict[str, list[Row]]:
    """Table rows per kind; a record that cannot be stored refuses the whole document."""
    out: dict[str, list[Row]] = {k: [] for k in KINDS}
    by_pos = {
        _where(p): p.country_code
        for r in records
        for p in r.vertices[:1]
        if p.country_code and isinstance(r, (PlaceRecord, EventRecord))
    }
    for seq, r in enumerate(records):
        try:
            out[r.kind].append(_row(doc_id, seq, r, published, by_pos))
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise InputError(f"feature {seq + 1} cannot be stored: {exc}.", source=name) from None
    keyed_rows(row for rows in out.values() for row in rows)  # what the text filter searches
    return out
