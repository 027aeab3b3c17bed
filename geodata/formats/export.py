"""Write what a query selected: GeoJSON, ACLED-style CSV, GeoPackage or GeoParquet, by format or file suffix.

Every writer takes records and turns them into its format itself; each writes
beside the target and renames into place, so a failed export never leaves
half a file behind. The target's folder must exist unless `parents` is true
(a typo in a folder name is refused, not created). `-` is standard output:
the same bytes the file would hold.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from geodata.errors import InputError
from geodata.formats.acled_csv import to_csv
from geodata.formats.files import atomic_path
from geodata.formats.geojson import json_value, to_geojson
from geodata.formats.gpkg import to_gpkg
from geodata.formats.parquet import to_parquet
from geodata.formats.streams import check_stdout, copy_to_stdout, is_stdout
from geodata.records import Record, Review

FORMATS = ("geojson", "csv", "gpkg", "parquet")
UNREVIEWED = Review("unreviewed")

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
    """`fmt`, else the format the file's suffix names (.geojson/.json, .csv, .gpkg, .parquet/.geoparquet);
    standard output (`-`) is GeoJSON unless `fmt` says otherwise."""
    suffix = Path(path).suffix.lower().lstrip(".")
    fmt = (fmt or ("geojson" if is_stdout(path) else SUFFIXES.get(suffix, ""))).lower()
    if fmt not in WRITERS:
        msg = (
            f"unknown export format {fmt or suffix!r}; "
            "choose geojson, csv, gpkg or parquet (--format or the file suffix)."
        )
        raise InputError(msg)
    return fmt


def check_target(path: str | os.PathLike[str], fmt: str, *, parents: bool = False) -> None:
    """Refuse, before any work is done, a folder as the file to write, a folder that does not exist
    (unless `parents`: it will be created), a file as its folder, a binary format on a terminal."""
    if is_stdout(path):
        check_stdout(fmt)
        return
    target = Path(path)
    try:
        if target.is_dir():
            example = target / f"features.{fmt}"
            msg = f"{str(path)!r} is a folder, not a file; give the file to write, e.g. {str(example)!r}."
            raise InputError(msg)
        folder = target.parent
        if folder.is_dir() or parents:
            return
        exists = folder.exists()
    except OSError as exc:  # a folder on the way that cannot be looked into
        raise InputError(f"cannot write {str(path)!r}: {exc.strerror or exc}.") from None
    if exists:
        raise InputError(f"cannot write {str(path)!r}: {str(folder)!r} is a file, not a folder.")
    msg = f"cannot write {str(path)!r}: the folder {str(folder)!r} does not exist; create it, or add --parents."
    raise InputError(msg)


def export_about(filters: Mapping[str, Any], **more: Any) -> dict[str, Any]:
    """What an export records of itself: the tool, when (UTC), and the filters that chose its features
    (`Filters.described()`; the dashboard adds its timeline's range and the map's view to them)."""
    when = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return {"tool": "Khareeta", "exported_at": when, "filters": dict(filters), **more}


def _writer(fmt: str, about: Mapping[str, Any] | None) -> Callable[[Sequence[Record], str | os.PathLike[str]], int]:
    """The format's writer; GeoJSON's, GeoPackage's and GeoParquet's record `about` (how the features were
    chosen) in the file."""
    if fmt == "geojson" and about is not None:
        return functools.partial(to_geojson, about=about)
    if fmt == "gpkg" and about is not None:
        return functools.partial(to_gpkg, about=about)
    if fmt == "parquet" and about is not None:
        return functools.partial(to_parquet, about=about)
    return WRITERS[fmt]


ABOUT_SUFFIX = ".about.json"  # a CSV's sidecar: `khareeta.csv` -> `khareeta.csv.about.json`


def sidecar_path(path: str | os.PathLike[str]) -> Path:
    """Where a CSV export's `about` goes: beside it (the ACLED columns have no room for it)."""
    return Path(f"{os.fspath(path)}{ABOUT_SUFFIX}")


def about_json(about: Mapping[str, Any]) -> str:
    """`about` as the sidecar holds it: indented JSON, names in their own script."""
    return json.dumps(json_value(dict(about)), ensure_ascii=False, indent=2) + "\n"


def export(
    records: Sequence[Record],
    path: str | os.PathLike[str],
    fmt: str | None = None,
    *,
    parents: bool = False,
    about: Mapping[str, Any] | None = None,
) -> int:
    """Write `records` as `fmt` (else guessed from the file's suffix) to `path` (`-`: standard output),
    creating its folders if `parents`; the number written. `about`: how they were chosen (the filters),
    recorded where the format has room for it (GeoJSON's `khareeta` member, the GeoPackage layers' metadata,
    GeoParquet's `khareeta` metadata item), and for a CSV file in a sidecar `NAME.csv.about.json`. Every
    feature carries its review status, "unreviewed" when no analyst has looked at it."""
    fmt = export_format(path, fmt)
    check_target(path, fmt, parents=parents)
    write = _writer(fmt, about)
    records = [r if r.review is not None else dataclasses.replace(r, review=UNREVIEWED) for r in records]
    try:
        if is_stdout(path):
            return _to_stdout(records, write, fmt)
        if parents:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        n = write(records, path)
        if fmt == "csv" and about is not None:  # beside the file, written whole or not at all
            with atomic_path(sidecar_path(path)) as tmp:
                Path(tmp).write_text(about_json(about), encoding="utf-8")
        return n
    except BrokenPipeError:  # the reader of standard output went away: the command's to handle
        raise
    except OSError as exc:
        msg = f"cannot write {str(path)!r}: {exc.strerror or exc}."
        raise InputError(msg) from None


def _to_stdout(
    records: Sequence[Record], write: Callable[[Sequence[Record], str | os.PathLike[str]], int], fmt: str
) -> int:
    """The file `fmt`'s writer makes, copied to standard output: one writer per format, the same bytes
    (GeoPackage and GeoParquet cannot be written as a stream anyway)."""
    with tempfile.TemporaryDirectory(prefix="khareeta-export-") as tmp:
        path = Path(tmp) / f"export.{fmt}"
        n = write(records, path)
        copy_to_stdout(path)
    return n
