"""The real thing: the app on the seeds in headless Debian Chromium, with every request that leaves
this machine refused (and none made: no tile server by default). The map must draw (events, a
movement with its arrows, routes, country borders with each name over its country), a click must show
the evidence sentence (the first click too, on a window the map does not fit), and no article text may
run as script. The app is started as `make run` starts it, with no setting but its port: static
serving comes from `.streamlit/config.toml`.

Screenshots go to bench/out/ (ignored by git); `make screenshot` sets KHAREETA_SCREENSHOT to
refresh the README's picture, which the tests never write otherwise."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from dashboard.serve import CHROMIUM_ARGS, MAP_FRAME, find_chromium, running_app
from extract.ingest import ingest_paths
from geodata.gazetteer import Gazetteer
from geodata.store import Store
from geodata.store.filters import Filters
from tests.dashboard.conftest import ROOT

pytestmark = pytest.mark.browser

XSS_ARTICLE = (
    "<script>window.__xss='title'</script> Clashes\n\n2016-10-25\n\nMOSUL, Iraq (Wire) - Iraqi forces "
    "clashed with ISIS fighters in Mosul <img src=x onerror=\"window.__xss='evidence'\"> on Tuesday.\n"
)
LOCAL = ("127.0.0.1", "localhost", "::1", "[::1]")
SHOT = ROOT / "bench" / "out" / "screenshot.png"  # bench/out/ is ignored by git
SCREENSHOT_ENV = "KHAREETA_SCREENSHOT"  # where `make screenshot` wants the README's picture
WIDE = {"width": 1440, "height": 1000}  # the map fits
LAPTOP = {"width": 1366, "height": 768}  # the map does not fit: the page scrolls


def chromium() -> str:
    path = find_chromium()
    if path:
        return path
    msg = "headless Chromium is not installed: run `make browser` (as root it installs Debian's chromium)"
    if os.environ.get("CI") == "true" or os.environ.get(SCREENSHOT_ENV):
        pytest.fail(msg + "; CI and `make screenshot` must run the browser test.")
    pytest.skip(msg)


@pytest.fixture(scope="module")
def browser_db(tmp_path_factory: pytest.TempPathFactory, gaz: Gazetteer) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    (folder / "xss.txt").write_text(XSS_ARTICLE, encoding="utf-8")
    db = folder / "k.sqlite"
    with Store.open(db) as s:
        report = ingest_paths([ROOT / "seeds", folder / "xss.txt"], s, gaz=gaz)
        assert not report.failed, report.summary()
    return db


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Chromium, one for the module (each test opens its own page)."""
    executable = chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def app_url(browser_db: Path, browser: object) -> Iterator[str]:
    """The dashboard on the seeds (and the hostile article), started like `make run`."""
    with running_app(browser_db) as url:
        yield url


class Visit:
    """A page of the app in a new browser context: every request it makes (`requests`), the ones
    refused because they would leave this machine (`outside`), and the page's script errors."""

    def __init__(self, browser, url: str, viewport: dict[str, int], *, before=None, **context: object) -> None:
        self.requests: list[str] = []
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport=viewport, **context)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._only_local)
        if before is not None:  # e.g. routes of the test's own, in place from the first request
            before(self.page)
        self.page.goto(url)
        self.frame = self.page.frame_locator(MAP_FRAME)
        self.frame.locator(".leaflet-container.kh-ready").wait_for(timeout=60_000)
        _idle(self.page)

    def _only_local(self, route) -> None:
        if _local(route.request.url):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def close(self) -> None:
        self.page.context.close()


def _idle(page) -> None:
    """Wait until the app's script is not running (Streamlit shows its "Stop" status while it is): a
    rerun can redraw what a test is about to click."""
    page.wait_for_function("""() => !document.querySelector('[data-testid="stStatusWidget"]')""", timeout=60_000)


def _local(url: str) -> bool:
    return url.startswith(("data:", "blob:", "about:")) or (urlparse(url).hostname or "") in LOCAL


