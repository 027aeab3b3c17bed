"""Write query results: RFC 7946 GeoJSON, ACLED-style CSV, GeoPackage.

GeoJSON: a FeatureCollection in lon/lat, at most 7 decimals, no `crs`
member, valid UTF-8 JSON whatever the text holds; every dated feature has
ISO 8601 `date_start`/`date_end` for QGIS's temporal controller and kepler.gl.
CSV: ACLED's column names, then `kind`, `date_start`, `date_end`, `wkt`;
text cells a spreadsheet would run as a formula are neutralised.
GeoPackage: one layer per kind (EPSG:4326), dates as date fields.
Files are written next to the target and renamed into place, so a failed
export never leaves half a file behind.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, Any

import shapely.geometry

from geodata.countries import country_name
from geodata.errors import InputError
from geodata.records import KINDS

Feature = dict[str, Any]
FORMATS = ("geojson", "csv", "gpkg")
ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
                 "actor2", "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source",
                 "notes", "fatalities")
CSV_COLUMNS = (*ACLED_COLUMNS, "kind", "date_start", "date_end", "wkt")
_SURROGATE = re.compile("[\ud800-\udfff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


# --- RFC 7946 geometry rules ----------------------------------------------------------------------------------

def positions(geom: dict[str, Any]) -> list[Any]:
    """Every position of a GeoJSON geometry (GeometryCollection included)."""
    if geom.get("type") == "GeometryCollection":
        return [p for g in geom.get("geometries") or [] for p in positions(g)]
    depth = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}
    if geom.get("type") not in depth:
        msg = f"geometry type {geom.get('type')!r} is not GeoJSON"
        raise ValueError(msg)
    out = [geom.get("coordinates")]
    for _ in range(depth[geom["type"]]):
        out = [p for part in out for p in (part or [])]
    return out


def check_geometry(geom: dict[str, Any]) -> tuple[float, float, float, float]:
    """Validate a GeoJSON geometry (numbers, lon/lat ranges, lines of 2+ positions); its bounding box."""
    pts = positions(geom)
    if not pts:
        raise ValueError("the geometry has no coordinates")
    for p in pts:
        ok = (isinstance(p, (list, tuple)) and len(p) >= 2
              and all(isinstance(v, (int, float)) and math.isfinite(v) for v in p[:2]))
        if not ok or not (-180 <= p[0] <= 180 and -90 <= p[1] <= 90):
            msg = f"position {p!r} is not [lon, lat] with lon in [-180, 180] and lat in [-90, 90]"
            raise ValueError(msg)
    if geom["type"] == "LineString" and len(pts) < 2:
        raise ValueError("a LineString needs at least two positions")
    lons, lats = [p[0] for p in pts], [p[1] for p in pts]
    return min(lons), min(lats), max(lons), max(lats)


def round_coords(value: Any, ndigits: int = 7) -> Any:
    """Coordinates rounded to `ndigits` decimals (RFC 7946 §11.2: 7 is about 1 cm)."""
    if isinstance(value, float):
        return round(value, ndigits)
    if isinstance(value, (list, tuple)):
        return [round_coords(v, ndigits) for v in value]
    return value


def _geometry_out(geom: dict[str, Any] | None) -> dict[str, Any] | None:
    if not geom:
        return None
    if geom.get("type") == "GeometryCollection":
        return {"type": "GeometryCollection", "geometries": [_geometry_out(g) for g in geom["geometries"]]}
    return {"type": geom["type"], "coordinates": round_coords(geom["coordinates"])}


# --- shared ---------------------------------------------------------------------------------------------------

@contextmanager
def _atomic(path: Path, mode: str = "w", **kw: Any) -> Iterator[IO[Any]]:
    """A temporary file beside `path`, renamed over it only when writing succeeded."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        with open(tmp, mode, **kw) as fh:
            yield fh
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def _clean_text(value: str) -> str:
    """Lone surrogates (from broken input) cannot be written as UTF-8: U+FFFD instead."""
    return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value


def json_value(value: Any) -> Any:
    """JSON-safe: NaN/inf -> null, dates -> ISO, numpy scalars -> Python numbers."""
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (int, bool)) or value is None:
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if hasattr(value, "item"):  # numpy scalar
        return json_value(value.item())
    return str(value)


def _out_feature(f: Feature, *, sanitise: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "Feature"}
    if f.get("id") is not None:
        out["id"] = f["id"] if isinstance(f["id"], (str, int)) else str(f["id"])
    out["geometry"] = _geometry_out(f.get("geometry"))
    props = f.get("properties") or {}
    out["properties"] = json_value(props) if sanitise else props
    return out


# --- GeoJSON --------------------------------------------------------------------------------------------------

def to_geojson(features: Sequence[Feature], path: str | os.PathLike[str]) -> int:
    """Write an RFC 7946 FeatureCollection; the number of features written."""
    dumps = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode
    with _atomic(Path(path), "w", encoding="utf-8", errors="replace", newline="\n") as fh:
        fh.write('{"type":"FeatureCollection","features":[')
        for i, f in enumerate(features):
            try:  # plain JSON values need no sanitising (the common case, and much faster)
                line = dumps(_out_feature(f, sanitise=False))
            except (ValueError, TypeError):  # NaN, dates, numpy numbers...
                line = dumps(_out_feature(f))
            if _SURROGATE.search(line):
                line = _clean_text(line)
            fh.write(",\n" if i else "\n")
            fh.write(line)
        fh.write("\n]}\n")
    return len(features)


# --- CSV (ACLED columns) --------------------------------------------------------------------------------------

