"""The folium map: built from a payload, it loads nothing from outside the app, and its data
cannot close a `<script>` whatever the articles say."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from dashboard import basemap, layers, offline
from dashboard.markup import DocMeta
from dashboard.payload import map_payload
from dashboard.settings import Tiles
from geodata.store import Store

XSS_IMG = '<img src=x onerror="window.__xss=1">'
XSS_SCRIPT = "</script><script>window.__xss=2</script>"


@pytest.fixture(scope="module")
def seed_payload(seeded_db_file: Path) -> dict:
    with Store.open(seeded_db_file) as s:
        docs = {d.doc_id: DocMeta(d.title, d.source, d.date, d.name) for d in s.documents()}
        return map_payload(s.query(), docs=docs)


def test_js_json_cannot_close_a_script_or_open_markup() -> None:
    text = layers.js_json({"evidence": XSS_SCRIPT + XSS_IMG + "\u2028&"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"evidence": XSS_SCRIPT + XSS_IMG + "\u2028&"}


def test_map_loads_leaflet_and_plugins_only_from_the_app(seed_payload) -> None:
    m = layers.build_map(seed_payload, countries=basemap.countries(), tiles_url=offline.TILES_URL)
    offline.localise(m, bundle=False)
    assert offline.external_links(m) == []
    html = m.get_root().render()
    links = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert links and all(u.startswith("/app/static/") for u in links), links
    for rel in (*offline.JS_FILES, *offline.CSS_FILES):
        assert f"/app/static/{rel}" in html
    assert "cdn" not in html.lower() and "font-awesome" not in html.lower() and "bootstrap" not in html.lower()


def test_without_tiles_the_map_has_no_tile_layer(seed_payload) -> None:
    html = layers.build_map(seed_payload, countries=basemap.countries()).get_root().render()
    assert "Khareeta.tiles(" not in html and "Khareeta.blank(" not in html
    assert "openstreetmap" not in html.lower() and "{z}" not in html
    assert "Khareeta.borders(" in html  # the offline basemap


def test_chosen_tiles_are_a_base_layer_beside_the_borders_alone(seed_payload) -> None:
    tiles = Tiles("https://tiles.example.org/{z}/{x}/{y}.png", "Map tiles: tiles.example.org")
    html = layers.build_map(seed_payload, tiles=tiles).get_root().render()
    assert "Khareeta.tiles(" in html and '"url":"https://tiles.example.org/{z}/{x}/{y}.png"' in html
    assert "Khareeta.blank(" in html  # the choice of the borders alone, in the layer control


def test_the_script_bundle_holds_leaflet_its_plugins_and_the_runtime_in_order() -> None:
    m = offline.localise(layers.build_map(map_payload([])))
    [(first, reader), (_, url)] = m.default_js  # the data files' reader first, then the bundle
    assert first == "prefetch" and reader.startswith("/app/static/prefetch.js") and "src=" not in reader
    assert url.startswith("/app/static/cache/bundle-")
    text = (offline.STATIC_DIR / url.partition("?")[0].removeprefix("/app/static/")).read_text(encoding="utf-8")
    starts = [text.index(marker) for marker in ("Leaflet", "MarkerClusterGroup", "polylineDecorator", "Khareeta")]
    assert starts == sorted(starts)


def test_published_data_is_named_by_content_and_found_again() -> None:
    url = offline.publish_json({"events": [[36.3, 43.1]]}, prefix="test-")
    assert url.startswith("/app/static/cache/test-") and offline.published(url)
    assert url.partition("?")[0].endswith(".json")  # small: as it is
    assert offline.publish_json({"events": [[36.3, 43.1]]}, prefix="test-") == url
    (offline.DATA_DIR / url.partition("?")[0].rsplit("/", 1)[-1]).unlink()
    assert not offline.published(url)


def test_a_large_published_file_is_gzipped_and_holds_the_same_json() -> None:
    rows = {"events": [[36.3 + i / 1e5, 43.1, i % 7, f"doc-{i:06d}"] for i in range(20_000)]}
    url = offline.publish_json(rows, prefix="test-")
    path = offline.DATA_DIR / url.partition("?")[0].rsplit("/", 1)[-1]
    try:
        assert path.name.endswith(".json.gz") and offline.published(url)
        assert json.loads(gzip.decompress(path.read_bytes())) == rows == offline.read_published(url)
        assert path.stat().st_size < offline.GZIP_OVER
    finally:
        path.unlink()


def test_prefetch_names_only_this_apps_files() -> None:
    m = offline.localise(layers.build_map(map_payload([])), prefetch=["/app/static/cache/map-1.json?v=2"])
    name, url = m.default_js[0]
    assert name == "prefetch" and "src=%2Fapp%2Fstatic%2Fcache%2Fmap-1.json%3Fv%3D2" in url
    assert 'charAt(1) === "/"' in (offline.STATIC_DIR / "prefetch.js").read_text()  # no protocol-relative URLs


def _data_call(html: str) -> tuple[dict, dict]:
    """The kinds and the options of the map's `Khareeta.data(map, group, kinds, options)`."""
    at = re.search(r"Khareeta\.data\([\w.]+, [\w.]+, ", html).end()
    kinds, end = json.JSONDecoder().raw_decode(html, at)
    options, _ = json.JSONDecoder().raw_decode(html, html.index("{", end))
    return kinds, options


