"""Records <-> table rows (see `schema.py`); a record that cannot be stored is refused with the reason."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import shapely.geometry

from geodata.errors import InputError
from geodata.formats.geojson import geometry, json_value
from geodata.geometry import check_geometry, positions
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
from geodata.store.schema import TABLES

Row = dict[str, Any]
_DATASET_KEYS = ("source_dataset", "source_id")  # an imported event's dataset and id: columns of their own


# --- records -> rows --------------------------------------------------------------------------------------------


def _span(s: Span | None) -> list[int] | None:
    return [s.start, s.end] if s else None


def _actor(a: ActorRef | None) -> dict[str, Any] | None:
    return {"name": a.name, "id": a.actor_id, "family": a.family, "span": _span(a.span)} if a else None


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
    if d is None:
        return {"date": None, "date_precision": None, "date_start": None, "date_end": None}
    return {
        "date": d.value.isoformat(),
        "date_precision": d.precision,
        "date_start": d.start.isoformat(),
        "date_end": d.end.isoformat(),
    }


def _whole(value: Any, what: str) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    msg = f"{what} must be a whole number, not {value!r}"
    raise ValueError(msg)


def _own(r: Record) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the kind's own columns, refs) of a record."""
    if isinstance(r, PlaceRecord):
        p = r.place
        return {
            "name": p.name,
            "name_ar": p.name_ar,
            "surface": r.surface,
            "gazetteer_id": p.gazetteer_id,
            "feature_type": p.feature_type,
            "country_code": p.country_code,
        }, {}
    if isinstance(r, EventRecord):
        p = r.place
        own = {
            "event_type": r.event_type,
            "sub_event_type": r.sub_event_type,
            "actor1": r.actor1.name if r.actor1 else "",
            "actor2": r.actor2.name if r.actor2 else "",
            **_dates(r.date),
            "location": p.name,
            "location_ar": p.name_ar,
            "gazetteer_id": p.gazetteer_id,
            "country_code": p.country_code,
            "geo_precision": _whole(r.geo_precision, "geo_precision"),
            "fatalities": _whole(r.fatalities, "fatalities"),
            "count": _whole(r.count, "count"),
            "unit": r.unit,
            **{k: r.extra.get(k) for k in _DATASET_KEYS},
        }
        refs = {
            "actor1": _actor(r.actor1),
            "actor2": _actor(r.actor2),
            "place": {"feature_type": p.feature_type, "span": _span(p.span)},
            "date_span": _span(r.date.span if r.date else None),
        }
        return own, refs
    if isinstance(r, MovementRecord):
        if len(r.waypoints) < 2:
            raise ValueError("a movement needs at least two waypoints")
        own = {
            "actor": r.actor.name if r.actor else "",
            "waypoints": [_place(p) for p in r.waypoints],
            "count": _whole(r.count, "count"),
            "unit": r.unit,
            **_dates(r.date),
        }
        return own, {"actor": _actor(r.actor), "date_span": _span(r.date.span if r.date else None)}
    if isinstance(r, RouteRecord):
        if not r.via:
            raise ValueError("a route needs at least one place")
        own = {
            "name": r.name,
            "via": [_place(p) for p in r.via],
            "controlled_by": r.controlled_by.name if r.controlled_by else "",
            "status": r.status,
        }
        return own, {"controlled_by": _actor(r.controlled_by)}
    msg = f"kind {getattr(r, 'kind', type(r).__name__)!r} is not one of {', '.join(KINDS)}"
    raise ValueError(msg)


def _where(p: PlaceRef) -> tuple[float, float]:
    return round(p.lon, 5), round(p.lat, 5)


def _row(doc_id: str, seq: int, r: Record, published: date | None, by_pos: Mapping[tuple[float, float], str]) -> Row:
    own, refs = _own(r)
    geom = geometry(r)
    box = check_geometry(geom)
    t_start, t_end = period_of(r, published)
    # A waypoint without a country takes the country of the document's place at that position.
    codes = sorted({c for p in r.vertices if (c := p.country_code or by_pos.get(_where(p), ""))})
    ev, span = r.evidence_span, r.span
    extra = {k: v for k, v in r.extra.items() if k not in _DATASET_KEYS}
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
        "geometry": json.dumps(geom, ensure_ascii=False),
        "geom_type": geom["type"],
        "min_lon": box[0],
        "min_lat": box[1],
        "max_lon": box[2],
        "max_lat": box[3],
        "t_start": t_start.isoformat() if t_start else None,
        "t_end": t_end.isoformat() if t_end else None,
        "countries": f",{','.join(codes)}," if codes else None,
        **own,
        "refs": {k: v for k, v in refs.items() if v} or None,
        "extra": json_value(extra) if extra else None,
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
    return out


# --- rows -> records --------------------------------------------------------------------------------------------


def _to_span(v: Any) -> Span | None:
    return Span(int(v[0]), int(v[1])) if isinstance(v, (list, tuple)) and len(v) == 2 else None


def _to_actor(v: Any, name: str | None) -> ActorRef | None:
    if isinstance(v, Mapping):
        return ActorRef(v.get("name") or name or "", v.get("id") or "", v.get("family") or "", _to_span(v.get("span")))
    return ActorRef(name) if name else None


def _to_date(row: Sequence[Any], at: Mapping[str, int], span: Any) -> DateRef | None:
    value = row[at["date"]]
    try:
        d = date.fromisoformat(str(value)[:10])
        start = date.fromisoformat(str(row[at["date_start"]] or value)[:10])
        end = date.fromisoformat(str(row[at["date_end"]] or value)[:10])
    except ValueError:
        return None
    return DateRef(d, row[at["date_precision"]] or "day", start, end, _to_span(span))


