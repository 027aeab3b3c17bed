"""Records as GeoParquet (1.1.0): one row per feature, the GeoJSON export's properties as columns.

A file holds every kind (places and events as Points, movements and routes
as LineStrings, in one WKB `geometry` column, EPSG:4326, lon/lat). Its
columns are the properties of the output contract (DESIGN.md) in a fixed
order with fixed types, the columns of every kind, null where a kind has
none: the partitions of a batch (`python -m extract --engine dask --out DIR`)
therefore share one schema and read as one dataset (GeoPandas, DuckDB, QGIS).
Dates are dates, waypoint and town names lists of text; the nested values
(`spans`, `waypoint_places`, `via_places`) are JSON text, as in GeoPackage.
Properties outside the contract (an imported dataset's own columns) follow,
typed by their values.
"""

from __future__ import annotations

import json
import math
import os
import struct
from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import shapely

from geodata.formats.files import hidden_temp_beside
from geodata.formats.geojson import Feature, json_value, record_to_feature
from geodata.records import Record

GEOPARQUET_VERSION = "1.1.0"
GEOMETRY = "geometry"

_ORDER = (
    "kind id doc lang evidence evidence_start evidence_end start end name name_ar surface gazetteer_id "
    "feature_type country_code confidence geo_precision resolved placed_at event_type sub_event_type "
    "actor1 actor1_id actor1_family actor2 actor2_id actor2_family location location_ar location_type "
    "fatalities injured count unit date date_precision date_start date_end actor actor_id actor_family "
    "waypoints waypoint_places via via_places controlled_by controlled_by_id controlled_by_family status "
    "spans source review_status reviewed_by reviewed_at review_reason merged_into sources"
).split()
_NOT_TEXT = {
    "int": "evidence_start evidence_end start end geo_precision fatalities injured count",
    "float": "confidence",
    "bool": "resolved",
    "date": "date date_start date_end",
    "list": "waypoints via",  # names in travel order
    "json": "spans waypoint_places via_places sources",  # nested: JSON text, as in GeoPackage
}
_KIND_OF = {name: kind for kind, names in _NOT_TEXT.items() for name in names.split()}
# The contract's columns in order, each with the kind of values it holds (see `_arrow_type`).
COLUMNS: dict[str, str] = {name: _KIND_OF.get(name, "text") for name in _ORDER}


def _arrow_type(kind: str) -> Any:
    import pyarrow as pa

    return {
        "text": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
        "list": pa.list_(pa.string()),
        "json": pa.string(),
    }[kind]


def _cell(value: Any, kind: str) -> Any:
    """One property as its column stores it (`json_value` first: NaN -> null, no lone surrogates)."""
    value = json_value(value)
    if value is None:
        return None
    if kind == "json" or (kind == "infer" and isinstance(value, (dict, list))):
        return json.dumps(value, ensure_ascii=False)
    if kind == "date":
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            return None
    if kind == "list":
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return value


_EXACT = {"int": int, "float": float, "bool": bool}


def _fast_column(values: list[Any], kind: str) -> Any:
    """The column straight from values already of its type (what extraction makes), else None."""
    import pyarrow as pa

    try:
        if kind in ("text", "list"):
            return pa.array(values, type=_arrow_type(kind))
        if kind == "date":  # ISO dates
            return pa.array(values, type=pa.string()).cast(pa.date32())
        exact = _EXACT.get(kind)
        if exact is not None and all(v is None or type(v) is exact for v in values):
            return pa.array(values, type=_arrow_type(kind), from_pandas=True)  # NaN -> null
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError, UnicodeError):  # lone surrogates, other types
        pass
    return None


def _fast_json(values: list[Any]) -> Any:
    """A JSON column straight from lists, dicts, text and finite numbers (what extraction makes), else None."""
    import pyarrow as pa

    dumps = json.dumps
    try:
        return pa.array(
            [None if v is None else dumps(v, ensure_ascii=False, allow_nan=False) for v in values], type=pa.string()
        )
    except (TypeError, ValueError, pa.ArrowInvalid):  # NaN, dates, lone surrogates: value by value, made safe
        return None


def _column(values: list[Any], kind: str) -> Any:
    """An Arrow array of `kind` (an extra column: typed by its values); text when the values do not fit."""
    import pyarrow as pa

    if kind == "json" and (fast := _fast_json(values)) is not None:
        return fast
    fast = None if kind in ("json", "infer") else _fast_column(values, kind)
    if fast is not None:
        return fast
    cells = [_cell(v, kind) for v in values]
    try:
        return pa.array(cells, type=None if kind == "infer" else _arrow_type(kind))
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):  # an imported column of mixed or huge values
        return pa.array([None if c is None else str(c) for c in cells], type=pa.string())


@cache
def _crs_projjson() -> dict[str, Any]:
    import pyproj

    return pyproj.CRS.from_epsg(4326).to_json_dict()


def contract_schema() -> Any:
    """The Arrow schema of the contract's columns and the geometry: every partition of a batch has it."""
    import pyarrow as pa

    return pa.schema([*((name, _arrow_type(kind)) for name, kind in COLUMNS.items()), (GEOMETRY, pa.binary())])


def _wkb(geometry: dict[str, Any]) -> bytes:
    """ISO WKB (little-endian, 2D) of a GeoJSON geometry: Points and LineStrings packed here (every
    record's), any other type through shapely."""
    kind = geometry.get("type")
    coords: Any = geometry.get("coordinates")
    if kind == "Point":
        return _POINT.pack(1, 1, float(coords[0]), float(coords[1]))
    if kind == "LineString":
        flat = [float(v) for pt in coords for v in pt[:2]]
        return struct.pack(f"<BII{len(flat)}d", 1, 2, len(coords), *flat)
    return bytes(shapely.to_wkb(shapely.geometry.shape(geometry), output_dimension=2))


