"""The timeline in the real browser: an analyst drags a range on the weekly chart below the map, and the
map, the counts and the URL follow it; at a laptop's 1366x768 as on a wide screen. Under `make screenshot`
it also takes the README's picture of the map over the brushed timeline (`dashboard/timeline.png`)."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from dashboard import payload
from geodata.store import Store
from geodata.store.filters import Filters
from tests.dashboard.test_browser import (  # noqa: F401  (the module's fixtures: `browser`, `app_url`, `browser_db`)
    FRAME_STATE,
    LAPTOP,
    WIDE,
    Visit,
    _idle,
    app_url,
    browser,
    browser_db,
)
from tests.dashboard.test_browser_review import _picture

pytestmark = pytest.mark.browser

CHART = ".vega-embed"
# The chart's plot: the box of its bars' group (Vega's "mark-rect" role), in the page's coordinates.
PLOT = """() => { const chart = document.querySelector('.vega-embed');
    const r = chart.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; }"""
URL_RANGE = "() => { const q = new URL(location.href).searchParams; return [q.get('t0'), q.get('t1')]; }"
IN_URL = "() => { const q = new URL(location.href).searchParams; return !!(q.get('t0') && q.get('t1')); }"


def _events_metric(page) -> int:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Events").first
    return int(metric.locator('[data-testid="stMetricValue"]').inner_text().replace(",", ""))


def _brush(page, start: float, end: float) -> None:
    """Drag across the chart from `start` to `end` (fractions of its width), halfway down its bars."""
    left, top, width, height = page.evaluate(PLOT)
    y = top + height * 0.6
    page.mouse.move(left + width * start, y)
    page.mouse.down()
    page.mouse.move(left + width * end, y, steps=12)
    page.mouse.up()


@pytest.mark.parametrize("viewport", [WIDE, LAPTOP], ids=["1440x1000", "1366x768"])
def test_a_range_brushed_on_the_timeline_narrows_the_map_the_counts_and_the_url(
    browser,  # noqa: F811
    app_url: str,  # noqa: F811
    browser_db: Path,  # noqa: F811
    viewport: dict[str, int],
) -> None:
    visit = Visit(browser, app_url, viewport)
    page, body = visit.page, visit.frame.locator("body")
    try:
        chart = page.locator(CHART).first  # the weeks (the strip of date ranges is under it)
        chart.wait_for(timeout=60_000)  # below the map: drawn once the map has (`dashboard.map_view`)
        chart.scroll_into_view_if_needed()
        _idle(page)
        before = body.evaluate(FRAME_STATE)
        shown = _events_metric(page)
        assert before["events"] == [shown] and shown > 0
        _brush(page, 0.35, 0.6)
        page.wait_for_function(IN_URL, timeout=30_000)  # the brushed weeks, kept in the URL
        t0, t1 = (date.fromisoformat(d) for d in page.evaluate(URL_RANGE))
        body.evaluate(  # the map redrawn with the brushed range
            "(b, t) => new Promise(ok => { const w = () => Number(document.querySelector('.leaflet-container')"
            ".dataset.readyAt) > t ? ok() : setTimeout(w, 50); w(); })",
            before["ready"],
        )
        _idle(page)
        with Store.open(browser_db) as s:
            inside = len(s.query(Filters(kinds=("event",), date_from=t0, date_to=t1)))
        after = body.evaluate(FRAME_STATE)
        assert 0 < inside < shown  # a part of the events, not all, not none
        assert after["events"] == [inside]  # the map draws exactly the brushed range's events
        assert _events_metric(page) == inside  # and the counts say so
        assert after["mark"] == before["mark"] and after["playbacks"] == 1  # the same map, its data redrawn
        assert not visit.errors, visit.errors
        if viewport == WIDE:  # the README's picture: the map (who holds what ringed) over the brushed timeline
            page.set_viewport_size({"width": WIDE["width"], "height": 1320})
            page.evaluate("() => document.querySelector('[data-testid=\"stMetric\"]').scrollIntoView({block: 'start'})")
            _idle(page)
            time.sleep(0.8)  # the map fitted to its new height
            _picture(page, "timeline.png")
    finally:
        visit.close()


# The ids of the events the map draws now (clustered or not).
DRAWN_EVENTS = """() => Object.values(window.map._layers).filter(l => l.khSpec && l.khSpec.part === 'events')
    .flatMap(g => g.getLayers().flatMap(c => c.getLayers ? c.getLayers() : [c])).map(m => m.khTip[7])"""
# Count the playback's ticks (each sets the day it shows on its bar).
COUNT_TICKS = """() => { window.__ticks = 0; new MutationObserver(() => { window.__ticks += 1; })
    .observe(document.querySelector('.kh-playback'), {attributes: true, attributeFilter: ['data-day']}); }"""
CHOOSE = """(_body, [sel, value]) => { const s = document.querySelector(sel); s.value = value;
    s.dispatchEvent(new Event('change')); }"""
SLIDE_TO = """(_body, day) => { const r = document.querySelector('.kh-range'); r.value = day;
    r.dispatchEvent(new Event('input')); }"""


def test_the_playback_slides_a_window_and_plays_at_the_speed_chosen(
    browser,  # noqa: F811
    app_url: str,  # noqa: F811
    browser_db: Path,  # noqa: F811
) -> None:
    with Store.open(browser_db) as s:  # the rows the map draws (the sidebar's default: no places)
        rows = payload.map_payload(s.query(Filters(kinds=("event", "movement", "route"))))["events"]
    dated = sorted(r[3] for r in rows if r[3] is not None)
    day = dated[len(dated) // 2]

    def within(first: int, last: int) -> set[str]:  # overlapping [first, last]
        return {
            r[7] for r in rows if r[3] is not None and r[3] <= last and (r[4] if r[4] is not None else r[3]) >= first
        }

    visit = Visit(browser, app_url, WIDE)
    body = visit.frame.locator("body")
    try:
        body.evaluate(SLIDE_TO, day)
        growing = set(body.evaluate(DRAWN_EVENTS))
        assert growing == within(-(10**6), day)  # everything up to the day
        body.evaluate(CHOOSE, [".kh-window", "7"])  # a week sliding with the day
        week = body.evaluate(DRAWN_EVENTS)
        assert len(week) == len(set(week)) and set(week) == within(day - 6, day)
        assert 0 < len(week) < len(growing)
        assert "\u2013" in visit.frame.locator(".kh-when").inner_text()  # "first day – last day"
        body.evaluate(CHOOSE, [".kh-window", "91"])
        assert set(body.evaluate(DRAWN_EVENTS)) == within(day - 90, day)

        body.evaluate(CHOOSE, [".kh-window", "0"])
        body.evaluate(SLIDE_TO, dated[0])
        body.evaluate(COUNT_TICKS)
        body.evaluate(CHOOSE, [".kh-speed", "800"])  # half speed: a tick every 0.8 s
        visit.frame.locator(".kh-play").click()
        time.sleep(1.0)
        slow = body.evaluate("() => window.__ticks")
        body.evaluate(CHOOSE, [".kh-speed", "100"])  # four times: every 0.1 s, from the next tick on
        time.sleep(2.0)
        fast = body.evaluate("() => window.__ticks") - slow
        assert slow <= 2 and fast >= 5, (slow, fast)
        visit.frame.locator(".kh-all").click()
        assert set(body.evaluate(DRAWN_EVENTS)) == {r[7] for r in rows}  # every date again
        assert not visit.errors, visit.errors
    finally:
        visit.close()


ROUTES_DRAWN = """() => [...new Set(Object.values(window.map._layers)
    .find(l => l.khSpec && l.khSpec.part === 'routes').getLayers().map(l => l.khRow.i))]"""


def _held_on(rows: list[dict], day: int) -> set[str]:
    """Of each road, the record last dated up to `day` (undated: earlier than any dated one; a tie: the later)."""
    last: dict[str, tuple[float, str]] = {}
    for r in rows:
        t = r["t"][0] if r["t"][0] is not None else float("-inf")
        if t <= day and (r["r"] not in last or t >= last[r["r"]][0]):
            last[r["r"]] = (t, r["i"])
    return {i for _t, i in last.values()}


def test_the_playback_shows_each_road_as_held_on_its_day(
    browser,  # noqa: F811
    app_url: str,  # noqa: F811
    browser_db: Path,  # noqa: F811
) -> None:
    with Store.open(browser_db) as s:
        rows = payload.map_payload(s.query(Filters(kinds=("event", "movement", "route"))))["routes"]
    roads = {r["r"] for r in rows}
    assert len(roads) < len(rows)  # some roads are told of more than once
    days = sorted({r["t"][0] for r in rows if r["t"][0] is not None})
    visit = Visit(browser, app_url, WIDE)
    body = visit.frame.locator("body")
    try:
        assert sorted(body.evaluate(ROUTES_DRAWN)) == sorted(r["i"] for r in rows)  # all dates: every record
        for day in (days[0], days[len(days) // 2], days[-1]):
            body.evaluate(SLIDE_TO, day)
            drawn = body.evaluate(ROUTES_DRAWN)
            assert set(drawn) == _held_on(rows, day) and len(drawn) <= len(roads)
        body.evaluate(CHOOSE, [".kh-window", "7"])  # a window: roads as held at its end, the day
        assert set(body.evaluate(ROUTES_DRAWN)) == _held_on(rows, days[-1])
        assert not visit.errors, visit.errors
    finally:
        visit.close()