def neutralise(value: Any) -> Any:
    """A text cell a spreadsheet would take for a formula gets a leading apostrophe."""
    if isinstance(value, str):
        value = _clean_text(value)
        return "'" + value if value.startswith(_FORMULA_START) else value
    return value


def _wkt(geom: dict[str, Any] | None) -> str:
    return shapely.geometry.shape(_geometry_out(geom)).wkt if geom else ""


def _time_precision(p: dict[str, Any]) -> int | None:
    precision = p.get("date_precision")
    if precision in ("day", "week", "month"):
        return {"day": 1, "week": 2, "month": 3}[precision]
    try:
        days = (date.fromisoformat(str(p["date_end"])[:10]) - date.fromisoformat(str(p["date_start"])[:10])).days
    except (KeyError, TypeError, ValueError):  # no period, or not ISO dates
        return 3 if precision == "year" else None
    return 1 if days == 0 else 2 if days < 7 else 3


def acled_row(f: Feature) -> dict[str, Any]:
    """One feature as an ACLED-style CSV row (ACLED's names, then kind/period/WKT)."""
    p, geom = f.get("properties") or {}, f.get("geometry")
    kind = p.get("kind", "")
    when = str(p.get("date") or p.get("date_start") or "")
    point = geom["coordinates"] if geom and geom.get("type") == "Point" else None
    location = {"movement": " -> ".join(map(str, p.get("waypoints") or ())), "route": p.get("name"),
                "place": p.get("name")}.get(kind, p.get("location"))
    return {
        "event_id_cnty": p.get("source_id") or f.get("id") or "", "event_date": when[:10],
        "year": int(when[:4]) if when[:4].isdigit() else None, "time_precision": _time_precision(p),
        "event_type": p.get("event_type"), "sub_event_type": p.get("sub_event_type"),
        "actor1": p.get("actor1") or p.get("actor") or p.get("controlled_by"), "actor2": p.get("actor2"),
        "country": p.get("country") or country_name(p.get("country_code")), "admin1": p.get("admin1"),
        "location": location, "latitude": round(point[1], 7) if point else None,
        "longitude": round(point[0], 7) if point else None, "geo_precision": p.get("geo_precision"),
        "source": p.get("source"), "notes": p.get("evidence"), "fatalities": p.get("fatalities"),
        "kind": kind, "date_start": p.get("date_start"), "date_end": p.get("date_end"), "wkt": _wkt(geom),
    }


def to_csv(features: Sequence[Feature], path: str | os.PathLike[str]) -> int:
    """Write ACLED-named columns (UTF-8 with BOM so spreadsheets read Arabic); rows written."""
    with _atomic(Path(path), "w", encoding="utf-8-sig", errors="replace", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for f in features:
            writer.writerow({k: neutralise(v) for k, v in acled_row(f).items()})
    return len(features)


# --- GeoPackage -----------------------------------------------------------------------------------------------

_DATE_FIELDS = ("date", "date_start", "date_end")


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
            columns[k] = pd.to_datetime(pd.Series([str(v)[:10] if v else None for v in columns[k]], dtype=object),
                                        errors="coerce", format="%Y-%m-%d")
    geoms = [shapely.geometry.shape(_geometry_out(f["geometry"])) if f.get("geometry") else None for f in features]
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


def to_gpkg(features: Sequence[Feature], path: str | os.PathLike[str]) -> int:
    """Write a GeoPackage with one layer per kind; features written."""
    layers = _layers(features)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    # pyogrio writes by path: build the file under a temporary name, then rename it.
    tmp = target.with_name(f".{target.name}.writing.gpkg")
    try:
        if tmp.exists():
            tmp.unlink()
        if not layers:
            _empty_gpkg(tmp)
        for name, group in layers.items():
            _layer_frame(group).to_file(tmp, layer=name, driver="GPKG", engine="pyogrio")
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return len(features)


def _empty_gpkg(path: Path) -> None:
    import geopandas as gpd

    gpd.GeoDataFrame({"feature_id": []}, geometry=[], crs="EPSG:4326").to_file(
        path, layer="events", driver="GPKG", engine="pyogrio", geometry_type="Point")


WRITERS: dict[str, Callable[[Sequence[Feature], str | os.PathLike[str]], int]] = {
    "geojson": to_geojson, "csv": to_csv, "gpkg": to_gpkg}


def export_format(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """`fmt`, else the format the file's suffix names (.geojson/.json, .csv, .gpkg)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    fmt = (fmt or {"json": "geojson", "geojson": "geojson", "csv": "csv", "gpkg": "gpkg"}.get(suffix, "")).lower()
    if fmt not in WRITERS:
        msg = f"unknown export format {fmt or suffix!r}; choose geojson, csv or gpkg (--format or the file suffix)."
        raise InputError(msg)
    return fmt


def check_target(path: str | os.PathLike[str], fmt: str) -> None:
    """Refuse a folder as the file to write, before any work is done."""
    if Path(path).is_dir():
        example = Path(path) / f"features.{fmt}"
        msg = f"{str(path)!r} is a folder, not a file; give the file to write, e.g. {str(example)!r}."
        raise InputError(msg)


def export(features: Sequence[Feature], path: str | os.PathLike[str], fmt: str | None = None) -> int:
    """Write `features` as `fmt` (else guessed from the file's suffix); the number written."""
    fmt = export_format(path, fmt)
    check_target(path, fmt)
    try:
        return WRITERS[fmt](features, path)
    except OSError as exc:
        msg = f"cannot write {str(path)!r}: {exc.strerror or exc}."
        raise InputError(msg) from None
