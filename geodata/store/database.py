"""The store: documents and their feature records, behind a small interface.

Built on SQLAlchemy Core so the same code runs on a SQLite file (default) and
on PostgreSQL/PostGIS by URL. It takes and returns the typed records of
`geodata.records`, whoever made them (extraction, an imported dataset).
Geometry is kept as GeoJSON text plus its bounding box in plain columns, so
bounding-box queries need no spatial extension on either database. Every
document goes in (or is deleted) in one transaction: a failure leaves nothing
of it behind. A store written by an older version is migrated when opened.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from geodata.errors import InputError, StoreError
from geodata.records import KINDS, DocumentRecord, PlaceRef, Record, document_id
from geodata.store.engine import gc_paused, is_locked, resolve_url, sqlite_setup
from geodata.store.filters import Filters, where_clauses
from geodata.store.resolve import Resolution, UnresolvedName, resolve_named, revision, unresolved_names
from geodata.store.row_reader import RowReader
from geodata.store.rows import rows_of
from geodata.store.schema import SCHEMA_VERSION, TABLES, documents, meta, metadata, migrate

__all__ = ["AddStatus", "DocumentInfo", "Facets", "Store", "StoreStats", "resolve_url"]
AddStatus = Literal["added", "unchanged", "replaced"]
T = TypeVar("T")
_RETRIES = 6


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


def _unstorable(name: str, exc: UnicodeEncodeError) -> InputError:
    """Text no database can hold (a lone surrogate, from code that skipped `extract.inputs`)."""
    return InputError(
        f"the store refused it: its text holds {exc.object[exc.start : exc.end]!r}, which is not a "
        f"character ({exc.reason}); read the article through extract.inputs, which replaces it.",
        source=name,
    )


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
        shown = sa.make_url(url).render_as_string(hide_password=True)
        try:
            engine = sa.create_engine(url)
        except (ImportError, sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as exc:
            msg = (
                f"cannot open the store {shown}: {exc}. For PostgreSQL install a driver "
                "(pip install 'psycopg[binary]'), or give a postgresql+psycopg2:// URL."
            )
            raise StoreError(msg) from None
        if engine.dialect.name == "sqlite":
            sqlite_setup(engine)
        store = cls(engine)
        try:
            store._write(store._create_schema)
        except DBAPIError as exc:  # e.g. "file is not a database"
            engine.dispose()
            msg = f"cannot open the store {shown}: {exc.orig}."
            raise StoreError(msg) from None
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
            msg = (
                f"the store {self.url} was written by a newer version of Khareeta (schema {row[0]}, "
                f"this one knows {SCHEMA_VERSION}); update the program."
            )
            raise StoreError(msg)
        elif int(row[0]) < SCHEMA_VERSION:  # written by an older version: brought up to date, nothing lost
            migrate(conn, int(row[0]))
            conn.execute(sa.update(meta).where(meta.c.key == "schema_version").values(value=str(SCHEMA_VERSION)))

    def _write(self, fn: Callable[[Connection], T]) -> T:
        """Run `fn` in one write transaction, retrying while the database is locked."""
        for attempt in range(_RETRIES):
            try:
                with self.engine.connect() as conn:
                    conn.execution_options(khareeta_write=True)
                    with conn.begin():
                        return fn(conn)
            except OperationalError as exc:
                if is_locked(exc) and attempt < _RETRIES - 1:
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

    def add_document(
        self, doc: DocumentRecord, records: Sequence[Record], *, doc_id: str | None = None, replace: bool = False
    ) -> AddStatus:
        """Store a document and its feature records in one transaction.

        The id is `document_id(doc.text)` unless given (imports hash the file).
        A document already stored is left alone ('unchanged') unless `replace`,
        which swaps its features for these ones ('replaced').
        """
        new = _prepare(doc, records, doc_id)
        try:
            return self._write(lambda conn: _add(conn, new, replace))
        except IntegrityError:
            if self._has(new.doc_id):
                return "unchanged"  # another process stored the same document first
            raise _taken_ids(doc.name) from None
        except DBAPIError as exc:
            raise InputError(f"the store refused it ({exc.orig}).", source=doc.name) from None
        except UnicodeEncodeError as exc:
            raise _unstorable(doc.name, exc) from None

    def _has(self, doc_id: str) -> bool:
        stmt = sa.select(documents.c.id).where(documents.c.id == doc_id)
        return self._read(lambda conn: conn.execute(stmt).first() is not None)

    def add_documents(
        self, items: Sequence[tuple[DocumentRecord, Sequence[Record]]], *, replace: bool = False
    ) -> list[AddStatus | Exception]:
        """Store many documents in one transaction, each in its own savepoint.

        Each still goes in whole or not at all: one that fails (a bad feature,
        an error while inserting) is rolled back alone and its exception is
        returned in its place; the others are committed together, which is
        several times cheaper than a commit per document.
        """
        out: list[AddStatus | Exception] = []
        ready: list[tuple[int, _NewDocument]] = []
        for i, (doc, records) in enumerate(items):
            try:
                ready.append((i, _prepare(doc, records, None)))
                out.append("unchanged")  # placeholder, set below
            except InputError as exc:
                out.append(exc)

        def add_all(conn: Connection) -> list[tuple[int, AddStatus | Exception]]:
            results: list[tuple[int, AddStatus | Exception]] = []
            for i, new in ready:
                try:
                    with conn.begin_nested():
                        results.append((i, _add(conn, new, replace)))
                except IntegrityError:  # stored by another process meanwhile, or ids another document has
                    stored = conn.execute(sa.select(documents.c.id).where(documents.c.id == new.doc_id)).first()
                    results.append((i, "unchanged" if stored else _taken_ids(new.doc_row["name"])))
                except OperationalError:
                    raise  # the database, not this document: retried or reported whole
                except DBAPIError as exc:
                    results.append((i, InputError(f"the store refused it ({exc.orig}).", source=new.doc_row["name"])))
                except UnicodeEncodeError as exc:
                    results.append((i, _unstorable(new.doc_row["name"], exc)))
                except Exception as exc:  # rolled back to its savepoint; the batch goes on
                    results.append((i, exc))
            return results

        for i, result in self._write(add_all) if ready else []:
            out[i] = result
        return out

    def delete_document(self, doc_id: str) -> bool:
        """Remove a document and all its features; False when it was not stored."""
        return self._write(lambda conn: _delete_rows(conn, doc_id))

    def resolve(self, place: PlaceRef, names: Sequence[str]) -> Resolution:
        """Place every stored feature that names one of `names` unresolved at `place`, in one transaction
        (see `geodata.store.resolve`)."""
        return self._write(lambda conn: resolve_named(conn, place, names))

    # --- reading ----------------------------------------------------------------------------------------------

    def unresolved(self) -> list[UnresolvedName]:
        """The names the gazetteer lacked, with the features that name them; most named first."""
        return self._read(unresolved_names)

    def revision(self) -> int:
        """Grows whenever stored features are changed in place (re-resolved); adds and deletes leave it."""
        return self._read(revision)

    def query(self, filters: Filters | None = None, *, limit: int | None = None) -> list[Record]:
        """Feature records matching `filters`, each kind in the order stored; `doc` is the store's
        document id, `source` the document's source and `period` the days the feature covers."""
        filters = filters or Filters()

        def run(conn: Connection) -> list[Record]:
            sources = dict(conn.execute(sa.select(documents.c.id, documents.c.source)).all())
            out: list[Record] = []
            for kind in filters.kinds or KINDS:
                clauses = where_clauses(TABLES[kind], kind, filters, documents)
                if clauses is None:
                    continue
                stmt = sa.select(TABLES[kind]).where(*clauses).order_by(TABLES[kind].c.id)
                if limit is not None:
                    stmt = stmt.limit(max(0, limit - len(out)))
                reader = RowReader(kind)
                out.extend(
                    r
                    for row in conn.execute(stmt).all()  # one fetch: several times cheaper than row by row
                    if (r := reader.record(row, sources, filters.bbox)) is not None
                )
                if limit is not None and len(out) >= limit:
                    break
            return out

        with gc_paused():
            return self._read(run)

    def documents(self) -> list[DocumentInfo]:
        """Every stored document (without its text), oldest first."""
        stmt = sa.select(*(c for c in documents.c if c.name != "text")).order_by(documents.c.added_at, documents.c.name)
        rows = self._read(lambda conn: conn.execute(stmt).all())
        return [
            DocumentInfo(r.id, r.name, r.title, r.date, r.source, r.lang, r.origin, r.n_features, r.added_at)
            for r in rows
        ]

    def document_text(self, doc_id: str) -> str | None:
        """The text as read, for highlighting `text[start:end]`; None when not stored."""
        stmt = sa.select(documents.c.text).where(documents.c.id == doc_id)
        return self._read(lambda conn: conn.execute(stmt).scalar())

    def stats(self) -> StoreStats:
        def run(conn: Connection) -> StoreStats:
            n_docs = conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar() or 0
            counts = {
                k: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() or 0 for k, t in TABLES.items()
            }
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
            return Facets(
                tuple(sorted(actors)),
                tuple(sorted(distinct(conn, ev.c.event_type))),
                tuple(sorted(distinct(conn, ev.c.sub_event_type))),
                tuple(sorted(codes)),
                tuple(sorted(distinct(conn, documents.c.source))),
                lo,
                hi,
            )

        return self._read(run)


