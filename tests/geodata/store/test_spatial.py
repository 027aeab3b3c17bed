"""geodata/store/spatial.py: the spatial index beside each kind's table (PostGIS geometry with a GiST
index; SQLite R*Tree), box queries through it that give exactly the rows a brute-force test gives, on
both backends (see conftest.py), the index kept right by every write, and a schema 3 store indexed when
opened."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
import shapely.geometry
import sqlalchemy as sa

from geodata.records import DocumentRecord, EventRecord, MovementRecord, PlaceRecord, PlaceRef, Record, RouteRecord
from geodata.store import Store, resolve_url
from geodata.store.filters import Filters, where_clauses
from geodata.store.schema import SCHEMA_VERSION, TABLES, documents

STEP = 0.25  # coordinates and boxes on one grid: many boxes touch a point or a vertex exactly
Box = tuple[float, float, float, float]


def _at(rng: random.Random) -> PlaceRef:
    lon, lat = 36 + STEP * rng.randrange(48), 32 + STEP * rng.randrange(24)
    return PlaceRef(f"P{lon}/{lat}", lat, lon, country_code="IQ")


def spread_records(doc: str, n: int, seed: int) -> list[Record]:
    """Points and lines (journeys of 2-4 stops, roads of 1-3 towns: a road of one town is a point)."""
    rng = random.Random(seed)
    out: list[Record] = []
    for i in range(n):
        fid, kind = f"{doc}-{i}", i % 4
        if kind == 0:
            out.append(PlaceRecord(feature_id=fid, doc=doc, place=_at(rng)))
        elif kind == 1:
            out.append(EventRecord(feature_id=fid, doc=doc, event_type="Battles", place=_at(rng)))
        elif kind == 2:
            stops = tuple(_at(rng) for _ in range(rng.randint(2, 4)))
            out.append(MovementRecord(feature_id=fid, doc=doc, waypoints=stops))
        else:
            out.append(
                RouteRecord(feature_id=fid, doc=doc, name="road", via=tuple(_at(rng) for _ in range(rng.randint(1, 3))))
            )
    return out


def boxes(seed: int = 11, n: int = 60) -> list[Box]:
    """Boxes on the grid, some of them a line or a point (min = max), one around everything, one far away."""
    rng = random.Random(seed)
    out: list[Box] = [(-180.0, -90.0, 180.0, 90.0), (0.0, 0.0, 1.0, 1.0)]
    for _ in range(n):
        lon, lat = 36 + STEP * rng.randrange(48), 32 + STEP * rng.randrange(24)
        width, height = STEP * rng.choice([0, 0, 1, 2, 5, 12]), STEP * rng.choice([0, 1, 2, 5, 12])
        out.append((lon, lat, min(180.0, lon + width), min(90.0, lat + height)))
    return out


def meets(r: Record, bbox: Box) -> bool:
    """Brute force: the feature's point or line meets the box (its edge included)."""
    pts = [(p.lon, p.lat) for p in r.vertices]
    shape = shapely.geometry.Point(pts[0]) if len(pts) == 1 else shapely.geometry.LineString(pts)
    min_lon, min_lat, max_lon, max_lat = bbox
    if (min_lon, min_lat) == (max_lon, max_lat):  # a box of no size is a point, of no width or height a segment
        area = shapely.geometry.Point(min_lon, min_lat)
    elif min_lon == max_lon or min_lat == max_lat:
        area = shapely.geometry.LineString([(min_lon, min_lat), (max_lon, max_lat)])
    else:
        area = shapely.geometry.box(*bbox)
    return bool(shape.intersects(area))


@pytest.fixture
def spread(db_url: str) -> tuple[Store, list[Record]]:
    records: list[Record] = []
    with Store.open(db_url) as store:
        for d in range(6):
            doc = DocumentRecord(name=f"d{d}", text=f"document {d}", lang="en")
            features = spread_records(doc.doc_id, 60, seed=d)
            assert store.add_document(doc, features) == "added"
            records += features
        yield store, records


def test_box_queries_find_exactly_the_features_that_meet_the_box(spread: tuple[Store, list[Record]]) -> None:
    store, records = spread
    for bbox in boxes():
        got = sorted(r.feature_id for r in store.query(Filters(bbox=bbox)))
        assert got == sorted(r.feature_id for r in records if meets(r, bbox)), bbox


