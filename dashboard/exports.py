"""Downloads of the filtered view, written by the same code as `python -m geodata export`."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from geodata.formats.export import ABOUT_SUFFIX, about_json, export, export_about
from geodata.records import Record

FORMATS: dict[str, tuple[str, str, str]] = {  # format -> (label, file suffix, MIME type)
    "geojson": ("GeoJSON", "geojson", "application/geo+json"),
    "csv": ("CSV (ACLED columns)", "csv", "text/csv"),
    "gpkg": ("GeoPackage", "gpkg", "application/geopackage+sqlite3"),
}


def export_bytes(records: Sequence[Record], fmt: str, filters: Mapping[str, Any] | None = None) -> bytes:
    """The file `geodata.formats.export.export` writes for these records, as bytes; `filters` (those that
    chose them, `Filters.described()`) recorded in it where the format has room (GeoJSON's `khareeta`, the
    GeoPackage's metadata); a CSV's are in its sidecar (`about_bytes`)."""
    suffix = FORMATS[fmt][1]
    with tempfile.TemporaryDirectory(prefix="khareeta-export-") as tmp:
        path = Path(tmp) / f"export.{suffix}"
        export(records, path, fmt, about=None if filters is None else export_about(filters))
        return path.read_bytes()


def about_bytes(filters: Mapping[str, Any]) -> bytes:
    """The CSV's sidecar: what `python -m geodata export` writes beside a CSV file (the tool, when, the filters)."""
    return about_json(export_about(filters)).encode("utf-8")


def about_name(stem: str = "khareeta") -> str:
    return file_name("csv", stem) + ABOUT_SUFFIX


def file_name(fmt: str, stem: str = "khareeta") -> str:
    return f"{stem}.{FORMATS[fmt][1]}"
