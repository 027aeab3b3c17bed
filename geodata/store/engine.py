"""Opening a store's database: where it is, and SQLite set up for several writers.

`resolve_url` turns `--db` / `KHAREETA_DB` / the default into a SQLAlchemy
URL; SQLite runs in WAL mode with a busy timeout and `BEGIN IMMEDIATE` for
writes, so that two ingests on one file never deadlock.
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
from sqlalchemy.exc import OperationalError

from geodata import settings
from geodata.errors import StoreError


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


def is_locked(exc: OperationalError) -> bool:
    text = str(exc.orig).lower()
    return "locked" in text or "busy" in text


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
