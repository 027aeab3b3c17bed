"""The store's tests run on both backends through one parametrised fixture, `backend`: a SQLite file
in the test's tmp folder, and a database of a throwaway PostgreSQL + PostGIS server that the session
starts on 127.0.0.1 (`tests/pg_server.py`, the `postgis` fixture of tests/conftest.py) and stops at the end.

`new_db(name)` gives a new empty store on the test's backend (a SQLite path, or the URL of a new
database with PostGIS), `db_url` one of them. Under CI=true the PostGIS half must run: a machine
without PostgreSQL fails the session's first PostGIS test instead of skipping it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests import pg_server

BACKENDS = ("sqlite", "postgis")
_NUMBERS = itertools.count(1)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """ "sqlite" or "postgis": every test using it runs once on each."""
    return str(request.param)


@pytest.fixture
def new_db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Callable[..., str]]:
    """`new_db(name="k")`: a new empty store on this test's backend, as `--db` takes it."""
    server: pg_server.PgServer | None = request.getfixturevalue("postgis") if backend == "postgis" else None
    made: list[str] = []

    def make(name: str = "k") -> str:
        if server is None:
            return str(tmp_path / f"{name}.sqlite")
        database = f"t{next(_NUMBERS)}_{re.sub(r'[^a-z0-9]+', '_', name.lower())}"[:60]
        made.append(database)
        return server.new_database(database)

    yield make
    if server is not None:
        for database in made:
            server.drop_database(database)


@pytest.fixture
def db_url(new_db: Callable[..., str]) -> str:
    """A new empty store on this test's backend."""
    return new_db("k")