def _point_on(frame, selector: str) -> tuple[float, float] | None:
    """Viewport coordinates of a point on a `selector` path (the longest first) that is the topmost
    element there."""
    return frame.locator("body").evaluate(
        """(_body, sel) => {
        const paths = [...document.querySelectorAll(sel)].sort((a, b) => b.getTotalLength() - a.getTotalLength());
        for (const el of paths) {
            const len = el.getTotalLength();
            for (const f of [0.5, 0.35, 0.65, 0.2, 0.8]) {
                const p = el.getPointAtLength(len * f), m = el.getScreenCTM();
                const x = p.x * m.a + p.y * m.c + m.e, y = p.x * m.b + p.y * m.d + m.f;
                if (document.elementFromPoint(x, y) === el) { return [x, y]; }
            }
        }
        return null; }""",
        selector,
    )


def _click_feature(page, frame, selectors: tuple[str, ...]) -> None:
    box = page.locator(MAP_FRAME).bounding_box()
    for sel in selectors:
        point = _point_on(frame, sel)
        if point:
            page.mouse.click(box["x"] + point[0], box["y"] + point[1])
            return
    pytest.fail(f"no clickable {selectors} on the map")


def _time_playback_filters_the_map(frame) -> None:
    """The time slider at its first day shows fewer events and movements; 'All' brings them back."""

    def drawn() -> int:
        return frame.locator("body").evaluate("""() => document.querySelectorAll(
            'path.kh-event, .kh-cluster, path.kh-movement').length""")

    everything = drawn()
    frame.locator("body").evaluate("""() => { const r = document.querySelector('.kh-range');
        r.value = r.min; r.dispatchEvent(new Event('input')); }""")
    assert frame.locator(".kh-when").inner_text().startswith("up to 2014-")
    assert drawn() < everything
    frame.locator(".kh-all").click()
    assert drawn() == everything


def _open_every_popup(frame) -> int:
    """Fire a click on every feature (clustered ones too), which builds every popup."""
    return frame.locator("body").evaluate("""() => {
        let n = 0; const seen = new Set();
        const visit = (l) => {
            if (seen.has(l)) { return; } seen.add(l);
            if (l.getLayers) { l.getLayers().forEach(visit); }
            if (l.listens && l.listens('click') && (l.getLatLng || l.getLatLngs) && !l.getLayers) {
                const ll = l.getLatLng ? l.getLatLng() : l.getBounds().getCenter();
                l.fire('click', {latlng: ll}); n += 1;
                if (l.closePopup) { l.closePopup(); }
            }
        };
        window.map.eachLayer(visit);
        return n; }""")


def _save_screenshot(page) -> None:
    """To bench/out/ (ignored by git); also where KHAREETA_SCREENSHOT says (`make screenshot`)."""
    SHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOT))
    wanted = os.environ.get(SCREENSHOT_ENV)
    if wanted:
        shutil.copy(SHOT, ROOT / wanted)


def _served_like_make_run(url: str, page) -> None:
    """The plain `streamlit run` serves the map's static files (`.streamlit/config.toml`), and
    shows no "Deploy" button (`client.toolbarMode`)."""
    with urllib.request.urlopen(f"{url}/app/static/khareeta.css", timeout=10) as r:
        assert r.status == 200 and b".kh-country" in r.read()
    page.locator('[data-testid="stToolbar"]').wait_for(state="attached", timeout=10_000)
    assert page.get_by_role("button", name="Deploy").count() == 0
    assert page.get_by_text("Deploy", exact=True).count() == 0


