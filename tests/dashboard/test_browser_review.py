"""Reviewing in the real browser: an analyst signs in, corrects an event's location on the Map page by
choosing another gazetteer entry, and sees its marker move there; its popup then says who corrected it."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dashboard.serve import MAP_FRAME, running_app
from dashboard.users import add_user
from geodata.store import Store
from tests.dashboard.conftest import ROOT
from tests.dashboard.test_browser import (  # noqa: F401  (`browser`: the module's browser fixture)
    SCREENSHOT_ENV,
    SHOT,
    WIDE,
    Visit,
    _idle,
    browser,
)
from tests.geodata.store.reviewed import KIRKUK, TUZ, first_doc, first_records, ids, second_doc, second_records

pytestmark = pytest.mark.browser
TALL = {"width": 1440, "height": 2000}
PASSWORD = "tuz-khurmatu-2016"
EVENT = ids(first_records())["event"]

# Where each event marker is, by feature id (the marker keeps its row; the id is its 8th value).
EVENT_AT = """() => {
    const out = {};
    Object.values(window.map._layers).filter(l => l.khSpec && l.khSpec.part === 'events').forEach(g =>
        g.getLayers().flatMap(c => c.getLayers ? c.getLayers() : [c]).forEach(m => {
            if (m.khTip) { out[m.khTip[7]] = [m.getLatLng().lat, m.getLatLng().lng]; } }));
    return out; }"""


@pytest.fixture(scope="module")
def review_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two reports of one bombing, a journey and a road; the account amal beside them (users.yaml)."""
    folder = tmp_path_factory.mktemp("review")
    db = folder / "k.sqlite"
    with Store.open(db) as s:
        s.add_document(first_doc(), first_records())
        s.add_document(second_doc(), second_records())
    add_user("amal", PASSWORD, name="Amal K.", path=folder / "users.yaml")
    return db


@pytest.fixture(scope="module")
def review_app(review_db: Path, browser: object) -> Iterator[str]:  # noqa: F811
    with running_app(review_db, extra_env={"KHAREETA_USERS": str(review_db.parent / "users.yaml")}) as url:
        yield url


def _picture(what, name: str) -> None:
    """The page's view to bench/out/NAME; the README's too (dashboard/NAME) under `make screenshot`."""
    SHOT.parent.mkdir(parents=True, exist_ok=True)
    what.screenshot(path=str(SHOT.with_name(name)))
    if os.environ.get(SCREENSHOT_ENV):
        shutil.copy(SHOT.with_name(name), ROOT / "dashboard" / name)


# Where 35.0 N, 44.2 E is in the map's frame (north of Tuz Khurmatu: no feature there).
AIM = """() => { const p = window.map.latLngToContainerPoint([35.0, 44.2]);
    const r = window.map.getContainer().getBoundingClientRect(); return [p.x + r.left, p.y + r.top]; }"""
# Remember where the map was last clicked (what streamlit-folium reports as `last_clicked`).
CLICK_SEEN = "() => window.map.on('click', e => { window.__khClicked = e.latlng; })"


def _event_at(frame) -> dict[str, list[float]]:
    return frame.locator("body").evaluate(EVENT_AT)


def _sign_in(page) -> None:
    page.get_by_text("Sign in to review").click()
    page.get_by_role("textbox", name="Username").fill("amal")
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as").wait_for(timeout=30_000)
    _idle(page)


def test_an_analyst_moves_an_event_and_the_map_and_popup_follow(browser, review_app: str) -> None:  # noqa: F811
    visit = Visit(browser, review_app, WIDE)
    page, frame = visit.page, visit.frame
    try:
        assert [round(x, 3) for x in _event_at(frame)[EVENT]] == [round(TUZ.lat, 3), round(TUZ.lon, 3)]
        _sign_in(page)
        table = page.locator('[data-testid="stDataFrame"]').first
        table.scroll_into_view_if_needed()
        box = table.bounding_box()
        page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)  # the first row's selection cell: the event
        _idle(page)
        page.get_by_text("Correct", exact=True).click()
        search = page.get_by_label("Search the gazetteer for the place")
        search.fill("Kirkuk")
        search.press("Enter")
        _idle(page)
        page.locator('[data-testid="stRadio"] label').filter(has_text="Kirkuk (city").first.click()
        save = page.get_by_role("button", name="Save the correction")
        page.set_viewport_size(TALL)  # the map, the card and the whole form in one picture
        page.get_by_text("Selected", exact=True).scroll_into_view_if_needed()
        _picture(page, "review-form.png")  # the new place chosen, not saved yet
        page.set_viewport_size(WIDE)
        save.click()
        _idle(page)
        moved = page.wait_for_function(
            f"""() => {{ for (const f of document.querySelectorAll('{MAP_FRAME}')) {{
                const w = f.contentWindow; if (!w || !w.map) continue;
                const at = ({EVENT_AT.replace("window.map", "w.map")})();
                if (at['{EVENT}'] && Math.abs(at['{EVENT}'][0] - {KIRKUK.lat}) < 0.01) return at['{EVENT}']; }}
                return null; }}""",
            timeout=60_000,
            polling=200,
        ).json_value()
        assert abs(moved[1] - KIRKUK.lon) < 0.01  # the marker is at Kirkuk now
        frame = page.frame_locator(MAP_FRAME)
        page.locator(MAP_FRAME).scroll_into_view_if_needed()
        frame.locator("body").evaluate("() => window.map.closePopup()")  # the row chosen opened its popup: shut
        point = frame.locator("body").evaluate(
            f"""() => {{ const p = window.map.latLngToContainerPoint([{moved[0]}, {moved[1]}]);
                 const r = window.map.getContainer().getBoundingClientRect(); return [p.x + r.left, p.y + r.top]; }}"""
        )
        frame_box = page.locator(MAP_FRAME).bounding_box()
        page.mouse.click(frame_box["x"] + point[0], frame_box["y"] + point[1])
        review = frame.locator(".leaflet-popup-content .kh-review")
        review.wait_for(timeout=20_000)
        assert review.inner_text().startswith("Corrected by amal")
        assert not visit.errors, visit.errors
        _picture(page, "review.png")
    finally:
        visit.close()