_POINT = struct.Struct("<BIdd")


class _Extent:
    """The geometry types and the bounding box seen so far: GeoParquet's `geo` metadata."""

    def __init__(self) -> None:
        self.types: set[str] = set()
        self.bounds: list[float] | None = None

    def add(self, geometries: Sequence[dict[str, Any] | None]) -> None:
        present = [g for g in geometries if g]
        if not present:
            return
        self.types.update(g["type"] for g in present)
        simple = [g for g in present if g["type"] in ("Point", "LineString")]
        pts = [g["coordinates"] for g in simple if g["type"] == "Point"]
        pts += [pt for g in simple if g["type"] == "LineString" for pt in g["coordinates"]]
        xs, ys = [float(p[0]) for p in pts], [float(p[1]) for p in pts]
        others = [shapely.geometry.shape(g) for g in present if g["type"] not in ("Point", "LineString")]
        if others:
            x0, y0, x1, y1 = shapely.total_bounds(others)
            xs, ys = [*xs, float(x0), float(x1)], [*ys, float(y0), float(y1)]
        b = [min(xs), min(ys), max(xs), max(ys)]
        if all(math.isfinite(v) for v in b):
            old = self.bounds or b
            self.bounds = [min(old[0], b[0]), min(old[1], b[1]), max(old[2], b[2]), max(old[3], b[3])]

    def metadata(self) -> dict[bytes, bytes]:
        column: dict[str, Any] = {"encoding": "WKB", "geometry_types": sorted(self.types), "crs": _crs_projjson()}
        if self.bounds is not None:
            column["bbox"] = self.bounds
        geo = {"version": GEOPARQUET_VERSION, "primary_column": GEOMETRY, "columns": {GEOMETRY: column}}
        return {b"geo": json.dumps(geo, separators=(",", ":")).encode("utf-8")}


def _arrays(features: Sequence[Feature], *, extras: bool) -> tuple[dict[str, Any], list[Any]]:
    """Column name -> Arrow array (the contract's, then with `extras` the others); the GeoJSON geometries."""
    import pyarrow as pa

    props = [f.get("properties") or {} for f in features]
    arrays = {name: _column([p.get(name) for p in props], kind) for name, kind in COLUMNS.items()}
    if extras:
        names: dict[str, None] = {}
        for p in props:
            names.update(dict.fromkeys(k for k in p if k not in COLUMNS and k != GEOMETRY))
        arrays |= {name: _column([p.get(name) for p in props], "infer") for name in names}
    geometries = [f.get("geometry") for f in features]
    arrays[GEOMETRY] = pa.array([_wkb(g) if g else None for g in geometries], type=pa.binary())
    return arrays, geometries


def features_table(features: Sequence[Feature]) -> Any:
    """GeoJSON Features (the contract's) as a `pyarrow.Table` with GeoParquet metadata."""
    import pyarrow as pa

    arrays, geoms = _arrays(features, extras=True)
    extent = _Extent()
    extent.add(geoms)
    return pa.table(arrays).replace_schema_metadata(extent.metadata())


ABOUT_KEY = b"khareeta"  # the file's key-value metadata item holding `about` (JSON), beside GeoParquet's `geo`


def to_parquet(
    records: Sequence[Record], path: str | os.PathLike[str], *, about: Mapping[str, Any] | None = None
) -> int:
    """Write one GeoParquet file (beside the target, renamed into place when complete); features written.
    `about` (how the features were chosen) goes in the file's metadata under `ABOUT_KEY`."""
    import pyarrow.parquet as pq

    table = features_table([record_to_feature(r) for r in records])
    if about is not None:
        meta = {**(table.schema.metadata or {}), ABOUT_KEY: json.dumps(json_value(dict(about)), ensure_ascii=False)}
        table = table.replace_schema_metadata(meta)
    target = Path(path)
    tmp = hidden_temp_beside(target)
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return table.num_rows


class GeoParquetWriter:
    """Records written to one GeoParquet file a row group at a time, as they come (memory stays bounded),
    under a hidden name until `close()` renames it into place. The contract's columns only, as
    extraction makes them: every file it writes has `contract_schema()`."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        import pyarrow.parquet as pq

        self.target = Path(path)
        self.target.parent.mkdir(parents=True, exist_ok=True)  # a batch's --out folder (checked by its command)
        self.tmp = hidden_temp_beside(self.target)
        self.schema = contract_schema()
        self.rows = 0
        self._extent = _Extent()
        self._writer = pq.ParquetWriter(self.tmp, self.schema, compression="zstd", store_schema=False)

    def write(self, records: Sequence[Record]) -> None:
        import pyarrow as pa

        if not records:
            return
        arrays, geoms = _arrays([record_to_feature(r) for r in records], extras=False)
        self._writer.write_table(pa.table(arrays, schema=self.schema))
        self._extent.add(geoms)
        self.rows += len(records)

    def close(self) -> None:
        """Finish the file and put it in place."""
        self._writer.add_key_value_metadata(self._extent.metadata())
        self._writer.close()
        os.replace(self.tmp, self.target)

    def abort(self) -> None:
        """Leave nothing behind."""
        self._writer.close()
        if self.tmp.exists():
            self.tmp.unlink()

    def __enter__(self) -> GeoParquetWriter:
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()
