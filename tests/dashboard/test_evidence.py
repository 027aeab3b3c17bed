"""Highlights come from the records' own spans, relative to their sentence: never searched for."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from dashboard.evidence import document_spans, evidence_html, evidence_spans
from dashboard.markup import esc
from geodata.records import ActorRef, EventRecord, MovementRecord, PlaceRecord, Record, RouteRecord, Span
from geodata.store import Store
from geodata.store.filters import Filters
from tests.dashboard.factories import BAAJ, MOSUL, RAQQA, at, sentence

# The sentence starts at 100 in its document: every span below is a document offset.
START = 100
TWICE = "Mosul residents said that clashes broke out again in Mosul on Monday."
JOURNEY = "About 70 families of ISIS leaders fled Raqqa toward Al-Baaj."
ROAD = "Kurdish forces control the road linking Raqqa and Mosul."


@pytest.fixture(scope="module")
def seeds(seeded_db_file: Path) -> tuple[list[Record], dict[str, str]]:
    with Store.open(seeded_db_file) as s:
        return s.query(), {d.doc_id: s.document_text(d.doc_id) or "" for d in s.documents()}


def clashes(**changes) -> EventRecord:
    record = EventRecord(
        feature_id="d1-e1",
        **sentence(TWICE, START),
        span=at(TWICE, "clashes", START),
        event_type="Battles",
        sub_event_type="Armed clash",
        place=replace(MOSUL, span=at(TWICE, "Mosul", START, nth=2)),
        actor1=ActorRef("Iraqi army", "iraqi_army", "Iraqi government", Span(40, 52)),
    )
    return replace(record, **changes)


def marked(html: str) -> list[str]:
    return re.findall(r"<mark[^>]*>([^<]*)</mark>", html)


def test_an_events_location_is_its_own_span_even_when_the_name_occurs_twice() -> None:
    ev = clashes()
    second = TWICE.index("Mosul", 1)
    assert evidence_spans(ev) == [(26, 33, "kh-t"), (second, second + 5, "kh-m")]
    html = evidence_html(ev)
    assert html.count('<mark class="kh-m">Mosul</mark>') == 1
    assert html.index('<mark class="kh-m">') > html.index("again")  # the second Mosul, not the first


def test_a_span_outside_the_sentence_is_not_marked() -> None:
    ev = clashes()  # its actor was named in the sentence before (40..52 in the document)
    assert all(cls != "kh-a" for *_, cls in evidence_spans(ev))
    straddling = clashes(place=replace(MOSUL, span=Span(START - 3, START + 5)))
    assert [cls for *_, cls in evidence_spans(straddling)] == ["kh-t"]
    after = clashes(span=Span(START + len(TWICE), START + len(TWICE) + 4))
    assert [cls for *_, cls in evidence_spans(after)] == ["kh-m"]


def test_an_events_actors_in_its_sentence_are_marked() -> None:
    text = "Iraqi forces clashed with ISIS fighters near Mosul."
    ev = EventRecord(
        feature_id="e",
        **sentence(text, 7),
        span=at(text, "clashed", 7),
        event_type="Battles",
        place=replace(MOSUL, span=at(text, "Mosul", 7)),
        actor1=ActorRef("Iraqi army", span=at(text, "Iraqi forces", 7)),
        actor2=ActorRef("ISIS", span=at(text, "ISIS fighters", 7)),
    )
    assert marked(evidence_html(ev)) == ["Iraqi forces", "clashed", "ISIS fighters", "Mosul"]


def test_of_overlapping_spans_the_features_word_then_its_place_win_over_an_actor() -> None:
    text = "Coalition air strikes hit Ankara-backed positions near Mosul."
    ev = EventRecord(
        feature_id="e",
        **sentence(text, START),
        span=at(text, "air strikes", START),
        event_type="Explosions/Remote violence",
        place=replace(MOSUL, span=at(text, "Mosul", START)),
        actor1=ActorRef("International coalition", span=at(text, "Coalition air strikes", START)),
        actor2=ActorRef("Turkish forces", span=at(text, "Ankara", START)),
    )
    assert marked(evidence_html(ev)) == ["air strikes", "Ankara", "Mosul"]
    assert [cls for *_, cls in evidence_spans(ev)] == ["kh-t", "kh-a", "kh-m"]


def test_a_movement_marks_its_word_its_waypoints_and_its_actor() -> None:
    mv = MovementRecord(
        feature_id="m",
        **sentence(JOURNEY, START),
        span=at(JOURNEY, "fled", START),
        waypoints=(replace(RAQQA, span=at(JOURNEY, "Raqqa", START)), replace(BAAJ, span=at(JOURNEY, "Al-Baaj", START))),
        actor=ActorRef("Families of ISIS members", span=at(JOURNEY, "families of ISIS leaders", START)),
    )
    html = evidence_html(mv)
    assert marked(html) == ["families of ISIS leaders", "fled", "Raqqa", "Al-Baaj"]
    assert '<mark class="kh-a">families' in html and '<mark class="kh-t">fled' in html


def test_a_route_marks_its_road_its_towns_and_who_holds_it() -> None:
    rt = RouteRecord(
        feature_id="r",
        **sentence(ROAD, START),
        span=at(ROAD, "road", START),
        name="Raqqa–Mosul road",
        via=(replace(RAQQA, span=at(ROAD, "Raqqa", START)), replace(MOSUL, span=at(ROAD, "Mosul", START))),
        controlled_by=ActorRef("Kurdish forces", span=at(ROAD, "Kurdish forces", START)),
    )
    assert marked(evidence_html(rt)) == ["Kurdish forces", "road", "Raqqa", "Mosul"]


def test_a_place_marks_its_mention_and_nothing_without_offsets() -> None:
    text = "Mosul and Mosul again."
    place = PlaceRecord(
        feature_id="p",
        **sentence(text, START),
        span=at(text, "Mosul", START, nth=2),
        place=replace(MOSUL, span=at(text, "Mosul", START, nth=2)),
        surface="Mosul",
    )
    assert evidence_spans(place) == [(10, 15, "kh-m")]
    assert evidence_spans(replace(place, evidence_span=None)) == []
    assert evidence_spans(replace(place, evidence_span=Span(START, START + 3))) == []  # not this sentence's span
    assert evidence_html(replace(place, evidence="")) == ""


def test_seed_place_popups_highlight_exactly_the_mention(seeds) -> None:
    records, texts = seeds
    places = [r for r in records if isinstance(r, PlaceRecord)]
    for r in places[:80]:
        surface = texts[r.doc][r.span.start : r.span.end]
        assert f'<mark class="kh-m">{esc(surface)}</mark>' in evidence_html(r), surface


def test_seed_event_popups_mark_trigger_and_location_movement_popups_the_waypoints(seeds) -> None:
    records, _texts = seeds
    ev = next(r for r in records if isinstance(r, EventRecord))
    assert '<mark class="kh-t">' in evidence_html(ev)
    mv = next(r for r in records if isinstance(r, MovementRecord) and r.lang == "ar")
    html = evidence_html(mv)
    assert html.count('<mark class="kh-m">') >= 2 and 'dir="rtl"' in html


def test_every_seed_mark_is_the_text_of_one_of_the_records_spans(seeds) -> None:
    records, texts = seeds
    for r in records:
        start = r.evidence_span.start
        own = {r.span, *(p.span for p in r.vertices), *(a.span for a in r.actors)}
        for a, b, _cls in evidence_spans(r):
            assert Span(start + a, start + b) in own
            assert r.evidence[a:b] == texts[r.doc][start + a : start + b]


def test_document_spans_mark_places_and_event_triggers(seeded_db_file: Path) -> None:
    with Store.open(seeded_db_file) as s:
        doc = next(d for d in s.documents() if d.name.startswith("mosul-2015"))
        records = s.query(Filters(doc_ids=(doc.doc_id,)))
        text = s.document_text(doc.doc_id)
    spans = document_spans(records)
    assert {cls for *_, cls in spans} == {"kh-m", "kh-t"}
    assert "الرقة" in {text[a:b] for a, b, cls in spans if cls == "kh-m"}
    triggers = {(r.span.start, r.span.end) for r in records if isinstance(r, EventRecord)}
    assert {(a, b) for a, b, cls in spans if cls == "kh-t"} == triggers
