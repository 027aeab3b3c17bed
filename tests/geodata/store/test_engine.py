"""geodata/store/engine.py: engines per backend, the database's words on one line, what is worth a retry,
and reads from one snapshot (see test_hostile_store.py for readers during an ingest)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

from geodata.store.engine import CONNECT_TIMEOUT, is_locked, make_engine, reason, snapshot


class _PgError(Exception):
    def __init__(self, text: str, sqlstate: str | None = None) -> None:
        super().__init__(text)
        self.sqlstate = sqlstate


def _connect_params(url: str) -> dict:
    """What the engine would hand psycopg to connect (caught before it tries)."""
    engine = make_engine(url)
    seen: dict = {}

    def catch(_dialect, _record, _cargs, cparams) -> None:
        seen.update(cparams)
        raise RuntimeError("not connecting")

    sa.event.listen(engine, "do_connect", catch)
    try:
        assert engine.dialect.driver == "psycopg"  # what requirements.txt installs
        assert engine.pool._pre_ping  # type: ignore[attr-defined]
        with pytest.raises(RuntimeError, match="not connecting"):
            engine.connect()
    finally:
        engine.dispose()
    return seen


def test_a_postgresql_engine_times_out_checks_its_connections_and_names_itself() -> None:
    params = _connect_params("postgresql://u:p@db.example:5432/k")
    assert (params["connect_timeout"], params["application_name"]) == (CONNECT_TIMEOUT, "khareeta")
    params = _connect_params("postgresql://u:p@db.example/k?connect_timeout=3&application_name=mine")
    assert (params["connect_timeout"], params["application_name"]) == ("3", "mine")  # the URL's own


def test_a_sqlite_engine_writes_in_wal_mode(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'k.sqlite'}")
    try:
        with snapshot(engine) as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("text", "sqlstate", "again"),
    [
        ("database is locked", None, True),
        ("deadlock detected", "40P01", True),
        ("could not serialize access due to concurrent update", "40001", True),
        ("could not obtain lock on row", "55P03", True),
        ('connection failed: connection to server at "127.0.0.1", port 1 failed: Connection refused', None, False),
        ("disk I/O error", None, False),
    ],
)
def test_only_a_busy_database_is_tried_again(text: str, sqlstate: str | None, again: bool) -> None:
    assert is_locked(OperationalError("SELECT 1", None, _PgError(text, sqlstate))) is again


def test_the_databases_words_are_one_line_without_a_final_stop() -> None:
    exc = OperationalError(
        "SELECT 1",
        None,
        _PgError(
            'connection to server at "127.0.0.1", port 1 failed: Connection refused\n'
            "\tIs the server running on that host and accepting TCP/IP connections?\n"
        ),
    )
    assert reason(exc) == (
        'connection to server at "127.0.0.1", port 1 failed: Connection refused; '
        "Is the server running on that host and accepting TCP/IP connections"
    )
    assert reason(sa.exc.DBAPIError("x", None, _PgError("FATAL:  password  failed.\n"))) == "FATAL: password failed"
