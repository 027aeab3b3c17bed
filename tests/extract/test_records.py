"""extract/records.py: an extraction of the seed as records. Stable ids, every span
inside the text and inside its evidence, places and actors as the gazetteer and
actors.csv know them, and GeoJSON made of the records and read back."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from extract.inputs import read_file
from extract.pipeline import extract_article
from extract.records import extraction_features, extraction_records
from extract.types import Extraction
from geodata.formats.geojson import feature_to_record, record_to_feature
from geodata.gazetteer import Gazetteer
from geodata.records import (
    EventRecord,
    MovementRecord,
    PlaceRecord,
    Record,
    RouteRecord,
    Span,
    document_id,
)

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "mosul-2015-11-19-ar.txt"
ACTORS_CSV = ROOT / "extract" / "data" / "actors.csv"
KINDS_WITH_SPANS = (EventRecord, MovementRecord, RouteRecord)  # the trigger, the movement word, the road


@pytest.fixture(scope="module")
def ex(gaz: Gazetteer) -> Extraction:
    return extract_article(read_file(SEED), gaz=gaz)


@pytest.fixture(scope="module")
def records(ex: Extraction) -> list[Record]:
    return extraction_records(ex)


def text_at(ex: Extraction, span: Span) -> str:
    return ex.doc.text[span.start : span.end]


def test_the_seed_yields_every_kind(records: list[Record]) -> None:
    """Not a vacuous run: the checks below see places, events, journeys and roads."""
    assert {r.kind for r in records} == {"place", "event", "movement", "route"}


# --- ids --------------------------------------------------------------------------------------------------------------


def test_ids_are_unique_and_start_with_the_document_id(ex: Extraction, records: list[Record]) -> None:
    ids = [r.feature_id for r in records]
    assert len(set(ids)) == len(ids)
    key = document_id(ex.doc.text)
    assert all(i.startswith(f"{key}-") for i in ids), [i for i in ids if not i.startswith(key)]


def test_ids_are_the_same_when_the_same_text_is_extracted_again(
    gaz: Gazetteer, records: list[Record], tmp_path: Path
) -> None:
    copy = tmp_path / "another-name.txt"
    shutil.copyfile(SEED, copy)
    again = extraction_records(extract_article(read_file(copy), gaz=gaz))
    assert [r.feature_id for r in again] == [r.feature_id for r in records]
    assert {r.doc for r in again} == {"another-name.txt"}  # the document's name, not part of the id


# --- spans ------------------------------------------------------------------------------------------------------------


def test_every_evidence_is_its_span_of_the_text(ex: Extraction, records: list[Record]) -> None:
    wrong = [r.feature_id for r in records if r.evidence_span is None or text_at(ex, r.evidence_span) != r.evidence]
    assert not wrong
    assert all(r.evidence.strip() for r in records)


def test_every_span_lies_inside_its_evidence(ex: Extraction, records: list[Record]) -> None:
    outside = []
    for r in records:
        ev, span = r.evidence_span, r.span
        if span is None:
            assert not isinstance(r, (PlaceRecord, EventRecord)), f"{r.feature_id} has no mention or trigger"
            continue
        assert ev is not None
        if not (ev.start <= span.start < span.end <= ev.end):
            outside.append((r.kind, r.feature_id, span, ev))
    assert not outside
    for kind in KINDS_WITH_SPANS:  # the seed names every kind's word
        assert any(isinstance(r, kind) and r.span for r in records), kind.__name__


def test_a_places_span_is_its_surface(ex: Extraction, records: list[Record]) -> None:
    for r in records:
        if isinstance(r, PlaceRecord):
            assert r.span == r.place.span
            assert r.span is not None
            assert text_at(ex, r.span) == r.surface != ""


def test_places_named_by_features_are_place_mentions_resolved_alike(ex: Extraction, records: list[Record]) -> None:
    """A feature's place (an event's location, a waypoint, a road's town) is where the text
    names it: a place mention of the same extraction, resolved to the same gazetteer entry
    (a name the gazetteer knows, or a common-noun reference such as "المدينة")."""
    text = ex.doc.text
    mentions = {(r.span, r.place.gazetteer_id) for r in records if isinstance(r, PlaceRecord)}
    unknown = []
    for r in records:
        if isinstance(r, PlaceRecord):
            continue
        for p in r.vertices:
            if p.span is None:
                continue
            assert 0 <= p.span.start < p.span.end <= len(text), (r.feature_id, p)
            assert text[p.span.start : p.span.end].strip(), (r.feature_id, p)
            if (p.span, p.gazetteer_id) not in mentions:
                unknown.append((r.kind, p.name, text[p.span.start : p.span.end]))
    assert not unknown


def test_a_place_is_named_by_a_gazetteer_name_of_its_entry_or_refers_to_one_named(
    records: list[Record], gaz: Gazetteer
) -> None:
    """A mention whose surface the gazetteer knows ("مدينة الموصل") is resolved to one of that
    name's entries; one it does not know is a common noun ("المدينة") standing for a place
    the text names elsewhere."""
    named: set[str] = set()
    common_nouns: list[PlaceRecord] = []
    for r in records:
        if isinstance(r, PlaceRecord):
            candidates = {e.gid for e in gaz.candidates(r.surface)}
            if candidates:
                assert r.place.gazetteer_id in candidates, (r.surface, r.place.gazetteer_id, candidates)
                named.add(r.place.gazetteer_id)
            else:
                common_nouns.append(r)
    assert {"geonames:99072", "geonames:172955", "geonames:173811", "geonames:99524"} <= named  # the journey's towns
    assert "المدينة" in {r.surface for r in common_nouns}
    assert [r.surface for r in common_nouns if r.place.gazetteer_id not in named] == []


# --- actors -----------------------------------------------------------------------------------------------------------


def _families() -> dict[str, str]:
    with ACTORS_CSV.open(encoding="utf-8", newline="") as fh:
        return {row["actor_id"]: row["family"] for row in csv.DictReader(fh)}


def test_every_actor_has_its_id_and_its_family_from_actors_csv(ex: Extraction, records: list[Record]) -> None:
    families = _families()
    actors = [a for r in records for a in r.actors]
    assert actors, "the seed names actors"
    for a in actors:
        assert a.actor_id, a
        assert a.actor_id in families, a
        assert a.family == families[a.actor_id], a
        assert a.span is not None
        assert text_at(ex, a.span).strip(), a


# --- GeoJSON ----------------------------------------------------------------------------------------------------------


def test_features_are_the_records_as_geojson(ex: Extraction, records: list[Record]) -> None:
    assert extraction_features(ex) == [record_to_feature(r) for r in records]


@pytest.mark.parametrize("kind", ["place", "event"])
def test_each_feature_reads_back_as_its_record(records: list[Record], kind: str) -> None:
    mine = [r for r in records if r.kind == kind]
    assert mine
    assert [feature_to_record(record_to_feature(r)) for r in mine] == mine


@pytest.mark.parametrize("kind", ["movement", "route"])
def test_each_line_feature_reads_back_as_its_record(records: list[Record], kind: str) -> None:
    mine = [r for r in records if r.kind == kind]
    assert mine
    assert [feature_to_record(record_to_feature(r)) for r in mine] == mine
