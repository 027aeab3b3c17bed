"""The offline basemap's borders: 1:10m from world-atlas when `make assets` fetched it, the coarse
countryinfo ones otherwise; each country with its ISO2 code, names and label point."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from dashboard import basemap, layers, offline
from dashboard.payload import map_payload
from tests.dashboard.test_topojson import SQUARES


@pytest.fixture
def tiny_atlas(tmp_path: Path) -> Path:
    """Two squares (ids 368 and 760: Iraq and Syria) at 40-42 E, 30-31 N, as world-atlas would ship them."""
    path = tmp_path / "countries-10m.json"
    path.write_text(
        json.dumps({**SQUARES, "transform": {"scale": [0.5, 0.5], "translate": [40, 30]}}), encoding="utf-8"
    )
    return path


def test_world_atlas_countries_get_their_iso2_code_names_and_a_label_inside(tiny_atlas: Path) -> None:
    fc = basemap.countries_10m(tiny_atlas)
    assert fc and fc["source"] == basemap.SOURCE_10M
    left, right = fc["features"]
    assert left["properties"]["iso2"] == "IQ" and left["properties"]["name"] == "Iraq"
    assert left["properties"]["name_ar"] == "العراق" and right["properties"]["iso2"] == "SY"
    lat, lon = left["properties"]["label"]  # in the focus region, so named however small
    assert 30 < lat < 31 and 40 < lon < 41
    assert right["geometry"]["type"] == "MultiPolygon"


def test_without_the_asset_the_coarse_borders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(basemap, "WORLD_ATLAS", tmp_path / "not-fetched.json")
    assert basemap.countries_10m() is None
    assert basemap.borders.__wrapped__() == basemap.countries()  # never a crash: countryinfo's polygons
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    assert basemap.countries_10m(tmp_path / "broken.json") is None


@pytest.mark.skipif(not basemap.WORLD_ATLAS.is_file(), reason="world-atlas not fetched: run `make assets`")
def test_the_real_atlas_is_finer_than_countryinfo_and_keeps_the_names() -> None:
    fine = {f["properties"]["iso2"]: f for f in basemap.borders()["features"] if f["properties"]["iso2"]}
    coarse = {f["properties"]["iso2"]: f for f in basemap.countries()["features"]}

    def points(f: dict) -> int:
        g = f["geometry"]
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        return sum(len(ring) for poly in polys for ring in poly)

    assert points(fine["IQ"]) > 5 * points(coarse["IQ"])
    for code in ("IQ", "SY", "TR", "JO", "LB", "IR", "SA", "KW"):
        assert fine[code]["properties"]["label"], code
    assert fine["SY"]["properties"]["name_ar"] == "سوريا"
    # Russia and Fiji cross the antimeridian: no ring of theirs jumps across the world any more
    for code in ("RU", "FJ"):
        g = fine[code]["geometry"]
        for poly in g["coordinates"]:
            for ring in poly:
                assert all(abs(a[0] - b[0]) < 180 for a, b in itertools.pairwise(ring)), code
    assert -180 <= fine["RU"]["properties"]["label"][1] <= 180


def test_a_ring_across_the_antimeridian_is_made_continuous() -> None:
    ring = [(179.0, 65.0), (-179.0, 65.0), (-179.0, 66.0), (179.0, 66.0), (179.0, 65.0)]
    geometry = basemap._unwrapped({"type": "Polygon", "coordinates": [ring]})
    assert geometry["coordinates"][0] == [(179.0, 65.0), (181.0, 65.0), (181.0, 66.0), (179.0, 66.0), (179.0, 65.0)]


def test_the_map_tells_the_borders_where_the_names_are() -> None:
    html = layers.build_map(map_payload([]), countries_url="/app/static/cache/c.json", labels_url="/l.json")
    assert '"src":"/app/static/cache/c.json","labels":"/l.json"' in html.get_root().render()
    plain = layers.build_map(map_payload([]), countries_url="/app/static/cache/c.json").get_root().render()
    assert '"labels"' not in plain  # then the borders file says where they are (state.countries_url)


def test_the_published_borders_name_the_published_labels() -> None:
    from dashboard import state

    url = state.countries_url()
    borders = offline.read_published(url)  # over 256 kB: gzipped
    assert borders["labels"] == state.place_labels_url() and offline.published(borders["labels"])
    labels = offline.read_published(borders["labels"])
    assert labels["places"] and labels["regions"]