def _vertex(item: Any, pos: Sequence[float]) -> PlaceRef:
    """A waypoint or a road's town: the JSON of schema 2, or the bare name of schema 1, at its position."""
    if isinstance(item, Mapping):
        return PlaceRef(
            name=item.get("name") or "",
            lat=pos[1],
            lon=pos[0],
            gazetteer_id=item.get("gazetteer_id") or "",
            name_ar=item.get("name_ar") or "",
            country_code=item.get("country_code") or "",
            feature_type=item.get("feature_type") or "",
            span=_to_span(item.get("span")),
        )
    return PlaceRef(name=str(item), lat=pos[1], lon=pos[0])


class RowReader:
    """Turns one kind's rows (plain tuples, for speed) into records."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.at = {c.name: i for i, c in enumerate(TABLES[kind].c)}

    def record(
        self, row: Sequence[Any], sources: Mapping[str, str], bbox: tuple[float, float, float, float] | None = None
    ) -> Record | None:
        """A stored row as a record; None when a line only grazes `bbox` with its bounding box."""
        at = self.at
        if row[at["geom_type"]] == "Point":  # no need to parse: the point is its bounding box
            points: list[Any] = [(row[at["min_lon"]], row[at["min_lat"]])]
        else:
            geom = json.loads(row[at["geometry"]])
            if bbox and not shapely.geometry.shape(geom).intersects(shapely.geometry.box(*bbox)):
                return None
            points = positions(geom)
        refs = row[at["refs"]] or {}
        extra = dict(row[at["extra"]] or {})
        doc_id = row[at["doc_id"]]
        common = {
            "feature_id": row[at["feature_id"]],
            "doc": doc_id,
            "lang": row[at["lang"]] or "",
            "evidence": row[at["evidence"]] or "",
            "evidence_span": self._span("evidence_start", "evidence_end", row),
            "span": self._span("span_start", "span_end", row),
            "confidence": row[at["confidence"]],
            "source": sources.get(doc_id, ""),
            "period": self._period(row),
            "extra": extra,
        }
        return getattr(self, f"_{self.kind}")(row, points, refs, common)

    def _span(self, a: str, b: str, row: Sequence[Any]) -> Span | None:
        start, end = row[self.at[a]], row[self.at[b]]
        return Span(start, end) if start is not None and end is not None else None

    def _period(self, row: Sequence[Any]) -> tuple[date, date] | None:
        lo, hi = row[self.at["t_start"]], row[self.at["t_end"]]
        return (date.fromisoformat(lo), date.fromisoformat(hi)) if lo and hi else None

    def _point(
        self,
        row: Sequence[Any],
        pos: Sequence[float],
        name: str,
        *,
        span: Span | None = None,
        feature_type: str = "",
        name_col: str = "name_ar",
    ) -> PlaceRef:
        at = self.at
        return PlaceRef(
            name=name or "",
            lat=pos[1],
            lon=pos[0],
            gazetteer_id=row[at["gazetteer_id"]] or "",
            name_ar=row[at[name_col]] or "",
            country_code=row[at["country_code"]] or "",
            feature_type=feature_type,
            span=span,
        )

    def _place(self, row: Sequence[Any], points: list[Any], refs: Mapping[str, Any], common: dict) -> PlaceRecord:
        at = self.at
        place = self._point(
            row, points[0], row[at["name"]], span=common["span"], feature_type=row[at["feature_type"]] or ""
        )
        return PlaceRecord(**common, place=place, surface=row[at["surface"]] or "")

    def _event(self, row: Sequence[Any], points: list[Any], refs: Mapping[str, Any], common: dict) -> EventRecord:
        at = self.at
        loc = refs.get("place") or {}
        place = self._point(
            row,
            points[0],
            row[at["location"]],
            span=_to_span(loc.get("span")),
            feature_type=loc.get("feature_type") or "",
            name_col="location_ar",
        )
        for k in ("source_dataset", "source_id"):
            if row[at[k]]:
                common["extra"][k] = row[at[k]]
        return EventRecord(
            **common,
            event_type=row[at["event_type"]] or "",
            sub_event_type=row[at["sub_event_type"]] or "",
            place=place,
            geo_precision=row[at["geo_precision"]],
            actor1=_to_actor(refs.get("actor1"), row[at["actor1"]]),
            actor2=_to_actor(refs.get("actor2"), row[at["actor2"]]),
            date=_to_date(row, at, refs.get("date_span")),
            fatalities=row[at["fatalities"]],
            count=row[at["count"]],
            unit=row[at["unit"]] or "",
        )

    def _movement(self, row: Sequence[Any], points: list[Any], refs: Mapping[str, Any], common: dict) -> MovementRecord:
        at = self.at
        names = row[at["waypoints"]] or []
        return MovementRecord(
            **common,
            waypoints=tuple(_vertex(n, p) for n, p in zip(names, points, strict=False)),
            actor=_to_actor(refs.get("actor"), row[at["actor"]]),
            count=row[at["count"]],
            unit=row[at["unit"]] or "",
            date=_to_date(row, at, refs.get("date_span")),
        )

    def _route(self, row: Sequence[Any], points: list[Any], refs: Mapping[str, Any], common: dict) -> RouteRecord:
        at = self.at
        names = row[at["via"]] or []
        return RouteRecord(
            **common,
            name=row[at["name"]] or "",
            via=tuple(_vertex(n, p) for n, p in zip(names, points, strict=False)),
            controlled_by=_to_actor(refs.get("controlled_by"), row[at["controlled_by"]]),
            status=row[at["status"]] or "",
        )
