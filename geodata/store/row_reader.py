"""Table rows -> records: what the store reads back (see `rows.py` for the way in, `schema.py` for the tables)."""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

import shapely.geometry

from geodata.geometry import positions
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
    Source,
    Span,
)
from geodata.store.rows import DATASET_KEYS
from geodata.store.schema import REVIEW_COLUMNS, TABLES, read_columns

# The store reads back only what `rows_of` wrote (or schema 1's plainer values): the shapes are
# trusted, and checked with `type(...) is`, which is several times cheaper than an ABC check on
# 100,000 rows.


def _to_span(v: Any) -> Span | None:
    return Span(v[0], v[1]) if v else None


@lru_cache(maxsize=65_536)
def _iso_day(value: str) -> date:
    return date.fromisoformat(value[:10])


def _day(value: Any) -> date:
    """A stored date (ISO text; a date on drivers that give one); the same few thousand days recur."""
    return value if type(value) is date else _iso_day(str(value))


@lru_cache(maxsize=16)
def _box_shape(bbox: tuple[float, float, float, float]) -> Any:
    """The box as a shape; a box of no width or height is the segment or point it is (GEOS finds that a flat
    polygon meets nothing, not even a line through it), as PostGIS's ST_Envelope makes it."""
    min_lon, min_lat, max_lon, max_lat = bbox
    if min_lon == max_lon and min_lat == max_lat:
        return shapely.geometry.Point(min_lon, min_lat)
    if min_lon == max_lon or min_lat == max_lat:
        return shapely.geometry.LineString([(min_lon, min_lat), (max_lon, max_lat)])
    return shapely.geometry.box(*bbox)


def meets_box(geometry: str, bbox: tuple[float, float, float, float]) -> bool:
    """Whether a stored line (its GeoJSON text) meets the box itself, not only with its bounding box."""
    return bool(shapely.geometry.shape(json.loads(geometry)).intersects(_box_shape(bbox)))


def _span_of(start: int | None, end: int | None) -> Span | None:
    return Span(start, end) if start is not None and end is not None else None


def _vertex(item: Any, pos: Sequence[float]) -> PlaceRef:
    """A waypoint or a road's town: the JSON of schema 2, or the bare name of schema 1, at its position."""
    if type(item) is dict:
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


def review_of(values: Sequence[Any]) -> Review | None:
    """The review columns of a row (`schema.REVIEW_COLUMNS`, in order) as a Review; None when never reviewed
    (a review undone to the end is "unreviewed", with its version: an editor must have seen it)."""
    status, by, at, version, reason, merged_into, sources = values
    if not status and not version:
        return None
    return Review(
        status or "unreviewed",
        by or "",
        at or "",
        version or 0,
        reason or "",
        merged_into or "",
        tuple(
            Source(s.get("feature_id", ""), s.get("doc", ""), s.get("source", ""), s.get("evidence", ""))
            for s in sources or ()
        ),
    )


def _getter(at: Mapping[str, int], *columns: str) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    """The values of these columns of a row, in one C call (a tuple even for one column)."""
    get = operator.itemgetter(*(at[c] for c in columns))
    return (lambda row: (get(row),)) if len(columns) == 1 else get


_COMMON = (
    "feature_id",
    "doc_id",
    "lang",
    "evidence",
    "evidence_start",
    "evidence_end",
    "span_start",
    "span_end",
    "confidence",
    "t_start",
    "t_end",
    "extra",
)
_DATE = ("date", "date_precision", "date_start", "date_end", "date_span_start", "date_span_end")
_ROLES = {"event": ("actor1", "actor2"), "movement": ("actor",), "route": ("controlled_by",)}