def test_the_map_fits_its_data_and_keeps_room_for_the_legend(seed_payload) -> None:
    html = layers.build_map(seed_payload).get_root().render()
    (s, w), (n, e) = seed_payload["bounds"]
    kinds, options = _data_call(html)
    fit = options["fit"]
    assert fit["bounds"] == [[s - 0.15, w - 0.15], [n + 0.15, e + 0.15]]
    assert fit["paddingBottomRight"] == [layers.LEGEND_PX, 10]
    assert list(kinds) == ["places", "routes", "movements", "control", "events"]  # events drawn on top
    assert kinds["events"]["options"]["denseOver"] == layers.DENSE_OVER


def test_the_maps_own_script_is_the_same_whatever_it_shows(seed_payload) -> None:
    """The page gives the data apart (a feature group): streamlit-folium keeps a map whose script has not
    changed, so a filter change redraws the data in it, never the frame, the borders and the names."""

    def script(payload: dict) -> tuple[str, str]:
        m = layers.base_map(countries_url="/app/static/cache/c.json")
        group = layers.data_group(m, payload)
        page = m.get_root().render()  # without the group, as streamlit-folium renders the map
        group.add_to(m)
        return page, group.render() or m.get_root().render()

    fewer = {**seed_payload, "events": seed_payload["events"][:1], "n": {**seed_payload["n"], "events": 1}}
    (one, with_one), (two, with_two) = script(seed_payload), script(fewer)
    ids = re.compile(r"_[0-9a-f]{32}")  # folium's element ids, new for every element
    assert ids.sub("", one) == ids.sub("", two) and "Khareeta.data" not in one
    assert _data_call(with_one)[0]["events"]["name"] != _data_call(with_two)[0]["events"]["name"]  # the counts


def test_a_published_payload_is_fetched_not_inlined(seed_payload) -> None:
    files = layers.DataFiles("/app/static/cache/map-1.json", ["/app/static/cache/popups-1.json"])
    html = layers.build_map(seed_payload, data_url=files).get_root().render()
    assert "/app/static/cache/map-1.json" in html and "/app/static/cache/popups-1.json" in html
    assert '"chunk":1000' in html


def test_localised_urls_follow_the_base_path() -> None:
    assert offline.static_url("khareeta.js", base_path="/khareeta/").startswith("/khareeta/app/static/khareeta.js")


def test_vendored_assets_are_fetched() -> None:
    assert offline.missing_assets() == [], offline.ASSETS_HINT


def test_country_borders_come_from_local_data() -> None:
    fc = basemap.countries()
    by_code = {f["properties"]["iso2"]: f for f in fc["features"]}
    assert {"IQ", "SY", "TR", "JO", "IR", "SA"} <= set(by_code)
    lat, lon = by_code["IQ"]["properties"]["label"]
    assert 29 < lat < 38 and 38 < lon < 49
    assert len(json.dumps(fc)) < 400_000  # simplified: cheap to send with every map
