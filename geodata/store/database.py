"""The store: documents and their feature records, behind a small interface.

Built on SQLAlchemy Core so the same code runs on a SQLite file (default) and
on PostgreSQL/PostGIS by URL, with the same results. It takes and returns the
typed records of `geodata.records`, whoever made them (extraction, an imported
dataset). Geometry is kept as GeoJSON text plus its bounding box in plain
columns, with a spatial index beside them (a PostGIS geometry column with a
GiST index, or a SQLite R*Tree: `spatial.py`). Every document goes in (or is
deleted) in one transaction: a failure leaves nothing of it behind. A batch
of documents goes in with one insert per table (COPY on PostgreSQL); when one
of them fails, they are stored one by one, each in its own savepoint, and only
that one is refused. A store written by an older version is migrated when
opened.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Collection, Sequence
from typing import Any, Literal, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError

from geodata.errors import InputError, StoreError
from geodata.records import KINDS, DocumentRecord, PlaceRef, Record
from geodata.store.bulk import NewDocument, insert_rows, now_stamp, prepare, stamped, taken_ids, unstorable
from geodata.store.engine import ensure_postgis, gc_paused, is_locked, make_engine, reason, resolve_url, snapshot
from geodata.store.filters import Filters, where_clauses
from geodata.store.reading import DocumentInfo, Facets, StoreStats, contents_of, documents_of, facets_of, stats_of
from geodata.store.resolve import Resolution, UnresolvedName, resolve_named, revision, unresolved_names
from geodata.store.review_api import Reviewing
from geodata.store.review_layer import reapply
from geodata.store.row_reader import RowReader, meets_box
from geodata.store.schema import (
    SCHEMA_VERSION,
    TABLES,
    create_indexes,
    documents,
    meta,
    metadata,
    migrate,
    read_columns,
)
from geodata.store.spatial import lines_tested_in_sql

__all__ = ["AddStatus", "DocumentInfo", "Facets", "Store", "StoreStats", "resolve_url"]
AddStatus = Literal["added", "unchanged", "replaced"]
T = TypeVar("T")
_RETRIES = 6
_SCHEMA_LOCK = 7_202_410  # a PostgreSQL advisory lock: two first opens at once create the tables once
_DOWN = (OperationalError, InterfaceError)  # the database itself (down, locked, gone), not one document


def _insert_kind(conn: Connection, kind: str, rows: list[dict[str, Any]]) -> None:
    """Insert one kind's rows, of one document or of a batch (a seam for the failure-isolation tests)."""
    insert_rows(conn, TABLES[kind], rows)


