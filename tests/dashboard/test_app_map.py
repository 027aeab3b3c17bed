"""The Map page (AppTest): counts, table and exports follow the sidebar filters."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pyogrio
import pytest
import shapely.geometry

from geodata.formats.geojson import record_to_feature
from geodata.store.filters import Filters
from tests.dashboard.conftest import download, new_app, open_store

KINDS = {"Events": "event", "Movements": "movement", "Routes": "route", "Places": "place"}


def counts(at) -> dict[str, int]:
    return {m.label: int(m.value.replace(",", "")) for m in at.metric}


def store_counts(db: Path, **filters) -> dict[str, int]:
    with open_store(db) as s:
        feats = s.query(Filters(**filters))
    return {label: sum(r.kind == kind for r in feats) for label, kind in KINDS.items()}


def table_refs(at) -> set[str]:
    return set(at.dataframe[0].value["ref"])


def test_default_view_counts_events_movements_routes_of_the_store(app_db: Path) -> None:
    at = new_app()
    shown = counts(at)
    expected = store_counts(app_db, kinds=("event", "movement", "route"))
    assert {k: shown[k] for k in KINDS} == {**expected, "Places": 0}
    assert shown["Events"] > 20 and shown["Movements"] > 3 and shown["Routes"] > 3
    assert shown["Articles"] == 13
    assert len(table_refs(at)) == sum(expected.values())
    assert not at.error


def test_actor_filter_changes_counts_table_and_matches_the_store(app_db: Path) -> None:
    at = new_app()
    before = counts(at)
    at.multiselect(key="f_actors").set_value(["ISIS"]).run()
    after = counts(at)
    expected = store_counts(app_db, kinds=("event", "movement", "route"), actors=("ISIS",))
    assert {k: after[k] for k in KINDS} == {**expected, "Places": 0}
    assert 0 < after["Events"] + after["Movements"] + after["Routes"] < sum(before[k] for k in KINDS)
    assert len(table_refs(at)) == sum(expected.values())
    assert all("ISIS" in who for who in at.dataframe[0].value["who"])


@pytest.mark.parametrize(
    ("key", "value", "filters"),
    [
        ("f_types", ["Battles"], {"event_types": ("Battles",)}),
        ("f_kinds", ["event", "place"], {"kinds": ("event", "place")}),
        ("f_countries", ["SY"], {"countries": ("SY",)}),
        ("f_text", "Mosul", {"text": "Mosul"}),
    ],
)
def test_each_filter_changes_the_counts_like_the_store_query(app_db: Path, key: str, value, filters) -> None:
    at = new_app()
    before = counts(at)
    widget = at.text_input(key=key) if isinstance(value, str) else at.multiselect(key=key)
    widget.set_value(value).run()
    after = counts(at)
    expected = store_counts(app_db, **{"kinds": ("event", "movement", "route"), **filters})
    assert {k: after[k] for k in KINDS} == expected
    assert after != before


def test_date_range_filter(app_db: Path) -> None:
    at = new_app()
    at.date_input(key="f_dates").set_value((date(2016, 1, 1), date(2016, 12, 31))).run()
    after = counts(at)
    expected = store_counts(app_db, kinds=("event", "movement", "route"), date_from="2016-01-01", date_to="2016-12-31")
    assert {k: after[k] for k in KINDS} == {**expected, "Places": 0}
    assert 0 < after["Events"] < store_counts(app_db, kinds=("event",))["Events"]


def test_reset_filters_brings_everything_back(app_db: Path) -> None:
    at = new_app()
    before = counts(at)
    at.multiselect(key="f_actors").set_value(["ISIS"]).run()
    assert counts(at) != before
    next(b for b in at.button if b.label == "Reset filters").click().run()
    assert counts(at) == before


def test_geojson_export_matches_the_filter_and_is_valid(app_db: Path, downloads: dict[str, bytes]) -> None:
    at = new_app()
    at.multiselect(key="f_actors").set_value(["ISIS"]).run()
    data = json.loads(download(at, downloads, "GeoJSON").decode("utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    assert data["khareeta"]["filters"]["actors"] == ["ISIS"] and data["khareeta"]["tool"] == "Khareeta"
    with open_store(app_db) as s:
        wanted = s.query(Filters(kinds=("event", "movement", "route"), actors=("ISIS",)))
    assert sorted(f["id"] for f in data["features"]) == sorted(r.feature_id for r in wanted)
    assert {f["id"] for f in data["features"]} == table_refs(at)
    stored = {r.feature_id: record_to_feature(r) for r in wanted}
    for f in data["features"]:
        p = f["properties"]
        assert "ISIS" in {p.get("actor1"), p.get("actor2"), p.get("actor"), p.get("controlled_by")}
        assert shapely.geometry.shape(f["geometry"]).is_valid
        assert f["geometry"] == stored[f["id"]]["geometry"]  # RFC 7946: lon, lat, as stored
        for lon, lat in (
            [f["geometry"]["coordinates"]] if f["geometry"]["type"] == "Point" else f["geometry"]["coordinates"]
        ):
            assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_csv_and_geopackage_exports_hold_the_filtered_rows(
    app_db: Path, downloads: dict[str, bytes], tmp_path: Path
) -> None:
    at = new_app()
    at.multiselect(key="f_kinds").set_value(["event"]).run()
    n_events = counts(at)["Events"]
    rows = list(csv.DictReader(io.StringIO(download(at, downloads, "CSV").decode("utf-8-sig"))))
    assert len(rows) == n_events and {r["kind"] for r in rows} == {"event"}
    sidecar = json.loads(download(at, downloads, "Filters used"))  # a CSV cannot say how it was chosen: beside it
    assert sidecar["filters"]["kinds"] == ["event"] and sidecar["tool"] == "Khareeta"
    gpkg = tmp_path / "view.gpkg"
    gpkg.write_bytes(download(at, downloads, "GeoPackage"))
    layers = {name for name, _ in pyogrio.list_layers(gpkg)}
    assert layers == {"events"}
    about = json.loads(pyogrio.read_info(gpkg, layer="events")["layer_metadata"]["KHAREETA"])
    assert about["filters"]["kinds"] == ["event"]  # the download says how its features were chosen
    assert len(pyogrio.read_dataframe(gpkg, layer="events")) == n_events


def test_downloads_are_what_the_cli_export_writes(app_db: Path, downloads: dict[str, bytes], tmp_path: Path) -> None:
    from geodata.formats.export import export

    at = new_app()
    at.multiselect(key="f_types").set_value(["Battles"]).run()
    with open_store(app_db) as s:
        export(
            s.query(Filters(kinds=("event", "movement", "route"), event_types=("Battles",))),
            tmp_path / "cli.geojson",
            "geojson",
        )
    page = json.loads(download(at, downloads, "GeoJSON"))
    cli = json.loads((tmp_path / "cli.geojson").read_bytes())
    assert page["features"] == cli["features"]
    # the page's file says how its features were chosen: the sidebar's filters as the store took them
    chosen = page["khareeta"]["filters"]
    assert chosen["event_types"] == ["Battles"] and chosen["kinds"] == ["event", "movement", "route"]


def test_the_side_panel_explains_how_to_choose_a_feature(app_db: Path) -> None:
    at = new_app()  # AppTest cannot click the map: nothing is chosen, the legend shows instead
    assert any("Click a feature on the map" in c.value for c in at.caption)
    assert any('class="kh-side-legend"' in el.proto.body for el in at.get("html"))


def test_no_match_says_so_and_disables_downloads(app_db: Path) -> None:
    at = new_app()
    at.text_input(key="f_text").set_value("no sentence says this, surely").run()
    assert all(v == 0 for k, v in counts(at).items())
    assert any("No feature matches" in w.value for w in at.warning)
    assert all(b.proto.disabled for b in at.get("download_button"))


def test_empty_store_explains_how_to_fill_it(empty_db: Path) -> None:
    at = new_app()
    assert any("store is empty" in i.value for i in at.info)
    assert not at.exception


def metric(at, label: str):
    return next(m for m in at.metric if m.label == label)


def test_places_left_out_of_show_say_how_many_are_stored(app_db: Path) -> None:
    """The counts are of what the map shows; the places 'Show' leaves out are not a silent 0."""
    at = new_app()
    stored = store_counts(app_db)["Places"]
    assert stored > 100
    places = metric(at, "Places")
    assert places.value == "0" and places.delta == f"{stored:,} stored, not shown"
    assert f"The store holds {stored:,}: add Places to **Show**" in places.help
    assert all(metric(at, label).delta == "" for label in ("Events", "Movements", "Routes"))
    at.multiselect(key="f_kinds").set_value(["event", "movement", "route", "place"]).run()
    places = metric(at, "Places")
    assert places.value == f"{stored:,}" and places.delta == ""
    assert "The store holds" not in places.help


@pytest.fixture
def tiles_drawn(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The tile URL each map of the page is built with (None: no tile layer)."""
    from dashboard import layers

    seen: list[str | None] = []
    build = layers.base_map  # every map's (build_map's too)

    def spy(*args, **kwargs):
        tiles = kwargs.get("tiles")
        seen.append(tiles.url if tiles else kwargs.get("tiles_url"))
        return build(*args, **kwargs)

    monkeypatch.setattr(layers, "base_map", spy)
    return seen


