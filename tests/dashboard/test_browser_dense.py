"""In headless Chromium: very many events are drawn as a density of hexagons while the view holds many,
as their markers once zoomed in, and the playback's day narrows both (static/density.js, `denseEvents`
in static/khareeta.js); very many journeys are one flow line per start and end, as wide as they are many,
whose popup lists them (`flows`).

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
from geodata.records import ActorRef, EventRecord, MovementRecord, PlaceRef, dated
from tests.dashboard.test_browser import browser, chromium  # noqa: F401  (fixtures)

N = 3000
TOWNS = ((36.34, 43.13), (35.95, 39.01), (33.42, 43.3))
# Journeys: from the first town to the second 200 times, to the third 50 times, and back once.
TRIPS = ((0, 1, 200), (0, 2, 50), (1, 0, 1))
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


def _journeys() -> list[MovementRecord]:
    stops = [PlaceRef(name, lat, lon) for name, (lat, lon) in zip(("Mosul", "Raqqa", "Ramadi"), TOWNS, strict=True)]
    return [
        MovementRecord(feature_id=f"m{a}{b}-{k}", doc="d", waypoints=(stops[a], stops[b]), actor=ActorRef("ISIS"))
        for a, b, n in TRIPS
        for k in range(n)
    ]


@pytest.fixture(scope="module")
def dense_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if offline.missing_assets():
        pytest.skip(offline.ASSETS_HINT)
    folder = tmp_path_factory.mktemp("dense")
    (folder / "app").mkdir()
    (folder / "app" / "static").symlink_to(offline.STATIC_DIR)
    payload = map_payload([*_events(), *_journeys()])
    m = offline.localise(layers.build_map(payload, dense_over=1000, flow_over=100, height="700px"))
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
    const hexes = layers.filter(l => l.khCount !== undefined && l.options.className === 'kh-hex');
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


FLOWS = """() => {
    const map = window[Object.keys(window).find(k => /^map_[0-9a-f]{32}$/.test(k))];
    const group = Object.values(map._layers).find(l => l.khSpec && l.khSpec.part === 'movements');
    return group.khFlows().map(l => ({n: l.khCount, weight: l.options.weight,
        tip: l.getTooltip().getContent()().textContent})).sort((a, b) => b.n - a.n); }"""


def test_many_journeys_are_one_flow_line_per_start_and_end_as_wide_as_they_are_many(
    browser,  # noqa: F811
    dense_url: str,
) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    try:
        page.goto(dense_url)
        _ready(page)
        flows = page.evaluate(FLOWS)
        assert [f["n"] for f in flows] == [200, 50, 1]  # one line per start and end: back is another line
        assert flows[0]["weight"] > flows[1]["weight"] > flows[2]["weight"]
        assert flows[0]["tip"] == "200 journeysMosul → Raqqa"  # two lines of text
        page.locator("path.kh-flow").first.dispatch_event("click")
        listed = page.locator(".kh-flow-list")
        listed.wait_for(timeout=10_000)
        assert listed.locator("li").count() in (50, 1)  # the first 50 of a flow, said so
        assert "journeys:" in listed.inner_text()
    finally:
        page.close()
