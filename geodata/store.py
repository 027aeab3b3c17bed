"""The store: documents and their features, behind a small interface.

Built on SQLAlchemy Core so the same code runs on a SQLite file (default) and
on PostgreSQL/PostGIS by URL. It works on the contract's GeoJSON features
(`extract.geojson`), not on how they were extracted. Geometry is kept as
GeoJSON text plus its bounding box in plain columns, so bounding-box queries
need no spatial extension on either database. Every document goes in (or is
deleted) in one transaction: a failure leaves nothing of it behind.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

import shapely.geometry
import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from extract.types import Document
from geodata import settings
from geodata._errors import InputError, KhareetaError
from geodata.export import check_geometry, positions, round_coords
from geodata.filters_query import KINDS, Filters, period_of, where_clauses

Feature = dict[str, Any]
AddStatus = Literal["added", "unchanged", "replaced"]
T = TypeVar("T")
_RETRIES = 6

# --- schema -----------------------------------------------------------------------------------------------------

SCHEMA_VERSION = 1
metadata = sa.MetaData()
meta = sa.Table("meta", metadata, sa.Column("key", sa.String(64), primary_key=True), sa.Column("value", sa.Text))
documents = sa.Table(
    "documents", metadata,
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

# The contract's properties per kind, with the Python type each column holds.
PROPS: dict[str, tuple[tuple[str, type], ...]] = {
    "place": (("name", str), ("name_ar", str), ("surface", str), ("gazetteer_id", str), ("feature_type", str),
              ("country_code", str), ("confidence", float)),
    "event": (("event_type", str), ("sub_event_type", str), ("actor1", str), ("actor2", str), ("date", str),
              ("date_precision", str), ("date_start", str), ("date_end", str), ("location", str),
              ("location_ar", str), ("gazetteer_id", str), ("country_code", str), ("geo_precision", int),
              ("fatalities", int), ("count", int), ("unit", str), ("trigger_start", int), ("trigger_end", int),
              ("source_dataset", str), ("source_id", str)),
    "movement": (("actor", str), ("waypoints", list), ("count", int), ("unit", str), ("date", str),
                 ("date_precision", str), ("date_start", str), ("date_end", str)),
    "route": (("name", str), ("via", list), ("controlled_by", str), ("status", str)),
}
_SQL_TYPES: dict[type, Any] = {str: sa.Text, int: sa.Integer, float: sa.Float, list: sa.JSON}
# Columns every kind has; `start`/`end` (character offsets) are span_start/span_end in SQL.
_COMMON_PROPS = ("evidence", "start", "end", "lang", "confidence")


def _feature_table(kind: str) -> sa.Table:
    name = kind + "s"
    own = [sa.Column(prop, _SQL_TYPES[typ]) for prop, typ in PROPS[kind] if prop != "confidence"]
    return sa.Table(
        name, metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_id", sa.String(16), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("seq", sa.Integer, nullable=False),  # order among the document's features
        sa.Column("evidence", sa.Text), sa.Column("span_start", sa.Integer), sa.Column("span_end", sa.Integer),
        sa.Column("lang", sa.String(8)), sa.Column("confidence", sa.Float),
        sa.Column("geometry", sa.Text),  # GeoJSON, lon/lat, 7 decimals
        sa.Column("min_lon", sa.Float), sa.Column("min_lat", sa.Float),
        sa.Column("max_lon", sa.Float), sa.Column("max_lat", sa.Float),
        sa.Column("t_start", sa.String(10)), sa.Column("t_end", sa.String(10)),  # period_of(), ISO dates
        sa.Column("countries", sa.Text),  # ",IQ,SY," for LIKE matching
        *own,
        sa.Column("extra", sa.JSON),  # properties outside the contract (imports keep their columns here)
        sa.Index(f"ix_{name}_period", "t_start", "t_end"),
        sa.Index(f"ix_{name}_bbox", "min_lon", "max_lon", "min_lat", "max_lat"),
    )


TABLES: dict[str, sa.Table] = {kind: _feature_table(kind) for kind in KINDS}


class StoreError(KhareetaError):
    """The store cannot be opened, read or written (not the fault of one input)."""


def resolve_url(url_or_path: str | os.PathLike[str] | None = None) -> str:
    """`--db` value, else env KHAREETA_DB, else `<data>/khareeta.sqlite`, as a
    SQLAlchemy URL; a bare path becomes `sqlite:///path` (its folder is created)."""
    value = str(url_or_path or os.environ.get("KHAREETA_DB") or settings.data_dir() / "khareeta.sqlite").strip()
    if "://" in value:
        if value.startswith("postgres://"):
            value = "postgresql://" + value[len("postgres://"):]
        url = sa.make_url(value)
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            _make_parent(Path(url.database))
        return value
    if value == ":memory:":
        return "sqlite://"
    path = Path(value).expanduser()
    _make_parent(path)
    return f"sqlite:///{path.resolve()}"


def _make_parent(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        msg = f"cannot create the folder {str(path.parent)!r} for the store ({exc.strerror})."
        raise StoreError(msg) from None


_SPACE = re.compile(r"\s+")


def document_id(text: str) -> str:
    """Content hash: sha256 of the NFC text with whitespace runs collapsed, first 16 hex chars."""
    norm = _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(norm.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """One stored document, without its text."""

    doc_id: str
    name: str
    title: str
    date: str | None
    source: str
    lang: str
    origin: str  # "article" | "import"
    n_features: int
    added_at: str


@dataclass(frozen=True, slots=True)
class StoreStats:
    url: str
    documents: int
    features: dict[str, int]
    sources: dict[str, int]
    date_min: str | None
    date_max: str | None


@dataclass(frozen=True, slots=True)
class Facets:
    """What the dashboard's filter widgets offer."""

    actors: tuple[str, ...]
    event_types: tuple[str, ...]
    sub_event_types: tuple[str, ...]
    countries: tuple[str, ...]
    sources: tuple[str, ...]
    date_min: str | None
    date_max: str | None


