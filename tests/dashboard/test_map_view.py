"""dashboard/map_view.py: the map's reported view as a box, and the Map page limiting its counts, table and
downloads to it (AppTest) while the map keeps drawing everything the filters select."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard import map_view
from dashboard.map_view import MAP_KEY
from geodata.store.filters import Filters
from tests.dashboard.conftest import download, new_app
from tests.dashboard.test_app_map import counts, store_counts, table_refs
from tests.dashboard.test_app_timeline import store_ids


def _view(west: float, south: float, east: float, north: float) -> dict:
    return {"_southWest": {"lat": south, "lng": west}, "_northEast": {"lat": north, "lng": east}}


@pytest.mark.parametrize(
    ("reported", "box"),
    [
        (_view(38.0, 34.0, 44.5, 37.5), (38.0, 34.0, 44.5, 37.5)),
        (_view(-200.0, -95.0, 170.0, 95.0), None),  # wider than the world: limits nothing
        (_view(170.0, 10.0, 190.0, 20.0), (170.0, 10.0, 180.0, 20.0)),  # across the antimeridian: this side
        (None, None),
        ({"_southWest": {"lat": "x"}}, None),
        (_view(44.0, 34.0, 38.0, 37.0), None),  # west of its west: not a view
    ],
)
def test_a_reported_view_is_a_box_in_the_world(reported: object, box: tuple | None) -> None:
    assert map_view.view_box(reported) == box


def test_nothing_is_limited_while_the_toggle_is_off() -> None:
    reported = {MAP_KEY: {"bounds": _view(38.0, 34.0, 44.5, 37.5)}}
    assert map_view.in_view(Filters(), reported, MAP_KEY) is None
    on = {**reported, map_view.TOGGLE_KEY: True}
    assert map_view.in_view(Filters(actors=("ISIS",)), on, MAP_KEY) == Filters(
        actors=("ISIS",), bbox=(38.0, 34.0, 44.5, 37.5)
    )
    assert map_view.in_view(Filters(), {map_view.TOGGLE_KEY: True}, MAP_KEY) is None  # no view reported yet


def test_only_what_the_map_shows_limits_counts_table_and_downloads(app_db: Path, downloads: dict) -> None:
    at = new_app()
    everything = counts(at)
    box = (42.0, 35.0, 45.0, 37.0)  # northern Iraq: Mosul and around, not Syria
    at.session_state[map_view.map_key({map_view.TOGGLE_KEY: True})] = {"bounds": _view(*box)}  # as the map reports it
    at.toggle(key=map_view.TOGGLE_KEY).set_value(True).run()
    kinds = ("event", "movement", "route")
    expected = store_counts(app_db, kinds=kinds, bbox=box)
    assert {k: counts(at)[k] for k in expected} == expected
    assert 0 < sum(expected.values()) < sum(everything[k] for k in expected)
    assert table_refs(at) == store_ids(app_db, bbox=box)
    exported = json.loads(download(at, downloads, "GeoJSON"))
    assert {f["id"] for f in exported["features"]} == table_refs(at)
    assert exported["khareeta"]["filters"]["bbox"] == list(box)  # the file says which view it holds
    assert any("In the map's view" in c.value for c in at.caption)
    at.toggle(key=map_view.TOGGLE_KEY).set_value(False).run()
    assert counts(at) == everything


# --- the map first -----------------------------------------------------------------------------------------------


def test_panels_wait_until_the_map_reports_it_has_drawn() -> None:
    session: dict = {}
    assert map_view.panels_wait(session, {}) is True  # a session's first view: the map first
    assert map_view.panels_wait(session, {"last_object_clicked_popup": None}) is True
    assert map_view.panels_wait(session, {map_view.DRAWN: True}) is False  # the map said it has drawn
    assert map_view.panels_wait(session, {}) is False  # for the rest of the session, whatever it reports
    assert map_view.panels_wait({}, None) is True
    later: dict = {}
    map_view.show_panels(later)  # the button, should the map never report
    assert map_view.panels_wait(later, {}) is False


def test_a_new_session_draws_the_map_then_the_timeline_and_table(app_db: Path) -> None:
    at = new_app(map_drawn=False)
    assert counts(at)["Events"] > 0  # the counts above the map are there at once
    assert not at.dataframe and not at.get("vega_lite_chart") and not at.get("download_button")
    waiting = [c.value for c in at.caption if "follow once the map has drawn" in c.value]
    assert waiting, [c.value for c in at.caption]
    at.button(key="kh_show_panels").click().run()  # as the map's report does, or the button
    assert not at.exception, at.exception
    assert table_refs(at) and at.get("vega_lite_chart") and at.get("download_button")
    assert not [c for c in at.caption if "follow once the map has drawn" in c.value]
