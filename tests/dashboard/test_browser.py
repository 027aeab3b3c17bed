"""The real thing: the app on the seeds in headless Debian Chromium, with every request
that leaves this machine refused. The map must draw (events, a movement with its arrows,
routes, country borders), a click must show the evidence sentence, and no article text may
run as script. Saves bench/out/screenshot.png and dashboard/screenshot.png."""

from __future__ import annotations

import json
import os
import shutil
import time
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
SHOT = ROOT / "bench" / "out" / "screenshot.png"
README_SHOT = ROOT / "dashboard" / "screenshot.png"


def chromium() -> str:
    path = find_chromium()
    if path:
        return path
    msg = "headless Chromium is not installed: run `make browser` (as root it installs Debian's chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(msg + "; CI must run the browser test.")
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


def test_map_draws_offline_and_a_click_shows_the_evidence(browser_db: Path) -> None:
    from playwright.sync_api import sync_playwright

    executable = chromium()
    with Store.open(browser_db) as s:
        by_id = {r.feature_id: r for r in s.query(Filters(kinds=("event", "movement", "route")))}
    outside: list[str] = []

    def only_local(route) -> None:
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:", "about:")) or host in LOCAL:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with running_app(browser_db) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.route("**/*", only_local)
            t0 = time.perf_counter()
            page.goto(url)
            frame = page.frame_locator(MAP_FRAME)
            frame.locator(".leaflet-container.kh-ready").wait_for(timeout=60_000)
            drawn = time.perf_counter() - t0

            # everything the map needs came from the app; only map tiles were asked of the internet
            assert all(urlparse(u).hostname == "tile.openstreetmap.org" for u in outside), outside
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
            SHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOT))
            shutil.copy(SHOT, README_SHOT)

            # untrusted text never runs: build every popup, then look for the payloads' effects
            assert _open_every_popup(frame) > 50
            time.sleep(0.5)
            xss = "() => [window.__xss || null, document.querySelectorAll('.kh-popup img, .kh-popup script').length]"
            assert frame.locator("body").evaluate(xss) == [None, 0]
            assert page.evaluate("() => window.__xss || null") is None
            assert not errors, errors
            print(f"map drawn {drawn:.2f} s after navigation")
            _geojson_download_holds_the_view(page, len(by_id))
            _preview_and_gazetteer_maps(page, url, errors)
        finally:
            browser.close()


def _geojson_download_holds_the_view(page, n_features: int) -> None:
    """The GeoJSON button (made when clicked) gives the features the map shows."""
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Download GeoJSON").click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == n_features


def _preview_and_gazetteer_maps(page, url: str, errors: list[str]) -> None:
    """The Add articles preview and the Gazetteer search draw their own small maps."""
    page.goto(f"{url}/add")
    page.get_by_label("Article text").fill((ROOT / "seeds" / "mosul-2015-11-19-ar.txt").read_text(encoding="utf-8"))
    page.get_by_role("button", name="Preview").click()
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".leaflet-container.kh-ready").wait_for(state="attached", timeout=60_000)
    assert frame.locator("path.kh-movement").count() >= 1 and frame.locator("path.kh-route").count() >= 1
    assert page.locator(".kh-article mark.kh-m").count() >= 10
    page.goto(f"{url}/gazetteer")
    page.get_by_label("Search a name").fill("الموصل")
    page.get_by_label("Search a name").press("Enter")
    frame = page.frame_locator(MAP_FRAME).first  # the search's map; the names we lack have their own below
    frame.locator(".leaflet-container.kh-ready").wait_for(state="attached", timeout=60_000)
    assert frame.locator("path.kh-place").count() >= 1
    if page.locator(MAP_FRAME).count() > 1:  # the seeds name villages the gazetteer lacks: their unit's map
        unit_map = page.frame_locator(MAP_FRAME).nth(1)
        unit_map.locator(".leaflet-container.kh-ready").wait_for(state="attached", timeout=60_000)
    assert not errors, errors
