"""The store: URL resolution, idempotent transactional adds, every filter,
failure isolation, delete, stats/facets, concurrent writers, PostgreSQL DDL.

Every test taking `store`, `db_url` or `new_db` runs on SQLite and on PostGIS (see conftest.py)."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateIndex, CreateTable

from geodata.countries import country_code, country_name
from geodata.errors import InputError
from geodata.formats.geojson import feature_to_record, record_to_feature
from geodata.records import DateRef, DocumentRecord, EventRecord, MovementRecord, PlaceRecord, PlaceRef, Record, dated
from geodata.store import Store, StoreError, bulk, document_id, resolve_url
from geodata.store import database as store_mod
from geodata.store.filters import Filters, parse_bbox, period_of
from geodata.store.schema import TABLES, metadata

RAQQA, HASAKAH, BAAJ, MOSUL = [39.00788, 35.95283], [40.74772, 36.50237], [41.71632, 36.0426], [43.11889, 36.335]
SEED_TEXT = "الموصل-الشروق العربي-هاربة من مدينة الرقة باتجاه الحسكة ومن ثم إلى منطقة البعاج. قصف في البعاج."


_IDS = iter(range(10**6))


def _feature(kind: str, geom_type: str, coords: list, **props: object) -> dict:
    """A hand-made Feature of the GeoJSON contract (the store takes it as the record it reads as)."""
    base = {
        "kind": kind,
        "id": f"f{next(_IDS)}",
        "doc": "seed.txt",
        "evidence": "هاربة من مدينة الرقة",
        "evidence_start": 0,
        "evidence_end": 20,
        "start": 0,
        "end": 10,
        "lang": "ar",
    }
    return {"type": "Feature", "geometry": {"type": geom_type, "coordinates": coords}, "properties": base | props}


def records(features: list[dict]) -> list[Record]:
    return [feature_to_record(f) for f in features]


def query(store: Store, filters: Filters | None = None) -> list[dict]:
    """What the store returns, as the contract's Features."""
    return [record_to_feature(r) for r in store.query(filters)]


def seed_features() -> list[dict]:
    """Hand-made features of the seed: two places, an event, the journey and a road."""
    return [
        _feature(
            "place",
            "Point",
            RAQQA,
            name="Raqqa",
            name_ar="الرقة",
            surface="الرقة",
            gazetteer_id="g:raqqa",
            feature_type="city",
            country_code="SY",
            confidence=0.9,
        ),
        _feature(
            "place",
            "Point",
            MOSUL,
            name="Mosul",
            name_ar="الموصل",
            surface="الموصل",
            gazetteer_id="g:mosul",
            feature_type="city",
            country_code="IQ",
            confidence=0.4,
        ),
        _feature(
            "event",
            "Point",
            BAAJ,
            event_type="Explosions/Remote violence",
            sub_event_type="Air/drone strike",
            actor1="International coalition",
            actor2="ISIS",
            date="2015-11-19",
            date_precision="day",
            location="Baaj",
            location_ar="البعاج",
            gazetteer_id="g:baaj",
            country_code="IQ",
            geo_precision=2,
            fatalities=None,
            injured=4,
            count=10,
            unit="tankers",
            start=60,
            end=63,
            evidence="قصف في البعاج.",
        ),
        _feature(
            "movement",
            "LineString",
            [RAQQA, HASAKAH, BAAJ, MOSUL],
            actor="ISIS",
            waypoints=["Raqqa", "Hasakah", "Baaj", "Mosul"],
            count=70,
            unit="families",
            date="2015-11-19",
            date_precision="day",
        ),
        _feature(
            "route",
            "LineString",
            [RAQQA, MOSUL],
            name="Raqqa–Mosul road",
            via=["Raqqa", "Mosul"],
            controlled_by="Kurdish forces",
            status="controlled",
        ),
    ]


def seed_doc(
    text: str = SEED_TEXT,
    name: str = "seed.txt",
    published: date | None = date(2015, 11, 19),
    source: str = "الشروق العربي",
) -> DocumentRecord:
    return DocumentRecord(name=name, text=text, lang="ar", title="الموصل", published=published, source=source)


