"""The map's payload is a pure function of the records: rows in lat/lon order, each with its
feature's id (how a click finds its record), popups in files, bounds that fit the bulk of the data,
and no way for article text to become markup."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from dashboard import layers, payload
from dashboard.bitmaps import bits_positions, pick_bits
from dashboard.markup import DocMeta
from geodata.formats.geojson import feature_to_record
from geodata.gazetteer import Gazetteer
from geodata.records import ActorRef, EventRecord, MovementRecord, PlaceRecord, Record, RouteRecord
from geodata.store import Store
from tests.dashboard.factories import MOSUL, RAQQA, sentence

XSS_IMG = '<img src=x onerror="window.__xss=1">'
XSS_SCRIPT = "</script><script>window.__xss=2</script>"


@pytest.fixture(scope="module")
def seeds(seeded_db_file: Path) -> tuple[list[Record], dict[str, DocMeta]]:
    with Store.open(seeded_db_file) as s:
        records = s.query()
        docs = {d.doc_id: DocMeta(d.title, d.source, d.date, d.name) for d in s.documents()}
    return records, docs


def test_payload_of_the_seeds_has_every_kind_in_lat_lon_order(seeds) -> None:
    records, docs = seeds
    p = payload.map_payload(records, docs=docs)
    n = {k: sum(r.kind == k for r in records) for k in payload.KIND_ORDER}
    assert [len(p[k + "s"]) for k in payload.KIND_ORDER] == [n[k] for k in payload.KIND_ORDER]
    (s, w), (north, e) = p["bounds"]
    assert 29 < s < north < 42 and 28 < w < e < 48  # latitudes, then longitudes; places named in passing
    #                                                 (Paris, the United States) do not stretch the view
    lat, lon = p["events"][0][:2]
    assert 29 < lat < 42 and 35 < lon < 48
    movement = next(m for m in p["movements"] if len(m["c"]) >= 3)
    assert all(29 < lat < 42 for lat, _ in movement["c"])
    assert p["span"][0] < p["span"][1]
    assert len(p["docs"]) == len({r.doc for r in records})


def test_movement_vertices_keep_the_travel_order(seeds) -> None:
    records, _docs = seeds
    mv = next(r for r in records if isinstance(r, MovementRecord) and len(r.waypoints) == 4)
    [row] = payload.map_payload([mv])["movements"]
    assert row["c"] == [[round(p.lat, 5), round(p.lon, 5)] for p in mv.waypoints]


def test_every_row_carries_its_features_id_also_when_the_popups_are_in_pages(seeds) -> None:
    records, docs = seeds
    p = payload.map_payload(records, docs=docs)
    ids = {part: [r.feature_id for r in records if r.kind + "s" == part] for part in payload.ROW_PARTS}
    assert [r[7] for r in p["events"]] == ids["events"]
    assert [r[3] for r in p["places"]] == ids["places"]
    assert [r["i"] for r in p["movements"]] == ids["movements"]
    assert [r["i"] for r in p["routes"]] == ids["routes"]
    numbers, _pages = payload.popup_pages(records)
    rows = payload.rows_of(payload.map_payload(records, docs=docs, popups=numbers))
    assert [r[7] for r in rows["events"]] == ids["events"] and [r[3] for r in rows["places"]] == ids["places"]
    assert [r["i"] for r in rows["movements"]] == ids["movements"]
    assert all(f"ref {r[7]}" in r[-1] for r in p["events"])  # the popup still shows its ref line


def test_a_click_reports_an_id_and_the_record_is_looked_up_by_it(seeds) -> None:
    records, _docs = seeds
    by_id = {r.feature_id: r for r in records}
    route = next(r for r in records if isinstance(r, RouteRecord))
    # streamlit-folium's `last_object_clicked_popup` is the popup element's innerText: the id itself
    assert payload.clicked_record(route.feature_id, by_id) is route
    assert payload.clicked_record(f" {route.feature_id}\n", by_id) is route
    assert payload.clicked_record("no-such-id", by_id) is None  # say, filtered out since the click
    assert payload.clicked_record(None, by_id) is None
    assert payload.clicked_record({"id": route.feature_id}, by_id) is None


def hostile(attack: str) -> list[Record]:
    text = f"In Mosul {attack}."
    return [
        EventRecord(
            feature_id="d1-1",
            **sentence(text),
            event_type=attack,
            place=replace(MOSUL, name=attack),
            actor1=ActorRef(attack, family=attack),
        ),
        MovementRecord(
            feature_id="d1-2",
            **sentence(attack),
            waypoints=(replace(RAQQA, name=attack), MOSUL),
            actor=ActorRef(attack),
        ),
        RouteRecord(
            feature_id="d1-3",
            **sentence(attack),
            name=attack,
            via=(replace(RAQQA, name=attack), MOSUL),
            controlled_by=ActorRef(attack),
            status=attack,
        ),
        PlaceRecord(
            feature_id="d1-4", **sentence(attack), place=replace(MOSUL, name=attack, name_ar=attack), surface=attack
        ),
    ]


@pytest.mark.parametrize("attack", [XSS_IMG, XSS_SCRIPT, "javascript:alert(1)"])
def test_untrusted_text_is_escaped_in_every_layer_and_the_legend(attack: str) -> None:
    p = payload.map_payload(hostile(attack), docs={"d1": DocMeta(title=attack, source=attack, date="2016-01-01")})
    popups = (
        [r[-1] for r in p["events"]]
        + [r["p"] for r in p["movements"]]
        + [r["p"] for r in p["routes"]]
        + [r[-1] for r in p["places"]]
        + p["docs"]
    )
    for html in [*popups, payload.legend_html(p)]:
        assert "<script" not in html and "<img" not in html and "href" not in html, html
    rendered = layers.build_map(p).get_root().render()
    assert "<img" not in rendered and "<script>window" not in rendered  # present only as escaped data
    assert rendered.count("<script") == rendered.count("</script>")


def test_hostile_ids_are_data_never_markup() -> None:
    [event, *_] = hostile("x")
    p = payload.map_payload([replace(event, feature_id=XSS_SCRIPT)])
    assert p["events"][0][7] == XSS_SCRIPT  # the id, as data: JSON-escaped in the page, a DOM property in JS
    assert "<script" not in p["events"][0][-1]
    assert "<script>window" not in layers.build_map(p).get_root().render()


def test_records_read_back_from_geojson_draw_like_the_stored_ones(seeds) -> None:
    records, _docs = seeds
    route = next(r for r in records if isinstance(r, RouteRecord) and r.controlled_by)
    feature = {
        "type": "Feature",
        "id": "imported-1",
        "geometry": {"type": "LineString", "coordinates": [[p.lon, p.lat] for p in route.via]},
        "properties": {
            "kind": "route",
            "id": "imported-1",
            "name": route.name,
            "via": [p.name for p in route.via],
            "status": "cut",
        },
    }
    [row] = payload.map_payload([feature_to_record(feature)])["routes"]
    assert row["i"] == "imported-1" and row["x"] and len(row["c"]) == len(route.via)


def test_popups_are_made_once_in_pages_of_a_thousand_and_rows_point_at_them(seeds) -> None:
    """The pages hold every stored feature's popup; a map of some of them (say, one actor's) points each
    row at its popup's number there, so a filter change makes no popup at all."""
    records, docs = seeds
    many = [replace(records[0], feature_id=f"x-{i}") for i in range(2500)]
    everything = [*many, *records]
    numbers, pages = payload.popup_pages(everything)
    assert [len(c) for c in pages][:2] == [1000, 1000] and sum(map(len, pages)) == len(everything)
    inline = payload.map_payload(everything, docs=docs)
    some = everything[1500:]  # what a filter kept
    rows = payload.rows_of(payload.map_payload(some, docs=docs, popups=numbers))
    flat = [h for c in pages for h in c]
    for part in payload.ROW_PARTS:
        popup = [r[-1] if isinstance(r, list) else r["p"] for r in rows[part]]
        assert all(isinstance(n, int) for n in popup)  # numbers, no HTML in the rows
        ids = [r[7] if part == "events" else r[3] if part == "places" else r["i"] for r in rows[part]]
        # the page's popup of a row is the one its feature has inline
        full = {(r[7] if part == "events" else r[3] if part == "places" else r["i"]): r for r in inline[part]}
        assert [flat[n] for n in popup] == [full[i][-1] if isinstance(full[i], list) else full[i]["p"] for i in ids]
    assert "<" not in json.dumps([rows[part] for part in payload.ROW_PARTS])
    light = payload.without_rows(inline)
    assert light["n"] == inline["n"] and not light["events"]
    event = next(r for r in records if r.kind == "event")
    assert payload.map_payload([event], popups={})["events"][0][-1] == -1  # a feature without a page: none