def test_map_draws_offline_and_a_click_shows_the_evidence(browser, app_url: str, browser_db: Path) -> None:
    with Store.open(browser_db) as s:
        by_id = {r.feature_id: r for r in s.query(Filters(kinds=("event", "movement", "route")))}
    t0 = time.perf_counter()
    visit = Visit(browser, app_url, WIDE, accept_downloads=True)
    page, frame, errors = visit.page, visit.frame, visit.errors
    try:
        drawn = time.perf_counter() - t0
        # everything the map needs came from the app; by default nothing is asked of a tile server
        assert visit.outside == [], visit.outside
        assert [u for u in visit.requests if not _local(u)] == []
        assert any("/app/static/" in u for u in visit.requests)
        assert frame.locator(".leaflet-tile").count() == 0
        _served_like_make_run(app_url, page)
        assert frame.locator("path.kh-land").count() > 50  # country borders from local data
        assert frame.locator("path.kh-event").count() + frame.locator(".kh-cluster").count() >= 10
        assert frame.locator("path.kh-movement").count() >= 5
        assert frame.locator("path.kh-arrow").count() >= 5  # the movements' direction
        assert frame.locator("path.kh-route").count() >= 5
        assert "Battles" in frame.locator(".kh-legend").text_content()  # folded on a narrow map
        assert "Battles" in page.locator(".kh-side-legend").inner_text()  # and beside it
        assert frame.locator(".kh-playback input[type=range]").count() == 1

        _time_playback_filters_the_map(frame)
        _click_feature(page, frame, ("path.kh-movement", "path.kh-route", "path.kh-event"))
        popup = frame.locator(".leaflet-popup-content")
        popup.wait_for(timeout=10_000)
        text = popup.inner_text()
        ref = text.split("ref ")[1].split()[0]  # the popup shows its feature's ref
        evidence = by_id[ref].evidence
        assert " ".join(evidence.split())[:60] in " ".join(text.split())
        assert popup.locator("mark.kh-m").count() >= 1
        # what streamlit-folium reports for the click: the popup element's innerText, the id alone
        element = popup.locator(".kh-popup")
        assert element.evaluate("el => [el.innerText, el.dataset.featureId]") == [ref, ref]
        # the side panel shows the clicked feature: its ref, its sentence highlighted, RTL for Arabic
        side_ref = page.locator(".kh-ref")
        side_ref.wait_for(timeout=20_000)
        assert side_ref.inner_text().strip() == f"ref {ref}"
        panel = page.locator("blockquote.kh-evidence")
        assert " ".join(evidence.split())[:60] in " ".join(panel.inner_text().split())
        assert panel.locator("mark.kh-m").count() >= 1
        if by_id[ref].lang == "ar":
            assert panel.get_attribute("dir") == "rtl"
        time.sleep(0.5)
        _save_screenshot(page)

        # untrusted text never runs: build every popup, then look for the payloads' effects
        assert _open_every_popup(frame) > 50
        time.sleep(0.5)
        xss = "() => [window.__xss || null, document.querySelectorAll('.kh-popup img, .kh-popup script').length]"
        assert frame.locator("body").evaluate(xss) == [None, 0]
        assert page.evaluate("() => window.__xss || null") is None
        assert not errors, errors
        print(f"map drawn {drawn:.2f} s after navigation")
        _geojson_download_holds_the_view(page, len(by_id))
        _preview_and_gazetteer_maps(page, app_url, errors)
        assert [u for u in visit.requests if not _local(u)] == []
    finally:
        visit.close()


SCROLLED = """() => [window.scrollY, ...[...document.querySelectorAll('*')].map(e => e.scrollTop).filter(t => t > 0)]"""


def test_the_first_click_opens_the_popup_on_a_window_the_map_does_not_fit(browser, app_url: str) -> None:
    """Leaflet focuses the map on a press; in its frame that scrolled the page, the feature moved away
    under the pointer before the release, and the click was lost (khareeta.js focuses without scrolling)."""
    visit = Visit(browser, app_url, LAPTOP)
    page, frame = visit.page, visit.frame
    try:
        box = page.locator(MAP_FRAME).bounding_box()
        assert box["y"] + box["height"] > LAPTOP["height"]  # the premise: the map does not fit
        assert page.evaluate(SCROLLED) == [0]
        _click_feature(page, frame, ("path.kh-movement", "path.kh-route", "path.kh-event"))  # one click
        # a lost click never opens it; a slow machine may take a while to fetch the popup's file
        frame.locator(".leaflet-popup-content .kh-popup").wait_for(timeout=30_000)
        assert page.evaluate(SCROLLED) == [0]  # the page stayed where it was
        page.locator(".kh-ref").wait_for(timeout=20_000)  # and the click reached the app
        assert not visit.errors, visit.errors
    finally:
        visit.close()


# Each country name in view: its centre on the screen, whether that point is inside its country's
# border (the SVG path's fill: the label lies over its country), and whether the name is drawn above
# the borders there (hit-testing with pointer events on for a moment).
LABELS = """() => {
    const on = document.createElement('style');
    on.textContent = '* { pointer-events: auto !important; }';
    document.head.appendChild(on);
    const view = window.map.getContainer().getBoundingClientRect();
    const out = [];
    document.querySelectorAll('.kh-country [data-iso2]').forEach(span => {
        const r = span.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
        if (!r.width || x < view.left || x > view.right || y < view.top || y > view.bottom) { return; }
        const land = document.querySelector('path.kh-land-' + span.dataset.iso2);
        const here = land && new DOMPoint(x, y).matrixTransform(land.getScreenCTM().inverse());
        const stack = document.elementsFromPoint(x, y);
        out.push({iso2: span.dataset.iso2, name: span.textContent, x: Math.round(x), y: Math.round(y),
                  inside: !!land && land.isPointInFill(here),
                  above: !!land && stack.indexOf(span) >= 0 && stack.indexOf(span) < stack.indexOf(land)});
    });
    on.remove();
    return out; }"""