def _sqlite_setup(engine: Engine) -> None:
    """WAL, a busy timeout, and BEGIN IMMEDIATE for writes (no lock-upgrade deadlocks)."""

    @sa_event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        for pragma in ("busy_timeout = 10000", "journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON"):
            cur.execute(f"PRAGMA {pragma}")
        cur.close()

    @sa_event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("khareeta_write") else "BEGIN")


def _is_locked(exc: OperationalError) -> bool:
    text = str(exc.orig).lower()
    return "locked" in text or "busy" in text


def _insert_kind(conn: Connection, kind: str, rows: list[dict[str, Any]]) -> None:
    """Insert one kind's rows (a seam for the failure-isolation tests)."""
    conn.execute(sa.insert(TABLES[kind]), rows)


class Store:
    """Documents and features in one database. Open with `Store.open(url_or_path)`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.url = engine.url.render_as_string(hide_password=True)

    @classmethod
    def open(cls, url_or_path: str | os.PathLike[str] | None = None) -> Store:
        """Open (creating when new) the store at a path or URL; see `resolve_url`."""
        url = resolve_url(url_or_path)
        try:
            engine = sa.create_engine(url)
        except (ImportError, sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as exc:
            msg = f"cannot open the store {url!r}: {exc}. For PostgreSQL install a driver: pip install psycopg2-binary."
            raise StoreError(msg) from None
        if engine.dialect.name == "sqlite":
            _sqlite_setup(engine)
        store = cls(engine)
        store._write(store._create_schema)
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- plumbing ---------------------------------------------------------------------------------------------

    def _create_schema(self, conn: Connection) -> None:
        metadata.create_all(conn)
        row = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).first()
        if row is None:
            conn.execute(sa.insert(meta).values(key="schema_version", value=str(SCHEMA_VERSION)))
        elif int(row[0]) > SCHEMA_VERSION:
            msg = (f"the store {self.url} was written by a newer version of Khareeta (schema {row[0]}, "
                   f"this one knows {SCHEMA_VERSION}); update the program.")
            raise StoreError(msg)

    def _write(self, fn: Callable[[Connection], T]) -> T:
        """Run `fn` in one write transaction, retrying while the database is locked."""
        for attempt in range(_RETRIES):
            try:
                with self.engine.connect() as conn:
                    conn.execution_options(khareeta_write=True)
                    with conn.begin():
                        return fn(conn)
            except OperationalError as exc:
                if _is_locked(exc) and attempt < _RETRIES - 1:
                    time.sleep(0.05 * 2**attempt)
                    continue
                msg = f"the store {self.url} cannot be written: {exc.orig}."
                raise StoreError(msg) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _read(self, fn: Callable[[Connection], T]) -> T:
        try:
            with self.engine.connect() as conn, conn.begin():
                return fn(conn)
        except OperationalError as exc:
            msg = f"the store {self.url} cannot be read: {exc.orig}."
            raise StoreError(msg) from None

    # --- writing ----------------------------------------------------------------------------------------------

    def add_document(self, doc: Document, features: Sequence[Feature], *, doc_id: str | None = None,
                     origin: str = "article", replace: bool = False) -> AddStatus:
        """Store a document and its features in one transaction.

        The id is `document_id(doc.text)` unless given (imports hash the file).
        A document already stored is left alone ('unchanged') unless `replace`,
        which swaps its features for these ones ('replaced').
        """
        did = doc_id or document_id(doc.text)
        published = doc.published.isoformat() if doc.published else None
        rows = rows_from_features(did, features, published, name=doc.doc_id)
        doc_row = {"id": did, "name": doc.doc_id, "title": doc.title, "date": published, "source": doc.source,
                   "lang": doc.lang, "origin": origin, "text": doc.text, "n_features": len(features),
                   "added_at": datetime.now(UTC).isoformat(timespec="seconds")}

        def add(conn: Connection) -> AddStatus:
            exists = conn.execute(sa.select(documents.c.id).where(documents.c.id == did)).first() is not None
            if exists and not replace:
                return "unchanged"
            if exists:
                _delete_rows(conn, did)
            conn.execute(sa.insert(documents), [doc_row])
            for kind in KINDS:
                if rows[kind]:
                    _insert_kind(conn, kind, rows[kind])
            return "replaced" if exists else "added"

        try:
            return self._write(add)
        except IntegrityError:
            return "unchanged"  # another process stored the same document first
        except DBAPIError as exc:
            msg = f"{doc.doc_id}: the store refused it ({exc.orig})."
            raise InputError(msg) from None

    def delete_document(self, doc_id: str) -> bool:
        """Remove a document and all its features; False when it was not stored."""
        return self._write(lambda conn: _delete_rows(conn, doc_id))

    # --- reading ----------------------------------------------------------------------------------------------

    def query(self, filters: Filters | None = None, *, limit: int | None = None) -> list[Feature]:
        """Features matching `filters`, as GeoJSON Feature dicts (the contract's
        properties, plus `source` and the period `date_start`/`date_end`)."""
        filters = filters or Filters()

        def run(conn: Connection) -> list[Feature]:
            sources = dict(conn.execute(sa.select(documents.c.id, documents.c.source)).all())
            out: list[Feature] = []
            for kind in filters.kinds or KINDS:
                clauses = where_clauses(TABLES[kind], kind, filters, documents)
                if clauses is None:
                    continue
                stmt = sa.select(TABLES[kind]).where(*clauses).order_by(TABLES[kind].c.id)
                if limit is not None:
                    stmt = stmt.limit(max(0, limit - len(out)))
                out.extend(f for row in conn.execute(stmt).mappings()
                           if (f := feature_from_row(kind, row, sources, filters.bbox)) is not None)
                if limit is not None and len(out) >= limit:
                    break
            return out

        return self._read(run)

    def documents(self) -> list[DocumentInfo]:
        cols = [c for c in documents.c if c.name != "text"]
        rows = self._read(lambda conn: conn.execute(sa.select(*cols).order_by(documents.c.added_at)).all())
        return [DocumentInfo(r.id, r.name, r.title, r.date, r.source, r.lang, r.origin, r.n_features, r.added_at)
                for r in rows]

    def document_text(self, doc_id: str) -> str | None:
        """The text as read, for highlighting `text[start:end]`; None when not stored."""
        stmt = sa.select(documents.c.text).where(documents.c.id == doc_id)
        return self._read(lambda conn: conn.execute(stmt).scalar())

    def stats(self) -> StoreStats:
        def run(conn: Connection) -> StoreStats:
            n_docs = conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar() or 0
            counts = {k: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() or 0
                      for k, t in TABLES.items()}
            by_source = conn.execute(sa.select(documents.c.source, sa.func.count()).group_by(documents.c.source))
            lo, hi = _date_span(conn)
            return StoreStats(self.url, n_docs, counts, {s or "(unknown)": n for s, n in by_source}, lo, hi)

        return self._read(run)

    def facets(self) -> Facets:
        """Distinct actors, event types, countries, sources and the date span."""

        def distinct(conn: Connection, *cols: sa.Column) -> set[str]:
            out: set[str] = set()
            for col in cols:
                out.update(v for (v,) in conn.execute(sa.select(col).distinct()) if v)
            return out

        def run(conn: Connection) -> Facets:
            ev, mv, rt = TABLES["event"], TABLES["movement"], TABLES["route"]
            actors = distinct(conn, ev.c.actor1, ev.c.actor2, mv.c.actor, rt.c.controlled_by)
            codes = {c for v in distinct(conn, *(t.c.countries for t in TABLES.values())) for c in v.split(",") if c}
            lo, hi = _date_span(conn)
            return Facets(tuple(sorted(actors)), tuple(sorted(distinct(conn, ev.c.event_type))),
                          tuple(sorted(distinct(conn, ev.c.sub_event_type))), tuple(sorted(codes)),
                          tuple(sorted(distinct(conn, documents.c.source))), lo, hi)

        return self._read(run)


def _date_span(conn: Connection) -> tuple[str | None, str | None]:
    lows = [conn.execute(sa.select(sa.func.min(t.c.t_start))).scalar() for t in TABLES.values()]
    highs = [conn.execute(sa.select(sa.func.max(t.c.t_end))).scalar() for t in TABLES.values()]
    lows, highs = [v for v in lows if v], [v for v in highs if v]
    return (min(lows) if lows else None), (max(highs) if highs else None)


def _delete_rows(conn: Connection, doc_id: str) -> bool:
    for table in TABLES.values():
        conn.execute(sa.delete(table).where(table.c.doc_id == doc_id))
    return conn.execute(sa.delete(documents).where(documents.c.id == doc_id)).rowcount > 0


# --- features <-> rows ----------------------------------------------------------------------------------------------

def _coerce(value: Any, typ: type, prop: str) -> Any:
    if value is None or (value == "" and typ is not str):
        return None
    if typ is str:
        return "; ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
    if typ is list:
        return list(value) if isinstance(value, (list, tuple)) else [value]
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = float("nan")
    if math.isnan(number) or (typ is int and not number.is_integer()):  # NaN or not whole
        msg = f"property {prop!r} must be {'an integer' if typ is int else 'a number'}, not {value!r}"
        raise ValueError(msg)
    return int(number) if typ is int else number


def _countries_by_position(features: Sequence[Feature]) -> dict[tuple[float, float], str]:
    out = {}
    for f in features:
        g, code = f.get("geometry") or {}, (f.get("properties") or {}).get("country_code")
        if g.get("type") == "Point" and code:
            out[(round(g["coordinates"][0], 5), round(g["coordinates"][1], 5))] = code
    return out


def _row(did: str, seq: int, f: Feature, published: str | None, by_pos: dict[tuple[float, float], str]) -> tuple[
        str, dict[str, Any]]:
    props = dict(f.get("properties") or {})
    kind = props.get("kind")
    if kind not in KINDS:
        msg = f"kind {kind!r} is not one of {', '.join(KINDS)}"
        raise ValueError(msg)
    geom = f.get("geometry")
    box = check_geometry(geom) if geom else (None, None, None, None)
    codes = {props.get("country_code")} | set(props.get("country_codes") or ())
    if geom and geom.get("type") != "Point":
        codes |= {by_pos.get((round(p[0], 5), round(p[1], 5))) for p in positions(geom)}
    t_start, t_end = period_of(props, published)
    row: dict[str, Any] = {
        "doc_id": did, "seq": seq, "evidence": _coerce(props.get("evidence"), str, "evidence"),
        "span_start": _coerce(props.get("start"), int, "start"), "span_end": _coerce(props.get("end"), int, "end"),
        "lang": _coerce(props.get("lang"), str, "lang"),
        "confidence": _coerce(props.get("confidence"), float, "confidence"),
        "geometry": json.dumps({**geom, "coordinates": round_coords(geom["coordinates"])} if "coordinates" in geom
                               else geom, ensure_ascii=False) if geom else None,
        "min_lon": box[0], "min_lat": box[1], "max_lon": box[2], "max_lat": box[3],
        "t_start": t_start.isoformat() if t_start else None, "t_end": t_end.isoformat() if t_end else None,
        "countries": "," + ",".join(sorted(c for c in codes if c)) + "," if any(codes) else None,
    }
    known = {p for p, _ in PROPS[kind]} | set(_COMMON_PROPS) | {"kind", "doc"}
    extra = {k: v for k, v in props.items() if k not in known}
    for prop, typ in PROPS[kind]:
        row[prop] = _coerce(props.get(prop), typ, prop)
        if typ is str and isinstance(props.get(prop), (list, tuple)):
            extra[prop] = props[prop]  # kept as given; the column holds it joined for filtering
    row["extra"] = extra or None
    return kind, row


def rows_from_features(did: str, features: Sequence[Feature], published: str | None, *,
                       name: str) -> dict[str, list[dict[str, Any]]]:
    """Table rows per kind; a feature that breaks the contract refuses the whole document."""
    by_pos = _countries_by_position(features)
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in KINDS}
    for seq, f in enumerate(features):
        try:
            kind, row = _row(did, seq, f, published, by_pos)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            msg = f"{name}: feature {seq + 1} cannot be stored: {exc}."
            raise InputError(msg) from None
        out[kind].append(row)
    return out


def feature_from_row(kind: str, row: Any, sources: dict[str, str],
                     bbox: tuple[float, float, float, float] | None = None) -> Feature | None:
    """A stored row as a contract Feature; None when a line only grazes `bbox` with its bounding box."""
    geom = json.loads(row["geometry"]) if row["geometry"] else None
    if bbox and geom and geom["type"] != "Point" and not shapely.geometry.shape(geom).intersects(
            shapely.geometry.box(*bbox)):
        return None
    props: dict[str, Any] = {"kind": kind, "doc": row["doc_id"], "evidence": row["evidence"],
                             "start": row["span_start"], "end": row["span_end"], "lang": row["lang"]}
    props.update((prop, row[prop]) for prop, _ in PROPS[kind] if prop != "confidence")
    if kind == "place" or row["confidence"] is not None:
        props["confidence"] = row["confidence"]
    props.update(row["extra"] or {})
    props.setdefault("source", sources.get(row["doc_id"], ""))
    if props.get("date_start") is None and row["t_start"]:
        props["date_start"], props["date_end"] = row["t_start"], row["t_end"]
    return {"type": "Feature", "id": f"{row['doc_id']}-{row['seq']}", "geometry": geom, "properties": props}