def test_view_fits_the_bulk_of_the_data_not_one_far_outlier() -> None:
    lats = [36.0 + i / 100 for i in range(50)] + [39.8]
    lons = [43.0 + i / 100 for i in range(50)] + [-98.6]  # one event placed in the United States
    (s, w), (_n, e) = payload.fit_bounds(lats, lons)
    assert w > 40 and e < 44 and s >= 36.0
    five = payload.fit_bounds([36.0, 36.2, 36.3, 36.4, 39.8], [43.0, 43.1, 43.1, 43.2, -98.6])
    assert five == [[36.0, 43.0], [36.4, 43.2]]
    assert payload.fit_bounds([36.0, 39.8], [43.0, -98.6]) == [[36.0, -98.6], [39.8, 43.0]]  # half far: all
    assert payload.fit_bounds([], []) is None


def test_gazetteer_candidates_are_place_records_on_the_map(gaz: Gazetteer) -> None:
    entries = gaz.search("Mosul", limit=3)
    candidates = payload.candidate_records(entries)
    assert candidates and all(isinstance(c, PlaceRecord) for c in candidates)
    assert [(c.feature_id, c.place.lat, c.place.lon) for c in candidates] == [(e.gid, e.lat, e.lon) for e in entries]
    p = payload.map_payload(candidates)
    assert p["n"]["places"] == len(entries) and p["bounds"] is not None
    assert "Mosul" in p["places"][0][-1] and f"ref {entries[0].gid}" in p["places"][0][-1]


