"""Event types by colour and by shape, in the real browser: every event marker the map builds is drawn as
its type's shape (a circle, a diamond, a triangle...), the legend keys them the same way, and a halo (an
event placed at a district or a province) stays a soft circle."""

from __future__ import annotations

import pytest

from dashboard.palette import EVENT_SHAPES, SHAPE_CORNERS
from tests.dashboard.test_browser import (  # noqa: F401  (the module's fixtures: `browser`, `app_url`)
    WIDE,
    Visit,
    app_url,
    browser,
    browser_db,
)

pytestmark = pytest.mark.browser

# Each event marker the map built, drawn on its own for a moment (a cluster holds most of them off the
# map): [its type's name, whether it is a halo, the outline its path draws].
OUTLINES = """() => {
    const events = Object.values(window.map._layers).find(l => l.khSpec && l.khSpec.part === 'events');
    const types = events.khSpec.types, out = [];
    events.getLayers().flatMap(c => c.getLayers()).forEach(m => {
        const copy = new m.constructor(m.getLatLng(), m.options).addTo(window.map);
        out.push([types[m.khTip[2]][0], m.khTip[5] >= 2, copy._path.getAttribute('d')]);
        copy.remove();
    });
    return out; }"""


def _corners(outline: str) -> int:
    """How many corners a marker's outline has (0: a circle, drawn with arcs)."""
    return 0 if "a" in outline.lower() else outline.upper().count("L") + 1


def test_each_event_is_drawn_in_its_types_shape_and_the_legend_says_which(browser, app_url: str) -> None:  # noqa: F811
    visit = Visit(browser, app_url, WIDE)
    try:
        drawn = visit.frame.locator("body").evaluate(OUTLINES)
        assert len(drawn) > 50
        for name, halo, outline in drawn:
            shape = "circle" if halo else EVENT_SHAPES.get(name, "circle")
            assert _corners(outline) == len(SHAPE_CORNERS[shape]), (name, halo, outline)
        assert len({EVENT_SHAPES[name] for name, halo, _ in drawn if not halo}) >= 3  # more than one shape
        legend = visit.page.locator(".kh-side-legend")
        assert legend.locator("i.kh-shape").count() >= 3  # keyed by shape: circles and polygons
        assert legend.locator("i.kh-shape-circle").count() < legend.locator("i.kh-shape").count()
        assert legend.locator("i.kh-shape").first.bounding_box()["width"] > 8  # drawn, not stripped
        assert not visit.errors, visit.errors
    finally:
        visit.close()