@pytest.mark.parametrize("viewport", [WIDE, LAPTOP], ids=["1440x1000", "1366x768"])
def test_country_names_lie_over_their_countries(browser, app_url: str, viewport: dict[str, int]) -> None:
    visit = Visit(browser, app_url, viewport)
    try:
        labels = visit.frame.locator("body").evaluate(LABELS)
        for lab in labels:
            assert lab["inside"], f"{lab['name']} is drawn outside its country: {lab}"
            assert lab["above"], f"{lab['name']} is hidden under the borders: {lab}"
        assert {"IQ", "SY"} <= {lab["iso2"] for lab in labels}, labels  # the seeds' countries are named
    finally:
        visit.close()


def _geojson_download_holds_the_view(page, n_features: int) -> None:
    """The GeoJSON button (made when clicked) gives the features the map shows."""
    _idle(page)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Download GeoJSON").click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == n_features
    assert "kinds" in data["khareeta"]["filters"]  # and how they were chosen


def _preview_and_gazetteer_maps(page, url: str, errors: list[str]) -> None:
    """The Add articles preview and the Gazetteer search draw their own small maps."""
    page.goto(f"{url}/add")
    page.get_by_label("Article text").fill((ROOT / "seeds" / "mosul-2015-11-19-ar.txt").read_text(encoding="utf-8"))
    page.get_by_role("button", name="Preview").click()
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".leaflet-container.kh-ready path.kh-movement").first.wait_for(state="attached", timeout=60_000)
    assert frame.locator("path.kh-movement").count() >= 1 and frame.locator("path.kh-route").count() >= 1
    assert page.locator(".kh-article mark.kh-m").count() >= 10
    page.goto(f"{url}/gazetteer")
    page.get_by_label("Search a name").fill("الموصل")
    page.get_by_label("Search a name").press("Enter")
    frame = page.frame_locator(MAP_FRAME).first  # the search's map; the names we lack have their own below
    frame.locator(".leaflet-container.kh-ready path.kh-place").first.wait_for(state="attached", timeout=60_000)
    if page.locator(MAP_FRAME).count() > 1:  # the seeds name villages the gazetteer lacks: their unit's map
        unit_map = page.frame_locator(MAP_FRAME).nth(1)
        unit_map.locator(".leaflet-container.kh-ready").wait_for(state="attached", timeout=60_000)
    assert not errors, errors


STOPS = """() => [...document.querySelectorAll('.kh-stop span')].map(s => {
    const r = s.getBoundingClientRect();
    return {name: s.textContent, cls: s.className, shown: r.width > 0 && r.height > 0}; })"""


def test_journeys_name_their_stops_and_an_event_says_what_who_when_on_hover(
    browser, app_url: str, browser_db: Path
) -> None:
    with Store.open(browser_db) as s:
        journeys = s.query(Filters(kinds=("movement",)))
    stops = {w.name or w.name_ar for r in journeys for w in r.waypoints}
    visit = Visit(browser, app_url, LAPTOP)
    page, frame = visit.page, visit.frame
    try:
        labels = frame.locator("body").evaluate(STOPS)
        points = {(round(w.lat, 4), round(w.lon, 4)) for r in journeys for w in r.waypoints}
        assert len(labels) == len(points)  # every stop of every journey, each place once
        assert {lab["name"] for lab in labels} == stops and all(lab["shown"] for lab in labels)
        roles = " ".join(lab["cls"] for lab in labels).split()
        assert {"kh-stop-start", "kh-stop-end"} <= set(roles)
        # a town a journey stops at is named once, by the journey, not also by the basemap
        towns = frame.locator("body").evaluate(
            "() => [...document.querySelectorAll('.kh-place span')].map(s => [+s.dataset.lat, +s.dataset.lon])"
        )
        assert towns, "the basemap names towns"
        assert not {(round(a, 2), round(o, 2)) for a, o in towns} & {(round(a, 2), round(o, 2)) for a, o in points}
        box = page.locator(MAP_FRAME).bounding_box()
        point = _point_on(frame, "path.kh-event")
        assert point, "no event marker outside a cluster to hover"
        page.mouse.move(box["x"] + point[0], box["y"] + point[1])
        tip = frame.locator(".leaflet-tooltip.kh-tip")
        tip.wait_for(timeout=10_000)
        lines = tip.inner_text().splitlines()
        with Store.open(browser_db) as s:
            types = {r.event_type for r in s.query(Filters(kinds=("event",)))}
        assert len(lines) == 3 and lines[0] in types, lines  # what
        assert lines[1] == "actor not named" or lines[1].strip(), lines  # who
        assert lines[2] == "undated" or lines[2][:4].isdigit(), lines  # when
        assert tip.locator("script, img").count() == 0  # names are text, never markup
        assert not visit.errors, visit.errors
    finally:
        visit.close()


