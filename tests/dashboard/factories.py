"""Records built by hand for the dashboard's tests: places, and an evidence sentence at an offset."""

from __future__ import annotations

from typing import Any

from geodata.records import PlaceRef, Span

MOSUL = PlaceRef(
    "Mosul", 36.34, 43.13, gazetteer_id="g:mosul", name_ar="الموصل", country_code="IQ", feature_type="city"
)
RAQQA = PlaceRef("Raqqa", 35.95, 39.01, gazetteer_id="g:raqqa", name_ar="الرقة", country_code="SY", feature_type="city")
BAAJ = PlaceRef(
    "Al-Baaj", 36.03, 41.73, gazetteer_id="g:baaj", name_ar="البعاج", country_code="IQ", feature_type="town"
)


def sentence(evidence: str, start: int = 0, *, doc: str = "d1", lang: str = "en") -> dict[str, Any]:
    """The common fields of a record whose evidence sentence starts at `start` in its document."""
    return {"doc": doc, "lang": lang, "evidence": evidence, "evidence_span": Span(start, start + len(evidence))}


def at(evidence: str, word: str, start: int = 0, nth: int = 1) -> Span:
    """The span, in the document, of the `nth` occurrence of `word` in a sentence starting at `start`."""
    i = -1
    for _ in range(nth):
        i = evidence.index(word, i + 1)
    return Span(start + i, start + i + len(word))
