"""Write what a query selected: GeoJSON, ACLED-style CSV, GeoPackage or GeoParquet, by format or file suffix.

Every writer takes records and turns them into its format itself; each writes
beside the target and renames into place, so a failed export never leaves
half a file behind.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from geodata.errors import InputError
from geodata.formats.acled_csv import to_csv
from geodata.formats.geojson import to_geojson
from geodata.formats.gpkg import to_gpkg
from geodata.formats.parquet import to_parquet
from geodata.records import Record

FORMATS = ("geojson", "csv", "gpkg", "parquet")

WRITERS: dict[str, Callable[[Sequence[Record], str | os.PathLike[str]], int]] = {
    "geojson": to_geojson,
    "csv": to_csv,
    "gpkg": to_gpkg,
    "parquet": to_parquet,
}
SUFFIXES = {
    "json": "geojson",
    "geojson": "geojson",
    "csv": "csv",
    "gpkg": "gpkg",
    "parquet": "parquet",
    "geoparquet": "parquet",
}


def export_format(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """`fmt`, else the format the file's suffix names (.geojson/.json, .csv, .gpkg, .parquet/.geoparquet)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    fmt = (fmt or SUFFIXES.get(suffix, "")).lower()
    if fmt not in WRITERS:
        msg = (
            f"unknown export format {fmt or suffix!r}; "
            "choose geojson, csv, gpkg or parquet (--format or the file suffix)."
        )
        raise InputError(msg)
    return fmt


def check_target(path: str | os.PathLike[str], fmt: str) -> None:
    """Refuse a folder as the file to write, before any work is done."""
    if Path(path).is_dir():
        example = Path(path) / f"features.{fmt}"
        msg = f"{str(path)!r} is a folder, not a file; give the file to write, e.g. {str(example)!r}."
        raise InputError(msg)


def export(records: Sequence[Record], path: str | os.PathLike[str], fmt: str | None = None) -> int:
    """Write `records` as `fmt` (else guessed from the file's suffix); the number written."""
    fmt = export_format(path, fmt)
    check_target(path, fmt)
    try:
        return WRITERS[fmt](records, path)
    except OSError as exc:
        msg = f"cannot write {str(path)!r}: {exc.strerror or exc}."
        raise InputError(msg) from None
