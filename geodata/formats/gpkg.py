"""Records as a GeoPackage: one layer per kind (EPSG:4326), dates as date fields; opens in QGIS. How the
features were chosen (`about`: the filters, the time) is each layer's metadata item `KHAREETA` (JSON)."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import shapely.geometry

from geodata.formats.files import atomic_path
from geodata.formats.geojson import Feature, json_value, record_to_feature
from geodata.records import KINDS, Record

_DATE_FIELDS = ("date", "date_start", "date_end")
ABOUT_ITEM = "KHAREETA"  # the layers' metadata item holding `about` (GDAL metadata: QGIS shows it)


def _column(values: list[Any]) -> list[Any]:
    """One type per column, as GeoPackage needs: lists/dicts as JSON, mixed values as text."""
    present = [v for v in values if v is not None]
    if any(isinstance(v, (list, dict)) for v in present):
        return [None if v is None else json.dumps(json_value(v), ensure_ascii=False) for v in values]
    types = {bool if isinstance(v, bool) else int if isinstance(v, int) else type(v) for v in present}
    if types <= {int, float} and types:
        return values
    if len(types) > 1:
        return [None if v is None else str(v) for v in values]
    return values


def _layer_frame(features: list[Feature]) -> Any:
    import geopandas as gpd  # imported here: slow to import, and only GeoPackage needs it
    import pandas as pd

    keys: dict[str, None] = {"feature_id": None}
    for f in features:
        keys.update(dict.fromkeys(f.get("properties") or {}))
    data: dict[str, list[Any]] = {k: [] for k in keys}
    for f in features:
        p = f.get("properties") or {}
        for k in keys:
            data[k].append(f.get("id") if k == "feature_id" else p.get(k))
    columns: dict[str, Any] = {k: _column(v) for k, v in data.items()}
    for k in _DATE_FIELDS:
        if k in columns:
            columns[k] = pd.to_datetime(
                pd.Series([str(v)[:10] if v else None for v in columns[k]], dtype=object),
                errors="coerce",
                format="%Y-%m-%d",
            )
    geoms = [shapely.geometry.shape(f["geometry"]) if f.get("geometry") else None for f in features]
    return gpd.GeoDataFrame(columns, geometry=geoms, crs="EPSG:4326")


def _layers(features: Sequence[Feature]) -> dict[str, list[Feature]]:
    """Layer name -> features: one layer per kind ("events"); a kind with two geometry types
    (a route known by one town is a Point) gets one layer per type ("routes_point")."""
    groups: dict[tuple[str, str], list[Feature]] = {}
    for f in features:
        kind = (f.get("properties") or {}).get("kind") or "feature"
        gtype = (f.get("geometry") or {}).get("type") or "None"
        groups.setdefault((kind, gtype), []).append(f)
    order = {k: i for i, k in enumerate(KINDS)}
    out = {}
    for (kind, gtype), group in sorted(groups.items(), key=lambda kv: (order.get(kv[0][0], 9), -len(kv[1]))):
        name = kind + "s"
        out[name if name not in out else f"{name}_{gtype.lower()}"] = group
    return out


def to_gpkg(records: Sequence[Record], path: str | os.PathLike[str], *, about: Mapping[str, Any] | None = None) -> int:
    """Write a GeoPackage with one layer per kind; features written. `about` goes in each layer's metadata."""
    features = [record_to_feature(r) for r in records]
    layers = _layers(features)
    meta = {"layer_metadata": {ABOUT_ITEM: json.dumps(json_value(dict(about)), ensure_ascii=False)}} if about else {}
    with atomic_path(path, ".gpkg") as tmp:  # pyogrio writes by path: a temporary one, renamed when complete
        if not layers:
            _empty_gpkg(tmp, meta)
        for name, group in layers.items():
            _layer_frame(group).to_file(tmp, layer=name, driver="GPKG", engine="pyogrio", **meta)
    return len(features)


def _empty_gpkg(path: Path, meta: Mapping[str, Any]) -> None:
    import geopandas as gpd

    gpd.GeoDataFrame({"feature_id": []}, geometry=[], crs="EPSG:4326").to_file(
        path, layer="events", driver="GPKG", engine="pyogrio", geometry_type="Point", **meta
    )
