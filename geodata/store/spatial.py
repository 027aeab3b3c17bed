"""The spatial index of each kind's table: what makes a bounding-box query cheap on a large store.

Both databases keep the geometry as GeoJSON text and its bounding box in plain columns (`schema.py`);
beside them:

- PostgreSQL/PostGIS: a `geom geometry(<type>, 4326)` column that the database computes from the
  GeoJSON (a generated column: every insert and update keeps it right, whoever writes) with a GiST
  index. A box query is `geom && envelope` (the index) for points, `ST_Intersects(geom, envelope)`
  for lines, in SQL: a line whose box meets the box but which passes beside it is not read at all.
- SQLite (no SpatiaLite here): an R*Tree virtual table `<table>_rtree` of each row's bounding box.
  New rows go in after each insert, in one statement (`index_new_rows`, called by `bulk.insert_rows`,
  the store's one insert: a trigger per row made inserts twice as slow); triggers follow updates
  (a place resolved) and deletes. A box query takes the row ids the R*Tree finds, then the line test
  is done on the rows read (`row_reader.py`).

On both, the exact comparisons on the plain columns stay (both indexes round boxes outwards), so
both give the same rows. `create` is idempotent; `fill` indexes rows stored before the index
existed (the migration to schema 4).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

SRID = 4326  # WGS 84 longitude / latitude, as GeoJSON
# A route known by one town is a point; journeys always have two waypoints or more.
GEOMETRY_TYPES = {"place": "POINT", "event": "POINT", "movement": "LINESTRING", "route": "GEOMETRY"}
_BOX = ("min_lon", "max_lon", "min_lat", "max_lat")  # the R*Tree's column order: min, max per axis


def rtree_name(table: sa.Table) -> str:
    return f"{table.name}_rtree"


def create(conn: Connection, tables: Mapping[str, sa.Table]) -> None:
    """The spatial index of each kind's table (kind -> table), if not there yet."""
    if conn.dialect.name == "postgresql":
        _create_postgis(conn, tables)
    elif conn.dialect.name == "sqlite":
        _create_rtrees(conn, tables)


def fill(conn: Connection, tables: Mapping[str, sa.Table]) -> None:
    """Index the rows stored before the index was made (PostGIS computes its column itself)."""
    if conn.dialect.name != "sqlite":
        return
    box = ", ".join(_BOX)
    for table in tables.values():
        conn.exec_driver_sql(
            f"INSERT OR REPLACE INTO {rtree_name(table)} (id, {box}) "
            f"SELECT id, {box} FROM {table.name} WHERE min_lon IS NOT NULL"
        )


def last_id(conn: Connection, table: sa.Table) -> int:
    """The highest row id of a table with an R*Tree (0 for other tables, and on PostgreSQL)."""
    if conn.dialect.name != "sqlite" or "min_lon" not in table.c:
        return 0
    return int(conn.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table.name}").scalar() or 0)


def index_new_rows(conn: Connection, table: sa.Table, *, after: int) -> None:
    """SQLite: the rows inserted since the highest id was `after` go into the table's R*Tree (inside the
    insert's transaction: no other writer can add rows meanwhile). Elsewhere nothing to do."""
    if conn.dialect.name != "sqlite" or "min_lon" not in table.c:
        return
    box = ", ".join(_BOX)
    conn.exec_driver_sql(
        f"INSERT INTO {rtree_name(table)} (id, {box}) SELECT id, {box} FROM {table.name} "
        "WHERE id > ? AND min_lon IS NOT NULL",
        (after,),
    )


def _geometry_type(kind: str) -> Any:
    from geoalchemy2 import Geometry  # only PostgreSQL stores need it

    return Geometry(GEOMETRY_TYPES[kind], srid=SRID, spatial_index=False)


def _create_postgis(conn: Connection, tables: Mapping[str, sa.Table]) -> None:
    for kind, table in tables.items():
        column_type = _geometry_type(kind).compile(dialect=conn.dialect)
        conn.exec_driver_sql(
            f"ALTER TABLE {table.name} ADD COLUMN IF NOT EXISTS geom {column_type} "
            f"GENERATED ALWAYS AS (ST_SetSRID(ST_GeomFromGeoJSON(geometry), {SRID})) STORED"
        )
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS ix_{table.name}_geom ON {table.name} USING GIST (geom)")


def _create_rtrees(conn: Connection, tables: Mapping[str, sa.Table]) -> None:
    box = ", ".join(_BOX)
    for table in tables.values():
        rtree, name = rtree_name(table), table.name
        new = ", ".join(f"new.{c}" for c in _BOX)
        statements = (
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {rtree} USING rtree(id, {box})",
            f"CREATE TRIGGER IF NOT EXISTS {rtree}_update AFTER UPDATE OF {box} ON {name} "
            f"BEGIN DELETE FROM {rtree} WHERE id = old.id; "
            f"INSERT INTO {rtree} (id, {box}) SELECT new.id, {new} WHERE new.min_lon IS NOT NULL; END",
            f"CREATE TRIGGER IF NOT EXISTS {rtree}_delete AFTER DELETE ON {name} "
            f"BEGIN DELETE FROM {rtree} WHERE id = old.id; END",
        )
        for statement in statements:
            conn.exec_driver_sql(statement)


def box_clauses(table: sa.Table, kind: str, bbox: tuple[float, float, float, float], dialect: str) -> list[Any]:
    """SQL conditions keeping the rows whose geometry meets `bbox` (min_lon, min_lat, max_lon, max_lat):
    through the spatial index; on PostGIS lines are tested against the box itself."""
    min_lon, min_lat, max_lon, max_lat = bbox
    c = table.c
    exact = [c.max_lon >= min_lon, c.min_lon <= max_lon, c.max_lat >= min_lat, c.min_lat <= max_lat]
    if dialect == "postgresql":
        geom = sa.literal_column(f"{table.name}.geom", _geometry_type(kind))
        # ST_Envelope: a box of no width or height is the segment or point it is (a flat polygon meets nothing)
        envelope = sa.func.ST_Envelope(
            sa.func.ST_MakeEnvelope(*(sa.literal(float(v), sa.Float) for v in bbox), sa.literal_column(str(SRID)))
        )
        found = geom.intersects(envelope) if GEOMETRY_TYPES[kind] == "POINT" else sa.func.ST_Intersects(geom, envelope)
        return [found, *exact]
    if dialect == "sqlite":
        rtree = sa.table(rtree_name(table), *(sa.column(n, sa.Float) for n in ("id", *_BOX)))
        r = rtree.c
        near = sa.select(r.id).where(
            r.max_lon >= min_lon, r.min_lon <= max_lon, r.max_lat >= min_lat, r.min_lat <= max_lat
        )
        return [c.id.in_(near), *exact]
    return exact


def lines_tested_in_sql(dialect: str) -> bool:
    """Whether `box_clauses` already dropped the lines that only pass beside the box."""
    return dialect == "postgresql"
