"""The whole view in the URL, in the real browser: the map writes its centre and zoom into the page's URL
as it is panned, a link with them opens the map there, and a link naming a feature opens it."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.serve import MAP_FRAME
from geodata.store import Store
from geodata.store.filters import Filters
from tests.dashboard.test_browser import (  # noqa: F401  (the module's fixtures: `browser`, `app_url`, `browser_db`)
    WIDE,
    Visit,
    _idle,
    app_url,
    browser,
    browser_db,
)

pytestmark = pytest.mark.browser

PARAMS = "() => Object.fromEntries(new URL(location.href).searchParams)"
VIEW_NOT = "v => new URL(location.href).searchParams.get('view') !== v"
MAP_VIEW = "() => { const c = window.map.getCenter(); return [c.lat, c.lng, window.map.getZoom()]; }"
MOSUL = (36.34, 43.13, 9)  # the view the analyst pans to: its centre to 0.01 degree (a view is kept to 1e-4)


def _rounded(view: str) -> tuple[float, float, float]:
    lat, lon, zoom = (float(v) for v in view.split(","))
    return round(lat, 2), round(lon, 2), zoom


def test_the_map_writes_its_view_into_the_url_and_a_link_opens_it_there(browser, app_url: str) -> None:  # noqa: F811
    visit = Visit(browser, app_url, WIDE)
    page, body = visit.page, visit.frame.locator("body")
    try:
        fitted = page.evaluate(PARAMS)["view"]  # the fitted view, written once the map had drawn
        assert len(fitted.split(",")) == 3
        body.evaluate("() => window.map.setView([36.34, 43.13], 9, {animate: false})")  # Mosul and around
        page.wait_for_function(VIEW_NOT, arg=fitted, timeout=10_000)
        assert _rounded(page.evaluate(PARAMS)["view"]) == MOSUL
        link = page.evaluate("() => location.href")
    finally:
        visit.close()
    opened = Visit(browser, link, WIDE)  # a colleague opens the link
    try:
        lat, lon, zoom = opened.frame.locator("body").evaluate(MAP_VIEW)
        assert (round(lat, 2), round(lon, 2), zoom) == MOSUL  # not fitted to the data: where the link said
        _idle(opened.page)
        assert _rounded(opened.page.evaluate(PARAMS)["view"]) == MOSUL
        assert not opened.errors, opened.errors
    finally:
        opened.close()


def test_a_link_naming_a_feature_opens_it_on_the_map_and_beside_it(
    browser,  # noqa: F811
    app_url: str,  # noqa: F811
    browser_db: Path,  # noqa: F811
) -> None:
    with Store.open(browser_db) as s:
        event = next(r for r in s.query(Filters(kinds=("event",))) if r.place.name == "Mosul")
    visit = Visit(browser, f"{app_url}/?f={event.feature_id}", WIDE)
    page = visit.page
    try:
        frame = page.frame_locator(MAP_FRAME)
        frame.locator(f'.leaflet-container[data-focused="{event.feature_id}"]').wait_for(timeout=30_000)
        frame.locator(".leaflet-popup-content").wait_for(timeout=10_000)  # its popup, open on the map
        page.locator(".kh-ref").wait_for(timeout=20_000)
        assert page.locator(".kh-ref").inner_text().strip() == f"ref {event.feature_id}"  # and beside it
        assert page.evaluate(PARAMS)["f"] == event.feature_id
        assert not visit.errors, visit.errors
    finally:
        visit.close()