def test_the_ids_alone_are_those_of_the_records_in_their_order(spread: tuple[Store, list[Record]]) -> None:
    """`query_ids` (what the dashboard asks when it holds the records already) agrees with `query`,
    lines passing beside a box included, whatever else is asked."""
    store, _records = spread
    other = (Filters(), Filters(kinds=("route", "event")), Filters(event_types=("Battles",)), Filters(actors=("X",)))
    for filters in (*other, *(Filters(bbox=b) for b in boxes(seed=3, n=30))):
        assert store.query_ids(filters) == [r.feature_id for r in store.query(filters)], filters


def _road(doc: str, name: str, *points: tuple[float, float]) -> RouteRecord:
    return RouteRecord(
        feature_id=f"{doc}-{name}", doc=doc, name=name, via=tuple(PlaceRef(f"{x}/{y}", y, x) for x, y in points)
    )


@pytest.mark.parametrize(
    ("bbox", "found"),
    [
        ((38.5, 36.5, 38.5, 36.5), ["across", "diagonal", "stop"]),  # a point: on two roads, at one's stop
        ((38.5, 36.0, 38.5, 37.0), ["across", "diagonal", "stop"]),  # a segment north-south through them
        ((38.0, 36.75, 39.0, 36.75), ["diagonal", "up"]),  # a segment west-east
        ((38.6, 35.0, 38.6, 36.3), []),  # a segment south of every road
        ((37.9, 36.9, 38.1, 37.1), ["diagonal", "up"]),  # a box around one end of two roads
    ],
)
def test_a_box_of_no_width_or_height_is_the_segment_or_point_it_is(db_url: str, bbox: Box, found: list[str]) -> None:
    doc = DocumentRecord(name="roads", text="roads", lang="en")
    roads = [
        _road(doc.doc_id, "across", (38.0, 36.5), (39.0, 36.5)),  # through (38.5, 36.5), not at a stop
        _road(doc.doc_id, "diagonal", (38.0, 37.0), (39.0, 36.0)),
        _road(doc.doc_id, "stop", (38.5, 36.5), (40.0, 34.0)),
        _road(doc.doc_id, "up", (38.25, 36.0), (38.25, 37.0), (37.5, 37.0)),
    ]
    with Store.open(db_url) as store:
        store.add_document(doc, roads)
        assert [r.feature_id.split("-")[-1] for r in store.query(Filters(bbox=bbox))] == found
        assert found == [r.feature_id.split("-")[-1] for r in roads if meets(r, bbox)]


