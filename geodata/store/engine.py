"""Opening a store's database: where it is, SQLite set up for several writers, PostgreSQL with PostGIS.

`resolve_url` turns `--db` / `KHAREETA_DB` / the default into a SQLAlchemy
URL; SQLite runs in WAL mode with a busy timeout and `BEGIN IMMEDIATE` for
writes, so that two ingests on one file never deadlock. PostgreSQL connects
with a timeout (a server that is down is one sentence, not a hang), checks a
pooled connection before using it, and reads in one snapshot, as SQLite does.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from geodata import settings
from geodata.errors import StoreError

CONNECT_TIMEOUT = 10  # seconds to reach a PostgreSQL server (unless the URL says connect_timeout=...)
# SQLSTATEs of a transaction PostgreSQL gave up for another one (serialization failure, deadlock, lock not
# available): tried again, as SQLite's "database is locked".
_TRY_AGAIN = {"40001", "40P01", "55P03"}


def resolve_url(url_or_path: str | os.PathLike[str] | None = None) -> str:
    """`--db` value, else env KHAREETA_DB, else `<data>/khareeta.sqlite`, as a
    SQLAlchemy URL; a bare path becomes `sqlite:///path` (its folder is created)."""
    value = str(url_or_path or os.environ.get("KHAREETA_DB") or settings.data_dir() / "khareeta.sqlite").strip()
    if "://" in value:
        if value.startswith("postgres://"):
            value = "postgresql://" + value[len("postgres://") :]
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


def sqlite_setup(engine: Engine) -> None:
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


def make_engine(url: str) -> Engine:
    """An engine for the store's URL: SQLite set up for several writers; PostgreSQL with a connect timeout,
    a check of each pooled connection before use (a restarted server is no error) and its name in
    pg_stat_activity."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "postgresql":
        args: dict[str, Any] = {} if "connect_timeout" in parsed.query else {"connect_timeout": CONNECT_TIMEOUT}
        if "application_name" not in parsed.query:
            args["application_name"] = "khareeta"
        return sa.create_engine(url, pool_pre_ping=True, connect_args=args)
    engine = sa.create_engine(url)
    if engine.dialect.name == "sqlite":
        sqlite_setup(engine)
    return engine


def is_locked(exc: DBAPIError) -> bool:
    """The database was busy with another writer: worth trying again."""
    if getattr(exc.orig, "sqlstate", None) in _TRY_AGAIN:
        return True
    text = str(exc.orig).lower()
    return "locked" in text or "busy" in text


def reason(exc: DBAPIError | BaseException) -> str:
    """The database's own words, on one line and without a final full stop (PostgreSQL's span lines)."""
    text = str(getattr(exc, "orig", None) or exc)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "; ".join(line for line in lines if line).rstrip(".?") or type(exc).__name__


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection reading one consistent state of the database: a SQLite read transaction (WAL), a
    PostgreSQL REPEATABLE READ transaction (several statements never see half of another's commit)."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with conn.begin():
            yield conn


def ensure_postgis(conn: Connection, shown: str) -> None:
    """PostGIS in the store's PostgreSQL database: there already, or added now when this user may."""
    if conn.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").first():
        return
    try:
        with conn.begin_nested():
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS postgis")
    except DBAPIError as exc:
        msg = (
            f"the database {shown} has no PostGIS and it could not be added ({reason(exc)}); "
            "ask its administrator to run CREATE EXTENSION postgis; in it."
        )
        raise StoreError(msg) from None


@contextmanager
def gc_paused() -> Iterator[None]:
    """Building 100,000 features is twice as fast without the cycle collector
    re-scanning them; they hold no cycles, so nothing is lost."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
