"""Dashboard fixtures: a store of the seeds (built once, copied per test),
the store's env var pointed at that copy, downloads captured from AppTest,
and a small gazetteer (the curated region file) for pages that write to it.

No test touches the network or the real data/ folder.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import map_view
from extract.ingest import ingest_paths
from geodata import gazetteer as gazetteer_mod
from geodata import settings
from geodata.gazetteer import Gazetteer
from geodata.gazetteer.sources import merge_entries, read_countries, read_place_csv, read_user_aliases
from geodata.store import Store

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
APP = str(ROOT / "dashboard" / "app.py")


@pytest.fixture(scope="session")
def seeded_db_file(tmp_path_factory: pytest.TempPathFactory, gaz: Gazetteer) -> Path:
    """Every seed article, ingested once per session through the library API."""
    path = tmp_path_factory.mktemp("store") / "seeds.sqlite"
    with Store.open(path) as s:
        report = ingest_paths([SEEDS], s, gaz=gaz)
        assert not report.failed, report.summary()
    return path


@pytest.fixture
def app_db(seeded_db_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the seeded store, the one `Store.open()` (and so the app) opens."""
    db = tmp_path / "khareeta.sqlite"
    shutil.copy(seeded_db_file, db)
    monkeypatch.setenv("KHAREETA_DB", str(db))
    return db


@pytest.fixture
def empty_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "empty.sqlite"
    monkeypatch.setenv("KHAREETA_DB", str(db))
    return db


def open_store(db: Path) -> Store:
    return Store.open(db)


def new_app(page: str | None = None, *, map_drawn: bool = True) -> AppTest:
    """The dashboard entry script, run once (and switched to `page`, e.g. 'views/add_articles.py').
    `map_drawn`: as in a browser once the Map page's map has drawn and said so (AppTest runs no
    component), the page draws its timeline and table at once (see `map_view.panels_wait`)."""
    at = AppTest.from_file(APP, default_timeout=60)
    if map_drawn:
        at.session_state[map_view.SEEN_KEY] = True
    at.run()
    assert not at.exception, at.exception
    if page:
        at.switch_page(page).run()
        assert not at.exception, at.exception
    return at


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """What AppTest's download buttons would give, by file id: bytes, or the callable a
    deferred button runs when clicked."""
    import streamlit.testing.v1.app_test as app_test_mod
    from streamlit.runtime.media_file_manager import MediaFileManager

    files: dict[str, object] = {}

    class Recording(MediaFileManager):
        def add(self, path_or_data, mimetype, coordinates, file_name=None, is_for_static_download=False):
            url = super().add(path_or_data, mimetype, coordinates, file_name, is_for_static_download)
            files[Path(url).stem] = path_or_data
            return url

        def add_deferred(self, callable_func, *args, **kwargs):
            file_id = super().add_deferred(callable_func, *args, **kwargs)
            files[file_id] = callable_func
            return file_id

    monkeypatch.setattr(app_test_mod, "MediaFileManager", Recording)
    return files


def download(at: AppTest, files: dict[str, object], label_part: str) -> bytes:
    """The data of the download button whose label holds `label_part` (a deferred one is run)."""
    buttons = [b for b in at.get("download_button") if label_part in b.proto.label]
    assert buttons, f"no download button labelled {label_part!r}"
    proto = buttons[0].proto
    data = files[proto.deferred_file_id or Path(proto.url).stem]
    return data() if callable(data) else data


@pytest.fixture
def small_gazetteer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """KHAREETA_HOME in tmp, and `gazetteer.get()` compiled from the curated region file, the
    countries and the user's places and aliases there (a second, not 15 s, and nothing written to data/)."""
    home = tmp_path / "home"
    monkeypatch.setenv("KHAREETA_HOME", str(home))
    monkeypatch.setattr(gazetteer_mod, "frequent_words", dict)

    def small_get() -> Gazetteer:
        user = settings.user_gazetteer_dir()
        entries = merge_entries(
            [
                read_place_csv(user / "places.csv", prefix="user", strict=False),
                read_place_csv(settings.DATA_FILES / "curated.csv", prefix="khareeta"),
                read_countries(),
            ],
            [],
            read_user_aliases(user / "aliases.csv"),
        )
        return gazetteer_mod.compile_gazetteer(entries, gazetteer_mod.read_blocked())

    monkeypatch.setattr(gazetteer_mod, "get", small_get)
    yield home