# Every event marker of the map (clustered ones too), as Leaflet holds it: its precision class, its size on
# screen (radius and half the stroke) and how opaque its edge is. The events layer holds their cluster group.
MARKERS = """() => {
    const out = [];
    Object.values(window.map._layers).filter(l => l.khSpec && l.khSpec.part === 'events').forEach(g =>
        g.getLayers().flatMap(c => c.getLayers()).forEach(m => out.push({cls: m.options.className,
                                              px: 2 * m.options.radius + m.options.weight,
                                              edge: m.options.opacity, fill: m.options.fillOpacity})));
    return out; }"""


def _precision(marker: dict) -> int:
    return 2 if "kh-vague-2" in marker["cls"] else 3 if "kh-vague-3" in marker["cls"] else 1


def test_an_event_placed_at_a_district_or_province_is_a_halo_not_a_pin(browser, app_url: str, browser_db: Path) -> None:
    with Store.open(browser_db) as s:
        precision = sorted(r.geo_precision or 1 for r in s.query(Filters(kinds=("event",))))
    visit = Visit(browser, app_url, WIDE)
    try:
        markers = visit.frame.locator("body").evaluate(MARKERS)
        got = sorted(_precision(m) for m in markers)
        assert got == precision  # each event's precision drawn, the vague ones as halos
        by = {
            p: [m for m, q in zip(markers, (_precision(m) for m in markers), strict=True) if q == p] for p in (1, 2, 3)
        }
        pin, district = max(m["px"] for m in by[1]), max(m["px"] for m in by[2])
        assert pin < min(m["px"] for m in by[2]) and district < min(m["px"] for m in by[3])  # vaguer, wider
        assert all(m["edge"] < 0.3 and m["fill"] < 0.5 for m in by[2] + by[3])  # a soft edge, never a crisp pin
        assert all(m["edge"] == 1 for m in by[1])
        assert "soft halo" in visit.page.locator(".kh-side-legend").inner_text()
    finally:
        visit.close()


RINGS = """() => [...document.querySelectorAll('path.kh-held')].length"""
HELD = """() => Object.values(window.map._layers).filter(l => l.khRow && /kh-held/.test(l.options.className || ''))
    .map(l => [l.khRow[2], l.khRow[3], l.options.color])"""


def test_who_holds_what_rings_each_town_in_its_last_holders_colour(browser, app_url: str, browser_db: Path) -> None:
    from dashboard.control import holdings

    with Store.open(browser_db) as s:
        held = holdings(s.query(Filters(kinds=("event",))))
    visit = Visit(browser, app_url, LAPTOP)
    frame = visit.frame
    try:
        assert held and frame.locator("body").evaluate(RINGS) == len(held)
        rings = frame.locator("body").evaluate(HELD)
        assert sorted(rings) == sorted([h.place, h.holder, h.color] for h in held)
        assert "who holds what" in visit.page.locator(".kh-side-legend").inner_text().lower()
        # played back to the first day, fewer towns have changed hands yet
        frame.locator("body").evaluate("""() => { const r = document.querySelector('.kh-range');
            r.value = r.min; r.dispatchEvent(new Event('input')); }""")
        assert frame.locator("body").evaluate(RINGS) < len(held)
        frame.locator(".kh-all").click()
        assert frame.locator("body").evaluate(RINGS) == len(held)
        assert not visit.errors, visit.errors
    finally:
        visit.close()


