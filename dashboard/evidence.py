"""What to highlight, read from the records' own spans: nothing is looked up or searched for.

Every span of a record is an offset into its document's text; the evidence sentence is
`text[evidence_span.start:evidence_span.end]`. A span is marked in the sentence at its offset less
the sentence's start, and only when it lies inside the sentence (an event's actor named in the
sentence before keeps its own span, which is then not marked here). Classes: `kh-m` a place,
`kh-t` the feature's own word (an event's trigger, a movement word, a road), `kh-a` an actor.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from dashboard.markup import Mark, highlight
from geodata.records import EventRecord, FeatureRecord, PlaceRecord, Record, Span

PLACE, WORD, ACTOR = "kh-m", "kh-t", "kh-a"


def _marks(record: FeatureRecord) -> Iterator[tuple[Span | None, str]]:
    """The record's spans with their classes: its own word, its places, its actors."""
    yield record.span, PLACE if isinstance(record, PlaceRecord) else WORD
    if not isinstance(record, PlaceRecord):
        for place in record.vertices:
            yield place.span, PLACE
    for actor in record.actors:
        yield actor.span, ACTOR


def evidence_spans(record: FeatureRecord) -> list[Mark]:
    """(start, end, class) of the evidence sentence to highlight, relative to the sentence, in order: a
    place its mention; an event its trigger, location and actors; a movement its movement word,
    waypoints and actor; a route its road, towns and who holds it. Spans outside the sentence are left
    out; of two that overlap, the feature's own word beats a place, a place an actor ("coalition
    air strikes", an actor, keeps its trigger "air strikes" marked)."""
    sentence = record.evidence_span
    if sentence is None or sentence.end - sentence.start != len(record.evidence):
        return []  # no offsets, or a sentence that is not the text they point into: nothing to mark
    kept: list[Mark] = []
    for span, cls in _marks(record):
        if span is None or not sentence.start <= span.start < span.end <= sentence.end:
            continue
        start, end = span.start - sentence.start, span.end - sentence.start
        if not any(start < e and s < end for s, e, _ in kept):
            kept.append((start, end, cls))
    return sorted(kept)


def evidence_html(record: FeatureRecord) -> str:
    """The evidence sentence, escaped, with the record's spans highlighted ('' when it has none)."""
    if not record.evidence:
        return ""
    return highlight(record.evidence, evidence_spans(record), lang=record.lang or None, tag="blockquote")


def document_spans(records: Iterable[Record]) -> list[Mark]:
    """Spans of a whole document to highlight: every place mention, every event's trigger word."""
    spans: list[Mark] = []
    for r in records:
        if isinstance(r, PlaceRecord | EventRecord) and r.span is not None:
            spans.append((r.span.start, r.span.end, PLACE if isinstance(r, PlaceRecord) else WORD))
    return spans