@pytest.fixture
def store(db_url: str) -> Store:
    with Store.open(db_url) as s:
        yield s


def _count(store: Store) -> dict[str, int]:
    return {"documents": store.stats().documents, **store.stats().features}


# --- URL resolution and ids -------------------------------------------------------------------------------------


def test_resolve_url_bare_path_becomes_sqlite_and_creates_folder(tmp_path: Path) -> None:
    url = resolve_url(tmp_path / "a" / "b" / "k.sqlite")
    assert url == f"sqlite:///{tmp_path / 'a' / 'b' / 'k.sqlite'}"
    assert (tmp_path / "a" / "b").is_dir()


def test_resolve_url_order_db_then_env_then_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KHAREETA_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("KHAREETA_DB", raising=False)
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'home' / 'khareeta.sqlite'}"
    monkeypatch.setenv("KHAREETA_DB", str(tmp_path / "env.sqlite"))
    assert resolve_url(None).endswith("env.sqlite")
    assert resolve_url(str(tmp_path / "flag.sqlite")).endswith("flag.sqlite")
    assert resolve_url("postgres://u:p@h/db") == "postgresql://u:p@h/db"
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url(":memory:") == "sqlite://"


def test_document_id_is_content_hash_ignoring_whitespace_layout() -> None:
    a = document_id("قصف في البعاج.\nثم الموصل")
    assert a == document_id("  قصف في   البعاج.\r\n\nثم الموصل  ")
    assert a != document_id("قصف في البعاج. ثم الرقة")
    assert len(a) == 16 and int(a, 16) >= 0


# --- add / idempotency / round trip -----------------------------------------------------------------------------


def test_add_is_idempotent_and_replace_swaps_features(store: Store) -> None:
    assert store.add_document(seed_doc(), records(seed_features())) == "added"
    first = _count(store)
    assert store.add_document(seed_doc(name="copy.txt"), records(seed_features())) == "unchanged"
    assert _count(store) == first == {"documents": 1, "place": 2, "event": 1, "movement": 1, "route": 1}
    assert store.add_document(seed_doc(), records(seed_features()[:2]), replace=True) == "replaced"
    assert _count(store) == {"documents": 1, "place": 2, "event": 0, "movement": 0, "route": 0}


def test_query_returns_the_contract_features(store: Store) -> None:
    features = seed_features()
    store.add_document(seed_doc(), records(features))
    out = query(store)
    assert [f["properties"]["kind"] for f in out] == ["place", "place", "event", "movement", "route"]
    for given, got in zip(features, out, strict=True):
        assert got["geometry"] == given["geometry"]
        for key, value in given["properties"].items():
            if key != "doc":
                assert got["properties"][key] == value, key
        assert got["properties"]["doc"] == document_id(SEED_TEXT)
        assert got["properties"]["source"] == "الشروق العربي"
    journey = out[3]
    assert journey["geometry"] == {"type": "LineString", "coordinates": [RAQQA, HASAKAH, BAAJ, MOSUL]}
    assert journey["properties"]["waypoints"] == ["Raqqa", "Hasakah", "Baaj", "Mosul"]
    assert out[0]["properties"]["date_start"] == "2015-11-19"  # places take the article's date
    assert store.document_text(document_id(SEED_TEXT)) == SEED_TEXT


def test_unknown_properties_survive_in_extra(store: Store) -> None:
    f = seed_features()[2]
    f["properties"] |= {"source_dataset": "ACLED", "source_id": "IRQ1", "admin1": "Ninewa", "tags": ["a", "b"]}
    store.add_document(seed_doc(), records([f]))
    props = query(store)[0]["properties"]
    assert (props["source_dataset"], props["source_id"], props["admin1"], props["tags"]) == (
        "ACLED",
        "IRQ1",
        "Ninewa",
        ["a", "b"],
    )


