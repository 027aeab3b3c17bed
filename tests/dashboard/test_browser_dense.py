"""In headless Chromium: very many events are drawn as a density of hexagons while the view holds many,
as their markers once zoomed in, and the playback's day narrows both (static/density.js, `denseEvents`
in static/khareeta.js).

The map is `layers.build_map` of a synthetic payload with the threshold lowered (`dense_over`), served
from a temporary folder beside the app's static files by a plain HTTP server on 127.0.0.1: the density
is the same code at 3,000 events as at 100,000, without building a store of 100,000.
"""

from __future__ import annotations

import functools
import http.server
import random
import threading
from collections.abc import Iterator

import pytest

from dashboard import layers, offline
from dashboard.payload import map_payload
from geodata.records import EventRecord, PlaceRef, dated
from tests.dashboard.test_browser import browser, chromium  # noqa: F401  (fixtures)

N = 3000
TOWNS = ((36.34, 43.13), (35.95, 39.01), (33.42, 43.3))
FIRST_DAY = 16_000  # days since 1970-01-01


def _events() -> list[EventRecord]:
    from datetime import date, timedelta

    rng = random.Random(3)
    out = []
    for i in range(N):
        lat, lon = rng.choice(TOWNS)
        place = PlaceRef(f"T{i % 3}", round(lat + rng.uniform(-0.6, 0.6), 4), round(lon + rng.uniform(-0.6, 0.6), 4))
        day = date(1970, 1, 1) + timedelta(days=FIRST_DAY + rng.randrange(300))
        out.append(EventRecord(feature_id=f"e{i}", doc="d", event_type="Battles", place=place, date=dated(day)))
    return out


@pytest.fixture(scope="module")
def dense_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if offline.missing_assets():
        pytest.skip(offline.ASSETS_HINT)
    folder = tmp_path_factory.mktemp("dense")
    (folder / "app").mkdir()
    (folder / "app" / "static").symlink_to(offline.STATIC_DIR)
    m = offline.localise(layers.build_map(map_payload(_events()), dense_over=1000, height="700px"))
    (folder / "index.html").write_text(m.get_root().render(), encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *a: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()


# The page's map (folium names it map_<id>), its events layer, and what that layer draws now.
STATE = """() => {
    const map = window[Object.keys(window).find(k => /^map_[0-9a-f]{32}$/.test(k))];
    const layers = Object.values(map._layers);
    const hexes = layers.filter(l => l.khCount !== undefined);
    const events = layers.find(l => l.khSpec && l.khSpec.part === 'events');
    window.__kh = {map, events};
    const inView = events.khRows().filter(r => map.getBounds().contains([r[0], r[1]])).length;
    return {mode: map.getContainer().dataset.events, zoom: map.getZoom(), inView,
            hexCount: hexes.reduce((n, h) => n + h.khCount, 0), hexes: hexes.length,
            markers: layers.filter(l => l.khTip).length,
            clustered: layers.filter(l => l.getChildCount).reduce((n, c) => n + c.getChildCount(), 0)}; }"""


def _ready(page) -> None:
    page.locator(".leaflet-container.kh-ready").wait_for(timeout=60_000)


def test_many_events_are_hexagons_until_the_view_holds_few_then_markers(browser, dense_url: str) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(dense_url)
        _ready(page)
        wide = page.evaluate(STATE)
        assert wide["mode"] == "hexes" and wide["hexCount"] == N and wide["hexes"] > 3  # every event counted once
        page.evaluate("() => window.__kh.map.setView([36.34, 43.13], 11, {animate: false})")
        close = page.evaluate(STATE)
        assert close["mode"] == "markers" and close["hexes"] == 0
        assert 0 < close["inView"] <= close["markers"] + close["clustered"] < N  # those around the view, not all
        page.evaluate("() => window.__kh.map.setView([35.0, 41.0], 6, {animate: false})")
        again = page.evaluate(STATE)
        assert again["mode"] == "hexes" and again["hexCount"] == N
        day = FIRST_DAY + 100
        page.evaluate(f"() => window.__kh.events.khSetTime({day})")
        upto = page.evaluate(STATE)
        wanted = page.evaluate(f"() => window.__kh.events.khRows().filter(r => r[3] <= {day}).length")
        assert upto["hexCount"] == wanted and 0 < wanted < N  # the playback's day narrows the density
        assert not errors, errors
    finally:
        page.close()
