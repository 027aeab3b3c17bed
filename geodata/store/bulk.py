"""Rows on their way into the store: a document's rows, checked before the database is touched, and
many rows written at once (PostgreSQL's COPY, SQLite's executemany of plain tuples).

Every insert into the store goes through `insert_rows`. There, text PostgreSQL cannot hold (U+0000)
becomes U+FFFD, on every backend, so that both keep the same text; one character for one, so every
offset into it stays true (JSON values keep it: JSON escapes it).
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from geodata.errors import InputError
from geodata.records import DocumentRecord, Record, document_id
from geodata.store import spatial
from geodata.store.rows import Row, rows_of

NUL, REPLACEMENT = "\x00", "\ufffd"


@dataclass(frozen=True, slots=True)
class NewDocument:
    """A document's row and its features' rows per kind, ready to insert."""

    doc_id: str
    doc_row: Row
    rows: dict[str, list[Row]]

    @property
    def name(self) -> str:
        return str(self.doc_row["name"])


def prepare(doc: DocumentRecord, records: Sequence[Record], doc_id: str | None) -> NewDocument:
    """Rows for a document and its records; a record that cannot be stored refuses the document
    (`InputError`). Pure but for `added_at` (`stamped` renews it): an extraction worker can prepare
    the rows, and hand the store plain rows, several times cheaper to send than the records."""
    did = doc_id or document_id(doc.text)
    doc_row = {
        "id": did,
        "name": doc.name,
        "title": doc.title,
        "date": doc.published.isoformat() if doc.published else None,
        "source": doc.source,
        "lang": doc.lang,
        "origin": doc.origin,
        "text": doc.text,
        "n_features": len(records),
        "added_at": now_stamp(),
    }
    return NewDocument(did, doc_row, rows_of(did, records, doc.published, name=doc.name))


def stamped(new: NewDocument, at: str) -> NewDocument:
    """The document as added at `at` (a document prepared ahead, by a worker, is added when stored)."""
    return NewDocument(new.doc_id, {**new.doc_row, "added_at": at}, new.rows)


def now_stamp() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def unstorable(name: str, exc: UnicodeEncodeError) -> InputError:
    """Text no database can hold (a lone surrogate, from code that skipped `extract.inputs`)."""
    return InputError(
        f"the store refused it: its text holds {exc.object[exc.start : exc.end]!r}, which is not a "
        f"character ({exc.reason}); read the article through extract.inputs, which replaces it.",
        source=name,
    )


def taken_ids(name: str) -> InputError:
    return InputError(
        "the store refused it: some of its feature ids are those of another stored document.", source=name
    )


# --- writing ------------------------------------------------------------------------------------------------------


def insert_rows(conn: Connection, table: sa.Table, rows: Sequence[Row]) -> None:
    """Insert rows (dicts by column name) in one go: COPY on PostgreSQL (psycopg), one executemany of plain
    tuples on SQLite (then the new rows into the R*Tree, in one statement), SQLAlchemy's executemany elsewhere."""
    dialect = conn.dialect
    columns = _columns(table)
    if dialect.name == "postgresql" and dialect.driver == "psycopg":
        _copy(conn, table, columns, rows)
    elif dialect.name == "sqlite":
        last = spatial.last_id(conn, table)
        sql = f"INSERT INTO {table.name} ({', '.join(columns.names)}) VALUES ({', '.join('?' * len(columns.names))})"
        conn.exec_driver_sql(sql, [columns.values(row) for row in rows])
        spatial.index_new_rows(conn, table, after=last)
    else:
        conn.execute(sa.insert(table), [dict(zip(columns.names, columns.values(row), strict=True)) for row in rows])


@dataclass(frozen=True)
class _Columns:
    """What an insert fills: the names (a feature table's integer id comes from the database; a document's
    id is its text's hash), the positions holding JSON and text, getters of a row's values and of the texts
    among them."""

    names: tuple[str, ...]
    json_at: tuple[int, ...]
    text_at: tuple[int, ...]
    get: Callable[[Row], tuple[Any, ...]]
    texts: Callable[[tuple[Any, ...]], tuple[Any, ...]]
    blank: Row  # every column empty

    def values(self, row: Row) -> tuple[Any, ...]:
        """A row's values in column order: JSON as text (what SQLAlchemy's JSON type writes), U+0000 in a
        text replaced. (Called for every row stored: the common case, no JSON and no U+0000, stays in C.)"""
        try:
            values = self.get(row)
        except KeyError:  # a row that leaves columns out (most do: a kind's rows leave the others' columns): empty
            values = self.get(self.blank | row)
        try:
            nul = NUL in "".join(filter(None, self.texts(values)))
        except TypeError:  # something else than text in a text column: the database will say
            nul = False
        if not nul and all(values[i] is None for i in self.json_at):
            return values
        out = list(values)
        for i in self.json_at:
            if out[i] is not None:
                out[i] = json.dumps(out[i])
        if nul:
            for i in self.text_at:
                if type(out[i]) is str:
                    out[i] = out[i].replace(NUL, REPLACEMENT)
        return tuple(out)


@lru_cache(maxsize=16)
def _columns(table: sa.Table) -> _Columns:
    columns = [c for c in table.columns if not (c.primary_key and isinstance(c.type, sa.Integer))]
    names = tuple(c.name for c in columns)
    text_at = tuple(i for i, c in enumerate(columns) if isinstance(c.type, sa.String))  # Text is a String
    return _Columns(
        names,
        tuple(i for i, c in enumerate(columns) if isinstance(c.type, sa.JSON)),
        text_at,
        operator.itemgetter(*names),
        operator.itemgetter(*text_at),
        dict.fromkeys(names),
    )


def _copy(conn: Connection, table: sa.Table, columns: _Columns, rows: Sequence[Row]) -> None:
    """COPY ... FROM STDIN through psycopg, in the connection's transaction; its errors are SQLAlchemy's,
    as an INSERT's would be (IntegrityError for a taken id, OperationalError for the server...)."""
    import psycopg  # the driver of postgresql:// URLs (only PostgreSQL stores get here)

    sql = f"COPY {table.name} ({', '.join(columns.names)}) FROM STDIN"
    raw: Any = conn.connection.dbapi_connection
    try:
        with raw.cursor() as cur, cur.copy(sql) as copy:
            for row in rows:
                copy.write_row(columns.values(row))
    except psycopg.Error as exc:
        raise sa.exc.DBAPIError.instance(sql, None, exc, psycopg.Error) from exc