@pytest.mark.parametrize(
    ("which", "mutate", "reason"),
    [
        (2, lambda f: f["geometry"].update(coordinates=[43.1, 95.0]), "lat in"),
        (
            3,
            lambda f: f["geometry"].update(coordinates=[[43.1, 36.0]]) or f["properties"].update(waypoints=["Mosul"]),
            "two waypoints",
        ),
        (2, lambda f: f["properties"].update(fatalities="many"), "fatalities"),
        (2, lambda f: f["properties"].update(injured=-2), "injured"),
        (2, lambda f: f["geometry"].update(coordinates=[float("nan"), 36.0]), "not \\[lon, lat\\]"),
    ],
)
def test_a_bad_record_refuses_the_whole_document(store: Store, which: int, mutate, reason: str) -> None:
    features = seed_features()
    mutate(features[which])
    with pytest.raises(InputError, match=reason) as exc:
        store.add_document(seed_doc(), records(features))
    assert exc.value.problem.source == "seed.txt" and exc.value.problem.reason.startswith(f"feature {which + 1} ")
    assert _count(store) == {"documents": 0, "place": 0, "event": 0, "movement": 0, "route": 0}


def test_crash_in_the_middle_of_a_document_leaves_nothing_of_it(store: Store, monkeypatch) -> None:
    real = store_mod._insert_kind

    def crash_on_movements(conn, kind, rows):
        if kind == "movement":
            raise RuntimeError("disk pulled out")
        real(conn, kind, rows)

    monkeypatch.setattr(store_mod, "_insert_kind", crash_on_movements)
    with pytest.raises(RuntimeError):
        store.add_document(seed_doc(), records(seed_features()))
    assert _count(store) == {"documents": 0, "place": 0, "event": 0, "movement": 0, "route": 0}
    monkeypatch.setattr(store_mod, "_insert_kind", real)
    assert store.add_document(seed_doc(), records(seed_features())) == "added"
    assert store.stats().features["movement"] == 1


def test_delete_document(store: Store) -> None:
    store.add_document(seed_doc(), records(seed_features()))
    store.add_document(seed_doc(text="نص آخر عن الرقة", name="b.txt"), records(seed_features()[:1]))
    assert store.delete_document(document_id(SEED_TEXT)) is True
    assert store.delete_document(document_id(SEED_TEXT)) is False
    assert _count(store) == {"documents": 1, "place": 1, "event": 0, "movement": 0, "route": 0}
    assert [d.name for d in store.documents()] == ["b.txt"]


def test_store_survives_reopening(db_url: str) -> None:
    with Store.open(db_url) as s:
        s.add_document(seed_doc(), records(seed_features()))
    with Store.open(db_url) as s:
        assert len(s.query()) == 5


# --- filters ----------------------------------------------------------------------------------------------------


@pytest.fixture
def filled(store: Store) -> Store:
    store.add_document(seed_doc(), records(seed_features()))
    ranged = seed_features()[2]
    ranged["properties"] |= {
        "date": "2014-09-01",
        "date_precision": "range",
        "date_start": "2014-09-01",
        "date_end": "2015-11-19",
        "actor1": "Peshmerga",
        "actor2": "",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "evidence": "Since Sept...",
    }
    store.add_document(
        seed_doc(
            text="Peshmerga since September 2014", name="b.txt", published=date(2015, 12, 1), source="Northern Wire"
        ),
        records([ranged]),
    )
    return store