class Store(Reviewing):
    """Documents and features in one database. Open with `Store.open(url_or_path)`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.url = engine.url.render_as_string(hide_password=True)

    @classmethod
    def open(cls, url_or_path: str | os.PathLike[str] | None = None) -> Store:
        """Open (creating when new) the store at a path or URL; see `resolve_url`. A PostgreSQL database
        gets PostGIS if it lacks it and this user may add it."""
        url = resolve_url(url_or_path)
        shown = sa.make_url(url).render_as_string(hide_password=True)
        try:
            engine = make_engine(url)
        except (ImportError, sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as exc:
            msg = (
                f"cannot open the store {shown}: {exc}. For PostgreSQL install the driver "
                "(pip install -r requirements.txt installs psycopg), or give a postgresql+psycopg2:// URL."
            )
            raise StoreError(msg) from None
        store = cls(engine)
        try:
            store._write(store._create_schema, failing=f"cannot open the store {shown}")
        except DBAPIError as exc:  # e.g. "file is not a database"
            engine.dispose()
            msg = f"cannot open the store {shown}: {reason(exc)}."
            raise StoreError(msg) from None
        except StoreError:
            engine.dispose()
            raise
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        """ "sqlite" or "postgresql"."""
        return str(self.engine.dialect.name)

    # --- plumbing ---------------------------------------------------------------------------------------------

    def _create_schema(self, conn: Connection) -> None:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_SCHEMA_LOCK})")
            ensure_postgis(conn, self.url)
        metadata.create_all(conn)
        row = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).first()
        if row is None:
            create_indexes(conn)
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

    def _write(self, fn: Callable[[Connection], T], *, failing: str = "") -> T:
        """Run `fn` in one write transaction, retrying while the database is locked (SQLite) or gave the
        transaction up for another (PostgreSQL: deadlock, serialization failure)."""
        for attempt in range(_RETRIES):
            try:
                with self.engine.connect() as conn:
                    conn.execution_options(khareeta_write=True)
                    with conn.begin():
                        return fn(conn)
            except _DOWN as exc:
                if is_locked(exc) and attempt < _RETRIES - 1:
                    time.sleep(0.05 * 2**attempt)
                    continue
                msg = f"{failing or f'the store {self.url} cannot be written'}: {reason(exc)}."
                raise StoreError(msg) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _read(self, fn: Callable[[Connection], T]) -> T:
        """Run `fn` on one consistent state of the store (see `engine.snapshot`)."""
        try:
            with snapshot(self.engine) as conn:
                return fn(conn)
        except DBAPIError as exc:
            msg = f"the store {self.url} cannot be read: {reason(exc)}."
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
        new = prepare(doc, records, doc_id)
        try:
            return self._write(lambda conn: _add(conn, new, replace))
        except IntegrityError:
            if self._has(new.doc_id):
                return "unchanged"  # another process stored the same document first
            raise taken_ids(doc.name) from None
        except DBAPIError as exc:
            raise InputError(f"the store refused it ({reason(exc)}).", source=doc.name) from None
        except UnicodeEncodeError as exc:
            raise unstorable(doc.name, exc) from None

    def _has(self, doc_id: str) -> bool:
        stmt = sa.select(documents.c.id).where(documents.c.id == doc_id)
        return self._read(lambda conn: conn.execute(stmt).first() is not None)

    def add_documents(
        self, items: Sequence[tuple[DocumentRecord, Sequence[Record]] | NewDocument], *, replace: bool = False
    ) -> list[AddStatus | Exception]:
        """Store many documents in one transaction.

        They go in together: one query for those already stored, then one
        insert per table (COPY on PostgreSQL). Each still goes in whole or not
        at all: when one fails (a bad feature, an error while inserting) they
        are stored one by one, each in its own savepoint, and the one that
        failed is rolled back alone, its exception returned in its place. The
        others are committed together, which is several times cheaper than a
        commit per document.

        An item is a document and its records, or its rows prepared already
        (`geodata.store.bulk.prepare`, as extraction workers do).
        """
        out: list[AddStatus | Exception] = []
        ready: list[tuple[int, NewDocument]] = []
        now = now_stamp()
        for i, item in enumerate(items):
            try:
                ready.append((i, stamped(item, now) if isinstance(item, NewDocument) else prepare(*item, None)))
                out.append("unchanged")  # placeholder, set below
            except InputError as exc:
                out.append(exc)

        def add_all(conn: Connection) -> list[tuple[int, AddStatus | Exception]]:
            together = _add_together(conn, ready, replace)
            return together if together is not None else _add_each(conn, ready, replace)

        for i, result in self._write(add_all) if ready else []:
            out[i] = result
        return out

    def delete_document(self, doc_id: str) -> bool:
        """Remove a document and all its features; False when it was not stored."""
        return self._write(lambda conn: _delete_rows(conn, [doc_id]) > 0)

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

    def contents(self) -> tuple[Any, ...]:
        """Changes whenever what is stored changes (reviews apart, see `last_change`): the URL, the number of
        documents, of features of each kind, when the last document was added and the `revision`. Read
        from a few aggregates, cheap enough for every run of a page."""
        return self._read(lambda conn: (self.url, *contents_of(conn), revision(conn)))

    def query(self, filters: Filters | None = None, *, limit: int | None = None) -> list[Record]:
        """Feature records matching `filters`, each kind in the order stored; `doc` is the store's
        document id, `source` the document's source and `period` the days the feature covers."""
        filters = filters or Filters()
        dialect = self.dialect
        box = None if lines_tested_in_sql(dialect) else filters.bbox  # else lines are tested as they are read

        def run(conn: Connection) -> list[Record]:
            sources = dict(conn.execute(sa.select(documents.c.id, documents.c.source)).all())
            out: list[Record] = []
            for kind in filters.kinds or KINDS:
                clauses = where_clauses(TABLES[kind], kind, filters, documents, dialect=dialect)
                if clauses is None:
                    continue
                stmt = sa.select(*read_columns(TABLES[kind])).where(*clauses).order_by(TABLES[kind].c.id)
                if limit is not None:
                    stmt = stmt.limit(max(0, limit - len(out)))
                reader = RowReader(kind)
                out.extend(
                    r
                    for row in conn.execute(stmt).all()  # one fetch: several times cheaper than row by row
                    if (r := reader.record(row, sources, box)) is not None
                )
                if limit is not None and len(out) >= limit:
                    break
            return out

        with gc_paused():
            return self._read(run)

    def query_ids(self, filters: Filters | None = None) -> list[str]:
        """The feature ids `query(filters)` would give, in its order, without reading the records (a few
        times quicker: a caller that holds the records by id picks them)."""
        filters = filters or Filters()
        box = None if lines_tested_in_sql(self.dialect) else filters.bbox

        def run(conn: Connection) -> list[str]:
            out: list[str] = []
            for kind in filters.kinds or KINDS:
                table = TABLES[kind]
                clauses = where_clauses(table, kind, filters, documents, dialect=self.dialect)
                if clauses is None:
                    continue
                cols = (table.c.feature_id, table.c.geom_type, table.c.geometry) if box else (table.c.feature_id,)
                rows = conn.execute(sa.select(*cols).where(*clauses).order_by(table.c.id)).all()
                if box:  # a line whose bounding box meets the box may pass beside it (as `query` reads it)
                    out += [r[0] for r in rows if r[1] == "Point" or meets_box(r[2], box)]
                else:
                    out += [r[0] for r in rows]
            return out

        return self._read(run)

    def documents(self) -> list[DocumentInfo]:
        """Every stored document (without its text), oldest first."""
        return self._read(documents_of)

    def document_text(self, doc_id: str) -> str | None:
        """The text as read, for highlighting `text[start:end]`; None when not stored."""
        stmt = sa.select(documents.c.text).where(documents.c.id == doc_id)
        return self._read(lambda conn: conn.execute(stmt).scalar())

    def stats(self) -> StoreStats:
        return self._read(lambda conn: stats_of(conn, self.url))

    def facets(self) -> Facets:
        """Distinct actors, event types, countries, sources and the date span."""
        return self._read(facets_of)