@pytest.mark.parametrize(
    ("value", "url"),
    [
        (None, None),
        ("offline", None),
        ("osm", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
        ("https://tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org/{z}/{x}/{y}.png"),
    ],
)
def test_the_map_draws_on_the_tiles_khareeta_tiles_chooses(
    app_db: Path, monkeypatch: pytest.MonkeyPatch, tiles_drawn: list[str | None], value: str | None, url: str | None
) -> None:
    if value is None:
        monkeypatch.delenv("KHAREETA_TILES", raising=False)
    else:
        monkeypatch.setenv("KHAREETA_TILES", value)
    at = new_app()
    assert tiles_drawn == [url]
    assert not at.warning


def test_a_bad_khareeta_tiles_is_said_and_the_map_is_drawn_offline(
    app_db: Path, monkeypatch: pytest.MonkeyPatch, tiles_drawn: list[str | None]
) -> None:
    monkeypatch.setenv("KHAREETA_TILES", "ofline")
    at = new_app()
    assert tiles_drawn == [None]
    [warning] = at.warning
    assert warning.value.startswith("KHAREETA_TILES: 'ofline' is not a map background") and "`osm`" in warning.value
    assert not at.error


def test_choosing_a_table_row_shows_its_feature_beside_the_map(app_db: Path) -> None:
    at = new_app()
    refs = list(at.dataframe[0].value["ref"])
    assert not any(f"ref {r}" in h.proto.body for h in at.get("html") for r in refs)  # nothing chosen yet
    at.session_state["feat_table"] = {"selection": {"rows": [3], "columns": []}}  # as a click on row 4 sets it
    at.run()
    assert not at.exception, at.exception
    assert any(f"ref {refs[3]}" in h.proto.body for h in at.get("html"))  # its details, beside the map
    assert at.session_state["sel_focus"] == refs[3]  # the map is told to bring it into view and open it
