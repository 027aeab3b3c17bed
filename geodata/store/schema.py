"""The store's tables, and the migration of stores written by an older version.

One table per kind. Each row has the feature's stable id, its document, its
evidence sentence and spans, its geometry as GeoJSON text with its bounding
box (and beside the table a spatial index, PostGIS geometry with GiST or a
SQLite R*Tree: `spatial.py`), the period it covers, the countries it touches,
a column for each value of the record (names, types, dates, counts; actors
with their ids, families and spans; the location's type and span; whether the
gazetteer knew a place), the places a line runs through (JSON), `extra`
(JSON: an imported dataset's own columns) and `evidence_key`, what the text
filter searches: the evidence's normalised words (`text_search.py`), never read
back into a record.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geodata.records import KINDS
from geodata.store import spatial, text_search

SCHEMA_VERSION = 6
metadata = sa.MetaData()
meta = sa.Table("meta", metadata, sa.Column("key", sa.String(64), primary_key=True), sa.Column("value", sa.Text))
documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String(16), primary_key=True),  # document_id(text)
    sa.Column("name", sa.Text, nullable=False),  # file name or JSON Lines id
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("date", sa.String(10)),  # published, ISO 8601
    sa.Column("source", sa.Text, nullable=False, index=True),
    sa.Column("lang", sa.String(8), nullable=False),
    sa.Column("origin", sa.String(16), nullable=False),  # article | import
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("n_features", sa.Integer, nullable=False),
    sa.Column("added_at", sa.String(32), nullable=False),
)

_JSON = sa.JSON(none_as_null=True)
_DATES = (
    ("date", sa.Text),
    ("date_precision", sa.Text),
    ("date_start", sa.Text),
    ("date_end", sa.Text),
    ("date_span_start", sa.Integer),
    ("date_span_end", sa.Integer),
)


def _actor(role: str) -> tuple[tuple[str, Any], ...]:
    """An actor's columns: its name (what filters read), id, family, and where the text names it."""
    return (
        (role, sa.Text),
        (f"{role}_id", sa.Text),
        (f"{role}_family", sa.Text),
        (f"{role}_start", sa.Integer),
        (f"{role}_end", sa.Integer),
    )


# Each kind's own columns: all a record holds, in plain columns (filters, facets and exports read them
# without parsing JSON); only the places a line runs through are JSON.
OWN_COLUMNS: dict[str, tuple[tuple[str, Any], ...]] = {
    "place": (
        ("name", sa.Text),
        ("name_ar", sa.Text),
        ("surface", sa.Text),
        ("gazetteer_id", sa.Text),
        ("feature_type", sa.Text),
        ("country_code", sa.Text),
        ("geo_precision", sa.Integer),
        ("resolved", sa.Boolean),  # False: a name the gazetteer lacks, placed at the unit around it
        ("placed_at", sa.Text),  # that unit's name
    ),
    "event": (
        ("event_type", sa.Text),
        ("sub_event_type", sa.Text),
        *_actor("actor1"),
        *_actor("actor2"),
        *_DATES,
        ("location", sa.Text),
        ("location_ar", sa.Text),
        ("gazetteer_id", sa.Text),
        ("country_code", sa.Text),
        ("location_type", sa.Text),
        ("location_start", sa.Integer),
        ("location_end", sa.Integer),
        ("geo_precision", sa.Integer),
        ("fatalities", sa.Integer),
        ("injured", sa.Integer),
        ("count", sa.Integer),
        ("unit", sa.Text),
        ("source_dataset", sa.Text),
        ("source_id", sa.Text),
    ),
    "movement": (*_actor("actor"), ("waypoints", _JSON), ("count", sa.Integer), ("unit", sa.Text), *_DATES),
    "route": (("name", sa.Text), ("via", _JSON), *_actor("controlled_by"), ("status", sa.Text)),
}


# An analyst's review as the row shows it (`review.py`; NULL status: not reviewed). The truth is the table
# `reviews`, which outlives the row: a document extracted again gets its features' reviews back.
REVIEW_COLUMNS: tuple[tuple[str, Any], ...] = (
    ("review_status", sa.String(16)),
    ("reviewed_by", sa.Text),
    ("reviewed_at", sa.String(32)),
    ("review_version", sa.Integer),
    ("review_reason", sa.Text),
    ("merged_into", sa.String(64)),
    ("sources", _JSON),  # a merged event's reports: [{feature_id, doc, source, evidence}]
)


def _feature_table(kind: str) -> sa.Table:
    name = kind + "s"
    return sa.Table(
        name,
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("feature_id", sa.String(64), nullable=False),
        sa.Column(
            "doc_id", sa.String(16), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
        ),
        sa.Column("seq", sa.Integer, nullable=False),  # order among the document's features
        sa.Column("evidence", sa.Text),
        sa.Column("evidence_start", sa.Integer),
        sa.Column("evidence_end", sa.Integer),
        sa.Column("span_start", sa.Integer),
        sa.Column("span_end", sa.Integer),  # the mention or trigger
        sa.Column("lang", sa.String(8)),
        sa.Column("confidence", sa.Float),
        sa.Column("geometry", sa.Text),  # GeoJSON, lon/lat, 7 decimals
        sa.Column("geom_type", sa.String(32)),
        sa.Column("min_lon", sa.Float),
        sa.Column("min_lat", sa.Float),
        sa.Column("max_lon", sa.Float),
        sa.Column("max_lat", sa.Float),
        sa.Column("t_start", sa.String(10)),
        sa.Column("t_end", sa.String(10)),  # the period covered, ISO dates
        sa.Column("countries", sa.Text),  # ",IQ,SY," for LIKE matching
        *(sa.Column(col, typ) for col, typ in OWN_COLUMNS[kind]),
        sa.Column("extra", _JSON),
        *(sa.Column(col, typ) for col, typ in REVIEW_COLUMNS),
        sa.Column(text_search.KEY_COLUMN, sa.Text),  # " word word ... ": the evidence's normalised words
        sa.Index(f"ix_{name}_feature_id", "feature_id", unique=True),
        sa.Index(f"ix_{name}_period", "t_start", "t_end"),
        # (box queries go through the spatial index beside the table: `spatial.py`)
    )


