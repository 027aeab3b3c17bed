"""Records as the extractor makes them for a village the gazetteer lacks: the village placed at the
sub-district around it (geo_precision 2, `resolved` false, no gazetteer id), an event there, a journey
from it; beside them places the gazetteer knew, an imported ACLED event and a known place of the same
name, which re-resolving must leave alone. Shared by the store, CLI and dashboard tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from geodata.records import (
    ActorRef,
    DocumentRecord,
    EventRecord,
    MovementRecord,
    PlaceRecord,
    PlaceRef,
    Record,
    Span,
    dated,
    feature_id,
)

VILLAGE = "Tell Xyzabad"
UNIT = "Hajin Subdistrict"
HAJIN_AT = (34.69, 40.83)  # the sub-district's seat, where the village is placed until it is known
VILLAGE_AT = (34.745, 40.771)  # where the analyst says it is
TEXT = (
    "DEIR EZ-ZOR, Syria - Gunmen attacked the village of Tell Xyzabad in Hajin subdistrict, killing two. "
    "About 40 families fled Tell Xyzabad toward Hajin on Monday."
)
ARABIC_TEXT = "هاجم مسلحون قرية تل زيزاباد في ناحية هجين. ونزحت عائلات من تلّ زيزاباد."
HAJIN = PlaceRef(
    "Hajin", *HAJIN_AT, gazetteer_id="geonames:169389", name_ar="هجين", country_code="SY", feature_type="town"
)


def at(text: str, word: str, nth: int = 1) -> Span:
    i = -1
    for _ in range(nth):
        i = text.index(word, i + 1)
    return Span(i, i + len(word))


def unknown(name: str, span: Span | None, *, unit: tuple[float, float] = HAJIN_AT) -> PlaceRef:
    """A place the gazetteer lacks, at the unit around it: the name as written, no gazetteer id."""
    return PlaceRef(name, *unit, country_code="SY", feature_type="village", span=span)


def document(text: str = TEXT, *, name: str = "hajin.txt", lang: str = "en") -> DocumentRecord:
    return DocumentRecord(name=name, text=text, lang=lang, published=date(2017, 9, 4), source="Test Wire")


def _common(doc: DocumentRecord, kind: str, evidence: Span, span: Span | None, *anchor: object) -> dict:
    return {
        "feature_id": feature_id(doc.doc_id, kind, *anchor),
        "doc": doc.name,
        "lang": doc.lang,
        "evidence": doc.text[evidence.start : evidence.end],
        "evidence_span": evidence,
        "span": span,
    }


def village_records(doc: DocumentRecord | None = None) -> list[Record]:
    """The English article's features: two mentions of the village, Hajin, an attack there, a flight from it."""
    doc = doc or document()
    text = doc.text
    first, second = Span(0, text.index("killing two.") + len("killing two.")), Span(text.index("About"), len(text))
    v1, v2, hajin = at(text, VILLAGE), at(text, VILLAGE, 2), at(text, "Hajin", 2)
    return [
        PlaceRecord(
            **_common(doc, "place", first, v1, v1.start),
            place=unknown(VILLAGE, v1),
            surface=VILLAGE,
            geo_precision=2,
            resolved=False,
            placed_at=UNIT,
        ),
        EventRecord(
            **_common(doc, "event", first, at(text, "attacked"), "attacked"),
            event_type="Violence against civilians",
            sub_event_type="Attack",
            place=unknown(VILLAGE, v1),
            geo_precision=2,
            actor1=ActorRef("Unidentified armed group", span=at(text, "Gunmen")),
            date=dated(date(2017, 9, 4)),
            fatalities=2,
        ),
        PlaceRecord(
            **_common(doc, "place", second, v2, v2.start),
            place=unknown(VILLAGE, v2),
            surface=VILLAGE,
            geo_precision=2,
            resolved=False,
            placed_at=UNIT,
        ),
        PlaceRecord(
            **_common(doc, "place", second, hajin, hajin.start),
            place=replace(HAJIN, span=hajin),
            surface="Hajin",
            geo_precision=1,
            confidence=0.9,
        ),
        MovementRecord(
            **_common(doc, "movement", second, at(text, "fled"), "fled"),
            waypoints=(unknown(VILLAGE, v2), replace(HAJIN, span=hajin)),
            count=40,
            unit="families",
            date=dated(date(2017, 9, 4)),
        ),
    ]


def arabic_records(doc: DocumentRecord | None = None) -> list[Record]:
    """The Arabic article's features: the same village written two ways (a shadda the second time)."""
    doc = doc or document(ARABIC_TEXT, name="hajin-ar.txt", lang="ar")
    text = doc.text
    first, second = Span(0, text.index(".") + 1), Span(text.index(".") + 2, len(text))
    out: list[Record] = []
    for written, sent in (("تل زيزاباد", first), ("تلّ زيزاباد", second)):
        span = at(text, written)
        out.append(
            PlaceRecord(
                **_common(doc, "place", sent, span, span.start),
                place=unknown(written, span),
                surface=written,
                geo_precision=2,
                resolved=False,
                placed_at="ناحية هجين",
            )
        )
    return out


def bystanders() -> tuple[DocumentRecord, list[Record]]:
    """An imported ACLED event at a 'Tell Xyzabad' of its own, and a known place of that name far away:
    neither is an unresolved mention, so neither moves."""
    text = "ACLED import\nSYR1\nTell Xyzabad"
    doc = DocumentRecord(name="acled.csv", text=text, lang="en", source="ACLED", origin="import")
    acled_place = PlaceRef(VILLAGE, 34.70, 40.80, country_code="SY")
    known = PlaceRef(VILLAGE, 36.10, 38.20, gazetteer_id="geonames:1", country_code="SY", feature_type="village")
    return doc, [
        EventRecord(
            feature_id=feature_id(doc.doc_id, "event", 1),
            doc=doc.name,
            event_type="Battles",
            sub_event_type="Armed clash",
            place=acled_place,
            geo_precision=2,
            date=dated(date(2017, 9, 3)),
            extra={"source_dataset": "ACLED", "source_id": "SYR1"},
        ),
        PlaceRecord(feature_id=feature_id(doc.doc_id, "place", 2), doc=doc.name, place=known, surface=VILLAGE),
    ]
