"""The store on a real PostgreSQL + PostGIS server (the session's throwaway one, see conftest.py): typed
geometry columns with GiST indexes, the README's recipe for a shared database, PostGIS added when the
user may and asked for when not, and a server that is down, refuses the password, or goes away and comes
back: one sentence each, never a traceback, nothing lost."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
import sqlalchemy as sa

from geodata.cli import main
from geodata.errors import StoreError
from geodata.records import DocumentRecord, PlaceRecord, PlaceRef
from geodata.store import Store
from geodata.store.filters import Filters
from geodata.store.schema import SCHEMA_VERSION
from tests import pg_server
from tests.pg_server import PgServer

MOSUL = PlaceRef("Mosul", 36.335, 43.11889, gazetteer_id="g:mosul", country_code="IQ")


def article(i: int) -> tuple[DocumentRecord, list[PlaceRecord]]:
    doc = DocumentRecord(name=f"a{i}.txt", text=f"Clashes in Mosul, report {i}.", lang="en")
    return doc, [PlaceRecord(feature_id=f"{doc.doc_id}-p", doc=doc.name, place=MOSUL, surface="Mosul")]


def one_sentence(exc: BaseException, *secrets: str) -> str:
    text = str(exc)
    assert "\n" not in text and "Traceback" not in text, text
    assert all(s not in text for s in secrets), text
    return text


def fetch(url: str, sql: str) -> list[tuple]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.exec_driver_sql(sql)]
    finally:
        engine.dispose()


def test_geometry_is_a_typed_4326_column_with_a_gist_index(postgis: PgServer) -> None:
    db = postgis.new_database("typed")
    try:
        Store.open(db).close()
        columns = fetch(db, "SELECT f_table_name, type, srid FROM geometry_columns ORDER BY f_table_name")
        assert columns == [
            ("events", "POINT", 4326),
            ("movements", "LINESTRING", 4326),
            ("places", "POINT", 4326),
            ("routes", "GEOMETRY", 4326),  # a road known by one town is a point
        ]
        indexes = fetch(db, "SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%%USING gist (geom)%%'")
        assert sorted(name for (name,) in indexes) == [
            f"ix_{t}_geom" for t in ("events", "movements", "places", "routes")
        ]
    finally:
        postgis.drop_database("typed")


def test_the_readme_recipe_a_database_its_owner_and_postgis_serves_an_analyst(postgis: PgServer) -> None:
    """What README's 'Scaling out' tells the administrator to run; the analyst is no superuser."""
    postgis.execute("CREATE ROLE analyst LOGIN PASSWORD 'field-notes'", "CREATE DATABASE shared OWNER analyst")
    postgis.execute("CREATE EXTENSION postgis", database="shared")
    url = f"postgresql://analyst:field-notes@127.0.0.1:{postgis.port}/shared"
    try:
        with Store.open(url) as first, Store.open(url) as second:  # two analysts at once
            assert first.add_documents([article(1), article(2)]) == ["added", "added"]
            assert second.add_documents([article(2), article(3)]) == ["unchanged", "added"]
            assert first.stats().documents == 3
            assert "field-notes" not in first.url and "***" in first.url
            assert len(second.query(Filters(bbox=(43.0, 36.0, 43.5, 36.5)))) == 3
        assert fetch(url, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]
    finally:
        postgis.drop_database("shared")
        postgis.execute("DROP ROLE analyst")


def test_a_database_without_postgis_gets_it_when_the_user_may(postgis: PgServer) -> None:
    postgis.execute("CREATE DATABASE plain")  # from template1: no PostGIS
    try:
        url = postgis.url("plain")
        assert fetch(url, "SELECT count(*) FROM pg_extension WHERE extname = 'postgis'") == [(0,)]
        with Store.open(url) as store:
            store.add_document(*article(1))
        assert fetch(url, "SELECT count(*) FROM pg_extension WHERE extname = 'postgis'") == [(1,)]
    finally:
        postgis.drop_database("plain")


def test_a_database_without_postgis_whose_user_may_not_add_it_is_one_sentence(postgis: PgServer) -> None:
    postgis.execute("CREATE ROLE novice LOGIN PASSWORD 'pw-novice'", "CREATE DATABASE bare OWNER novice")
    try:
        with pytest.raises(StoreError) as info:
            Store.open(f"postgresql://novice:pw-novice@127.0.0.1:{postgis.port}/bare")
        text = one_sentence(info.value, "pw-novice")
        assert "has no PostGIS" in text and "CREATE EXTENSION postgis" in text and "permission denied" in text
        assert fetch(postgis.url("bare"), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [(0,)]
    finally:
        postgis.drop_database("bare")
        postgis.execute("DROP ROLE novice")


@pytest.mark.parametrize(
    ("make_url", "said"),
    [
        (lambda s: f"postgresql://khareeta:{s.password}@127.0.0.1:{pg_server.free_port()}/k", "Connection refused"),
        (lambda s: f"postgresql://khareeta:wrong-secret@127.0.0.1:{s.port}/postgres", "password authentication failed"),
        (
            lambda s: f"postgresql://khareeta:{s.password}@127.0.0.1:{s.port}/nowhere",
            'database "nowhere" does not exist',
        ),
    ],
    ids=["server-down", "wrong-password", "no-database"],
)
def test_a_server_that_cannot_be_used_is_one_sentence(
    postgis: PgServer, make_url: Callable[[PgServer], str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = make_url(postgis)
    secret = sa.make_url(url).password or ""
    with pytest.raises(StoreError) as info:
        Store.open(url)
    text = one_sentence(info.value, secret)
    assert text.startswith("cannot open the store postgresql://khareeta:***@127.0.0.1:") and said in text
    assert main(["--db", url, "stats"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: cannot open the store") and err.count("\n") == 1 and secret not in err


@pytest.mark.slow
def test_a_server_that_goes_away_and_comes_back_loses_nothing() -> None:
    """A server of its own (stopped and started again under the store's feet)."""
    server = pg_server.start()
    try:
        with Store.open(server.new_database("away")) as store:
            assert store.add_documents([article(1)]) == ["added"]
            server.halt()
            for attempt in (lambda: store.add_documents([article(2)]), store.stats, store.query):
                with pytest.raises(StoreError, match=r"cannot be (written|read)") as info:
                    attempt()
                one_sentence(info.value, server.password)
            server.resume()
            assert store.stats().documents == 1  # the pool's dead connections are replaced, unseen
            assert store.add_documents([article(1), article(2)]) == ["unchanged", "added"]
            assert [d.name for d in store.documents()] == ["a1.txt", "a2.txt"]
    finally:
        server.stop()


def test_first_opens_at_once_create_the_tables_once(postgis: PgServer) -> None:
    url = postgis.new_database("race")
    errors: list[BaseException] = []

    def open_and_add(i: int) -> None:
        try:
            with Store.open(url) as store:
                store.add_document(*article(i))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_and_add, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert fetch(url, "SELECT count(*) FROM meta WHERE key = 'schema_version'") == [(1,)]
    assert fetch(url, "SELECT count(*) FROM documents") == [(6,)]
    postgis.drop_database("race")
