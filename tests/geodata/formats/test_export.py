"""Exports: ingest -> export GeoJSON / CSV / GeoPackage -> read back with
geopandas (same features); RFC 7946 rules; CSV formula injection; the seed's
journey as one LineString Raqqa -> Hasakah -> Baaj -> Mosul."""

from __future__ import annotations

import csv
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow.parquet as pq
import pyogrio
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.document import make_document
from extract.inputs import read_file
from extract.places import places_from_doc
from extract.records import extraction_records
from extract.sentences import sentence_spans
from extract.types import Extraction
from geodata.cli import main
from geodata.errors import InputError
from geodata.formats.acled_csv import ACLED_COLUMNS, CSV_COLUMNS, neutralise, to_csv
from geodata.formats.export import export
from geodata.formats.geojson import feature_to_record, record_to_feature, to_geojson
from geodata.formats.gpkg import to_gpkg
from geodata.gazetteer import Gazetteer
from geodata.records import Record
from geodata.store import Store
from geodata.store.filters import Filters

SEED = Path(__file__).resolve().parents[3] / "seeds" / "mosul-2015-11-19-ar.txt"
RAQQA, HASAKAH, BAAJ, MOSUL = [39.00788, 35.95283], [40.74772, 36.50237], [41.71632, 36.0426], [43.11889, 36.335]
GEOM_DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}


_IDS = iter(range(10**6))


def _feature(kind: str, geom_type: str, coords: list, **props: object) -> Record:
    """A record made from a hand-written Feature of the contract."""
    base = {
        "kind": kind,
        "id": f"hand-{next(_IDS)}",
        "doc": "seed",
        "evidence": "هاربة من مدينة الرقة باتجاه الحسكة",
        "evidence_start": 0,
        "evidence_end": 35,
        "start": 0,
        "end": 9,
        "lang": "ar",
    }
    return feature_to_record(
        {"type": "Feature", "geometry": {"type": geom_type, "coordinates": coords}, "properties": base | props}
    )


def hand_made() -> list[Record]:
    """What the seed says beyond places (until extraction yields it): an event, the journey, a road."""
    return [
        _feature(
            "event",
            "Point",
            BAAJ,
            event_type="Explosions/Remote violence",
            sub_event_type="Air/drone strike",
            actor1="International coalition",
            actor2="ISIS",
            date="2015-11-19",
            date_precision="day",
            location="Baaj",
            location_ar="البعاج",
            gazetteer_id="g:baaj",
            country_code="IQ",
            geo_precision=2,
            fatalities=None,
            count=10,
            unit="tankers",
            start=1,
            end=2,
        ),
        _feature(
            "movement",
            "LineString",
            [RAQQA, HASAKAH, BAAJ, MOSUL],
            actor="ISIS",
            waypoints=["Raqqa", "Hasakah", "Baaj", "Mosul"],
            count=70,
            unit="families",
            date="2015-11-19",
            date_precision="day",
        ),
        _feature(
            "route",
            "LineString",
            [RAQQA, MOSUL],
            name="Raqqa–Mosul road",
            via=["Raqqa", "Mosul"],
            controlled_by="Kurdish forces",
            status="controlled",
        ),
    ]


@pytest.fixture
def store(tmp_path: Path, gaz: Gazetteer) -> Store:
    """The seed ingested: its real places plus the hand-made event, journey and road."""
    raw = read_file(SEED)
    doc = make_document(raw.text, doc_id=raw.doc_id)
    ex = Extraction(doc=doc, places=tuple(places_from_doc(doc, gaz)), sentences=tuple(sentence_spans(doc.text)))
    places = extraction_records(ex)
    with Store.open(tmp_path / "k.sqlite") as s:
        assert s.add_document(ex.doc.record(), places + hand_made()) == "added"
        yield s


def check_rfc7946(path: Path) -> dict:
    """Our own RFC 7946 checks; the parsed collection."""
    raw = path.read_bytes().decode("utf-8")  # strict: the file must be valid UTF-8
    doc = json.loads(raw, parse_float=Decimal)
    assert doc["type"] == "FeatureCollection" and isinstance(doc["features"], list)
    assert "crs" not in doc
    for f in doc["features"]:
        assert f["type"] == "Feature" and "crs" not in f
        assert isinstance(f["properties"], dict) or f["properties"] is None
        assert "id" not in f or isinstance(f["id"], (str, int))
        g = f["geometry"]
        assert g["type"] in GEOM_DEPTH
        pts = [g["coordinates"]]
        for _ in range(GEOM_DEPTH[g["type"]]):
            pts = [p for part in pts for p in part]
        if g["type"] == "LineString":
            assert len(pts) >= 2
        for lon, lat, *_ in pts:
            assert -180 <= lon <= 180 and -90 <= lat <= 90
            assert -lon.as_tuple().exponent <= 7 and -lat.as_tuple().exponent <= 7
        for key in ("date", "date_start", "date_end"):
            if f["properties"].get(key):
                date.fromisoformat(f["properties"][key])  # ISO 8601 for QGIS / kepler.gl
    return doc