@dataclass(frozen=True, slots=True)
class _NewDocument:
    doc_id: str
    doc_row: dict[str, Any]
    rows: dict[str, list[dict[str, Any]]]


def _prepare(doc: DocumentRecord, records: Sequence[Record], doc_id: str | None) -> _NewDocument:
    """Rows for a document and its records, checked before the database is touched."""
    did = doc_id or document_id(doc.text)
    rows = rows_of(did, records, doc.published, name=doc.name)
    published = doc.published.isoformat() if doc.published else None
    doc_row = {
        "id": did,
        "name": doc.name,
        "title": doc.title,
        "date": published,
        "source": doc.source,
        "lang": doc.lang,
        "origin": doc.origin,
        "text": doc.text,
        "n_features": len(records),
        "added_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    return _NewDocument(did, doc_row, rows)


def _add(conn: Connection, new: _NewDocument, replace: bool) -> AddStatus:
    exists = conn.execute(sa.select(documents.c.id).where(documents.c.id == new.doc_id)).first() is not None
    if exists and not replace:
        return "unchanged"
    if exists:
        _delete_rows(conn, new.doc_id)
    conn.execute(sa.insert(documents), [new.doc_row])
    for kind in KINDS:
        if new.rows[kind]:
            _insert_kind(conn, kind, new.rows[kind])
    return "replaced" if exists else "added"


def _taken_ids(name: str) -> InputError:
    return InputError(
        "the store refused it: some of its feature ids are those of another stored document.", source=name
    )


def _date_span(conn: Connection) -> tuple[str | None, str | None]:
    lows: list[str] = [v for t in TABLES.values() if (v := conn.execute(sa.select(sa.func.min(t.c.t_start))).scalar())]
    highs: list[str] = [v for t in TABLES.values() if (v := conn.execute(sa.select(sa.func.max(t.c.t_end))).scalar())]
    return (min(lows) if lows else None), (max(highs) if highs else None)


def _delete_rows(conn: Connection, doc_id: str) -> bool:
    for table in TABLES.values():
        conn.execute(sa.delete(table).where(table.c.doc_id == doc_id))
    return conn.execute(sa.delete(documents).where(documents.c.id == doc_id)).rowcount > 0