POPUP_FILES = re.compile(r"/popups-[0-9a-f]+\.json(\.gz)?(\?|$)")  # a large one is gzipped


def test_a_popup_whose_file_is_gone_says_so_and_the_next_click_tries_again(browser, app_url: str) -> None:
    gone = {"on": True}

    def popups(route) -> None:  # the popups' files answered 404, as when a clean-up removed them
        if gone["on"]:
            route.fulfill(status=404, body="not found")
        else:
            route.continue_()

    visit = Visit(browser, app_url, WIDE, before=lambda page: page.route(POPUP_FILES, popups))
    page, frame = visit.page, visit.frame
    try:
        _click_feature(page, frame, ("path.kh-route", "path.kh-movement"))
        failed = frame.locator(".kh-popup-failed")
        failed.wait_for(timeout=10_000)
        assert "could not be loaded (map data 404)" in failed.inner_text()
        _idle(page)
        gone["on"] = False  # back: the next click on a feature fetches the file again and opens its popup
        _click_feature(page, frame, ("path.kh-route", "path.kh-movement"))
        frame.locator(".leaflet-popup-content .kh-popup").wait_for(timeout=10_000)
    finally:
        visit.close()


# The town names in view (khareeta.js: placeLabels): each one's text, its direction, its centre in the map's
# frame, whether it or its icon could take a pointer, and whether it is what a click there would reach.
# `towns` ([name, lat, lon] from the gazetteer): where Leaflet projects each, for the test to compare.
TOWN_NAMES = """(_body, towns) => {
    const view = window.map.getContainer().getBoundingClientRect();
    const shown = [...document.querySelectorAll('.kh-place span')].map(span => {
        const r = span.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
        return {text: span.textContent, dir: span.dir, x: x, y: y, seen: r.width > 0 && x > view.left + 20
                && x < view.right - 20 && y > view.top + 10 && y < view.bottom - 10,
                pointer: [getComputedStyle(span).pointerEvents, getComputedStyle(span.parentElement).pointerEvents],
                hit: [span, span.parentElement].includes(document.elementFromPoint(x, y))};
    }).filter(s => s.seen);
    const at = towns.map(([name, lat, lon]) => {
        const p = window.map.latLngToContainerPoint([lat, lon]);
        return [name, p.x + view.left, p.y + view.top];
    });
    return {shown: shown, at: at, zoom: window.map.getZoom(), names: window.map.getContainer().dataset.names,
            borders: window.map.getContainer().dataset.borders,
            regions: [...document.querySelectorAll('.kh-region span')].map(s => s.textContent),
            iraq: (document.querySelector('path.kh-land-IQ') || {getAttribute: () => ''}).getAttribute('d')}; }"""


def _town_names(frame, towns: list[list]) -> dict:
    frame.locator(".kh-place span").first.wait_for(state="attached", timeout=30_000)
    return frame.locator("body").evaluate(TOWN_NAMES, towns)


def _names_on_their_towns(got: dict, lang: str) -> list[str]:
    """The names in view, each checked to lie where the gazetteer puts a town of that name (within 3 px),
    to take no click, and to run right to left when it is Arabic."""
    at: dict[str, list[tuple[float, float]]] = {}
    for name, x, y in got["at"]:
        at.setdefault(name, []).append((x, y))
    placed = []
    for lab in got["shown"]:
        near = min((abs(lab["x"] - x) + abs(lab["y"] - y) for x, y in at.get(lab["text"], ())), default=None)
        assert near is not None and near <= 3, f"{lab['text']!r} is not on its town: {near} px away ({lang})"
        assert lab["pointer"] == ["none", "none"] and not lab["hit"], f"{lab['text']!r} takes clicks: {lab}"
        assert lab["dir"] == ("rtl" if any("\u0600" <= c <= "\u06ff" for c in lab["text"]) else "ltr"), lab
        placed.append(lab["text"])
    return placed