def _kinds(store: Store, **kw) -> list[str]:
    return [r.kind for r in store.query(Filters(**kw))]


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({}, ["place", "place", "event", "event", "movement", "route"]),
        ({"date_from": "2015-01-01", "date_to": "2015-01-31"}, ["event"]),  # only the range overlaps January 2015
        (
            {"date_from": "2015-11-19", "date_to": "2015-11-19"},
            ["place", "place", "event", "event", "movement", "route"],
        ),
        ({"date_from": "2015-11-20"}, []),
        ({"actors": ["isis"]}, ["event", "movement"]),
        ({"actors": ["Kurdish forces", "Peshmerga"]}, ["event", "route"]),
        ({"event_types": ["Battles"]}, ["event"]),
        ({"event_types": ["Air/drone strike", "Armed clash"]}, ["event", "event"]),
        ({"kinds": ["movement", "route"]}, ["movement", "route"]),
        ({"countries": ["SY"]}, ["place", "movement", "route"]),  # lines take their waypoints' countries
        ({"countries": ["العراق"]}, ["place", "event", "event", "movement", "route"]),
        ({"bbox": (42.5, 36.0, 43.5, 36.5)}, ["place", "movement", "route"]),
        ({"text": "since SEPT"}, ["event"]),
        ({"text": "100%"}, []),
        ({"min_confidence": 0.5}, ["place", "event", "event", "movement", "route"]),
        ({"sources": ["Northern Wire"]}, ["event"]),
        ({"doc_ids": [document_id(SEED_TEXT)], "kinds": ["event"]}, ["event"]),
    ],
)
def test_filters(filled: Store, kw: dict, expected: list[str]) -> None:
    assert _kinds(filled, **kw) == expected


def test_precise_keeps_what_is_placed_at_the_place_named(store: Store) -> None:
    """An event or place placed at the district (2) or province (3) around a place drops out; one placed at the
    place itself (1), or whose precision nobody said, stays; a journey runs through towns and stays."""
    at = PlaceRef("Mosul", 36.34, 43.13, country_code="IQ")
    features: list[Record] = [
        EventRecord(feature_id=f"e{p}", doc="d", event_type="Battles", place=at, geo_precision=p) for p in (1, 2, 3)
    ]
    features += [
        EventRecord(feature_id="e-unsaid", doc="d", event_type="Battles", place=at),
        PlaceRecord(feature_id="p-village", doc="d", place=at, geo_precision=2),
        PlaceRecord(feature_id="p-town", doc="d", place=at, geo_precision=1),
        MovementRecord(feature_id="m", doc="d", waypoints=(at, PlaceRef("Raqqa", 35.95, 39.01))),
    ]
    store.add_document(seed_doc(), features)
    everything = {r.feature_id for r in store.query()}
    assert everything == {r.feature_id for r in features}
    assert {r.feature_id for r in store.query(Filters(precise=True))} == {"p-town", "e1", "e-unsaid", "m"}
    assert store.query_ids(Filters(precise=True, kinds=("event",))) == ["e1", "e-unsaid"]
    assert Filters(precise=True).described() == {"precise": True} and Filters().described() == {}


def test_bbox_keeps_a_line_that_crosses_it_and_drops_one_that_only_surrounds_it(store: Store) -> None:
    ell = _feature(
        "route",
        "LineString",
        [[40.0, 35.0], [44.0, 35.0], [44.0, 37.0]],
        name="L road",
        via=["A", "B", "C"],
        controlled_by="",
        status="",
    )
    store.add_document(seed_doc(), records([ell]))
    assert len(store.query(Filters(bbox=(43.5, 35.5, 44.5, 36.0)))) == 1
    assert store.query(Filters(bbox=(40.5, 36.0, 41.0, 36.5))) == []  # inside the line's box, off the line


def test_query_limit(filled: Store) -> None:
    assert len(filled.query(limit=3)) == 3


@pytest.mark.parametrize(
    "kw",
    [
        {"bbox": (44, 35, 43, 36)},
        {"bbox": (0, 0, 200, 10)},
        {"date_from": "2015-13-01"},
        {"date_from": "2016-01-01", "date_to": "2015-01-01"},
        {"kinds": ["battle"]},
    ],
)
def test_bad_filters_are_refused_with_a_sentence(kw: dict) -> None:
    with pytest.raises(InputError):
        Filters(**kw)


def test_parse_bbox_and_countries() -> None:
    assert parse_bbox("38.5, 35,44,37.5") == (38.5, 35.0, 44.0, 37.5)
    assert country_code("Syrian Arab Republic") == "SY" and country_code("سوريا") == "SY"
    assert country_name("IQ") == "Iraq" and country_code("Atlantis") is None


def _dated_event(d: DateRef | None) -> EventRecord:
    return EventRecord(feature_id="e", doc="d", event_type="Battles", place=PlaceRef("Mosul", 36.34, 43.13), date=d)