def _coords(geom) -> list[tuple[float, float]]:
    return [tuple(c) for c in (geom.coords if geom.geom_type != "Point" else [geom.coords[0]])]


def _assert_same(records: list[Record], gdf: gpd.GeoDataFrame) -> None:
    features = [record_to_feature(r) for r in records]
    assert len(gdf) == len(features)
    assert sorted(gdf["kind"]) == sorted(f["properties"]["kind"] for f in features)
    by_id = {f["id"]: f for f in features}
    id_col = "feature_id" if "feature_id" in gdf else "event_id_cnty"
    for fid, geom in zip(gdf[id_col], gdf.geometry, strict=True):
        want = by_id[fid]["geometry"]
        want_coords = [want["coordinates"]] if want["type"] == "Point" else want["coordinates"]
        got = _coords(geom)
        assert len(got) == len(want_coords)
        for (x, y), (wx, wy) in zip(got, want_coords, strict=True):
            assert abs(x - wx) <= 1e-7 and abs(y - wy) <= 1e-7


def test_an_exports_record_of_its_filters_is_json_whatever_they_hold(store: Store, tmp_path: Path) -> None:
    filters = Filters(text='he said "stop" \u2028 </script>', bbox=(40, 33, 41.5, 34), min_confidence=0.5)
    out = tmp_path / "f.geojson"
    export(store.query(), out, about={"filters": filters.described()})
    doc = check_rfc7946(out)
    assert doc["khareeta"]["filters"] == {
        "bbox": [40.0, 33.0, 41.5, 34.0],
        "text": 'he said "stop" \u2028 </script>',
        "min_confidence": 0.5,
    }
    assert Filters().described() == {}
    export(store.query(), tmp_path / "plain.geojson")
    assert "khareeta" not in check_rfc7946(tmp_path / "plain.geojson")  # nothing said: no member


def test_a_csv_says_how_it_was_chosen_beside_it_and_a_geoparquet_inside(store: Store, tmp_path: Path) -> None:
    about = {"tool": "Khareeta", "filters": Filters(actors=("داعش",), precise=True).described()}
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    export(store.query(), tmp_path / "view.csv", about=about)
    sidecar = tmp_path / "view.csv.about.json"
    assert json.loads(sidecar.read_text(encoding="utf-8")) == {
        "tool": "Khareeta",
        "filters": {"actors": ["داعش"], "precise": True},
    }
    assert "داعش" in sidecar.read_text(encoding="utf-8")  # readable, not escaped
    assert sorted(p.name for p in tmp_path.iterdir()) == ["view.csv", "view.csv.about.json"]  # no temporary left
    export(store.query(), tmp_path / "plain.csv")
    assert not (tmp_path / "plain.csv.about.json").exists()  # nothing said: no sidecar
    export(store.query(), tmp_path / "view.parquet", about=about)
    meta = pq.read_schema(tmp_path / "view.parquet").metadata
    assert json.loads(meta[b"khareeta"]) == json.loads(sidecar.read_text(encoding="utf-8"))
    assert b"geo" in meta  # GeoParquet's own stays
    export(store.query(), tmp_path / "plain.parquet")
    assert b"khareeta" not in pq.read_schema(tmp_path / "plain.parquet").metadata


def test_geojson_round_trip_and_rfc7946(store: Store, tmp_path: Path) -> None:
    features = store.query()
    out = tmp_path / "out.geojson"
    assert to_geojson(features, out) == len(features)
    doc = check_rfc7946(out)
    assert len(doc["features"]) == len(features) >= 8
    gdf = gpd.read_file(out)
    gdf["feature_id"] = [f["id"] for f in doc["features"]]
    _assert_same(features, gdf)
    assert "الموصل" in out.read_text(encoding="utf-8")  # ensure_ascii=False