@pytest.mark.parametrize("viewport", [WIDE, LAPTOP], ids=["1440x1000", "1366x768"])
def test_town_names_lie_on_their_towns_in_english_or_arabic_and_take_no_click(
    browser, app_url: str, gaz: Gazetteer, viewport: dict[str, int]
) -> None:
    from dashboard import basemap, offline, place_labels

    rows = place_labels.label_rows(gaz, basemap.capitals())
    towns = [[r[4], r[0], r[1]] for r in rows["places"]] + [[r[5], r[0], r[1]] for r in rows["places"]]
    governorates = {r[3] for r in rows["regions"]}
    visit = Visit(browser, app_url, viewport)
    frame = visit.frame
    try:
        got = _town_names(frame, towns)
        assert got["names"] == "en"  # English by default
        english = _names_on_their_towns(got, "en")
        assert len(english) >= 3 and not any(lab["dir"] == "rtl" for lab in got["shown"]), english
        if 6 <= got["zoom"] <= 8:  # the governorates by name, at their zooms only
            assert got["regions"] and set(got["regions"]) <= governorates, got["regions"]
        # the 1:10m borders when `make assets` fetched world-atlas (many more vertices than countryinfo's)
        if offline.VENDOR_DIR.joinpath("world-atlas", "countries-10m.json").is_file():
            assert got["borders"] == basemap.SOURCE_10M
            assert got["iraq"].count("L") > 150, got["iraq"].count("L")

        frame.locator(".kh-lang-ar").click()  # "Names in Arabic / English"
        frame.locator(".leaflet-container[data-names=ar]").wait_for(timeout=5_000)
        arabic = _names_on_their_towns(_town_names(frame, towns), "ar")
        assert len(arabic) >= 3 and sum(any("\u0600" <= c <= "\u06ff" for c in t) for t in arabic) >= 3, arabic
        assert len(set(arabic) - set(english)) >= 3, (arabic, english)  # the names switched language
        frame.locator(".kh-lang-en").click()
        frame.locator(".leaflet-container[data-names=en]").wait_for(timeout=5_000)
        assert sorted(_names_on_their_towns(_town_names(frame, towns), "en")) == sorted(english)
        assert not visit.errors, visit.errors
    finally:
        visit.close()


# In whichever map frame has brought a feature into view: [its id, the id of the popup open there].
FOCUSED = """() => {
    for (const f of document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]')) {
        const doc = f.contentDocument, el = doc && doc.querySelector('.kh-ready[data-focused]');
        const popup = doc && doc.querySelector('.leaflet-popup-content .kh-popup');
        if (el && popup) { return [el.dataset.focused, popup.dataset.featureId]; }
    }
    return null; }"""


def test_a_row_chosen_in_the_table_is_brought_into_view_and_opened_on_the_map(browser, app_url: str) -> None:
    visit = Visit(browser, app_url, WIDE)
    page = visit.page
    try:
        table = page.locator('[data-testid="stDataFrame"]').first
        table.scroll_into_view_if_needed()
        box = table.bounding_box()
        page.mouse.click(box["x"] + 14, box["y"] + 35 + 3 * 35 + 17)  # the 4th row's selection cell
        _idle(page)
        # the map is drawn again (a new frame may stand beside the old one for a moment), then flies
        ref, opened = page.wait_for_function(FOCUSED, timeout=30_000, polling=100).json_value()
        assert opened == ref  # its popup open on the map
        page.locator(".kh-ref").first.wait_for(timeout=20_000)
        assert page.locator(".kh-ref").first.inner_text().strip() == f"ref {ref}"  # and beside it
        assert not visit.errors, visit.errors
    finally:
        visit.close()


# Every cluster on the map: the types of the events in it (by index) and the ring's colour segments.
CLUSTERS = """() => [...document.querySelectorAll('.kh-cluster div')].map(d => ({
    mix: d.dataset.mix.split(',').map(p => p.split(':').map(Number)),
    stops: new Set(d.style.background.match(/rgb\\([^)]*\\)|#[0-9a-f]{3,6}/gi) || []).size }))"""


def test_a_cluster_shows_the_mix_of_its_event_types(browser, app_url: str) -> None:
    visit = Visit(browser, app_url, WIDE)
    try:
        clusters = visit.frame.locator("body").evaluate(CLUSTERS)
        assert clusters, "the seeds' events cluster at the fitted view"
        for c in clusters:
            assert c["stops"] == len(c["mix"])  # a segment (a colour) per type in the cluster
            shares = [n for _t, n in c["mix"]]
            assert shares == sorted(shares, reverse=True)  # the most common first
        assert any(len(c["mix"]) > 1 for c in clusters)  # somewhere types are mixed, and it shows
    finally:
        visit.close()


