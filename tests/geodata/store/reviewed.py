"""Two reports of one car bombing in Tuz Khurmatu (from two agencies), a journey and a road, as the
extractor would store them: what the review tests (store, CLI, dashboard) correct, reject, merge and undo.
Our own sentences."""

from __future__ import annotations

from datetime import date

from geodata.records import (
    ActorRef,
    DocumentRecord,
    EventRecord,
    MovementRecord,
    PlaceRecord,
    PlaceRef,
    Record,
    RouteRecord,
    Span,
    dated,
    feature_id,
)

TUZ = PlaceRef(
    "Tuz Khurmatu", 34.8886, 44.6326, gazetteer_id="geonames:97783", name_ar="طوز خورماتو", country_code="IQ"
)
TUZ_NAMESAKE = PlaceRef("Tuz", 38.7, 33.4, gazetteer_id="geonames:300000", country_code="TR")  # the wrong one
KIRKUK = PlaceRef("Kirkuk", 35.4681, 44.3922, gazetteer_id="geonames:94787", name_ar="كركوك", country_code="IQ")
DAQUQ = PlaceRef("Daquq", 35.1355, 44.4570, gazetteer_id="geonames:97990", country_code="IQ")
ISIS = ActorRef("Islamic State", "isis", "jihadist")
PESH = ActorRef("Peshmerga", "peshmerga", "kurdish")

FIRST = (
    "A car bomb exploded at a market in Tuz Khurmatu on Monday, killing 12 people. "
    "Peshmerga units moved from Kirkuk to Daquq the same day. "
    "The Kirkuk-Daquq road is held by the Peshmerga."
)
SECOND = "Twelve people died when a car bomb went off in a market of Tuz Khurmatu on Monday, police said."


def _at(text: str, word: str) -> Span:
    i = text.index(word)
    return Span(i, i + len(word))


def first_doc() -> DocumentRecord:
    return DocumentRecord(name="wire-a.txt", text=FIRST, lang="en", published=date(2016, 5, 3), source="Wire A")


def second_doc() -> DocumentRecord:
    return DocumentRecord(name="wire-b.txt", text=SECOND, lang="en", published=date(2016, 5, 3), source="Wire B")


def _common(doc: DocumentRecord, kind: str, sentence: str, span: Span) -> dict:
    ev = _at(doc.text, sentence)
    return {
        "feature_id": feature_id(doc.doc_id, kind, span.start, span.end),
        "doc": doc.name,
        "lang": "en",
        "evidence": sentence,
        "evidence_span": ev,
        "span": span,
    }


def first_records(doc: DocumentRecord | None = None, *, actor1: ActorRef | None = None) -> list[Record]:
    """The first report: the bombing (actor unknown: the extractor missed it), the place, a journey, a road."""
    doc = doc or first_doc()
    t = doc.text
    s1, s2, s3 = (t.split(". ")[i] + ("." if i < 2 else "") for i in range(3))
    tuz = PlaceRef(**{**_fields(TUZ), "span": _at(t, "Tuz Khurmatu")})
    return [
        PlaceRecord(**_common(doc, "place", s1, _at(t, "Tuz Khurmatu")), place=tuz, surface="Tuz Khurmatu"),
        EventRecord(
            **_common(doc, "event", s1, _at(t, "exploded")),
            event_type="Explosions/Remote violence",
            sub_event_type="Remote explosive/landmine/IED",
            place=tuz,
            actor1=actor1,
            date=dated(date(2016, 5, 2)),
            fatalities=12,
        ),
        MovementRecord(
            **_common(doc, "movement", s2, _at(t, "moved")),
            waypoints=(KIRKUK, DAQUQ),
            actor=ActorRef("Peshmerga", "peshmerga", "kurdish", _at(t, "Peshmerga")),
            date=dated(date(2016, 5, 2)),
        ),
        RouteRecord(
            **_common(doc, "route", s3, _at(t, "Kirkuk-Daquq road")),
            name="Kirkuk-Daquq road",
            via=(KIRKUK, DAQUQ),
            controlled_by=PESH,
        ),
    ]


def second_records(doc: DocumentRecord | None = None) -> list[Record]:
    """The second report of the same bombing, which names its perpetrator."""
    doc = doc or second_doc()
    t = doc.text
    return [
        EventRecord(
            **_common(doc, "event", t, _at(t, "went off")),
            event_type="Explosions/Remote violence",
            place=PlaceRef(**{**_fields(TUZ), "span": _at(t, "Tuz Khurmatu")}),
            actor1=ISIS,
            date=dated(date(2016, 5, 2)),
            fatalities=12,
        )
    ]


def _fields(p: PlaceRef) -> dict:
    return {k: getattr(p, k) for k in p.__dataclass_fields__}


def ids(records: list[Record]) -> dict[str, str]:
    """kind -> feature id."""
    return {r.kind: r.feature_id for r in records}
