"""geodata/store/schema.py: a store written by schema 1 (made here by hand with sqlite3), by schema 2
(before places said whether the gazetteer knew them) or by schema 3 (before the spatial index) is brought
up to date when opened, keeping every row; a newer store is refused.

Schemas 1 and 2 were only ever written to SQLite files (PostgreSQL had no driver installed before schema
4): those tests are SQLite's. Schema 3 -> 4 runs on both backends (see conftest.py)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from geodata.errors import StoreError
from geodata.records import (
    DateRef,
    DocumentRecord,
    EventRecord,
    MovementRecord,
    PlaceRecord,
    PlaceRef,
    RouteRecord,
    Span,
    dated,
    document_id,
)
from geodata.store import Store
from geodata.store.filters import Filters
from geodata.store.schema import SCHEMA_VERSION

RAQQA, HASAKAH, MOSUL, BAAJ = (39.00788, 35.95283), (40.74772, 36.50237), (43.11889, 36.335), (41.71632, 36.0426)
EVENT_SENTENCE = "قال مصدر: غارات التحالف تضرب داعش البعاج"  # 0..40, the trigger "غارات" at 10..15
TEXT = EVENT_SENTENCE + ". هاربة من مدينة الرقة باتجاه الحسكة ثم الموصل. Raqqa to Mosul road."
JOURNEY = Span(42, 87)  # the journey's sentence; "الرقة" at 57..62
ROAD = Span(88, len(TEXT))
DOC_ID = document_id(TEXT)

_COMMON = """id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id VARCHAR(16) NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, evidence TEXT, span_start INTEGER, span_end INTEGER, lang VARCHAR(8), confidence FLOAT,
    geometry TEXT, geom_type VARCHAR(32), min_lon FLOAT, min_lat FLOAT, max_lon FLOAT, max_lat FLOAT,
    t_start VARCHAR(10), t_end VARCHAR(10), countries TEXT, extra JSON"""
_DATES = "date TEXT, date_precision TEXT, date_start TEXT, date_end TEXT"
SCHEMA_1 = f"""
CREATE TABLE meta (key VARCHAR(64) PRIMARY KEY, value TEXT);
CREATE TABLE documents (id VARCHAR(16) PRIMARY KEY, name TEXT NOT NULL, title TEXT NOT NULL, date VARCHAR(10),
    source TEXT NOT NULL, lang VARCHAR(8) NOT NULL, origin VARCHAR(16) NOT NULL, text TEXT NOT NULL,
    n_features INTEGER NOT NULL, added_at VARCHAR(32) NOT NULL);
CREATE TABLE places ({_COMMON}, name TEXT, name_ar TEXT, surface TEXT, gazetteer_id TEXT, feature_type TEXT,
    country_code TEXT);
CREATE TABLE events ({_COMMON}, event_type TEXT, sub_event_type TEXT, actor1 TEXT, actor2 TEXT, {_DATES},
    location TEXT, location_ar TEXT, gazetteer_id TEXT, country_code TEXT, geo_precision INTEGER,
    fatalities INTEGER, count INTEGER, unit TEXT, trigger_start INTEGER, trigger_end INTEGER,
    source_dataset TEXT, source_id TEXT);
