"""An extraction as the typed records that leave `extract` (`geodata.records`).

Each record gets its stable id (the document's content hash and what the
feature is anchored on), its evidence sentence with offsets, the span of its
mention or trigger, and its places and actors with their own spans. GeoJSON
is made from these records at the edges (`geodata.formats.geojson`).
"""

from __future__ import annotations

from typing import Any

from extract.sentences import sentence_of
from extract.types import ActorMention, Event, Extraction, Movement, Place, Route, Span
from geodata.formats.geojson import record_to_feature
from geodata.records import (
    ActorRef,
    EventRecord,
    MovementRecord,
    PlaceRecord,
    PlaceRef,
    Record,
    RouteRecord,
    document_id,
    feature_id,
)


def place_ref(p: Place) -> PlaceRef:
    return PlaceRef(
        name=p.name,
        lat=p.lat,
        lon=p.lon,
        gazetteer_id=p.gazetteer_id,
        name_ar=p.name_ar,
        country_code=p.country_code,
        feature_type=p.feature_type,
        span=Span(p.start, p.end),
    )


def actor_ref(a: ActorMention | None) -> ActorRef | None:
    return ActorRef(a.name, a.actor_id, a.family, Span(a.start, a.end)) if a else None


class _Maker:
    """What every record of one extraction shares: the document, its sentences, unique ids."""

    def __init__(self, ex: Extraction) -> None:
        self.ex = ex
        self.key = document_id(ex.doc.text)
        self.sentences = list(ex.sentences)
        self.ids: set[str] = set()

    def common(self, kind: str, evidence: Span, span: Span | None, *anchor: object) -> dict:
        fid = feature_id(self.key, kind, *anchor)
        n = 1
        while fid in self.ids:  # two features anchored alike (never expected): still distinct ids
            n += 1
            fid = feature_id(self.key, kind, *anchor, n)
        self.ids.add(fid)
        doc = self.ex.doc
        return {
            "feature_id": fid,
            "doc": doc.doc_id,
            "lang": doc.lang,
            "evidence": doc.text[evidence.start : evidence.end],
            "evidence_span": evidence,
            "span": span,
        }

    def place(self, p: Place) -> PlaceRecord:
        sent = sentence_of(self.sentences, p.start) if self.sentences else Span(p.start, p.end)
        return PlaceRecord(
            **self.common("place", sent, Span(p.start, p.end), p.start, p.end, p.gazetteer_id),
            confidence=p.confidence,
            place=place_ref(p),
            surface=p.surface,
            geo_precision=p.geo_precision,
            resolved=p.resolved,
            placed_at=p.placed_at,
        )

    def event(self, e: Event) -> EventRecord:
        common = self.common(
            "event", Span(e.start, e.end), e.trigger, e.trigger.start, e.trigger.end, e.place.gazetteer_id
        )
        return EventRecord(
            **common,
            event_type=e.event_type,
            sub_event_type=e.sub_event_type,
            place=place_ref(e.place),
            geo_precision=e.geo_precision,
            actor1=actor_ref(e.actor1),
            actor2=actor_ref(e.actor2),
            date=e.date,
            fatalities=e.fatalities,
            injured=e.injured,
            count=e.count,
            unit=e.unit,
        )

    def movement(self, m: Movement) -> MovementRecord:
        anchor = (m.start, m.trigger.start if m.trigger else None, *(p.gazetteer_id for p in m.waypoints))
        return MovementRecord(
            **self.common("movement", Span(m.start, m.end), m.trigger, *anchor),
            waypoints=tuple(place_ref(p) for p in m.waypoints),
            actor=actor_ref(m.actor),
            count=m.count,
            unit=m.unit,
            date=m.date,
        )

    def route(self, r: Route) -> RouteRecord:
        anchor = sorted(p.gazetteer_id for p in r.via)
        return RouteRecord(
            **self.common("route", Span(r.start, r.end), r.road, *anchor),
            name=r.name,
            via=tuple(place_ref(p) for p in r.via),
            controlled_by=actor_ref(r.controlled_by),
            status=r.status,
        )


def extraction_records(ex: Extraction) -> list[Record]:
    """Places, events, movements and routes of one document, as records."""
    make = _Maker(ex)
    return [
        *map(make.place, ex.places),
        *map(make.event, ex.events),
        *map(make.movement, ex.movements),
        *map(make.route, ex.routes),
    ]


def extraction_features(ex: Extraction) -> list[dict[str, Any]]:
    """The extraction as the GeoJSON Features of the output contract (what `python -m extract` prints)."""
    return [record_to_feature(r) for r in extraction_records(ex)]
