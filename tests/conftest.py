"""Shared fixtures: the compiled gazetteer (built once per session), a helper
to pick a place out of a result by its surface, and the `../shared` folder.

No test touches the network; the gazetteer is compiled from local files.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `pytest` (unlike `python -m pytest`) does not put the project on the path
    sys.path.insert(0, str(ROOT))

from extract.types import Place  # noqa: E402
from geodata import gazetteer as gazetteer_mod  # noqa: E402
from geodata.gazetteer import Gazetteer  # noqa: E402
from tests import pg_server  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = ROOT / "seeds"

# Property tests stay fast and leave no example database behind in the repo. Under CI
# they are derandomized, so that a run is repeatable; locally each run explores anew.
settings.register_profile(
    "khareeta",
    max_examples=150,
    deadline=None,
    database=None,
    derandomize=os.environ.get("CI", "").lower() == "true",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("khareeta")


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    """The process-wide compiled gazetteer (the first build takes ~15 s)."""
    return gazetteer_mod.get()


def place_by_surface(places: Iterable[Place], surface: str) -> Place | None:
    """The first place whose surface is `surface`, or one whose surface holds it
    ("مدينة الباب" holds "الباب"); None when no place was found there."""
    places = list(places)
    exact = [p for p in places if p.surface == surface]
    if exact:
        return exact[0]
    return next((p for p in places if surface in p.surface), None)


@pytest.fixture
def find_place() -> Callable[[Iterable[Place], str], Place | None]:
    """`find_place(places, surface)`: see `place_by_surface`."""
    return place_by_surface


@pytest.fixture
def shared_dir() -> Path:
    """`../shared` beside the project (gold annotations, dev data); skipped when absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: the gold annotation and dev data live beside the project, not in it.")
    return SHARED


@pytest.fixture(scope="session")
def postgis() -> Iterator[pg_server.PgServer]:
    """A throwaway PostgreSQL + PostGIS server for the session (started on first use, ~2 s), shared by the
    store suite and the README's PostgreSQL command. Under CI=true it must run: a machine without
    PostgreSQL fails the first test that asks for it instead of skipping it."""
    why = pg_server.problem()
    if why:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"the PostGIS tests must run under CI=true, but {why}", pytrace=False)
        pytest.skip(f"PostGIS tests skipped: {why}")
    server = pg_server.start()  # installed but failing to start: an error, never a skip
    yield server
    server.stop()