TABLES: dict[str, sa.Table] = {kind: _feature_table(kind) for kind in KINDS}

# The correction layer, by feature id: what the analysts decided and changed (`corrections`, field ->
# value), the values the extraction gave for those fields (`original`), and the version an editor must
# have read to change it. A feature whose document is extracted again (or deleted) keeps its row here.
reviews = sa.Table(
    "reviews",
    metadata,
    sa.Column("feature_id", sa.String(64), primary_key=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("doc_id", sa.String(16), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("reason", sa.Text),
    sa.Column("merged_into", sa.String(64)),
    sa.Column("sources", _JSON),
    sa.Column("corrections", _JSON),
    sa.Column("original", _JSON),
    sa.Column("reviewed_by", sa.Text, nullable=False),
    sa.Column("reviewed_at", sa.String(32), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
)
# The changes, numbered by the database (one action: an accept, a merge of several events, an undo).
changes = sa.Table(
    "changes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("who", sa.Text, nullable=False),
    sa.Column("at", sa.String(32), nullable=False),
)
# Every change, one row per field: never updated, never deleted (an undo is a change of its own).
history = sa.Table(
    "history",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("change", sa.Integer, nullable=False, index=True),  # the rows written by one action
    sa.Column("feature_id", sa.String(64), nullable=False, index=True),
    sa.Column("action", sa.String(16), nullable=False),  # accept | correct | reject | merge | undo
    sa.Column("field", sa.String(32), nullable=False),
    sa.Column("old_value", sa.Text),  # JSON
    sa.Column("new_value", sa.Text),  # JSON
    sa.Column("who", sa.Text, nullable=False),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Column("note", sa.Text),
    sa.Column("undoes", sa.Integer),  # the change an undo took back
)


def read_columns(table: sa.Table) -> list[sa.Column[Any]]:
    """The columns a record is read from: all but the search key (written for the text filter only)."""
    return [c for c in table.columns if c.name != text_search.KEY_COLUMN]


def migrate(conn: Connection, version: int) -> None:
    """Bring a store of an older schema up to SCHEMA_VERSION, keeping every row: the columns
    a newer schema added are added (empty), then each step fills them in."""
    if version >= SCHEMA_VERSION:
        return
    for table in TABLES.values():
        present = {c["name"] for c in sa.inspect(conn).get_columns(table.name)}
        for col in table.columns:
            if col.name not in present:
                conn.exec_driver_sql(f"ALTER TABLE {table.name} ADD COLUMN {col.name} {col.type.compile(conn.dialect)}")
    if version < 2:
        _ids_and_offsets(conn)
    if version < 3:
        _places_resolved(conn)
    if version < 4:  # schema 4: the spatial index (PostGIS geometry + GiST, SQLite R*Tree) of the rows kept,
        spatial.create(conn, TABLES)  # in place of the B-tree on the box's columns
        spatial.fill(conn, TABLES)
        for table in TABLES.values():
            conn.exec_driver_sql(f"DROP INDEX IF EXISTS ix_{table.name}_bbox")
    if version < 5:  # schema 5: the evidence's search key, for the text filter
        for table in TABLES.values():
            text_search.fill_keys(conn, table)


def create_indexes(conn: Connection) -> None:
    """What a new store has beside its tables: the spatial index of each kind's table."""
    spatial.create(conn, TABLES)


def _ids_and_offsets(conn: Connection) -> None:
    """Schema 1 -> 2: the columns schema 2 added (stable ids, evidence offsets, actors' ids,
    families and spans, the location's type and span...) came empty; each row gets a
    feature id (its document and order, as the old ids were) and its evidence offsets (the old
    start/end of events, movements and routes were the sentence); events get their trigger as
    their span, movements and routes none (schema 1 did not keep their word)."""
    for kind, table in TABLES.items():
        name = table.name
        t = sa.table(
            name,
            sa.column("doc_id", sa.String),
            sa.column("seq", sa.Integer),
            *(
                sa.column(c, sa.Integer)
                for c in ("span_start", "span_end", "evidence_start", "evidence_end", "trigger_start", "trigger_end")
            ),
            sa.column("feature_id", sa.String),
        )
        conn.execute(sa.update(t).values(feature_id=t.c.doc_id + "-" + sa.cast(t.c.seq, sa.String)))
        if kind != "place":  # schema 1 knew no movement word or road mention: no span rather than the sentence
            conn.execute(sa.update(t).values(evidence_start=t.c.span_start, evidence_end=t.c.span_end))
            trigger = (t.c.trigger_start, t.c.trigger_end) if kind == "event" else (None, None)
            conn.execute(sa.update(t).values(span_start=trigger[0], span_end=trigger[1]))
        next(i for i in table.indexes if i.name == f"ix_{name}_feature_id").create(conn)


def _places_resolved(conn: Connection) -> None:
    """Schema 2 -> 3: every place stored before was one the gazetteer knew (its precision unknown)."""
    places = TABLES["place"]
    conn.execute(sa.update(places).where(places.c.resolved.is_(None)).values(resolved=True))