@pytest.mark.parametrize(
    ("when", "doc_date", "expected"),
    [
        (dated(date(2015, 11, 19)), None, ("2015-11-19", "2015-11-19")),
        (dated(date(2015, 11, 19), "week"), None, ("2015-11-19", "2015-11-25")),
        (dated(date(2016, 2, 10), "month"), None, ("2016-02-01", "2016-02-29")),
        (dated(date(2014, 6, 10), "year"), None, ("2014-01-01", "2014-12-31")),
        (DateRef(date(2014, 9, 1), "range", date(2014, 9, 1), date(2015, 11, 19)), None, ("2014-09-01", "2015-11-19")),
        (
            DateRef(date(2015, 11, 19), "week", date(2015, 11, 13), date(2015, 11, 19)),
            date(2015, 11, 19),
            ("2015-11-13", "2015-11-19"),
        ),  # the week up to the article's date, as extraction says it
        (None, date(2015, 11, 19), ("2015-11-19", "2015-11-19")),
        (None, None, (None, None)),
    ],
)
def test_period_of(when: DateRef | None, doc_date: date | None, expected: tuple) -> None:
    got = period_of(_dated_event(when), doc_date)
    assert tuple(d.isoformat() if d else None for d in got) == expected


def test_places_take_the_articles_date_as_their_period() -> None:
    place = PlaceRecord(feature_id="p", doc="d", place=PlaceRef("Mosul", 36.34, 43.13))
    assert period_of(place, date(2015, 11, 19)) == (date(2015, 11, 19), date(2015, 11, 19))


# --- stats, facets, concurrency, PostgreSQL ---------------------------------------------------------------------


def test_stats_and_facets(filled: Store) -> None:
    s = filled.stats()
    assert s.documents == 2 and s.features == {"place": 2, "event": 2, "movement": 1, "route": 1}
    assert (s.date_min, s.date_max) == ("2014-09-01", "2015-11-19")
    f = filled.facets()
    assert f.actors == ("ISIS", "International coalition", "Kurdish forces", "Peshmerga")
    assert f.event_types == ("Battles", "Explosions/Remote violence")
    assert f.countries == ("IQ", "SY")
    assert set(f.sources) == {"Northern Wire", "الشروق العربي"}


def test_two_writers_on_one_store_do_not_lose_documents(db_url: str) -> None:
    path = db_url
    Store.open(path).close()
    errors: list[BaseException] = []

    def writer(tag: str) -> None:
        try:
            with Store.open(path) as s:
                for i in range(25):
                    s.add_document(seed_doc(text=f"{tag} {i} {SEED_TEXT}", name=f"{tag}{i}"), records(seed_features()))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(t,)) for t in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store.open(path) as s:
        assert s.stats().documents == 50 and s.stats().features["movement"] == 50


def test_schema_compiles_for_postgresql() -> None:
    dialect = postgresql.dialect()
    for table in metadata.sorted_tables:
        assert "CREATE TABLE" in str(CreateTable(table).compile(dialect=dialect))
        for index in table.indexes:
            str(CreateIndex(index).compile(dialect=dialect))
    stmt = sa.select(TABLES["event"]).where(TABLES["event"].c.countries.like("%,IQ,%"))
    assert "LIKE" in str(stmt.compile(dialect=dialect))


def test_unusable_stores_are_one_sentence_errors_without_passwords(tmp_path: Path) -> None:
    (tmp_path / "notes.sqlite").write_text("not a database")
    with pytest.raises(StoreError, match="file is not a database"):
        Store.open(tmp_path / "notes.sqlite")
    try:
        Store.open("postgresql+nosuchdriver://analyst:s3cret@127.0.0.1:1/khareeta")
    except StoreError as exc:
        assert "s3cret" not in str(exc) and "***" in str(exc)
    else:
        pytest.fail("an unknown driver must be refused")


