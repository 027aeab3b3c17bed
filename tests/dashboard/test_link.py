"""The map's view and the chosen feature in the URL (`dashboard.link`): read once per session, kept while the
filters are the link's, written back when the choice changes."""

from __future__ import annotations

import pytest

from dashboard import link, selection
from dashboard.layers import data_group
from geodata.store.filters import Filters


@pytest.mark.parametrize(
    ("value", "view"),
    [
        ("36.34,43.13,9", (36.34, 43.13, 9.0)),
        ("-33.5,151.2,4.5", (-33.5, 151.2, 4.5)),
        (" 36.34, 43.13 ,9", (36.34, 43.13, 9.0)),
        ("36.34,43.13", None),  # no zoom
        ("36.34,43.13,9,1", None),
        ("91,43,9", None),  # out of range
        ("36,181,9", None),
        ("36,43,21", None),
        ("36,43,-1", None),
        ("nan,43,9", None),
        ("36,inf,9", None),
        ("Mosul", None),
        ("", None),
        (None, None),
        (["36,43,9"], None),
    ],
)
def test_a_view_is_three_numbers_in_range(value: object, view: tuple[float, float, float] | None) -> None:
    assert link.parse_view(value) == view


def test_the_view_the_map_writes_is_read_back() -> None:
    """khareeta.js writes `lat.toFixed(4),lng.toFixed(4),zoom` (a fractional zoom to 2 decimals)."""
    assert link.parse_view("36.3395,43.1310,9") == (36.3395, 43.131, 9.0)
    assert link.parse_view("-0.0001,-179.9999,0.25") == (-0.0001, -179.9999, 0.25)


def test_a_link_is_read_once_per_session() -> None:
    session: dict[str, object] = {}
    link.read_link(session, {"view": "36.34,43.13,9", "f": "evt-1"})
    assert selection.chosen(session, None, None) == ("evt-1", "link")
    assert selection.focus(session, None) == "evt-1"  # brought into view and opened on the map
    link.read_link(session, {"view": "30,40,5", "f": "evt-2"})  # the URL as the map and the page rewrote it
    assert selection.chosen(session, None, None) == ("evt-1", "link")
    assert link.link_view(session, Filters()) == (36.34, 43.13, 9.0)


def test_the_links_view_holds_while_the_filters_are_the_links() -> None:
    session: dict[str, object] = {}
    link.read_link(session, {"view": "36.34,43.13,9"})
    first = Filters(actors=("ISIS",))
    assert link.link_view(session, first) == (36.34, 43.13, 9.0)
    assert link.link_view(session, Filters(actors=("ISIS",))) == (36.34, 43.13, 9.0)  # a rerun, same filters
    assert link.link_view(session, Filters(actors=("SDF",))) is None  # changed: the map fits what it draws
    assert link.link_view(session, first) is None  # and keeps doing so


def test_no_view_and_a_bad_view_leave_the_map_to_fit_its_data() -> None:
    for params in ({}, {"view": "somewhere"}, {"f": " "}):
        session: dict[str, object] = {}
        link.read_link(session, params)
        assert link.link_view(session, Filters()) is None
        assert selection.chosen(session, None, None) == (None, "")


def test_the_chosen_feature_is_written_only_when_it_changes() -> None:
    class Params(dict):
        writes = 0

        def __setitem__(self, key: str, value: object) -> None:
            Params.writes += 1
            super().__setitem__(key, value)

    params = Params({"actor": "ISIS"})
    link.sync_feature(params, "evt-1")
    link.sync_feature(params, "evt-1")
    assert params == {"actor": "ISIS", "f": "evt-1"} and Params.writes == 1
    link.sync_feature(params, None)
    assert params == {"actor": "ISIS"}
    link.sync_feature(params, None)


def test_the_map_is_told_the_links_view_and_to_write_its_own() -> None:
    import folium

    payload = {"events": [], "movements": [], "routes": [], "places": [], "docs": [], "names": [], "types": []}
    payload |= {"n": dict.fromkeys(("events", "movements", "routes", "places"), 0), "actors": [], "bounds": None}
    payload |= {"span": None, "held": []}
    m = folium.Map()
    data_group(m, payload, view=(36.34, 43.13, 9.0), link=True).add_to(m)
    html = m.get_root().render()
    assert '"view":{"center":[36.34,43.13],"zoom":9.0},"link":true' in html
    m = folium.Map()
    data_group(m, payload).add_to(m)
    html = m.get_root().render()
    assert '"view":null,"link":false' in html
