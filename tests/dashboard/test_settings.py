"""KHAREETA_TILES: the map's background. Offline (no tile server) unless `osm` or a tile URL is
chosen; anything else is refused with a sentence that says what to write."""

from __future__ import annotations

import pytest

from dashboard import settings
from dashboard.settings import Tiles
from geodata.errors import InputError


@pytest.mark.parametrize("value", ["", "  ", "offline", "OFFLINE", " Offline "])
def test_offline_is_the_default_and_fetches_no_tile(value: str) -> None:
    assert settings.tiles(value) is None


def test_unset_is_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(settings.TILES_ENV, raising=False)
    assert settings.tiles() is None


@pytest.mark.parametrize("value", ["osm", "OSM"])
def test_osm_is_openstreetmaps_tile_server_with_its_credit(value: str) -> None:
    tiles = settings.tiles(value)
    assert tiles == Tiles("https://tile.openstreetmap.org/{z}/{x}/{y}.png", settings.OSM_ATTRIBUTION)
    assert "OpenStreetMap" in tiles.attribution


def test_a_url_template_is_used_as_given_and_credited_to_its_host(monkeypatch: pytest.MonkeyPatch) -> None:
    url = "https://tiles.example.org/osm/{z}/{x}/{y}.png?key=1"
    monkeypatch.setenv(settings.TILES_ENV, url)
    assert settings.tiles() == Tiles(url, "Map tiles: tiles.example.org")


@pytest.mark.parametrize(
    "value",
    [
        "ofline",  # a typo
        "tiles.example.org/{z}/{x}/{y}.png",  # no scheme
        "ftp://tiles.example.org/{z}/{x}/{y}.png",
        "https://tiles.example.org/tiles.png",  # no {z}/{x}/{y}
        "https://tiles.example.org/{z}/{x}.png",
        "javascript:alert(1)//{z}/{x}/{y}",
        "https:///{z}/{x}/{y}.png",  # no host
    ],
)
def test_anything_else_is_refused_with_what_to_write(value: str) -> None:
    with pytest.raises(InputError) as err:
        settings.tiles(value)
    message = str(err.value)
    assert message.startswith("KHAREETA_TILES: ") and repr(value) in message
    assert "`offline`" in message and "`osm`" in message and "{z}/{x}/{y}" in message