def _stored(db: Path, feature_id: str, done: Callable[[Any], bool], timeout: float = 30.0) -> Any:
    """The feature as the store holds it once `done` says the app's rerun has written it (the click that
    saves starts a rerun the page may not show running yet), or as it is after `timeout` seconds."""
    end = time.monotonic() + timeout
    while True:
        with Store.open(db) as s:
            r = s.feature(feature_id)
        if done(r) or time.monotonic() > end:
            return r
        time.sleep(0.2)


def test_an_analyst_picks_the_place_on_the_map(browser, review_app: str, review_db: Path) -> None:  # noqa: F811
    """The other report of the bombing, moved to a point clicked on the map (no gazetteer entry)."""
    other = ids(second_records())["event"]
    visit = Visit(browser, review_app, WIDE)
    page, frame = visit.page, visit.frame
    try:
        _sign_in(page)
        table = page.locator('[data-testid="stDataFrame"]').first
        table.scroll_into_view_if_needed()
        box = table.bounding_box()
        page.mouse.click(box["x"] + 14, box["y"] + 35 + 35 + 17)  # the second row: the other report
        _idle(page)
        page.get_by_text("Correct", exact=True).click()
        _idle(page)
        page.evaluate(f"() => document.querySelectorAll('{MAP_FRAME}').forEach(f => f.dataset.old = '1')")
        page.get_by_text("Pick the place on the map").click()
        _idle(page)
        rebuilt = f"""() => {{ const fs = [...document.querySelectorAll('{MAP_FRAME}')];
            return fs.length === 1 && !fs[0].dataset.old; }}"""
        page.wait_for_function(rebuilt, timeout=60_000)  # the map built again (a new frame), to report clicks
        frame = page.frame_locator(MAP_FRAME)
        frame.locator(".leaflet-container.kh-ready").wait_for(timeout=60_000)
        page.locator(MAP_FRAME).scroll_into_view_if_needed()
        page.wait_for_timeout(1_500)  # the map's flight to the chosen row is over
        frame.locator("body").evaluate(CLICK_SEEN)
        option = page.locator('[data-testid="stRadio"] label').filter(has_text="a point on the map")
        for _ in range(3):  # a click while the map was still settling is not reported: click again
            frame.locator("body").evaluate(
                "() => { window.map.closePopup(); window.map.setView([35.0, 44.2], 9, {animate: false}); }"
            )
            point = frame.locator("body").evaluate(AIM)
            frame_box = page.locator(MAP_FRAME).bounding_box()
            page.mouse.click(frame_box["x"] + point[0], frame_box["y"] + point[1])  # an empty spot: no feature
            _idle(page)
            try:
                option.first.wait_for(timeout=10_000)
                break
            except PlaywrightTimeout:
                continue
        clicked = frame.locator("body").evaluate("() => window.__khClicked")  # where the map says it was clicked
        option.first.click()
        page.get_by_role("button", name="Save the correction").click()
        _idle(page)
        r = _stored(review_db, other, lambda r: getattr(r, "review", None) is not None)
        assert r is not None and abs(r.place.lat - clicked["lat"]) < 1e-4 and abs(r.place.lon - clicked["lng"]) < 1e-4
        assert abs(clicked["lat"] - 35.0) < 0.5 and abs(clicked["lng"] - 44.2) < 0.5  # about where it was aimed
        assert r.place.gazetteer_id == "" and r.review is not None and r.review.status == "corrected"
        assert not visit.errors, visit.errors
    finally:
        visit.close()