class RowReader:
    """Turns one kind's rows (plain tuples, for speed: 100,000 rows are read in a few seconds) into records."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.at = at = {c.name: i for i, c in enumerate(read_columns(TABLES[kind]))}  # rows of `read_columns`
        self._make = getattr(self, f"_{kind}")
        self._common = _getter(at, *_COMMON)
        self._review = _getter(at, *(c for c, _ in REVIEW_COLUMNS))
        self._actors = {
            r: _getter(at, r, f"{r}_id", f"{r}_family", f"{r}_start", f"{r}_end") for r in _ROLES.get(kind, ())
        }
        self._dates = _getter(at, *_DATE) if kind in ("event", "movement") else None

    def record(
        self, row: Sequence[Any], sources: Mapping[str, str], bbox: tuple[float, float, float, float] | None = None
    ) -> Record | None:
        """A stored row as a record; None when a line only grazes `bbox` with its bounding box."""
        at = self.at
        if row[at["geom_type"]] == "Point":  # no need to parse: the point is its bounding box
            points: list[Any] = [(row[at["min_lon"]], row[at["min_lat"]])]
        else:
            if bbox and not meets_box(row[at["geometry"]], bbox):
                return None
            points = positions(json.loads(row[at["geometry"]]))
        fid, doc_id, lang, evidence, es, ee, ss, se, confidence, lo, hi, extra = self._common(row)
        common = {
            "feature_id": fid,
            "doc": doc_id,
            "lang": lang or "",
            "evidence": evidence or "",
            "evidence_span": _span_of(es, ee),
            "span": _span_of(ss, se),
            "confidence": confidence,
            "source": sources.get(doc_id, ""),
            "period": (_day(lo), _day(hi)) if lo and hi else None,
            "extra": dict(extra) if extra else {},
            "review": review_of(self._review(row)),
        }
        return self._make(row, points, common)

    def _actor(self, row: Sequence[Any], role: str) -> ActorRef | None:
        name, actor_id, family, start, end = self._actors[role](row)
        return ActorRef(name, actor_id or "", family or "", _span_of(start, end)) if name else None

    def _date(self, row: Sequence[Any]) -> DateRef | None:
        assert self._dates is not None
        value, precision, start, end, span_start, span_end = self._dates(row)
        if not value:
            return None
        try:
            d = _day(value)
            first, last = _day(start or value), _day(end or value)
        except ValueError:
            return None
        return DateRef(d, precision or "day", first, last, _span_of(span_start, span_end))

    def _place(self, row: Sequence[Any], points: list[Any], common: dict[str, Any]) -> PlaceRecord:
        at = self.at
        lon, lat = points[0]
        place = PlaceRef(
            row[at["name"]] or "",
            lat,
            lon,
            row[at["gazetteer_id"]] or "",
            row[at["name_ar"]] or "",
            row[at["country_code"]] or "",
            row[at["feature_type"]] or "",
            common["span"],
        )
        resolved = row[at["resolved"]]
        return PlaceRecord(
            **common,
            place=place,
            surface=row[at["surface"]] or "",
            geo_precision=row[at["geo_precision"]],
            resolved=resolved is None or bool(resolved),  # None: a row of schema 2 or older
            placed_at=row[at["placed_at"]] or "",
        )

    def _event(self, row: Sequence[Any], points: list[Any], common: dict[str, Any]) -> EventRecord:
        at = self.at
        lon, lat = points[0]
        place = PlaceRef(
            row[at["location"]] or "",
            lat,
            lon,
            row[at["gazetteer_id"]] or "",
            row[at["location_ar"]] or "",
            row[at["country_code"]] or "",
            row[at["location_type"]] or "",
            _span_of(row[at["location_start"]], row[at["location_end"]]),
        )
        for k in DATASET_KEYS:
            if row[at[k]]:
                common["extra"][k] = row[at[k]]
        return EventRecord(
            **common,
            event_type=row[at["event_type"]] or "",
            sub_event_type=row[at["sub_event_type"]] or "",
            place=place,
            geo_precision=row[at["geo_precision"]],
            actor1=self._actor(row, "actor1"),
            actor2=self._actor(row, "actor2"),
            date=self._date(row),
            fatalities=row[at["fatalities"]],
            injured=row[at["injured"]],
            count=row[at["count"]],
            unit=row[at["unit"]] or "",
        )

    def _movement(self, row: Sequence[Any], points: list[Any], common: dict[str, Any]) -> MovementRecord:
        at = self.at
        names = row[at["waypoints"]] or []
        return MovementRecord(
            **common,
            waypoints=tuple(_vertex(n, p) for n, p in zip(names, points, strict=False)),
            actor=self._actor(row, "actor"),
            count=row[at["count"]],
            unit=row[at["unit"]] or "",
            date=self._date(row),
        )

    def _route(self, row: Sequence[Any], points: list[Any], common: dict[str, Any]) -> RouteRecord:
        at = self.at
        names = row[at["via"]] or []
        return RouteRecord(
            **common,
            name=row[at["name"]] or "",
            via=tuple(_vertex(n, p) for n, p in zip(names, points, strict=False)),
            controlled_by=self._actor(row, "controlled_by"),
            status=row[at["status"]] or "",
        )