def test_add_documents_isolates_each_document_in_one_commit(store: Store, monkeypatch) -> None:
    real = store_mod._insert_kind
    crash_id = document_id("crash " + SEED_TEXT)

    def crash_one(conn, kind, rows):
        real(conn, kind, rows)
        if kind == "event" and any(row["doc_id"] == crash_id for row in rows):  # alone, or in the batch's rows
            raise RuntimeError("killed mid-document")

    monkeypatch.setattr(store_mod, "_insert_kind", crash_one)
    bad = seed_features()
    bad[0]["geometry"]["coordinates"] = [200.0, 10.0]
    outcomes = store.add_documents(
        [
            (seed_doc(), records(seed_features())),
            (seed_doc(text="crash " + SEED_TEXT, name="crash.txt"), records(seed_features())),
            (seed_doc(text="bad " + SEED_TEXT, name="bad.txt"), records(bad)),
            (seed_doc(name="again.txt"), records(seed_features())),  # the first one again, in the same batch
            (seed_doc(text="ok " + SEED_TEXT, name="ok.txt"), records(seed_features())),
        ]
    )
    assert outcomes[0] == "added" and outcomes[3] == "unchanged" and outcomes[4] == "added"
    assert isinstance(outcomes[1], RuntimeError) and isinstance(outcomes[2], InputError)
    assert "bad.txt: feature 1" in str(outcomes[2])
    assert sorted(d.name for d in store.documents()) == ["ok.txt", "seed.txt"]
    assert _count(store) == {"documents": 2, "place": 4, "event": 2, "movement": 2, "route": 2}


def test_rows_prepared_elsewhere_are_stored_as_the_records_would_be(store: Store, tmp_path: Path, monkeypatch) -> None:
    """An extraction worker sends the rows (`bulk.prepare`), not the records: the same features go in, and
    the document counts as added when it is stored, not when its rows were made."""
    items = [(seed_doc(text=f"{i} {SEED_TEXT}", name=f"{i}.txt"), records(seed_features())) for i in range(3)]
    monkeypatch.setattr(bulk, "now_stamp", lambda: "2000-01-01T00:00:00+00:00")
    ready = [bulk.prepare(doc, recs, None) for doc, recs in items]
    monkeypatch.undo()
    assert store.add_documents([ready[0], items[1], ready[2]]) == ["added"] * 3
    assert store.add_documents([ready[0]]) == ["unchanged"]
    with Store.open(tmp_path / "records.sqlite") as other:
        other.add_documents(items)
        assert [r.feature_id for r in store.query()] == [r.feature_id for r in other.query()]
        assert store.query() == other.query()
    assert all(not d.added_at.startswith("2000-") for d in store.documents())
    assert _count(store) == {"documents": 3, "place": 6, "event": 3, "movement": 3, "route": 3}


def test_add_documents_stores_a_batch_with_one_insert_per_table(store: Store, monkeypatch) -> None:
    """The bulk path (COPY on PostgreSQL, one executemany on SQLite): each kind's rows of every document
    of the batch in one call, not one call per document."""
    real = store_mod._insert_kind
    calls: list[tuple[str, int, int]] = []

    def counting(conn, kind, rows):
        calls.append((kind, len(rows), len({row["doc_id"] for row in rows})))
        real(conn, kind, rows)

    monkeypatch.setattr(store_mod, "_insert_kind", counting)
    batch = [(seed_doc(text=f"{i} {SEED_TEXT}", name=f"{i}.txt"), records(seed_features())) for i in range(20)]
    assert store.add_documents(batch) == ["added"] * 20
    assert calls == [("place", 40, 20), ("event", 20, 20), ("movement", 20, 20), ("route", 20, 20)]
    assert store.add_documents(batch[:3], replace=True) == ["replaced"] * 3
    assert store.add_documents(batch[:3]) == ["unchanged"] * 3
    assert _count(store) == {"documents": 20, "place": 40, "event": 20, "movement": 20, "route": 20}
    assert [r.feature_id for r in store.query()] == [  # each kind in the order stored, the replaced ones last
        r.feature_id
        for kind in ("place", "event", "movement", "route")
        for i in [*range(3, 20), *range(3)]
        for r in batch[i][1]
        if r.kind == kind
    ]