def _plan(store: Store, kind: str) -> str:
    """The database's plan of a box query of one kind."""
    table = TABLES[kind]
    clauses = where_clauses(table, kind, Filters(bbox=(40, 33, 41, 34)), documents, dialect=store.dialect)
    stmt = sa.select(table).where(*(clauses or []))
    sql = str(stmt.compile(store.engine, compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as conn:
        if store.dialect == "postgresql":
            conn.exec_driver_sql("SET enable_seqscan = off")  # (a small table is read whole otherwise)
            return "\n".join(row[0] for row in conn.exec_driver_sql(f"EXPLAIN {sql}"))
        return "\n".join(str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))


@pytest.mark.parametrize("kind", ["place", "event", "movement", "route"])
def test_a_box_query_goes_through_the_spatial_index(spread: tuple[Store, list[Record]], kind: str) -> None:
    store, _ = spread
    plan = _plan(store, kind)
    name = TABLES[kind].name
    expected = f"ix_{name}_geom" if store.dialect == "postgresql" else f"{name}_rtree"
    assert expected in plan, plan


def index_mismatches(store: Store) -> list[str]:
    """Rows whose index entry is missing or wrong, and entries without a row."""
    out: list[str] = []
    with store.engine.connect() as conn:
        for table in TABLES.values():
            if store.dialect == "postgresql":
                sql = (
                    f"SELECT feature_id FROM {table.name} WHERE geom IS NULL OR NOT ST_Equals(geom, "
                    f"ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326)) OR ST_XMin(geom) <> min_lon "
                    f"OR ST_YMax(geom) <> max_lat"
                )
                out += [f"{table.name}: {fid}" for (fid,) in conn.exec_driver_sql(sql)]
                continue
            rows = {
                i: box
                for i, *box in conn.exec_driver_sql(f"SELECT id, min_lon, max_lon, min_lat, max_lat FROM {table.name}")
            }
            tree = {i: box for i, *box in conn.exec_driver_sql(f"SELECT * FROM {table.name}_rtree")}
            out += [f"{table.name}: {i} not indexed as {rows[i]}" for i in rows if not _covers(tree.get(i), rows[i])]
            out += [f"{table.name}_rtree: {i} has no row" for i in tree.keys() - rows.keys()]
    return out


def _covers(entry: list[float] | None, box: list[float]) -> bool:
    """An R*Tree entry (32-bit floats, rounded outwards) for this box."""
    if entry is None:
        return False
    lo = [entry[0], entry[2]]
    hi = [entry[1], entry[3]]
    return all(e <= b < e + 1e-4 for e, b in zip(lo, box[0::2], strict=True)) and all(
        e - 1e-4 < b <= e for e, b in zip(hi, box[1::2], strict=True)
    )


def test_every_write_keeps_the_index_right(db_url: str) -> None:
    with Store.open(db_url) as store:
        docs = [DocumentRecord(name=f"d{d}", text=f"text {d}", lang="en") for d in range(4)]
        store.add_documents([(doc, spread_records(doc.doc_id, 20, seed=d)) for d, doc in enumerate(docs)])
        assert store.add_document(docs[0], spread_records(docs[0].doc_id, 8, seed=99), replace=True) == "replaced"
        assert store.delete_document(docs[1].doc_id)
        moved = next(r for r in store.query(Filters(kinds=("movement",))) if isinstance(r, MovementRecord))
        away = PlaceRef("Far away", 10.0, 10.0, gazetteer_id="user:far")
        unresolved = PlaceRecord(
            feature_id="u-1", doc="u", place=PlaceRef("Tell Qqq", 35.0, 40.0), resolved=False, placed_at="X"
        )
        store.add_document(DocumentRecord(name="u", text="Tell Qqq", lang="en"), [unresolved])
        assert store.resolve(PlaceRef("Tell Qqq", 35.1, 40.1, gazetteer_id="user:q"), ["Tell Qqq"]).total == 1
        assert index_mismatches(store) == []
        assert moved.feature_id in {r.feature_id for r in store.query(Filters(bbox=(35.9, 31.9, 48.1, 38.1)))}
        assert [r.feature_id for r in store.query(Filters(bbox=(40.05, 35.05, 40.15, 35.15)))] == ["u-1"]
        assert store.query(Filters(bbox=(away.lon - 1, away.lat - 1, away.lon + 1, away.lat + 1))) == []


def drop_the_spatial_index(db: str, version: str = "3") -> None:
    """The store as schema 3 left it: today's tables without the spatial index."""
    engine = sa.create_engine(resolve_url(db), poolclass=sa.pool.NullPool)
    try:
        with engine.begin() as conn:
            for table in TABLES.values():
                if conn.dialect.name == "postgresql":
                    conn.exec_driver_sql(f"ALTER TABLE {table.name} DROP COLUMN geom")  # (its index with it)
                    continue
                for event in ("update", "delete"):
                    conn.exec_driver_sql(f"DROP TRIGGER {table.name}_rtree_{event}")
                conn.exec_driver_sql(f"DROP TABLE {table.name}_rtree")
            conn.exec_driver_sql(f"UPDATE meta SET value = '{version}' WHERE key = 'schema_version'")
    finally:
        engine.dispose()


def test_a_schema_3_store_is_indexed_when_opened_and_keeps_every_row(new_db: Callable[..., str]) -> None:
    db = new_db("v3")
    with Store.open(db) as store:
        for d in range(3):
            doc = DocumentRecord(name=f"d{d}", text=f"document {d}", lang="en")
            store.add_document(doc, spread_records(doc.doc_id, 40, seed=d))
        before = store.query()
    drop_the_spatial_index(db)
    with Store.open(db) as store:
        assert store.query() == before  # every row kept
        assert index_mismatches(store) == []
        for bbox in boxes(seed=3, n=20):
            got = [r.feature_id for r in store.query(Filters(bbox=bbox))]
            assert got == [r.feature_id for r in before if meets(r, bbox)], bbox
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT value FROM meta WHERE key = 'schema_version'").scalar() == str(
                SCHEMA_VERSION
            )