def test_the_seed_journey_is_one_linestring_raqqa_hasakah_baaj_mosul(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "journey.geojson"
    to_geojson(store.query(Filters(kinds=("movement",))), out)
    (journey,) = check_rfc7946(out)["features"]
    assert journey["geometry"]["type"] == "LineString"
    assert [[float(v) for v in p] for p in journey["geometry"]["coordinates"]] == [RAQQA, HASAKAH, BAAJ, MOSUL]
    assert journey["properties"]["waypoints"] == ["Raqqa", "Hasakah", "Baaj", "Mosul"]
    assert journey["properties"]["date_start"] == "2015-11-19"


def test_csv_round_trip_with_acled_columns(store: Store, tmp_path: Path) -> None:
    features = store.query()
    out = tmp_path / "out.csv"
    to_csv(features, out)
    df = pd.read_csv(out, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert tuple(df.columns) == CSV_COLUMNS and CSV_COLUMNS[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    gdf = gpd.GeoDataFrame(df, geometry=gpd.GeoSeries.from_wkt(df["wkt"]), crs="EPSG:4326")
    _assert_same(features, gdf)
    movement = df[df["kind"] == "movement"].iloc[0]
    assert movement["wkt"].startswith("LINESTRING (39.00788 35.95283, 40.74772 36.50237")
    assert movement["location"] == "Raqqa -> Hasakah -> Baaj -> Mosul" and movement["latitude"] == ""
    event = df[df["kind"] == "event"].iloc[0]
    assert (event["event_date"], event["year"], event["time_precision"], event["country"]) == (
        "2015-11-19",
        "2015",
        "1",
        "Iraq",
    )
    assert (float(event["latitude"]), float(event["longitude"])) == (BAAJ[1], BAAJ[0])


def test_gpkg_has_one_layer_per_kind_and_round_trips(store: Store, tmp_path: Path) -> None:
    features = store.query()
    out = tmp_path / "out.gpkg"
    to_gpkg(features, out)
    layers = {name: gtype for name, gtype in pyogrio.list_layers(out)}
    assert layers == {"places": "Point", "events": "Point", "movements": "LineString", "routes": "LineString"}
    gdf = pd.concat([gpd.read_file(out, layer=name) for name in layers], ignore_index=True)
    assert gpd.read_file(out, layer="events").crs.to_epsg() == 4326
    _assert_same(features, gpd.GeoDataFrame(gdf, geometry="geometry"))
    events = gpd.read_file(out, layer="events")
    assert pd.api.types.is_datetime64_any_dtype(events["date_start"])  # a date field for QGIS's temporal controller
    assert json.loads(gpd.read_file(out, layer="movements")["waypoints"][0]) == ["Raqqa", "Hasakah", "Baaj", "Mosul"]


def test_geojson_rounds_to_7_decimals_and_survives_control_characters(tmp_path: Path) -> None:
    f = _feature(
        "place", "Point", [43.123456789, 36.987654321], name="x\x00y\x07\u2028z\ud800", score=float("nan")
    )  # a property of an imported dataset
    out = tmp_path / "c.geojson"
    to_geojson([f], out)
    doc = check_rfc7946(out)
    assert doc["features"][0]["geometry"]["coordinates"] == [Decimal("43.1234568"), Decimal("36.9876543")]
    assert doc["features"][0]["properties"]["name"] == "x\x00y\x07\u2028z\ufffd"
    assert doc["features"][0]["properties"]["score"] is None


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", "＝1"])
def test_csv_neutralises_formula_cells(tmp_path: Path, cell: str) -> None:
    f = _feature("event", "Point", [-73.5, 40.7], evidence=cell, actor1=cell, event_type="Protests")
    out = tmp_path / "f.csv"
    to_csv([f], out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        row = next(csv.DictReader(fh))
    assert row["notes"] == "'" + cell and row["actor1"] == "'" + cell
    assert row["longitude"] == "-73.5"  # numbers are numbers, not formulas
    assert neutralise("Mosul") == "Mosul" and neutralise(-1) == -1


def village_records() -> list[Record]:
    """A village the gazetteer lacks (placed at its sub-district), an event there, and a known town."""
    from tests.geodata.store.villages import village_records as records

    return [r for r in records() if r.kind in ("place", "event")]


def test_csv_and_gpkg_say_which_places_the_gazetteer_lacked(tmp_path: Path) -> None:
    records = village_records()
    to_csv(records, tmp_path / "v.csv")
    df = pd.read_csv(tmp_path / "v.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    places = df[df["kind"] == "place"]
    assert [tuple(r) for r in places[["location", "resolved", "placed_at", "geo_precision"]].values] == [
        ("Tell Xyzabad", "False", "Hajin Subdistrict", "2"),
        ("Tell Xyzabad", "False", "Hajin Subdistrict", "2"),
        ("Hajin", "True", "", "1"),
    ]
    event = df[df["kind"] == "event"].iloc[0]
    assert (event["location"], event["geo_precision"], event["resolved"]) == ("Tell Xyzabad", "2", "")

    to_gpkg(records, tmp_path / "v.gpkg")
    layer = gpd.read_file(tmp_path / "v.gpkg", layer="places")
    assert list(layer["resolved"]) == [False, False, True]
    assert list(layer["placed_at"]) == ["Hajin Subdistrict", "Hajin Subdistrict", ""]
    assert list(layer["geo_precision"]) == [2, 2, 1]


def test_empty_exports_are_valid(tmp_path: Path) -> None:
    to_geojson([], tmp_path / "e.geojson")
    assert check_rfc7946(tmp_path / "e.geojson")["features"] == []
    to_csv([], tmp_path / "e.csv")
    assert (tmp_path / "e.csv").read_text(encoding="utf-8-sig").startswith("event_id_cnty,")
    to_gpkg([], tmp_path / "e.gpkg")
    assert len(gpd.read_file(tmp_path / "e.gpkg")) == 0


def test_export_guesses_the_format_and_refuses_unknown_ones(tmp_path: Path) -> None:
    f = hand_made()
    assert export(f, tmp_path / "a.json") == 3 and check_rfc7946(tmp_path / "a.json")
    with pytest.raises(InputError, match="unknown export format"):
        export(f, tmp_path / "a.xlsx")


def test_cli_export_with_filters(store: Store, tmp_path: Path, capsys) -> None:
    db = str(store.engine.url.database)
    out = tmp_path / "m.geojson"
    assert (
        main(
            [
                "--db",
                db,
                "export",
                "--format",
                "geojson",
                "--kind",
                "movement,route",
                "--actor",
                "ISIS",
                "--from",
                "2015-11-01",
                "--to",
                "2015-11-30",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert "wrote 1 feature(s)" in capsys.readouterr().out
    written = check_rfc7946(out)
    assert [f["properties"]["kind"] for f in written["features"]] == ["movement"]
    # the file says how its features were chosen, and when
    about = written["khareeta"]
    assert about["filters"] == {
        "date_from": "2015-11-01",
        "date_to": "2015-11-30",
        "actors": ["ISIS"],
        "kinds": ["movement", "route"],
    }
    assert about["tool"] == "Khareeta" and about["exported_at"].endswith("Z")
    assert gpd.read_file(out).shape[0] == 1  # readers that know no such member read the features as ever
    assert main(["--db", db, "export", "--bbox", "1,2,3", "-o", str(tmp_path / "x.csv")]) == 1
    assert "bounding box" in capsys.readouterr().err
    assert main(["--db", db, "export", "--country", "Syria", "-o", str(tmp_path / "s.gpkg")]) == 0
    assert {n for n, _ in pyogrio.list_layers(tmp_path / "s.gpkg")} >= {"places", "movements", "routes"}
    for layer in ("places", "movements"):  # each layer says how its features were chosen (QGIS shows it)
        meta = pyogrio.read_info(tmp_path / "s.gpkg", layer=layer)["layer_metadata"]
        assert json.loads(meta["KHAREETA"])["filters"] == {"countries": ["SY"]}


@given(text=st.text(max_size=40), lon=st.floats(-180, 180), lat=st.floats(-90, 90))
def test_any_text_and_position_give_valid_geojson_and_safe_csv(
    tmp_path_factory, text: str, lon: float, lat: float
) -> None:
    folder = tmp_path_factory.mktemp("prop")
    f = _feature("event", "Point", [lon, lat], evidence=text, actor1=text)
    to_geojson([f], folder / "p.geojson")
    (got,) = check_rfc7946(folder / "p.geojson")["features"]
    assert got["properties"]["evidence"] == "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    to_csv([f], folder / "p.csv")
    with (folder / "p.csv").open(encoding="utf-8-sig", newline="") as fh:
        row = next(csv.DictReader(fh))
    assert not row["notes"].startswith(("=", "+", "-", "@", "\t", "\r"))
    assert (
        row["notes"].removeprefix("'") == got["properties"]["evidence"] or row["notes"] == got["properties"]["evidence"]
    )