# --- writing, inside a transaction -------------------------------------------------------------------------------


def _add(conn: Connection, new: NewDocument, replace: bool) -> AddStatus:
    exists = conn.execute(sa.select(documents.c.id).where(documents.c.id == new.doc_id)).first() is not None
    if exists and not replace:
        return "unchanged"
    if exists:
        _delete_rows(conn, [new.doc_id])
    insert_rows(conn, documents, [new.doc_row])
    for kind in KINDS:
        if new.rows[kind]:
            _insert_kind(conn, kind, new.rows[kind])
    reapply(conn, [new.doc_id])  # its features' reviews, if it was stored before
    return "replaced" if exists else "added"


def _add_together(
    conn: Connection, ready: list[tuple[int, NewDocument]], replace: bool
) -> list[tuple[int, AddStatus | Exception]] | None:
    """Every document at once, in one savepoint: a query for those stored, one insert per table. None
    when one of them fails (rolled back: the caller then stores them one by one to tell which)."""
    ids = [new.doc_id for _, new in ready]
    if len(set(ids)) < len(ids):
        return None  # the same text twice in one batch: one by one, the second is 'unchanged'
    try:
        with conn.begin_nested():
            stored = set(conn.execute(sa.select(documents.c.id).where(documents.c.id.in_(ids))).scalars())
            todo = [new for _, new in ready if replace or new.doc_id not in stored]
            if replace and stored:
                _delete_rows(conn, stored)
            if todo:
                insert_rows(conn, documents, [new.doc_row for new in todo])
            for kind in KINDS:
                if rows := [row for new in todo for row in new.rows[kind]]:
                    _insert_kind(conn, kind, rows)
            reapply(conn, [new.doc_id for new in todo])
    except _DOWN:
        raise  # the database, not a document: retried or reported whole
    except Exception:  # one document's fault (or another's id taken meanwhile): found one by one
        return None
    before: dict[bool, AddStatus] = {True: "replaced" if replace else "unchanged", False: "added"}
    return [(i, before[new.doc_id in stored]) for i, new in ready]


def _add_each(
    conn: Connection, ready: list[tuple[int, NewDocument]], replace: bool
) -> list[tuple[int, AddStatus | Exception]]:
    """The documents one by one, each in its own savepoint: one that fails is rolled back alone."""
    results: list[tuple[int, AddStatus | Exception]] = []
    for i, new in ready:
        try:
            with conn.begin_nested():
                results.append((i, _add(conn, new, replace)))
        except IntegrityError:  # stored by another process meanwhile, or ids another document has
            stored = conn.execute(sa.select(documents.c.id).where(documents.c.id == new.doc_id)).first()
            results.append((i, "unchanged" if stored else taken_ids(new.name)))
        except _DOWN:
            raise  # the database, not this document: retried or reported whole
        except DBAPIError as exc:
            results.append((i, InputError(f"the store refused it ({reason(exc)}).", source=new.name)))
        except UnicodeEncodeError as exc:
            results.append((i, unstorable(new.name, exc)))
        except Exception as exc:  # rolled back to its savepoint; the batch goes on
            results.append((i, exc))
    return results


def _delete_rows(conn: Connection, doc_ids: Collection[str]) -> int:
    """Delete these documents and their features; how many documents were stored."""
    ids = list(doc_ids)
    for table in TABLES.values():
        conn.execute(sa.delete(table).where(table.c.doc_id.in_(ids)))
    return int(conn.execute(sa.delete(documents).where(documents.c.id.in_(ids))).rowcount)
