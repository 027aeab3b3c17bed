"""GeoParquet rows back as GeoJSON-like features, to compare with the GeoJSON export or with
`python -m extract` (shared by the format and the batch tests)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import shapely

JSON_COLUMNS = ("spans", "waypoint_places", "via_places")


def _value(name: str, value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if name in JSON_COLUMNS:
        return json.loads(value)
    return value


def parquet_features(path: Path) -> list[dict[str, Any]]:
    """Each row as {"geometry", "properties"} (nulls left out); a folder: its partitions in name order."""
    files = sorted(path.glob("*.parquet")) if path.is_dir() else [path]
    out = []
    for file in files:
        table = pq.read_table(file)
        column = json.loads(table.schema.metadata[b"geo"])["primary_column"]
        for row in table.to_pylist():
            geometry = json.loads(shapely.to_geojson(shapely.from_wkb(row.pop(column))))
            out.append({"geometry": geometry, "properties": {k: _value(k, v) for k, v in row.items() if v is not None}})
    return out


def as_rows(features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """GeoJSON features as `parquet_features` gives them: geometry and non-null properties."""
    return [
        {
            "geometry": {"type": f["geometry"]["type"], "coordinates": f["geometry"]["coordinates"]},
            "properties": {k: v for k, v in f["properties"].items() if v is not None},
        }
        for f in features
    ]