@pytest.mark.parametrize("typed", ["ISIS", "داعش"])
def test_enter_in_the_actor_picker_picks_one_actor_whatever_name_is_typed(browser, app_url: str, typed: str) -> None:
    visit = Visit(browser, app_url, WIDE)
    page = visit.page
    try:
        picker = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Actors")
        box = picker.locator("input")
        box.click()
        box.fill(typed)
        box.press("Enter")
        page.wait_for_function("() => new URL(location.href).searchParams.getAll('actor').length > 0", timeout=30_000)
        _idle(page)
        assert page.evaluate("() => new URL(location.href).searchParams.getAll('actor')") == ["ISIS"]
    finally:
        visit.close()


# The map frame's state: a mark left on its window, its data's ready time, how many legends, layer
# controls and playback bars it holds, and the events the events layer holds.
FRAME_STATE = """() => ({mark: window.__khMark || null,
    ready: Number(document.querySelector('.leaflet-container').dataset.readyAt || 0),
    legends: document.querySelectorAll('.kh-legend').length,
    controls: document.querySelectorAll('.leaflet-control-layers').length,
    playbacks: document.querySelectorAll('.kh-playback').length,
    events: Object.values(window.map._layers).filter(l => l.khSpec && l.khSpec.part === 'events')
        .map(g => g.getLayers().flatMap(c => c.getLayers()).length)})"""


def test_a_filter_change_redraws_the_data_in_the_map_the_page_has(browser, app_url: str, browser_db: Path) -> None:
    """The map (its frame, borders and names) stays; only its data is replaced, with one legend, one layer
    control and one playback bar, whatever the number of changes."""
    with Store.open(browser_db) as s:
        isis = len(s.query(Filters(kinds=("event",), actors=("ISIS",))))
    visit = Visit(browser, app_url, WIDE)
    page, body = visit.page, visit.frame.locator("body")
    try:
        body.evaluate("() => { window.__khMark = 'kept'; }")
        before = body.evaluate(FRAME_STATE)
        picker = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Actors")
        box = picker.locator("input")
        box.click()
        box.fill("ISIS")
        box.press("Enter")
        visit.frame.locator("body").evaluate(
            "(b, t) => new Promise(ok => { const w = () => Number(document.querySelector('.leaflet-container')"
            ".dataset.readyAt) > t ? ok() : setTimeout(w, 50); w(); })",
            before["ready"],
        )
        after = body.evaluate(FRAME_STATE)
        assert after["mark"] == "kept"  # the same frame: not a new map
        assert after["events"] == [isis] and before["events"][0] > isis
        assert (after["legends"], after["controls"], after["playbacks"]) == (1, 1, before["playbacks"])
        assert not visit.errors, visit.errors
    finally:
        visit.close()


IN_VIEW = "In the map's view"


def test_only_what_the_map_shows_follows_the_view_in_the_browser(browser, app_url: str) -> None:
    """The toggle turned on after the map was built: the map (built again) reports its view, and the
    table follows a zoom."""
    visit = Visit(browser, app_url, WIDE)
    page = visit.page
    try:
        page.get_by_text("Only what the map shows").click()
        _idle(page)
        one_map = f"() => document.querySelectorAll('{MAP_FRAME}').length === 1"
        page.wait_for_function(one_map, timeout=60_000)  # the map built again (its old frame gone)
        frame = page.frame_locator(MAP_FRAME).last  # a later rerun may add a frame before the old one goes
        frame.locator(".leaflet-container.kh-ready").wait_for(timeout=60_000)
        frame.locator("body").evaluate("() => window.map.setView([36.34, 43.13], 10)")  # Mosul and around
        caption = page.wait_for_function(  # the view reported after the zoom: fewer than all
            """t => { const el = [...document.querySelectorAll('p')].find(p => p.innerText.startsWith(t));
                if (!el) return null; const n = el.innerText.match(/[\\d,]+/g).map(x => +x.replace(/,/g, ''));
                return n[0] < n[1] ? el.innerText : null; }""",
            arg=IN_VIEW,
            timeout=60_000,
            polling=250,
        ).json_value()
        shown = int(re.findall(r"[\d,]+", caption)[0].replace(",", ""))
        assert shown > 0, caption
        assert not visit.errors, visit.errors
    finally:
        visit.close()
