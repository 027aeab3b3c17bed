"""geodata/formats/parquet.py: GeoParquet export. The seed extracted (every kind) and hand-made
features -> GeoParquet -> read back with geopandas and pyarrow: the same rows, properties and
geometries as the GeoJSON export, EPSG:4326, one schema whatever the selection (so partitions read
as one dataset), an empty selection, bad paths refused in one sentence."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import geopandas as gpd
import pyarrow.parquet as pq
import pytest

from extract.inputs import read_file
from extract.pipeline import extract_article
from extract.records import extraction_records
from geodata.cli import main
from geodata.errors import InputError
from geodata.formats.export import export
from geodata.formats.geojson import feature_to_record, json_value, record_to_feature
from geodata.formats.parquet import COLUMNS, GEOMETRY, GeoParquetWriter, _column, contract_schema, to_parquet
from geodata.gazetteer import Gazetteer
from geodata.records import Record
from geodata.store import Store
from tests.geodata.formats.parquet_rows import as_rows, parquet_features
from tests.geodata.formats.test_export import hand_made

SEED = Path(__file__).resolve().parents[3] / "seeds" / "mosul-2015-11-19-ar.txt"


@pytest.fixture(scope="module")
def seed_records(gaz: Gazetteer) -> list[Record]:
    """The seed through the whole pipeline (places, events, movements, routes), then hand-made ones."""
    return extraction_records(extract_article(read_file(SEED), gaz=gaz)) + hand_made()


def imported(**extra: object) -> Record:
    """An imported dataset's row: the contract's event and columns of its own."""
    props = {"kind": "event", "id": "acled-1", "doc": "acled.csv", "event_type": "Battles", "date": "2016-10-17"}
    return feature_to_record(
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [43.1, 36.3]}, "properties": props | extra}
    )


def test_round_trip_has_the_geojson_exports_rows_and_properties(seed_records: list[Record], tmp_path: Path) -> None:
    kinds = {r.kind for r in seed_records}
    assert kinds == {"place", "event", "movement", "route"}
    out = tmp_path / "seed.parquet"
    assert to_parquet(seed_records, out) == len(seed_records)
    features = [record_to_feature(r) for r in seed_records]
    assert parquet_features(out) == as_rows(features)  # same order, values, types and coordinates

    gdf = gpd.read_parquet(out)
    assert gdf.crs.to_epsg() == 4326
    assert list(gdf["id"]) == [f["id"] for f in features]
    assert set(gdf.geom_type) == {"Point", "LineString"}
    geojson_keys = {k for f in features for k in f["properties"]}
    assert geojson_keys <= set(gdf.columns) and set(gdf.columns) == {*COLUMNS, GEOMETRY}
    journey = gdf[gdf["kind"] == "movement"].iloc[0]
    assert list(journey["waypoints"]) and journey.geometry.geom_type == "LineString"
    assert json.loads(journey["spans"])["waypoints"]


def test_geoparquet_metadata(seed_records: list[Record], tmp_path: Path) -> None:
    to_parquet(seed_records, tmp_path / "s.parquet")
    geo = json.loads(pq.read_schema(tmp_path / "s.parquet").metadata[b"geo"])
    assert geo["version"] == "1.1.0" and geo["primary_column"] == "geometry"
    column = geo["columns"]["geometry"]
    assert column["encoding"] == "WKB" and column["geometry_types"] == ["LineString", "Point"]
    assert column["crs"]["id"] == {"authority": "EPSG", "code": 4326}
    lons = [p.lon for r in seed_records for p in r.vertices]
    lats = [p.lat for r in seed_records for p in r.vertices]
    assert column["bbox"] == pytest.approx([min(lons), min(lats), max(lons), max(lats)], abs=1e-7)  # lon/lat


def test_every_selection_has_one_schema(seed_records: list[Record], tmp_path: Path) -> None:
    """Places alone, movements alone, nothing: the same columns and types, so files read as one dataset."""
    to_parquet([r for r in seed_records if r.kind == "place"], tmp_path / "part-0.parquet")
    to_parquet([r for r in seed_records if r.kind == "movement"], tmp_path / "part-1.parquet")
    to_parquet([], tmp_path / "part-2.parquet")
    schemas = [pq.read_schema(p).remove_metadata() for p in sorted(tmp_path.glob("*.parquet"))]
    assert all(s.equals(contract_schema()) for s in schemas)
    assert str(contract_schema().field("date_start").type) == "date32[day]"
    assert len(gpd.read_parquet(tmp_path)) == sum(r.kind in ("place", "movement") for r in seed_records)


def test_an_empty_selection_is_a_valid_file(tmp_path: Path) -> None:
    out = tmp_path / "none.parquet"
    assert export([], out, "parquet") == 0
    gdf = gpd.read_parquet(out)
    assert len(gdf) == 0 and gdf.crs.to_epsg() == 4326 and "kind" in gdf.columns
    assert json.loads(pq.read_schema(out).metadata[b"geo"])["columns"]["geometry"]["geometry_types"] == []


def test_the_streaming_writer_writes_row_groups_and_leaves_nothing_on_failure(
    seed_records: list[Record], tmp_path: Path
) -> None:
    with GeoParquetWriter(tmp_path / "w.parquet") as w:
        w.write(seed_records[:5])
        w.write([])
        w.write(seed_records[5:])
    assert pq.ParquetFile(tmp_path / "w.parquet").metadata.num_row_groups == 2
    assert parquet_features(tmp_path / "w.parquet") == parquet_features(_plain(seed_records, tmp_path))
    with pytest.raises(RuntimeError), GeoParquetWriter(tmp_path / "broken.parquet") as w:
        w.write(seed_records)
        raise RuntimeError("stopped mid-way")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain.parquet", "w.parquet"]


def _plain(records: list[Record], folder: Path) -> Path:
    to_parquet(records, folder / "plain.parquet")
    return folder / "plain.parquet"


def test_imported_columns_follow_typed_and_hostile_text_survives(tmp_path: Path) -> None:
    rows = [
        imported(score=1.5, notes="x\x00y\ud800", tags=["a", "b"], code=7, flag=True),
        imported(id="acled-2", score=float("nan"), notes=None, tags=None, code="B7", flag=False),
    ]
    out = tmp_path / "i.parquet"
    to_parquet(rows, out)
    table = pq.read_table(out)
    assert table.column_names[: len(COLUMNS)] == list(COLUMNS)
    assert table.column_names[len(COLUMNS) :] == ["score", "notes", "tags", "code", "flag", "geometry"]
    got = table.to_pylist()
    assert [r["score"] for r in got] == [1.5, None] and [r["flag"] for r in got] == [True, False]
    assert got[0]["notes"] == "x\x00y\ufffd" and json.loads(got[0]["tags"]) == ["a", "b"]
    assert [r["code"] for r in got] == ["7", "B7"]  # mixed values: text
    assert not any(isinstance(v, float) and math.isnan(v) for r in got for v in r.values())


@pytest.mark.parametrize("name", ["out.parquet", "out.geoparquet"])
def test_the_suffix_chooses_parquet(seed_records: list[Record], tmp_path: Path, name: str) -> None:
    assert export(seed_records, tmp_path / name) == len(seed_records)
    assert len(gpd.read_parquet(tmp_path / name)) == len(seed_records)


def test_bad_output_paths_are_refused_in_one_sentence(seed_records: list[Record], tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(InputError, match=r"cannot write .*a-file/x\.parquet"):
        export(seed_records, tmp_path / "a-file" / "x.parquet", "parquet")
    with pytest.raises(InputError, match="is a folder, not a file"):
        export(seed_records, tmp_path, "parquet")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_cli_export_parquet_has_the_geojson_exports_features(
    seed_records: list[Record], tmp_path: Path, capsys
) -> None:
    db = tmp_path / "k.sqlite"
    with Store.open(db) as store:
        doc = extract_article(read_file(SEED)).doc.record()
        assert store.add_document(doc, seed_records) == "added"
    base = ["--db", str(db), "export", "--kind", "event,movement,place", "--from", "2015-01-01"]
    assert main([*base, "--format", "geojson", "-o", str(tmp_path / "x.geojson")]) == 0
    assert main([*base, "--format", "parquet", "-o", str(tmp_path / "x.parquet")]) == 0
    assert "feature(s) to" in capsys.readouterr().out
    features = json.loads((tmp_path / "x.geojson").read_text(encoding="utf-8"))["features"]
    assert {f["properties"]["kind"] for f in features} == {"place", "event", "movement"}
    assert parquet_features(tmp_path / "x.parquet") == as_rows(features)  # the store's `source` and periods too

    (tmp_path / "f").write_text("")
    assert main([*base, "--format", "parquet", "-o", str(tmp_path / "f" / "x.parquet")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: cannot write") and "\n" not in err and "Traceback" not in err


@pytest.mark.parametrize(
    "values",
    [
        [[{"start": 3, "end": 9, "text": "الموصل"}], None, [], [{"a": [1.5, "x"]}]],  # what extraction makes
        [["x\ud800y"], None],  # a lone surrogate
        [[float("nan"), 1.0]],  # NaN
        [{"day": date(2016, 10, 17)}],  # a date
    ],
    ids=["plain", "surrogate", "nan", "date"],
)
def test_json_columns_are_the_safe_json_of_each_value(values: list[object]) -> None:
    # the column built at once equals the one built value by value, made safe (`json_value`)
    expected = [None if v is None else json.dumps(json_value(v), ensure_ascii=False) for v in values]
    assert _column(values, "json").to_pylist() == expected