def test_events_point_at_their_actors_names_and_journeys_carry_their_stops(seeds) -> None:
    records, docs = seeds
    p = payload.map_payload(records, docs=docs)
    names = p["names"]
    assert len(names) == len(set(names))  # each name once
    events = [r for r in records if r.kind == "event"]
    for row, r in zip(p["events"], events, strict=True):
        assert [names[i] if i >= 0 else None for i in row[8:10]] == [
            a.name if a else None for a in (r.actor1, r.actor2)
        ]
    journeys = [r for r in records if r.kind == "movement"]
    assert [row["n"] for row in p["movements"]] == [[w.name or w.name_ar for w in r.waypoints] for r in journeys]
    assert all(names[row["a"]] == r.actor.name for row, r in zip(p["movements"], journeys, strict=True) if r.actor)
    rows = payload.rows_of(p)
    assert rows["names"] == names and payload.without_rows(p)["names"] == []  # in the rows file, not the page


def _decoded(p: dict) -> dict:
    """A payload's rows with their indexes read (event type, document line, actors' names): comparable
    between payloads whose lists are ordered differently."""
    types, docs, names = [t[0] for t in p["types"]], p["docs"], p["names"]

    def actor(i: int) -> str | None:
        return names[i] if i >= 0 else None

    return {
        "events": [
            [*r[:2], types[r[2]], *r[3:6], docs[r[6]], r[7], actor(r[8]), actor(r[9]), r[10]] for r in p["events"]
        ],
        "places": [[*r[:2], docs[r[2]], *r[3:]] for r in p["places"]],
        "movements": [{**r, "d": docs[r["d"]], "a": actor(r["a"])} for r in p["movements"]],
        "routes": [{**r, "d": docs[r["d"]]} for r in p["routes"]],
    }


def test_a_filters_payload_picked_from_everythings_is_the_one_made_for_it(seeds) -> None:
    """What the dashboard draws for some filters (rows taken from the payload of every stored feature) is
    what a payload made from the filtered records alone would draw; the legend counts only them."""
    records, docs = seeds
    numbers, _pages = payload.popup_pages(records)
    everything = payload.map_payload(records, docs=docs, popups=numbers)
    where = payload.row_index(everything)
    for keep in (
        records,
        [r for r in records if r.kind == "movement"],
        [r for r in records if isinstance(r, EventRecord) and r.event_type == "Battles"],
        records[::3],
        [],
    ):
        got = payload.picked(everything, where, keep)
        made = payload.map_payload(keep, docs=docs, popups=numbers)
        at = payload.positions(where, keep)  # what the browser is sent: it picks these rows from everything's
        assert {part: [everything[part][i] for i in at[part]] for part in payload.ROW_PARTS} == {
            part: got[part] for part in payload.ROW_PARTS
        }
        sizes = {part: len(everything[part]) for part in payload.ROW_PARTS}
        assert bits_positions(pick_bits(at, sizes)) == {p: sorted(at[p]) for p in at}  # as sent with the map
        assert _decoded(got) == _decoded(made)
        for key in ("n", "actors", "bounds", "span", "held"):
            assert got[key] == made[key], key
        assert sorted(t for t in got["types"] if t[2]) == sorted(made["types"])  # every type of `everything`, some at 0
        assert ("<h4>Events</h4>" in payload.legend_html(got)) == bool(made["types"])  # no type at 0 listed


def test_the_legend_draws_each_event_type_in_its_shape_and_colour(seeds) -> None:
    from dashboard.palette import event_color, event_shape, shape_key

    records, docs = seeds
    made = payload.map_payload(records, docs=docs)
    legend = payload.legend_html(made)
    shown = [t for t in made["types"] if t[2]]
    assert len({t[3] for t in shown}) == len(shown) > 2  # the seeds' types, each its own shape
    for name, color, _n, shape in shown:
        assert (color, shape) == (event_color(name), event_shape(name))
        assert shape_key(shape, color) in legend