CREATE TABLE movements ({_COMMON}, actor TEXT, waypoints JSON, count INTEGER, unit TEXT, {_DATES});
CREATE TABLE routes ({_COMMON}, name TEXT, via JSON, controlled_by TEXT, status TEXT);
"""


def _geometry(*points: tuple[float, float]) -> dict:
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    geom = {"type": "Point", "coordinates": list(points[0])}
    if len(points) > 1:
        geom = {"type": "LineString", "coordinates": [list(p) for p in points]}
    return {
        "geometry": json.dumps(geom),
        "geom_type": geom["type"],
        "min_lon": min(lons),
        "min_lat": min(lats),
        "max_lon": max(lons),
        "max_lat": max(lats),
    }


def _insert(db: sqlite3.Connection, table: str, row: dict) -> None:
    db.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))


def write_schema_1_store(path: Path, *, version: str = "1") -> None:
    """A store as schema 1 wrote it: one document with a place, an event, a journey and a road."""
    db = sqlite3.connect(path)
    db.executescript(SCHEMA_1)
    db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (version,))
    _insert(
        db,
        "documents",
        {
            "id": DOC_ID,
            "name": "mosul-2015-11-19-ar.txt",
            "title": "الموصل... ملاذ دواعش الرقة",
            "date": "2015-11-19",
            "source": "الشروق",
            "lang": "ar",
            "origin": "article",
            "text": TEXT,
            "n_features": 4,
            "added_at": "2015-11-20T10:00:00+00:00",
        },
    )
    day = {"t_start": "2015-11-19", "t_end": "2015-11-19"}
    common = {"doc_id": DOC_ID, "lang": "ar", "extra": None}
    _insert(
        db,
        "places",
        {
            **common,
            "seq": 0,
            "evidence": TEXT[JOURNEY.start : JOURNEY.end],
            "span_start": 57,  # the mention (places already had it)
            "span_end": 62,
            "confidence": 0.9,
            **_geometry(RAQQA),
            **day,
            "countries": ",SY,",
            "name": "Raqqa",
            "name_ar": "الرقة",
            "surface": "الرقة",
            "gazetteer_id": "geonames:172955",
            "feature_type": "city",
            "country_code": "SY",
        },
    )
    _insert(
        db,
        "events",
        {
            **common,
            "seq": 1,
            "evidence": TEXT[:40],
            "span_start": 0,  # schema 1: the sentence
            "span_end": 40,
            "trigger_start": 10,
            "trigger_end": 15,
            **_geometry(BAAJ),
            "t_start": "2015-11-13",
            "t_end": "2015-11-19",
            "countries": ",IQ,",
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Air/drone strike",
            "actor1": "International coalition",
            "actor2": "ISIS",
            "date": "2015-11-19",
            "date_precision": "week",
            "date_start": "2015-11-13",
            "date_end": "2015-11-19",
            "location": "Al-Baaj",
            "location_ar": "البعاج",
            "gazetteer_id": "geonames:99524",
            "country_code": "IQ",
            "geo_precision": 1,
            "fatalities": 3,
        },
    )
    _insert(
        db,
        "movements",
        {
            **common,
            "seq": 2,
            "evidence": TEXT[JOURNEY.start : JOURNEY.end],
            "span_start": JOURNEY.start,  # schema 1: the sentence
            "span_end": JOURNEY.end,
            **_geometry(RAQQA, HASAKAH, MOSUL),
            "t_start": "2015-11-01",
            "t_end": "2015-11-30",
            "countries": ",IQ,SY,",
            "actor": "ISIS",
            "waypoints": json.dumps(["Raqqa", "Hasakah", "Mosul"]),
            "count": 70,
            "unit": "families",
            "date": "2015-11-01",
            "date_precision": "month",
            "date_start": "2015-11-01",
            "date_end": "2015-11-30",
        },
    )
    _insert(
        db,
        "routes",
        {
            **common,
            "seq": 3,
            "evidence": TEXT[ROAD.start : ROAD.end],
            "span_start": ROAD.start,  # schema 1: the sentence
            "span_end": ROAD.end,
            **_geometry(RAQQA, MOSUL),
            **day,
            "countries": ",IQ,SY,",
            "name": "Raqqa–Mosul road",
            "via": json.dumps(["Raqqa", "Mosul"]),
            "controlled_by": "Kurdish forces",
            "status": "contested",
        },
    )
    db.commit()
    db.close()


def dump(path: Path) -> list[str]:
    """The whole database as SQL: tables, indexes and rows."""
    db = sqlite3.connect(path)
    try:
        return list(db.iterdump())
    finally:
        db.close()


def schema_version(path: Path) -> str:
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    finally:
        db.close()


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    path = tmp_path / "khareeta-v1.sqlite"
    write_schema_1_store(path)
    return path


@pytest.fixture
def migrated(old_store: Path) -> Iterator[Store]:
    store = Store.open(old_store)
    yield store
    store.close()


def by_kind(store: Store, filters: Filters | None = None) -> dict[str, object]:
    return {r.kind: r for r in store.query(filters)}


def test_opening_migrates_the_schema_version(old_store: Path) -> None:
    assert schema_version(old_store) == "1"
    Store.open(old_store).close()
    assert schema_version(old_store) == str(SCHEMA_VERSION) == "6"


def test_every_row_is_kept_with_an_id_from_its_document_and_order(migrated: Store) -> None:
    records = migrated.query()
    assert [r.kind for r in records] == ["place", "event", "movement", "route"]
    assert [r.feature_id for r in records] == [f"{DOC_ID}-{seq}" for seq in range(4)]
    assert {r.doc for r in records} == {DOC_ID}
    assert {r.source for r in records} == {"الشروق"}


def test_the_old_sentence_becomes_the_evidence_and_the_trigger_the_span(migrated: Store) -> None:
    found = by_kind(migrated)
    event = found["event"]
    assert isinstance(event, EventRecord)
    assert event.evidence_span == Span(0, 40)
    assert event.span == Span(10, 15)
    assert event.evidence == TEXT[:40] == EVENT_SENTENCE
    assert TEXT[10:15] == "غارات"
    assert (event.event_type, event.sub_event_type, event.fatalities) == (
        "Explosions/Remote violence",
        "Air/drone strike",
        3,
    )
    assert [a.name for a in event.actors] == ["International coalition", "ISIS"]
    assert event.date == DateRef(date(2015, 11, 19), "week", date(2015, 11, 13), date(2015, 11, 19))
    assert (event.place.name, event.place.name_ar, event.place.gazetteer_id) == ("Al-Baaj", "البعاج", "geonames:99524")
    assert (event.place.lon, event.place.lat) == BAAJ
    assert (found["movement"].evidence_span, found["route"].evidence_span) == (JOURNEY, ROAD)
    assert found["movement"].span is found["route"].span is None  # schema 1 never kept their word
    for r in (found["event"], found["movement"], found["route"]):  # a schema-1 place had no sentence offsets
        span = r.evidence_span or Span(0, 0)
        assert TEXT[span.start : span.end] == r.evidence


def test_a_place_keeps_its_mention_as_its_span(migrated: Store) -> None:
    place = by_kind(migrated)["place"]
    assert isinstance(place, PlaceRecord)
    assert place.span == place.place.span == Span(57, 62)
    assert TEXT[57:62] == place.surface == "الرقة"
    assert (place.place.name, place.place.country_code, place.confidence) == ("Raqqa", "SY", 0.9)
    assert (place.resolved, place.placed_at, place.geo_precision) == (True, "", None)  # the gazetteer knew it


def test_waypoints_and_towns_are_named_as_before_at_the_lines_positions(migrated: Store) -> None:
    found = by_kind(migrated)
    movement, route = found["movement"], found["route"]
    assert isinstance(movement, MovementRecord)
    assert isinstance(route, RouteRecord)
    assert [(p.name, p.lon, p.lat) for p in movement.waypoints] == [
        ("Raqqa", *RAQQA),
        ("Hasakah", *HASAKAH),
        ("Mosul", *MOSUL),
    ]
    assert all(isinstance(p, PlaceRef) for p in movement.waypoints)
    assert (movement.actor.name if movement.actor else "", movement.count, movement.unit) == ("ISIS", 70, "families")
    assert movement.date is not None
    assert (movement.date.precision, movement.date.start, movement.date.end) == (
        "month",
        date(2015, 11, 1),
        date(2015, 11, 30),
    )
    assert [(p.name, p.lon, p.lat) for p in route.via] == [("Raqqa", *RAQQA), ("Mosul", *MOSUL)]
    assert (route.name, route.status) == ("Raqqa–Mosul road", "contested")
    assert route.controlled_by is not None
    assert route.controlled_by.name == "Kurdish forces"


@pytest.mark.parametrize(
    ("filters", "kinds"),
    [
        (Filters(actors=("ISIS",)), {"event", "movement"}),
        (Filters(actors=("kurdish forces",)), {"route"}),
        (Filters(date_from="2015-11-20", date_to="2015-11-25"), {"movement"}),
        (Filters(date_from="2015-11-13", date_to="2015-11-14"), {"event", "movement"}),
        (Filters(date_to="2015-10-31"), set()),
        (Filters(bbox=(41.5, 35.9, 41.9, 36.1)), {"event"}),  # around Baaj only
        (Filters(bbox=(38.9, 35.9, 39.1, 36.0)), {"place", "movement", "route"}),  # around Raqqa
        (Filters(countries=("IQ",)), {"event", "movement", "route"}),
        (Filters(countries=("سوريا",)), {"place", "movement", "route"}),
        (Filters(event_types=("Air/drone strike",)), {"event"}),
        (Filters(text="البعاج"), {"event"}),
        (Filters(text="MOSUL ROAD"), {"route"}),
        (Filters(text="Baaj"), {"event"}),  # schema 5: the migrated rows' search keys, across languages
        (Filters(text="الرقه"), {"place", "movement", "route"}),
        (Filters(doc_ids=(DOC_ID,)), {"place", "event", "movement", "route"}),
    ],
    ids=[
        "actor-isis",
        "actor-case",
        "dates-late-month",
        "dates-event-week",
        "dates-before",
        "bbox-baaj",
        "bbox-raqqa",
        "country-iq",
        "country-ar",
        "event-type",
        "text-ar",
        "text-en",
        "text-en-finds-ar",
        "text-ar-finds-en",
        "doc-id",
    ],
)
def test_filters_still_work(migrated: Store, filters: Filters, kinds: set[str]) -> None:
    assert {r.kind for r in migrated.query(filters)} == kinds


def test_a_second_open_changes_nothing(old_store: Path) -> None:
    Store.open(old_store).close()
    once = dump(old_store)
    Store.open(old_store).close()
    assert dump(old_store) == once


def test_the_migration_adds_the_feature_id_index(old_store: Path) -> None:
    Store.open(old_store).close()
    db = sqlite3.connect(old_store)
    try:
        indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    finally:
        db.close()
    assert {f"ix_{t}_feature_id" for t in ("places", "events", "movements", "routes")} <= indexes


def test_new_documents_go_into_the_migrated_store(migrated: Store) -> None:
    text = "MOSUL (Reuters) - Coalition strikes hit Baaj."
    doc = DocumentRecord(name="reuters.txt", text=text, lang="en", published=date(2017, 6, 1), source="Reuters")
    key = document_id(text)
    baaj = PlaceRef("Al-Baaj", BAAJ[1], BAAJ[0], "geonames:99524", "البعاج", "IQ", "town", Span(40, 44))
    new = [
        PlaceRecord(feature_id=f"{key}-p1", doc=doc.name, lang="en", span=Span(40, 44), place=baaj, surface="Baaj"),
        EventRecord(
            feature_id=f"{key}-e1",
            doc=doc.name,
            lang="en",
            evidence=text,
            evidence_span=Span(0, len(text)),
            span=Span(27, 34),
            event_type="Explosions/Remote violence",
            place=baaj,
            date=dated(date(2017, 6, 1)),
        ),
    ]
    assert migrated.add_document(doc, new) == "added"
    records = migrated.query()
    assert len(records) == 6
    assert {r.feature_id for r in records} >= {f"{key}-p1", f"{key}-e1", f"{DOC_ID}-0"}
    event = next(r for r in migrated.query(Filters(doc_ids=(key,), kinds=("event",))))
    assert (event.evidence_span, event.span) == (Span(0, len(text)), Span(27, 34))
    assert {d.doc_id for d in migrated.documents()} == {DOC_ID, key}


def test_a_store_of_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "khareeta-newer.sqlite"
    write_schema_1_store(path, version=str(SCHEMA_VERSION + 1))
    before = dump(path)
    with pytest.raises(StoreError, match="newer version") as info:
        Store.open(path)
    assert f"schema {SCHEMA_VERSION + 1}" in str(info.value)
    assert dump(path) == before


# --- schema 2 -> 3: places say whether the gazetteer knew them --------------------------------------------------

SCHEMA_3_PLACE_COLUMNS = ("geo_precision", "resolved", "placed_at")


def write_schema_2_store(path: Path) -> list[str]:
    """A store as schema 2 wrote it (today's tables without the place columns schema 3 added); its rows."""
    with Store.open(path) as s:
        s.add_document(*schema_2_document())
    drop_the_rtrees(path)  # schema 2 had none
    db = sqlite3.connect(path)
    try:
        for col in SCHEMA_3_PLACE_COLUMNS:
            db.execute(f"ALTER TABLE places DROP COLUMN {col}")
        db.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
        db.commit()
    finally:
        db.close()
    return dump(path)


def drop_the_rtrees(path: Path) -> None:
    """A SQLite store without schema 4's R*Tree tables and their triggers."""
    db = sqlite3.connect(path)
    try:
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            db.execute(f"DROP TRIGGER {name}")
        for table in ("places", "events", "movements", "routes"):
            db.execute(f"DROP TABLE {table}_rtree")
        db.commit()
    finally:
        db.close()


def table_rows(lines: list[str]) -> list[str]:
    """The rows of a dump, but for the R*Tree's own tables."""
    return [line for line in lines if line.startswith("INSERT INTO") and "_rtree" not in line.split(" ")[2]]


def schema_2_document() -> tuple[DocumentRecord, list]:
    doc = DocumentRecord(name="t.txt", text=TEXT, lang="ar", published=date(2015, 11, 19), source="الشروق")
    raqqa = PlaceRef("Raqqa", RAQQA[1], RAQQA[0], "geonames:172955", "الرقة", "SY", "city", Span(57, 62))
    return doc, [
        PlaceRecord(feature_id=f"{DOC_ID}-p", doc="t.txt", span=Span(57, 62), place=raqqa, surface="الرقة"),
        EventRecord(
            feature_id=f"{DOC_ID}-e", doc="t.txt", event_type="Battles", place=raqqa, geo_precision=1, fatalities=3
        ),
    ]


def columns(path: Path, table: str) -> list[str]:
    db = sqlite3.connect(path)
    try:
        return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
    finally:
        db.close()


def test_a_schema_2_store_gets_the_place_columns_and_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "khareeta-v2.sqlite"
    before = write_schema_2_store(path)
    assert not set(SCHEMA_3_PLACE_COLUMNS) & set(columns(path, "places"))
    with Store.open(path) as s:
        records = s.query()
        assert s.unresolved() == []
    assert schema_version(path) == str(SCHEMA_VERSION)
    assert set(SCHEMA_3_PLACE_COLUMNS) <= set(columns(path, "places"))
    place, event = records
    assert isinstance(place, PlaceRecord) and isinstance(event, EventRecord)
    assert (place.resolved, place.placed_at, place.geo_precision, place.surface) == (True, "", None, "الرقة")
    assert (event.geo_precision, event.fatalities, event.place.gazetteer_id) == (1, 3, "geonames:172955")
    rows = table_rows(dump(path))
    assert len(rows) == len(table_rows(before))  # nothing lost
    assert any("'geonames:172955'" in line and line.startswith('INSERT INTO "places"') for line in rows)


def test_a_migrated_schema_2_store_takes_unresolved_places(tmp_path: Path) -> None:
    path = tmp_path / "khareeta-v2.sqlite"
    write_schema_2_store(path)
    doc = DocumentRecord(name="v.txt", text="Clashes in Tell Xyzabad.", lang="en")
    village = PlaceRef("Tell Xyzabad", 34.69, 40.83, country_code="SY", feature_type="village", span=Span(11, 23))
    unknown = PlaceRecord(
        feature_id=f"{doc.doc_id}-p",
        doc="v.txt",
        span=Span(11, 23),
        place=village,
        surface="Tell Xyzabad",
        geo_precision=2,
        resolved=False,
        placed_at="Hajin Subdistrict",
    )
    with Store.open(path) as s:
        s.add_document(doc, [unknown])
        assert [(u.name, u.placed_at, u.count) for u in s.unresolved()] == [("Tell Xyzabad", ("Hajin Subdistrict",), 1)]
        assert s.resolve(replace(village, gazetteer_id="user:tx"), ["Tell Xyzabad"]).total == 1
        assert {r.resolved for r in s.query(Filters(kinds=("place",)))} == {True}
